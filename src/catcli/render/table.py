"""Rich tables for people. The only module that imports Rich.

Catalog text always enters Rich as ``Text`` (never parsed for markup) after
``printable`` has made control characters visible, so a catalog cannot style,
link or move the cursor of the terminal it is shown on.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from catcli.model import SERVICE_FIELDS, Catalog, Service
from catcli.text import fold, name_key, printable, raw_words

if TYPE_CHECKING:
    from catcli.matrix import MatrixRow
    from catcli.output import Terminal
    from catcli.query import Filters
    from catcli.records import RegionSummary, TypeSummary


Drawable = Table | Group | Text  # what the CLI hands to Output.table

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# A line's tail of blanks and colour codes, in any order: the codes are kept, the blanks go.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)


def to_text(renderable: RenderableType, term: Terminal) -> str:
    """The renderable drawn for this terminal, every line without trailing blanks.

    Width and colour are decided once (catcli.output.terminal), not by Rich
    from the environment: no colour means no escape sequence at all, bold
    included.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=term.width,
        color_system="auto" if term.color else None,
        force_terminal=term.color,
        no_color=False,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return _TRAILING.sub(_codes_only, buffer.getvalue())


def _codes_only(match: re.Match[str]) -> str:
    return "".join(_ESCAPE.findall(match.group()))


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def _type_names(catalog: Catalog) -> dict[str, str]:
    return {t.id: t.name for t in catalog.types}


def _where(service: Service) -> str:
    """'Japan', or 'China & Hong Kong → SEA, United Kingdom' when markets differ."""
    if service.target_markets == (service.registration_region,):
        return service.registration_region
    return f"{service.registration_region} → {', '.join(service.target_markets)}"


NARROW = 70  # below this many columns, tables give way to stacked text


def services_table(
    services: Sequence[Service],
    catalog: Catalog,
    width: int,
    *,
    filters: Filters | None = None,
    highlight: Sequence[str] = (),
    fields: Sequence[str] | None = None,
    headers: bool = True,
) -> Table | Group:
    """The list (and search) layout: what all rows share, and what was asked, goes in the title."""
    names = _type_names(catalog)
    varying_type = len({s.type for s in services}) > 1
    varying_where = len({(s.registration_region, s.target_markets) for s in services}) > 1

    def offered_by(service: Service) -> str:
        parts = [names.get(service.type, service.type)] if varying_type else []
        return "\n".join([*parts, _where(service)] if varying_where else parts)

    title = _text(" · ".join(_title(services, catalog, filters)), "bold")
    if fields is not None and tuple(fields) != SERVICE_FIELDS:
        return _fields_table(title, services, fields, highlight, headers)
    if width < NARROW:
        blocks = [
            (
                _marked(f"{s.main_category} › {s.service_category}", highlight, "bold"),
                offered_by(s).replace("\n", " · "),
                _marked(s.definition, highlight, ""),
            )
            for s in services
        ]
        return _stacked(title, blocks)
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=True, show_header=headers)
    if varying_type or varying_where:
        table.add_column("Offered by", overflow="fold", ratio=1, min_width=10)
    table.add_column("Main category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Service category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Definition", overflow="fold", ratio=2, min_width=20)
    _add_grouped_rows(table, services, highlight, offered_by if varying_type or varying_where else None)
    return table


def _add_grouped_rows(
    table: Table,
    services: Sequence[Service],
    highlight: Sequence[str],
    offered_by: Callable[[Service], str] | None,
) -> None:
    """One row per service; a group's repeated type, region and main category printed once."""
    previous: tuple[str, ...] = ()
    for index, service in enumerate(services):
        group = (service.type, service.registration_region, service.main_category)
        cells: list[Text] = []
        if offered_by is not None:
            cells.append(_text(offered_by(service) if group[:2] != previous[:2] else ""))
        cells += [
            _marked(service.main_category if group != previous else "", highlight, "cyan"),
            _marked(service.service_category, highlight, "bold"),
            _marked(service.definition, highlight, ""),
        ]
        following = services[index + 1] if index + 1 < len(services) else None
        next_group = (
            (following.type, following.registration_region, following.main_category) if following else None
        )
        table.add_row(*cells, end_section=next_group != group)
        previous = group


