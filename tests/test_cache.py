"""The cache: a shortcut that is right or absent, never wrong, never stale and never an error."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catcli import cache
from catcli.loading import load
from tests.conftest import CATALOG

ROOT = os.geteuid() == 0
NOBODY = 65534


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


def _entries() -> list[Path]:
    folder = cache.directory()
    assert folder is not None
    return sorted(folder.glob("*.entry")) if folder.exists() else []


def _services(path: Path) -> set[str]:
    return {s.service_category for s in load(path).services}


def test_a_load_is_cached_privately_and_the_cached_catalog_is_the_same(catalog_file: Path) -> None:
    first = load(catalog_file)
    [stored] = _entries()
    assert stored.stat().st_mode & 0o777 == 0o600 and stored.parent.stat().st_mode & 0o777 == 0o700
    key = cache.catalog_key(catalog_file.read_bytes())
    assert cache.rebuilt(cache.get(str(catalog_file), key)) == first == load(catalog_file)


def test_a_changed_catalog_is_read_again(catalog_file: Path) -> None:
    load(catalog_file)
    text = catalog_file.read_text(encoding="utf-8").replace("'Paid Media'", "'Paid Ads'", 1)
    catalog_file.write_text(text, encoding="utf-8")
    assert "Paid Ads" in _services(catalog_file)


def _same_size_edit(path: Path, version: int) -> None:
    """Rewrite the file in place: same inode, same size, another text (a version number)."""
    text = CATALOG.read_text(encoding="utf-8").replace("'Paid Media'", f"'Paid v{version:04d}'", 1)
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()


def test_an_edit_that_keeps_size_inode_and_times_is_read_again(catalog_file: Path) -> None:
    """What a file system with coarse timestamps does to every quick edit: nothing in stat changes."""
    _same_size_edit(catalog_file, 1)
    before = os.stat(catalog_file)
    assert "Paid v0001" in _services(catalog_file)
    _same_size_edit(catalog_file, 2)
    os.utime(catalog_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(catalog_file).st_size == before.st_size and os.stat(catalog_file).st_ino == before.st_ino
    assert "Paid v0002" in _services(catalog_file)


@contextlib.contextmanager
def _coarse_file_system(tmp_path: Path) -> Iterator[Path]:
    """An ext2 file system whose timestamps count whole seconds (128-byte inodes), as on the
    machines of issue 16; skipped where one cannot be made and mounted (not root, no loop device)."""
    image, place = tmp_path / "ext2.img", tmp_path / "ext2"
    place.mkdir()
    with open(image, "wb") as handle:
        handle.truncate(8 * 1024 * 1024)
    made = shutil.which("mkfs.ext2") and ROOT
    steps = [
        ["mkfs.ext2", "-q", "-F", "-I", "128", str(image)],
        ["mount", "-o", "loop", str(image), str(place)],
    ]
    if not made or any(subprocess.run(step, capture_output=True).returncode for step in steps):
        pytest.skip("an ext2 file system needs root, mkfs.ext2 and a loop device")
    try:
        yield place
    finally:
        subprocess.run(["umount", str(place)], check=False)


def test_quick_edits_on_a_coarse_file_system_are_never_served_stale(tmp_path: Path) -> None:
    with _coarse_file_system(tmp_path) as place:
        path = place / "catalog.toml"
        path.write_bytes(CATALOG.read_bytes())
        for version in range(40):
            _same_size_edit(path, version)
            assert f"Paid v{version:04d}" in _services(path), version


def test_readers_during_and_after_in_place_writes_see_the_last_version(tmp_path: Path) -> None:
    """Writers rewrite in place while readers look up; once the writes stop, every reader sees the last."""
    with _coarse_file_system(tmp_path) as place:
        path = place / "catalog.toml"
        path.write_bytes(CATALOG.read_bytes())
        done = threading.Event()

        def write() -> None:
            for version in range(1, 201):
                _same_size_edit(path, version)
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        while not done.is_set():
            with contextlib.suppress(Exception):  # a reader may meet a half-written file: an error, not stale
                load(path)
        writer.join()
        for _ in range(5):
            assert "Paid v0200" in _services(path)


@pytest.mark.parametrize("cut", [0, 5, 20, 47, 48, 80, -1])
def test_a_cut_entry_is_only_a_miss(catalog_file: Path, cut: int) -> None:
    expected = load(catalog_file)
    [stored] = _entries()
    stored.write_bytes(stored.read_bytes()[:cut])
    assert load(catalog_file) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_in_an_entry_is_only_a_miss(catalog_file: Path, position: int, flip: int) -> None:
    expected = load(catalog_file)
    [stored] = _entries()
    data = bytearray(stored.read_bytes())
    data[position % len(data)] ^= flip
    stored.write_bytes(bytes(data))
    assert load(catalog_file) == expected
    stored.unlink()


def test_an_entry_is_checked_before_it_is_unmarshalled(catalog_file: Path) -> None:
    """A 5-byte entry that marshal would spend seconds on costs nothing: it never reaches marshal."""
    expected = load(catalog_file)
    [stored] = _entries()
    stored.write_bytes(b"[\xff\xff\xff\x7f")
    started = time.monotonic()
    assert load(catalog_file) == expected
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("value", [((), (), ((1, 2, 3, 4, 5, 6),), ("", "", "")), ([], [], [], []), 42, None])
def test_a_verified_entry_of_the_wrong_shape_is_only_a_miss(catalog_file: Path, value: object) -> None:
    expected = load(catalog_file)
    key = cache.catalog_key(catalog_file.read_bytes())
    cache.put(str(catalog_file), key, value)
    assert cache.rebuilt(cache.get(str(catalog_file), key)) is None
    assert load(catalog_file) == expected


def test_an_unusable_cache_home_changes_nothing(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load(catalog_file).services) == 68
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", "")
    assert len(load(catalog_file).services) == 68


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


def test_a_fifo_device_or_link_at_the_entry_is_only_a_miss(catalog_file: Path) -> None:
    expected = load(catalog_file)
    [stored] = _entries()
    stored.unlink()
    os.mkfifo(stored)
    assert load(catalog_file) == expected  # no wait for a writer
    stored.unlink()
    stored.symlink_to("/dev/zero")
    assert load(catalog_file) == expected  # no endless read


def test_a_cache_folder_others_may_write_is_not_trusted(catalog_file: Path) -> None:
    expected = load(catalog_file)
    [stored] = _entries()
    key = cache.catalog_key(catalog_file.read_bytes())
    stored.parent.chmod(0o777)
    try:
        assert cache.get(str(catalog_file), key) is None
        assert load(catalog_file) == expected
    finally:
        stored.parent.chmod(0o700)


def test_a_link_in_place_of_the_cache_folder_is_not_followed(catalog_file: Path, tmp_path: Path) -> None:
    expected = load(catalog_file)
    folder = cache.directory()
    assert folder is not None
    folder.rename(tmp_path / "elsewhere")
    folder.symlink_to(tmp_path / "elsewhere")
    key = cache.catalog_key(catalog_file.read_bytes())
    assert cache.get(str(catalog_file), key) is None
    assert load(catalog_file) == expected


@pytest.mark.skipif(not ROOT, reason="giving a folder to another user needs root")
def test_a_folder_swapped_in_by_another_user_never_answers(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race of issue 16: the cache folder, inside a folder anyone may write, swapped back and
    forth with one that another user owns, holding a forged entry under the right key."""
    key = cache.catalog_key(catalog_file.read_bytes())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "forger"))
    forged_answer = cache.plain(load(catalog_file)._replace(services=()))
    cache.put(str(catalog_file), key, forged_answer)
    forged = tmp_path / "forger" / "catcli"
    for path in (forged, *forged.iterdir()):
        shutil.chown(path, NOBODY, NOBODY)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o1777)
    shared.chmod(0o1777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    load(catalog_file)
    real, aside = shared / "catcli", tmp_path / "aside"
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                os.rename(real, aside)
                os.rename(forged, real)
                time.sleep(0)
                os.rename(real, forged)
                os.rename(aside, real)

    swapper = threading.Thread(target=swap)
    swapper.start()
    try:
        answers = [len(load(catalog_file).services) for _ in range(300)]
    finally:
        stop.set()
        swapper.join()
    assert set(answers) == {68}


@pytest.mark.skipif(not ROOT, reason="acting for another user's HOME needs root")
def test_root_with_another_users_home_leaves_no_folder_there(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sudo -E: a root-owned ~/.cache would later stop that user's own programs from using it."""
    home = tmp_path / "user"
    home.mkdir()
    shutil.chown(home, NOBODY, NOBODY)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(home))
    assert len(load(catalog_file).services) == 68
    assert not (home / ".cache").exists()
    (home / ".cache").mkdir()
    shutil.chown(home / ".cache", NOBODY, NOBODY)
    assert len(load(catalog_file).services) == 68
    assert not (home / ".cache" / "catcli").exists()


def test_the_key_covers_catcli_itself(catalog_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import catcli

    data = catalog_file.read_bytes()
    before = cache.catalog_key(data)
    monkeypatch.setattr(catcli, "__version__", "99.0")
    assert cache.catalog_key(data) != before


def test_catalogs_named_outright_are_not_cached(catalog_file: Path) -> None:
    from catcli.loading import read

    read(catalog_file)
    assert _entries() == []


def test_the_checkers_named_in_the_key_are_every_module_that_makes_a_checked_catalog(
    catalog_file: Path, tmp_path: Path
) -> None:
    code = (
        "import sys\nbefore = set(sys.modules)\nfrom catcli.loading import load\n"
        f"load({str(catalog_file)!r})\n"
        "new = set(sys.modules) - before\n"
        "print(' '.join(sorted(m.split('.')[-1] for m in new if m.startswith('catcli.'))))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    used = set(done.stdout.split()) - {"errors", "location"}  # which file, and how a failure reads
    assert used <= set(cache.CHECKERS), used - set(cache.CHECKERS)


def test_the_oldest_entries_go_beyond_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A script looking up many temporary catalogs left one entry for each, for ever."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    key = cache.digest(b"key")
    for number in range(5):
        cache.put(f"/tmp/catalog-{number}.toml", key, number)
    folder = cache.directory()
    assert folder is not None and len(_entries()) == 5
    for number in range(5):  # entry 0 the oldest, 4 the newest, whatever the clock's granularity
        path = folder / cache._name(f"/tmp/catalog-{number}.toml")
        os.utime(path, ns=(number * 10**9, number * 10**9))
    cache.put("/tmp/catalog-5.toml", key, 5)
    kept = [n for n in range(6) if cache.get(f"/tmp/catalog-{n}.toml", key) is not None]
    assert kept == [1, 2, 3, 4, 5] and len(_entries()) == 5
