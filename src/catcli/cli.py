"""The command line: options wired to the catalog, queries and renderers.

Everything that can fail raises a CatcliError; ``_guarded`` turns it into a
message on stderr and an exit code, here and nowhere else. Rich is imported
only when a table is drawn.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from catcli.errors import (
    EXIT_CATALOG,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    CatcliError,
    NotFound,
    UsageError,
)
from catcli.render import OutputFormat, row_renderer
from catcli.text import printable

if TYPE_CHECKING:
    from catcli.catalog import Catalog, Service
    from catcli.query import Filters
    from catcli.resolve import Resolver

EXIT_CODES = f"""\b
Exit codes:
  0  success (an empty result too)
  {EXIT_NOT_FOUND}  nothing by that name (show); not eligible (check);
     problems found (validate); catalogs differ (diff)
  {EXIT_USAGE}  usage error: unknown type, region, market, option or format
  {EXIT_CATALOG}  a catalog or document cannot be read, parsed or written"""

_SETTINGS: dict[str, Any] = {
    "name": "catcli",
    "help": "Which TikTok Shop Partner Center service categories may a partner offer?\n\n"
    "Offline lookups by partner type, registration region and target market.\n\n"
    "\b\nExamples:\n  catcli list --type tsp --region Japan\n  catcli show 'Paid Media'\n"
    "  catcli list --type tsp --region Japan --json",
    "epilog": EXIT_CODES,
    "rich_markup_mode": None,  # plain help and errors: no Rich import on those paths
    "pretty_exceptions_enable": False,
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_SETTINGS)

P = ParamSpec("P")
R = TypeVar("R")


def _guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn CatcliError into 'catcli: error: …' plus a hint, and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CatcliError as exc:
            _fail(exc)

    return wrapper


def _fail(exc: CatcliError) -> NoReturn:
    sys.stdout.flush()
    sys.stderr.write(f"catcli: error: {printable(exc.message)}\n")
    if exc.hint:
        sys.stderr.write(f"  hint: {printable(exc.hint)}\n")
    raise typer.Exit(exc.exit_code)


# -- completion: values come from the catalog in use -------------------------


def _complete(kind: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        from catcli.catalog import load, resolve_path
        from catcli.text import fold

        try:
            catalog = load(resolve_path(None))
        except CatcliError:
            return []

        if kind == "type":
            labels = [t.id for t in catalog.types]
        else:
            labels = [r.name for r in catalog.regions]
            labels += [c.code for r in catalog.regions for c in r.countries]
            labels += [c.name for r in catalog.regions for c in r.countries]
        # Typer keeps only values that start with what was typed, case and all;
        # keep the user's prefix (resolution ignores case and accents anyway).
        wanted = fold(incomplete)
        matches = [label for label in labels if fold(label).startswith(wanted)]
        rest = [label[len(incomplete) :] for label in matches]
        return list(dict.fromkeys(incomplete + (r.lower() if incomplete.islower() else r) for r in rest))

    return complete


# -- options shared by commands ---------------------------------------------

TypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        autocompletion=_complete("type"),
        help="Partner type: tsp, mcn (cap), affiliate. Repeat for any of several.",
    ),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region",
        "-r",
        metavar="REGION",
        autocompletion=_complete("region"),
        help="Registration region: a region, alias, country or ISO code (EU, Germany, de). Repeatable.",
    ),
]
MarketOption = Annotated[
    list[str] | None,
    typer.Option(
        "--market",
        "-m",
        metavar="MARKET",
        autocompletion=_complete("region"),
        help="Target market, named like a region. Repeatable.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON for scripts (same as --format json).")]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format.", show_default=False),
]
CatalogOption = Annotated[
    str | None,
    typer.Option(
        "--catalog",
        metavar="PATH",
        envvar="CATCLI_CATALOG",
        show_envvar=True,
        help="Read this catalog instead of the shipped one.",
    ),
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("catcli")
        except PackageNotFoundError:
            number = "unknown (not installed)"
        sys.stdout.write(f"catcli {number}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Which TikTok Shop Partner Center service categories may a partner offer?"""


# -- helpers -----------------------------------------------------------------


