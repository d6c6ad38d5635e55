"""The terminal a table is drawn for: its width, whether to colour, and the pager.

Decided once from the environment, and only when a table is drawn: machine
formats never ask. Long tables on a terminal go through a pager, like gh and
git.
"""

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import NamedTuple

from catcli.streams import emit

MAX_WIDTH = 1000  # COLUMNS beyond this is a mistake, not a terminal
DEFAULT_PAGER = "less -FRX"  # quits at once when the text fits the screen


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


def pager_command(enabled: bool) -> str | None:
    """The pager to use, or None: $CATCLI_PAGER, then $PAGER, then less -FRX; empty turns it off,
    and so does a terminal that cannot run one (TERM unset or dumb), as git and gh do."""
    if not enabled or not _can_page():
        return None
    for name in ("CATCLI_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value.strip() or None
    return DEFAULT_PAGER


def _can_page() -> bool:
    """Whether the terminal can run a full-screen pager: on a dumb one, less warns that it is not
    fully functional and waits for RETURN. (Only POSIX terminals say what they are in TERM.)"""
    return os.name != "posix" or os.environ.get("TERM", "") not in ("", "dumb")


def page(text: str, command: str, height: int) -> None:
    """Show text through the pager when it is longer than the screen; else write it."""
    if text.count("\n") < height:
        emit(text)
        return
    import shlex  # only when a long table is paged on a terminal

    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv or not _paged(argv, text):
        emit(text)


def _paged(argv: list[str], text: str) -> bool:
    """TEXT shown through the pager ARGV; False when it cannot be started.

    catcli waits for the pager, as git and gh do, and lets Ctrl-C be the
    pager's from before it starts until it ends (both are in the terminal's
    foreground group), so catcli never leaves a pager running with the
    terminal's echo off.
    """
    import subprocess  # only when a long table is paged on a terminal

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LESSCHARSET", "utf-8")
    with _ctrl_c_left_to_the_pager():
        try:
            pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
        except OSError:
            return False  # no such pager: print as if there were none
        with pager:
            assert pager.stdin is not None
            try:
                pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
                pager.stdin.close()
            except BrokenPipeError:
                pass  # the reader quit the pager early: that is fine
    return True


@contextlib.contextmanager
def _ctrl_c_left_to_the_pager() -> Iterator[None]:
    """Ctrl-C does nothing to catcli inside the block, then is handled as before.

    A handler that does nothing, not SIG_IGN: a program started inside the
    block gets Ctrl-C's default action back when it starts (an ignored signal
    would stay ignored in it). Only the main thread may set handlers; in any
    other, nothing changes.
    """
    import signal  # only around a pager

    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: None)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
