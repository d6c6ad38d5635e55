"""Regressions found by trying catcli as a new user and as a hostile one, one test per finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import app
from tests.conftest import CATALOG, SOURCE, Invoke, as_json


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["Content Management", "-t", "tsp", "-r", "Japan"],
            "may not offer Content Management (main category)",
        ),
        (["Mass Operation", "-t", "tsp", "-r", "UK"], "may not offer Mass Operation (main category)"),
        (["Content Management", "-t", "tsp", "-r", "UK"], "may offer Content Management (main category), as"),
    ],
)
def test_check_names_the_main_category_it_was_asked_about(invoke: Invoke, args: list[str], said: str) -> None:
    assert said in invoke("check", *args).stdout


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999", "soon", "-5"])
def test_a_source_date_epoch_that_is_no_date_is_a_usage_error(invoke: Invoke, epoch: str) -> None:
    result = invoke("import", str(SOURCE), "-o", "-", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr and result.stdout == ""


def test_an_empty_cell_under_one_that_spans_no_rows_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    japan_paid = [x for x in text.splitlines() if "| Paid Media" in x][1]
    cells = japan_paid.split("|")
    cells[-2] = "  "  # the definition, under a cell that carries no rowSpan mark
    document = tmp_path / "doc.md"
    document.write_text(text.replace(japan_paid, "|".join(cells), 1), encoding="utf-8")
    result = invoke("import", str(document), "-o", str(tmp_path / "out.toml"))
    assert result.exit_code == 3 and "empty definition cell under one that spans no rows" in result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_output_naming_an_existing_directory_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(SOURCE), "-o", str(tmp_path))
    assert result.exit_code == 2 and "--output names a directory" in result.stderr


def test_check_help_says_each_filter_once(invoke: Invoke) -> None:
    text = " ".join(invoke("check", "--help").stdout.split())
    assert "Repeat" not in text and "Required, once" in text


def test_search_takes_unquoted_words(invoke: Invoke) -> None:
    assert as_json(invoke("search", "live", "stream", "--json")) == as_json(
        invoke("search", "live stream", "--json")
    )


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "xml"],
        ["list", "--bogus"],
        ["completion"],
        ["diff", "a.toml", "b.toml", "--fields", "type"],
    ],
)
def test_usage_errors_are_one_line_with_a_hint(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 2, result.stderr
    assert lines[0].startswith("catcli: error: ") and lines[1].startswith("  hint: see: catcli")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("lst", "did you mean 'list'? See all with: catcli --help"), ("foo", "see all with: catcli --help")],
)
def test_an_unknown_command_is_named_with_the_closest_one(invoke: Invoke, typed: str, hint: str) -> None:
    result = invoke(typed)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"catcli: error: unknown command {typed!r}\n  hint: {hint}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show"], "missing argument 'SERVICE'"),
        (["list", "-x"], "no such option: -x"),
        (["show", "a", "b"], "got unexpected extra argument(s) (b)"),
    ],
)
def test_clicks_usage_errors_read_like_catclis(invoke: Invoke, args: list[str], message: str) -> None:
    assert invoke(*args).stderr.splitlines()[0] == f"catcli: error: {message}"


@pytest.mark.parametrize("name", ["", "  ", "---"])
def test_show_of_no_name_is_a_usage_error_as_an_empty_search_is(invoke: Invoke, name: str) -> None:
    result = invoke("show", "--", name)
    assert result.exit_code == 2 and result.stderr.startswith("catcli: error: nothing to show\n")


def test_a_line_break_in_a_file_name_stays_on_the_error_line(invoke: Invoke) -> None:
    result = invoke("list", "--catalog", "/nonexistent/a\nb")
    assert result.exit_code == 3 and len(result.stderr.splitlines()) == 2 and "a\\nb" in result.stderr


def test_every_region_that_cannot_reach_the_market_is_named(invoke: Invoke) -> None:
    result = invoke("list", "-r", "China", "-r", "Japan", "--market", "Mexico", "--json")
    assert "China & Hong Kong (China) partners target only" in result.stderr
    assert "Japan partners target only Japan" in result.stderr


def test_show_and_search_say_why_the_filters_rule_everything_out(invoke: Invoke) -> None:
    shown = invoke("show", "Creator Management", "-r", "China", "--market", "Japan")
    assert shown.exit_code == 1 and "partners target only" in shown.stderr
    found = invoke("search", "creator", "-r", "China", "--market", "Japan")
    assert found.exit_code == 1 and "partners target only" in found.stderr


def test_a_region_given_twice_is_one_region(invoke: Invoke) -> None:
    title = invoke("list", "-r", "Japan", "-r", "japan").stdout.splitlines()[0]
    assert "Japan or Japan" not in title and "registered in Japan" in title


def test_reset_of_a_directory_says_so(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "data" / "catcli" / "catalog.toml").mkdir(parents=True)
    result = invoke("import", "--reset", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.exit_code == 3 and "a directory" in result.stderr and "rm -r" in result.stderr


@pytest.mark.parametrize("command", app.commands())
def test_no_color_is_accepted_by_every_command(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--no-color", "--help")
    assert result.exit_code == 0 and "--no-color" in result.stdout


def test_validate_places_catalog_table_problems_and_calls_a_bad_day_so(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = CATALOG.read_text(encoding="utf-8").replace('edition = "2026-11-24"', 'edition = "2026-11-31"')
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    result = invoke("validate", str(path), "--json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    line = text.splitlines().index("[catalog]") + 1
    assert problem["line"] == line and "real day" in problem["message"]


def test_stdin_is_read_once_in_diff(invoke: Invoke) -> None:
    result = invoke("diff", "-", "-")
    assert result.exit_code == 2 and "read once" in result.stderr


def test_info_fits_80_columns(invoke: Invoke) -> None:
    lines = invoke("info", env={"XDG_DATA_HOME": "/home/me/.local/share"}).stdout.splitlines()
    assert all(len(line) <= 80 for line in lines if not line.startswith("catalog:")), lines


def test_version_imports_no_metadata_machinery(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv = ['catcli', '--version']\n"
        "try:\n    runpy.run_module('catcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('importlib.metadata' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.startswith("catcli 0.") and done.stderr.endswith("False")


@pytest.mark.parametrize(
    ("column", "said"), [(1, "expected one registration region, found none"), (2, "no target market")]
)
def test_a_gloss_only_region_cell_is_named_with_its_line(
    invoke: Invoke, tmp_path: Path, column: int, said: str
) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    row = [x for x in text.splitlines() if "| Paid Media" in x][1]
    cells = row.split("|")
    cells[column] = " (Mexico) "
    document = tmp_path / "doc.md"
    document.write_text(text.replace(row, "|".join(cells), 1), encoding="utf-8")
    result = invoke("import", str(document), "-o", "-")
    line = text.splitlines().index(row) + 1
    assert result.exit_code == 3 and f"doc.md:{line}: {said}" in result.stderr


def test_tsv_escapes_a_tab_as_backslash_t(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a\tb.toml"
    path.write_text("x = [", encoding="utf-8")
    out = invoke("validate", str(path), "--format", "tsv", "--no-headers").stdout
    assert "a\\tb.toml" in out and "\\x09" not in out and out.count("\t") == 4
