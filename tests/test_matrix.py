"""The category-by-region matrix."""

from __future__ import annotations

from catcli.api import load
from catcli.matrix import matrix
from catcli.records import grid_rows
from tests.conftest import CATALOG

CAT = load(CATALOG)


def test_matrix_merges_spellings_within_a_main_category() -> None:
    rows = matrix(CAT.select(type="tsp"), CAT.regions)
    live = [
        r for r in rows if r.main_category == "Content Management" and "stream" in r.service_category.lower()
    ]
    assert len(live) == 1
    assert live[0].registration_regions == ("China & Hong Kong", "United Kingdom", "EU", "SEA")


def test_grid_has_one_column_per_region() -> None:
    rows = matrix(CAT.select(type="tsp"), CAT.regions)
    header, grid = grid_rows(rows, CAT.regions)
    assert header[3:] == [r.name for r in CAT.regions]
    assert len(grid) == len(rows)
    for row, cells in zip(rows, grid, strict=True):
        assert {name for name in header[3:] if cells[name] == "yes"} == set(row.registration_regions)
