"""Reading and writing files, refusing everything that is not a plain file.

A catalog or document is read only from a regular file of at most
``MAX_BYTES``: a device (/dev/zero), a FIFO with no writer or a runaway file
must end in an error, never in a hang or unbounded memory. A catalog is
written whole or not at all (temporary file, fsync, rename), only over a
regular file or a new path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from catcli.errors import CatalogError, UsageError

MAX_BYTES = 32 * 1024 * 1024  # ~1,000x today's catalog
BOM = "\ufeff"


def checked_path(value: str | os.PathLike[str], what: str) -> Path:
    """A path given on the command line or in the environment; empty is a usage error."""
    if not os.fspath(value):
        raise UsageError(f"empty path for {what}", hint=f"give a file name for {what}")
    return Path(value)


def read_text(path: Path, kind: str = "catalog") -> str:
    """A catalog's (or a document's) text; every way that fails is a CatalogError."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CatalogError(f"{kind} not found: {path}") from None
    except IsADirectoryError:
        raise CatalogError(f"{kind} is a directory, not a file: {path}") from None
    except OSError as exc:
        raise CatalogError(f"cannot read {kind} {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CatalogError(f"{kind} is a directory, not a file: {path}")
        if not stat.S_ISREG(info.st_mode):
            raise CatalogError(
                f"{kind} is not a regular file: {path}",
                hint="catcli reads only regular files (not devices, FIFOs or sockets)",
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CatalogError(f"cannot read {kind} {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise CatalogError(
            f"{kind} is larger than {MAX_BYTES // (1024 * 1024)} MiB: {path}",
            hint="catcli reads catalogs and documents of at most 32 MiB",
        )
    return decode(data, path)


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text without a leading BOM; bad bytes are placed by line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise CatalogError(
            f"{path}:{line}:{column}: not UTF-8 text (byte {data[exc.start]:#04x})",
            hint="save the file as UTF-8",
        ) from None
    return text[1:] if text.startswith(BOM) else text


class _Interrupted(BaseException):
    """SIGTERM or SIGHUP during a write: unwind, removing the temporary file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, frame: object) -> None:
    raise _Interrupted(signum)


def _trap(*signums: int) -> dict[int, Any]:
    """Make these signals unwind a write (so it cleans up); the previous handlers, to restore."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers: leave them alone
    return {signum: signal.signal(signum, _raise_interrupted) for signum in signums}


def output_path(value: str | os.PathLike[str]) -> Path:
    """Where ``--output`` may write: a regular file or a new path, never a device or FIFO."""
    path = checked_path(value, "--output")
    if os.fspath(value).endswith(("/", os.sep)):
        raise UsageError(f"--output names a directory: {value}", hint="give a file name")
    return path


def write_atomic(path: Path, text: str) -> None:
    """Write text to path whole or not at all: a temporary file, then a rename.

    Only a regular file (or a new path) is replaced: a device, FIFO, socket
    or a link to one is refused, so /dev/null stays a device. The file keeps
    its mode, and its owner and group where the process may set them.
    """
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise CatalogError(
            f"cannot write {path}: not a regular file",
            hint="--output writes only regular files or new paths",
        )
    if info is not None and path.is_symlink():
        path = path.resolve()  # replace the file the link names, keep the link
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = info.st_mode & 0o777
    import signal
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
    previous = _trap(signal.SIGTERM, signal.SIGHUP)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if info is not None and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            # An ordinary user cannot give a file away; it becomes theirs, as with cp.
            with contextlib.suppress(PermissionError):
                os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CatalogError(f"cannot write {path}: {exc.strerror or exc}") from None
        if isinstance(exc, _Interrupted):
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            previous.clear()
            os.kill(os.getpid(), exc.signum)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
