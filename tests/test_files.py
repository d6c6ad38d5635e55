"""Reading and writing files (catcli.files): only regular files, bounded, whole or not at all.

Real files, devices, FIFOs, signals and resource limits; the only stand-in
is an os.fsync that fails, for the one branch nothing else reaches reliably.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.api import load
from catcli.errors import EXIT_DATA, EXIT_USAGE, CatalogError, OutputError, UsageError
from catcli.files import MAX_BYTES, checked_path, decode, output_path, read_text, write_atomic
from catcli.tomlio import TomlError, parse
from tests.conftest import CATALOG, ROOT

POSIX = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and signals are POSIX")
DEVICES = [d for d in ("/dev/zero", "/dev/urandom", "/dev/full", "/dev/null") if os.path.exists(d)]


def irregular_target(directory: Path, kind: str) -> Path:
    """DIRECTORY/out.toml made into what a write must refuse: a FIFO, a link to one, a link to a
    device, a directory, a dangling link, or a link to the writer's own stdout."""
    target = directory / "out.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link to fifo":
        os.mkfifo(directory / "fifo")
        target.symlink_to(directory / "fifo")
    elif kind == "link to a device":
        target.symlink_to(character_device(directory))
    elif kind == "directory":
        target.mkdir()
    elif kind == "dangling link":
        target.symlink_to(directory / "missing.toml")
    else:
        if not os.path.exists("/proc/self/fd/1"):
            pytest.skip("no /proc/self/fd")
        target.symlink_to("/proc/self/fd/1")
    return target


def character_device(directory: Path) -> Path:
    """A character device to aim writes at, safely.

    As root, a device node of our own (the twin of /dev/null) in DIRECTORY:
    were the refusal ever broken, a test would replace that node, not the
    system's /dev/null. An ordinary user may use /dev/null itself: /dev is
    not theirs to replace anything in.
    """
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = directory / "null-device"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
    return node


def _tmp_files(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


# -- reading -----------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("device", DEVICES)
def test_a_device_is_refused_before_it_is_read(device: str) -> None:
    started = time.monotonic()
    with pytest.raises(CatalogError, match="not a regular file") as caught:
        read_text(Path(device))
    assert device in caught.value.message and caught.value.exit_code == EXIT_DATA
    assert time.monotonic() - started < 2


@POSIX
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(CatalogError, match="not a regular file"):
        read_text(fifo, "document")
    assert time.monotonic() - started < 2


@POSIX
def test_a_link_to_a_device_is_a_device(tmp_path: Path) -> None:
    link = tmp_path / "catalog.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(CatalogError, match="not a regular file"):
        read_text(link)


def test_a_sparse_file_over_the_limit_names_file_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: no disk, and it would be 33 MiB of NULs
    with pytest.raises(CatalogError, match="larger than 32 MiB") as caught:
        read_text(big)
    assert str(big) in caught.value.message


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    edge = tmp_path / "edge.toml"
    edge.write_bytes(b"#" * (MAX_BYTES - 1) + b"\n")
    assert len(read_text(edge)) == MAX_BYTES


def test_a_nul_in_the_path_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read catalog"):
        read_text(tmp_path / "a\0b")


def test_an_unreadable_file_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="is a directory"):
        read_text(tmp_path)
    with pytest.raises(CatalogError, match="not found"):
        read_text(tmp_path / "missing" / "catalog.toml")


def test_a_bom_is_dropped_once() -> None:
    assert decode(b"\xef\xbb\xbfa = 1\n", "x") == "a = 1\n"
    assert decode("\ufeff\ufeffa".encode(), "x") == "\ufeffa"


def test_the_shipped_catalog_with_a_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + CATALOG.read_bytes())
    assert len(load(path).services) == 68


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff", 1, 1),
        (b"a = 'ok'\nb = '\xc3('\n", 2, 6),
        ("a = 'é€'\n# ".encode() + b"\xe2\x82", 2, 3),  # a character cut at the end
        ("x = '日本語".encode() + b"\xed\xa0\x80'", 1, 9),  # an encoded surrogate
    ],
)
def test_bad_utf8_is_placed_by_line_and_column(data: bytes, line: int, column: int) -> None:
    with pytest.raises(CatalogError, match="not UTF-8") as caught:
        decode(data, "doc.md")
    assert caught.value.message.startswith(f"doc.md:{line}:{column}: ")


