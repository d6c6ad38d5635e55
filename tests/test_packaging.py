"""What is shipped: the sdist and wheel build and pass twine's check, with a licence and full
metadata; the README's line that puts catcli on PATH does so."""

from __future__ import annotations

import email
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and wheel, built from the checkout without reaching the network."""
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
    return out


def test_twine_accepts_both_files(dist: Path) -> None:
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_both_carry_the_licence_and_the_wheel_the_catalog(dist: Path) -> None:
    wheel = zipfile.ZipFile(next(dist.glob("*.whl")))
    names = wheel.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names) and "catcli/catalog.toml" in names
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        assert any(n.endswith("/LICENSE") for n in sdist.getnames())


def test_the_metadata_is_complete(dist: Path) -> None:
    wheel = zipfile.ZipFile(next(dist.glob("*.whl")))
    metadata = email.message_from_bytes(
        wheel.read(next(n for n in wheel.namelist() if n.endswith("METADATA")))
    )
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert metadata["Keywords"] and metadata["Summary"] and metadata["Requires-Python"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Environment :: Console" in classifiers and "Typing :: Typed" in classifiers
    assert metadata.get_all("Project-URL")


def test_the_readme_line_that_puts_catcli_on_path(tmp_path: Path) -> None:
    """After the Quickstart, the examples' plain `catcli` works once the README's line has run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"^(\. \.venv/bin/activate && catcli .*)$", readme, re.MULTILINE)
    assert line is not None
    (tmp_path / ".venv").symlink_to(sys.prefix)  # the Quickstart's .venv: the one running these tests
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ["HOME"]}
    assert subprocess.run(["bash", "-c", "command -v catcli"], env=env, capture_output=True).returncode != 0
    done = subprocess.run(
        ["bash", "-c", line.group(1)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("catcli "), done.stderr
