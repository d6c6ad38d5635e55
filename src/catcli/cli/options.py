"""Options shared by commands, each declared once, and ``command``, which gives them to a command.

As sqlite-utils' ``@output_options`` and gh's ``AddJSONFlags`` do: a command
declares only its own arguments; ``command`` adds the shared options it asks
for, always in the same order, and hands the command a ``Run``: the output,
ready (its format and fields already checked), and the catalog, read when
first asked for.
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from typer import _click as click
from typer.core import TyperCommand

from catcli.api import Catalog, load
from catcli.errors import EXIT_DATA, EXIT_NO, EXIT_USAGE, NotFound
from catcli.location import FLAG as CATALOG_FLAG
from catcli.render import OutputFormat, named
from catcli.render.output import Output
from catcli.streams import emit

Command = Callable[..., int | None]  # FUNCTION(run, its own arguments) -> exit code, or None for 0


class Completed(click.types.StringParamType):
    """Text whose shell completion is catcli's: KIND is 'type', 'region', 'market', 'name',
    'fields', 'shell' or 'file'. Its module loads only when a shell asks."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from catcli.completion import offer  # a shell is asking: never on a lookup's path

        spec = SPECS.get(ctx.command.name or "")
        record = spec.record_type() if spec is not None and self.kind == "fields" else None
        fields = record._fields if record is not None else ()
        return offer(self.kind, incomplete, ctx.params.get("catalog_path"), fields)


class Shared:
    """One shared option: its parameter's name, its declaration, and the default."""

    __slots__ = ("name", "option", "default")

    def __init__(self, name: str, option: Any, default: Any = None) -> None:
        self.name, self.option, self.default = name, option, default


def _filter(kind: str, once: bool) -> Shared:
    """--type, --region or --market: repeatable ('any of'), or once for check's one question."""
    flag, short, text = _FILTERS[kind]
    how = ("Required, once." if kind != "market" else "At most once.") if once else "Repeatable."
    option = typer.Option(
        flag, short, metavar=flag[2:].upper(), click_type=Completed(kind), help=f"{text} {how}"
    )
    return Shared(f"{kind}_", Annotated[list[str] | None, option])


_FILTERS = {
    "type": ("--type", "-t", "Partner type: tsp, mcn (cap), affiliate."),
    "region": ("--region", "-r", "Registration region: a region, alias, country or ISO code (EU, de, DEU)."),
    "market": ("--market", "-m", "Target market, named like a region."),
}
_FORMAT = Shared(
    "fmt",
    Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format.", show_default=False),
    ],
)
_JSON = Shared("as_json", Annotated[bool, typer.Option("--json", help="Short for --format json.")], False)
_FIELDS = Shared(
    "fields",
    Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,…",
            click_type=Completed("fields"),
            help="Only these fields, in this order (their JSON names).",
        ),
    ],
)
_NO_HEADERS = Shared(
    "no_headers", Annotated[bool, typer.Option("--no-headers", help="Leave out the header line.")], False
)
_NO_COLOR = Shared("no_color", Annotated[bool, typer.Option("--no-color", help="No colour or bold.")], False)
_NO_PAGER = Shared(
    "no_pager", Annotated[bool, typer.Option("--no-pager", help="Never page long tables.")], False
)
_CATALOG = Shared(
    "catalog_path",
    Annotated[
        str | None,
        typer.Option(
            CATALOG_FLAG,
            metavar="PATH",
            click_type=Completed("file"),
            help="Read this catalog. Default: $CATCLI_CATALOG, your imported catalog, the bundled one.",
        ),
    ],
)
_CODES = {
    0: "0  success",
    EXIT_NO: f"{EXIT_NO}  {{no}}",
    EXIT_USAGE: f"{EXIT_USAGE}  usage error: unknown option, value or field (with the closest one)",
    EXIT_DATA: f"{EXIT_DATA}  a catalog, document or output cannot be read, trusted or written",
}


def exit_codes(no: str | None = None) -> str:
    """A command's epilog: only the exit codes it can return (1 only where it answers 'no')."""
    lines = [
        _CODES[0],
        *([_CODES[EXIT_NO].format(no=no)] if no else []),
        _CODES[EXIT_USAGE],
        _CODES[EXIT_DATA],
    ]
    return "\b\nExit codes:\n" + "\n".join(f"  {line}" for line in lines)


