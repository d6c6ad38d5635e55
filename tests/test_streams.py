"""Standard output (catcli.output): every write checked, the terminal's size sane.

The stream cases run the installed console script in a subprocess, as a
shell would: stdout on /dev/full, closed, on a pipe with no reader, on a file
that may not grow (RLIMIT_FSIZE, like a full disk), in ASCII and Latin-1;
each with Python's ordinary buffered stdout and with PYTHONUNBUFFERED=1,
where the text layer writes straight to the file and used to drop the rest
of a short write.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from catcli import streams
from catcli.errors import EXIT_DATA, OutputError
from tests.conftest import SOURCE
from tests.test_installed import _catcli

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file descriptors and resource limits")

# Commands that write a lot (list --json is ~30 KB), a little, a table, and CSV.
COMMANDS = {
    "list --json": ["list", "--json"],
    "list table": ["list"],
    "show": ["show", "Paid Media"],
    "import -o -": ["import", str(SOURCE), "--output", "-", "--edition", "2026-01-01"],
    "validate": ["validate"],
    "info": ["info"],
    "regions csv": ["regions", "--format", "csv"],
}
BIG = ["list --json", "list table", "import -o -"]  # more than 16 KiB


def _run(
    args: list[str],
    stdout: Any,
    *,
    unbuffered: bool = False,
    preexec: Callable[[], None] | None = None,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONIOENCODING")}
    environment |= env | ({"PYTHONUNBUFFERED": "1"} if unbuffered else {})
    if preexec is _limit_file_size:
        # A coverage tracer in the child would fail to save its own data past the
        # file-size limit and print a traceback that is not catcli's.
        environment.pop("COVERAGE_PROCESS_CONFIG", None)
    return subprocess.run(
        [_catcli(), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        preexec_fn=preexec,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        check=False,
    )


def _one_error_line(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == EXIT_DATA, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"catcli: error: {words}"), result.stderr


def _limit_file_size() -> None:
    """In the child: a file may grow to 16 KiB (a nearly full disk); past it writes fail with EFBIG."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))


def _close_stdout() -> None:
    os.close(1)


def _cases(commands: list[str], unbuffered: list[str]) -> list[Any]:
    """Each command with buffered stdout, some with PYTHONUNBUFFERED=1 too (few: each is a process)."""
    return [pytest.param(c, False, id=f"{c}-buffered") for c in commands] + [
        pytest.param(c, True, id=f"{c}-unbuffered") for c in unbuffered
    ]


@POSIX
@pytest.mark.parametrize(("command", "unbuffered"), _cases(list(COMMANDS), ["list --json", "import -o -"]))
def test_a_full_device_is_one_error_line_and_exit_3(command: str, unbuffered: bool) -> None:
    with open("/dev/full", "wb") as full:
        result = _run(COMMANDS[command], full, unbuffered=unbuffered)
    _one_error_line(result, "cannot write output: No space left on device")


@POSIX
@pytest.mark.parametrize("command", ["list --json", "validate", "list --help", "--version"])
def test_a_closed_stdout_is_one_error_line_and_exit_3(command: str) -> None:
    result = _run(COMMANDS.get(command, command.split()), subprocess.DEVNULL, preexec=_close_stdout)
    _one_error_line(result, "cannot write output: standard output is closed")


@POSIX
@pytest.mark.parametrize(
    ("arguments", "code", "words"),
    [
        (["list", "--region", "Atlantis"], 2, "unknown region 'Atlantis'"),
        (["show", "No Such Thing"], 1, "no service or main category named 'No Such Thing'"),
        (["check", "No Such Thing", "-t", "tsp", "-r", "Japan"], 2, "no service or main category"),
    ],
)
def test_with_stdout_closed_the_first_failure_is_the_one_reported(
    arguments: list[str], code: int, words: str
) -> None:
    """As `ls /nonexistent >&-`: a command that fails before it writes says why, not that
    stdout is closed (issue 16's probe: a typo read as an output failure, exit 3)."""
    result = _run(arguments, subprocess.DEVNULL, preexec=_close_stdout)
    assert result.returncode == code and result.stderr.startswith(f"catcli: error: {words}"), result.stderr
    assert "standard output" not in result.stderr


@POSIX
@pytest.mark.parametrize(("command", "unbuffered"), _cases(BIG, ["list --json", "import -o -"]))
def test_a_full_disk_is_noticed_not_cut_short_silently(
    tmp_path: Path, command: str, unbuffered: bool
) -> None:
    with (tmp_path / "out").open("wb") as out:
        result = _run(COMMANDS[command], out, unbuffered=unbuffered, preexec=_limit_file_size)
    _one_error_line(result, "cannot write output: File too large")
    assert (tmp_path / "out").stat().st_size == 16 * 1024


