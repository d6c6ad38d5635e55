"""Region and type resolution: every name, alias, country and code."""

from __future__ import annotations

import difflib
import subprocess
import sys
from typing import Any

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from catcli.api import load, resolve_region, resolve_type
from catcli.errors import EXIT_USAGE, UnknownValue
from catcli.model import Country
from catcli.resolve import SIMILAR, Resolver, suggest
from catcli.text import name_key as catcli_key
from tests.conftest import CATALOG, Invoke, as_json

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
    assert RESOLVER.region(value).name == region


def test_every_catalog_label_resolves_to_its_own_region() -> None:
    for region in CATALOG_DATA.regions:
        labels = [
            region.name,
            *region.aliases,
            *(c.code for c in region.countries),
            *(c.name for c in region.countries),
        ]
        for label in labels:
            assert RESOLVER.region(label).name == region.name, label


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
    assert RESOLVER.type(value).name == partner


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
    chosen = CATALOG_DATA.filters(region=["Japan", "mx", "México"])
    assert {r.name for r in chosen.regions} == {"Japan", "Mexico"}
    assert CATALOG_DATA.filters(region=[]).regions == ()
    assert CATALOG_DATA.filters().types == ()


REGION_NAMES = {r.name for r in CATALOG_DATA.regions}
CANONICAL = {n for r in CATALOG_DATA.regions for n in (r.name, *r.aliases, *(c.name for c in r.countries))}
REGION_LIST = "regions: United States, China & Hong Kong, United Kingdom, EU, SEA, Japan, Mexico, Brazil"
OUTSIDE = "is not in any TikTok Shop Partner Center registration region"
EU_ONLY = "the catalog's EU region covers only Germany, Italy, France, Spain and Ireland"
SEA_ONLY = (
    "the catalog's SEA region covers only Indonesia, Malaysia, Vietnam, Thailand, Philippines and Singapore"
)


@given(st.text(max_size=40))
def test_arbitrary_values_resolve_or_raise_unknown_value(value: str) -> None:
    """Any text resolves or raises UnknownValue, and a region suggestion is always a canonical label."""
    for resolve, labels, names, canonical in (
        (RESOLVER.region, RESOLVER.region_labels, REGION_NAMES, CANONICAL),
        (RESOLVER.type, RESOLVER.type_labels, {t.id for t in CATALOG_DATA.types}, set(RESOLVER.type_labels)),
    ):
        if catcli_key(value) in {catcli_key(label) for label in labels}:
            assert resolve(value).name in names
            continue
        try:
            assert resolve(value).name in names  # a country by another name or code: 'DEU', 'Viet Nam'
        except UnknownValue as error:
            assert error.value == value
            assert set(error.suggestions) <= canonical
            assert error.hint


@given(st.sampled_from([c.name for c in pycountry.countries] + [c.alpha_3 for c in pycountry.countries]))
def test_every_country_resolves_to_its_region_or_says_it_is_in_none(value: str) -> None:
    code = pycountry.countries.lookup(value).alpha_2
    holding = [r.name for r in CATALOG_DATA.regions if code in {c.code for c in r.countries}]
    if holding:
        assert RESOLVER.region(value).name == holding[0]
        return
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(value)
    assert f"({code}) {OUTSIDE}" in info.value.message
    assert info.value.suggestions == ()


