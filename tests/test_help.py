"""Help that fits an 80-column terminal and ends quietly when its reader goes away, for every
command the app has (derived from it: tests/app.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import app

EVERY = [[], *([name] for name in app.commands())]  # the root's help, then each command's


def _help(*command: str) -> str:
    """COMMAND's help from the installed script at 80 columns (the test runner forces its own width)."""
    done = subprocess.run(
        [_catcli(), *command, "--help"],
        env={**os.environ, "COLUMNS": "80"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", EVERY, ids=lambda c: " ".join(["catcli", *c]))
def test_every_help_fits_80_columns(command: list[str]) -> None:
    text = _help(*command)
    assert "Exit codes:" in text
    long = [line for line in text.splitlines() if len(line) > 79]
    assert long == []


def test_the_command_list_gives_each_first_sentence_whole() -> None:
    """Click cut the list's sentences short with '...'; each is wrapped instead."""
    text = _help()
    listed = " ".join(text.split("Commands:")[1].split("Exit codes:")[0].split())
    assert "..." not in listed
    assert (
        "May this partner offer SERVICE? Exit 0 if so, 1 if not (saying why and where it is offered)."
        in listed
    )
    assert all(f" {name} " in f" {listed} " for name in app.commands())


def _catcli() -> str:
    return str(Path(sys.executable).with_name("catcli"))


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], *([name, "--help"] for name in app.commands())])
def test_help_whose_reader_is_gone_exits_0_quietly(tmp_path: Path, args: list[str]) -> None:
    """`catcli --help | true`: the reader is gone before catcli writes (click's help exited 1)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [_catcli(), *args], stdout=writer, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (0, b"")


def test_help_on_a_full_disk_says_so(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [_catcli(), "--help"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert done.returncode == 3 and "cannot write output" in done.stderr
