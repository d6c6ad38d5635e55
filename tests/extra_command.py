"""A command that is not catcli's: registered only by a test, to show that a new command is
walked by every derived test list without editing one."""

from __future__ import annotations

import typer

from catcli.cli.options import Run, Spec, command
from catcli.render import sheet

group = typer.Typer()


@command(group, "regions-again", Spec(record="catcli.records:RegionSummary"))
def regions_again(run: Run) -> None:
    """The registration regions, once more.

    \b
    Examples:
      catcli regions-again
    """
    rows = run.catalog.region_summaries()
    run.out.records(rows, lambda: sheet.regions(rows))
