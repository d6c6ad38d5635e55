"""Reading a Partner Center service-category document into services.

The document is markdown: a ``# TSP`` / ``# MCN/CAP`` / ``# Affiliate Partner``
heading over a five-column table. An empty cell continues the cell above it
when that cell spans rows (the page marks it ``<!-- rowSpan:N -->``); an empty
cell under one that spans nothing is an error, never a silent copy of the row
above. The span counts themselves are not trusted, so a row added inside a
group imports right even if its count was not updated. ``<br>`` breaks lines;
text copied through a Windows code page arrives as mojibake. Character
references (``&amp;``, ``&#8217;``) in cells and headings are read as GitHub
reads them, so a cell's text is the page's; one to a hidden character or to
none is an error, as the character itself is.

Lines end where Markdown ends them (``\\n``, ``\\r\\n``, ``\\r``), and every line
starting with ``|`` becomes a service, a table's header or separator, or an
error naming it: a document never imports with rows quietly missing. Every
scan is linear in the length of the line, whatever the line holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

from catcli.errors import CatalogError
from catcli.files import BOM
from catcli.model import CatalogData
from catcli.pagetable import (
    CELL_NAMES,
    COLUMNS,
    INVISIBLE,
    MARKDOWN_REFERENCE,
    Row,
    catalog_of,
    clean_lines,
    partner_type,
    refuse_hidden,
    service,
    unescape,
    written,
)
from catcli.resolve import Resolver

# The only line endings Markdown knows; str.splitlines() also splits at
# U+2028/2029, U+0085, \v, \f and \x1c-\x1e, cutting a table row in two.
_NEWLINE = re.compile(r"\r\n?|\n")
# Each remaining pattern has one quantifier per run of characters, so a match
# attempt never backtracks over a run twice (headings, separators and
# comments are read with string methods instead).
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# The page's mark on a cell that spans rows; the rows below it leave the cell empty.
_SPAN_MARK = "rowSpan"


def _drop_comments(cell: str) -> str:
    """The cell without ``<!-- … -->``; an unclosed ``<!--`` stays, as text.

    One pass with str.find: a regex retried at every ``<!--`` of a long
    unclosed run rescans the rest of the cell each time (quadratic).
    """
    kept: list[str] = []
    start = 0
    while (opening := cell.find("<!--", start)) != -1:
        closing = cell.find("-->", opening + 4)
        if closing == -1:
            break
        kept.append(cell[start:opening])
        start = closing + 3
    kept.append(cell[start:])
    return "".join(kept)


def cell_lines(cell: str, place: str) -> list[str]:
    """A cell's lines: comments dropped, split at <br>, references read, trimmed, mojibake repaired.

    References are read last, as GitHub reads them: '&lt;br&gt;' is text, not a break.
    """
    pieces = _BREAK.split(_drop_comments(cell))
    return clean_lines(unescape(piece, place, "a table cell", MARKDOWN_REFERENCE) for piece in pieces)


def split_row(line: str) -> list[str]:
    """A table line's cells; the outer pipes are optional, as in GitHub's tables."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return inner.split("|")


def _heading(line: str) -> str | None:
    """An ATX heading's text ('#'s, then whitespace or the end); None for any other line.

    String methods, not a regex: ``^#{1,6}\\s+(.*?)\\s*#*\\s*$`` took 55 s on a
    heading padded with 3,000 spaces.
    """
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or not (hashes == len(line) or line[hashes].isspace()):
        return None
    return line[hashes:].strip().rstrip("#").rstrip()


def _is_separator(line: str) -> bool:
    """A table's ``| --- | :---: |`` line (cells of three or more '-', colons at either end)."""
    for cell in split_row(line):
        rule = cell.strip().removeprefix(":").removesuffix(":")
        if len(rule) < 3 or rule.strip("-"):
            return False
    return True


_Kind = Literal["heading", "row", "blank", "text"]  # a "row" is any line starting with '|'


class _Line(NamedTuple):
    number: int
    kind: _Kind
    text: str  # a heading's title; otherwise the line without its indentation


def _bare(line: str) -> str:
    """The line without leading whitespace or invisible characters.

    So that '\\u200b| cell |' or '\\u2028# TSP' is still seen as the row or
    heading it looks like, and refused for the character, not skipped as prose.
    """
    bare = line.lstrip()
    if bare and INVISIBLE.match(bare):
        return INVISIBLE.sub("", bare).lstrip()
    return bare


def _lines(text: str, source: str) -> Iterator[_Line]:
    """The document's lines, numbered as an editor numbers them, each with its kind."""
    for number, line in enumerate(_NEWLINE.split(text.removeprefix(BOM)), start=1):
        bare = _bare(line)
        kind: _Kind
        if bare.startswith("|"):
            kind, content = "row", bare
        elif (title := _heading(bare)) is not None:
            kind, content = "heading", title
        else:
            yield _Line(number, "text" if bare else "blank", bare)
            continue
        place = f"{source}:{number}"
        _refuse_hidden(line, place, "a table row" if kind == "row" else "a heading")
        if kind == "heading":
            content = unescape(content, place, "a heading", MARKDOWN_REFERENCE)
        yield _Line(number, kind, content)


def _refuse_hidden(line: str, place: str, what: str) -> None:
    """Control and invisible characters stop the import at their line.

    The catalog's checker would refuse them in a service anyway; here the
    message can name the document's line. A tab is only whitespace to
    Markdown (a cell's spaces collapse), so it passes.
    """
    hint = "delete it: a row is one line, and a cell breaks lines only at <br>"
    refuse_hidden(line.replace("\t", " "), place, what, hint)


