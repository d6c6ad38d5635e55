"""A checked catalog kept in marshal form, so a lookup need not parse TOML again.

Parsing and checking catalog.toml (and importing the TOML parser) is most of
what catcli does on top of its framework; a lookup in a script loop repeats
it for an unchanged file. Like Python's own .pyc files, the cache is keyed on
the catalog's path, size, modification time and inode, on the Python version,
and on the catcli modules that shape a checked catalog, so any change is a
miss. It
lives in ``$XDG_CACHE_HOME/catcli`` (default ``~/.cache/catcli``), private to
the user. It is only ever a shortcut: a missing, stale, unreadable, corrupt or
unwritable cache means parsing the catalog as usual, never an error.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

from catcli.model import SERVICE_FIELDS, Catalog, Country, Edition, PartnerType, Region, Service

FORMAT = 1  # bump when the stored shape changes
# The modules whose change means re-checking: the model, the rules, their text helpers, this format.
_SHAPERS = ("model.py", "schema.py", "text.py", "cache.py")


def directory() -> Path | None:
    """Where caches live (XDG base directory spec); None without a home."""
    cache_home = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(cache_home):
        return Path(cache_home) / "catcli"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "catcli" if os.path.isabs(home) else None


def key(path: Path) -> tuple[Any, ...] | None:
    """What a cached copy must match to stand for the file at PATH; None: do not cache."""
    try:
        info = os.stat(path)
        here = Path(__file__).parent
        shapers = tuple(os.stat(here / name).st_mtime_ns for name in _SHAPERS)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    place = os.path.abspath(path)
    runtime = (FORMAT, sys.hexversion, SERVICE_FIELDS)
    return (runtime, place, info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev, shapers)


def _file(cache_key: tuple[Any, ...]) -> Path | None:
    folder = directory()
    if folder is None:
        return None
    digest = 0xCBF29CE484222325  # FNV-1a over the path: a stable name, no hashlib import
    for byte in os.fsencode(cache_key[1]):
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return folder / f"catalog-{digest:016x}.marshal"


def get(cache_key: tuple[Any, ...]) -> Catalog | None:
    """The cached catalog for this key, or None (no cache, another key, or anything odd)."""
    place = _file(cache_key)
    if place is None:
        return None
    try:
        with open(place, "rb") as handle:
            stored_key, data = marshal.loads(handle.read())
        return _rebuild(data) if stored_key == cache_key else None
    except Exception:  # noqa: BLE001 - a corrupt or foreign cache is only a miss
        return None


def put(cache_key: tuple[Any, ...], catalog: Catalog) -> None:
    """Keep the checked catalog for next time; any failure just leaves no cache."""
    place = _file(cache_key)
    if place is None:
        return
    temporary = place.with_name(f".{place.name}.{os.getpid()}.tmp")
    try:
        place.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = marshal.dumps((cache_key, _plain(catalog)))
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, place)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _plain(catalog: Catalog) -> tuple[Any, ...]:
    """The catalog as plain tuples and strings, which marshal stores."""
    return (
        tuple(tuple(t) for t in catalog.types),
        tuple((r.name, tuple(tuple(c) for c in r.countries), tuple(r.aliases)) for r in catalog.regions),
        tuple(tuple(s) for s in catalog.services),
        tuple(catalog.edition),
    )


def _rebuild(data: tuple[Any, ...]) -> Catalog:
    """The catalog again; a shape that is not exactly what _plain makes raises."""
    types, regions, services, edition = data
    catalog = Catalog(
        types=tuple(PartnerType._make(t) for t in types),
        regions=tuple(
            Region(name=name, countries=tuple(Country._make(c) for c in countries), aliases=aliases)
            for name, countries, aliases in regions
        ),
        services=tuple(Service._make(s) for s in services),
        edition=Edition._make(edition),
    )
    if _plain(catalog) != data or not _all_text(data):
        raise ValueError("cache holds something else")
    return catalog


def _all_text(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(_all_text(item) for item in value)
    return type(value) is str
