"""Hostile documents: characters, lines and sizes that once lost rows or took minutes.

Every test writes a real file and reads it with the real reader.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from catcli.catalog import load
from catcli.document import to_catalog
from catcli.errors import CatalogError
from catcli.files import read_text
from catcli.model import Service
from tests.conftest import CATALOG, SOURCE

BASE = load(CATALOG)
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


# Finding 2: every scan is linear; these took from 10 s to minutes.


def test_heading_with_3000_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path, TEXT.replace("# TSP ", "# TSP" + " " * 3000 + "x", 1))
    with pytest.raises(CatalogError, match="hostile.md:3: unknown partner type 'TSP {3000}x'"):
        _within_a_second(lambda: _services(path))


def test_40_kb_separator_lines(tmp_path: Path) -> None:
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
