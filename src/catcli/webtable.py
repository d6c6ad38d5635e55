"""One HTML table of the saved page, laid out as a browser lays it out: rows of five cells.

catcli.webpage reads the page and tells a ``Table`` where its rows, cells and
row groups open and close; the table keeps each cell's text and spans, and
at the end lays the cells out in a grid. A ``rowspan`` cell fills the rows
below it (to the end of its row group, as in a browser), a ``colspan`` cell
the columns beside it: a covered slot repeats the cell, as an empty cell
under a ``<!-- rowSpan:N -->`` one does in the Markdown. Header rows
(``<thead>``, or a first row of ``<th>`` only) frame the table; every
other row must come out as five cells, or be an error naming its line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from catcli.errors import CatalogError
from catcli.pagetable import CELL_NAMES, COLUMNS

_GROUPS = frozenset({"thead", "tbody", "tfoot"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that start a new line of text where they open and where they close.
BLOCKS = HEADINGS | {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "ul",
}  # fmt: skip
MAX_SPAN = 1000  # columns or rows one cell may span (browsers allow 1,000 columns and 65,534 rows)
_TO_THE_END = 65534  # rows a rowspan="0" cell covers: the rest of its row group


class Cell:
    """A cell's text (pieces; '\\n' breaks a line), where it starts, and what it spans."""

    __slots__ = ("line", "header", "rows", "columns", "text")

    def __init__(self, line: int, header: bool, rows: int, columns: int) -> None:
        self.line = line
        self.header = header
        self.rows = rows  # 0: to the end of its row group
        self.columns = columns
        self.text: list[str] = []


class _Row:
    __slots__ = ("line", "group", "head", "cells")

    def __init__(self, line: int, group: int, head: bool) -> None:
        self.line = line
        self.group = group  # which row group it is in: spans end with their group
        self.head = head  # in <thead>
        self.cells: list[Cell] = []


def _span(value: str | None, low: int) -> int:
    """A rowspan or colspan as a browser reads it: leading digits, else 1; at least LOW, at most MAX_SPAN."""
    digits = ""
    for char in (value or "").strip():
        if not char.isascii() or not char.isdigit() or len(digits) > 6:
            break
        digits += char
    return min(max(int(digits), low), MAX_SPAN) if digits else 1


class Table:
    """A table's caption, rows and cells as the page opens and closes them."""

    def __init__(self, line: int, heading: tuple[list[str], int] | None) -> None:
        self.line = line
        self.heading = heading  # the last heading before it: text and line
        self.caption: tuple[list[str], int] | None = None
        self.rows: list[_Row] = []
        self.row: _Row | None = None
        self.group = 0
        self.head = False

    def opened(
        self, tag: str, attrs: Mapping[str, str | None], line: int, text: list[str] | None
    ) -> list[str] | None:
        """An element opened inside the table; where its text goes now."""
        if tag == "caption" and self.caption is None:
            self.caption = ([], line)
            return self.caption[0]
        if tag in _GROUPS:
            self.group += 1
            self.head = tag == "thead"
        elif tag == "tr":
            self.row = _Row(line, self.group, self.head)
            self.rows.append(self.row)
        elif tag in ("td", "th"):
            if self.row is None:  # a cell with no <tr>: the browser opens a row for it
                self.opened("tr", {}, line, None)
            assert self.row is not None
            cell = Cell(line, tag == "th", _span(attrs.get("rowspan"), 0), _span(attrs.get("colspan"), 1))
            self.row.cells.append(cell)
            return cell.text
        elif tag in BLOCKS and text is not None:
            text.append("\n")
        return text

    def closed(self, tag: str, text: list[str] | None) -> list[str] | None:
        """An element closed inside the table; where text goes now."""
        if tag in ("caption", "td", "th"):
            return None
        if tag == "tr":
            self.row = None
            return None
        if tag in _GROUPS:
            self.row = None
            self.group += 1  # rows after it, outside any group, are a group of their own
            self.head = False
            return None
        if tag in BLOCKS and text is not None:
            text.append("\n")
        return text

    def name(self) -> tuple[list[str] | None, int]:
        """What names the table's partner type, and its line: the caption, else the heading before it."""
        if self.caption is not None and "".join(self.caption[0]).strip():
            return self.caption
        if self.heading is not None:
            return self.heading
        return None, self.line

    def services(self, source: str) -> Iterator[tuple[int, list[Cell]]]:
        """Each service row's line and its five cells, spans filled in; header rows left out."""
        covered: dict[int, tuple[int, Cell]] = {}  # column: rows still covered, by which cell
        group = None
        for index, row in enumerate(self.rows):
            if row.group != group:
                covered, group = {}, row.group
            slots = _lay_out(row, covered, source)
            # A table's first row, all <th>, is its header, as a Markdown table's first line is;
            # any later row is data, however its cells are tagged.
            framing = index == 0 and bool(row.cells) and all(cell.header for cell in row.cells)
            if row.head or framing:
                if len(slots) != COLUMNS:
                    raise CatalogError(
                        f"{source}:{row.line}: a service table needs {COLUMNS} columns, not {len(slots)}"
                    )
                continue
            if len(slots) != COLUMNS:
                raise CatalogError(f"{source}:{row.line}: expected {COLUMNS} cells, found {len(slots)}")
            yield row.line, slots


def _lay_out(row: _Row, covered: dict[int, tuple[int, Cell]], source: str) -> list[Cell]:
    """The row's slots, left to right: cells spanning from rows above, then its own cells."""
    slots: dict[int, Cell] = {}
    for column, (left, cell) in list(covered.items()):
        slots[column] = cell
        if left > 1:
            covered[column] = (left - 1, cell)
        else:
            del covered[column]
    column = 0
    for cell in row.cells:
        while column in slots:
            column += 1
        if column + cell.columns > COLUMNS:
            raise CatalogError(
                f"{source}:{row.line}: expected {COLUMNS} cells, found more",
                hint="a service row has five cells: region, markets, main category, service category,"
                " definition",
            )
        for offset in range(cell.columns):
            slots[column + offset] = cell
            if cell.rows != 1:
                covered[column + offset] = (cell.rows - 1 if cell.rows else _TO_THE_END, cell)
        column += cell.columns
    missing = [c for c in range(max(slots, default=-1) + 1) if c not in slots]
    if missing:
        raise CatalogError(f"{source}:{row.line}: no {CELL_NAMES[missing[0]]} cell (a gap in the row)")
    return [slots[c] for c in sorted(slots)]
