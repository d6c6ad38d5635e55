"""Hostile documents: characters, lines and sizes that once lost rows or took minutes.

Every test writes a real file and reads it with the real reader.
"""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from catcli.api import load
from catcli.document import parse, to_catalog
from catcli.errors import CatalogError
from catcli.files import read_text
from catcli.model import Service
from catcli.resolve import Resolver
from tests.conftest import CATALOG, SOURCE, Invoke

BASE = load(CATALOG)
RESOLVER = Resolver.for_catalog(BASE)
TEXT = SOURCE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
SEED = {"SOURCE_DATE_EPOCH": "1795478400"}
# Characters str.splitlines() ends a line at and Markdown does not.
NOT_LINE_ENDS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]

T = TypeVar("T")


def _write(tmp_path: Path, text: str, name: str = "hostile.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")  # line ends exactly as given
    return path


def _services(path: Path) -> tuple[Service, ...]:
    return to_catalog(read_text(path, "document"), BASE, path.name).services


def _line_of(text: str, needle: str) -> int:
    """The 1-based line holding needle, lines ending only at '\\n'."""
    return text[: text.index(needle)].count("\n") + 1


def _within_a_second(work: Callable[[], T]) -> T:
    """work's result or error, but only if it came in under a second."""
    start = time.perf_counter()
    try:
        return work()
    finally:  # an error is timed too: a slow one fails as too slow
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"took {elapsed:.2f} s"


# Finding 1: lines end where Markdown ends them; a cell holding a line
# separator or control character is refused at its line, never cut in two.


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=[f"U+{ord(c):04X}" for c in NOT_LINE_ENDS])
def test_line_separator_in_a_cell_is_refused_at_its_line(invoke: Invoke, tmp_path: Path, char: str) -> None:
    text = TEXT.replace("covering live streaming planning", f"covering live{char}streaming planning", 1)
    out = tmp_path / "catalog.toml"
    out.write_text("precious", encoding="utf-8")
    result = invoke("import", str(_write(tmp_path, text)), "--output", str(out))
    assert result.exit_code == 3, result.stdout
    line = _line_of(text, char)
    assert (
        f"hostile.md:{line}: control or invisible character U+{ord(char):04X} in a table row" in result.stderr
    )
    assert out.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize(
    ("before", "after", "what"),
    [
        ("# MCN/CAP", "\u2028# MCN/CAP", "U+2028 in a heading"),
        ("# MCN/CAP", "# MCN/CAP\x0c", "U+000C in a heading"),
        ("| Japan | Japan |", "\u200b| Japan | Japan |", "U+200B in a table row"),
        ("| Japan | Japan |", "| Japan | Japan |\u2029", "U+2029 in a table row"),
    ],
)
def test_hidden_character_beside_a_heading_or_row_is_refused(
    tmp_path: Path, before: str, after: str, what: str
) -> None:
    text = TEXT.replace(before, after, 1)
    expected = f"hostile.md:{_line_of(text, after)}: control or invisible character {what}"
    with pytest.raises(CatalogError, match=re.escape(expected)):
        _services(_write(tmp_path, text))


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("live streaming", "live &#27;[8mstreaming", "control or invisible character U+001B in a table cell"),
        ("live streaming", "live&#8203;streaming", "control or invisible character U+200B in a table cell"),
        ("live streaming", "live&shy;streaming", "control or invisible character U+00AD in a table cell"),
        ("live streaming", "live&#0;streaming", "control or invisible character U+0000 in a table cell"),
        (
            "live streaming",
            "live&#xD800;",
            "character reference '&#xD800;' in a table cell stands for no character",
        ),
        ("# MCN/CAP", "# MCN&#x200E;/CAP", "control or invisible character U+200E in a heading"),
    ],
)
def test_a_reference_to_a_hidden_character_or_to_none_is_refused_at_its_line(
    invoke: Invoke, tmp_path: Path, before: str, after: str, message: str
) -> None:
    """GitHub reads '&#27;' as ESC (and '&#0;' as U+FFFD): refused as the character written out is."""
    text = TEXT.replace(before, after, 1)
    out = tmp_path / "catalog.toml"
    out.write_text("precious", encoding="utf-8")
    result = invoke("import", str(_write(tmp_path, text)), "--output", str(out))
    assert result.exit_code == 3 and f"hostile.md:{_line_of(text, after)}: {message}" in result.stderr
    assert "hint: delete" in result.stderr and out.read_text(encoding="utf-8") == "precious"


