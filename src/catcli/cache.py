"""A checked catalog kept in marshal form, so a lookup need not parse TOML again.

Parsing and checking catalog.toml (and importing the TOML parser) is most of
what catcli does on top of its framework; a lookup in a script loop repeats
it for an unchanged file. Like Python's own .pyc files, the cache is keyed on
the catalog's path, size, times and inode, on catcli's version and modules,
and on the Python version, so any change is a miss. It lives in
``$XDG_CACHE_HOME/catcli`` (default ``~/.cache/catcli``), and is used only
while that folder is the user's own and writable by nobody else. Only the
catalog a lookup chooses is cached (not diff's arguments or --base). It is
only ever a shortcut: a missing, stale, unreadable, corrupt or unwritable
cache means parsing the catalog as usual, never an error.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

import catcli
from catcli.model import SERVICE_FIELDS, CatalogData, Country, Edition, PartnerType, Region, Service

FORMAT = 2  # bump when the stored shape changes
MAX_BYTES = 256 * 1024 * 1024  # far beyond the cache of a catalog of files.MAX_BYTES


def directory() -> Path | None:
    """Where caches live (XDG base directory spec); None without a home."""
    cache_home = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(cache_home):
        return Path(cache_home) / "catcli"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "catcli" if os.path.isabs(home) else None


def key(path: Path) -> tuple[Any, ...] | None:
    """What a cached copy must match to stand for the file at PATH; None: do not cache.

    Besides the file itself (path, size, times, inode), everything that shapes
    a checked catalog: catcli's version and every one of its modules, and the
    Python that runs it.
    """
    try:
        info = os.stat(path)
        package = Path(__file__).parent
        modules = [entry for entry in os.scandir(package) if entry.name.endswith(".py")]
        code = tuple(sorted((m.name, m.stat().st_mtime_ns, m.stat().st_size) for m in modules))
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    runtime = (FORMAT, catcli.__version__, sys.hexversion, SERVICE_FIELDS, code)
    place = os.path.abspath(path)
    return (runtime, place, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _file(cache_key: tuple[Any, ...]) -> Path | None:
    folder = directory()
    if folder is None:
        return None
    digest = 0xCBF29CE484222325  # FNV-1a over the path: a stable name, no hashlib import
    for byte in os.fsencode(cache_key[1]):
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return folder / f"catalog-{digest:016x}.marshal"


def _private(folder: Path) -> bool:
    """A folder only this user can write to: nobody else may plant a 'checked' catalog."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    writable_by_others = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not writable_by_others


def get(cache_key: tuple[Any, ...]) -> CatalogData | None:
    """The cached catalog for this key, or None (no cache, another key, or anything odd)."""
    place = _file(cache_key)
    if place is None or not _private(place.parent):
        return None
    try:
        # Never follow a link, never wait on a FIFO, read only a regular file, and only so much.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(place, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            stored_key, data = marshal.loads(handle.read(MAX_BYTES))
        return _rebuild(data) if stored_key == cache_key else None
    except Exception:  # a corrupt or foreign cache is only a miss
        return None


def put(cache_key: tuple[Any, ...], catalog: CatalogData) -> None:
    """Keep the checked catalog for next time; any failure just leaves no cache."""
    import tempfile  # only when a cache is written, never on a warm lookup

    place = _file(cache_key)
    if place is None:
        return
    temporary = None
    try:
        place.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(place.parent):
            return
        data = marshal.dumps((cache_key, _plain(catalog)))
        fd, temporary = tempfile.mkstemp(prefix=f".{place.name}.", suffix=".tmp", dir=place.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, place)
    except (OSError, ValueError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _plain(catalog: CatalogData) -> tuple[Any, ...]:
    """The catalog as plain tuples and strings, which marshal stores."""
    return (
        tuple(tuple(t) for t in catalog.types),
        tuple((r.name, tuple(tuple(c) for c in r.countries), tuple(r.aliases)) for r in catalog.regions),
        tuple(tuple(s) for s in catalog.services),
        tuple(catalog.edition),
    )


def _rebuild(data: tuple[Any, ...]) -> CatalogData:
    """The catalog again; a shape that is not exactly what _plain makes raises."""
    types, regions, services, edition = data
    catalog = CatalogData(
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
