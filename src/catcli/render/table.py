"""Rich tables for people. The only module that imports Rich.

Catalog text always enters Rich as ``Text`` (never parsed for markup) after
``printable`` has made control characters visible, so a catalog cannot style,
link or move the cursor of the terminal it is shown on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from catcli.catalog import Catalog, Service
from catcli.text import fold, printable, raw_words

if TYPE_CHECKING:
    from catcli.matrix import MatrixRow


def console() -> Console:
    """Rich finds width (COLUMNS or the terminal) and colour (tty, NO_COLOR) itself."""
    return Console(file=sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=False)


def show(renderable: Table | Group | Text) -> None:
    console().print(renderable)


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
    services: Sequence[Service], catalog: Catalog, highlight: Sequence[str] = ()
) -> Table | Group:
    """The list (and search) layout: what all rows share goes in the title."""
    names = _type_names(catalog)
    varying_type = len({s.type for s in services}) > 1
    varying_where = len({(s.registration_region, s.target_markets) for s in services}) > 1
    title = [f"{len(services)} service{'s' if len(services) != 1 else ''}"]
    if services and not varying_type:
        title.append(names.get(services[0].type, services[0].type))
    if services and not varying_where:
        title.append(f"registered in {services[0].registration_region}")
        title.append(f"targeting {', '.join(services[0].target_markets)}")

    def offered_by(service: Service) -> str:
        parts = [names.get(service.type, service.type)] if varying_type else []
        return "\n".join([*parts, _where(service)] if varying_where else parts)

    if console().width < NARROW:
        blocks = [
            (
                _marked(f"{s.main_category} › {s.service_category}", highlight, "bold"),
                offered_by(s).replace("\n", " · "),
                _marked(s.definition, highlight, ""),
            )
            for s in services
        ]
        return _stacked(_text(" · ".join(title), "bold"), blocks)
    table = Table(title=_text(" · ".join(title)), box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    if varying_type or varying_where:
        table.add_column("Offered by", overflow="fold", ratio=1, min_width=10)
    table.add_column("Main category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Service category", overflow="fold", ratio=1, min_width=10)
    table.add_column("Definition", overflow="fold", ratio=2, min_width=20)
    previous: tuple[str, ...] = ()
    for index, service in enumerate(services):
        group = (service.type, service.registration_region, service.main_category)
        cells: list[Text] = []
        if varying_type or varying_where:
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
    return table


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


def show_table(name: str, services: Sequence[Service], catalog: Catalog) -> Group:
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
    if console().width < NARROW:
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


def regions_table(records: Sequence[Mapping[str, Any]]) -> Table:
    """Drawn from catcli.summary.regions records."""
    table = Table(
        box=box.SIMPLE_HEAD, expand=False, title=_text("Registration regions"), title_justify="left"
    )
    table.add_column("Region", overflow="fold", style="bold")
    table.add_column("Countries", overflow="fold")
    table.add_column("Aliases", overflow="fold")
    table.add_column("Target markets", overflow="fold")
    for region in records:
        table.add_row(
            _text(region["name"], "bold"),
            _text("\n".join(f"{c['name']} ({c['code']})" for c in region["countries"])),
            _text(", ".join(region["aliases"])),
            _text(", ".join(region["target_markets"])),
        )
    return table


def types_table(records: Sequence[Mapping[str, Any]]) -> Table:
    """Drawn from catcli.summary.types records."""
    table = Table(box=box.SIMPLE_HEAD, expand=False, title=_text("Partner types"), title_justify="left")
    for column in ("Id", "Name", "Aliases"):
        table.add_column(column, overflow="fold")
    table.add_column("Service categories", justify="right")
    table.add_column("Rows", justify="right")
    for partner in records:
        table.add_row(
            _text(partner["id"], "bold"),
            _text(partner["name"]),
            _text(", ".join(partner["aliases"])),
            Text(str(partner["service_categories"])),
            Text(str(partner["services"])),
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


def matrix_table(rows: Sequence[MatrixRow], catalog: Catalog) -> Table:
    names = _type_names(catalog)
    mark = "✓" if "utf" in (console().encoding or "").lower() else "x"
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
