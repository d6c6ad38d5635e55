"""Real interactive shells on a pseudo-terminal, with catcli's completion installed as the README
says: type a prefix, press Tab, run the completed line, and see what catcli was given and said.

A shell function named catcli stands in front of the installed script: it
prints each argument it gets on a line of its own (ARG<…>), runs the real
catcli with them, and prints its exit code (EXIT<…>). Completion is looked
up by the command's name, so the function completes exactly as catcli does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pexpect
import pytest

CATCLI = str(Path(sys.executable).with_name("catcli"))
SHELLS = ("bash", "zsh", "fish")
_DONE = re.compile(r"EXIT<(\d+)>\r?\n")
_ARG = re.compile(r"ARG<(.*?)>\r?\n", re.S)


def needs(shell: str) -> pytest.MarkDecorator:
    """Skip where SHELL is missing (CI installs bash, zsh and fish: .ci/run)."""
    return pytest.mark.skipif(shutil.which(shell) is None, reason=f"{shell} is not installed")


class Ran(NamedTuple):
    """What running a completed line did: catcli's arguments, its output and exit code."""

    args: list[str]
    output: str
    code: int


# How each shell starts bare, installs catcli's completion from FILE the
# README's way, and defines the stand-in function.
_STARTS = {
    "bash": (["bash", "--norc", "--noprofile", "-i"], "completions/catcli"),
    "zsh": (["zsh", "-f", "-i"], "zfunc/_catcli"),
    "fish": (["fish", "-i"], "config/fish/completions/catcli.fish"),
}
_SETUP = {
    "bash": [
        "PS1='$ '; bind 'set bell-style none'",
        "source ~/completions/catcli",
        "catcli() { printf 'ARG<%s>\\n' \"$@\"; command catcli \"$@\"; printf 'EXIT<%s>\\n' $?; }",
    ],
    "zsh": [
        "PS1='$ '; unsetopt BEEP; bindkey -e",
        "fpath=(~/zfunc $fpath); autoload -Uz compinit; compinit -u -D",
        "catcli() { printf 'ARG<%s>\\n' \"$@\"; command catcli \"$@\"; printf 'EXIT<%s>\\n' $?; }",
    ],
    "fish": [
        "function catcli; printf 'ARG<%s>\\n' $argv; command catcli $argv; printf 'EXIT<%s>\\n' $status; end",
    ],
}


class Shell:
    """One interactive SHELL, HOME at HOME, with catcli's completion installed."""

    def __init__(self, shell: str, home: Path, env: dict[str, str] | None = None) -> None:
        self.name, self.home = shell, home
        argv, place = _STARTS[shell]
        target = home / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_script(shell), encoding="utf-8")
        environ = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "PATH": f"{Path(CATCLI).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "TERM": "xterm",
            "fish_greeting": "",
            **(env or {}),
        }
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=environ, cwd=str(home), encoding="utf-8", dimensions=(50, 250), timeout=15
        )
        for line in _SETUP[shell]:
            self.child.sendline(line)
        self.child.sendline("printf 'RE%sDY\\n' A")  # the typed line never holds READY: the output does
        self.child.expect("READY")

    def run(self, keys: str) -> Ran:
        """Type KEYS ('\\t' is Tab), press Enter, and wait for catcli to finish."""
        self.child.send(keys + "\r")
        self.child.expect(_DONE)
        before, done = str(self.child.before), self.child.match
        assert isinstance(done, re.Match)
        args = _ARG.findall(before)
        output = before[before.rfind("ARG<") :].split("\n", 1)[-1] if args else before
        return Ran(args, output.replace("\r\n", "\n"), int(done.group(1)))

    def run_all(self, lines: Mapping[str, str]) -> dict[str, Ran | Exception]:
        """Each of LINES, by key: what it did, or why it could not finish (the line is then
        dropped with Ctrl-C, and the next one typed)."""
        return {key: self._run_or_drop(keys) for key, keys in lines.items()}

    def _run_or_drop(self, keys: str) -> Ran | Exception:
        try:
            return self.run(keys)
        except pexpect.ExceptionPexpect as exc:
            self.child.sendcontrol("c")
            return exc

    def close(self) -> None:
        self.child.close(force=True)


def run_everywhere(
    sessions: Mapping[str, tuple[Shell, Mapping[str, str]]],
) -> dict[str, dict[str, Ran | Exception]]:
    """Every session's lines, the sessions side by side (a thread each): a shell spends its
    time waiting for catcli to start, which the machine's cores can share."""
    with ThreadPoolExecutor(max_workers=len(sessions) or 1) as pool:
        futures = {name: pool.submit(shell.run_all, lines) for name, (shell, lines) in sessions.items()}
        return {name: future.result() for name, future in futures.items()}


def _script(shell: str) -> str:
    done = subprocess.run(
        [CATCLI, "completion", shell], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout
