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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from catcli.errors import CatalogError, OutputError, UsageError

# Read once, at import: setting the umask to read it is process-wide, so not at every write.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
MAX_BYTES = 32 * 1024 * 1024  # ~1,000x today's catalog
BOM = "\ufeff"


def checked_path(value: str | os.PathLike[str], what: str) -> Path:
    """A path given on the command line, in the environment or to the API; empty, or not a path
    at all, is a usage error."""
    if not isinstance(value, str | os.PathLike) or not isinstance(os.fspath(value), str):
        raise UsageError(
            f"{what} must be a path, not {type(value).__name__}", hint=f"give a file name for {what}"
        )
    if not os.fspath(value):
        raise UsageError(f"empty path for {what}", hint=f"give a file name for {what}")
    return Path(value)


def read_text(path: Path, kind: str = "catalog") -> str:
    """A catalog's (or a document's) text, as UTF-8; every way that fails is a CatalogError."""
    return decode(read_bytes(path, kind), path)


def read_bytes(path: Path, kind: str = "catalog") -> bytes:
    """A file's bytes, at most MAX_BYTES of them; every way that fails is a CatalogError.

    The path is checked before it is opened, so a device is never opened at
    all (opening one can have effects: a tape rewinds, a terminal becomes the
    controlling one), and again after, in case it was swapped in between.
    """
    try:
        info = os.stat(path)
        _refuse_irregular(info, path, kind)
        # O_NONBLOCK: a FIFO swapped in after the check must not wait for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise CatalogError(f"{kind} not found: {path}") from None
    except IsADirectoryError:
        raise CatalogError(f"{kind} is a directory, not a file: {path}") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise CatalogError(f"cannot read {kind} {path}: {_reason(exc)}") from None
    try:
        _refuse_irregular(os.fstat(fd), path, kind)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CatalogError(f"cannot read {kind} {path}: {_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise too_large(f"{kind} {path}")
    return data


def too_large(what: str) -> CatalogError:
    """The one message for input over MAX_BYTES."""
    limit = f"{MAX_BYTES // (1024 * 1024)} MiB"
    return CatalogError(
        f"{what} is larger than {limit}", hint=f"catcli reads catalogs and documents of at most {limit}"
    )


def _refuse_irregular(info: os.stat_result, path: Path, kind: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise CatalogError(f"{kind} is a directory, not a file: {path}")
    if not stat.S_ISREG(info.st_mode):
        raise CatalogError(
            f"{kind} is not a regular file: {path}",
            hint="catcli reads only regular files (not devices, FIFOs or sockets)",
        )


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text without a leading BOM; bad bytes are placed by line and column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogError(
            f"{path}:1:1: UTF-16 text, not UTF-8", hint="save the file as UTF-8 (a UTF-8 BOM is fine)"
        )
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


def _signals(*names: str) -> list[int]:
    import signal  # only when a file is written (and below): never on a lookup

    return [getattr(signal, name) for name in names if hasattr(signal, name)]


def _trap(signums: list[int]) -> dict[int, Any]:
    """Make these signals unwind a write (so it cleans up); the previous handlers, to restore.

    Only signals that would kill the process are trapped: one that is ignored
    (SIGHUP under nohup) stays ignored, and a handler the program set stays.
    """
    import signal  # these: only when a file is written, never on a lookup
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers: leave them alone
    trapped = {}
    for signum in signums:
        if signal.getsignal(signum) is signal.SIG_DFL:
            trapped[signum] = signal.signal(signum, _raise_interrupted)
    return trapped


def _restore(previous: dict[int, Any]) -> None:
    import signal  # writing only, as in _signals

    for signum, handler in previous.items():
        signal.signal(signum, handler)
    previous.clear()


@contextlib.contextmanager
def _deferred(signums: list[int]) -> Iterator[None]:
    """Hold these signals back for a moment (while a temporary file is made and named)."""
    import signal  # writing only, as in _signals

    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    blocked = mask(signal.SIG_BLOCK, signums)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, blocked)


def output_path(value: str | os.PathLike[str]) -> Path:
    """Where ``--output`` may write: a regular file or a new path, never a device or FIFO."""
    path = checked_path(value, "--output")
    if os.fspath(value).endswith(("/", os.sep)) or os.path.isdir(path):
        raise UsageError(f"--output names a directory: {value}", hint="give a file name")
    return path


_REGULAR_ONLY = "catcli writes only regular files or new paths"


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (through links too), as cp checks before it copies."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False  # one does not exist (yet): two files


def _destination(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to replace (a symbolic link's target) and its status; None for a new path."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # as cp does: never write through a dangling link
            raise OutputError(
                f"cannot write {path}: a symbolic link to a missing file",
                hint="remove the link, or create the file it names",
            ) from None
        return path, None
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputError(f"cannot write {path}: {kind}", hint=_REGULAR_ONLY)
    if not os.access(path, os.W_OK):  # a rename would replace it all the same: refuse, as cp does
        raise OutputError(
            f"cannot write {path}: the file is read-only to you",
            hint="make it writable (chmod u+w), or write elsewhere with --output",
        )
    if os.path.islink(path):
        return Path(os.path.realpath(path)), info  # replace the file the link names, keep the link
    return path, info


def write_atomic(path: Path, text: str) -> None:
    """Write text to path whole or not at all: a temporary file, then a rename.

    Only a regular file (or a new path) is replaced: a device, FIFO, socket
    or a link to one is refused, so /dev/null stays a device. The file keeps
    its mode, and its owner and group where the process may set them.
    SIGINT, SIGTERM and SIGHUP during the write remove the temporary file
    (and then end the process as they would have). Every failure is an
    OutputError, with the old file untouched and no temporary file left.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(f"cannot write {path}: not Unicode text ({exc.reason})") from None
    target, info = _destination(path)
    signums = _signals("SIGINT", "SIGTERM", "SIGHUP")
    previous: dict[int, Any] = {}
    temporary: str | None = None
    try:
        # Held back until the handlers are set and the temporary file is named,
        # so that whenever a signal comes, the cleanup below knows what to do.
        with _deferred(signums):
            previous.update(_trap(signums[1:]))
            handle, temporary = _temporary(target)
        _fill(handle, temporary, data, info)
        os.replace(temporary, target)
        temporary = None
        _sync_directory(target.parent)
    except BaseException as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _restore(previous)
        _reraise(path, exc)
    finally:
        _restore(previous)


def _temporary(target: Path) -> tuple[int, str]:
    """A new temporary file beside target (open, and its name), for the rename to replace it atomically."""
    import tempfile  # only when a file is written

    return tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=target.parent)


def _fill(handle: int, temporary: str, data: bytes, info: os.stat_result | None) -> None:
    """Write, keep the replaced file's owner, group and mode (or the umask's), and sync."""
    mode = 0o666 & ~_UMASK if info is None else stat.S_IMODE(info.st_mode) & 0o777
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        if info is not None:
            _keep_owner(out.fileno(), info)
        if hasattr(os, "fchmod"):
            os.fchmod(out.fileno(), mode)
        os.fsync(out.fileno())
    if not hasattr(os, "fchmod"):
        os.chmod(temporary, mode)


def _reraise(path: Path, exc: BaseException) -> NoReturn:
    """A failed write as an OutputError; an interrupting signal takes its default action first."""
    if isinstance(exc, _Interrupted):
        import signal  # writing only, as in _signals

        os.kill(os.getpid(), exc.signum)  # the default action, now the file is gone
        name = signal.Signals(exc.signum).name
        raise OutputError(f"cannot write {path}: interrupted by {name}") from None
    if isinstance(exc, OSError):
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    raise exc


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """The owner and group of the file being replaced, where the process may set them.

    root rewriting a user's catalog must not hand it to root; an ordinary
    user cannot give a file away, so it becomes theirs (keeping the group
    when they are in it), as with cp.
    """
    chown = getattr(os, "fchown", None)
    if chown is None:
        return
    current = os.fstat(fd)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        chown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            chown(fd, -1, info.st_gid)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort (not every system can open a directory)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