@pytest.mark.parametrize(
    ("value", "region"),
    [
        ("DEU", "EU"),
        ("deu", "EU"),
        ("JPN", "Japan"),
        ("GBR", "United Kingdom"),
        ("USA", "United States"),
        ("CHN", "China & Hong Kong"),
        ("hkg", "China & Hong Kong"),
        ("MEX", "Mexico"),
        ("BRA", "Brazil"),
        ("VNM", "SEA"),
        ("Viet Nam", "SEA"),
        ("viet nam", "SEA"),
        ("Socialist Republic of Viet Nam", "SEA"),
        ("Federal Republic of Germany", "EU"),
        ("Kingdom of Spain", "EU"),
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("People's Republic of China", "China & Hong Kong"),
    ],
)
def test_world_names_and_alpha3_codes_resolve(value: str, region: str) -> None:
    assert RESOLVER.region(value).name == region


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("Australia", "Australia (AU)"),
        ("Taiwan", "Taiwan (TW)"),
        ("Saudi Arabia", "Saudi Arabia (SA)"),
        ("AUS", "Australia (AU)"),
        ("Türkiye", "Türkiye (TR)"),
        ("turkey", "Türkiye (TR)"),
        ("Norway", "Norway (NO)"),
    ],
)
def test_a_country_in_no_region_says_so_and_lists_the_regions(value: str, country: str) -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(value)
    assert info.value.message == f"{country} {OUTSIDE}"
    assert info.value.suggestions == ()  # never a look-alike: Australia is not Italia
    assert info.value.exit_code == EXIT_USAGE
    assert info.value.hint == f"{REGION_LIST}; see them with: catcli regions"


@pytest.mark.parametrize(
    ("value", "country", "only"),
    [
        ("Poland", "Poland (PL)", EU_ONLY),
        ("Netherlands", "Netherlands (NL)", EU_ONLY),
        ("NLD", "Netherlands (NL)", EU_ONLY),
        ("Holland", "Netherlands (NL)", EU_ONLY),
        ("Cambodia", "Cambodia (KH)", SEA_ONLY),
        ("Laos", "Laos (LA)", SEA_ONLY),
        ("Timor-Leste", "Timor-Leste (TL)", SEA_ONLY),
    ],
)
def test_a_country_in_a_wider_grouping_hears_what_the_region_covers(
    value: str, country: str, only: str
) -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(value)
    assert info.value.message == f"{country} {OUTSIDE}"
    assert info.value.suggestions == ()
    assert info.value.hint == f"{only}; see the regions with: catcli regions"


def test_the_covered_countries_come_from_the_catalog() -> None:
    regions = tuple(
        r._replace(countries=r.countries[:2]) if r.name == "EU" else r for r in CATALOG_DATA.regions
    )
    with pytest.raises(UnknownValue) as info:
        Resolver.for_catalog(CATALOG_DATA._replace(regions=regions)).region("France")
    assert info.value.hint and "the catalog's EU region covers only Germany and Italy" in info.value.hint


def test_a_partial_country_name_gets_the_country_not_a_look_alike() -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region("Saudi")
    assert info.value.message == "unknown region 'Saudi'"
    assert info.value.suggestions == ()  # not Spain
    assert info.value.hint and info.value.hint.startswith(f"Saudi Arabia (SA) {OUTSIDE}; {REGION_LIST}")


def test_a_partial_name_of_a_member_suggests_the_member() -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region("Kong")
    assert info.value.suggestions == ("Hong Kong",)


def test_a_grouping_the_catalog_calls_otherwise_points_at_its_region() -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region("ASEAN")
    assert info.value.suggestions == ("SEA",)
    assert info.value.hint and f"did you mean 'SEA'? T{SEA_ONLY[1:]}" in info.value.hint


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("Japn", "Japan"),
        ("Germny", "Germany"),
        ("Mexco", "Mexico"),
        ("Singapure", "Singapore"),
        ("germ", "Germany"),
    ],
)
def test_typos_still_suggest_canonical_names(typo: str, meant: str) -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(typo)
    assert info.value.suggestions[0] == meant
    assert info.value.hint == f"did you mean {meant!r}? See all with: catcli regions"


@pytest.mark.parametrize("value", ["Australia", "Taiwan", "Saudi", "Poland", "Saudi Arabia", "Netherlands"])
def test_no_string_similar_suggestion_for_real_countries(value: str) -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(value)
    assert info.value.suggestions == ()
    assert suggest(value, RESOLVER.region_names, cutoff=SIMILAR) == []