def test_utf16_is_named() -> None:
    with pytest.raises(CatalogError, match="UTF-16"):
        decode("a = 1\n".encode("utf-16"), "x.toml")


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 402 + "]" * 402,
        "x = " + "{a = " * 402 + "1" + "}" * 402,
        ".".join(["a"] * 1001) + " = 1",
        "[" + ".".join(["a"] * 1001) + "]",
        "x = " + "[" * 100_000,
    ],
)
def test_deep_nesting_is_a_toml_error_naming_the_file(text: str) -> None:
    with pytest.raises(TomlError) as caught:
        parse(text, "deep.toml")
    assert caught.value.message.startswith("deep.toml") and caught.value.exit_code == EXIT_DATA


# -- paths from the command line ---------------------------------------------


def test_an_empty_path_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        checked_path("", "--catalog")
    assert caught.value.exit_code == EXIT_USAGE and "--catalog" in caught.value.message
    with pytest.raises(UsageError, match="--output"):
        output_path("")


def test_an_output_path_ending_in_a_slash_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="directory"):
        output_path("new.toml/")
    assert output_path("new.toml") == Path("new.toml")


# -- writing -----------------------------------------------------------------


def test_write_atomic_creates_with_the_umask_and_keeps_a_mode(tmp_path: Path) -> None:
    target = tmp_path / "catalog.toml"
    write_atomic(target, "a = 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "a = 1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    write_atomic(target, "a = 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "a = 2\n"
    assert _tmp_files(tmp_path) == []


@POSIX
def test_a_link_to_a_regular_file_is_kept_and_its_file_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "link to fifo", "link to a device", "directory", "dangling link"])
def test_only_regular_files_or_new_paths_are_written(tmp_path: Path, kind: str) -> None:
    target = irregular_target(tmp_path, kind)
    before = os.lstat(target)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "a = 1\n")
    assert caught.value.exit_code == EXIT_DATA and str(target) in caught.value.message
    assert os.lstat(target).st_mode == before.st_mode and os.lstat(target).st_ino == before.st_ino
    if kind == "link to a device":
        assert stat.S_ISCHR(os.stat(target).st_mode)
    assert not (tmp_path / "missing.toml").exists()
    assert _tmp_files(tmp_path) == []


@POSIX
def test_a_device_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = character_device(tmp_path)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(device, "a = 1\n")
    assert stat.S_ISCHR(os.stat(device).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert _tmp_files(device.parent) == []


def test_a_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="No such file"):
        write_atomic(tmp_path / "missing" / "catalog.toml", "a = 1\n")


def test_a_long_file_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("c" * 250)
    write_atomic(target, "a = 1\n")
    assert target.read_text() == "a = 1\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "catalog.toml"
    target.write_text("old")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="Input/output error") as caught:
        write_atomic(target, "new")
    assert caught.value.exit_code == EXIT_DATA
    assert target.read_text() == "old" and _tmp_files(tmp_path) == []


_CHILD = """
import os, signal, sys, time
from pathlib import Path
from catcli.files import write_atomic
action = sys.argv[2]
# A user's process starts with these at their defaults; the test runner's may not
# (under nohup, or started in the background by a shell without job control).
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
if action == "ignore-hup":
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup does
real_fsync = os.fsync
def fsync(fd):  # the data is written, not yet renamed: say so and linger
    print("syncing", flush=True)
    if action.startswith("rlimit"):
        return real_fsync(fd)
    time.sleep(float(sys.argv[3]))
    real_fsync(fd)
os.fsync = fsync
if action == "rlimit":
    import resource
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomic(Path(sys.argv[1]), "new\\n" * 100_000)
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(3)
print("done", flush=True)
"""


def _child(target: Path, action: str, linger: float = 0) -> subprocess.Popen[str]:
    environment = dict(os.environ)
    if action == "signal" or action.startswith("rlimit"):
        # Killed, or held to a 4 KiB file, a coverage tracer in the child would leave a corrupt data file.
        environment.pop("COVERAGE_PROCESS_CONFIG", None)
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target), action, str(linger)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "catalog.toml"
    target.write_text("old\n")
    with _child(target, "signal", 30) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "syncing\n"
        child.send_signal(signum)
        child.wait(timeout=20)
    # Each still ends the process by that signal (an unhandled KeyboardInterrupt does too).
    assert child.returncode == -signum
    assert target.read_text() == "old\n" and _tmp_files(tmp_path) == []


