"""Completion in real interactive bash, zsh and fish: type a prefix, press Tab, run the line.

Each shell is started bare, with catcli's completion installed as the README
says; a line is typed ('\\t' is Tab), Enter pressed, and a test checks the
words catcli was given and what it answered. The hostile catalog's names
hold command substitutions, quotes and separators: they must arrive as
themselves, and nothing may run. Every line is typed in every shell before
the tests look, the shells side by side, so the real shells cost seconds.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator

import pytest

from tests import hostile_catalog
from tests.conftest import CATALOG
from tests.shells import SHELLS, Ran, Shell, needs, run_everywhere

IN_SHELLS = [pytest.param(shell, marks=needs(shell)) for shell in SHELLS]

LINES = {
    "partial word": "catcli list --json --fields registration_region --region United\tS\t",
    "double quote": 'catcli check "Paid M\t -t tsp -r ja\t',
    "single quote": "catcli check 'Paid M\t -t tsp -r ja\t",
    "ampersand and slash": 'catcli list --json -r "china &\t -t mcn/\t',
    "commands and options": "catcli sh\t --ty\t ts\t --json Outsourced\t",
    "fields": "catcli list -t mcn --format csv --fields service_category,def\t",
    "equals sign": "catcli list --format csv --fields=registration_reg\t --region=United\tS\t",
    "shell names": "catcli completion F\t",
    "file arguments": "catcli diff cat\t my\t",
    "file option": "catcli info --json --catalog my\t",
}
OPENINGS = ("", "'", '"')


def hostile_lines(shell: str) -> dict[str, str]:
    """Each hostile name typed by its first letters: bare, or in an open single or double quote.
    The quote turns with the shell, so every name meets every quote in some shell, and every
    shell meets every quote (test_completion.py checks all of bash's pairs against bash)."""
    turn = SHELLS.index(shell)
    lines = {
        name: f"catcli show --json {OPENINGS[(i + turn) % len(OPENINGS)]}{name[:3]}\t"
        for i, name in enumerate(hostile_catalog.SERVICES)
    }
    lines["region and type"] = "catcli list --json -t Ty\t -r Ja\t"  # the region, and its country '… land'
    return lines


Typed = Callable[[str, str], Ran]


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Typed]:
    """What each line did in each installed shell, by (shell, line), hostile ones prefixed '!'."""
    sessions: dict[str, tuple[Shell, dict[str, str]]] = {}
    for shell in (s for s in SHELLS if shutil.which(s)):
        home = tmp_path_factory.mktemp(f"{shell}-home")
        shutil.copyfile(CATALOG, home / "catalog.toml")
        shutil.copyfile(CATALOG, home / "my catalog.toml")
        sessions[shell] = (Shell(shell, home, {"XDG_DATA_HOME": str(home / "data")}), LINES)
        home = tmp_path_factory.mktemp(f"{shell}-hostile")
        catalog = str(hostile_catalog.write(home / "hostile.toml"))
        env = {"CATCLI_CATALOG": catalog, "XDG_DATA_HOME": str(home / "data")}
        sessions[f"!{shell}"] = (Shell(shell, home, env), hostile_lines(shell))
    try:
        results = run_everywhere(sessions)
    finally:
        for started, _ in sessions.values():
            started.close()

    def look(shell: str, line: str) -> Ran:
        found = results[shell][line]
        if isinstance(found, Exception):
            raise found
        return found

    yield look


def _json(output: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(output)
    return found


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_a_value_with_spaces_completes_after_a_partial_word(typed: Typed, shell: str) -> None:
    """'United<Tab>' leaves 'United\\ '; 'S<Tab>' then finishes the name (it gave nothing before)."""
    ran = typed(shell, "partial word")
    assert ran.args[-2:] == ["--region", "United States"] and ran.code == 0
    assert {row["registration_region"] for row in _json(ran.output)} == {"United States"}


@pytest.mark.parametrize("shell", IN_SHELLS)
@pytest.mark.parametrize("line", ["double quote", "single quote"])
def test_a_value_completes_inside_an_open_quote(typed: Typed, shell: str, line: str) -> None:
    ran = typed(shell, line)
    assert ran.args == ["check", "Paid Media", "-t", "tsp", "-r", "Japan"]
    assert ran.code == 0 and ran.output.startswith("yes: ")


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_names_holding_an_ampersand_or_a_slash(typed: Typed, shell: str) -> None:
    ran = typed(shell, "ampersand and slash")
    assert ran.args[-4:] == ["-r", "China & Hong Kong", "-t", "MCN/CAP"] and ran.code == 0
    assert {(row["type"], row["registration_region"]) for row in _json(ran.output)} == {
        ("mcn", "China & Hong Kong")
    }


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_commands_options_and_main_categories(typed: Typed, shell: str) -> None:
    ran = typed(shell, "commands and options")
    assert ran.args == ["show", "--type", "tsp", "--json", "Outsourced Operation"] and ran.code == 0
    assert {row["main_category"] for row in _json(ran.output)} == {"Outsourced Operation"}


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_fields_complete_one_after_another(typed: Typed, shell: str) -> None:
    ran = typed(shell, "fields")
    assert ran.args[-1] == "service_category,definition" and ran.code == 0
    assert ran.output.splitlines()[0] == "service_category,definition"


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_a_value_after_an_equals_sign(typed: Typed, shell: str) -> None:
    ran = typed(shell, "equals sign")
    assert ran.args[-2:] == ["--fields=registration_region", "--region=United States"] and ran.code == 0
    assert set(ran.output.splitlines()) == {"registration_region", "United States"}


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_shell_names_complete(typed: Typed, shell: str) -> None:
    ran = typed(shell, "shell names")
    assert ran.args == ["completion", "fish"] and ran.code == 0 and "complete --command catcli" in ran.output


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_file_arguments_complete_file_names(typed: Typed, shell: str) -> None:
    ran = typed(shell, "file arguments")
    assert ran.args == ["diff", "catalog.toml", "my catalog.toml"] and ran.code == 0
    ran = typed(shell, "file option")
    assert ran.args[-1] == "my catalog.toml" and ran.code == 0
    assert json.loads(ran.output)["catalog_path"].endswith("/my catalog.toml")


# -- a catalog whose names a shell would run ------------------------------------------


@pytest.mark.parametrize("shell", IN_SHELLS)
@pytest.mark.parametrize("name", hostile_catalog.SERVICES)
def test_hostile_names_complete_as_the_literal_name(typed: Typed, shell: str, name: str) -> None:
    ran = typed(f"!{shell}", name)
    assert ran.args == ["show", "--json", name] and ran.code == 0
    assert {row["service_category"] for row in _json(ran.output)} == {name}


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_hostile_region_and_type_names_complete_as_themselves(typed: Typed, shell: str) -> None:
    ran = typed(f"!{shell}", "region and type")
    assert ran.args == ["list", "--json", "-t", hostile_catalog.TYPE_NAME, "-r", hostile_catalog.REGION]
    assert ran.code == 0 and {row["registration_region"] for row in _json(ran.output)} == {
        hostile_catalog.REGION
    }


@pytest.mark.parametrize("shell", IN_SHELLS)
def test_nothing_a_catalog_holds_is_ever_run(
    typed: Typed, shell: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    typed(f"!{shell}", "region and type")  # every line has run
    assert not list(tmp_path_factory.getbasetemp().rglob("PWNED*"))
