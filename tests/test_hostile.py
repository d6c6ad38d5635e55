"""Hostile input through the command line: devices, FIFOs, huge and deep files, odd names.

Each must end in one clear error (plus a hint) with the documented exit
code, quickly and in bounded memory, and leave nothing changed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import Result

from catcli.errors import EXIT_DATA, EXIT_NO, EXIT_USAGE
from catcli.render import formats
from tests.conftest import CATALOG, SOURCE, Invoke
from tests.test_files import irregular_target
from tests.test_installed import _catcli

POSIX = pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs are POSIX")
DEVICES = [d for d in ("/dev/zero", "/dev/urandom", "/dev/full") if os.path.exists(d)]
# Where a file name reaches catcli: each entry point, with PATH standing for the file.
ENTRY_POINTS = {
    "--catalog": ["list", "--json", "--catalog", "PATH"],
    "CATCLI_CATALOG": ["list", "--json"],
    "validate PATH": ["validate", "PATH"],
    "import DOCUMENT": ["import", "PATH", "--output", "-"],
    "diff OLD": ["diff", "PATH", str(CATALOG)],
    "diff NEW": ["diff", str(CATALOG), "PATH"],
}


def _args(entry: str, path: str) -> tuple[list[str], dict[str, str]]:
    env = {"CATCLI_CATALOG": path} if entry == "CATCLI_CATALOG" else {}
    return [path if a == "PATH" else a for a in ENTRY_POINTS[entry]], env


def _one_error(result: Result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith("catcli: error: "), result.stderr
    assert all(w in first for w in words), (words, first)
    assert all(line.startswith("  hint: ") for line in rest) and len(rest) <= 1, result.stderr


@POSIX
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
@pytest.mark.parametrize("device", DEVICES)
def test_a_device_is_refused_at_every_entry_point(invoke: Invoke, device: str, entry: str) -> None:
    args, env = _args(entry, device)
    _one_error(invoke(*args, env=env), EXIT_DATA, "not a regular file", device)


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_file_over_32_mib_is_refused_at_every_entry_point(
    invoke: Invoke, tmp_path: Path, entry: str
) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse
    args, env = _args(entry, str(big))
    _one_error(invoke(*args, env=env), EXIT_DATA, "larger than 32 MiB", str(big))


@POSIX
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path: Path, entry: str) -> None:
    # In a subprocess with a timeout: were the refusal broken, this would hang, not fail.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    args, env = _args(entry, str(fifo))
    environment = {k: v for k, v in os.environ.items() if k != "CATCLI_CATALOG"} | env
    result = subprocess.run(
        [_catcli(), *args], capture_output=True, text=True, env=environment, timeout=10, check=False
    )
    assert result.returncode == EXIT_DATA and result.stdout == ""
    assert result.stderr.startswith(f"catcli: error: {'document' if 'import' in args else 'catalog'} is not")
    assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--catalog", ""],
        ["show", "Paid Media", "--catalog", ""],
        ["validate", ""],
        ["import", "", "--output", "-"],
        ["import", str(SOURCE), "--output", ""],
        ["import", str(SOURCE), "--output", "new.toml/"],
        ["import", str(SOURCE), "--base", "", "--output", "-"],
        ["diff", "", str(CATALOG)],
        ["diff", str(CATALOG), ""],
    ],
)
def test_an_empty_path_is_a_usage_error(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == EXIT_USAGE and result.stdout == "", result.output
    assert result.stderr.startswith("catcli: error: ") and "hint: " in result.stderr


DEEP = {
    "arrays": "x = " + "[" * 402 + "]" * 402 + "\n",
    "inline tables": "x = " + "{a = " * 402 + "1" + "}" * 402 + "\n",
    "dotted key": ".".join(["k"] * 1001) + " = 1\n",
    "table header": "[" + ".".join(["k"] * 1001) + "]\n",
}


@pytest.mark.parametrize("kind", list(DEEP))
def test_deep_nesting_is_a_catalog_error_naming_the_file(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(CATALOG.read_text(encoding="utf-8") + DEEP[kind], encoding="utf-8")
    for args in (["list", "--catalog", str(deep)], ["diff", str(CATALOG), str(deep)]):
        _one_error(invoke(*args), EXIT_DATA, f"{deep}", "nested too deeply")
    # validate reports it as the file's problem, like any TOML syntax error (exit 1).
    result = invoke("validate", str(deep))
    assert result.exit_code == EXIT_NO and "nested too deeply" in result.stdout
    assert "Traceback" not in result.output


def test_deep_nesting_on_standard_input_is_a_catalog_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [_catcli(), "diff", "-", str(CATALOG)],
        input=DEEP["arrays"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == EXIT_DATA and "<stdin>" in result.stderr
    assert "nested too deeply" in result.stderr and "Traceback" not in result.stderr


def test_a_bom_is_accepted_in_a_catalog_and_a_document(invoke: Invoke, tmp_path: Path) -> None:
    catalog = tmp_path / "bom.toml"
    catalog.write_bytes(b"\xef\xbb\xbf" + CATALOG.read_bytes())
    assert invoke("validate", str(catalog)).exit_code == 0
    assert len(json.loads(invoke("list", "--json", "--catalog", str(catalog)).stdout)) == 68
    document = tmp_path / "bom.md"
    document.write_bytes(b"\xef\xbb\xbf" + SOURCE.read_bytes())
    plain = invoke("import", str(SOURCE), "-o", "-", "--edition", "2026-01-01")
    with_bom = invoke("import", str(document), "-o", "-", "--edition", "2026-01-01")
    assert with_bom.exit_code == 0 and with_bom.stdout == plain.stdout.replace(str(SOURCE), str(document))


def test_bad_utf8_is_placed_by_line_and_column(invoke: Invoke, tmp_path: Path) -> None:
    lines = CATALOG.read_bytes().split(b"\n")
    lines[4] = b"# caf\xe9 " + lines[4]  # Latin-1, as a Windows editor might save it
    broken = tmp_path / "latin1.toml"
    broken.write_bytes(b"\n".join(lines))
    for args in (["list", "--catalog", str(broken)], ["validate", str(broken)]):
        _one_error(invoke(*args), EXIT_DATA, f"{broken}:5:6: not UTF-8")


# -- writing: only regular files or new paths ----------------------------------


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "link to fifo", "link to a device", "link to stdout"])
def test_import_output_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = irregular_target(tmp_path, kind)  # "link to stdout": catcli's own stdout, a pipe below
    before = os.lstat(target)
    result = subprocess.run(
        [_catcli(), "import", str(SOURCE), "--output", str(target)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == EXIT_DATA and result.stdout == "", result.stderr
    assert result.stderr.startswith(f"catcli: error: cannot write {target}: not a regular file")
    assert "regular files" in result.stderr  # the hint says what catcli will write
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


# Run as root, a child imports what it needs, becomes an ordinary user, then imports over FILE.
_AS_NOBODY = """
import encodings.cp1252, os, signal, sys, tempfile, threading  # what the import loads lazily
import catcli.cli.maintenance
from catcli.cli import app
os.setgid(65534)
os.setuid(65534)
app(["import", *sys.argv[1:]], prog_name="catcli")
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as another, ordinary user needs root")
def test_import_output_refuses_a_read_only_file_as_cp_does() -> None:
    """Issue 16: an ordinary user's import -o replaced a 0444 FILE through the rename."""
    folder = Path(tempfile.mkdtemp(prefix="catcli-nobody-"))  # in /tmp, where an ordinary user may go
    try:
        for name, source in (("document.md", SOURCE), ("base.toml", CATALOG)):
            shutil.copyfile(source, folder / name)
        target = folder / "catalog.toml"
        target.write_text("read-only\n", encoding="utf-8")
        for path in (folder, *folder.iterdir()):
            os.chown(path, 65534, 65534)
        folder.chmod(0o755)
        target.chmod(0o444)
        args = [str(folder / "document.md"), "--base", str(folder / "base.toml"), "--output", str(target)]
        env = {**os.environ, "HOME": str(folder), "XDG_CACHE_HOME": str(folder / "cache")}
        result = subprocess.run(
            [sys.executable, "-c", _AS_NOBODY, *args], capture_output=True, text=True, timeout=60, env=env
        )
        assert result.returncode == EXIT_DATA and "read-only to you" in result.stderr, result.stderr
        assert target.read_text(encoding="utf-8") == "read-only\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        shutil.rmtree(folder)


