"""Writing catalogs: what is written reads back the same."""

from __future__ import annotations

import tomli
from hypothesis import given
from hypothesis import strategies as st

from catcli.api import load
from catcli.schema import build
from catcli.tomlio import dumps, string
from tests.conftest import CATALOG


def test_shipped_catalog_round_trips_byte_for_byte() -> None:
    assert dumps(load(CATALOG)) == CATALOG.read_text(encoding="utf-8")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_string_round_trips(text: str) -> None:
    for multiline in (False, True):
        assert tomli.loads(f"value = {string(text, multiline=multiline)}")["value"] == text


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60).map(str.strip).filter(bool))
def test_any_definition_survives_a_catalog_round_trip(definition: str) -> None:
    catalog = load(CATALOG)
    edited = catalog._replace(services=(catalog.services[0]._replace(definition=definition),))
    text = dumps(edited)
    reread, problems = build(tomli.loads(text), text)
    if problems:  # only the text checks (residue, hidden characters, doubled spaces) may refuse text
        assert all(any(w in p.message for w in ("residue", "invisible", "doubled")) for p in problems)
    else:
        assert reread is not None and reread.services[0].definition == definition
