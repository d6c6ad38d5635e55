"""The explore commands: matrix, regions, types and info, wired to the API and the renderers."""

import typer

from catcli.cli.options import Run, Spec, command
from catcli.info import describe
from catcli.model import Edition
from catcli.records import grid_rows
from catcli.render import sheet
from catcli.render.text import info as info_text
from catcli.streams import warn

group = typer.Typer()


@command(group, "matrix", Spec(filters=("type", "market"), record="catcli.records:MatrixRow", pager=True))
def matrix(run: Run) -> None:
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
    catalog = run.catalog
    rows = catalog.matrix(**run.filters)
    run.out.records(
        rows,
        lambda: sheet.matrix(rows, catalog),
        grid=lambda columns: grid_rows(rows, catalog.regions, columns),
    )
    if not rows:
        warn(f"no services: {catalog.why_empty(catalog.filters(**run.filters))}")


@command(group, "regions", Spec(record="catcli.records:RegionSummary", pager=True))
def regions(run: Run) -> None:
    """Registration regions: member countries, aliases and the markets they may target.

    \b
    Examples:
      catcli regions
      catcli regions --json
    """
    rows = run.catalog.region_summaries()
    run.out.records(rows, lambda: sheet.regions(rows))


@command(group, "types", Spec(record="catcli.records:TypeSummary", pager=True))
def types(run: Run) -> None:
    """Partner types: id, name, aliases and how many service categories each offers.

    \b
    Examples:
      catcli types
      catcli types --json
    """
    rows = run.catalog.type_summaries()
    run.out.records(rows, lambda: sheet.types(rows))


@command(group, "info", Spec(record="catcli.records:Info"))
def info(run: Run) -> None:
    """The catalog in use: which file and why, its edition and source, counts, catcli's version.

    \b
    Examples:
      catcli info
      catcli info --json | jq -r .catalog_path
    """
    record = describe(run.catalog_path)
    run.out.cite(Edition(record.source, record.edition, record.imported))
    run.out.answer(record, lambda: info_text(record))
