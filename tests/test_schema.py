"""The schema checker: the fast path and the slow path agree on every row."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.model import LIST_FIELDS, SERVICE_FIELDS, Service
from catcli.schema import REFERENCES, TEXT_FIELDS, _Checker, fast_service, slow_service

KNOWN = {"types": {"tsp", "mcn"}, "regions": {"Japan", "EU", "China & Hong Kong"}}
VALID: dict[str, Any] = {
    "type": "tsp",
    "registration_region": "Japan",
    "target_markets": ["Japan", "EU"],
    "main_category": "Outsourced Operation",
    "service_category": "Paid Media",
    "definition": "All Closed-Loop Shopping Ads formats",
}

TEXTS = st.sampled_from(
    ["", " ", "tsp", "mcn", "agency", "Japan", "EU", " Japan", "Japan ", "Paid  Media", "a\nb"]
)
SCALARS = st.one_of(TEXTS, st.text(max_size=8), st.integers(), st.booleans(), st.none())
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.lists(st.lists(TEXTS, max_size=2), max_size=2))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    """A valid row, then some fields replaced, dropped, misspelt or added."""
    row = dict(VALID)
    for name in draw(st.lists(st.sampled_from(SERVICE_FIELDS), max_size=3, unique=True)):
        row[name] = draw(VALUES)
    for name in draw(st.lists(st.sampled_from(SERVICE_FIELDS), max_size=1)):
        row.pop(name, None)
    if draw(st.booleans()):
        row[draw(st.sampled_from(["typ", "definitions", "colour"]))] = draw(VALUES)
    return row


def test_the_fields_are_derived_from_the_model() -> None:
    assert {"target_markets"} == LIST_FIELDS
    assert set(REFERENCES) <= set(SERVICE_FIELDS)
    assert TEXT_FIELDS == ("main_category", "service_category", "definition")
    assert tuple(Service._fields) == SERVICE_FIELDS


def test_a_valid_row_takes_the_fast_path() -> None:
    service = fast_service(VALID, KNOWN)
    assert service is not None and service.target_markets == ("Japan", "EU")


@settings(max_examples=400, deadline=None)
@given(rows())
def test_fast_and_slow_paths_agree(row: dict[str, Any]) -> None:
    fast = fast_service(row, KNOWN)
    checker = _Checker("")
    slow = slow_service(0, row, KNOWN, checker)
    assert (slow is None) == bool(checker.problems)
    assert fast == slow, (row, checker.problems)


def test_a_refused_row_has_every_problem_named() -> None:
    row = dict(VALID, type="agency", main_category=" x", colour="red")
    del row["definition"]
    checker = _Checker("")
    assert slow_service(3, row, KNOWN, checker) is None
    messages = " | ".join(p.message for p in checker.problems)
    assert "unknown key 'colour'" in messages and "missing key 'definition'" in messages
