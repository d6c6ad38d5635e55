"""The command line: options wired to the catalog, queries and renderers.

Everything that can fail raises a CatcliError; ``_guarded`` turns it into a
message on stderr and an exit code, here and nowhere else. Rich is imported
only when a table is drawn (catcli.render.table), JSON and CSV only when
they are printed.
"""

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from catcli.errors import EXIT_DATA, EXIT_NO, EXIT_USAGE, CatcliError, NotFound, UsageError
from catcli.output import Closed, emit
from catcli.render import OutputFormat
from catcli.text import printable, quoted

if TYPE_CHECKING:
    from catcli.model import Catalog, Service
    from catcli.query import Filters, Selection
    from catcli.records import Answer
    from catcli.render.table import Drawable
    from catcli.terminal import Terminal

_CODES = {
    0: "0  success",
    EXIT_NO: f"{EXIT_NO}  {{no}}",
    EXIT_USAGE: f"{EXIT_USAGE}  usage error: unknown option, value or field (with the closest one)",
    EXIT_DATA: f"{EXIT_DATA}  a catalog or document cannot be read or trusted, or output cannot be written",
}


def _exit_codes(no: str | None = None) -> str:
    """A command's epilog: only the exit codes it can return (1 only where it answers 'no')."""
    lines = [
        _CODES[0],
        *([_CODES[EXIT_NO].format(no=no)] if no else []),
        _CODES[EXIT_USAGE],
        _CODES[EXIT_DATA],
    ]
    return "\b\nExit codes:\n" + "\n".join(f"  {line}" for line in lines)


