"""Reading the Partner Center page as a browser saves it ("HTML only" or "complete") into services.

Python's own HTML parser (html.parser) finds the tags; this module keeps a
small stack of open elements to know where each table, row and cell begins
and ends, closing what HTML closes by itself (a ``<td>`` ends the cell
before it, a ``<tr>`` the row). A table's partner type is named by its
``<caption>`` or else by the last heading before it. Cells are laid out as a
browser lays them out: a ``rowspan`` cell fills the rows it spans, exactly as
a ``<!-- rowSpan:N -->`` cell does in the Markdown (catcli.document), and a
``colspan`` cell the columns. Inline tags run together; ``<br>``, ``<p>``,
``<div>``, ``<li>`` and the other blocks break lines, so a cell's text is
the one the Markdown reader makes of the same cell (catcli.pagetable does
the rest, for both).

The same guarantees as the Markdown reader: every row of every table is a
service, a header, or an error naming its line; control and invisible
characters in a cell are errors, written out or as a character reference
(catcli.pagetable reads them, and drops none unseen); a page that ends
inside a table (a save cut short) is an error, not the rows before the cut;
input is bounded in size (catcli.files), in nesting depth, and read in time
linear in its length.
"""

from __future__ import annotations

import codecs
from html.parser import HTMLParser

from catcli.errors import CatalogError
from catcli.files import decode
from catcli.model import CatalogData
from catcli.pagetable import (
    CELL_NAMES,
    WHITE_SPACE,
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
from catcli.webtable import BLOCKS, HEADINGS, Table

MAX_DEPTH = 512  # open elements; real pages nest a few dozen deep
# Elements whose content a reader never sees as the page's text.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Elements that have no end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track"}
    | {"wbr", "basefont", "bgsound", "frame", "keygen"}
)
# An open element implicitly closed by a new one of these names, up to (not past) the boundary.
_CELLS = frozenset({"td", "th"})
_SPANS = ("rowspan", "colspan")  # the only attributes read
_ROWS = _CELLS | {"tr"}
_GROUPS = _ROWS | {"thead", "tbody", "tfoot", "caption", "colgroup"}
_CLOSED_BY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "td": (_CELLS, frozenset({"tr", "table"})),
    "th": (_CELLS, frozenset({"tr", "table"})),
    "tr": (_ROWS, frozenset({"table", "thead", "tbody", "tfoot"})),
    "thead": (_GROUPS, frozenset({"table"})),
    "tbody": (_GROUPS, frozenset({"table"})),
    "tfoot": (_GROUPS, frozenset({"table"})),
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "td", "th", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "td", "th", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "td", "th", "table"})),
    "p": (frozenset({"p"}), frozenset({"td", "th", "div", "li", "table", "caption"})),
}


