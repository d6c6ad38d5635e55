"""What a person is shown, in no particular medium: a titled table of text cells.

Each command's records become a ``Sheet`` here: which columns, in what order,
which rows group together, what the title says. The terminal (catcli.render.table,
with Rich) and any other medium for people draw a Sheet without deciding
any of that again, so they cannot disagree on what an answer holds. No Rich here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from catcli.model import CatalogData, Service, label
from catcli.text import fold, name_key, raw_words

if TYPE_CHECKING:
    from catcli.query import Filters
    from catcli.records import MatrixRow, RegionSummary, TypeSummary

Justify = Literal["left", "center", "right"]
NARROW = 70  # below this many columns, the services and show tables give way to stacked text
FOLD_AT = 20  # a word longer than this in a definition (a URL) may be folded rather than widen its column
MARK, NO_MARK = "✓", "·"  # offered, not offered: legible without colour


class Column:
    """One column: its header, and how its cells are drawn."""

    __slots__ = ("header", "style", "weight", "fold_at", "justify", "marked", "full", "mark")

    def __init__(
        self,
        header: str,
        style: str = "",
        *,
        weight: int = 1,
        fold_at: int | None = None,
        justify: Justify = "left",
        marked: bool = True,
        full: str = "",
        mark: bool = False,
    ) -> None:
        self.header = header
        self.style = style  # how its cells stand out: "bold", "cyan" or nothing
        self.weight = weight  # its share of spare width (a definition takes 2)
        self.fold_at = fold_at  # longer words may be folded rather than widen the column
        self.justify = justify
        self.marked = marked  # search words are highlighted in it
        self.full = full or header  # the name in full, where the header abbreviates it ('CN/HK')
        self.mark = mark  # its cells are MARK or NO_MARK


class Stack:
    """How a row reads when the columns do not fit: a heading line, then indented lines.

    With ``marks``, rows are listed under their group instead, each with the
    full names of the columns it is marked in (the matrix).
    """

    __slots__ = ("heading", "joiner", "where", "where_joiner", "body", "labelled", "marks")

    def __init__(
        self,
        heading: tuple[int, ...] = (0,),
        joiner: str = " › ",
        *,
        where: int | None = None,
        where_joiner: str = "\n",
        body: int | None = None,
        labelled: tuple[int, ...] = (),
        marks: bool = False,
    ) -> None:
        self.heading = heading
        self.joiner = joiner
        self.where = where  # an italic line (several lines joined with where_joiner)
        self.where_joiner = where_joiner
        self.body = body  # the cell itself, unlabelled
        self.labelled = labelled  # 'Header: value' lines
        self.marks = marks


class Sheet:
    """A titled table of text cells, and how it may be laid out.

    Plain classes, not NamedTuples, here and above: they are defined on every
    run that draws a table, and a NamedTuple costs ~15 times more to define.
    """

    __slots__ = (
        "title", "columns", "rows", "stack", "group", "rules", "lines", "narrow", "expand", "headers",
        "title_style", "highlight", "colophon",
    )  # fmt: skip

    def __init__(
        self,
        title: tuple[str, ...],
        columns: tuple[Column, ...],
        rows: tuple[tuple[str, ...], ...],
        stack: Stack | None = None,
        *,
        group: int = 0,
        rules: bool = False,
        lines: bool = False,
        narrow: int = 0,
        expand: bool = False,
        headers: bool = True,
        title_style: str = "bold",
        highlight: tuple[str, ...] = (),
    ) -> None:
        self.title = title  # its parts, joined by ' · '
        self.columns = columns
        self.rows = rows
        self.stack = stack or Stack()
        self.group = group  # the first GROUP columns group the rows: a repeated value shows once
        self.rules = rules  # a rule after each group
        self.lines = lines  # a rule after every row
        self.narrow = narrow  # stack below this width, even where the columns would fit
        self.expand = expand  # take the whole width
        self.headers = headers
        self.title_style = title_style
        # search words: where a word of a marked cell begins with one (each once: a query may repeat one)
        self.highlight = tuple(dict.fromkeys(highlight))
        self.colophon: tuple[str, ...] = ()  # where the answer comes from (set by catcli.render.output)


def marks(text: str, highlight: Sequence[str]) -> list[tuple[int, int]]:
    """Where TEXT's words begin with a search word: (start, end) of each match, in order.

    Every medium marks the same letters: the terminal in reverse video, a page with <mark>.
    """
    found = []
    position = 0
    for word in raw_words(text) if highlight else ():
        start = text.index(word, position)
        position = start + len(word)
        folded = fold(word)
        query = next((q for q in highlight if folded.startswith(q)), None)
        if query is not None:
            found.append((start, start + len(query)))
    return found


def _type_names(catalog: CatalogData) -> dict[str, str]:
    return {t.id: t.name for t in catalog.types}


def _where(service: Service) -> str:
    """'Japan', or 'China & Hong Kong → SEA, United Kingdom' when markets differ."""
    if service.target_markets == (service.registration_region,):
        return service.registration_region
    return f"{service.registration_region} → {', '.join(service.target_markets)}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def services(
    rows: Sequence[Service],
    catalog: CatalogData,
    *,
    filters: Filters | None = None,
    highlight: Sequence[str] = (),
) -> Sheet:
    """The list (and search) layout: what all rows share, and what was asked, goes in the title."""
    names = _type_names(catalog)
    varying_type = len({s.type for s in rows}) > 1
    varying_where = len({(s.registration_region, s.target_markets) for s in rows}) > 1

    def offered_by(service: Service) -> str:
        parts = [names.get(service.type, service.type)] if varying_type else []
        return "\n".join([*parts, _where(service)] if varying_where else parts)

    by = varying_type or varying_where
    columns = (
        *([Column("Offered by", marked=False)] if by else []),
        Column("Main category", "cyan"),
        Column("Service category", "bold"),
        Column("Definition", weight=2, fold_at=FOLD_AT),
    )
    cells = tuple(
        (*([offered_by(s)] if by else []), s.main_category, s.service_category, s.definition) for s in rows
    )
    first = 1 if by else 0
    return Sheet(
        title_parts(rows, catalog, filters),
        columns,
        cells,
        Stack(heading=(first, first + 1), where=0 if by else None, where_joiner=" · ", body=first + 2),
        group=first + 1,
        rules=True,
        narrow=NARROW,
        expand=True,
        highlight=tuple(highlight),
    )


def chosen(shown: Sheet | str, rows: Sequence[dict[str, Any]], names: Sequence[str]) -> Sheet:
    """--fields for a person: exactly those fields as columns, in that order, headed by their JSON
    names, under what the designed sheet (or the sentence's first line) would have said."""
    title = shown.title if isinstance(shown, Sheet) else (shown.strip().split("\n")[0],)
    highlight = shown.highlight if isinstance(shown, Sheet) else ()
    columns = tuple(
        Column(name, weight=2, fold_at=FOLD_AT) if name == "definition" else Column(name) for name in names
    )
    cells = tuple(tuple(cell(row.get(name)) for name in names) for row in rows)
    stack = Stack(heading=(0,), labelled=tuple(range(1, len(names))))
    return Sheet(title, columns, cells, stack, expand=True, highlight=highlight)


def cell(value: object) -> str:
    """A JSON value as a cell's text: lists joined with ', ', nested records by their name."""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict) and label(value):
        return label(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def title_parts(
    services: Sequence[Service], catalog: CatalogData, filters: Filters | None
) -> tuple[str, ...]:
    """'7 services · TikTok Shop Partner · registered in SEA (Malaysia) · targeting SEA'."""
    names = _type_names(catalog)
    title = [_plural(len(services), "service", "services")]
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
    return tuple(title)


def _asked(catalog: CatalogData, name: str, asked: str) -> str:
    """'SEA (Malaysia)' for a member country, 'SEA (Indonesia, …)' for the group, 'Japan' for itself."""
    region = next((r for r in catalog.regions if r.name == name), None)
    if region is None:
        return name
    if name_key(asked) in {name_key(label) for label in (region.name, *region.aliases)}:
        if len(region.countries) > 1:
            return f"{name} ({', '.join(c.name for c in region.countries)})"
        return name
    return f"{name} ({asked})"


def show(name: str, rows: Sequence[Service], catalog: CatalogData) -> Sheet:
    """Each distinct definition once, with every type and region offering it."""
    names = _type_names(catalog)
    by_definition: dict[str, list[Service]] = {}
    for service in rows:
        by_definition.setdefault(service.definition, []).append(service)
    cells = []
    for definition, offering in by_definition.items():
        categories = dict.fromkeys(f"{s.service_category} ({s.main_category})" for s in offering)
        offered: dict[str, list[str]] = {}
        for service in offering:
            places = offered.setdefault(names.get(service.type, service.type), [])
            if _where(service) not in places:
                places.append(_where(service))
        by = "\n".join(f"{t}: {'; '.join(p)}" for t, p in offered.items())
        cells.append(("\n".join(categories), definition, by))
    title = (
        f"{name}: {_plural(len(rows), 'row', 'rows')}, "
        f"{_plural(len(by_definition), 'distinct definition', 'distinct definitions')}",
    )
    columns = (
        Column("Service category", "bold"),
        Column("Definition", weight=2, fold_at=FOLD_AT),
        Column("Offered by", weight=2),
    )
    stack = Stack(heading=(0,), where=2, body=1)
    return Sheet(title, columns, tuple(cells), stack, lines=True, narrow=NARROW, expand=True)


def regions(rows: Sequence[RegionSummary]) -> Sheet:
    """`catcli regions`: each region's members, aliases and markets."""
    cells = tuple(
        (
            region.name,
            "\n".join(f"{c.name} ({c.code})" for c in region.countries),
            ", ".join(region.aliases),
            ", ".join(region.target_markets),
        )
        for region in rows
    )
    columns = (Column("Region", "bold"), Column("Countries"), Column("Aliases"), Column("Target markets"))
    return Sheet(("Registration regions",), columns, cells, Stack(labelled=(1, 2, 3)), title_style="")


def types(rows: Sequence[TypeSummary]) -> Sheet:
    """`catcli types`: each partner type and how much it offers."""
    cells = tuple(
        (p.id, p.name, ", ".join(p.aliases), str(p.service_categories), str(p.services)) for p in rows
    )
    columns = (
        Column("Id", "bold"),
        Column("Name"),
        Column("Aliases"),
        Column("Service categories", justify="right"),
        Column("Rows", justify="right"),
    )
    stack = Stack(heading=(0, 1), joiner=" · ", labelled=(2, 3, 4))
    return Sheet(("Partner types",), columns, cells, stack, title_style="")


def region_label(catalog: CatalogData, name: str) -> str:
    """A short column heading: 'Japan', 'EU', 'USA', 'CN/HK'."""
    region = next((r for r in catalog.regions if r.name == name), None)
    if region is None or len(name) <= 6:
        return name
    if len(region.countries) > 1:
        return "/".join(c.code for c in region.countries)
    short = [a for a in region.aliases if a.isupper() and len(a) <= 3]
    return short[0] if short else region.countries[0].code


def matrix(rows: Sequence[MatrixRow], catalog: CatalogData) -> Sheet:
    """The grid of service categories against registration regions, a mark where one is offered."""
    names = _type_names(catalog)
    regions = [r.name for r in catalog.regions]
    show_type = len({r.type for r in rows}) > 1
    title = f"Service categories by registration region ({_plural(len(rows), 'category', 'categories')})"
    columns = (
        *([Column("Type")] if show_type else []),
        Column("Main category"),
        Column("Service category", "bold"),
        *(Column(region_label(catalog, r), justify="center", full=r, mark=True) for r in regions),
    )
    cells = tuple(
        (
            *([names.get(row.type, row.type)] if show_type else []),
            row.main_category,
            row.service_category,
            *(MARK if r in row.registration_regions else NO_MARK for r in regions),
        )
        for row in rows
    )
    stack = Stack(marks=True)
    return Sheet((title,), columns, cells, stack, group=2 if show_type else 1, title_style="")