def _load(path: str | None) -> tuple[Catalog, Resolver]:
    from catcli.catalog import load, resolve_path
    from catcli.resolve import Resolver

    catalog = load(resolve_path(path))
    return catalog, Resolver.for_catalog(catalog)


def _filters(
    resolver: Resolver,
    types: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    markets: Sequence[str] | None = None,
) -> Filters:
    from catcli.query import Filters

    return Filters(
        resolver.types_of(types),
        resolver.regions_of(regions),
        resolver.regions_of(markets, "target market"),
    )


def _format(fmt: OutputFormat | None, as_json: bool) -> OutputFormat:
    if as_json and fmt not in (None, OutputFormat.JSON):
        raise UsageError(f"--json contradicts --format {fmt.value}", hint="give one of them")
    return OutputFormat.JSON if as_json else (fmt or OutputFormat.TABLE)


def _emit(text: str) -> None:
    sys.stdout.write(text)


def _emit_json(value: Any) -> None:
    from catcli.render.formats import to_json

    _emit(to_json(value))


def _draw(build: Callable[[Any], Any]) -> None:
    """Show the table ``build(renderer_module)`` makes; only here is Rich imported."""
    from catcli.render import table as tables

    tables.show(build(tables))


def _emit_rows(rows: Sequence[Service], fmt: OutputFormat, build: Callable[[Any], Any]) -> None:
    """Rows in a machine format, or the table ``build`` makes."""
    if fmt is OutputFormat.TABLE:
        _draw(build)
        return
    from catcli.catalog import SERVICE_KEYS

    _emit(row_renderer(fmt)([s.as_dict() for s in rows], SERVICE_KEYS))


def _json_or_table(value: Any, as_json: bool, build: Callable[[Any], Any]) -> None:
    """value as JSON, or the table ``build`` makes."""
    if as_json:
        _emit_json(value)
    else:
        _draw(build)


def _no_such_name(name: str, catalog: Catalog) -> NotFound:
    from catcli.query import names
    from catcli.resolve import suggest

    close = suggest(name, names(catalog.services))
    hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    return NotFound(
        f"no service or main category named {name!r}",
        hint=f"{hint}Find names with: catcli search WORDS, or catcli list",
    )


# -- commands ----------------------------------------------------------------


@app.command("list", epilog=EXIT_CODES)
@_guarded
def list_(
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    catalog: CatalogOption = None,
) -> None:
    """List the main and service categories a partner may offer, with definitions.

    Every filter is optional; --region is where the partner is registered,
    --market where its services are sold.

    \b
    Examples:
      catcli list --type tsp --region Japan
      catcli list --market UK --json
      catcli list --region Japan --region Mexico --format csv
    """
    out = _format(fmt, as_json)
    cat, resolver = _load(catalog)
    from catcli.query import select

    rows = select(cat.services, _filters(resolver, type_, region, market))
    _emit_rows(rows, out, lambda t: t.services_table(rows, cat))


