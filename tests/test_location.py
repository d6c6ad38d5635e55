"""Which catalog answers: --catalog, then $CATCLI_CATALOG, then the user catalog, then the bundled one.

A file chosen at any level that is missing or broken is an error naming it
(exit 3), never a quiet fall-back to the next level. conftest points HOME and
XDG_DATA_HOME at a temporary directory, so no test sees the real home.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from catcli import location
from catcli.errors import EXIT_DATA
from tests.conftest import CATALOG, Invoke

LEVELS = ("flag", "environment", "user")
# Each level's catalog has its own edition and drops a different number of services.
EDITIONS = {"flag": "2026-03-03", "environment": "2026-02-02", "user": "2026-01-01", "bundled": "2026-11-24"}
SERVICES = {"flag": 65, "environment": 66, "user": 67, "bundled": 68}


def variant(path: Path, edition: str, drop: int = 0) -> Path:
    """The shipped catalog with another edition and its last DROP services left out."""
    text = CATALOG.read_text(encoding="utf-8")
    assert 'edition = "2026-11-24"' in text
    text = text.replace('edition = "2026-11-24"', f'edition = "{edition}"', 1)
    if drop:
        text = "\n[[services]]\n".join(text.split("\n[[services]]\n")[:-drop]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def user_catalog() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "catcli" / "catalog.toml"


def _level_catalog(level: str, tmp_path: Path) -> Path:
    path = user_catalog() if level == "user" else tmp_path / f"{level}.toml"
    return variant(path, EDITIONS[level], drop=68 - SERVICES[level])


def _choose(level: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make a catalog at LEVEL and every level below it; the --catalog arguments to pass."""
    chosen = LEVELS.index(level) if level in LEVELS else len(LEVELS)
    for lower in LEVELS[chosen:]:
        path = _level_catalog(lower, tmp_path)
        if lower == "environment":
            monkeypatch.setenv("CATCLI_CATALOG", str(path))
    return ["--catalog", str(tmp_path / "flag.toml")] if level == "flag" else []


# -- where the user catalog lives --------------------------------------------


def test_user_catalog_follows_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert location.user_path() == tmp_path / "data" / "catcli" / "catalog.toml"