@POSIX
@pytest.mark.parametrize(("command", "unbuffered"), _cases(list(COMMANDS), ["list --json"]))
def test_a_reader_that_went_away_ends_quietly(command: str, unbuffered: bool) -> None:
    # As `catcli … | head -1` once head has quit: the pipe has no reader at all.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _run(COMMANDS[command], write_end, unbuffered=unbuffered)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("command", "encoding"),
    [
        ("list --json", "ascii"),
        ("list table", "ascii"),
        ("show", "ascii"),
        ("import -o -", "ascii"),
        ("list --json", "latin-1"),
        ("import -o -", "latin-1"),
        ("show", "ascii:strict"),
    ],
)
def test_an_encoding_that_cannot_hold_the_text_degrades(command: str, encoding: str) -> None:
    result = _run(COMMANDS[command], subprocess.PIPE, PYTHONIOENCODING=encoding)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout


# -- emit, in process --------------------------------------------------------


class _Raw(io.RawIOBase):
    """A file that takes at most ``room`` more bytes, then fails: a nearly full disk."""

    def __init__(self, room: int, chunk: int = 7) -> None:
        self.room, self.chunk, self.data = room, chunk, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.room <= 0:
            raise OSError(28, "No space left on device")
        taken = bytes(data[: min(self.chunk, self.room)])
        self.room -= len(taken)
        self.data += taken
        return len(taken)


def _stdout(
    raw: IO[bytes] | io.RawIOBase, encoding: str = "utf-8", errors: str = "strict"
) -> io.TextIOWrapper:
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True)  # type: ignore[arg-type]


def test_emit_writes_every_byte_through_short_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _Raw(room=1000)
    monkeypatch.setattr(sys, "stdout", _stdout(raw))
    streams.emit("México\n" * 10)
    assert raw.data.decode() == "México\n" * 10


def test_emit_reports_the_rest_of_a_short_write(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _Raw(room=20)
    monkeypatch.setattr(sys, "stdout", _stdout(raw))
    with pytest.raises(OutputError, match="No space left on device"):
        streams.emit("x" * 100)
    assert len(raw.data) == 20


def test_emit_to_a_closed_or_missing_stdout_is_an_output_error(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = _stdout(io.BytesIO())
    closed.close()
    for stream in (closed, None):
        monkeypatch.setattr(sys, "stdout", stream)
        with pytest.raises(OutputError, match="standard output is closed"):
            streams.emit("x\n")


def test_emit_with_a_strict_encoding_names_the_character(monkeypatch: pytest.MonkeyPatch) -> None:
    for buffer in (io.BytesIO(), _Raw(room=100)):
        monkeypatch.setattr(sys, "stdout", _stdout(buffer, encoding="ascii"))
        with pytest.raises(OutputError, match="ascii encoding has no 'é'") as caught:
            streams.emit("México\n")
        assert caught.value.hint and "PYTHONIOENCODING" in caught.value.hint


def test_emit_with_replacement_degrades(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _Raw(room=100)
    monkeypatch.setattr(sys, "stdout", _stdout(raw, encoding="ascii", errors="replace"))
    streams.emit("México\n")
    assert raw.data == b"M?xico\n"


@POSIX
@pytest.mark.parametrize("args", [[], ["list", "--help"]])
def test_help_to_a_full_device_is_one_error_line_and_exit_3(args: list[str]) -> None:
    # Help is written by click's echo, not emit: cli.main() must catch what it raises.
    with open("/dev/full", "wb") as full:
        result = _run(args, full)
    _one_error_line(result, "cannot write output: No space left on device")


class _Silent(_Raw):
    """A file whose write takes nothing and says so (0 bytes): a device that stopped accepting."""

    def write(self, data: Any) -> int:
        return 0


def test_emit_reports_a_write_that_takes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _stdout(_Silent(room=0)))
    with pytest.raises(OutputError, match="short write"):
        streams.emit("x\n")


@POSIX
def test_emit_waits_for_a_full_non_blocking_stdout_to_drain(monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-blocking pipe that is full answers 'try again' (None): emit waits until the reader
    has made room, and every byte arrives."""
    import threading
    import time

    reader, writer = os.pipe()
    os.set_blocking(writer, False)
    text = "y" * 300_000  # several times what a pipe holds
    received = bytearray()

    def drain() -> None:
        time.sleep(0.2)
        while chunk := os.read(reader, 65536):
            received.extend(chunk)

    thread = threading.Thread(target=drain)
    thread.start()
    stdout = _stdout(open(writer, "wb", buffering=0))  # noqa: SIM115 (closed below, with the pipe)
    monkeypatch.setattr(sys, "stdout", stdout)
    try:
        streams.emit(text)
    finally:
        stdout.close()  # the reader sees the end
    thread.join(timeout=30)
    os.close(reader)
    assert received.decode() == text


def test_emit_writes_the_platforms_line_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where lines end in CRLF, emit writes what the text layer would have written."""
    raw = _Raw(room=100)
    monkeypatch.setattr(sys, "stdout", _stdout(raw))
    monkeypatch.setattr(os, "linesep", "\r\n")
    streams.emit("a\nb\n")
    assert raw.data == b"a\r\nb\r\n"


@pytest.mark.parametrize("broken", [None, "closed"])
def test_warn_with_no_usable_stderr_is_silent(monkeypatch: pytest.MonkeyPatch, broken: str | None) -> None:
    stream: io.StringIO | None = None
    if broken:
        stream = io.StringIO()
        stream.close()
    monkeypatch.setattr(sys, "stderr", stream)
    streams.warn("nowhere to go", "still no traceback")