class _Page(HTMLParser):
    """The page's tables, their headings and its title, read in one pass."""

    def __init__(self, resolver: Resolver, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.resolver = resolver
        self.source = source
        self.open: list[str] = []  # the open elements, innermost last
        self.hidden = 0  # open elements whose content is not the page's text
        self.title: list[str] | None = None  # the <title>'s text, while it is open
        self.title_text = ""  # what the page calls itself: the imported catalog's source
        self.title_line = 0
        self.heading: tuple[list[str], int] | None = None  # the last heading's text and line
        self.table: Table | None = None
        self.text: list[str] | None = None  # where text goes now: a cell, a caption, a heading
        self.rows: list[Row] = []
        self.tables = 0

    # -- html.parser's events -------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag)
            return
        if tag in _CLOSED_BY:
            for _ in self._implied(tag):
                self._close()
        if len(self.open) >= MAX_DEPTH:
            raise CatalogError(
                f"{self.place()}: elements nested more than {MAX_DEPTH} deep",
                hint="save the page again from the browser; a real page nests a few dozen deep",
            )
        self.open.append(tag)
        self.hidden += tag in _HIDDEN
        if not self.hidden:
            self._opened(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """'<x/>': a void element, or (as html.parser reads it) an element opened and closed."""
        if tag in _VOID:
            self._void(tag)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # '</br>' is a line break, as browsers read it
            self._void(tag)
        elif tag in self.open:
            depth = len(self.open) - 1 - self.open[::-1].index(tag)
            if tag != "table" and "table" in self.open[depth + 1 :]:
                return  # as in a browser, an end tag does not reach out of a table (and drop its rows)
            while self._close() != tag:
                pass

    def handle_data(self, data: str) -> None:
        """Text; its line ends are only white space ('\\n' in a cell's pieces is a break)."""
        if self.hidden:
            return
        if self.title is not None:
            self.title.append(data)
        elif self.text is not None:
            self.text.append(data.translate(WHITE_SPACE))

    # -- the page's structure ---------------------------------------------------

    def place(self) -> str:
        return f"{self.source}:{self.getpos()[0]}"

    def _implied(self, tag: str) -> range:
        """How many open elements a new TAG closes: up to the outermost one it ends, within its boundary."""
        ends, boundary = _CLOSED_BY[tag]
        found = len(self.open)
        for depth in range(len(self.open) - 1, -1, -1):
            name = self.open[depth]
            if name in ends:
                found = depth
            elif name in boundary:
                break
        return range(len(self.open) - found)

    def _void(self, tag: str) -> None:
        """An element with no content: <br> (and <hr>) break the line of the text being read."""
        if not self.hidden and tag in ("br", "hr") and self.text is not None:
            self.text.append("\n")

    def _close(self) -> str:
        """Close the innermost open element; its name."""
        tag = self.open.pop()
        if not self.hidden:
            self._closed(tag)
        self.hidden -= tag in _HIDDEN
        return tag

    def _opened(self, tag: str, attrs: dict[str, str | None]) -> None:
        line = self.getpos()[0]
        if tag == "title" and self.table is None and not self.title_text:
            self.title, self.title_line = [], line
        elif tag in HEADINGS and self.text is None:
            self.heading = ([], line)
            self.text = self.heading[0]
        elif tag == "table":
            self._table(line)
        elif self.table is not None:
            place = f"{self.source}:{line}"  # a cell's spans, their '&' as the page writes them (see _feed)
            spans = {n: unescape(attrs.get(n) or "", place, f"a cell's {n}") for n in _SPANS if tag in _CELLS}
            self.text = self.table.opened(tag, spans, line, self.text)
        elif tag in BLOCKS and self.text is not None:
            self.text.append("\n")

    def _closed(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            named = _text(self.title, f"{self.source}:{self.title_line}", "the page's title")
            self.title_text, self.title = " ".join(clean_lines(named)), None
        elif tag == "table" and self.table is not None:
            table, self.table, self.text = self.table, None, None
            self._rows(table)
        elif self.table is not None:
            self.text = self.table.closed(tag, self.text)
        elif tag in HEADINGS and self.heading is not None and self.text is self.heading[0]:
            self.text = None
        elif tag in BLOCKS and self.text is not None:
            self.text.append("\n")

    def _table(self, line: int) -> None:
        if self.table is not None:
            raise CatalogError(
                f"{self.source}:{line}: a table inside a table",
                hint="a service table's cells hold text, not tables",
            )
        heading, self.heading = self.heading, None  # one heading, one table
        if self.text is not None and heading is not None and self.text is heading[0]:
            heading = None  # a table inside a heading is named by no heading
        self.table = Table(line, heading)
        self.text = None
        self.tables += 1

    def _rows(self, table: Table) -> None:
        """Every row of a finished table: a header, a service, or an error naming its line."""
        name, line = table.name()
        if name is None:
            raise CatalogError(
                f"{self.source}:{table.line}: table has no heading or caption naming its partner type",
                hint="put 'TSP', 'MCN/CAP' or 'Affiliate Partner' in a heading just before the table",
            )
        named = _text(name, f"{self.source}:{line}", "a heading")
        partner = partner_type(self.resolver, " ".join(clean_lines(named)), f"{self.source}:{line}")
        for number, cells in table.services(self.source):
            lines = [
                clean_lines(_text(cell.text, f"{self.source}:{cell.line}", "a table cell")) for cell in cells
            ]
            empty = next((column for column, cell in enumerate(lines) if not cell), None)
            if empty is not None:
                raise CatalogError(
                    f"{self.source}:{number}: empty {CELL_NAMES[empty]} cell",
                    hint="fill it in, or let the cell above span this row (rowspan), as the page does",
                )
            self.rows.append(Row(service(partner, lines, number, self.resolver, self.source), number))

    def finish(self, last_line: int) -> tuple[list[Row], str]:
        """The services and the page's title, once every element is closed; a table left open is an error."""
        if self.table is not None:
            raise self._cut_off(last_line)
        while self.open:
            self._close()
        if not self.tables:
            raise CatalogError(
                f"{self.source}: no service table found",
                hint="expected a <table> of five columns under a 'TSP', 'MCN/CAP' or 'Affiliate Partner'"
                " heading; is this the saved service-category page?",
            )
        return self.rows, self.title_text

    def _cut_off(self, last_line: int) -> CatalogError:
        """The page ends inside a table: a save cut short, since a browser writes every end tag.

        Closing the table, as HTML does at the end of a file, would import the
        rows before the cut, the last one cut short, as if the page had no more.
        """
        assert self.table is not None
        inner = next((tag for tag in reversed(self.open) if tag in ("td", "th", "table")), "table")
        where = "a table" if inner == "table" else "a table cell"
        return CatalogError(
            f"{self.source}:{last_line}: the page ends inside {where} (the table opened on line"
            f" {self.table.line}): it was probably not saved whole",
            hint='save it again from the browser (File › Save Page As…, "Webpage, Complete" or'
            ' "HTML only") and let the download finish',
        )


def _text(pieces: list[str], place: str, what: str) -> list[str]:
    """A cell's (or heading's) text as lines, split at its breaks; references read, hidden characters refused.

    A piece is the text between two tags as the page writes it ('\\n' alone
    is a break), so no character reference is ever split between two.
    """
    joined = "".join(piece if piece == "\n" else unescape(piece, place, what) for piece in pieces)
    refuse_hidden(joined.translate(WHITE_SPACE), place, what, hint="delete it from the page")
    return joined.split("\n") if "\n" in joined else [joined]


def _declared_charset(head: bytes, source: str) -> str | None:
    """The codec a page's <meta> declares in its first 1,024 bytes (as a browser's prescan looks)."""
    finder = _Charset()
    finder.feed(head.decode("latin-1"))
    if finder.label is None:
        return None
    place = f"{source}:{finder.line}"
    try:
        info = codecs.lookup(finder.label)
    except (LookupError, ValueError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise CatalogError(f"{place}: unknown charset {finder.label!r}", hint="save the page as UTF-8")
    if info.name in ("iso8859-1", "ascii"):
        return "cp1252"  # as browsers read these labels (the WHATWG Encoding standard)
    if info.name.startswith("utf-16"):
        return "utf-8"  # a page that declares UTF-16 in ASCII bytes is not UTF-16 (WHATWG)
    return info.name


class _Charset(HTMLParser):
    """Finds <meta charset> or <meta http-equiv="content-type" content="…; charset=…">."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.label: str | None = None
        self.line = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta" or self.label is not None:
            return
        values = {name: value or "" for name, value in attrs}
        label = values.get("charset")
        if label is None and values.get("http-equiv", "").strip().lower() == "content-type":
            content = values.get("content", "").lower()
            at = content.find("charset=")
            label = content[at + 8 :].split(";")[0].strip(" \"'") if at >= 0 else None
        if label and label.strip():
            self.label, self.line = label.strip(), self.getpos()[0]


def decode_page(data: bytes, source: str) -> str:
    """A saved page's text: by its byte-order mark, else the charset it declares, else UTF-8."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decoded(data[len(bom) :], codec, source)
    return _decoded(data, _declared_charset(data[:1024], source) or "utf-8", source)


def _decoded(data: bytes, codec: str, source: str) -> str:
    if codec == "utf-8":
        return decode(data, source)  # bad bytes placed by line and column
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            f"{source}:{line}: not {codec} text, as the page declares (byte {data[exc.start]:#04x})",
            hint="save the page again from the browser, or as UTF-8",
        ) from None


def _feed(page: _Page, text: str) -> None:
    """All of the text through the parser, in time linear in its length.

    html.parser retries an unfinished '<…' at every later '<' to the end of
    the text: quadratic when no '>' follows (100,000 '<a' took 79 s). After
    the last '>' no tag can end, so that tail is only text: up to the first
    '<' that would open a tag, and nothing after it, as HTML reads a tag cut
    off by the end of the file.

    Every '&' reaches the parser as '&amp;', so that text comes through as
    the page writes it and its character references are read by
    pagetable.unescape: the html.unescape the parser calls drops some,
    replaces others, and raises ValueError on a number of 4,300 digits.
    """
    end = text.rfind(">") + 1
    page.feed(text[:end].replace("&", "&amp;"))
    page.close()
    tail = text[end:]
    at = tail.find("<")
    while at != -1 and not (tail[at + 1 : at + 2].isalpha() or tail[at + 1 : at + 2] in ("/", "!", "?")):
        at = tail.find("<", at + 1)
    page.handle_data(tail if at == -1 else tail[:at])


def to_catalog(text: str, base: CatalogData, source: str = "page") -> tuple[CatalogData, str]:
    """The base catalog's types and regions with the page's services, and the page's title."""
    page = _Page(Resolver.for_catalog(base), source)
    # Lines end as an editor ends them (HTML reads '\r\n' and '\r' as '\n' too).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _feed(page, text)
    rows, title = page.finish(text.rstrip().count("\n") + 1)
    return catalog_of(rows, base, source), title


def import_page(
    data: bytes, source: str, base: CatalogData, edition: str, imported: str
) -> tuple[str, CatalogData]:
    """A saved page as catalog TOML, checked as a catalog; its source is the page's own title."""
    catalog, title = to_catalog(decode_page(data, source), base, source)
    return written(catalog, source, edition, imported, title)
