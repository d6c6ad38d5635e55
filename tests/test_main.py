"""The entry point and the error funnel (catcli.cli): in a library caller's hands the app raises;
at the command line every failure is one message and an exit code, and the last flush of a
stdout whose reader went away is not an error."""

from __future__ import annotations

import errno
import io
import sys
from typing import Any

import pytest
import typer

from catcli.cli import _flushed, app, fail, main
from catcli.errors import EXIT_DATA, UnknownValue


def test_outside_standalone_mode_the_app_returns_its_code_or_raises(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert app(["types", "--json"], standalone_mode=False) in (0, None)
    assert '"tsp"' in capsys.readouterr().out
    with pytest.raises(UnknownValue):
        app(["list", "--region", "Atlantis"], standalone_mode=False)


def test_an_abort_is_reported_and_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    assert fail(typer.Abort()) == 130
    assert capsys.readouterr().err == "catcli: error: aborted\n"


class _Pipe(io.RawIOBase):
    """A stdout whose writes fail with ERROR: a reader that went away, or a full disk."""

    def __init__(self, error: int) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(self.error, "Broken pipe" if self.error == errno.EPIPE else "No space left on device")


def _pending(error: int) -> io.TextIOWrapper:
    """A stdout holding text not yet flushed, over a file that refuses it."""
    stdout = io.TextIOWrapper(io.BufferedWriter(_Pipe(error)), encoding="utf-8")
    stdout.write("left over\n")
    return stdout


def test_the_last_flush_to_a_reader_that_went_away_keeps_the_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _pending(errno.EPIPE))
    assert _flushed(0) == 0 and _flushed(1) == 1
    assert capsys.readouterr().err == ""


def test_the_last_flush_to_a_full_disk_is_one_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _pending(errno.ENOSPC))
    assert _flushed(0) == EXIT_DATA
    assert capsys.readouterr().err == "catcli: error: cannot write output: No space left on device\n"


def test_an_unchecked_write_error_from_a_command_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any OSError a command lets out (not through emit) still ends in one message, no traceback."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("catcli.cli.explore.describe", refuse)
    monkeypatch.setattr(sys, "argv", ["catcli", "info"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == EXIT_DATA
    assert capsys.readouterr().err == "catcli: error: cannot write output: No space left on device\n"
