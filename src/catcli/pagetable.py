"""The Partner Center page's service tables, however the page was saved: cells to services.

The Markdown reader (catcli.document) and the HTML reader (catcli.webpage)
each find the tables, their partner-type headings and every row's five
cells, as lines of text. From there the work is the same, and done here
once: reading character references, refusing hidden characters, cleaning a
cell's lines as the page shows them, repairing mojibake, reading region
cells, refusing a repeated row, and making the catalog, so the two readers
cannot drift apart.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.entities import html5

from catcli import tomlio
from catcli.errors import CatalogError, UnknownValue
from catcli.model import FIELDS, CatalogData, Edition, Service, ServiceField
from catcli.problems import size_problems
from catcli.resolve import Resolver
from catcli.schema import build
from catcli.text import UNSAFE, quoted

# Control and invisible characters (catcli.text.UNSAFE), compiled: the import path can afford it.
INVISIBLE = re.compile(UNSAFE)
# HTML's white space, which a browser shows as a space; a reference to one is a space too.
WHITE_SPACE = str.maketrans("\t\n\f\r", "    ")
# A character reference as HTML reads it (html.unescape's grammar: ';' optional, '&amp' a legacy name)...
HTML_REFERENCE = re.compile(r"&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|[^\t\n\f <&#;]{1,32};?)")
# ...and as GitHub's Markdown reads it (CommonMark): ';' ends it, at most 7 decimal or 6 hex digits.
MARKDOWN_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|[A-Za-z][A-Za-z0-9]{0,31});")
_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\([^)]*\)?")
# Runs of characters that UTF-8 bytes become when decoded as Windows-1252.
_CP1252_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
# The page's columns, in its order; a table's heading gives the partner type.
PAGE_COLUMNS: tuple[ServiceField, ...] = (
    "registration_region",
    "target_markets",
    "main_category",
    "service_category",
    "definition",
)
CELL_NAMES = tuple(name.replace("_", " ") for name in PAGE_COLUMNS)
COLUMNS = len(PAGE_COLUMNS)
DEFAULT_SOURCE = "TikTok Shop Partner Center: Service categories"


@dataclass(frozen=True, slots=True)
class Row:
    """A service and the document line it came from."""

    service: Service
    line: int


def refuse_hidden(text: str, place: str, what: str, hint: str) -> None:
    """A control or invisible character stops the import at PLACE: the catalog's checker cannot name it."""
    hidden = INVISIBLE.search(text)
    if hidden:
        raise CatalogError(
            f"{place}: control or invisible character U+{ord(hidden.group()):04X} in {what}", hint=hint
        )


def unescape(text: str, place: str, what: str, reference: re.Pattern[str] = HTML_REFERENCE) -> str:
    """TEXT with its character references read as REFERENCE reads them; one to white space is a space.

    html.unescape drops a reference to a control character ('&#27;') or a
    noncharacter and makes NUL, a surrogate or a number past U+10FFFF
    U+FFFD: the text changes without a word. Here a reference stands for
    its own code point, and one to a hidden character or to none is an
    error at PLACE, as the character written out is.
    """
    if "&" not in text:
        return text

    def read(match: re.Match[str]) -> str:
        written = match.group()
        decimal, hexadecimal = match.group(1, 2)
        if decimal is not None or hexadecimal is not None:
            character = chr(_code_point(decimal or hexadecimal, written, place, what))
            if reference is HTML_REFERENCE and 0x80 <= ord(character) <= 0x9F:
                character = _windows_1252(character)
        elif reference is HTML_REFERENCE:
            character = html.unescape(written)  # HTML5's names, and the legacy ones without ';'
        else:
            character = html5.get(written[1:], written)  # only a whole name: '&notify;' stays text
        character = character.translate(WHITE_SPACE)
        refuse_hidden(character, place, what, hint=f"delete the character reference {quoted(written)}")
        return character

    return reference.sub(read, text)


def _windows_1252(character: str) -> str:
    """What HTML makes of a reference to a C1 control, as a browser shows it: '&#150;' is '–'
    (the character Windows-1252 puts there); the five it leaves undefined stay controls."""
    try:
        return character.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return character


