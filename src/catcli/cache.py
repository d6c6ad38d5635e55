"""Results kept between runs, so a lookup need not parse and check its catalog again.

Parsing and checking catalog.toml (and importing the TOML parser) is most of
what catcli does on top of its framework, and a script calling catcli in a
loop repeats it for an unchanged file. An entry is keyed like Python's
hash-based .pyc files, on the *content* of what it stands for (the catalog's
bytes, read on every lookup) and on the code that made it (catcli's version
and modules, the Python), never on timestamps, which a second-granular file
system or a quick second edit leaves unchanged. An entry carries a checksum of
its payload and is size-checked before it is unmarshalled: anything that does
not verify is a miss. It is written to a temporary file and renamed, so it is
complete or absent.

Entries live in ``$XDG_CACHE_HOME/catcli`` (default ``~/.cache/catcli``). The
folder is opened once and everything is done relative to that descriptor,
which must be a directory the user owns that nobody else may write; catcli
creates a missing folder only inside one the user owns (root running with
another user's HOME skips the cache rather than leave root-owned folders in
it). The cache is only ever a shortcut: any trouble is a miss, never an error.
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

try:  # the C module behind hashlib.blake2b: importing hashlib itself costs ~2 ms (OpenSSL)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

FORMAT = b"catcli cache 3\n"  # changes when an entry's layout or payload shape changes
MAX_BYTES = 256 * 1024 * 1024  # far beyond an entry for a catalog of files.MAX_BYTES
# Entries kept: one per catalog path and 32 for the names of countries; beyond, the oldest go,
# so a script looking up many temporary catalogs cannot fill a disk (~21 KB each today).
MAX_ENTRIES = 128
_DIGEST = 32
_HEADER = len(FORMAT) + _DIGEST + 8 + _DIGEST  # format, key, payload size, payload checksum
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def directory() -> Path | None:
    """Where entries live (XDG base directory spec); None without a home."""
    cache_home = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(cache_home):
        return Path(cache_home) / "catcli"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "catcli" if os.path.isabs(home) else None


def digest(*parts: bytes) -> bytes:
    """A key for an entry: a digest of everything its value depends on."""
    hashed = blake2b(digest_size=_DIGEST)
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))
        hashed.update(part)
    return hashed.digest()


# The modules that make a checked catalog from a file's bytes (tests/test_cache.py proves the list
# complete): an edit to one of them, in a checkout, must not be answered by an entry the old code made.
CHECKERS = ("cache", "files", "loading", "model", "problems", "rows", "schema", "text", "tomlio")


def code_key(modules: tuple[str, ...] = CHECKERS) -> bytes:
    """What shapes a stored value besides its input: catcli's version and MODULES, and the Python."""
    package = Path(__file__).parent
    files = []
    for name in modules:
        try:
            info = os.stat(package / f"{name}.py")
        except OSError:
            continue
        files.append((name, info.st_mtime_ns, info.st_size))
    return repr((FORMAT, catcli.__version__, sys.hexversion, files)).encode()


def _folder(create: bool) -> int | None:
    """The cache folder, opened without following a link: a descriptor, or None if it is not
    the user's own and private (or cannot be made so)."""
    place = directory()
    if place is None:
        return None
    if create:
        _make(place)
    try:
        fd = os.open(place, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return None
    info = os.fstat(fd)
    private = info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if stat.S_ISDIR(info.st_mode) and private:
        return fd
    os.close(fd)
    return None


def _make(place: Path) -> None:
    """Create the folder and missing parents (0700), each only inside a folder the user owns."""
    missing = []
    for parent in (place, *place.parents):
        if os.path.lexists(parent):
            break
        missing.append(parent)
    try:
        for path in reversed(missing):
            if os.lstat(path.parent).st_uid != os.geteuid():
                return  # someone else's folder: leave nothing of ours in it
            os.mkdir(path, 0o700)
    except OSError:
        return


def _name(name: str) -> str:
    """An entry's file name: one per NAME (a catalog's path), so a changed catalog replaces its entry."""
    return f"{blake2b(os.fsencode(name), digest_size=8).hexdigest()}.entry"


def get(name: str, key: bytes) -> Any | None:
    """The value stored under NAME for KEY, or None: no entry, another key, or one that does not verify."""
    folder = _folder(create=False)
    if folder is None:
        return None
    try:
        fd = os.open(_name(name), _OPEN, dir_fd=folder)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    finally:
        os.close(folder)
    return _verified(data, key)


def _verified(data: bytes, key: bytes) -> Any | None:
    """The payload of an entry that is whole, for KEY, and unchanged since it was written."""
    if len(data) < _HEADER or not data.startswith(FORMAT):
        return None
    head = len(FORMAT)
    stored_key, size = (
        data[head : head + _DIGEST],
        int.from_bytes(data[head + _DIGEST : head + _DIGEST + 8], "little"),
    )
    checksum, payload = data[_HEADER - _DIGEST : _HEADER], data[_HEADER:]
    if stored_key != key or size != len(payload) or digest(payload) != checksum:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):  # pragma: no cover - a verified payload is what was dumped
        return None


def put(name: str, key: bytes, value: Any) -> None:
    """Keep VALUE (plain data: tuples, strings, numbers) under NAME for KEY; any failure leaves no entry."""
    folder = _folder(create=True)
    if folder is None:
        return
    temporary = f".{os.urandom(8).hex()}.tmp"
    try:
        payload = marshal.dumps(value)
        entry = FORMAT + key + len(payload).to_bytes(8, "little") + digest(payload) + payload
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temporary, flags, 0o600, dir_fd=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(entry)
        os.replace(temporary, _name(name), src_dir_fd=folder, dst_dir_fd=folder)
        _prune(folder)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
    finally:
        os.close(folder)


def _prune(folder: int) -> None:
    """Remove the oldest entries beyond MAX_ENTRIES (only after a write, which a warm lookup never does)."""
    entries = [e for e in os.scandir(folder) if e.name.endswith(".entry")]
    if len(entries) > MAX_ENTRIES:
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for entry in entries[: len(entries) - MAX_ENTRIES]:
            os.unlink(entry.name, dir_fd=folder)


def catalog_key(data: bytes) -> bytes:
    """The key of a checked catalog: its file's bytes, the shape of a service, and the code."""
    return digest(data, repr(SERVICE_FIELDS).encode(), code_key())


def plain(catalog: CatalogData) -> tuple[Any, ...]:
    """The catalog as plain tuples and strings, which marshal stores."""
    return (
        tuple(tuple(t) for t in catalog.types),
        tuple((r.name, tuple(tuple(c) for c in r.countries), tuple(r.aliases)) for r in catalog.regions),
        tuple(tuple(s) for s in catalog.services),
        tuple(catalog.edition),
    )


def rebuilt(data: Any) -> CatalogData | None:
    """The catalog again from what ``plain`` made; None for anything of another shape.

    The payload was verified against its checksum, so it is what catcli stored; the shape
    is checked all the same (cheaply), since a stored value outlives the code that stored it.
    """
    try:
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
    except (TypeError, ValueError):
        return None
    whole = catalog.types and catalog.regions and catalog.services  # as every checked catalog is
    return catalog if whole and all(type(s.type) is str for s in catalog.services) else None
