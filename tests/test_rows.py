"""The service rows' checks: derived from the model's field facts; fast and slow paths agree on every row."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.model import FIELDS, IDENTITY_FIELDS, SERVICE_FIELDS, Service, ServiceField
from catcli.problems import Checker
from catcli.rows import Known, fast_service, slow_service

KNOWN: Known = {"types": {"tsp", "mcn"}, "regions": {"Japan", "EU", "China & Hong Kong"}}
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


def test_each_fields_facts_are_read_from_its_declaration() -> None:
    facts = {f.name: (f.many, f.refers, f.text, f.identity, f.required) for f in FIELDS}
    assert facts == {
        "type": (False, "types", False, True, True),
        "registration_region": (False, "regions", False, True, True),
        "target_markets": (True, "regions", False, True, True),
        "main_category": (False, None, True, True, True),
        "service_category": (False, None, True, True, True),
        "definition": (False, None, True, False, True),
    }
    assert tuple(Service._fields) == SERVICE_FIELDS == get_args(ServiceField)  # the Literal mypy checks
    assert tuple(n for n in SERVICE_FIELDS if n != "definition") == IDENTITY_FIELDS


def test_a_valid_row_takes_the_fast_path() -> None:
    service = fast_service(VALID, KNOWN)
    assert service is not None and service.target_markets == ("Japan", "EU")


@settings(max_examples=400, deadline=None)
@given(rows())
def test_fast_and_slow_paths_agree(row: dict[str, Any]) -> None:
    fast = fast_service(row, KNOWN)
    checker = Checker("")
    slow = slow_service(0, row, KNOWN, checker)
    assert (slow is None) == bool(checker.problems)
    assert fast == slow, (row, checker.problems)


def test_a_refused_row_has_every_problem_named() -> None:
    row = dict(VALID, type="agency", main_category=" x", colour="red")
    del row["definition"]
    checker = Checker("")
    assert slow_service(3, row, KNOWN, checker) is None
    messages = " | ".join(p.message for p in checker.problems)
    assert "unknown key 'colour'" in messages and "missing key 'definition'" in messages


def test_validate_lists_every_hidden_character_and_doubled_space_with_its_line(tmp_path: Path) -> None:
    from catcli.loading import validate
    from tests.conftest import CATALOG

    text = CATALOG.read_text(encoding="utf-8")
    text = text.replace("'Paid Media'", "'Paid  Media'", 1)
    text = text.replace("'Mass Tutoring'", '"Mass\\u200bTutoring"', 1)
    text = text.replace("'All Closed-Loop Shopping Ads formats'", '"All \\u202eClosed-Loop"', 1)
    text = text.replace("'Paid Media'", '"Paid\\u3164Media"', 1)  # the next row's: a Hangul filler
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    catalog, problems = validate(path)
    messages = sorted(f"{p.line}: {p.message}" for p in problems)
    assert catalog is None and len(problems) == 4, messages
    assert any("doubled spaces" in m for m in messages)
    assert all(any(code in m for m in messages) for code in ("U+200B", "U+202E", "U+3164"))
    assert all(p.line for p in problems)
