"""The category-by-region matrix and each region's markets."""

from __future__ import annotations

from catcli.catalog import load
from catcli.matrix import markets_of, matrix
from catcli.query import Filters, select
from tests.conftest import CATALOG

CAT = load(CATALOG)


def test_matrix_merges_spellings_within_a_main_category() -> None:
    rows = matrix(select(CAT.services, Filters(frozenset({"tsp"}))), CAT.regions)
    live = [
        r for r in rows if r.main_category == "Content Management" and "stream" in r.service_category.lower()
    ]
    assert len(live) == 1
    assert live[0].registration_regions == ("China & Hong Kong", "United Kingdom", "EU", "SEA")


def test_markets_of_each_region() -> None:
    assert markets_of("China & Hong Kong", CAT.services, CAT.regions) == [
        "United States",
        "United Kingdom",
        "SEA",
    ]
    assert markets_of("Japan", CAT.services, CAT.regions) == ["Japan"]
