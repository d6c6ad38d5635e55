"""The pager: only where a terminal can run one, and Ctrl-C belongs to it while catcli waits for
it, as with git and gh. Driven on pseudo-terminals with real less where it matters."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading
from pathlib import Path

import pexpect
import pytest

from catcli import terminal
from tests.conftest import CATALOG
from tests.test_cli_output import _on_a_terminal

CATCLI = str(Path(sys.executable).with_name("catcli"))
LONG = "".join(f"line {i}\n" for i in range(200))


@pytest.mark.parametrize(("term", "pager"), [("xterm", "less -FRX"), ("dumb", None), ("", None)])
def test_a_terminal_that_cannot_run_a_pager_gets_none(
    monkeypatch: pytest.MonkeyPatch, term: str, pager: str | None
) -> None:
    monkeypatch.setenv("TERM", term)
    assert terminal.pager_command(True) == pager
    monkeypatch.setenv("PAGER", "most")
    assert terminal.pager_command(True) == (pager and "most")
    monkeypatch.delenv("TERM")
    assert terminal.pager_command(True) is None


def test_only_posix_terminals_are_judged_by_term(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(os, "name", "nt")
    assert terminal.pager_command(True) == "less -FRX"


@pytest.mark.parametrize("term", ["dumb", ""])
def test_a_long_table_on_a_dumb_terminal_is_printed_not_paged(tmp_path: Path, term: str) -> None:
    seen = tmp_path / "paged.txt"
    out = _on_a_terminal(["list"], {"TERM": term, "COLUMNS": "100", "LINES": "10", "PAGER": f"tee {seen}"})
    assert "Paid Media" in out and not seen.exists()


def test_a_pager_that_cannot_start_leaves_the_text_printed(capfd: pytest.CaptureFixture[str]) -> None:
    terminal.page(LONG, "no-such-pager-anywhere --flag", 10)
    terminal.page(LONG, "'unclosed quote", 10)
    assert capfd.readouterr().out == LONG * 2


def test_ctrl_c_while_the_pager_runs_is_the_pagers(tmp_path: Path) -> None:
    """The pager interrupts catcli's own process at once (as a terminal's Ctrl-C reaches both):
    catcli lets it pass, waits for the pager, and then handles Ctrl-C as before. Twenty times,
    as the pager may start before Popen has returned."""
    before = signal.getsignal(signal.SIGINT)
    for attempt in range(20):
        shown = tmp_path / f"shown-{attempt}.txt"
        try:
            terminal.page(LONG, f"sh -c 'kill -INT {os.getpid()}; cat > {shown}'", 10)
        except KeyboardInterrupt:
            pytest.fail(f"Ctrl-C in the pager interrupted catcli (attempt {attempt})")
        assert shown.read_text(encoding="utf-8") == LONG
        assert signal.getsignal(signal.SIGINT) is before


def test_a_pager_outside_the_main_thread_leaves_signals_alone(tmp_path: Path) -> None:
    shown = tmp_path / "shown.txt"
    thread = threading.Thread(target=terminal.page, args=(LONG, f"tee {shown}", 10))
    thread.start()
    thread.join(timeout=30)
    assert shown.read_text(encoding="utf-8") == LONG


def _big_catalog(tmp_path: Path) -> Path:
    """The bundled catalog four times over (renamed copies): a table of over 64 KiB, more than a
    pipe holds, so catcli is still writing to the pager when Ctrl-C comes."""
    head, *services = CATALOG.read_text(encoding="utf-8").split("\n[[services]]\n")
    copies = [
        s.replace("service_category = '", f"service_category = 'Copy {k} of ", 1) if k else s
        for k in range(4)
        for s in services
    ]
    path = tmp_path / "big.toml"
    path.write_text("\n[[services]]\n".join([head, *copies]), encoding="utf-8")
    return path


@pytest.mark.skipif(
    shutil.which("less") is None or shutil.which("bash") is None, reason="needs less and bash"
)
def test_ctrl_c_in_less_leaves_catcli_waiting_and_the_terminal_echoing(tmp_path: Path) -> None:
    """In an interactive bash: a long list in less, Ctrl-C, then q. catcli exited 130 at once and
    left less reading the terminal with echo off; now it waits for less and exits 0."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PAGER", "CATCLI_PAGER", "LESS", "COLUMNS", "LINES")
    }
    shell = pexpect.spawn(
        "bash",
        ["--norc", "--noprofile", "-i"],
        env={**env, "TERM": "xterm", "PS1": "$ "},
        encoding="utf-8",
        dimensions=(24, 100),
        timeout=30,
    )
    try:
        shell.sendline(f'{CATCLI} list --catalog {_big_catalog(tmp_path)}; echo "EX""IT<$?>"')
        shell.expect(r"\r\n:\x1b\[K")  # less has drawn the first screen and waits at its prompt
        shell.sendintr()
        assert shell.expect([r"EXIT<\d+>", pexpect.TIMEOUT], timeout=2) == 1, "catcli left less running"
        shell.send("q")
        shell.expect(r"EXIT<(\d+)>")
        assert _group(shell) == "0"
        shell.sendline("stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo")
        shell.expect(r"[\r\n](-?echo)\r\n")
        assert _group(shell) == "echo"
    finally:
        shell.close(force=True)


def _group(child: pexpect.spawn[str]) -> str:
    """What the last expect's first group matched."""
    assert isinstance(child.match, re.Match)
    return str(child.match.group(1))
