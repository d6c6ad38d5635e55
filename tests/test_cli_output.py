"""One output model: every command speaks every format, picks fields, leaves a clean terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from catcli.render import OutputFormat
from tests import app
from tests.conftest import Invoke, as_json
from tests.test_page import parse as parse_page

DATA = app.data_commands()  # the commands that print records: each takes every format


def _json(text: str) -> None:
    json.loads(text)


def _jsonl(text: str) -> None:
    for line in text.splitlines():
        json.loads(line)


def _delimited(delimiter: str) -> Callable[[str], None]:
    def parses(text: str) -> None:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows and len({len(r) for r in rows}) == 1, rows  # equal width, header included

    return parses


def _markdown(text: str) -> None:
    lines = text.splitlines()
    assert lines[0].startswith("| ") and set(lines[1].replace(" ", "")) <= set("|-")
    assert len({line.count(" | ") for line in lines if not line.startswith("|--")}) <= 2


def _html(text: str) -> None:
    parse_page(text)  # a real HTML5 parser, strict: a parse error fails (more in tests/test_page.py)


def _table(text: str) -> None:
    assert all(line == line.rstrip() for line in text.splitlines())  # a table line never ends in blanks


# How each format's output is checked: a format missing here fails the grid, never passes unchecked.
PARSERS: dict[OutputFormat, Callable[[str], None]] = {
    OutputFormat.TABLE: _table,
    OutputFormat.JSON: _json,
    OutputFormat.JSONL: _jsonl,
    OutputFormat.CSV: _delimited(","),
    OutputFormat.TSV: _delimited("\t"),
    OutputFormat.MARKDOWN: _markdown,
    OutputFormat.HTML: _html,
}


def test_every_format_has_a_parser_in_the_grid() -> None:
    assert set(PARSERS) == set(OutputFormat)


@pytest.mark.parametrize("command", DATA)
@pytest.mark.parametrize("fmt", list(OutputFormat), ids=str)
def test_every_command_speaks_every_format(
    invoke: Invoke, workdir: Path, command: str, fmt: OutputFormat
) -> None:
    result = invoke(*app.data_example(command), "--format", fmt.value)
    assert result.exit_code in (0, 1), (command, fmt, result.stderr)
    # JSON Lines of no records (a valid catalog, identical catalogs) is rightly empty.
    assert result.stdout.strip() or fmt is OutputFormat.JSONL, (command, fmt)
    if result.stdout.strip():
        PARSERS[fmt](result.stdout)


@pytest.mark.parametrize("command", DATA)
def test_json_shorthand_everywhere_and_contradiction_is_a_usage_error(
    invoke: Invoke, workdir: Path, command: str
) -> None:
    example = app.data_example(command)
    assert json.loads(invoke(*example, "--json").stdout) is not None
    clash = invoke(*example, "--json", "--format", "csv")
    assert clash.exit_code == 2 and "--json contradicts --format csv" in clash.stderr


FIELDED = [name for name in DATA if app.spec(name).fields]


@pytest.mark.parametrize("command", FIELDED)
def test_fields_pick_and_order_columns_in_every_format(invoke: Invoke, workdir: Path, command: str) -> None:
    record = app.spec(command).record_type()
    assert record is not None
    whole = json.loads(invoke(*app.data_example(command), "--json").stdout)
    first = (whole or [{}])[0] if isinstance(whole, list) else whole
    scalars = [f for f in record._fields if not isinstance(first.get(f), list | dict)]
    chosen = scalars[::-1][:2]  # two one-cell fields, in an order of their own
    args = [*app.data_example(command), "--fields", ",".join(chosen)]
    data = json.loads(invoke(*args, "--json").stdout)
    rows = data if isinstance(data, list) else [data]
    assert all(list(r) == chosen for r in rows)
    assert invoke(*args, "--format", "csv").stdout.splitlines()[0] == ",".join(chosen)
    table = invoke(*args).stdout
    assert all(name in table for name in chosen)
    assert not [f for f in record._fields if f not in chosen and f"  {f}  " in table]


def test_fields_are_offered_exactly_where_records_can_be_picked(invoke: Invoke) -> None:
    for name in app.commands():
        assert ("--fields" in invoke(name, "--help").stdout) == (name in FIELDED), name


def test_unknown_field_is_a_usage_error_listing_the_valid_ones(invoke: Invoke) -> None:
    result = invoke("list", "--fields", "service,colour", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "unknown field 'service'" in result.stderr and "service_category" in result.stderr


def test_no_headers_for_csv_tsv_and_table(invoke: Invoke) -> None:
    with_header = invoke("list", "-t", "tsp", "-r", "Japan", "--format", "tsv").stdout.splitlines()
    without = invoke(
        "list", "-t", "tsp", "-r", "Japan", "--format", "tsv", "--no-headers"
    ).stdout.splitlines()
    assert with_header[1:] == without and len(without) == 7
    csv_rows = invoke("regions", "--format", "csv", "--no-headers").stdout.splitlines()
    assert len(csv_rows) == 8 and not csv_rows[0].startswith("name,")
    table = invoke("list", "-t", "tsp", "-r", "Japan", "--no-headers").stdout
    assert "Main category" not in table and "Paid Media" in table


def test_matrix_fields_spread_regions_over_columns_where_asked(invoke: Invoke) -> None:
    header = invoke("matrix", "--fields", "registration_regions,service_category", "--format", "csv").stdout
    regions = [r["name"] for r in as_json(invoke("regions", "--json"))]
    assert header.splitlines()[0].split(",") == [*regions, "service_category"]


def test_matrix_flat_formats_have_a_column_per_region(invoke: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("matrix", "--format", "csv").stdout)))
    regions = [r["name"] for r in as_json(invoke("regions", "--json"))]
    assert list(rows[0])[3:] == regions
    assert all(set(list(r.values())[3:]) <= {"yes", "no"} for r in rows)


def test_bare_catcli_prints_help_to_stdout_exit_0(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == 0 and "Usage: catcli" in result.stdout and "Commands" in result.stdout


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "SERVICE"),
        ("check", "SERVICE"),
        ("import", "DOCUMENT"),
        ("diff", "OLD NEW"),
        ("search", "WORDS"),
    ],
)
def test_usage_lines_name_arguments(invoke: Invoke, command: str, usage: str) -> None:
    text = invoke(command, "--help").stdout
    assert usage in text.splitlines()[0] or usage in text.split("\n\n")[0], text
    assert "{" not in text.split("\n\n")[0]


@pytest.mark.parametrize(("command", "has_one"), [("list", False), ("regions", False), ("check", True)])
def test_epilog_lists_only_the_exit_codes_a_command_returns(
    invoke: Invoke, command: str, has_one: bool
) -> None:
    text = invoke(command, "--help").stdout
    assert ("  1  " in text) is has_one


def _catcli() -> str:
    return str(Path(sys.executable).with_name("catcli"))


def _on_a_terminal(args: list[str], env: dict[str, str], timeout: float = 20) -> str:
    """Run the installed catcli on a pseudo-terminal; everything it (or its pager) wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [_catcli(), *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm", **env},
        close_fds=True,
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait(timeout=5)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}])
def test_no_color_means_no_escape_sequence_on_a_terminal(env: dict[str, str]) -> None:
    out = _on_a_terminal(["list", "-t", "tsp", "-r", "Japan", "--no-pager"], {"COLUMNS": "120", **env})
    assert "Paid Media" in out and "\x1b[" not in out


