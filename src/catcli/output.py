"""Everything catcli writes to its standard output goes through here, checked.

A write that fails (a full disk, a closed stream) is an OutputError with
exit 3, as with head and cat; a reader that goes away (``catcli list | head``)
ends catcli quietly. Long tables on a terminal go through a pager, like gh
and git. Also here: the terminal's width and whether to colour, decided once
from the environment.
"""

import io
import os
import sys
from typing import NamedTuple

from catcli.errors import OutputError

MAX_WIDTH = 1000  # COLUMNS beyond this is a mistake, not a terminal
DEFAULT_PAGER = "less -FRX"  # quits at once when the text fits the screen


class Closed(Exception):
    """The reader of standard output went away: stop quietly."""


class Terminal(NamedTuple):
    """How to draw a table: width, colour, and whether stdout is a terminal."""

    width: int
    height: int
    is_tty: bool
    color: bool


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _env_size(name: str) -> int | None:
    """COLUMNS or LINES when it is a sane positive number (clamped), else None."""
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return None
    return min(value, MAX_WIDTH) if value > 0 else None


def terminal(no_color: bool = False) -> Terminal:
    """COLUMNS beats the terminal's size beats 80; NO_COLOR and --no-color beat FORCE_COLOR."""
    is_tty = _isatty()
    width, height = _env_size("COLUMNS"), _env_size("LINES")
    if (width is None or height is None) and is_tty:
        try:
            size = os.get_terminal_size(sys.stdout.fileno())
            width, height = width or size.columns or None, height or size.lines or None
        except (OSError, ValueError, AttributeError):
            pass
    forced = bool(os.environ.get("FORCE_COLOR"))
    color = not (no_color or os.environ.get("NO_COLOR")) and (is_tty or forced)
    if os.environ.get("TERM") == "dumb" and not forced:
        color = False
    return Terminal(min(width or 80, MAX_WIDTH), height or 24, is_tty, color)


def emit(text: str) -> None:
    """Write text to stdout now, all of it; a failed or short write is an OutputError.

    The bytes go straight to the file under sys.stdout, in a loop that checks
    every write, as head and cat do: with PYTHONUNBUFFERED=1 (or python -u)
    the text layer writes to the file itself and drops whatever a short
    write leaves over (a full disk cut the output and exited 0), and a
    buffered stream keeps what it could not write, to fail again at exit.
    A stream with no file under it (a test's) is written as text.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write output: standard output is closed")
    try:
        binary = getattr(stream, "buffer", None)
        raw = binary if isinstance(binary, io.RawIOBase) else getattr(binary, "raw", None)
        if isinstance(raw, io.RawIOBase):
            stream.flush()
            if os.linesep != "\n":
                text = text.replace("\n", os.linesep)  # what the text layer would have done
            _write_all(raw, text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        raise Closed() from None
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"cannot write output: the {exc.encoding} encoding has no {exc.object[exc.start]!r}",
            hint="set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)",
        ) from None
    except ValueError:  # a closed file
        raise OutputError("cannot write output: standard output is closed") from None
    except OSError as exc:
        raise OutputError(f"cannot write output: {exc.strerror or exc}") from None


def _write_all(raw: io.RawIOBase, data: bytes) -> None:
    """Every byte, or an OSError: a short write is retried, so a full disk says so."""
    view = memoryview(data)
    while view:
        written = raw.write(view)
        if written is None:  # a non-blocking stream that is full: wait until it drains
            import select

            select.select([], [raw.fileno()], [])
            continue
        if written <= 0:
            import errno

            raise OSError(errno.EIO, "short write")
        view = view[written:]


def pager_command(enabled: bool) -> str | None:
    """The pager to use, or None: $CATCLI_PAGER, then $PAGER, then less -FRX; empty turns it off."""
    if not enabled:
        return None
    for name in ("CATCLI_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value.strip() or None
    return DEFAULT_PAGER


def page(text: str, command: str, height: int) -> None:
    """Show text through the pager when it is longer than the screen; else write it."""
    if text.count("\n") < height:
        emit(text)
        return
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv:
        emit(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LESSCHARSET", "utf-8")
    try:
        with subprocess.Popen(argv, stdin=subprocess.PIPE, env=env) as pager:
            assert pager.stdin is not None
            try:
                pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
                pager.stdin.close()
            except BrokenPipeError:
                pass  # the reader quit the pager early: that is fine
            while True:
                try:
                    pager.wait()
                    break
                except KeyboardInterrupt:
                    continue  # as git does: Ctrl-C belongs to the pager
    except OSError:
        emit(text)  # no such pager: print as if there were none