def test_suggestions_are_names_never_codes() -> None:
    assert not {"US", "CN", "HK", "GB", "DE", "JP"} & set(RESOLVER.region_names)
    assert set(RESOLVER.region_names) == CANONICAL


def test_role_is_positional_or_keyword_and_named_in_the_message() -> None:
    for positional, keyword in ((("target market",), {}), ((), {"role": "target market"})):
        with pytest.raises(UnknownValue) as info:
            RESOLVER.region("Atlantis", *positional, **keyword)
        assert info.value.message == "unknown target market 'Atlantis'"
        assert info.value.kind == "target market"
    with pytest.raises(UnknownValue) as market:
        RESOLVER.region("Australia", "target market")
    assert market.value.message == "Australia (AU) is not in any TikTok Shop Partner Center target market"


def test_resolve_functions_use_the_world_too() -> None:
    assert resolve_region("DEU", CATALOG_DATA) == "EU"
    assert resolve_type("TSP", CATALOG_DATA) == "tsp"
    with pytest.raises(UnknownValue):
        resolve_region("Australia", CATALOG_DATA)


def test_the_common_path_never_imports_pycountry() -> None:
    script = (
        "import sys; from catcli.api import load; c = load(); c.select(type='tsp', region='Japan'); "
        "c.select(region='de'); c.select(region='México'); print('pycountry' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_miss_imports_pycountry() -> None:
    script = (
        "import sys; from catcli.api import load; load().select(region='DEU'); "
        "print('pycountry' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


# The command line: exit 2, the message on stderr, nothing on stdout.


@pytest.mark.parametrize("value", ["Australia", "Taiwan", "Saudi Arabia"])
def test_cli_country_in_no_region(invoke: Invoke, value: str) -> None:
    result = invoke("list", "--region", value)
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
    assert f"catcli: error: {value}" in result.stderr and OUTSIDE in result.stderr
    assert REGION_LIST in result.stderr and "catcli regions" in result.stderr
    assert "did you mean" not in result.stderr


def test_cli_australia(invoke: Invoke) -> None:
    result = invoke("list", "--type", "tsp", "--region", "Australia")
    assert result.exit_code == 2
    assert f"catcli: error: Australia (AU) {OUTSIDE}\n" in result.stderr
    assert f"hint: {REGION_LIST}; see them with: catcli regions" in result.stderr


def test_cli_saudi_alone_is_no_spain(invoke: Invoke) -> None:
    result = invoke("list", "--region", "Saudi")
    assert result.exit_code == 2 and "Spain" not in result.stderr
    assert "Saudi Arabia (SA)" in result.stderr


@pytest.mark.parametrize(
    ("value", "only"), [("Poland", EU_ONLY), ("Netherlands", EU_ONLY), ("Cambodia", SEA_ONLY)]
)
def test_cli_country_in_a_wider_grouping(invoke: Invoke, value: str, only: str) -> None:
    result = invoke("list", "--region", value)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"catcli: error: {value} (" in result.stderr and OUTSIDE in result.stderr
    assert f"hint: {only}; see the regions with: catcli regions" in result.stderr


@pytest.mark.parametrize(
    ("value", "region"), [("DEU", "EU"), ("JPN", "Japan"), ("GBR", "United Kingdom"), ("Viet Nam", "SEA")]
)
def test_cli_alpha3_and_iso_names_resolve(invoke: Invoke, value: str, region: str) -> None:
    asked = as_json(invoke("list", "--type", "tsp", "--region", value, "--json"))
    named = as_json(invoke("list", "--type", "tsp", "--region", region, "--json"))
    assert asked == named and asked
    assert {row["registration_region"] for row in asked} == {region}


def test_cli_typo_suggests(invoke: Invoke) -> None:
    result = invoke("list", "--region", "Japn")
    assert result.exit_code == 2 and "did you mean 'Japan'" in result.stderr


def test_cli_market_says_target_market(invoke: Invoke) -> None:
    australia = invoke("list", "--market", "Australia")
    assert australia.exit_code == 2
    assert "Australia (AU) is not in any TikTok Shop Partner Center target market" in australia.stderr
    poland = invoke("list", "--market", "Poland")
    assert poland.exit_code == 2 and EU_ONLY in poland.stderr
    typo = invoke("list", "--market", "Japn")
    assert "unknown target market 'Japn'" in typo.stderr and "did you mean 'Japan'" in typo.stderr
    assert as_json(invoke("list", "--market", "DEU", "--json")) == as_json(
        invoke("list", "--market", "EU", "--json")
    )


def test_suggest_skips_difflib_only_where_no_label_can_be_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """difflib's ratio is at most 2*shorter/(both lengths): at 0.6, a 6-letter label can still
    match a 14-letter value (exactly 0.6), never a 15-letter one, nor a megabyte."""
    assert suggest("abcdef" + "z" * 8, ["abcdef"]) == ["abcdef"]
    asked: list[str] = []
    close_matches = difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        asked.append(word)
        return close_matches(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    assert suggest("abcdef" + "z" * 9, ["abcdef"]) == []
    assert suggest("z" * 1_000_000, RESOLVER.region_labels) == []
    assert asked == []


# The whole place names people type (issue 17): pycountry's names, and catcli's own table
# (countries.OTHER_NAMES) for what pycountry lacks.


@pytest.mark.parametrize(
    ("value", "region"),
    [
        ("Scotland", "United Kingdom"),
        ("Wales", "United Kingdom"),
        ("Northern Ireland", "United Kingdom"),
        ("northern-ireland", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("England", "United Kingdom"),
        ("Vietnam", "SEA"),
        ("Viet Nam", "SEA"),
    ],
)
def test_place_names_in_a_region_resolve(value: str, region: str) -> None:
    assert RESOLVER.region(value).name == region


@pytest.mark.parametrize(
    ("value", "country", "only"),
    [
        ("UAE", "United Arab Emirates (AE)", None),
        ("Macau", "Macao (MO)", None),
        ("Macao", "Macao (MO)", None),
        ("Türkiye", "Türkiye (TR)", None),
        ("Turkey", "Türkiye (TR)", None),
        ("South Korea", "South Korea (KR)", None),
        ("Holland", "Netherlands (NL)", EU_ONLY),
        ("Czechia", "Czechia (CZ)", EU_ONLY),
    ],
)
def test_place_names_in_no_region_get_the_honest_answer(value: str, country: str, only: str | None) -> None:
    with pytest.raises(UnknownValue) as info:
        RESOLVER.region(value)
    assert info.value.message == f"{country} {OUTSIDE}"
    assert info.value.suggestions == ()
    assert info.value.hint == (
        f"{only}; see the regions with: catcli regions"
        if only
        else f"{REGION_LIST}; see them with: catcli regions"
    )


def test_the_parts_of_the_uk_follow_gb_wherever_the_catalog_puts_it() -> None:
    """catcli's table maps a place to its country, not to a region: a catalog without the UK's
    aliases, or one that puts GB in another region, needs no edit for them."""
    regions = []
    for region in CATALOG_DATA.regions:
        if region.name == "United Kingdom":
            continue
        if region.name == "EU":
            region = region._replace(countries=(*region.countries, Country("GB", "United Kingdom")))
        regions.append(region)
    resolver = Resolver.for_catalog(CATALOG_DATA._replace(regions=tuple(regions)))
    for value in ("England", "Scotland", "Wales", "Northern Ireland", "Great Britain"):
        assert resolver.region(value) == ("EU", value, "United Kingdom")


@pytest.mark.parametrize("value", ["Scotland", "Wales", "Great Britain"])
def test_cli_parts_of_the_uk(invoke: Invoke, value: str) -> None:
    asked = invoke("list", "--region", value, "--json")
    assert as_json(asked) == as_json(invoke("list", "--region", "United Kingdom", "--json"))
    title = invoke("list", "--region", value, "--type", "mcn").stdout.splitlines()[0]
    assert "registered in United Kingdom ·" in title