def _code_point(digits: str, written: str, place: str, what: str) -> int:
    """The code point a numeric reference names; an error if it names no character."""
    digits = digits.lstrip("0") or "0"
    code = int(digits, 16 if written[2:3] in ("x", "X") else 10) if len(digits) <= 8 else 0x110000
    if code > 0x10FFFF:
        why = "past U+10FFFF, the last code point"
    elif 0xD800 <= code <= 0xDFFF:
        why = f"U+{code:04X} is a surrogate"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        why = f"U+{code:04X} is a noncharacter"
    else:
        return code
    raise CatalogError(
        f"{place}: character reference {quoted(written)} in {what} stands for no character ({why})",
        hint="delete it, or write the character it was meant to be",
    )


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Windows-1252 ('â€™' -> '’'), leaving real accents alone."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            return match.group()

    return _CP1252_RUN.sub(fix, text)


def clean_lines(pieces: Iterable[str]) -> list[str]:
    """A cell's lines as the page shows them: white space collapsed, empty lines gone, mojibake repaired."""
    lines = (_SPACES.sub(" ", p).strip() for p in pieces)
    return [repair_mojibake(line) for line in lines if line]


def partner_type(resolver: Resolver, heading: str, place: str) -> str:
    """The partner type a table's heading names (its id); an unknown one is an error at PLACE."""
    try:
        return resolver.type(heading).name
    except UnknownValue as exc:
        raise CatalogError(f"{place}: unknown partner type {heading!r}", hint=exc.hint) from None


def service(partner: str, cells: list[list[str]], line: int, resolver: Resolver, source: str) -> Service:
    """One row's five cells (each a list of lines) as a service of PARTNER; errors name the line."""
    region_cell, market_cell, main, name, definition = cells
    region = _regions(region_cell, "registration region", line, resolver, source)
    if len(region) != 1:
        found = ", ".join(region) or "none (only a parenthesised gloss)"
        raise CatalogError(f"{source}:{line}: expected one registration region, found {found}")
    markets = _regions(market_cell, "target market", line, resolver, source)
    if not markets:
        raise CatalogError(f"{source}:{line}: no target market (only a parenthesised gloss)")
    made = Service(
        type=partner,
        registration_region=region[0],
        target_markets=tuple(markets),
        main_category=" ".join(main),
        service_category=" ".join(name),
        definition="\n".join(definition),
    )
    for field in FIELDS:  # what the catalog's checker would refuse, refused here at the document's line
        for problem in size_problems(field.name, getattr(made, field.name)) if field.text else ():
            raise CatalogError(
                f"{source}:{line}: {problem}", hint="a cell this large is a mistake in the page"
            )
    return made


def _regions(cell: list[str], kind: str, line: int, resolver: Resolver, source: str) -> list[str]:
    """Region names in a cell; a group's member list '(Germany Italy …)' is only a gloss."""
    names = [n.strip() for n in _PARENTHESES.sub("\n", "\n".join(cell)).split("\n")]
    found: list[str] = []
    for name in filter(None, names):
        try:
            region = resolver.region(name, kind).name
        except UnknownValue as exc:
            raise CatalogError(f"{source}:{line}: unknown {kind} {name!r}", hint=exc.hint) from None
        if region not in found:
            found.append(region)
    return found


def catalog_of(rows: Iterable[Row], base: CatalogData, source: str) -> CatalogData:
    """The base catalog's types and regions with the rows' services; a repeated row is an error."""
    first_seen: dict[tuple[object, ...], int] = {}
    services = []
    for row in rows:
        line = first_seen.setdefault(row.service.identity(), row.line)
        if line != row.line:
            raise CatalogError(f"{source}:{row.line}: repeats the service on line {line}")
        services.append(row.service)
    return base._replace(services=tuple(services))


def written(
    catalog: CatalogData, source: str, edition: str, imported: str, title: str = ""
) -> tuple[str, CatalogData]:
    """An imported catalog as TOML, checked as a catalog before anyone writes it.

    TITLE is what the document calls itself (a page's <title>); without one
    the base catalog's source is kept.
    """
    provenance = Edition(
        source=title or catalog.edition.source or DEFAULT_SOURCE, edition=edition, imported=imported
    )
    text = tomlio.dumps(catalog._replace(edition=provenance))
    checked, problems = build(tomlio.parse(text, "<imported catalog>"), text)
    if problems or checked is None:
        raise CatalogError(
            f"{source}: the imported catalog would not be valid: {problems[0]}",
            hint="fix the document (or the base catalog's types and regions) and import again",
        )
    return text, checked