@pytest.mark.parametrize("data_home", [None, "", "relative/data"], ids=["unset", "empty", "relative"])
def test_user_catalog_default_is_under_home(
    data_home: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unset, empty and relative XDG_DATA_HOME all mean ~/.local/share (the spec ignores a relative one)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    if data_home is None:
        monkeypatch.delenv("XDG_DATA_HOME")
    else:
        monkeypatch.setenv("XDG_DATA_HOME", data_home)
    assert location.user_path() == tmp_path / ".local" / "share" / "catcli" / "catalog.toml"


def test_default_user_catalog_is_read(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME")
    path = variant(tmp_path / ".local" / "share" / "catcli" / "catalog.toml", "2026-01-01", drop=1)
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["catalog_path"], info["chosen_by"]) == (str(path), "user")
    assert len(json.loads(invoke("list", "--json").stdout)) == 67


# -- the order ----------------------------------------------------------------


@pytest.mark.parametrize("level", [*LEVELS, "bundled"])
def test_lookup_order(level: str, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each level wins over every level below it, for lookups and for `info`."""
    flag = _choose(level, tmp_path, monkeypatch)
    rows = json.loads(invoke("list", "--json", *flag).stdout)
    assert len(rows) == SERVICES[level]
    info = json.loads(invoke("info", "--json", *flag).stdout)
    assert info["chosen_by"] == level
    assert info["edition"] == EDITIONS[level]
    assert info["services"] == SERVICES[level]
    expected = {
        "flag": tmp_path / "flag.toml",
        "environment": tmp_path / "environment.toml",
        "user": user_catalog(),
        "bundled": location.bundled_path(),
    }[level]
    assert info["catalog_path"] == str(expected)
    assert info["lookup_order"] == ["flag", "environment", "user", "bundled"]
    assert info["user_catalog_path"] == str(user_catalog())


def test_empty_environment_variable_is_unset(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose("user", tmp_path, monkeypatch)
    monkeypatch.setenv("CATCLI_CATALOG", "")
    assert json.loads(invoke("info", "--json").stdout)["chosen_by"] == "user"


def test_relative_catalog_is_reported_absolute(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variant(tmp_path / "mine.toml", "2026-03-03")
    monkeypatch.chdir(tmp_path)
    for args, env in ((["--catalog", "mine.toml"], None), ([], {"CATCLI_CATALOG": "mine.toml"})):
        info = json.loads(invoke("info", "--json", *args, env=env).stdout)
        assert info["catalog_path"] == str(tmp_path / "mine.toml")


def test_empty_flag_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--catalog", "")
    assert result.exit_code == 2 and "empty path for --catalog" in result.stderr


# -- missing and broken files: an error at every level, never a fall-back ----


def _place(level: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: str) -> tuple[Path, list[str]]:
    """A bad catalog at LEVEL (missing, bad TOML or a schema problem), a good one at every level below."""
    path = user_catalog() if level == "user" else tmp_path / f"bad-{level}.toml"
    below = LEVELS[LEVELS.index(level) + 1 :]
    if below:
        _choose(below[0], tmp_path, monkeypatch)
    if make == "toml":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('[[types]]\nid = "tsp\n', encoding="utf-8")
    elif make == "schema":
        variant(path, "yesterday")
    elif make == "missing" and level == "user":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(tmp_path / "gone.toml")  # a dangling link: there, but not readable
    if level == "environment":
        monkeypatch.setenv("CATCLI_CATALOG", str(path))
    return path, (["--catalog", str(path)] if level == "flag" else [])


WAY_OUT = {
    "flag": "leave out --catalog",
    "environment": "unset $CATCLI_CATALOG",
    "user": "catcli import --reset",
}
MESSAGE = {
    "missing": "catalog not found: {path}",
    "toml": "{path}:2:10: invalid TOML",
    "schema": "{path}: catalog",  # then '(line N)' once schema places [catalog] problems
}


@pytest.mark.parametrize("make", ["missing", "toml", "schema"])
@pytest.mark.parametrize("level", LEVELS)
def test_bad_catalog_is_an_error_naming_it(
    level: str, make: str, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, flag = _place(level, tmp_path, monkeypatch, make)
    for command in (["list", "--json"], ["info", "--json"], ["show", "Paid Media"]):
        result = invoke(*command, *flag)
        assert result.exit_code == EXIT_DATA, (command, result.output)
        assert result.stdout == ""  # nothing answered from another catalog
        error, hint = result.stderr.splitlines()
        assert error.startswith("catcli: error: " + MESSAGE[make].format(path=path)), error
        assert hint.startswith("  hint: ") and WAY_OUT[level] in hint, hint
        if make == "schema":
            assert "'edition' must be a real day written YYYY-MM-DD, not 'yesterday'" in error
        if make != "missing":
            assert f"catcli validate {path}" in hint


def test_user_catalog_that_is_a_directory_is_an_error(invoke: Invoke) -> None:
    user_catalog().mkdir(parents=True)
    result = invoke("list", "--json")
    assert result.exit_code == EXIT_DATA
    assert f"catalog is a directory, not a file: {user_catalog()}" in result.stderr
    assert "catcli import --reset" in result.stderr


def test_user_catalog_that_cannot_be_looked_at_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parent directory without search permission: the user catalog is chosen, so reading it fails."""
    real = os.lstat

    def denied(path: str | os.PathLike[str]) -> os.stat_result:
        if Path(path) == user_catalog():
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "lstat", denied)
    assert location.locate() == location.Located(user_catalog(), "user")


def test_absent_user_catalog_under_a_file_means_bundled(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "data").write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert location.locate().reason == "bundled"


def test_broken_bundled_catalog_is_an_error(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "catalog.toml"
    broken.write_text("[[types]\n", encoding="utf-8")
    monkeypatch.setattr(location, "bundled_path", lambda: broken)
    result = invoke("list", "--json")
    assert result.exit_code == EXIT_DATA and f"{broken}:1:" in result.stderr


def test_bad_flag_never_falls_back_even_with_a_good_environment(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose("environment", tmp_path, monkeypatch)
    result = invoke("list", "--json", "--catalog", str(tmp_path / "nope.toml"))
    assert result.exit_code == EXIT_DATA and result.stdout == ""


# -- the lookup path stays light ----------------------------------------------


def _modules_after(code: str, tmp_path: Path, *args: str) -> list[str]:
    """Modules a fresh interpreter imported running CODE (written to stderr: catcli closes stdout)."""
    env = {k: v for k, v in os.environ.items() if k != "CATCLI_CATALOG"}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    return result.stderr.split()


def test_location_imports_only_the_standard_library(tmp_path: Path) -> None:
    code = (
        "import sys\nbefore = set(sys.modules)\nimport catcli.location as l\nl.locate()\nl.user_path()\n"
        "sys.stderr.write(' '.join(sorted(set(sys.modules) - before)))"
    )
    new = _modules_after(code, tmp_path)
    assert "catcli.location" in new
    ours = {m for m in new if m.split(".")[0] == "catcli"}
    assert ours <= {"catcli", "catcli.location", "catcli.files", "catcli.errors", "catcli.text"}
    tops = {m.split(".")[0] for m in new} - {"catcli"}
    foreign = sorted(tops - set(sys.stdlib_module_names))
    assert foreign == []


@pytest.mark.parametrize("args", [["list", "--json"], ["info", "--json"], ["--version"]])
def test_lookups_import_no_table_or_country_library(args: list[str], tmp_path: Path) -> None:
    """Reading the user catalog costs a TOML parse, nothing more: no Rich, no pycountry."""
    variant(user_catalog(), "2026-01-01")
    code = (
        "import sys, runpy\nsys.argv = ['catcli', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(['MODULES', *sorted(sys.modules)]))"
    )
    modules = _modules_after(code, tmp_path, *args)
    modules = modules[modules.index("MODULES") + 1 :]
    assert "catcli.location" in modules and "tomli" in modules
    assert [m for m in modules if m.split(".")[0] in ("rich", "pycountry", "pydantic")] == []