@POSIX
def test_an_ignored_sighup_stays_ignored(tmp_path: Path) -> None:
    target = tmp_path / "catalog.toml"
    target.write_text("old\n")
    with _child(target, "ignore-hup", 0.5) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "syncing\n"
        child.send_signal(signal.SIGHUP)
        out, err = child.communicate(timeout=20)
    assert child.returncode == 0 and out.endswith("done\n"), err
    assert target.read_text() == "new\n" * 100_000 and _tmp_files(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE needs POSIX")
def test_a_file_size_limit_fails_the_write_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "catalog.toml"
    target.write_text("old\n")
    with _child(target, "rlimit") as child:
        out, err = child.communicate(timeout=20)
    assert child.returncode == 3 and err.startswith("OutputError: cannot write"), err
    assert "File too large" in err
    assert target.read_text() == "old\n" and _tmp_files(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file to another user"
)
def test_root_rewriting_a_users_file_keeps_its_owner_group_and_mode(tmp_path: Path) -> None:
    target = tmp_path / "catalog.toml"
    target.write_text("old")
    os.chown(target, 1234, 4321)
    target.chmod(0o640)
    write_atomic(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 4321, 0o640)
    assert target.read_text() == "new"


# -- properties: whatever the bytes, a Catalog or a CatalogError -------------

# Characters that have broken readers: line and paragraph separators, NEL,
# the BOM, NUL, lone CR, and the brackets and dots of deep nesting.
HOSTILE = st.sampled_from(
    ["\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\r", "\n", "[", "]", "{", "}", ".", "=", '"', "'", "a"]
)
NESTING = st.builds(
    lambda depth, opener, closer: "x = " + opener * depth + closer * depth,
    st.integers(0, 1500),
    st.sampled_from(["[", "{a=", "[{a="]),
    st.sampled_from(["]", "}", "", "}]"]),
)
DOTTED = st.builds(lambda parts: ".".join(["k"] * parts) + " = 1", st.integers(1, 1500))
LINES = CATALOG.read_text(encoding="utf-8").splitlines(keepends=True)


def loads_or_catalog_error(data: bytes) -> None:
    """Bytes as a catalog file: they load, or fail as a CatalogError naming the file; nothing else."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzz.toml"
        path.write_bytes(data)
        try:
            load(path)
        except CatalogError as exc:
            assert exc.exit_code == EXIT_DATA and str(path) in exc.message


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(HOSTILE, NESTING, DOTTED, st.text(max_size=5)), max_size=40))
def test_hostile_text_loads_or_raises_catalog_error(pieces: list[str]) -> None:
    loads_or_catalog_error("".join(pieces).encode("utf-8", "surrogatepass"))


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, len(LINES)),
    st.one_of(HOSTILE, NESTING, DOTTED),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff", b"\xe2\x80"]),
)
def test_the_catalog_with_something_hostile_inside_loads_or_raises(
    where: int, inserted: str, prefix: bytes
) -> None:
    text = "".join(LINES[:where]) + inserted + "".join(LINES[where:])
    loads_or_catalog_error(prefix + text.encode("utf-8"))


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="Linux's /proc")
def test_a_regular_file_that_fails_to_read_is_a_catalog_error() -> None:
    """/proc/self/mem is a regular file whose first page cannot be read (EIO): the read's own error."""
    with pytest.raises(CatalogError, match="cannot read catalog /proc/self/mem"):
        read_text(Path("/proc/self/mem"))


def test_a_write_from_another_thread_leaves_the_signal_handlers_alone(tmp_path: Path) -> None:
    """Only the main thread may set handlers: elsewhere the write goes on without trapping signals."""
    import threading

    before = signal.getsignal(signal.SIGTERM)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            write_atomic(tmp_path / "out.toml", "x = 1\n")
        except BaseException as error:  # the test's thread reports, the test asserts
            errors.append(error)

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    assert errors == [] and (tmp_path / "out.toml").read_text() == "x = 1\n"
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize("name", ["a\0b.toml", "x" * 5000 + ".toml"])
def test_an_output_path_the_system_refuses_is_an_output_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / name, "x = 1\n")


def test_text_that_is_not_unicode_is_not_written(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    with pytest.raises(OutputError, match="not Unicode text"):
        write_atomic(target, "lone surrogate \udcff")
    assert not target.exists() and list(tmp_path.iterdir()) == []
