"""Word-prefix search and its ranking."""

from __future__ import annotations

from catcli.api import load
from catcli.search import search
from tests.conftest import CATALOG

CAT = load(CATALOG)


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
