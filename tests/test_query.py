"""Filtering, name matching, search and the matrix, without the CLI."""

from __future__ import annotations

from catcli.catalog import load
from catcli.query import Filters, by_name, by_service_name, select
from tests.conftest import CATALOG

CAT = load(CATALOG)


def test_filters_combine_and_repeat_as_any_of() -> None:
    japan = select(CAT.services, Filters(frozenset({"tsp"}), frozenset({"Japan"})))
    assert len(japan) == 7
    both = select(CAT.services, Filters(frozenset({"tsp"}), frozenset({"Japan", "Mexico"})))
    assert len(both) == 14


def test_market_filter_includes_cross_border_partners() -> None:
    uk = select(CAT.services, Filters(markets=frozenset({"United Kingdom"})))
    assert {s.registration_region for s in uk} == {"United Kingdom", "China & Hong Kong"}
    assert len(uk) == 8 + 2 + 7 + 1 + 1  # UK tsp/mcn/affiliate + China & HK tsp/mcn/affiliate


def test_name_matching_ignores_case_spaces_and_punctuation() -> None:
    found = {s.service_category for s in by_name(CAT.services, "live stream management")}
    assert found == {"Live Stream Management", "Livestream Management", "LIVE Stream Management"}
    assert by_name(CAT.services, "PAID-MEDIA") and not by_name(CAT.services, "!!!")


def test_name_matching_finds_main_categories() -> None:
    rows = by_name(CAT.services, "mass operation")
    assert {s.service_category for s in rows} == {"Mass Recruiting", "Mass Tutoring"}


def test_service_name_beats_main_category_of_the_same_name() -> None:
    rows = by_service_name(CAT.services, "Operation Tutoring")
    assert {s.service_category for s in rows} == {"Operation Tutoring"}
