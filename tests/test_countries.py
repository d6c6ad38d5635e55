"""The world's countries: exact lookups, partial names and the groupings regions stand for."""

from __future__ import annotations

import pycountry
import pytest

from catcli import countries


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("DEU", "DE"),
        ("deu", "DE"),
        ("de", "DE"),
        ("Federal Republic of Germany", "DE"),
        ("Türkiye", "TR"),
        ("turkiye", "TR"),
        ("Turkey", "TR"),
        ("viet nam", "VN"),
        ("Vietnam", "VN"),
        ("Socialist Republic of Viet Nam", "VN"),
        ("Taiwan", "TW"),
        ("TWN", "TW"),
        ("South Korea", "KR"),
        ("Côte d'Ivoire", "CI"),
        ("cote divoire", "CI"),
        ("Holland", "NL"),
        ("  australia ", "AU"),
    ],
)
def test_lookup_finds_codes_and_names_folded(value: str, code: str) -> None:
    found = countries.lookup(value)
    assert found is not None and found.code == code


@pytest.mark.parametrize("value", ["", "  ", "Saudi", "Atlantis", "276", "Korea", "EU", "ASEAN"])
def test_lookup_is_exact(value: str) -> None:
    assert countries.lookup(value) is None


def test_common_names_are_shown() -> None:
    assert countries.lookup("TW") == ("TW", "Taiwan")
    assert countries.lookup("Korea, Republic of") == ("KR", "South Korea")
    assert countries.lookup("Australia") == ("AU", "Australia")


def test_partial_names_only_hint() -> None:
    assert [c.code for c in countries.partial("Saudi")] == ["SA"]
    assert {c.code for c in countries.partial("Korea")} == {"KR", "KP"}
    assert countries.partial("Republic") == []  # too many to mean one
    assert countries.partial("Sau") == []  # too short to mean one
    assert countries.partial("") == []


def test_groupings_are_real_and_complete() -> None:
    assert len(countries.EU_27) == 27 and len(countries.ASEAN) == 11
    for code in countries.EU_27 | countries.ASEAN | set(countries.OTHER_NAMES.values()):
        assert pycountry.countries.get(alpha_2=code) is not None, code
    assert countries.grouping(["European Union"]) == countries.EU_27
    assert countries.grouping(["SEA", "Southeast Asia"]) == countries.ASEAN
    assert countries.grouping(["asean"]) == countries.ASEAN
    assert countries.grouping(["Japan", "Nippon"]) == frozenset()
