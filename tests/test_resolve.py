"""Region and type resolution: every name, alias, country and code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catcli.catalog import load
from catcli.errors import EXIT_USAGE, UnknownValue
from catcli.resolve import Resolver, suggest
from catcli.text import name_key as catcli_key
from tests.conftest import CATALOG

CATALOG_DATA = load(CATALOG)
RESOLVER = Resolver.for_catalog(CATALOG_DATA)

EXPECTED = {
    "United States": ["United States", "us", "USA", "U.S.", "america", "United States of America"],
    "China & Hong Kong": [
        "China & Hong Kong",
        "china and hong kong",
        "HK",
        "cn",
        "China",
        "Hong Kong",
        "hong-kong",
    ],
    "United Kingdom": ["United Kingdom", "UK", "gb", "Great Britain", "britain"],
    "EU": [
        "EU",
        "eu",
        "Germany",
        "de",
        "Italy",
        "it",
        "France",
        "FR",
        "Spain",
        "es",
        "España",
        "Ireland",
        "IE",
        "Éire",
        "european union",
        "Deutschland",
    ],
    "SEA": [
        "SEA",
        "Southeast Asia",
        "south-east asia",
        "Indonesia",
        "id",
        "Malaysia",
        "MY",
        "Vietnam",
        "Viet Nam",
        "Việt Nam",
        "vn",
        "Thailand",
        "TH",
        "Philippines",
        "ph",
        "Singapore",
        "SG",
    ],
    "Japan": ["Japan", "JP", "japan", "JAPAN"],
    "Mexico": ["Mexico", "México", "MEXICO", "mx"],
    "Brazil": ["Brazil", "Brasil", "br", "BRAZIL"],
}


@pytest.mark.parametrize(("region", "value"), [(r, v) for r, vs in EXPECTED.items() for v in vs])
def test_region_values_resolve(region: str, value: str) -> None:
    assert RESOLVER.region(value) == region


def test_every_catalog_label_resolves_to_its_own_region() -> None:
    for region in CATALOG_DATA.regions:
        labels = [
            region.name,
            *region.aliases,
            *(c.code for c in region.countries),
            *(c.name for c in region.countries),
        ]
        for label in labels:
            assert RESOLVER.region(label) == region.name, label


@pytest.mark.parametrize(
    ("value", "partner"),
    [
        ("tsp", "tsp"),
        ("TSP", "tsp"),
        ("TikTok Shop Partner", "tsp"),
        ("mcn", "mcn"),
        ("cap", "mcn"),
        ("MCN/CAP", "mcn"),
        ("mcn-cap", "mcn"),
        ("affiliate", "affiliate"),
        ("affiliate-partner", "affiliate"),
        ("Affiliate Partner", "affiliate"),
    ],
)
def test_types_resolve(value: str, partner: str) -> None:
    assert RESOLVER.type(value) == partner


def test_unknown_region_suggests_the_closest_and_how_to_list() -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region("Japn")
    assert info.value.exit_code == EXIT_USAGE
    assert info.value.suggestions[0] == "Japan"
    assert info.value.hint and "catcli regions" in info.value.hint


def test_unknown_type_suggests_and_points_at_types() -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.type("afiliate")
    assert "affiliate" in info.value.suggestions
    assert info.value.hint and "catcli types" in info.value.hint


def test_prefix_suggestion_when_edit_distance_fails() -> None:
    assert "Germany" in suggest("germ", RESOLVER.region_labels)


def test_repeated_values_mean_any_of() -> None:
    chosen = CATALOG_DATA.selection(region=["Japan", "mx", "México"]).filters
    assert {r.name for r in chosen.regions} == {"Japan", "Mexico"}
    assert CATALOG_DATA.selection(region=[]).filters.regions == ()
    assert CATALOG_DATA.selection().filters.types == ()


@given(st.text(max_size=40))
def test_arbitrary_values_resolve_or_raise_unknown_value(value: str) -> None:
    for resolve, labels in ((RESOLVER.region, RESOLVER.region_labels), (RESOLVER.type, RESOLVER.type_labels)):
        if catcli_key(value) in {catcli_key(label) for label in labels}:
            resolve(value)
            continue
        with pytest.raises(UnknownValue) as info:
            resolve(value)
        assert info.value.value == value