# -- file names are data: escaped before they reach a terminal ----------------

EVIL = "cat\x1b]52;c;aGVsbG8=\x07\x1b[2J\u202e.toml"  # a clipboard write, a screen clear, a bidi override


def _shown_safely(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\u202e"), repr(text)
    assert "\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J\\u202e" in text, repr(text)


def test_file_names_are_escaped_in_every_message(invoke: Invoke, tmp_path: Path) -> None:
    evil = tmp_path / EVIL
    wrote = invoke("import", str(SOURCE), "--output", str(evil))
    assert wrote.exit_code == 0 and "wrote" in wrote.stderr
    _shown_safely(wrote.stderr)

    shutil.copyfile(CATALOG, evil)
    valid = invoke("validate", str(evil))
    assert valid.exit_code == 0 and ": valid (" in valid.stdout
    _shown_safely(valid.stdout)

    evil.write_text(CATALOG.read_text(encoding="utf-8").replace('id = "mcn"', 'id = "mcn'), encoding="utf-8")
    problems = invoke("validate", str(evil))
    assert problems.exit_code == EXIT_NO and "1 problem" in problems.stderr
    _shown_safely(problems.stdout)
    _shown_safely(problems.stderr)
    as_json = invoke("validate", str(evil), "--json")
    assert "\x1b" not in as_json.stdout and json.loads(as_json.stdout)[0]["file"] == str(evil)

    for args in (["list", "--catalog", str(evil)], ["list", "--catalog", str(tmp_path / ("x" + EVIL))]):
        failed = invoke(*args)
        assert failed.exit_code == EXIT_DATA
        _shown_safely(failed.stderr)


# -- invisible characters in machine output ----------------------------------


def test_line_separators_keep_each_json_lines_record_on_one_line() -> None:
    rows = [
        {"service_category": "Paid\u2028Media", "definition": "one\u2029two\x85three"},
        {"service_category": "Plain", "definition": "\u2028"},
    ]
    text = formats.json_lines(rows)
    assert text.count("\n") == 2 and len(text.splitlines()) == 2  # str.splitlines splits at U+2028 too
    assert "\u2028" not in text and "\u2029" not in text and "\\u2028" in text and "\\u2029" in text
    assert [json.loads(line) for line in text.splitlines()] == rows
    pretty = formats.json_document(rows)
    assert "\u2028" not in pretty and json.loads(pretty) == rows
