"""Filtering, name matching, search and the matrix, without the CLI."""

from __future__ import annotations

from catcli.catalog import load
from catcli.query import Filters, by_name, by_service_name, markets_of, matrix, search, select
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


def test_search_words_must_begin_words() -> None:
    hits = search(CAT.services, "live")
    assert hits and all(h.in_name for h in hits[:3])
    texts = [
        " ".join((h.service.main_category, h.service.service_category, h.service.definition)) for h in hits
    ]
    assert all("live" in t.lower() for t in texts)
    # 'delivering' contains 'liver' but no word begins with it
    assert not search(CAT.services, "liver")


def test_search_ranks_name_matches_before_definition_matches() -> None:
    hits = search(CAT.services, "video")
    flags = [h.in_name for h in hits]
    assert flags == sorted(flags, reverse=True) and True in flags and False in flags


def test_search_with_accents_and_case() -> None:
    assert search(CAT.services, "PÄID médïa") == search(CAT.services, "paid media")
    assert search(CAT.services, "   ") == []


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
