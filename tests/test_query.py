"""Filtering, name matching and eligibility, without the CLI."""

from __future__ import annotations

from catcli.api import load
from catcli.query import by_name, markets_of, why_empty
from tests.conftest import CATALOG

CAT = load(CATALOG)


def test_filters_combine_and_repeat_as_any_of() -> None:
    assert len(CAT.select(type="tsp", region="Japan")) == 7
    assert len(CAT.select(type="tsp", region=["Japan", "mx"])) == 14


def test_market_filter_includes_cross_border_partners() -> None:
    uk = CAT.select(market="United Kingdom")
    assert {s.registration_region for s in uk} == {"United Kingdom", "China & Hong Kong"}
    assert len(uk) == 8 + 2 + 7 + 1 + 1  # UK tsp/mcn/affiliate + China & HK tsp/mcn/affiliate


def test_filters_remember_what_was_asked() -> None:
    chosen = CAT.filters(type="mcn", region="Malaysia")
    assert [(r.name, r.asked) for r in chosen.regions] == [("SEA", "Malaysia")]
    assert [t.name for t in chosen.types] == ["mcn"]


def test_name_matching_ignores_case_spaces_and_punctuation() -> None:
    found = {s.service_category for s in by_name(CAT.services, "live stream management")}
    assert found == {"Live Stream Management", "Livestream Management", "LIVE Stream Management"}
    assert by_name(CAT.services, "PAID-MEDIA") and not by_name(CAT.services, "!!!")


def test_name_matching_finds_main_categories() -> None:
    rows = by_name(CAT.services, "mass operation")
    assert {s.service_category for s in rows} == {"Mass Recruiting", "Mass Tutoring"}


def test_markets_of_each_region() -> None:
    assert markets_of("China & Hong Kong", CAT.services, CAT.regions) == [
        "United States",
        "United Kingdom",
        "SEA",
    ]
    assert markets_of("Japan", CAT.services, CAT.regions) == ["Japan"]


def test_why_empty_names_the_markets_a_region_reaches() -> None:
    chosen = CAT.filters(region="China", market="Japan")
    assert why_empty(CAT, chosen) == (
        "China & Hong Kong (China) partners target only United States, United Kingdom, SEA"
    )
    assert why_empty(CAT, CAT.filters(market="China")) == "no registration region targets China & Hong Kong"
