"""The maintenance commands: import, validate and diff, wired to catcli.maintain and catcli.diff."""

from typing import Annotated

import typer

from catcli import maintain
from catcli.cli.options import Completed, Run, Spec, command
from catcli.diff import compare
from catcli.errors import EXIT_NO, UsageError
from catcli.files import checked_path
from catcli.location import locate
from catcli.records import DiffRow, diff_report, diff_rows, fields, problems
from catcli.render import text
from catcli.streams import emit, warn

group = typer.Typer()


@command(group, "import")
def import_(
    run: Run,
    document: Annotated[
        str | None,
        typer.Argument(
            metavar="DOCUMENT",
            help="The saved page (HTML), a markdown document, or a catalog.",
            show_default=False,
            click_type=Completed("file"),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the catalog to FILE (atomically), '-' for stdout.",
            click_type=Completed("file"),
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="CATALOG",
            help="Take types and regions from here. Default: the bundled one.",
            click_type=Completed("file"),
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition", metavar="YYYY-MM-DD", help="The day the document was taken. Default: today."
        ),
    ] = None,
    reader: Annotated[
        maintain.Reader | None,
        typer.Option(
            "--from",
            case_sensitive=False,
            help="What DOCUMENT is. Default: told from its content.",
            show_default=False,
        ),
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Remove your imported catalog: answer from the bundled one again.")
    ] = False,
) -> None:
    """Build a catalog from the Partner Center page; by default it becomes your catalog.

    DOCUMENT is the service-category page as a browser saves it (File >
    Save Page As..., HTML only or complete), the same page as markdown, or
    a catalog you edited (TOML), which is checked and installed as it is.
    Without --output the catalog is written to your user catalog
    ($XDG_DATA_HOME/catcli/catalog.toml, default ~/.local/share/catcli/),
    which every lookup then reads; 'catcli import --reset' goes back to the
    bundled catalog. Nothing is written unless the whole import works.

    \b
    Examples:
      catcli import partner-center.html --edition 2026-11-24
      catcli import partner-center.md --output catalog.toml
      catcli import edited.toml
      catcli import partner-center.html -o - | catcli diff catalog.toml -
      catcli import --reset
    """
    if reset:
        if document or output:
            raise UsageError("--reset takes no DOCUMENT or --output")
        warn(maintain.reset())
        return
    if document is None:
        raise UsageError("import needs a DOCUMENT", hint="catcli import partner-center.md, or --reset")
    imported = maintain.import_document(document, base, edition, output, reader)
    if imported.target is None:
        emit(imported.text)
    else:
        warn(maintain.import_summary(imported))


@command(group, "validate", Spec(record="catcli.records:ProblemRecord"), no="problems found")
def validate(
    run: Run,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[CATALOG]",
            help="Default: the catalog in use.",
            show_default=False,
            click_type=Completed("file"),
        ),
    ] = None,
) -> int:
    """Check a catalog and report every problem with its location. Exit 0 if valid, 1 if not.

    CATALOG may also be a saved page or a markdown document: it is checked
    as 'catcli import' would read it, and nothing is written.

    \b
    Examples:
      catcli validate
      catcli validate edited.toml --json
      catcli validate partner-center.html
    """
    if path is not None and run.catalog_path is not None:
        raise UsageError(
            "validate checks one catalog: CATALOG and --catalog both name one",
            hint="give the file once: catcli validate FILE",
        )
    target = checked_path(path, "CATALOG") if path is not None else locate(run.catalog_path).path
    checked, found = maintain.check_file(target)
    if checked is not None:
        run.out.cite(checked.edition)
    rows = problems(str(target), found)
    run.out.records(rows, lambda: text.validation(str(target), checked, rows))
    if rows:
        warn(f"{target}: {len(rows)} problem{'s' if len(rows) != 1 else ''}")
    return EXIT_NO if rows else 0


@command(
    group,
    "diff",
    Spec(record="catcli.records:DiffReport", fields=False, catalog=False),
    no="the catalogs differ (like diff)",
)
def diff(
    run: Run,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The catalog (or page) before; '-' for stdin.", click_type=Completed("file")
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The catalog (or page) after; '-' for stdin.", click_type=Completed("file")
        ),
    ],
) -> int:
    """What changed between two catalogs, grouped by type and region. Exit 0 if identical, 1 if not.

    Partner types and regions are compared too (names, aliases, countries),
    since lookups resolve through them. Either side may be a saved page or
    a markdown document, read as 'catcli import' reads it (onto the bundled
    catalog, dated today).

    \b
    Examples:
      catcli diff old.toml catalog.toml
      catcli diff old.toml catalog.toml --format csv
    """
    if old == new == "-":
        raise UsageError("standard input can be read once: give '-' for OLD or NEW, not both")
    before, after = maintain.load_for_diff(old), maintain.load_for_diff(new)
    run.out.cite(before.edition, "old catalog")
    run.out.cite(after.edition, "new catalog")
    changes = compare(before, after)
    run.out.answer(
        diff_report(changes),
        lambda: text.diff(changes),
        flat=(fields(DiffRow), diff_rows(changes)),
        title=lambda: text.diff_summary(changes),
    )
    return EXIT_NO if changes else 0