@app.command("show", epilog=EXIT_CODES)
@_guarded
def show(
    name: Annotated[str, typer.Argument(help="A service or main category, e.g. 'Paid Media'.")],
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Show one category: its definition(s) and who may offer it where.

    NAME ignores case, spaces and punctuation: 'live stream management'
    finds Live Stream Management, Livestream Management and LIVE Stream
    Management.

    \b
    Examples:
      catcli show 'Paid Media'
      catcli show 'live stream management' --type tsp --json
    """
    out = _format(fmt, as_json)
    cat, resolver = _load(catalog)
    from catcli.query import by_name, offered_at, select

    filters = _filters(resolver, type_, region, market)
    named = by_name(cat.services, name)
    rows = select(named, filters)
    if not rows:
        if out is not OutputFormat.TABLE:
            _emit_rows([], out, lambda t: None)
        if not named:
            raise _no_such_name(name, cat)
        places = sorted(offered_at(named))
        raise NotFound(
            f"{name!r} is not offered with those filters",
            hint=f"it is offered to: {', '.join(places)}",
        )
    _emit_rows(rows, out, lambda t: t.show_table(name, rows, cat))


@app.command("search", epilog=EXIT_CODES)
@_guarded
def search(
    text: Annotated[str, typer.Argument(help="Words; each must begin a word of the row.")],
    type_: TypeOption = None,
    region: RegionOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Find services by words in their names or definitions.

    Every word must begin some word of the main category, service category
    or definition ('live' finds LIVE and livestream, not delivering). Name
    matches rank first.

    \b
    Examples:
      catcli search live
      catcli search 'short video' --region SEA --json
    """
    out = _format(fmt, as_json)
    cat, resolver = _load(catalog)
    from catcli.query import select
    from catcli.search import search as find
    from catcli.text import words

    rows = [
        hit.service for hit in find(select(cat.services, _filters(resolver, type_, region, market)), text)
    ]
    _emit_rows(rows, out, lambda t: t.services_table(rows, cat, highlight=words(text)))


@app.command("regions", epilog=EXIT_CODES)
@_guarded
def regions(as_json: JsonOption = False, catalog: CatalogOption = None) -> None:
    """Registration regions: member countries, aliases and the markets they may target.

    \b
    Examples:
      catcli regions
      catcli regions --json
    """
    from catcli import summary

    records = summary.regions(_load(catalog)[0])
    _json_or_table(records, as_json, lambda t: t.regions_table(records))


@app.command("types", epilog=EXIT_CODES)
@_guarded
def types(as_json: JsonOption = False, catalog: CatalogOption = None) -> None:
    """Partner types: id, name, aliases and how many service categories each offers.

    \b
    Examples:
      catcli types
      catcli types --json
    """
    from catcli import summary

    records = summary.types(_load(catalog)[0])
    _json_or_table(records, as_json, lambda t: t.types_table(records))


@app.command("matrix", epilog=EXIT_CODES)
@_guarded
def matrix(
    type_: TypeOption = None,
    market: MarketOption = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
) -> None:
    """Service categories against registration regions: where each is offered.

    Spellings that differ only in case, spaces or punctuation share a row.

    \b
    Examples:
      catcli matrix --type tsp
      catcli matrix --json
    """
    cat, resolver = _load(catalog)
    from catcli.matrix import matrix as tabulate
    from catcli.query import select

    rows = tabulate(select(cat.services, _filters(resolver, type_, None, market)), cat.regions)
    _json_or_table([r.as_dict() for r in rows], as_json, lambda t: t.matrix_table(rows, cat))


@app.command("check", epilog=EXIT_CODES)
@_guarded
def check(
    service: Annotated[str, typer.Argument(help="A service category, e.g. 'Paid Media'.")],
    type_: Annotated[
        str,
        typer.Option("--type", "-t", metavar="TYPE", autocompletion=_complete("type"), help="Partner type."),
    ],
    region: Annotated[
        str,
        typer.Option(
            "--region",
            "-r",
            metavar="REGION",
            autocompletion=_complete("region"),
            help="Registration region.",
        ),
    ],
    market: Annotated[
        str | None,
        typer.Option(
            "--market", "-m", metavar="MARKET", autocompletion=_complete("region"), help="Target market."
        ),
    ] = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
) -> None:
    """May this partner offer SERVICE? Exit 0 if so, 1 if not (saying where it is offered).

    \b
    Examples:
      catcli check 'Paid Media' --type tsp --region Japan
      catcli check 'Paid Media' --type tsp --region de || echo 'not in the EU'
    """
    cat, resolver = _load(catalog)
    from catcli.query import by_service_name, offered_at, select

    filters = _filters(resolver, [type_], [region], [market] if market else None)
    partner = next(iter(filters.types or ()))
    where = next(iter(filters.regions or ()))
    target_market = next(iter(filters.markets)) if filters.markets else None
    named = by_service_name(cat.services, service)
    eligible = select(named, filters)
    if as_json:
        _emit_json(
            {
                "eligible": bool(eligible),
                "service": service,
                "type": partner,
                "registration_region": where,
                "target_market": target_market,
                "services": [s.as_dict() for s in eligible],
                "alternatives": [] if eligible else [s.as_dict() for s in named],
            }
        )
    if not named:
        raise _no_such_name(service, cat)
    target = f" targeting {target_market}" if target_market else ""
    who = f"{partner} partners registered in {where}{target}"
    if eligible:
        if not as_json:
            first = eligible[0]
            _emit(
                printable(
                    f"yes: {who} may offer {first.service_category} ({first.main_category}): "
                    f"{' '.join(first.definition.split())}"
                )
                + "\n"
            )
        return
    places = offered_at(named, with_markets=target_market is not None)
    if not as_json:
        _emit(
            printable(
                f"no: {who} may not offer {named[0].service_category}; it is offered to {', '.join(places)}"
            )
            + "\n"
        )
    raise typer.Exit(EXIT_NOT_FOUND)


@app.command("import", epilog=EXIT_CODES)
@_guarded
def import_(
    document: Annotated[
        str, typer.Argument(metavar="DOCUMENT", help="A Partner Center service-category document.")
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the catalog here (atomically), not to stdout."
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base", metavar="CATALOG", help="Take types and regions from here. Default: the shipped one."
        ),
    ] = None,
) -> None:
    """Build a catalog from a Partner Center document: its services, the base's types and regions.

    The document is markdown: '# TSP', '# MCN/CAP' and '# Affiliate Partner'
    over five-column tables, empty cells continuing the cell above, <br>
    line breaks, mojibake. Nothing is written unless the whole import works.

    \b
    Examples:
      catcli import partner-center.md --output catalog.toml
      catcli import partner-center.md | catcli diff catalog.toml /dev/stdin
    """
    from pathlib import Path

    from catcli.catalog import default_path, load
    from catcli.document import import_file
    from catcli.tomlwrite import write_atomic

    imported = import_file(Path(document), load(Path(base) if base else default_path()))
    if output:
        write_atomic(Path(output), imported)
        sys.stderr.write(f"catcli: wrote {output}\n")
    else:
        _emit(imported)


