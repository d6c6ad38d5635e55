"""The README says what catcli does: every ``console`` example runs and prints what it shows.

Each ``console`` block is a session: ``$ `` lines are run by bash, in order, in a
folder holding the files the examples name, with the installed catcli first on
PATH, 80 columns and a home of its own; the lines after one are what it must
print (stdout, then stderr). In the expected text ``…`` stands for anything on
its line, and a line of just ``…`` for any number of lines; ``/home/me`` is the
session's home. A ``$ pip …`` line is what a reader does, not run here.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SOURCE, examples_folder

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```console\n(.*?)^```", README, re.MULTILINE | re.DOTALL)


def _steps(block: str) -> list[tuple[str, list[str]]]:
    """Each command of a session (its continued lines joined) and the lines it must print."""
    steps: list[tuple[str, list[str]]] = []
    lines = block.splitlines()
    while lines:
        line = lines.pop(0)
        assert line.startswith("$ "), f"a console block line that is no command's output: {line!r}"
        command = line[2:]
        while command.endswith("\\"):
            command = command[:-1] + lines.pop(0)
        output = []
        while lines and not lines[0].startswith("$ "):
            output.append(lines.pop(0))
        steps.append((command, output))
    return steps


def _pattern(expected: list[str], home: str) -> re.Pattern[str]:
    """The printed text EXPECTED describes, '…' standing for what is left out."""
    parts = []
    for line in expected:
        line = line.replace("/home/me", home)
        if line.strip() == "…":
            parts.append(r"(?:.*\n)*?")
        else:
            parts.append(".*".join(re.escape(piece) for piece in line.split("…")) + r"[ \t]*\n")
    return re.compile("".join(parts))


def _programs(command: str) -> set[str]:
    """The programs a command line runs: the first word of each part of its pipelines."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|&;<>")
    lexer.whitespace_split = True
    programs, starting = set(), True
    for token in lexer:
        if token in ("|", "||", "&&", ";"):
            starting = True
        elif starting and "=" not in token:  # NAME=value before a program sets its environment
            programs.add(token)
            starting = False
    return programs


@pytest.fixture
def session(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = examples_folder(tmp_path)
    (folder / "tests" / "assets").mkdir(parents=True)
    shutil.copyfile(SOURCE, folder / "tests" / "assets" / SOURCE.name)
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(home),
        "COLUMNS": "80",
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": "1795478400",
        **(
            {"COVERAGE_PROCESS_CONFIG": os.environ["COVERAGE_PROCESS_CONFIG"]}
            if "COVERAGE_PROCESS_CONFIG" in os.environ
            else {}
        ),
    }
    return folder, env


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][2:42] for b in BLOCKS])
def test_every_console_example_prints_what_the_readme_shows(
    block: str, session: tuple[Path, dict[str, str]]
) -> None:
    folder, env = session
    for command, expected in _steps(block):
        if command.startswith("pip "):
            continue
        missing = sorted(tool for tool in _programs(command) if shutil.which(tool, path=env["PATH"]) is None)
        if missing:  # CI installs jq; a reader's machine may lack it
            pytest.skip(f"{', '.join(missing)} not installed")
        done = subprocess.run(
            ["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, timeout=120
        )
        # a table's last blank line (the bottom of its box) is not worth a line in the README
        printed = done.stdout.rstrip("\n") + "\n" * bool(done.stdout) + done.stderr
        assert _pattern(expected, env["HOME"]).fullmatch(printed), f"$ {command}\n--- printed:\n{printed}"


def test_there_are_examples_to_check() -> None:
    assert len(BLOCKS) >= 15
