"""The installed command, run as a user would: from elsewhere, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# difflib is not listed: typer's vendored click imports it for its own suggestions.
HEAVY = ("rich", "pydantic", "markdown_it", "pygments", "tomllib", "html", "html5lib")
# The page's reader and writer (and the reader's table logic): only for a page.
PAGE_MODULES = ("catcli.webpage", "catcli.webtable", "catcli.pagetable", "catcli.render.page")


def _catcli() -> str:
    """The console script installed beside this interpreter (pip install puts it there)."""
    script = Path(sys.executable).with_name("catcli")
    assert script.exists(), f"catcli is not installed beside {sys.executable}: run pip install ."
    return str(script)


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("CATCLI_CATALOG", "NO_COLOR")} | env
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def test_installed_catcli_finds_its_catalog_from_any_directory(tmp_path: Path) -> None:
    result = _run([_catcli(), "list", "--type", "tsp", "--region", "Japan", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 7


def test_python_dash_m(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "catcli", "show", "Paid Media", "--json"], tmp_path)
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--type", "tsp", "--region", "Japan", "--json"],
        ["list", "--format", "csv"],
        ["list", "--region", "Japn"],
        ["check", "Paid Media", "-t", "tsp", "-r", "Japan"],
    ],
)
def test_machine_and_error_paths_import_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    # Only what catcli imports counts: a coverage tracer started before it reads
    # its own configuration (with tomllib) and must not fail this test.
    code = (
        "import sys, runpy; before = set(sys.modules); sys.argv = ['catcli', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\nfinally:\n"
        "    sys.stderr.write('MODULES ' + ' '.join(sorted(set(sys.modules) - before)))"
    )
    result = _run([sys.executable, "-c", code, *args], tmp_path)
    modules = result.stderr.split("MODULES ")[-1].split()
    assert "catcli.cli" in modules
    loaded = [m for m in modules if m.split(".")[0] in HEAVY or m in PAGE_MODULES]
    assert loaded == []
    assert not {"catcli.completion", "catcli.shellwords"} & set(modules)  # only when a shell asks


@pytest.mark.parametrize(
    ("args", "loads"),
    [
        (["list", "--format", "html"], {"catcli.render.page", "html"}),
        (["import", "PAGE", "-o", "-"], {"catcli.webpage", "catcli.webtable", "html.parser"}),
    ],
)
def test_the_page_code_loads_when_it_is_used(tmp_path: Path, args: list[str], loads: set[str]) -> None:
    """The other side of the test above: the same probe sees the page's modules when they are used."""
    from tests.conftest import SOURCE
    from tests.source_page import page

    (tmp_path / "page.html").write_text(page(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    code = (
        "import sys, runpy; sys.argv = ['catcli', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\nfinally:\n"
        "    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))"
    )
    result = _run([sys.executable, "-c", code, *(a.replace("PAGE", "page.html") for a in args)], tmp_path)
    assert loads <= set(result.stderr.split("MODULES ")[-1].split()), result.stderr[:300]


def test_table_path_does_import_rich(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv = ['catcli', 'list']\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\nfinally:\n"
        "    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))"
    )
    result = _run([sys.executable, "-c", code], tmp_path)
    assert "rich.console" in result.stderr.split("MODULES ")[-1].split()


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for args in (["list"], ["list", "--format", "csv"], ["matrix"]):
        with subprocess.Popen(
            [_catcli(), *args], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.readline()
            process.stdout.close()
            process.wait(timeout=60)
            assert process.stderr.read() == b"", args


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("catcli list --region Ge", ["Germany"]),
        (
            "catcli list --market s",
            ["Spain", "SEA", "Southeast\\ Asia", "South-East\\ Asia", "SG", "Singapore"],
        ),
        ("catcli show x --type a", ["affiliate", "Affiliate\\ Partner", "affiliate-partner"]),
        ("catcli check x -t tsp -r méx", ["Mexico"]),
        ("catcli ma", ["matrix"]),
        ("catcli show 'paid m", ["Paid Media"]),
    ],
)
def test_shell_completion_offers_catalog_values_and_commands(
    tmp_path: Path, words: str, expected: list[str]
) -> None:
    env = {"_CATCLI_COMPLETE": "complete_bash", "COMP_LINE": words, "COMP_POINT": str(len(words))}
    result = _run([_catcli()], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["values", *expected]


def test_only_the_command_line_process_turns_the_collector_off(tmp_path: Path) -> None:
    import gc

    import catcli.cli  # noqa: F401  (library use: the collector is left alone)

    assert gc.isenabled()
    code = (
        "import gc, runpy, sys; sys.argv = ['catcli', 'list', '--json']\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\n"
        "finally:\n    sys.stderr.write(f'GC {gc.isenabled()}')"
    )
    result = _run([sys.executable, "-c", code], tmp_path)
    assert result.stderr.endswith("GC False")


@pytest.mark.parametrize(
    ("args", "code", "stdout", "stderr"),
    [
        (["search", "livestrem", "--json"], 1, "[]\n", "did you mean 'livestream'?"),
        (["search", "onboarding", "--format", "csv", "--fields", "service_category"], 0, "On-boarding", ""),
        (["check", "Paid Medai", "-t", "tsp", "-r", "uk"], 2, "", "did you mean 'Paid Media'"),
        (
            ["check", "Paid Media", "-t", "tsp", "-t", "mcn", "-r", "uk"],
            2,
            "",
            "2 types given ('tsp', 'mcn')",
        ),
        (["check", "Paid Media", "-t", "tsp", "-r", "Japan", "-m", "Mexico"], 1, "sell only in Japan", ""),
        (["list", "--region", "Australia"], 2, "", "Australia (AU) is not in any"),
        (["list", "--region", "China", "--market", "Japan", "--json"], 0, "[]\n", "partners target only"),
        (["list", "--region", "DEU", "--format", "tsv", "--fields", "registration_region"], 0, "EU", ""),
    ],
)
def test_the_installed_script_answers_honestly(
    tmp_path: Path, args: list[str], code: int, stdout: str, stderr: str
) -> None:
    result = _run([_catcli(), *args], tmp_path, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    assert result.returncode == code, result.stderr
    assert stdout in result.stdout and stderr in result.stderr


def test_the_installed_matrix_piped_at_80_columns_keeps_every_region(tmp_path: Path) -> None:
    result = _run([_catcli(), "matrix"], tmp_path, COLUMNS="80", HOME=str(tmp_path))
    regions = json.loads(_run([_catcli(), "regions", "--json"], tmp_path, HOME=str(tmp_path)).stdout)
    assert result.returncode == 0 and all(len(line) <= 80 for line in result.stdout.splitlines())
    for region in regions:
        assert region["name"] in result.stdout