def test_a_tab_in_a_cell_is_still_whitespace(tmp_path: Path) -> None:
    text = TEXT.replace("covering live streaming planning", "covering live\tstreaming planning", 1)
    assert _services(_write(tmp_path, text)) == BASE.services


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_markdown_line_endings_import_the_same_services(tmp_path: Path, ending: str) -> None:
    assert _services(_write(tmp_path, TEXT.replace("\n", ending))) == BASE.services


def test_a_carriage_return_inside_a_row_ends_the_line_as_in_markdown(tmp_path: Path) -> None:
    text = TEXT.replace("covering live streaming planning", "covering live\rstreaming planning", 1)
    # The row ends at the '\r' (its last '|' is optional); the rest is text under the table.
    line = _line_of(text, "\r") + 1
    with pytest.raises(CatalogError, match=f"hostile.md:{line}: text directly under a table"):
        _services(_write(tmp_path, text))


def test_line_numbers_count_only_markdown_line_ends(tmp_path: Path) -> None:
    # A separator in the prose above must not shift the line an error names.
    text = TEXT.replace("Service categories are", "Service\u2028categories\x0care", 1)
    text = text.replace("| Japan | Japan |", "| Atlantis | Japan |", 1)
    with pytest.raises(CatalogError, match=f"hostile.md:{_line_of(text, 'Atlantis')}: unknown registration"):
        _services(_write(tmp_path, text))
    assert _services(_write(tmp_path, text.replace("Atlantis", "Japan"))) == BASE.services


# The guard: every '|' line is a header, a separator or a service, or an error.


def _table_rows(lines: list[str]) -> list[int]:
    """Line numbers of data rows: '|' lines that are not a header or its separator."""
    piped = [n for n, line in enumerate(lines, start=1) if line.startswith("|")]
    frames = {n for n in piped if lines[n - 1].startswith("| **") or lines[n - 1].startswith("| ---")}
    return [n for n in piped if n not in frames]


def test_every_table_row_becomes_a_service(tmp_path: Path) -> None:
    rows = parse(read_text(_write(tmp_path, TEXT), "document"), RESOLVER, "hostile.md")
    assert [row.line for row in rows] == _table_rows(LINES)
    assert len(rows) == len(BASE.services) == 68


MCN_HEADER = "| **Registration Region** | **App"  # the MCN/CAP table's header row

Edit = Callable[[list[str], int], object]


@pytest.mark.parametrize(
    ("edit", "offset", "message"),
    [
        # A blank line ends a table: the rows under it would otherwise vanish.
        pytest.param(lambda ls, h: ls.insert(h + 3, ""), 4, "a table row outside a table", id="blank-line"),
        # Without its separator, a header and its rows are no table at all.
        pytest.param(lambda ls, h: ls.pop(h + 1), 0, "a table row outside a table", id="no-separator"),
        # Every table needs its own heading naming the partner type.
        pytest.param(
            lambda ls, h: ls.pop(h - 1), -1, "table has no '# <partner type>' heading", id="no-heading"
        ),
        pytest.param(lambda ls, h: ls.__setitem__(h - 1, "#MCN/CAP"), 0, "table has no", id="not-a-heading"),
        pytest.param(
            lambda ls, h: ls.__setitem__(h - 1, "#\nMCN/CAP"), -1, "unknown partner type ''", id="cut-heading"
        ),
        # Text right under a table is a row to Markdown.
        pytest.param(
            lambda ls, h: ls.insert(h + 3, "Footnote."), 3, "text directly under a table", id="text-under"
        ),
        # A separator must have the header's columns.
        pytest.param(
            lambda ls, h: ls.__setitem__(h + 1, "| --- | --- | --- | --- |"),
            1,
            "the separator line",
            id="short-rule",
        ),
    ],
)
def test_a_table_line_that_is_not_read_is_reported(
    tmp_path: Path, edit: Edit, offset: int, message: str
) -> None:
    lines = list(LINES)
    header = lines.index(next(line for line in lines if line.startswith(MCN_HEADER)))
    edit(lines, header)
    line = header + 1 + offset
    with pytest.raises(CatalogError, match=re.escape(f"hostile.md:{line}: {message}")):
        _services(_write(tmp_path, "\n".join(lines)))


