"""The catalog cache: a shortcut that is right or absent, never wrong and never an error."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from catcli import cache
from catcli.loading import load
from tests.conftest import CATALOG


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_bytes(CATALOG.read_bytes())
    return path


@pytest.fixture(autouse=True)
def _cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _cached_files() -> list[Path]:
    folder = cache.directory()
    assert folder is not None
    return sorted(folder.glob("catalog-*.marshal")) if folder.exists() else []


def test_a_load_is_cached_and_the_cached_catalog_is_the_same(catalog_file: Path) -> None:
    first = load(catalog_file)
    [stored] = _cached_files()
    assert stored.stat().st_mode & 0o777 == 0o600 and stored.parent.stat().st_mode & 0o777 == 0o700
    key = cache.key(catalog_file)
    assert key is not None and cache.get(key) == first == load(catalog_file)


def test_a_changed_catalog_is_read_again(catalog_file: Path) -> None:
    load(catalog_file)
    text = catalog_file.read_text(encoding="utf-8").replace("'Paid Media'", "'Paid Ads'", 1)
    catalog_file.write_text(text, encoding="utf-8")
    assert "Paid Ads" in {s.service_category for s in load(catalog_file).services}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps(("key", "data")),
        marshal.dumps((None, ((), (), (), ())))[:-3],
    ],
)
def test_a_corrupt_cache_is_only_a_miss(catalog_file: Path, content: bytes) -> None:
    expected = load(catalog_file)
    [stored] = _cached_files()
    stored.write_bytes(content)
    assert load(catalog_file) == expected


def test_a_cache_of_the_wrong_shape_is_only_a_miss(catalog_file: Path) -> None:
    expected = load(catalog_file)
    key = cache.key(catalog_file)
    [stored] = _cached_files()
    shapes: list[Any] = [((), (), ((1, 2, 3, 4, 5, 6),), ("", "", "")), ([], [], [], []), 42]
    for data in shapes:
        stored.write_bytes(marshal.dumps((key, data)))
        assert load(catalog_file) == expected


def test_an_unwritable_cache_home_changes_nothing(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load(catalog_file).services) == 68
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", "")
    assert len(load(catalog_file).services) == 68


def test_no_cache_for_what_is_not_a_regular_file(tmp_path: Path) -> None:
    assert cache.key(tmp_path) is None and cache.key(tmp_path / "missing.toml") is None


def test_a_warm_lookup_imports_neither_parser_nor_checker(catalog_file: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "CATCLI_CATALOG": str(catalog_file)}
    code = (
        "import sys, catcli; c = catcli.load(); c.select(type='tsp', region='Japan')\n"
        "print(sorted(m for m in sys.modules if m in ('tomli', 'catcli.schema', 'catcli.tomlio')))"
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.strip() == "['catcli.schema', 'catcli.tomlio', 'tomli']"
    assert warm.stdout.strip() == "[]"


def test_a_fifo_or_device_at_the_cache_path_is_only_a_miss(catalog_file: Path) -> None:
    expected = load(catalog_file)
    [stored] = _cached_files()
    stored.unlink()
    os.mkfifo(stored)
    assert load(catalog_file) == expected  # no wait for a writer
    stored.unlink()
    stored.symlink_to("/dev/zero")
    assert load(catalog_file) == expected  # no endless read


def test_a_cache_folder_others_may_write_is_not_trusted(catalog_file: Path) -> None:
    expected = load(catalog_file)
    [stored] = _cached_files()
    key = cache.key(catalog_file)
    stored.parent.chmod(0o777)
    try:
        assert key is not None and cache.get(key) is None
        assert load(catalog_file) == expected
    finally:
        stored.parent.chmod(0o700)


def test_the_key_covers_catcli_itself(catalog_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import catcli

    before = cache.key(catalog_file)
    monkeypatch.setattr(catcli, "__version__", "99.0")
    assert cache.key(catalog_file) != before


def test_catalogs_named_outright_are_not_cached(catalog_file: Path) -> None:
    from catcli.loading import read

    read(catalog_file)
    assert _cached_files() == []
