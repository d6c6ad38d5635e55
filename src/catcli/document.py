"""Reading a Partner Center service-category document into services.

The document is markdown: a ``# TSP`` / ``# MCN/CAP`` / ``# Affiliate Partner``
heading over a five-column table. An empty cell continues the cell above it
(the page's row spans); ``<br>`` breaks lines; ``<!-- rowSpan:N -->`` comments
are page residue; text copied through a Windows code page arrives as mojibake.
Empty cells are filled from above rather than trusting the rowSpan counts, so
a row added inside a group imports right even if its count was not updated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catcli.errors import CatalogError, UnknownValue
from catcli.model import Catalog, Edition, Service
from catcli.resolve import Resolver

# Each pattern has one quantifier per run of characters, so a match attempt
# never backtracks over a run twice (headings, separators and comments are
# read with string methods instead).
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\([^)]*\)?")
# Runs of characters that UTF-8 bytes become when decoded as Windows-1252.
_CP1252_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
COLUMNS = 5


@dataclass(frozen=True, slots=True)
class Row:
    """A service and the document line it came from."""

    service: Service
    line: int


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Windows-1252 ('â€™' -> '’'), leaving real accents alone."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            return match.group()

    return _CP1252_RUN.sub(fix, text)


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


def cell_lines(cell: str) -> list[str]:
    """A cell's lines: comments dropped, split at <br>, trimmed, mojibake repaired."""
    pieces = _BREAK.split(_drop_comments(cell))
    lines = (_SPACES.sub(" ", p).strip() for p in pieces)
    return [repair_mojibake(line) for line in lines if line]


def split_row(line: str) -> list[str]:
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


def parse(text: str, resolver: Resolver, source: str = "document") -> list[Row]:
    """Every service row of every table; raises CatalogError naming the line."""
    rows: list[Row] = []
    tables = 0
    heading: tuple[str, int] | None = None
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        title = _heading(line)
        if title is not None:
            heading = (title, number)
            continue
        is_table = line.lstrip().startswith("|") and number < len(lines) and _is_separator(lines[number])
        if not is_table:
            continue
        width = len(split_row(line))
        if width != COLUMNS:
            raise CatalogError(f"{source}:{number}: a service table needs {COLUMNS} columns, not {width}")
        partner = _partner_type(heading, number, resolver, source)
        tables += 1
        number += 1  # the separator
        above: list[list[str]] = []
        while number < len(lines) and lines[number].lstrip().startswith("|"):
            number += 1
            cells = [cell_lines(c) for c in split_row(lines[number - 1])]
            if len(cells) != COLUMNS:
                raise CatalogError(f"{source}:{number}: expected {COLUMNS} cells, found {len(cells)}")
            for column, cell in enumerate(cells):
                if not cell:
                    if not above:
                        raise CatalogError(f"{source}:{number}: empty cell in the table's first row")
                    cells[column] = above[column]
            above = cells
            rows.append(Row(_service(partner, cells, number, resolver, source), number))
    if not tables:
        raise CatalogError(
            f"{source}: no service table found",
            hint="expected '# TSP', '# MCN/CAP' or '# Affiliate Partner' over 5-column markdown tables",
        )
    return rows


def _partner_type(heading: tuple[str, int] | None, line: int, resolver: Resolver, source: str) -> str:
    if heading is None:
        raise CatalogError(f"{source}:{line}: table has no '# <partner type>' heading above it")
    try:
        return resolver.type(heading[0])
    except UnknownValue as exc:
        raise CatalogError(
            f"{source}:{heading[1]}: unknown partner type {heading[0]!r}", hint=exc.hint
        ) from None


def _service(partner: str, cells: list[list[str]], line: int, resolver: Resolver, source: str) -> Service:
    region_cell, market_cell, main, name, definition = cells
    region = _regions(region_cell, "registration region", line, resolver, source)
    if len(region) != 1:
        raise CatalogError(f"{source}:{line}: expected one registration region, found {', '.join(region)}")
    markets = _regions(market_cell, "target market", line, resolver, source)
    return Service(
        type=partner,
        registration_region=region[0],
        target_markets=tuple(markets),
        main_category=" ".join(main),
        service_category=" ".join(name),
        definition="\n".join(definition),
    )


def _regions(cell: list[str], kind: str, line: int, resolver: Resolver, source: str) -> list[str]:
    """Region names in a cell; a group's member list '(Germany Italy …)' is only a gloss."""
    names = [n.strip() for n in _PARENTHESES.sub("\n", "\n".join(cell)).split("\n")]
    found: list[str] = []
    for name in filter(None, names):
        try:
            region = resolver.region(name, kind)
        except UnknownValue as exc:
            raise CatalogError(f"{source}:{line}: unknown {kind} {name!r}", hint=exc.hint) from None
        if region not in found:
            found.append(region)
    return found


DEFAULT_SOURCE = "TikTok Shop Partner Center: Service categories"


def to_catalog(text: str, base: Catalog, source: str = "document") -> Catalog:
    """The base catalog's types and regions with the document's services."""
    rows = parse(text, Resolver.for_catalog(base), source)
    first_seen: dict[tuple[object, ...], int] = {}
    for row in rows:
        line = first_seen.setdefault(row.service.identity(), row.line)
        if line != row.line:
            raise CatalogError(f"{source}:{row.line}: repeats the service on line {line}")
    return base._replace(services=tuple(row.service for row in rows))


def import_text(text: str, source: str, base: Catalog, edition: str, imported: str) -> tuple[str, Catalog]:
    """A document as catalog TOML, checked as a catalog before anyone writes it."""
    from catcli.schema import check
    from catcli.tomlio import dumps, parse

    catalog = to_catalog(text, base, source)
    catalog = catalog._replace(
        edition=Edition(source=base.edition.source or DEFAULT_SOURCE, edition=edition, imported=imported)
    )
    written = dumps(catalog)
    checked, problems = check(parse(written, "<imported catalog>"), written)
    if problems or checked is None:
        raise CatalogError(
            f"{source}: the imported catalog would not be valid: {problems[0]}",
            hint="fix the document (or the base catalog's types and regions) and import again",
        )
    return written, checked
