"""Word-prefix search and its ranking."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.api import load
from catcli.search import MIN_TAIL, _Row, search
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


def _walked(found: list[str], run: str) -> bool:
    """The first definition of 'begins a word', walking word by word from every word: the
    meaning the linear search must keep (it was N x K steps)."""
    for first in range(len(found)):
        if found[first].startswith(run):
            return True
        position, index = 0, first
        while index < len(found) and run.startswith(found[index], position):
            position += len(found[index])
            index += 1
            if position == len(run):
                return True
        tail = run[position:]
        if index > first and index < len(found) and len(tail) >= MIN_TAIL and found[index].startswith(tail):
            return True
    return False


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(alphabet="abc", min_size=1, max_size=9),
)
def test_the_linear_match_means_what_walking_the_words_meant(found: list[str], run: str) -> None:
    assert _Row([" ".join(found)]).begins_word(run) == _walked(found, run)


def test_a_long_word_against_many_one_letter_words_is_linear() -> None:
    """Issue 16: N one-letter words searched with one K-letter word took N x K steps (47 s for 110 KB)."""
    row = _Row([" ".join("a" for _ in range(50_000))])
    started = time.process_time()
    assert not row.begins_word("a" * 20_000 + "b")
    assert row.begins_word("a" * 20_000)
    assert time.process_time() - started < 0.5
