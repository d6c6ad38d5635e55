"""The terminal a table is drawn for: width, colour, pager (the pager's own tests run on a pty
in test_cli_output.py)."""

from __future__ import annotations

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
