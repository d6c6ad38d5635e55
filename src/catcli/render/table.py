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
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from catcli.model import SERVICE_FIELDS, Catalog, Service
from catcli.text import fold, name_key, printable, raw_words

if TYPE_CHECKING:
    from catcli.query import Filters
    from catcli.records import MatrixRow, RegionSummary, TypeSummary
    from catcli.terminal import Terminal


Drawable = Table | Group | Text  # what the CLI hands to Output.table

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# A line's tail of blanks and colour codes, in any order: the codes are kept, the blanks go.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)


def to_text(renderable: RenderableType, term: Terminal) -> str:
    """The renderable drawn for this terminal, every line without trailing blanks.

    Width and colour are decided once (catcli.terminal.terminal), not by Rich
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


# Column widths. Rich left to itself narrows the widest columns until the table
# fits and then folds whatever no longer fits, in the middle of a word, and crops
# columns that may not wrap. Instead each column gets at least its longest word
# (headers included); when even that does not fit, the caller changes layout.


def _span(header: Text, cells: Iterable[Text], fold_at: int | None = None) -> tuple[int, int]:
    """(narrowest, natural) width of a column: its longest word and its longest line, in cells.

    ``fold_at`` caps the narrowest for cells whose words may be folded (a long
    definition's URL), so that one word does not push the table into another
    layout; the header's words always stay whole.
    """

    def longest(texts: Iterable[Text], measure: Callable[[str], Iterable[str]]) -> int:
        return max((cell_len(part) for text in texts for part in measure(text.plain)), default=0)

    words = longest(cells, str.split)
    narrowest = max(longest([header], str.split), words if fold_at is None else min(words, fold_at))
    return max(narrowest, 1), max(longest([header, *cells], str.splitlines), 1)


def _widths(spans: Sequence[tuple[int, int]], width: int, weights: Sequence[int] = ()) -> list[int] | None:
    """Content widths for a SIMPLE_HEAD table within ``width``; None when the longest words alone do not fit.

    Each column starts at its narrowest and the room left is shared out from the
    narrowest up, a column of weight 2 growing twice as fast (a definition
    beside its labels); no column grows past its natural width.
    """
    room = width - (3 * len(spans) + 1)  # per column: padding either side and a rule; the two edges
    if sum(low for low, _ in spans) > room:
        return None

    def level(cap: int) -> list[int]:
        return [
            min(max(cap * (weights[index] if index < len(weights) else 1), low), max(low, high))
            for index, (low, high) in enumerate(spans)
        ]

    cap = max(c for c in range(max(high for _, high in spans) + 1) if sum(level(c)) <= room)
    widths = level(cap)
    growing = [index for index, (low, high) in enumerate(spans) if widths[index] < high]
    for index in growing[: room - sum(widths)]:
        widths[index] += 1
    return widths


def _fitted(
    title: Text | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    width: int,
    *,
    justify: dict[int, JustifyMethod] | None = None,
    fold_at: dict[int, int] | None = None,
    weights: Sequence[int] = (),
    sections: Sequence[bool] = (),
    expand: bool = False,
    show_header: bool = True,
    show_lines: bool = False,
) -> Table | None:
    """A table whose every column is at least as wide as its longest word, or None if none fits.

    ``sections`` marks the rows after which a rule is drawn (a group ends).
    """
    spans = [
        _span(_text(header), [row[index] for row in rows], (fold_at or {}).get(index))
        for index, header in enumerate(headers)
    ]
    widths = _widths(spans, width, weights)
    if widths is None:
        return None
    table = Table(
        box=box.SIMPLE_HEAD,
        title=title,
        title_justify="left",
        expand=expand,
        show_header=show_header,
        show_lines=show_lines,
    )
    for index, header in enumerate(headers):
        table.add_column(
            _text(header), width=widths[index], justify=(justify or {}).get(index, "left"), overflow="fold"
        )
    for index, row in enumerate(rows):
        table.add_row(*row, end_section=index < len(sections) and sections[index])
    return table


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
        return _fields_table(title, services, fields, highlight, headers, width)
    by = offered_by if varying_type or varying_where else None
    if width >= NARROW:
        columns = [*(["Offered by"] if by else []), "Main category", "Service category", "Definition"]
        rows, sections = _grouped_rows(services, highlight, by)
        table = _fitted(
            title,
            columns,
            rows,
            width,
            fold_at={len(columns) - 1: 20},
            weights=[*([1] * (len(columns) - 1)), 2],
            sections=sections,
            expand=True,
            show_header=headers,
        )
        if table is not None:
            return table
    blocks = [
        (
            _marked(f"{s.main_category} › {s.service_category}", highlight, "bold"),
            by(s).replace("\n", " · ") if by else "",
            _marked(s.definition, highlight, ""),
        )
        for s in services
    ]
    return _stacked(title, blocks)


def _grouped_rows(
    services: Sequence[Service],
    highlight: Sequence[str],
    offered_by: Callable[[Service], str] | None,
) -> tuple[list[list[Text]], list[bool]]:
    """One row per service, and whether a group ends after it; a group's type, region, main category once."""
    rows: list[list[Text]] = []
    groups = [(s.type, s.registration_region, s.main_category) for s in services]
    for index, service in enumerate(services):
        previous = groups[index - 1] if index else ()
        cells: list[Text] = []
        if offered_by is not None:
            cells.append(_text(offered_by(service) if groups[index][:2] != previous[:2] else ""))
        cells += [
            _marked(service.main_category if groups[index] != previous else "", highlight, "cyan"),
            _marked(service.service_category, highlight, "bold"),
            _marked(service.definition, highlight, ""),
        ]
        rows.append(cells)
    ends = [index + 1 == len(groups) or groups[index + 1] != group for index, group in enumerate(groups)]
    return rows, ends


def _fields_table(
    title: Text,
    services: Sequence[Service],
    fields: Sequence[str],
    highlight: Sequence[str],
    headers: bool,
    width: int,
) -> Table | Group:
    """--fields: exactly those fields as columns, in that order, headed by their JSON names.

    When their words do not fit, each row is stacked as 'field: value' lines.
    """
    rows = [
        [_marked(_cell(service.as_dict()[name]), highlight, "") for name in fields] for service in services
    ]
    fold_at = {index: 20 for index, name in enumerate(fields) if name == "definition"}
    weights = [2 if name == "definition" else 1 for name in fields]
    table = _fitted(
        title, fields, rows, width, fold_at=fold_at, weights=weights, expand=True, show_header=headers
    )
    if table is not None:
        return table
    blocks = (
        (Text.assemble(cells[0], style="bold"), "", _labelled(fields[1:], cells[1:], width - 2))
        for cells in rows
    )
    return _stacked(title, blocks)


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
    if width >= NARROW:
        cells = [[_text(c, "bold"), _text(d), _text(offered)] for c, d, offered in rows]
        columns = ("Service category", "Definition", "Offered by")
        table = _fitted(
            None, columns, cells, width, fold_at={1: 20}, weights=(1, 2, 2), expand=True, show_lines=True
        )
        if table is not None:
            return Group(heading, table)
    return _stacked(heading, ((_text(c, "bold"), offered, _text(d)) for c, d, offered in rows))


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


def regions_table(records: Sequence[RegionSummary], width: int) -> Table | Group:
    """Drawn from catcli.records.regions; each region stacked when the columns would break a word."""
    title = _text("Registration regions")
    headers = ("Region", "Countries", "Aliases", "Target markets")
    rows = [
        [
            _text(region.name, "bold"),
            _text("\n".join(f"{c.name} ({c.code})" for c in region.countries)),
            _text(", ".join(region.aliases)),
            _text(", ".join(region.target_markets)),
        ]
        for region in records
    ]
    table = _fitted(title, headers, rows, width)
    if table is not None:
        return table
    return _stacked(title, ((cells[0], "", _labelled(headers[1:], cells[1:], width - 2)) for cells in rows))


def types_table(records: Sequence[TypeSummary], width: int) -> Table | Group:
    """Drawn from catcli.records.types; each type stacked when the columns would break a word."""
    title = _text("Partner types")
    headers = ("Id", "Name", "Aliases", "Service categories", "Rows")
    rows = [
        [
            _text(partner.id, "bold"),
            _text(partner.name),
            _text(", ".join(partner.aliases)),
            Text(str(partner.service_categories)),
            Text(str(partner.services)),
        ]
        for partner in records
    ]
    table = _fitted(title, headers, rows, width, justify={3: "right", 4: "right"})
    if table is not None:
        return table
    blocks = (
        (
            Text.assemble(cells[0], " · ", cells[1], style="bold"),
            "",
            _labelled(headers[2:], cells[2:], width - 2),
        )
        for cells in rows
    )
    return _stacked(title, blocks)


def _labelled(labels: Sequence[str], cells: Sequence[Text], room: int) -> Text:
    """'Label: value' lines for the stacked layout, folded between words with a hanging indent.

    A cell's several lines (a region's countries) are joined with commas.
    """
    lines = []
    for label, cell in zip(labels, cells, strict=True):
        if cell.plain:
            value = Text(", ").join(cell.split("\n"))
            lines.append(_hanging([*_split(_text(f"{label}:", "italic")), *_split(value)], room))
    return Text("\n").join(lines)


def region_label(catalog: Catalog, name: str) -> str:
    """A short column heading: 'Japan', 'EU', 'USA', 'CN/HK'."""
    region = next((r for r in catalog.regions if r.name == name), None)
    if region is None or len(name) <= 6:
        return name
    if len(region.countries) > 1:
        return "/".join(c.code for c in region.countries)
    short = [a for a in region.aliases if a.isupper() and len(a) <= 3]
    return short[0] if short else region.countries[0].code


MARK, NO_MARK = "✓", "·"


def matrix_table(rows: Sequence[MatrixRow], catalog: Catalog, width: int) -> Table | Group:
    """The grid of service categories against regions; a list of where each is offered when it does not fit.

    Nothing is ever cut: the grid is drawn only when every region column and
    every word of the labels fits ``width``.
    """
    names = _type_names(catalog)
    regions = [r.name for r in catalog.regions]
    show_type = len({r.type for r in rows}) > 1
    count = f"{len(rows)} categor{'ies' if len(rows) != 1 else 'y'}"
    title = _text(f"Service categories by registration region ({count})")
    headers = [*(["Type"] if show_type else []), "Main category", "Service category"]
    cells: list[list[Text]] = []
    previous = ("", "")
    for row in rows:
        kind = names.get(row.type, row.type) if row.type != previous[0] else ""
        main = row.main_category if (row.type, row.main_category) != previous else ""
        labels = [*([_text(kind)] if show_type else []), _text(main), _text(row.service_category, "bold")]
        cells.append(labels + [Text(MARK if r in row.registration_regions else NO_MARK) for r in regions])
        previous = (row.type, row.main_category)
    marks: dict[int, JustifyMethod] = {len(headers) + i: "center" for i in range(len(regions))}
    headers += [region_label(catalog, r) for r in regions]
    table = _fitted(title, headers, cells, width, justify=marks)
    return table if table is not None else _matrix_list(title, rows, catalog, width)


def _matrix_list(title: Text, rows: Sequence[MatrixRow], catalog: Catalog, width: int) -> Group:
    """Per main category, each service category and the regions it is offered in, region names whole."""
    names = _type_names(catalog)
    show_type = len({r.type for r in rows}) > 1
    parts: list[RenderableType] = [title]
    previous = ("", "")
    for row in rows:
        if (row.type, row.main_category) != previous:
            kind = f"{names.get(row.type, row.type)} › " if show_type else ""
            parts += [Text(""), _text(kind + row.main_category, "bold")]
        category = _split(_text(row.service_category + ":", "bold"))
        parts.append(
            Padding(_hanging([*category, *_listed(row.registration_regions)], width - 2), (0, 0, 0, 2))
        )
        previous = (row.type, row.main_category)
    offered = {r for row in rows for r in row.registration_regions}
    nowhere = [r.name for r in catalog.regions if r.name not in offered]
    if nowhere:
        parts += [
            Text(""),
            _hanging([*_split(_text("Nothing registered in:", "italic")), *_listed(nowhere)], width),
        ]
    return Group(*parts)


def _split(text: Text) -> list[Text]:
    """A Text's words, styles kept, as tokens for ``_hanging``."""
    return [text[word.start() : word.end()] for word in re.finditer(r"\S+", text.plain)]


def _listed(names: Sequence[str]) -> list[Text]:
    """Names as tokens for ``_hanging``, a comma after all but the last: each name is kept whole."""
    last = len(names) - 1
    return [_text(name + ("," if index < last else "")) for index, name in enumerate(names)]


def _hanging(tokens: Sequence[Text], room: int, indent: str = "  ") -> Text:
    """Tokens joined by spaces, broken only between tokens into lines of ``room`` cells.

    Lines after the first are indented. A token wider than a line is left for
    Rich to wrap at its spaces.
    """
    text = Text()
    used = 0
    for token in tokens:
        size = token.cell_len
        if used and used + 1 + size > room:
            text.append("\n" + indent)
            used = cell_len(indent)
        elif used:
            text.append(" ")
            used += 1
        text.append_text(token)
        used += size
    return text
