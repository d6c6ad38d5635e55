"""The schema checker: the fast path and the slow path agree on every row."""

from __future__ import annotations

from pathlib import Path
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


def test_validate_lists_every_hidden_character_and_doubled_space_with_its_line(tmp_path: Path) -> None:
    from catcli.catalog import validate
    from tests.conftest import CATALOG

    text = CATALOG.read_text(encoding="utf-8")
    text = text.replace("'Paid Media'", "'Paid  Media'", 1)
    text = text.replace("'Mass Tutoring'", '"Mass\\u200bTutoring"', 1)
    text = text.replace("'All Closed-Loop Shopping Ads formats'", '"All \\u202eClosed-Loop"', 1)
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    catalog, problems = validate(path)
    messages = sorted(f"{p.line}: {p.message}" for p in problems)
    assert catalog is None and len(problems) == 3, messages
    assert any("doubled spaces" in m for m in messages)
    assert any("U+200B" in m for m in messages) and any("U+202E" in m for m in messages)
    assert all(p.line for p in problems)