def _fields_table(
    title: Text, services: Sequence[Service], fields: Sequence[str], highlight: Sequence[str], headers: bool
) -> Table:
    """--fields: exactly those fields as columns, in that order, headed by their JSON names."""
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=True, show_header=headers)
    for name in fields:
        table.add_column(name, overflow="fold", ratio=2 if name == "definition" else 1, min_width=8)
    for service in services:
        values = service.as_dict()
        table.add_row(*(_marked(_cell(values[name]), highlight, "") for name in fields))
    return table


def _cell(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _title(services: Sequence[Service], catalog: Catalog, filters: Filters | None) -> list[str]:
    """'7 services · TikTok Shop Partner · registered in SEA (Malaysia) · targeting SEA'."""
    names = _type_names(catalog)
    title = [f"{len(services)} service{'s' if len(services) != 1 else ''}"]
    types = {s.type for s in services}
    wheres = {(s.registration_region, s.target_markets) for s in services}
    if filters is not None and filters.types:
        title.append(" or ".join(names.get(t.name, t.name) for t in filters.types))
    elif len(types) == 1:
        title.append(names.get(services[0].type, services[0].type))
    if filters is not None and filters.regions:
        title.append(
            "registered in " + " or ".join(_asked(catalog, r.name, r.asked) for r in filters.regions)
        )
    elif len(wheres) == 1:
        title.append(f"registered in {services[0].registration_region}")
    if filters is not None and filters.markets:
        title.append("targeting " + " or ".join(_asked(catalog, m.name, m.asked) for m in filters.markets))
    elif len(wheres) == 1:
        title.append(f"targeting {', '.join(services[0].target_markets)}")
    return title


def _asked(catalog: Catalog, name: str, asked: str) -> str:
    """'SEA (Malaysia)' for a member country, 'SEA (Indonesia, …)' for the group, 'Japan' for itself."""
    region = next((r for r in catalog.regions if r.name == name), None)
    if region is None:
        return name
    if name_key(asked) in {name_key(label) for label in (region.name, *region.aliases)}:
        if len(region.countries) > 1:
            return f"{name} ({', '.join(c.name for c in region.countries)})"
        return name
    return f"{name} ({asked})"


def _stacked(title: Text, blocks: Iterable[tuple[Text, str, Text]]) -> Group:
    """For terminals too narrow for columns: per block a heading, where (if any), then the body."""
    parts: list[Text | Padding] = [title]
    for heading, where, body in blocks:
        parts += [Text(""), heading]
        if where:
            parts.append(Padding(_text(where, "italic"), (0, 0, 0, 2)))
        parts.append(Padding(body, (0, 0, 0, 2)))
    return Group(*parts)


def _marked(value: str, highlight: Sequence[str], style: str) -> Text:
    """Catalog text with the words that begin with a search word highlighted."""
    text = _text(value, style)
    if not highlight:
        return text
    plain = text.plain
    position = 0
    for word in raw_words(plain):
        start = plain.index(word, position)
        position = start + len(word)
        folded = fold(word)
        for query in highlight:
            if folded.startswith(query):
                text.stylize("reverse", start, start + len(query))
                break
    return text


def show_table(name: str, services: Sequence[Service], catalog: Catalog, width: int) -> Group:
    """Each distinct definition once, with every type and region offering it."""
    names = _type_names(catalog)
    by_definition: dict[str, list[Service]] = {}
    for service in services:
        by_definition.setdefault(service.definition, []).append(service)
    rows = _show_rows(by_definition, names)
    heading = _text(
        f"{name}: {len(services)} row{'s' if len(services) != 1 else ''}, "
        f"{len(by_definition)} distinct definition{'s' if len(by_definition) != 1 else ''}",
        "bold",
    )
    if width < NARROW:
        return _stacked(heading, ((_text(c, "bold"), offered, _text(d)) for c, d, offered in rows))
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=True)
    table.add_column("Service category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Definition", overflow="fold", ratio=2, min_width=20)
    table.add_column("Offered by", overflow="fold", ratio=2, min_width=14)
    for categories, definition, offered in rows:
        table.add_row(_text(categories, "bold"), _text(definition), _text(offered))
    return Group(heading, table)


