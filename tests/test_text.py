"""The spelling fold every comparison shares."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from catcli.text import fold


def _fold_per_character(value: str) -> str:
    """The definition: NFKD, without combining marks, case-folded."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@given(st.text())
def test_fold_is_its_definition(value: str) -> None:
    assert fold(value) == _fold_per_character(value)


def test_fold_strips_accents_and_case_and_width() -> None:
    assert fold("México") == fold("MEXICO") == fold("ＭＥＸＩＣＯ") == "mexico"
    assert fold("Việt Nam") == "viet nam" and fold("Straße") == "strasse"
