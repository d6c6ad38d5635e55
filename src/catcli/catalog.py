"""Loading a catalog: find the file, read it, parse its TOML, check its schema.

Each step lives in its own module (location, files, tomlio, schema); this one
strings them together for the CLI and the Python API.
"""

from __future__ import annotations

import os
from pathlib import Path

from catcli.errors import CatalogError
from catcli.files import read_text
from catcli.location import Located, locate
from catcli.model import Catalog
from catcli.schema import Problem, check
from catcli.tomlio import TomlError, parse


def load(path: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog at PATH, or the one the lookup order finds; the first problem is fatal."""
    return load_located(locate(path))


def load_located(located: Located) -> Catalog:
    """Read, parse and check a catalog; a problem names the file (and how to reset a user catalog)."""
    path = located.path
    try:
        text = read_text(path)
        catalog, problems = check(parse(text, path), text)
    except CatalogError as exc:
        exc.hint = _HINTS.get(located.reason) or exc.hint
        raise
    if problems or catalog is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        hint = f"see every problem with: catcli validate {path}"
        raise CatalogError(
            f"{path}: {first}{more}", hint=_HINTS["user"] if located.reason == "user" else hint
        )
    return catalog


_HINTS = {
    "flag": "check the path, or leave --catalog out (and unset $CATCLI_CATALOG) to use the default",
    "environment": "fix $CATCLI_CATALOG, or unset it to use your imported or the bundled catalog",
    "user": "this is your imported catalog; go back to the bundled one with: catcli import --reset",
}


def validate(path: Path) -> tuple[Catalog | None, list[Problem]]:
    """Every problem of a catalog file, TOML syntax included; unreadable files still raise."""
    text = read_text(path)
    try:
        data = parse(text, path)
    except TomlError as exc:
        return None, [Problem("", f"invalid TOML: {exc.reason}", exc.line, exc.column)]
    return check(data, text)
