"""Renderers: every format has one, and catalog text is data, never markup."""

from __future__ import annotations

import csv
import io
import json

import pytest

from catcli.render import PEOPLE, OutputFormat, formats

ROWS = [
    {
        "type": "tsp",
        "target_markets": ["SEA", "United Kingdom"],
        "definition": 'line one\nline two, with "quotes"',
    },
    {
        "type": "mcn",
        "target_markets": ["Japan"],
        "definition": "tab\there | pipe \x1b[31mred\x1b[0m \u202eevil \x9b2J",
    },
]
HEADER = ["type", "target_markets", "definition"]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_names_a_writer_that_exists(fmt: OutputFormat) -> None:
    assert callable(fmt.write())


@pytest.mark.parametrize("fmt", [f for f in OutputFormat if not f.has(PEOPLE)])
def test_every_machine_format_is_terminal_safe(fmt: OutputFormat) -> None:
    out = fmt.write()(ROWS, HEADER, True)
    assert not any(c in out for c in "\x1b\x9b\u202e"), fmt


def test_json_round_trips_and_escapes_terminal_controls() -> None:
    text = formats.json_document(ROWS)
    assert json.loads(text) == ROWS
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert "\\u009b2J" in text
    assert formats.json_document([]) == "[]\n"


def test_jsonl_is_one_object_per_line() -> None:
    lines = formats.json_lines(ROWS).splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert not any(c in formats.json_lines(ROWS) for c in "\x1b\x9b\u202e")


def test_csv_has_header_joins_lists_and_quotes_line_breaks() -> None:
    parsed = list(csv.reader(io.StringIO(formats.csv(ROWS, HEADER))))
    assert parsed[0] == HEADER
    assert parsed[1] == ["tsp", "SEA; United Kingdom", 'line one\nline two, with "quotes"']
    assert "\x1b" not in parsed[2][2] and "\\x1b[31mred" in parsed[2][2]


def test_tsv_is_one_record_per_line_with_escapes() -> None:
    lines = formats.tsv(ROWS, HEADER).splitlines()
    assert len(lines) == 3 and lines[0] == "type\ttarget_markets\tdefinition"
    assert lines[1].split("\t") == ["tsp", "SEA; United Kingdom", 'line one\\nline two, with "quotes"']
    assert lines[2].count("\t") == 2 and "\x1b" not in lines[2]


def test_markdown_table_escapes_pipes_and_breaks() -> None:
    lines = formats.markdown(ROWS, HEADER).splitlines()
    assert lines[0] == "| type | target_markets | definition |"
    assert lines[1] == "| --- | --- | --- |"
    assert "line one<br>line two" in lines[2]
    assert "\\| pipe" in lines[3] and lines[3].count(" | ") == 2


@pytest.mark.parametrize("fmt", [f for f in OutputFormat if not f.has(PEOPLE)])
def test_headers_are_escaped_like_cells(fmt: OutputFormat) -> None:
    """A header can be a catalog's name (the matrix has one column per region): escaped like any value."""
    header = ["type", "Ja\x1b]0;PWNED\x07pan"]
    out = fmt.write()([{"type": "tsp", header[1]: "yes"}], header, True)
    assert "\x1b" not in out and "\x07" not in out