class Run:
    """What a command is handed: its output, the filters as given, and the catalog, read on first use."""

    def __init__(self, out: Output, catalog_path: str | None, filters: dict[str, list[str] | None]) -> None:
        self.out = out
        self.catalog_path = catalog_path
        self.filters = filters

    @functools.cached_property
    def catalog(self) -> Catalog:
        """The catalog in use; the answer's output names it as its source."""
        catalog = load(self.catalog_path)
        self.out.cite(catalog.edition)
        return catalog


def show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--help written through catcli's checked output: a reader that goes away ends it quietly,
    as it ends every other output (click's own --help exits 1 on a closed pipe)."""
    if value and not ctx.resilient_parsing:
        emit(ctx.get_help() + "\n")
        ctx.exit()


class CheckedHelp(click.Command):
    """A command whose --help goes through show_help."""

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = show_help
        return option


class _Command(CheckedHelp, TyperCommand):
    """Usage lines write arguments as SERVICE and OLD NEW, not Typer's {SERVICE}."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


class Spec:
    """What a command takes besides its own arguments: the shared options, in their one order.

    RECORD names ('module:Type') the type whose fields are its records' JSON
    keys, imported only when the command runs; None for a command that
    prints no records.
    """

    def __init__(
        self,
        filters: Sequence[str] = (),
        *,
        once: bool = False,
        record: str | None = None,
        fields: bool = True,
        pager: bool = False,
        catalog: bool = True,
    ) -> None:
        self.filters = filters
        self.once = once  # each filter at most once (check)
        self.record = record
        self.fields = fields  # --fields picks among them
        self.pager = pager  # long tables go through a pager
        self.catalog = catalog  # reads a catalog (--catalog)

    def record_type(self) -> type[Any] | None:
        return named(self.record) if self.record is not None else None

    @functools.cached_property
    def options(self) -> list[Shared]:
        """The shared options, in their one order (made once: a command's wrapper asks on every run)."""
        shared = [_filter(kind, self.once) for kind in self.filters]
        if self.record is not None:
            shared += [_FORMAT, _JSON, *([_FIELDS] if self.fields else []), _NO_HEADERS]
        shared += [_NO_COLOR, *([_NO_PAGER] if self.pager else []), *([_CATALOG] if self.catalog else [])]
        return shared


PLAIN = Spec(catalog=False)  # a command that prints no records and reads no catalog
SPECS: dict[str, Spec] = {}  # each registered command's Spec, by name (tests walk it)
_MADE: dict[str, Any] = {}  # each command, once Typer has been given it (a CommandInfo)
_WAITING: dict[str, tuple[typer.Typer, Command, str | None]] = {}


def command(
    group: typer.Typer, name: str, spec: Spec = PLAIN, no: str | None = None
) -> Callable[[Command], Command]:
    """Register FUNCTION(run, …its own arguments) as command NAME, with the shared options SPEC asks for.

    NO says what exit code 1 means for it (none: it never answers 'no'). The
    command is made for Typer only when it is asked for (``made``): a run
    makes the one command it runs, not its module's others.
    """

    def decorate(function: Command) -> Command:
        SPECS[name] = spec
        _WAITING[name] = (group, function, no)
        return function

    return decorate


def made(name: str) -> Any:
    """Command NAME as Typer reads it (a CommandInfo): its own arguments, then the shared options."""
    if name not in _MADE:
        group, function, no = _WAITING.pop(name)
        spec = SPECS[name]
        wrapper = _given_a_run(function, spec)
        own = list(inspect.signature(function).parameters.values())[1:]
        parameters = own + [
            inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=s.default, annotation=s.option)
            for s in spec.options
        ]
        wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        group.command(name, cls=_Command, epilog=exit_codes(no))(wrapper)
        _MADE[name] = group.registered_commands[-1]
    return _MADE[name]


def _given_a_run(function: Command, spec: Spec) -> Command:
    """FUNCTION called with a Run made from the shared options' values, and its own arguments.

    A NotFound still writes an empty answer in a machine format (``[]``), then
    goes on to the error funnel (catcli.cli).
    """

    @functools.wraps(function)
    def wrapper(**given: Any) -> int | None:
        value = {option.name: given.pop(option.name, option.default) for option in spec.options}
        out = Output(
            value.get("fmt"),
            bool(value.get("as_json")),
            record=spec.record_type(),
            fields=value.get("fields"),
            headers=not value.get("no_headers"),
            color=not value.get("no_color"),
            pager=bool(spec.pager and not value.get("no_pager")),
        )
        filters = {kind: value.get(f"{kind}_") for kind in spec.filters}
        try:
            return function(Run(out, value.get("catalog_path"), filters), **given)
        except NotFound:
            out.nothing()
            raise

    return wrapper
