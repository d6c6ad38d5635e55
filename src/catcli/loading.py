"""Loading a catalog: find the file, read it, parse its TOML, check its schema.

Each step lives in its own module (location, files, tomlio, schema); this one
strings them together for the CLI and the Python API, and makes a failure say
how the file was chosen, so the user knows how to choose another.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from catcli import cache
from catcli.errors import CatalogError
from catcli.files import decode, read_bytes, read_text
from catcli.location import Located, locate
from catcli.model import CatalogData

if TYPE_CHECKING:
    from catcli.problems import Problem

# How to get away from a catalog that cannot be used, by how it was chosen.
_WAY_OUT = {
    "flag": "leave out --catalog to use $CATCLI_CATALOG, your imported or the bundled catalog",
    "environment": "unset $CATCLI_CATALOG to use your imported or the bundled catalog",
    "user": "this is your imported catalog: go back to the bundled one with: catcli import --reset",
}


def load(path: str | os.PathLike[str] | None = None) -> CatalogData:
    """The catalog at PATH, or the one the lookup order finds; the first problem is fatal."""
    return load_located(locate(path))


def load_located(located: Located) -> CatalogData:
    """A catalog the lookup chose; a failure also says how to choose another."""
    try:
        return _cached_or_read(located.path)
    except CatalogError as exc:
        way_out = _WAY_OUT.get(located.reason)
        if way_out:
            exc.hint = f"{exc.hint or 'check the path'}; {way_out}"
        raise


def _cached_or_read(path: Path) -> CatalogData:
    """The catalog a lookup chose. Its bytes are read every time; when the cache
    (catcli.cache) holds a checked catalog made from exactly these bytes, that is
    the answer, without parsing: the TOML parser and the checker are imported
    only on a miss."""
    data = read_bytes(path)
    key = cache.catalog_key(data)
    cached = cache.rebuilt(cache.get(str(path.absolute()), key))
    if cached is not None:
        return cached
    catalog = from_text(decode(data, path), str(path))
    cache.put(str(path.absolute()), key, cache.plain(catalog))
    return catalog


def read(path: Path) -> CatalogData:
    """A catalog file, parsed and checked (no cache: --base and diff's arguments come this way)."""
    return from_text(read_text(path), str(path))


def from_text(text: str, name: str) -> CatalogData:
    """A catalog's text, parsed and checked; NAME (a path, '<stdin>') is what messages call it.

    A query cannot trust the rest of a catalog with a problem: the error names
    the first, how many more there are, and how to see them all.
    """
    from catcli.schema import build  # the checker and the parser: only when the cache misses
    from catcli.tomlio import TomlError, parse

    every = (
        f"catcli validate {name}" if not name.startswith("<") else "catcli validate FILE (after saving it)"
    )
    try:
        catalog, problems = build(parse(text, name), text)
    except TomlError as exc:
        exc.hint = f"fix the file; check it with: {every}"
        raise
    if problems or catalog is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CatalogError(f"{name}: {first}{more}", hint=f"see every problem with: {every}")
    return catalog


def validate(path: Path) -> tuple[CatalogData | None, list[Problem]]:
    """Every problem of a catalog file, TOML syntax included; unreadable files still raise."""
    from catcli.problems import Problem  # validate's: as in from_text
    from catcli.schema import build
    from catcli.tomlio import TomlError, parse

    text = read_text(path)
    try:
        data = parse(text, path)
    except TomlError as exc:
        return None, [Problem("", f"invalid TOML: {exc.reason}", exc.line, exc.column)]
    return build(data, text)
