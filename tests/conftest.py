from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from catcli.cli import app
from tests.source_page import page

ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).resolve().parent / "assets"
SOURCE = ASSETS / "partner_center_service_categories.md"
CATALOG = ROOT / "catalog.toml"

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _stable_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Tests see the shipped catalog and a fixed width, whatever the shell has, and never the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    for name in (
        "CATCLI_CATALOG",
        "CATCLI_PAGER",
        "PAGER",
        "SOURCE_DATE_EPOCH",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
    ):
        monkeypatch.delenv(name, raising=False)
    # Wide enough that content assertions never meet a wrapped cell; width
    # behaviour has its own tests with COLUMNS set explicitly.
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


@pytest.fixture
def invoke() -> Invoke:
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    return run


def examples_folder(folder: Path, catalog: Path = CATALOG) -> Path:
    """FOLDER made to hold the files the help's examples name (copies of CATALOG and the document)."""
    for name in ("catalog.toml", "old.toml", "edited.toml"):
        shutil.copyfile(catalog, folder / name)
    shutil.copyfile(SOURCE, folder / "partner-center.md")
    (folder / "partner-center.html").write_text(page(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding the files the help's examples name, so every example runs."""
    monkeypatch.chdir(examples_folder(tmp_path))
    return tmp_path


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
