"""The terminal a table is drawn for: its width, whether to colour, and the pager.

Decided once from the environment, and only when a table is drawn: machine
formats never ask. Long tables on a terminal go through a pager, like gh and
git.
"""

import os
import sys
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
    import shlex  # only when a long table is paged on a terminal
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
