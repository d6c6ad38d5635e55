"""The Rich tables: nothing dropped or cut, no word broken, no trailing blanks, nothing invisible."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Invoke

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

TABLE_COMMANDS = [
    ("list",),
    ("list", "-t", "tsp", "-r", "Japan"),
    ("list", "--market", "UK"),
    ("list", "--fields", "type,service_category"),
    ("show", "Mass Tutoring"),
    ("show", "Creator Management"),
    ("search", "live"),
    ("matrix",),
    ("matrix", "--type", "mcn"),
    ("regions",),
    ("types",),
]


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("color", ["", "1"], ids=["piped", "coloured"])
def test_no_line_ends_in_blanks(invoke: Invoke, args: tuple[str, ...], color: str) -> None:
    for width in (40, 60, 80, 120, 250):
        result = invoke(*args, env={"COLUMNS": str(width), "FORCE_COLOR": color})
        assert result.exit_code == 0, result.output
        assert ("\x1b[" in result.stdout) == bool(color)
        for line in result.stdout.splitlines():
            assert not line.endswith((" ", "\t")), (width, line)
            assert not ESCAPE.sub("", line).endswith((" ", "\t")), (width, line)