def _show_rows(by_definition: dict[str, list[Service]], names: dict[str, str]) -> list[tuple[str, str, str]]:
    """(categories, definition, offered by) for each distinct definition."""
    out = []
    for definition, rows in by_definition.items():
        categories = _unique(f"{s.service_category} ({s.main_category})" for s in rows)
        offered: dict[str, list[str]] = {}
        for service in rows:
            places = offered.setdefault(names.get(service.type, service.type), [])
            if _where(service) not in places:
                places.append(_where(service))
        out.append(
            ("\n".join(categories), definition, "\n".join(f"{t}: {'; '.join(p)}" for t, p in offered.items()))
        )
    return out


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def regions_table(records: Sequence[RegionSummary], width: int) -> Table:
    """Drawn from catcli.records.regions."""
    table = Table(
        box=box.SIMPLE_HEAD, expand=False, title=_text("Registration regions"), title_justify="left"
    )
    table.add_column("Region", overflow="fold", style="bold")
    table.add_column("Countries", overflow="fold")
    table.add_column("Aliases", overflow="fold")
    table.add_column("Target markets", overflow="fold")
    for region in records:
        table.add_row(
            _text(region.name, "bold"),
            _text("\n".join(f"{c.name} ({c.code})" for c in region.countries)),
            _text(", ".join(region.aliases)),
            _text(", ".join(region.target_markets)),
        )
    return table


def types_table(records: Sequence[TypeSummary], width: int) -> Table:
    """Drawn from catcli.records.types."""
    table = Table(box=box.SIMPLE_HEAD, expand=False, title=_text("Partner types"), title_justify="left")
    for column in ("Id", "Name", "Aliases"):
        table.add_column(column, overflow="fold")
    table.add_column("Service categories", justify="right")
    table.add_column("Rows", justify="right")
    for partner in records:
        table.add_row(
            _text(partner.id, "bold"),
            _text(partner.name),
            _text(", ".join(partner.aliases)),
            Text(str(partner.service_categories)),
            Text(str(partner.services)),
        )
    return table


def region_label(catalog: Catalog, name: str) -> str:
    """A short column heading: 'Japan', 'EU', 'USA', 'CN/HK'."""
    region = next((r for r in catalog.regions if r.name == name), None)
    if region is None or len(name) <= 6:
        return name
    if len(region.countries) > 1:
        return "/".join(c.code for c in region.countries)
    short = [a for a in region.aliases if a.isupper() and len(a) <= 3]
    return short[0] if short else region.countries[0].code


def matrix_table(rows: Sequence[MatrixRow], catalog: Catalog, width: int) -> Table:
    names = _type_names(catalog)
    mark = "✓"
    regions = [r.name for r in catalog.regions]
    show_type = len({r.type for r in rows}) > 1
    title = f"Service categories by registration region ({len(rows)} categories)"
    table = Table(box=box.SIMPLE_HEAD, expand=False, title=_text(title), title_justify="left")
    if show_type:
        table.add_column("Type", overflow="fold", max_width=10)
    table.add_column("Main category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Service category", overflow="fold", ratio=1, min_width=12)
    for region in regions:
        table.add_column(region_label(catalog, region), justify="center", no_wrap=True)
    previous = ("", "")
    for row in rows:
        cells: list[Text] = []
        if show_type:
            cells.append(_text(names.get(row.type, row.type) if row.type != previous[0] else ""))
        same_main = (row.type, row.main_category) == previous
        cells.append(_text("" if same_main else row.main_category))
        cells.append(_text(row.service_category, "bold"))
        cells += [Text(mark if r in row.registration_regions else "·") for r in regions]
        table.add_row(*cells)
        previous = (row.type, row.main_category)
    return table
