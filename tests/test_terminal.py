"""The terminal a table is drawn for: width, colour, pager (the pager's own tests run on a pty
in test_cli_output.py)."""

from __future__ import annotations

import io
import sys
import time

import pytest

from catcli import terminal
from tests.conftest import Invoke

# -- the terminal's width ----------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "width"),
    [("0", 80), ("-5", 80), ("abc", 80), ("", 80), ("9" * 5000, 80), ("10000000", 1000), ("120", 120)],
)
def test_columns_that_are_not_a_width_are_unset_or_clamped(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("LINES", columns)
    term = terminal.terminal()
    assert term.width == width and 1 <= term.height <= terminal.MAX_WIDTH


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "10000000"])
@pytest.mark.parametrize("command", [["list"], ["show", "Paid Media"], ["matrix"]])
def test_tables_at_odd_widths_are_drawn_quickly(invoke: Invoke, command: list[str], columns: str) -> None:
    started = time.monotonic()
    result = invoke(*command, env={"COLUMNS": columns})
    assert result.exit_code == 0 and result.stdout.strip()
    assert time.monotonic() - started < 5
    assert max(len(line) for line in result.stdout.splitlines()) <= terminal.MAX_WIDTH


class _Claims:
    """A stdout that says it is a terminal but has no descriptor to ask (some IDE consoles)."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize("stdout", [None, "closed", "claims"])
def test_a_stdout_that_cannot_say_its_size_gets_80_columns(
    monkeypatch: pytest.MonkeyPatch, stdout: str | None
) -> None:
    monkeypatch.delenv("COLUMNS")
    monkeypatch.delenv("LINES", raising=False)
    stream: object = None
    if stdout == "closed":
        stream = io.StringIO()
        stream.close()
    elif stdout == "claims":
        stream = _Claims()
    monkeypatch.setattr(sys, "stdout", stream)
    term = terminal.terminal()
    assert (term.width, term.height, term.is_tty) == (80, 24, stdout == "claims")
