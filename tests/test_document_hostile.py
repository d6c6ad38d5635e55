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

from catcli.catalog import load
from catcli.document import parse, to_catalog
from catcli.errors import CatalogError
from catcli.files import read_text
from catcli.model import Service
from catcli.resolve import Resolver
from tests.conftest import CATALOG, SOURCE

BASE = load(CATALOG)
RESOLVER = Resolver.for_catalog(BASE)
TEXT = SOURCE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")

T = TypeVar("T")


def _write(tmp_path: Path, text: str, name: str = "hostile.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")  # line ends exactly as given
    return path


def _services(path: Path) -> tuple[Service, ...]:
    return to_catalog(read_text(path, "document"), BASE, path.name).services


def _within_a_second(work: Callable[[], T]) -> T:
    """work's result or error, but only if it came in under a second."""
    start = time.perf_counter()
    try:
        return work()
    finally:  # an error is timed too: a slow one fails as too slow
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"took {elapsed:.2f} s"


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
    text = TEXT.replace("Shopping Ads formats |", "Shopping Ads formats " + "<!--" * 250_000 + " |", 1)
    services = _within_a_second(lambda: _services(_write(tmp_path, text)))
    assert len(services) == 68
    assert any(s.definition.endswith("formats " + "<!--" * 250_000) for s in services)


def test_long_run_of_unclosed_parentheses(tmp_path: Path) -> None:
    text = TEXT.replace("| Mexico  | Mexico  |", "| Mexico  | Mexico " + "(" * 1_000_000 + "|", 1)
    assert _within_a_second(lambda: _services(_write(tmp_path, text))) == BASE.services


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
