"""The lookups: list, show, search and check, wired to the Python API's questions."""

from typing import TYPE_CHECKING, Annotated

import typer

from catcli.cli.options import Completed, Run, Spec, command
from catcli.errors import EXIT_NO
from catcli.query import type_names
from catcli.streams import warn
from catcli.text import words

if TYPE_CHECKING:
    from catcli.render.sheet import Sheet

# What a person is shown is drawn by catcli.render.sheet and .text, which each
# view below imports when it runs: a lookup asked for JSON never loads them.

group = typer.Typer()
FILTERED = Spec(filters=("type", "region", "market"), record="catcli.model:Service", pager=True)
SERVICE = Annotated[
    str,
    typer.Argument(
        metavar="SERVICE",
        help="A service or main category, e.g. 'Paid Media'.",
        click_type=Completed("name"),
    ),
]


@command(group, "list", FILTERED)
def list_(run: Run) -> None:
    """List the main and service categories a partner may offer, with definitions.

    Every filter is optional; --region is where the partner is registered,
    --market where its services are sold. An empty answer exits 0 and says
    why on stderr.

    \b
    Examples:
      catcli list --type tsp --region Japan
      catcli list --market UK --json
      catcli list -r Japan -r Mexico --format csv --fields type,service_category
    """
    catalog = run.catalog
    chosen = catalog.filters(**run.filters)
    rows = chosen.apply(catalog.services)

    def person() -> "Sheet":
        from catcli.render import sheet  # start-up: as said above

        return sheet.services(rows, catalog, filters=chosen)

    run.out.records(rows, person)
    if not rows:
        warn(f"no services: {catalog.why_empty(chosen)}")


@command(group, "show", FILTERED, no="no service or main category by that name, or none with those filters")
def show(run: Run, name: SERVICE) -> None:
    """Show one category: its definition(s) and who may offer it where.

    SERVICE ignores case, spaces and punctuation: 'live stream management'
    finds Live Stream Management, Livestream Management and LIVE Stream
    Management.

    \b
    Examples:
      catcli show 'Paid Media'
      catcli show 'live stream management' --type tsp --json
    """
    catalog = run.catalog
    rows = catalog.show(name, **run.filters)

    def person() -> "Sheet":
        from catcli.render import sheet  # start-up: as said above

        return sheet.show(name, rows, catalog)

    run.out.records(rows, person)


@command(group, "search", FILTERED, no="nothing matched (like grep)")
def search(
    run: Run,
    terms: Annotated[
        list[str],
        typer.Argument(metavar="WORDS", help="Words (quoted or not); each must begin a word of the row."),
    ],
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
    catalog = run.catalog
    rows = [hit.service for hit in catalog.search(text, **run.filters)]
    chosen = catalog.filters(**run.filters)

    def person() -> "Sheet":
        from catcli.render import sheet  # start-up: as said above

        return sheet.services(rows, catalog, filters=chosen, highlight=words(text))

    run.out.records(rows, person)


@command(
    group,
    "check",
    Spec(filters=("type", "region", "market"), once=True, record="catcli.records:Answer"),
    no="not eligible (the answer says where SERVICE is offered)",
)
def check(run: Run, service: SERVICE) -> int:
    """May this partner offer SERVICE? Exit 0 if so, 1 if not (saying why and where it is offered).

    SERVICE may be a service category or a main category. --type and
    --region are required, once each. A SERVICE that is in no row is a
    usage error (exit 2, with the closest names), never a 'no'.

    \b
    Examples:
      catcli check 'Paid Media' --type tsp --region Japan
      catcli check 'Paid Media' --type tsp --region de || echo 'not in the EU'
    """
    answer = run.catalog.check(service, **run.filters)
    type_name = type_names(run.catalog).get(answer.type, answer.type)

    def person() -> str:
        from catcli.render.text import sentence  # start-up: as said above

        return sentence(answer, type_name)

    run.out.answer(answer, person)
    return 0 if answer.eligible else EXIT_NO
