"""The maintenance commands: import, validate and diff, wired to catcli.maintain and catcli.diff."""

from typing import Annotated

import typer

from catcli import maintain
from catcli.cli.options import Completed, Run, Spec, command
from catcli.diff import compare
from catcli.errors import EXIT_NO, UsageError
from catcli.files import checked_path
from catcli.loading import validate as problems_of
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
            help="A Partner Center service-category document.",
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
    reset: Annotated[
        bool, typer.Option("--reset", help="Remove your imported catalog: answer from the bundled one again.")
    ] = False,
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
    if reset:
        if document or output:
            raise UsageError("--reset takes no DOCUMENT or --output")
        warn(maintain.reset())
        return
    if document is None:
        raise UsageError("import needs a DOCUMENT", hint="catcli import partner-center.md, or --reset")
    imported = maintain.import_document(document, base, edition, output)
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

    \b
    Examples:
      catcli validate
      catcli validate edited.toml --json
    """
    target = checked_path(path, "CATALOG") if path is not None else locate(run.catalog_path).path
    checked, found = problems_of(target)
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
            metavar="OLD", help="The catalog before ('-' for stdin).", click_type=Completed("file")
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The catalog after ('-' for stdin).", click_type=Completed("file")
        ),
    ],
) -> int:
    """What changed between two catalogs, grouped by type and region. Exit 0 if identical, 1 if not.

    \b
    Examples:
      catcli diff old.toml catalog.toml
      catcli diff old.toml catalog.toml --format csv
    """
    if old == new == "-":
        raise UsageError("standard input can be read once: give '-' for OLD or NEW, not both")
    changes = compare(maintain.load_for_diff(old), maintain.load_for_diff(new))
    run.out.answer(
        diff_report(changes), lambda: text.diff(changes), flat=(fields(DiffRow), diff_rows(changes))
    )
    return EXIT_NO if changes else 0
