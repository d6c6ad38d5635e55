"""Time that grows with the input, never faster (issue 16): a catalog or document under 1 MB
answers any command in under a second of CPU on this machine, whatever it holds.

CPU seconds of the child, not wall-clock: a shared machine's load would otherwise decide.
"""

from __future__ import annotations

import importlib.util
import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests import app
from tests.conftest import CATALOG, ROOT, SOURCE, examples_folder
from tests.test_installed import _catcli

_SPEC = importlib.util.spec_from_file_location("catcli_bench", ROOT / "bench" / "bench.py")
assert _SPEC is not None and _SPEC.loader is not None
_BENCH = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_BENCH)
synthetic_catalog = _BENCH.synthetic_catalog  # the benchmark's own catalog maker

SECOND = 1.0


def _cpu(
    args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """The installed catcli run on ARGS, and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [_catcli(), *args],
        env={**os.environ, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


@pytest.fixture(scope="module")
def megabyte(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalog's services repeated to just under 1 MB, each copy's main categories distinct."""
    path = tmp_path_factory.mktemp("big") / "catalog.toml"
    synthetic_catalog(CATALOG, 34, path)
    assert 900_000 < path.stat().st_size < 1_000_000
    return path


EXAMPLES = [e for name in app.data_commands() for e in app.examples(name) if name != "diff"]


@pytest.mark.parametrize("example", EXAMPLES, ids=" ".join)
@pytest.mark.parametrize("columns", ["100", "60"])
def test_every_example_answers_a_megabyte_catalog_within_a_second(
    megabyte: Path, tmp_path: Path, example: list[str], columns: str
) -> None:
    env = {"CATCLI_CATALOG": str(megabyte), "COLUMNS": columns, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    examples_folder(tmp_path, megabyte)  # the files the examples name
    for state in ("cold", "warm"):  # the first run parses and checks the catalog; the next reads the cache
        done, cpu = _cpu(example, env, tmp_path)
        assert done.returncode in (0, 1), done.stderr
        assert cpu < SECOND, (state, cpu)


def test_diff_of_two_megabyte_catalogs_within_a_second(megabyte: Path) -> None:
    done, cpu = _cpu(["diff", str(megabyte), str(megabyte)])
    assert done.returncode == 0 and cpu < SECOND, cpu


def test_a_cell_of_many_lines_is_refused_at_import_naming_its_line(tmp_path: Path) -> None:
    """A 900 KB document whose one cell held 140,000 <br> made list take 18.8 s."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    row = next(
        i for i, line in enumerate(lines) if line.startswith("| United States") and "Shop Management" in line
    )
    cells = lines[row].split("|")
    cells[5] = " " + "x <br>" * 140_000 + " "
    lines[row] = "|".join(cells)
    document = tmp_path / "many-lines.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done, cpu = _cpu(["import", str(document), "-o", str(tmp_path / "out.toml")])
    assert done.returncode == 3 and cpu < SECOND, cpu
    assert f"many-lines.md:{row + 1}: definition holds" in done.stderr and "at most" in done.stderr
    assert not (tmp_path / "out.toml").exists()


def test_a_long_search_word_against_one_letter_words_is_linear(tmp_path: Path) -> None:
    """A definition of N one-letter words searched with one K-letter word cost N x K (47 s for 110 KB)."""
    text = CATALOG.read_text(encoding="utf-8")
    path = tmp_path / "letters.toml"
    path.write_text(text.replace("'All Closed-Loop Shopping Ads formats'", "'" + "a " * 2_400 + "a'", 1))
    for word in ("a" * 10_000 + "b", "a" * 2_401):
        done, cpu = _cpu(["search", word, "--json"], {"CATCLI_CATALOG": str(path)})
        assert done.returncode in (0, 1) and cpu < SECOND, (len(word), cpu)


def test_a_search_of_many_words_is_bounded(tmp_path: Path) -> None:
    """A 60,000-word search took 7-10 s: highlighting tried every word on every cell."""
    env = {"FORCE_COLOR": "1", "COLUMNS": "100"}
    done, cpu = _cpu(["search", *(["live", "stream"] * 9_000)], env)
    assert done.returncode == 0 and "\x1b[" in done.stdout and cpu < SECOND, cpu
    done, cpu = _cpu(["search", *(["live"] * 60_000)], env)
    assert done.returncode == 2 and "60,001 arguments" in done.stderr and cpu < SECOND, cpu