@app.command("validate", epilog=EXIT_CODES)
@_guarded
def validate(
    path: Annotated[
        str | None,
        typer.Argument(metavar="[CATALOG]", help="Default: the catalog in use.", show_default=False),
    ] = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
) -> None:
    """Check a catalog and report every problem with its location. Exit 0 if valid, 1 if not.

    \b
    Examples:
      catcli validate
      catcli validate edited.toml --json
    """
    from catcli.catalog import resolve_path, validate_file

    target = resolve_path(path or catalog)
    checked, found = validate_file(target)
    problems = sorted(found, key=lambda p: p.line or 0)  # file order; unplaced ones first
    if as_json:
        _emit_json(
            [
                {
                    "file": str(target),
                    "line": p.line,
                    "column": p.column,
                    "entry": p.entry,
                    "message": p.message,
                }
                for p in problems
            ]
        )
    elif problems:
        lines = (f"{_position(target, p.line, p.column)} {_entry(p.entry)}{p.message}" for p in problems)
        _emit("".join(printable(line) + "\n" for line in lines))
        sys.stderr.write(f"catcli: {target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}\n")
    elif checked is not None:
        counts = (
            f"{len(checked.types)} types, {len(checked.regions)} regions, {len(checked.services)} services"
        )
        _emit(f"{target}: valid ({counts})\n")
    if problems:
        raise typer.Exit(EXIT_NOT_FOUND)


def _position(path: object, line: int | None, column: int | None) -> str:
    """'file:line:column:' as compilers print it, with what is known."""
    return ":".join([str(path), *(str(n) for n in (line, column) if n)]) + ":"


def _entry(entry: str) -> str:
    return f"{entry}: " if entry else ""


@app.command("diff", epilog=EXIT_CODES)
@_guarded
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The catalog before.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The catalog after.")],
    as_json: JsonOption = False,
) -> None:
    """What changed between two catalogs, grouped by type and region. Exit 0 if identical, 1 if not.

    \b
    Examples:
      catcli diff old.toml catalog.toml
      catcli diff old.toml catalog.toml --json
    """
    from pathlib import Path

    from catcli.catalog import load
    from catcli.diff import compare, render_text

    changes = compare(load(Path(old)), load(Path(new)))
    if as_json:
        _emit_json(changes.as_dict())
    elif changes:
        _emit(printable(render_text(changes)))
    else:
        _emit("no differences\n")
    if changes:
        raise typer.Exit(EXIT_NOT_FOUND)


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
    """Console-script entry point; ends quietly when the reader closes the pipe."""
    try:
        app_for(sys.argv[1:])(prog_name="catcli")
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