def test_a_stray_table_line_at_the_end_is_reported(tmp_path: Path) -> None:
    text = TEXT + "\n\n| Japan | Japan | x | y | z |\n"
    with pytest.raises(CatalogError, match=f"hostile.md:{len(LINES) + 2}: a table row outside a table"):
        _services(_write(tmp_path, text))


# Finding 2: every scan is linear; these took from 10 s to minutes.


def test_heading_with_3000_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path, TEXT.replace("# TSP ", "# TSP" + " " * 3000 + "x", 1))
    with pytest.raises(CatalogError, match="hostile.md:3: unknown partner type 'TSP {3000}x'"):
        _within_a_second(lambda: _services(path))


def test_40_kb_separator_lines(tmp_path: Path) -> None:
    broken = _write(tmp_path, TEXT.replace("| --- | --- |", "| ---" + " " * 40_000 + "x", 1), "broken.md")
    with pytest.raises(CatalogError, match="broken.md:4: a table row outside a table"):
        _within_a_second(lambda: _services(broken))
    padded = _write(tmp_path, TEXT.replace("| --- |", "| ---" + " " * 40_000 + "|", 1), "padded.md")
    assert _within_a_second(lambda: _services(padded)) == BASE.services


def test_1_mb_cell_of_spaces(tmp_path: Path) -> None:
    text = TEXT.replace("|  |  |  | LIVE Management", "| " + " " * 1_000_000 + " |  |  | LIVE Management", 1)
    path = _write(tmp_path, text)
    assert _within_a_second(lambda: _services(path)) == BASE.services


def test_long_run_of_unclosed_comments(tmp_path: Path) -> None:
    """An unclosed '<!--' stays text, found in one pass: a million characters of them are read in
    well under a second, then refused as more than a definition may hold (naming the line)."""
    text = TEXT.replace("Shopping Ads formats |", "Shopping Ads formats " + "<!--" * 250_000 + " |", 1)
    with pytest.raises(CatalogError, match=r":\d+: definition holds 1,000,0\d\d characters; at most 5,000"):
        _within_a_second(lambda: _services(_write(tmp_path, text)))
    shorter = TEXT.replace("Shopping Ads formats |", "Shopping Ads formats " + "<!--" * 1_000 + " |", 1)
    services = _within_a_second(lambda: _services(_write(tmp_path, shorter)))
    assert any(s.definition.endswith("formats " + "<!--" * 1_000) for s in services)


def test_long_run_of_unclosed_parentheses(tmp_path: Path) -> None:
    text = TEXT.replace("| Mexico  | Mexico  |", "| Mexico  | Mexico " + "(" * 1_000_000 + "|", 1)
    assert _within_a_second(lambda: _services(_write(tmp_path, text))) == BASE.services


# Finding 3: a byte-order mark opens a document, never a heading.


def test_bom_before_a_heading(invoke: Invoke, tmp_path: Path) -> None:
    text = "\ufeff" + "\n".join(LINES[2:])  # the document from '# TSP' on
    path = _write(tmp_path, text)
    rows = parse(path.read_text(encoding="utf-8"), RESOLVER, "bom.md")  # the BOM still there
    assert tuple(row.service for row in rows) == BASE.services
    result = invoke("import", str(path), "--edition", "2026-11-24", "--output", "-", env=SEED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CATALOG.read_text(encoding="utf-8")


# Finding 4: the reader reads like the document: no function body over 40 lines.


def test_no_long_function_in_the_document_reader() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "catcli" / "document.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = {
        node.name: node.body[-1].end_lineno - node.body[0].lineno + 1  # type: ignore[operator]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }
    assert {name: size for name, size in long.items() if size > 40} == {}
