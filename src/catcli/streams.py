"""Everything catcli writes to its standard streams goes through here: data to stdout, checked;
messages to stderr, escaped.

A write to stdout that fails (a full disk, a closed stream) is an OutputError
with exit 3, as with head and cat; a reader that goes away (``catcli list |
head``) ends catcli quietly. A message is one line (and a hint), whatever a
catalog or an argument put in it. The terminal's size, colour and pager are
in catcli.terminal, which only tables need.
"""

import io
import os
import sys

from catcli.errors import OutputError
from catcli.text import printable


class Closed(Exception):
    """The reader of standard output went away: stop quietly."""


class ClosedOutput(io.TextIOBase):
    """Stands in for a stdout the shell closed (``>&-``): a write fails as one to the closed
    descriptor would, so a command that fails first (a typo) reports that, as ls and cat do."""

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")


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
        stream = ClosedOutput()
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


def one_line(text: str) -> str:
    """A message as one safe line: control characters escaped, line breaks too."""
    return printable(text).replace("\n", "\\n")


def warn(message: str, hint: str | None = None) -> None:
    """'catcli: MESSAGE' (and '  hint: HINT') on stderr, never a traceback, whatever state stderr is in."""
    text = f"catcli: {one_line(message)}\n" + (f"  hint: {one_line(hint)}\n" if hint else "")
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass
