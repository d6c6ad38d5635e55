"""TOML in and out: every parse of a catalog goes through ``parse``; ``dumps`` writes one.

tomli only reads TOML; the catalog's shape is small and fixed, so a writer
for exactly that shape is simpler than another dependency.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from catcli.errors import CatalogError
from catcli.model import EDITION_FIELDS, FIELDS, CatalogData, PartnerType, Region, Service


class TomlError(CatalogError):
    """Text that is not TOML (or nests too deeply to read), with where if known."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, column: int | None = None):
        position = "".join(f":{n}" for n in (line, column) if n)
        super().__init__(
            f"{path}{position}: invalid TOML: {message}",
            hint="fix the file, or check it with: catcli validate PATH",
        )
        self.reason = message
        self.line = line
        self.column = column


def parse(text: str, path: Path | str) -> dict[str, Any]:
    """The one way catcli parses TOML; every failure is a TomlError naming the file."""
    import tomli  # only when the cache misses, or a file is validated or imported

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise TomlError(path, exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise TomlError(path, "nested too deeply to read") from None


HEADER = """\
# catcli catalog: TikTok Shop Partner Center service categories.
#
# [catalog] says where the rows came from: the document's title, its edition
# (the day it was taken, YYYY-MM-DD) and the day it was imported.
# One [[types]] per partner type, one [[regions]] per registration region,
# one [[services]] per row of the Partner Center tables. Services name types
# by id and regions by exact name; aliases only help people type them.
# Service text is written as TOML literal strings ('...', nothing escaped);
# write one as "..." if it needs an apostrophe. Edit freely: an edit takes
# effect when you import the file, which checks it first and then makes it
# the catalog catcli answers from (catcli import --reset goes back):
#   catcli import catalog.toml
# To check an edit without importing it: catcli validate catalog.toml
"""

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(value: str, *, multiline: bool = False) -> str:
    """A TOML basic string; multi-line when it holds line breaks, for readability."""
    out = []
    for char in value:
        if multiline and char == "\n":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    body = "".join(out)
    if multiline and "\n" in value:
        return f'"""\n{body}"""'
    return f'"{body}"'


def literal(value: str) -> str:
    """A TOML literal string where one can hold value, else a basic string.

    Literal strings read as written, with no escapes, and tomli parses them
    ~10% faster than basic strings, which counts for long definitions.
    """
    if "'" in value or any(ord(c) < 0x20 and c != "\n" or ord(c) == 0x7F for c in value):
        return string(value, multiline=True)
    return f"'''\n{value}'''" if "\n" in value else f"'{value}'"


def array(values: Iterable[str]) -> str:
    return "[" + ", ".join(string(v) for v in values) + "]"


def _type(partner: PartnerType) -> str:
    return (
        f"\n[[types]]\nid = {string(partner.id)}\nname = {string(partner.name)}\n"
        f"aliases = {array(partner.aliases)}\n"
    )


def _region(region: Region) -> str:
    countries = "".join(
        f"  {{ code = {string(c.code)}, name = {string(c.name)} }},\n" for c in region.countries
    )
    return (
        f"\n[[regions]]\nname = {string(region.name)}\naliases = {array(region.aliases)}\n"
        f"countries = [\n{countries}]\n"
    )


def _service(service: Service) -> str:
    """Every field in declaration order (an optional one left out when empty): sequences
    as arrays, free text as literal strings, names of types and regions as basic strings."""
    lines = [
        f"{field.name} = {_value(value, field.text)}\n"
        for field, value in zip(FIELDS, service, strict=True)
        if value is not None
    ]
    return "\n[[services]]\n" + "".join(lines)


def _value(value: object, text: bool) -> str:
    if isinstance(value, tuple):
        return array(map(str, value))
    return literal(str(value)) if text else string(str(value))


def _edition(catalog: CatalogData) -> str:
    lines = [
        f"{name} = {string(value)}\n" for name, value in zip(EDITION_FIELDS, catalog.edition, strict=True)
    ]
    return "\n[catalog]\n" + "".join(lines)


def dumps(catalog: CatalogData) -> str:
    return "".join(
        [
            HEADER,
            _edition(catalog),
            *map(_type, catalog.types),
            *map(_region, catalog.regions),
            *map(_service, catalog.services),
        ]
    )
