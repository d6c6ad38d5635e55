"""The world's countries: exact lookups, partial names and the groupings regions stand for."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pycountry
import pytest

from catcli import cache, countries


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


# The names are read from pycountry once per pycountry version and kept in the cache.


@pytest.fixture
def forget() -> Iterator[None]:
    """No names in this process's memory before or after: each test reads the cache (or pycountry)."""
    _forget()
    yield
    _forget()


def _forget() -> None:
    for cached in (countries.pycountry_key, countries._world, countries._shown):
        cached.cache_clear()


def test_the_key_names_pycountrys_version_without_importing_it() -> None:
    script = (
        "import sys; from catcli import countries; key = countries.pycountry_key(); "
        "print(key is not None and len(key) == 32, 'pycountry' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def _fake_pycountry(monkeypatch: pytest.MonkeyPatch, site: Path, dist_infos: list[str]) -> None:
    """find_spec('pycountry') answers with a package in SITE, beside DIST_INFOS."""
    (site / "pycountry").mkdir(parents=True)
    for name in dist_infos:
        (site / name).mkdir()
    spec = importlib.machinery.ModuleSpec("pycountry", None, is_package=True)
    spec.submodule_search_locations = [str(site / "pycountry")]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)


@pytest.mark.usefixtures("forget")
def test_the_key_changes_with_the_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_pycountry(monkeypatch, tmp_path / "a", ["pycountry-24.6.1.dist-info", "pytest-8.0.dist-info"])
    older = countries.pycountry_key()
    countries.pycountry_key.cache_clear()
    (tmp_path / "a" / "pycountry-24.6.1.dist-info").rename(tmp_path / "a" / "pycountry-26.2.16.dist-info")
    newer = countries.pycountry_key()
    assert older is not None and newer is not None and older != newer


@pytest.mark.usefixtures("forget")
def test_no_version_found_means_no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_pycountry(monkeypatch, tmp_path, ["pycountryx-1.0.dist-info", "pycountry-1.0.egg-info"])
    assert countries.pycountry_key() is None


@pytest.mark.usefixtures("forget")
@pytest.mark.parametrize("spec", [None, importlib.machinery.ModuleSpec("pycountry", None)])
def test_no_package_found_means_no_key(monkeypatch: pytest.MonkeyPatch, spec: object) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert countries.pycountry_key() is None


@pytest.mark.usefixtures("forget")
def test_an_unreadable_folder_means_no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_pycountry(monkeypatch, tmp_path, ["pycountry-26.2.16.dist-info"])

    def refuse(path: object) -> None:
        raise PermissionError(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert countries.pycountry_key() is None


@pytest.mark.usefixtures("forget")
def test_the_names_are_kept_and_read_back_without_pycountry(monkeypatch: pytest.MonkeyPatch) -> None:
    assert countries.lookup("DEU") == ("DE", "Germany")
    _forget()

    def never() -> None:
        raise AssertionError("pycountry read again")

    monkeypatch.setattr(countries, "_read_pycountry", never)
    assert countries.lookup("DEU") == ("DE", "Germany")
    assert countries.country("KR") == ("KR", "South Korea")


@pytest.mark.usefixtures("forget")
def test_without_a_key_pycountry_is_read_every_time_and_nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    built: list[int] = []

    def build() -> tuple[tuple[countries.Entry, ...], dict[str, str]]:
        built.append(1)
        return (), {}

    for _ in range(2):
        assert countries.remembered(countries.NAMES, build, countries._valid_world) == ((), {})
    assert len(built) == 2
    assert not list(_cache_folder().glob("*.entry"))


def _cache_folder() -> Path:
    folder = cache.directory()
    assert folder is not None
    return folder


@pytest.mark.usefixtures("forget")
@pytest.mark.parametrize(
    "stored", [b"names", ((), ()), ({}, {}), ((("DE", "Germany"),), {}), ((), {}, ())], ids=repr
)
def test_a_stored_value_of_another_shape_is_read_again(stored: object) -> None:
    key = countries.pycountry_key()
    assert key is not None
    cache.put(countries.NAMES, key, stored)
    assert countries.lookup("DEU") == ("DE", "Germany")
    assert countries._valid_world(cache.get(countries.NAMES, key))


def test_a_later_miss_never_imports_pycountry(tmp_path: Path) -> None:
    """The first miss reads pycountry and keeps its names; the next process's miss reads them back."""
    script = (
        "import sys; from catcli.api import load; print(load().filters(region='DEU').regions[0].name, "
        "'pycountry' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
        for _ in range(2)
    ]
    assert [run.stdout.split() for run in runs] == [["EU", "True"], ["EU", "False"]]


def test_the_indexers_named_in_the_key_are_every_module_that_makes_the_indexes(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom catcli import countries, translations\n"
        "countries.lookup('DEU'); translations.lookup('Japón')\n"
        "print(' '.join(m.split('.')[-1] for m in sys.modules if m.startswith('catcli.')))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert set(done.stdout.split()) == set(countries.INDEXERS)


def test_the_key_covers_the_indexers(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, ...]] = []

    def code_key(modules: tuple[str, ...]) -> bytes:
        asked.append(modules)
        return b"code"

    monkeypatch.setattr(cache, "code_key", code_key)
    countries.pycountry_key.cache_clear()
    try:
        assert countries.pycountry_key() is not None and asked == [countries.INDEXERS]
    finally:
        countries.pycountry_key.cache_clear()