class _Group(TyperGroup):
    """Usage errors (an unknown option, a missing argument) in catcli's one-line form, exit 2."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            if not standalone_mode:
                raise
            context = getattr(exc, "ctx", None)
            _warn(
                f"error: {exc.format_message()}",
                f"see: {context.command_path if context else 'catcli'} --help",
            )
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            _warn("error: aborted")
            sys.exit(130)
        if standalone_mode:
            sys.exit(code if isinstance(code, int) else 0)
        return code


_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "name": "catcli",
    "help": "Which TikTok Shop Partner Center service categories may a partner offer?\n\n"
    "Offline lookups by partner type, registration region and target market.\n\n"
    "\b\nExamples:\n  catcli list --type tsp --region Japan\n  catcli show 'Paid Media'\n"
    "  catcli list --type tsp --region Japan --json",
    "epilog": _exit_codes("the answer is no (see each command's help)"),
    "rich_markup_mode": None,  # plain help and errors: no Rich import on those paths
    "pretty_exceptions_enable": False,
    "add_completion": False,  # `catcli completion SHELL` instead of two hidden options
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_SETTINGS)
P = ParamSpec("P")
R = TypeVar("R")


class _Command(TyperCommand):
    """Usage lines write arguments as SERVICE and OLD NEW, not Typer's {SERVICE}."""

    def collect_usage_pieces(self, ctx: "click.Context") -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def _command(name: str, no: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a command; its epilog lists the exit codes it returns (1 only where it answers NO)."""
    return app.command(name, cls=_Command, epilog=_exit_codes(no))


def _guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn CatcliError into 'catcli: error: …' plus a hint, and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CatcliError as exc:
            _fail(exc)
        except Closed:
            raise typer.Exit(0) from None

    return wrapper


def _fail(exc: CatcliError) -> NoReturn:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        pass  # the error below is the one to report
    _warn(f"error: {exc.message}", exc.hint)
    raise typer.Exit(exc.exit_code)


def _one_line(text: str) -> str:
    """A message as one safe line: control characters escaped, line breaks too."""
    return printable(text).replace("\n", "\\n")


def _warn(message: str, hint: str | None = None) -> None:
    """A message on stderr, never a traceback, whatever state stderr is in."""
    text = f"catcli: {_one_line(message)}\n" + (f"  hint: {_one_line(hint)}\n" if hint else "")
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


# -- completion: values come from the catalog in use -------------------------


def _complete(kind: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        from catcli.completion import candidates

        return candidates(kind, incomplete)

    return complete


# -- options shared by commands ---------------------------------------------


def _filter(flag: str, short: str, kind: str, help_text: str) -> Any:
    """A --type, --region or --market option: repeatable, completed from the catalog."""
    return typer.Option(flag, short, metavar=flag[2:].upper(), autocompletion=_complete(kind), help=help_text)


_TYPES = "Partner type: tsp, mcn (cap), affiliate."
_REGIONS = "Registration region: a region, alias, country or ISO code (EU, Germany, de, DEU)."
_MARKETS = "Target market, named like a region."
TypeOption = Annotated[
    list[str] | None, _filter("--type", "-t", "type", f"{_TYPES} Repeat for any of several.")
]
RegionOption = Annotated[list[str] | None, _filter("--region", "-r", "region", f"{_REGIONS} Repeatable.")]
MarketOption = Annotated[list[str] | None, _filter("--market", "-m", "region", f"{_MARKETS} Repeatable.")]
# check asks one question: each of these once (a repeat is a usage error that says so).
OneType = Annotated[list[str] | None, _filter("--type", "-t", "type", f"{_TYPES} Required, once.")]
OneRegion = Annotated[list[str] | None, _filter("--region", "-r", "region", f"{_REGIONS} Required, once.")]
OneMarket = Annotated[list[str] | None, _filter("--market", "-m", "region", f"{_MARKETS} At most once.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format.", show_default=False),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,…",
        help="Only these fields, in this order (JSON names: type, registration_region, …).",
    ),
]
NoHeadersOption = Annotated[
    bool, typer.Option("--no-headers", help="Leave out the header line (table, csv, tsv).")
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour or bold (as NO_COLOR=1).")]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="Never page long tables (as CATCLI_PAGER=).")]
CatalogOption = Annotated[
    str | None,
    typer.Option(
        "--catalog",
        metavar="PATH",
        help="Read this catalog. Default: $CATCLI_CATALOG, else your imported catalog, else the bundled one.",
    ),
]


def _version(value: bool) -> None:
    if value:
        from catcli.info import version_line

        try:
            emit(version_line() + "\n")
        except Closed:
            pass
        except CatcliError as exc:
            _fail(exc)
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and catalog edition."
        ),
    ] = False,
) -> None:
    """Which TikTok Shop Partner Center service categories may a partner offer?"""
    if context.invoked_subcommand is None:
        # Bare `catcli` is a request for help: print it to stdout, exit 0.
        typer.echo(context.get_help())
        raise typer.Exit()


# -- output ------------------------------------------------------------------


class Output:
    """What a command prints and how: format, fields, headers, colour, pager."""

    def __init__(
        self,
        fmt: OutputFormat | None,
        as_json: bool,
        *,
        fields: str | None = None,
        headers: bool = True,
        color: bool = True,
        pager: bool = True,
    ) -> None:
        if as_json and fmt not in (None, OutputFormat.JSON):
            raise UsageError(f"--json contradicts --format {fmt.value}", hint="give one of them")
        self.format = OutputFormat.JSON if as_json else (fmt or OutputFormat.TABLE)
        self.fields = fields
        if fields is not None:  # only service rows take --fields: refuse a bad one before any work
            from catcli.model import SERVICE_FIELDS

            self.columns(SERVICE_FIELDS)
        self.headers = headers
        self.color = color
        self.pager = pager

    @property
    def is_table(self) -> bool:
        return self.format is OutputFormat.TABLE

    def columns(self, available: Sequence[str]) -> tuple[str, ...]:
        """--fields, checked against the record's JSON names; all of them without it."""
        if self.fields is None:
            return tuple(available)
        chosen = tuple(dict.fromkeys(f.strip() for f in self.fields.split(",") if f.strip()))
        unknown = [f for f in chosen if f not in available]
        if unknown or not chosen:
            from catcli.errors import UnknownValue
            from catcli.resolve import suggest

            value = unknown[0] if unknown else self.fields
            raise UnknownValue("field", value, suggest(value, available), choices=available)
        return chosen

    def rows(self, records: Sequence[Any], available: Sequence[str]) -> None:
        """Records as rows in a machine format, only the chosen columns."""
        from catcli.model import as_json
        from catcli.render import rows_text

        columns = self.columns(available)
        data = [{k: row[k] for k in columns} for row in map(as_json, records)]
        emit(rows_text(self.format, data, columns, self.headers))

    def one(
        self,
        record: Any,
        available: Sequence[str],
        flat: Sequence[Any] | None = None,
        flat_header: Sequence[str] = (),
    ) -> None:
        """One object (check, info, diff) in a machine format; ``flat`` rows stand in for csv and the like."""
        from catcli.model import as_json
        from catcli.render import object_text, rows_text

        if flat is None or self.format is OutputFormat.JSON:
            emit(object_text(self.format, as_json(record), available, self.headers))
        else:
            emit(rows_text(self.format, [as_json(r) for r in flat], flat_header, self.headers))

    def table(self, renderable: "Drawable") -> None:
        """A Rich renderable, drawn for this terminal, through the pager when long."""
        from catcli.render.table import to_text
        from catcli.terminal import page, pager_command

        term = self.terminal()
        text = to_text(renderable, term)
        command = pager_command(self.pager) if term.is_tty else None
        if command:
            page(text, command, term.height)
        else:
            emit(text)

    def terminal(self) -> "Terminal":
        from catcli.terminal import terminal

        return terminal(no_color=not self.color)


def _output(
    fmt: OutputFormat | None,
    as_json: bool,
    no_color: bool,
    no_pager: bool,
    fields: str | None = None,
    no_headers: bool = False,
) -> Output:
    return Output(fmt, as_json, fields=fields, headers=not no_headers, color=not no_color, pager=not no_pager)


def _load(path: str | None) -> "Catalog":
    from catcli.catalog import load

    return load(path)


def _single(values: Sequence[str] | None, option: str) -> str | None:
    """check asks one question: a repeated option is a usage error, never 'the last one wins'."""
    if not values:
        return None
    if len(values) > 1:
        raise UsageError(
            f"{option} given {len(values)} times; check answers for one partner",
            hint=f"give {option} once, or use 'catcli list' to see several at once",
        )
    return values[0]


def _records(
    out: Output, rows: "Sequence[Any]", available: Sequence[str], draw: "Callable[[], Drawable]"
) -> None:
    """Records in the chosen format: the table ``draw`` makes, or rows of the AVAILABLE fields."""
    if out.is_table:
        out.table(draw())
    else:
        out.rows(rows, available)


def _say_empty(catalog: "Catalog", filters: "Filters") -> None:
    from catcli.query import why_empty

    _warn(f"no services: {why_empty(catalog, filters)}")


# -- commands ----------------------------------------------------------------


@_command("list")
@_guarded
def list_(
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """List the main and service categories a partner may offer, with definitions.

    Every filter is optional; --region is where the partner is registered,
    --market where its services are sold. An empty answer exits 0 and says
    why on stderr.

    \b
    Examples:
      catcli list --type tsp --region Japan
      catcli list --market UK --json
      catcli list --region Japan --region Mexico --format csv --fields service_category,definition
    """
    out = _output(fmt, as_json, no_color, no_pager, fields, no_headers)
    catalog = _load(catalog_path)
    selection = catalog.selection(type_, region, market)
    rows = selection.services

    def draw() -> "Drawable":
        from catcli.render.table import services_table

        columns = out.columns(_service_fields())
        return services_table(
            rows,
            catalog,
            out.terminal().width,
            filters=selection.filters,
            fields=columns,
            headers=out.headers,
        )

    _records(out, rows, _service_fields(), draw)
    if not rows:
        _say_empty(catalog, selection.filters)


def _service_fields() -> tuple[str, ...]:
    from catcli.model import SERVICE_FIELDS

    return SERVICE_FIELDS


@_command("show", no="no service or main category by that name, or none with those filters")
@_guarded
def show(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="A service or main category, e.g. 'Paid Media'.",
            autocompletion=_complete("name"),
        ),
    ],
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """Show one category: its definition(s) and who may offer it where.

    SERVICE ignores case, spaces and punctuation: 'live stream management'
    finds Live Stream Management, Livestream Management and LIVE Stream
    Management.

    \b
    Examples:
      catcli show 'Paid Media'
      catcli show 'live stream management' --type tsp --json
    """
    out = _output(fmt, as_json, no_color, no_pager, fields, no_headers)
    catalog = _load(catalog_path)
    from catcli.query import by_name

    selection = catalog.selection(type_, region, market)
    named = by_name(catalog.services, name)
    rows = selection.filters.select(named)

    def draw() -> "Drawable":
        from catcli.render.table import services_table, show_table

        if out.fields is not None:  # chosen fields: the plain field table, like list
            width = out.terminal().width
            return services_table(
                rows, catalog, width, fields=out.columns(_service_fields()), headers=out.headers
            )
        return show_table(name, rows, catalog, out.terminal().width)

    if rows or not out.is_table:
        _records(out, rows, _service_fields(), draw)
    if not rows:
        raise _not_shown(name, catalog, selection, named)


def _not_shown(name: str, catalog: "Catalog", selection: "Selection", named: "Sequence[Service]") -> NotFound:
    """No row is a 'no' (exit 1): a name in no row gets the closest names; else where it is offered."""
    from catcli.query import offered_at, unknown_name, why_empty

    if not named:
        message, close = unknown_name(name, catalog)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        return NotFound(message, hint=f"{hint}Find names with: catcli search WORDS, or catcli list")
    offered = f"it is offered to: {', '.join(offered_at(named))}"
    why = f"{why_empty(catalog, selection.filters)}; {offered}" if not selection.services else offered
    return NotFound(f"{quoted(name)} is not offered with those filters", hint=why)


@_command("search", no="nothing matched (like grep)")
@_guarded
def search(
    terms: Annotated[
        list[str],
        typer.Argument(metavar="WORDS", help="Words (quoted or not); each must begin a word of the row."),
    ],
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """Find services by words in their names or definitions. Exit 1 when nothing matches.

    Every word must begin some word of the main category, service category
    or definition ('live' finds LIVE and livestream, not delivering). Case,
    accents, hyphens and word breaks are ignored: 'livestream', 'live stream'
    and 'Live-Stream' find the same rows. Name matches rank first.

    \b
    Examples:
      catcli search live
      catcli search 'short video' --region SEA --json
    """
    text = " ".join(terms)
    out = _output(fmt, as_json, no_color, no_pager, fields, no_headers)
    catalog = _load(catalog_path)
    from catcli.search import search as find

    selection = catalog.selection(type_, region, market)
    rows = [hit.service for hit in find(selection.services, text)]

    def draw() -> "Drawable":
        from catcli.render.table import services_table
        from catcli.text import words

        return services_table(
            rows,
            catalog,
            out.terminal().width,
            filters=selection.filters,
            highlight=words(text),
            fields=out.columns(_service_fields()),
            headers=out.headers,
        )

    if rows or not out.is_table:
        _records(out, rows, _service_fields(), draw)
    if not rows:
        raise _nothing_matches(text, catalog, selection)


def _nothing_matches(text: str, catalog: "Catalog", selection: "Selection") -> NotFound:
    """No hit is a 'no' (exit 1, like grep), with a spelling that does hit, if there is one."""
    from catcli.search import respelling

    if not selection.services:  # nothing to search in: the filters alone rule everything out
        from catcli.query import why_empty

        return NotFound(f"nothing matches {quoted(text)}: {why_empty(catalog, selection.filters)}")
    close = respelling(selection.services, text)
    hint = f"did you mean {close!r}?" if close else "see everything with: catcli list"
    filtered = " with those filters" if any(selection.filters) else ""
    return NotFound(f"nothing matches {quoted(text)}{filtered}", hint)


@_command("regions")
@_guarded
def regions(
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """Registration regions: member countries, aliases and the markets they may target.

    \b
    Examples:
      catcli regions
      catcli regions --json
    """
    from catcli import records

    out = _output(fmt, as_json, no_color, no_pager, None, no_headers)
    rows = records.regions(_load(catalog_path))

    def draw() -> "Drawable":
        from catcli.render.table import regions_table

        return regions_table(rows, out.terminal().width)

    _records(out, rows, records.fields(records.RegionSummary), draw)


@_command("types")
@_guarded
def types(
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """Partner types: id, name, aliases and how many service categories each offers.

    \b
    Examples:
      catcli types
      catcli types --json
    """
    from catcli import records

    out = _output(fmt, as_json, no_color, no_pager, None, no_headers)
    rows = records.types(_load(catalog_path))

    def draw() -> "Drawable":
        from catcli.render.table import types_table

        return types_table(rows, out.terminal().width)

    _records(out, rows, records.fields(records.TypeSummary), draw)


@_command("matrix")
@_guarded
def matrix(
    type_: TypeOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    catalog_path: CatalogOption = None,
) -> None:
    """Service categories against registration regions: where each is offered.

    Spellings that differ only in case, spaces or punctuation share a row.
    When the grid does not fit the terminal, each category lists its regions
    instead: no column is ever cut. CSV, TSV and markdown have one column per
    registration region.

    \b
    Examples:
      catcli matrix --type tsp
      catcli matrix --format csv
    """
    out = _output(fmt, as_json, no_color, no_pager, None, no_headers)
    catalog = _load(catalog_path)
    from catcli.matrix import matrix as tabulate
    from catcli.records import grid_rows

    selection = catalog.selection(type_, None, market)
    rows = tabulate(selection.services, catalog.regions)
    if out.is_table:
        from catcli.render.table import matrix_table

        out.table(matrix_table(rows, catalog, out.terminal().width))
    elif out.format in (OutputFormat.JSON, OutputFormat.JSONL):
        from catcli.records import MatrixRow

        out.rows(rows, MatrixRow._fields)
    else:
        header, flat = grid_rows(rows, catalog.regions)
        from catcli.render import rows_text

        emit(rows_text(out.format, flat, header, out.headers))
    if not rows:
        _say_empty(catalog, selection.filters)


@_command("check", no="not eligible (the answer says where SERVICE is offered)")
@_guarded
def check(
    service: Annotated[
        str,
        typer.Argument(
            metavar="SERVICE",
            help="A service or main category, e.g. 'Paid Media'.",
            autocompletion=_complete("name"),
        ),
    ],
    type_: OneType = None,
    region: OneRegion = None,
    market: OneMarket = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    catalog_path: CatalogOption = None,
    no_color: NoColorOption = False,
) -> None:
    """May this partner offer SERVICE? Exit 0 if so, 1 if not (saying why and where it is offered).

    SERVICE may be a service category or a main category. --type and
    --region are required, once each. A SERVICE that is in no row is a
    usage error (exit 2, with the closest names), never a 'no'.

    \b
    Examples:
      catcli check 'Paid Media' --type tsp --region Japan
      catcli check 'Paid Media' --type tsp --region de || echo 'not in the EU'
    """
    out = _output(fmt, as_json, no_color, True, None, no_headers)
    partner, registered = _single(type_, "--type"), _single(region, "--region")
    target = _single(market, "--market")
    if partner is None or registered is None:
        missing = "--type" if partner is None else "--region"
        raise UsageError(
            f"check needs {missing}", hint="e.g. catcli check 'Paid Media' --type tsp --region Japan"
        )
    answer = _load(catalog_path).check(service, partner, registered, target)
    if out.is_table:
        emit(printable(_sentence(answer)) + "\n")
    else:
        from catcli.records import Answer

        out.one(answer, Answer._fields)
    if not answer.eligible:
        raise typer.Exit(EXIT_NO)


def _sentence(answer: "Answer") -> str:
    """'yes: …' with the definition (or a main category's service categories), or 'no: …' and why."""
    from catcli.text import name_key

    target = f" targeting {answer.target_market}" if answer.target_market else ""
    who = f"{answer.type} partners registered in {answer.registration_region}{target}"
    rows = answer.services or answer.alternatives
    asked = name_key(answer.service)
    named = [r for r in rows if name_key(r.service_category) == asked]
    if named:  # a service category (perhaps also a main category elsewhere)
        what = f"{named[0].service_category} ({named[0].main_category})"
    else:  # a main category, answered for as a whole
        what = f"{rows[0].main_category} (main category)"
    if not answer.eligible:
        return f"no: {who} may not offer {what}; {answer.reason}"
    if named:
        return f"yes: {who} may offer {what}: {' '.join(named[0].definition.split())}"
    categories = ", ".join(dict.fromkeys(r.service_category for r in rows))
    return f"yes: {who} may offer {what}, as service categories {categories}"


@_command("info")
@_guarded
def info(
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    catalog_path: CatalogOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The catalog in use: which file and why, its edition and source, counts, catcli's version.

    \b
    Examples:
      catcli info
      catcli info --json | jq -r .catalog_path
    """
    from catcli.info import describe, render_text

    out = _output(fmt, as_json, no_color, True, None, no_headers)
    record = describe(catalog_path)
    if out.is_table:
        emit(printable(render_text(record)))
    else:
        from catcli.records import Info

        out.one(record, Info._fields)


@_command("import")
@_guarded
def import_(
    document: Annotated[
        str | None,
        typer.Argument(
            metavar="DOCUMENT", help="A Partner Center service-category document.", show_default=False
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the catalog to FILE (atomically), '-' for stdout."
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base", metavar="CATALOG", help="Take types and regions from here. Default: the bundled one."
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition", metavar="YYYY-MM-DD", help="The day the document was taken. Default: today."
        ),
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Remove your imported catalog: answer from the bundled one again.")
    ] = False,
    no_color: NoColorOption = False,
) -> None:
    """Build a catalog from a Partner Center document; by default it becomes your catalog.

    Without --output the catalog is written to your user catalog
    ($XDG_DATA_HOME/catcli/catalog.toml, default ~/.local/share/catcli/),
    which every lookup then reads; 'catcli import --reset' goes back to the
    bundled catalog. The document is markdown: '# TSP', '# MCN/CAP' and
    '# Affiliate Partner' over five-column tables, empty cells continuing the
    cell above, <br> line breaks, mojibake. Nothing is written unless the
    whole import works.

    \b
    Examples:
      catcli import partner-center.md --edition 2026-11-24
      catcli import partner-center.md --output catalog.toml
      catcli import partner-center.md -o - | catcli diff catalog.toml -
      catcli import --reset
    """
    from catcli import maintain

    if reset:
        if document or output:
            raise UsageError("--reset takes no DOCUMENT or --output")
        _warn(maintain.reset())
        return
    if document is None:
        raise UsageError("import needs a DOCUMENT", hint="catcli import partner-center.md, or --reset")
    imported = maintain.import_document(document, base, edition, output)
    if imported.target is None:
        emit(imported.text)
    else:
        _warn(maintain.import_summary(imported))


@_command("validate", no="problems found")
@_guarded
def validate(
    path: Annotated[
        str | None,
        typer.Argument(metavar="[CATALOG]", help="Default: the catalog in use.", show_default=False),
    ] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    catalog_path: CatalogOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check a catalog and report every problem with its location. Exit 0 if valid, 1 if not.

    \b
    Examples:
      catcli validate
      catcli validate edited.toml --json
    """
    from catcli import records
    from catcli.catalog import validate as check_file
    from catcli.files import checked_path
    from catcli.location import locate

    out = _output(fmt, as_json, no_color, True, None, no_headers)
    target = checked_path(path, "CATALOG") if path is not None else locate(catalog_path).path
    checked, found = check_file(target)
    problems = records.problems(str(target), found)
    if not out.is_table:
        out.rows(problems, records.fields(records.ProblemRecord))
    elif problems:
        emit(
            "".join(
                printable(f"{_position(p)} {p.entry + ': ' if p.entry else ''}{p.message}") + "\n"
                for p in problems
            )
        )
        _warn(f"{target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    elif checked is not None:
        counts = (
            f"{len(checked.types)} types, {len(checked.regions)} regions, {len(checked.services)} services"
        )
        emit(printable(f"{target}: valid ({counts})") + "\n")
    if problems:
        raise typer.Exit(EXIT_NO)


def _position(problem: Any) -> str:
    """'file:line:column:' as compilers print it, with what is known."""
    return ":".join([problem.file, *(str(n) for n in (problem.line, problem.column) if n)]) + ":"


@_command("diff", no="the catalogs differ (like diff)")
@_guarded
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The catalog before ('-' for stdin).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The catalog after ('-' for stdin).")],
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    no_headers: NoHeadersOption = False,
    no_color: NoColorOption = False,
) -> None:
    """What changed between two catalogs, grouped by type and region. Exit 0 if identical, 1 if not.

    \b
    Examples:
      catcli diff old.toml catalog.toml
      catcli diff old.toml catalog.toml --format csv
    """
    from catcli.diff import compare, render_text
    from catcli.maintain import load_for_diff

    out = _output(fmt, as_json, no_color, True, None, no_headers)
    if old == new == "-":
        raise UsageError("standard input can be read once: give '-' for OLD or NEW, not both")
    changes = compare(load_for_diff(old), load_for_diff(new))
    if out.is_table:
        emit(printable(render_text(changes)) if changes else "no differences\n")
    else:
        from catcli import records

        report, rows = records.diff_report(changes), records.diff_rows(changes)
        out.one(
            report, records.fields(records.DiffReport), flat=rows, flat_header=records.fields(records.DiffRow)
        )
    if changes:
        raise typer.Exit(EXIT_NO)


@_command("completion")
@_guarded
def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
    no_color: NoColorOption = False,
) -> None:
    """Print the shell completion script for SHELL.

    \b
    Examples:
      catcli completion bash > ~/.local/share/bash-completion/completions/catcli
      catcli completion zsh > "${fpath[1]}/_catcli"
      catcli completion fish > ~/.config/fish/completions/catcli.fish
    """
    from catcli.completion import script

    emit(script(shell))


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run for argv: just the named command when there is one.

    Typer builds a click command for every registered command on every run;
    building only the one asked for keeps start-up flat as commands are added
    (click's lazy-group idea). Anything else (help, a typo, completion) gets
    the whole app, so its messages and suggestions are unchanged.
    """
    if argv and not argv[0].startswith("-"):
        chosen = [c for c in app.registered_commands if c.name == argv[0]]
        if chosen:
            lean = typer.Typer(**_SETTINGS)
            lean.registered_callback = app.registered_callback
            lean.registered_commands = chosen
            return lean
    return app


def main() -> None:
    """Console-script entry point: output problems end in one stderr line, never a traceback."""
    if sys.stdout is None:
        _warn("error: cannot write output: standard output is closed")
        sys.exit(EXIT_DATA)
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    if "_CATCLI_COMPLETE" in os.environ:  # completion.COMPLETE_VAR: a shell asking; Typer's classes needed
        from typer._completion_classes import completion_init

        completion_init()
    code = 0
    try:
        app_for(sys.argv[1:])(prog_name="catcli")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:  # click's own writes (help, usage) are not checked like emit's
        _warn(f"error: cannot write output: {exc.strerror or exc}")
        code = EXIT_DATA
    if code != EXIT_DATA:  # an output failure is reported once, not again by this flush
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        except OSError as exc:
            _warn(f"error: cannot write output: {exc.strerror or exc}")
            code = EXIT_DATA
    # A reader that went away must not make the interpreter complain at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(code)