def test_no_color_flag_and_colour_by_default_on_a_terminal() -> None:
    coloured = _on_a_terminal(["list", "-t", "tsp", "-r", "Japan", "--no-pager"], {"COLUMNS": "120"})
    assert "\x1b[1m" in coloured
    plain = _on_a_terminal(
        ["list", "-t", "tsp", "-r", "Japan", "--no-pager", "--no-color"], {"COLUMNS": "120"}
    )
    assert "Paid Media" in plain and "\x1b[" not in plain


def test_long_tables_go_through_the_pager_on_a_terminal_only(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    pager = f"tee {seen}"
    env = {"COLUMNS": "100", "LINES": "10", "PAGER": pager}
    _on_a_terminal(["list"], env)
    assert "Paid Media" in seen.read_text(encoding="utf-8")
    seen.unlink()
    _on_a_terminal(["list", "--no-pager"], env)
    _on_a_terminal(["list"], {**env, "CATCLI_PAGER": ""})
    _on_a_terminal(["list", "--json"], env)
    assert not seen.exists()
    piped = subprocess.run(
        [_catcli(), "list"], env={**os.environ, **env}, capture_output=True, text=True, timeout=30
    )
    assert not seen.exists() and "Paid Media" in piped.stdout


def test_short_tables_are_not_paged(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    out = _on_a_terminal(["types"], {"COLUMNS": "100", "LINES": "50", "PAGER": f"tee {seen}"})
    assert "MCN/CAP" in out and not seen.exists()


def test_a_new_command_is_walked_without_editing_a_test(
    invoke: Invoke, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Registering a command is all it takes: the derived lists hold it and the grid's checks apply."""
    from catcli.cli import COMMANDS

    monkeypatch.setitem(COMMANDS, "regions-again", "tests.extra_command")
    assert "regions-again" in app.commands() and "regions-again" in app.data_commands()
    assert app.data_example("regions-again") == ["regions-again"]
    for fmt in OutputFormat:
        result = invoke(*app.data_example("regions-again"), "--format", fmt.value)
        assert result.exit_code == 0, result.stderr
        PARSERS[fmt](result.stdout)
    assert "regions-again" in invoke("--help").stdout
