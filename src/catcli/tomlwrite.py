"""Writing a catalog as TOML that people can read and edit.

tomli only reads TOML; the catalog's shape is small and fixed, so a writer
for exactly that shape is simpler than another dependency.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catcli.catalog import Catalog, PartnerType, Region, Service
from catcli.errors import CatalogError

HEADER = """\
# catcli catalog: TikTok Shop Partner Center service categories.
#
# One [[types]] per partner type, one [[regions]] per registration region,
# one [[services]] per row of the Partner Center tables. Services name types
# by id and regions by exact name; aliases only help people type them.
# Definitions are TOML literal strings ('...', nothing escaped); write one
# as "..." if it needs an apostrophe. Edit freely, then check with:
# catcli validate catalog.toml
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
    return (
        "\n[[services]]\n"
        f"type = {string(service.type)}\n"
        f"registration_region = {string(service.registration_region)}\n"
        f"target_markets = {array(service.target_markets)}\n"
        f"main_category = {string(service.main_category)}\n"
        f"service_category = {string(service.service_category)}\n"
        f"definition = {literal(service.definition)}\n"
    )


def dumps(catalog: Catalog) -> str:
    return "".join(
        [
            HEADER,
            *map(_type, catalog.types),
            *map(_region, catalog.regions),
            *map(_service, catalog.services),
        ]
    )


def write_atomic(path: Path, text: str) -> None:
    """Write text to path whole or not at all: a temporary file, then a rename."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