_STRAY_HINT = (
    "a service table is a header row, a '| --- |' separator line and its rows, under a"
    " '# <partner type>' heading; a blank line ends a table"
)


class _Reader:
    """The document read top to bottom, as Markdown reads it.

    A heading names the partner type of the tables under it; a table is a
    header row, a separator line, then rows up to a blank line or heading.
    A '|' line that fits none of that is an error, never skipped.
    """

    def __init__(self, resolver: Resolver, source: str) -> None:
        self.resolver = resolver
        self.source = source
        self.heading: _Line | None = None
        self.header: _Line | None = None  # a '|' line: a header if a separator follows
        self.partner: str | None = None  # the open table's partner type
        self.above: list[list[str]] = []  # the open table's previous row
        self.spanning = [False] * COLUMNS  # whether each column's cell above spans rows
        self.rows: list[Row] = []
        self.tables = 0
        self.table_lines = 0  # every '|' line
        self.frame_lines = 0  # '|' lines read as a table's header or separator

    def read(self, line: _Line) -> None:
        self.table_lines += line.kind == "row"
        if self.header is not None:
            self._open(self.header, line)
        elif line.kind == "heading":
            self.heading, self.partner = line, None
        elif line.kind == "row" and self.partner is not None:
            self._row(line, self.partner)
        elif line.kind == "row":
            self.header = line
        elif line.kind == "blank":
            self.partner = None
        elif self.partner is not None:
            raise CatalogError(
                f"{self.source}:{line.number}: text directly under a table, which makes it a table row",
                hint="leave a blank line after the table, or begin the row with '|'",
            )

    def _open(self, header: _Line, line: _Line) -> None:
        """Start the table whose header is the previous line, if this line is its separator."""
        self.header = None
        if line.kind not in ("row", "text") or not _is_separator(line.text):
            raise CatalogError(
                f"{self.source}:{header.number}: a table row outside a table", hint=_STRAY_HINT
            )
        width = len(split_row(header.text))
        if width != COLUMNS:
            raise CatalogError(
                f"{self.source}:{header.number}: a service table needs {COLUMNS} columns, not {width}"
            )
        rule = len(split_row(line.text))
        if rule != width:
            raise CatalogError(
                f"{self.source}:{line.number}: the separator line has {rule} columns, not {width}"
            )
        self.partner = self._partner(header)
        self.above = []
        self.spanning = [False] * COLUMNS
        self.tables += 1
        self.frame_lines += 1 + (line.kind == "row")

    def _partner(self, header: _Line) -> str:
        """The partner type the table's own heading names.

        One heading, one table: a table under a deleted or mistyped heading
        ('#MCN/CAP') must not be read as the previous section's.
        """
        heading, self.heading = self.heading, None
        if heading is None:
            raise CatalogError(
                f"{self.source}:{header.number}: table has no '# <partner type>' heading above it",
                hint="each table needs its own heading: '# TSP', '# MCN/CAP' or '# Affiliate Partner'",
            )
        return partner_type(self.resolver, heading.text, f"{self.source}:{heading.number}")

    def _row(self, line: _Line, partner: str) -> None:
        """One service; an empty cell continues a cell above that spans rows (the page's row spans)."""
        raw = split_row(line.text)
        place = f"{self.source}:{line.number}"
        cells = [cell_lines(c, place) for c in raw]
        if len(cells) != COLUMNS:
            raise CatalogError(f"{self.source}:{line.number}: expected {COLUMNS} cells, found {len(cells)}")
        for column, cell in enumerate(cells):
            if cell:
                self.spanning[column] = _SPAN_MARK in raw[column]
                continue
            if not self.above:
                raise CatalogError(f"{self.source}:{line.number}: empty cell in the table's first row")
            if not self.spanning[column]:
                place = f"{self.source}:{line.number}"
                raise CatalogError(
                    f"{place}: empty {CELL_NAMES[column]} cell under one that spans no rows",
                    hint="fill the cell in, or mark the cell above <!-- rowSpan:N --> as the page does",
                )
            cells[column] = self.above[column]
        self.above = cells
        row = service(partner, cells, line.number, self.resolver, self.source)
        self.rows.append(Row(row, line.number))

    def finish(self) -> list[Row]:
        """The services, once every '|' line is accounted for."""
        if self.header is not None:
            raise CatalogError(
                f"{self.source}:{self.header.number}: a table row outside a table", hint=_STRAY_HINT
            )
        if not self.tables:
            raise CatalogError(
                f"{self.source}: no service table found",
                hint="expected '# TSP', '# MCN/CAP' or '# Affiliate Partner' over 5-column markdown tables",
            )
        if len(self.rows) != self.table_lines - self.frame_lines:
            # Unreachable by construction: kept so that no later change drops rows quietly.
            raise CatalogError(
                f"{self.source}: {len(self.rows)} services from"
                f" {self.table_lines - self.frame_lines} table rows"
            )
        return self.rows


def parse(text: str, resolver: Resolver, source: str = "document") -> list[Row]:
    """Every service row of every table; raises CatalogError naming the line."""
    reader = _Reader(resolver, source)
    for line in _lines(text, source):
        reader.read(line)
    return reader.finish()


def to_catalog(text: str, base: CatalogData, source: str = "document") -> CatalogData:
    """The base catalog's types and regions with the document's services."""
    return catalog_of(parse(text, Resolver.for_catalog(base), source), base, source)


def import_text(
    text: str, source: str, base: CatalogData, edition: str, imported: str
) -> tuple[str, CatalogData]:
    """A document as catalog TOML, checked as a catalog before anyone writes it."""
    return written(to_catalog(text, base, source), source, edition, imported)
