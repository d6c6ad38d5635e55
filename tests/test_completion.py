"""What catcli answers a shell asking for completions (the shells themselves: test_shells.py).

Every value-taking parameter completes; bash gets each value quoted for where
the cursor is; a request that makes no sense gets nothing, never a traceback.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer import _click as click
from typer.core import TyperGroup

from catcli.cli import app as catcli_app
from catcli.completion import respond
from catcli.shellwords import Word, split
from tests import app, hostile_catalog
from tests.conftest import Invoke

ROOT = typer.main.get_command(catcli_app)
BREAKS = " \t\n\"'><=;|&(:"  # bash's COMP_WORDBREAKS


def bash(line: str) -> list[str]:
    """What catcli answers bash for LINE, the cursor at its end: a directive, then the values."""
    environ = {"COMP_LINE": line, "COMP_POINT": str(len(line)), "COMP_WORDBREAKS": BREAKS}
    return respond(ROOT, "complete_bash", environ, []).splitlines()


def words(shell: str, *argv: str) -> list[str]:
    """What catcli answers zsh or fish, handed the words after 'catcli' (the last being typed)."""
    return respond(ROOT, f"complete_{shell}", {}, list(argv)).splitlines()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("catcli li", ["list"]),
        ("catcli list --reg", ["--region"]),
        ("catcli list --type m", ["mcn", "MCN/CAP", "mcn-cap", "Multi-Channel\\ Network"]),
        ("catcli list --region United\\ S", ["United\\ States", "United\\ States\\ of\\ America"]),
        ("catcli list --market chin", ["China\\ \\&\\ Hong\\ Kong", "China\\ and\\ Hong\\ Kong", "China"]),
        ("catcli list --region méx", ["Mexico"]),
        ("catcli show 'Paid M", ["Paid Media"]),
        ('catcli check "Outsourced O', ["Outsourced Operation"]),
        ("catcli search x --type affiliate-", ["affiliate-partner"]),
        ("catcli list --fields service_category,de", ["service_category,definition"]),
        ("catcli list --fields=type,registration_region,t", ["type,registration_region,target_markets"]),
        ("catcli regions --fields n", ["name"]),
        ("catcli list --format j", ["json", "jsonl"]),
        ("catcli completion F", ["fish"]),
    ],
)
def test_every_value_completes_and_bash_gets_it_quoted(line: str, offered: list[str]) -> None:
    assert bash(line) == ["values", *offered]


def test_a_value_after_an_equals_sign_replaces_only_what_follows_it() -> None:
    """readline completes what follows '=' (a word break); zsh and fish replace the whole word."""
    assert bash("catcli list --region=Hong") == ["values", "Hong\\ Kong"]
    assert words("zsh", "list", "--region=Hong") == ["values", "--region=Hong Kong"]
    assert words("fish", "list", "--region=Hong") == ["values", "--region=Hong Kong"]


def test_zsh_and_fish_get_plain_values_for_the_word_being_typed() -> None:
    assert words("zsh", "show", "Paid M") == ["values", "Paid Media"]
    assert words("fish", "show", '"Paid M') == ["values", "Paid Media"]  # fish hands the word as typed
    assert words("fish", "list", "--region", "United\\ S")[1] == "United States"
    assert words("zsh", "list", "-t", "tsp", "-r", "") == ["values", *_region_labels()]


def _region_labels() -> list[str]:
    offered = bash("catcli list -r ")[1:]
    return [shlex.split(value)[0] for value in offered]


def test_the_catalog_given_on_the_line_is_the_one_completed(tmp_path: Path) -> None:
    hostile = str(hostile_catalog.write(tmp_path / "hostile.toml"))
    assert words("zsh", "show", "--catalog", hostile, "Tick") == ["values", hostile_catalog.SERVICES[1]]
    assert words("zsh", "show", "Tick") == ["values"]


def test_a_catalog_that_cannot_be_read_completes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATCLI_CATALOG", "/nonexistent/catalog.toml")
    assert bash("catcli list --region Jap") == ["values"]
    assert bash("catcli list --fo") == ["values", "--format"]


# -- quoting for bash ------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CATCLI_CATALOG", str(hostile_catalog.write(tmp_path / "hostile.toml")))
    return tmp_path


@pytest.mark.parametrize("name", hostile_catalog.SERVICES)
@pytest.mark.parametrize("opening", ["", "'", '"'])
def test_bash_values_read_back_as_the_literal_name(hostile: Path, name: str, opening: str) -> None:
    """What bash inserts, closed as readline closes it, is the name itself to a POSIX shell."""
    line = f"catcli show {opening}{name[:3]}"
    reply = bash(line)
    assert reply[0] == "values" and len(reply) == 2
    typed = f"{opening}{reply[1]}{opening}"  # readline closes the quote it completed in
    assert _bash_reads(typed) == [name] and not list(hostile.glob("PWNED*"))


def _bash_reads(*typed: str) -> list[str]:
    """The words bash makes of TYPED, each a word as it would stand on a command line."""
    done = subprocess.run(
        ["bash", "--norc", "-c", f"printf '%s\\0' {' '.join(typed)}"], capture_output=True, timeout=30
    )
    return done.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]


def test_a_name_holding_a_line_break_or_a_control_character_is_never_offered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import catcli.completion

    monkeypatch.setattr(
        catcli.completion,
        "_values",
        lambda kind, catalog: ["New\nline", "New\x1b[2J", "New\u202eYork", "Newport"],
    )
    assert bash("catcli list --region New") == ["values", "Newport"]
    assert words("zsh", "list", "--region", "New") == ["values", "Newport"]
    monkeypatch.undo()
    # Whether or not the catalog checker lets such a name in, it never reaches the line.
    broken = str(hostile_catalog.write(tmp_path / "broken.toml", broken=True))
    assert words("zsh", "list", "--catalog", broken, "--region", "New") == ["values"]


def test_hostile_regions_are_offered_as_text(hostile: Path) -> None:
    assert bash("catcli list --region Ja") == [
        "values",
        "Ja\\$\\(touch\\ PWNED-5\\)pan",
        "Ja\\$\\(touch\\ PWNED-5\\)pan\\ land",
    ]


@settings(max_examples=200, deadline=None)
@given(value=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=20))
def test_bash_quoting_reads_back_as_the_value_in_every_quote(value: str) -> None:
    """The quoting is checked by bash itself, and by the line reader catcli completes with."""
    from catcli.completion import _bash

    typed = [f"{opening}{_bash(value, Word('', opening, 0))}{opening}" for opening in ("", "'", '"')]
    assert _bash_reads(*typed) == [value] * 3
    assert [split(t)[-1].value for t in typed] == [value] * 3


# -- files are left to the shell ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "catcli validate ",
        "catcli diff a.toml ",
        "catcli import ",
        "catcli import doc.md --output ",
        "catcli import doc.md --base ",
        "catcli list --catalog ",
        "catcli list --catalog=cat",
    ],
)
def test_file_arguments_are_completed_by_the_shell(line: str) -> None:
    assert bash(line) == ["files"]
    *args, last = shlex.split(line + ("''" if line.endswith(" ") else ""))
    assert words("zsh", *args[1:], last) == ["files"]


def _value_parameters() -> Iterator[tuple[click.Context, click.Parameter]]:
    root = click.Context(ROOT, info_name="catcli", resilient_parsing=True)
    assert isinstance(ROOT, TyperGroup)
    for name in app.commands():
        command = ROOT.get_command(root, name)
        assert command is not None
        context = command.make_context(name, [], parent=root, resilient_parsing=True)
        for parameter in command.params:
            if not getattr(parameter, "is_flag", False):
                yield context, parameter


# Values no list can hold: free words to search for, and a date.
FREE = {"terms", "edition"}


@pytest.mark.parametrize(
    ("context", "parameter"),
    list(_value_parameters()),
    ids=lambda p: p.name if isinstance(p, click.Parameter) else p.info_name,
)
def test_every_value_a_command_takes_completes(context: click.Context, parameter: click.Parameter) -> None:
    """Derived from the app: a new option that takes a value must say how it completes."""
    offered = parameter.shell_complete(context, "")
    assert bool(offered) is (parameter.name not in FREE), (context.info_name, parameter.name)


def test_shell_names_are_taken_in_any_case(invoke: Invoke) -> None:
    assert invoke("completion", "Bash").stdout == invoke("completion", "bash").stdout
    assert "compdef" in invoke("completion", "ZSH").stdout
    wrong = invoke("completion", "tcsh")
    assert (
        wrong.exit_code == 2 and "unknown shell 'tcsh'" in wrong.stderr and "bash, zsh, fish" in wrong.stderr
    )


# -- a request that makes no sense gets nothing ---------------------------------------


def _catcli() -> str:
    return str(Path(sys.executable).with_name("catcli"))


@pytest.mark.parametrize(
    "environ",
    [
        {"_CATCLI_COMPLETE": "complete_bash", "COMP_WORDS": "catcli list", "COMP_CWORD": ""},
        {"_CATCLI_COMPLETE": "complete_bash", "COMP_CWORD": "1"},
        {"_CATCLI_COMPLETE": "complete_bash", "COMP_LINE": "catcli list --reg", "COMP_POINT": "x"},
        {"_CATCLI_COMPLETE": "complete_bash", "COMP_LINE": "catcli list --reg", "COMP_POINT": "-4"},
        {"_CATCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "catcli list"},
        {"_CATCLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "is-args"},
        {"_CATCLI_COMPLETE": "complete_tcsh"},
        {"_CATCLI_COMPLETE": ""},
    ],
)
def test_broken_completion_variables_exit_0_with_nothing(tmp_path: Path, environ: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMP_")}
    done = subprocess.run([_catcli()], env={**env, **environ}, cwd=tmp_path, capture_output=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_a_real_request_answers_through_the_installed_script(tmp_path: Path) -> None:
    line = "catcli list --region Hon"
    environ = {"_CATCLI_COMPLETE": "complete_bash", "COMP_LINE": line, "COMP_POINT": str(len(line))}
    done = subprocess.run(
        [_catcli()], env={**os.environ, **environ}, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "values\nHong\\ Kong\n", "")


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    mode=st.sampled_from(["complete_bash", "complete_zsh", "complete_fish", "bash", "zsh", "fish", "", "x"]),
    environ=st.dictionaries(
        st.sampled_from(["COMP_LINE", "COMP_POINT", "COMP_WORDBREAKS", "COMP_WORDS"]), TEXT
    ),
    argv=st.lists(TEXT, max_size=6),
)
def test_any_completion_variables_give_an_answer_or_nothing(
    mode: str, environ: dict[str, str], argv: list[str]
) -> None:
    reply = respond(ROOT, mode, environ, argv).splitlines()
    assert reply[:1] in ([], ["values"], ["files"])
    assert all(value and value.isprintable() for value in reply[1:])


@settings(max_examples=200, deadline=None)
@given(line=st.sampled_from(["catcli list --region ", "catcli show ", "catcli "]), point=TEXT)
def test_any_cursor_position_gives_an_answer_or_nothing(line: str, point: str) -> None:
    environ = {"COMP_LINE": line, "COMP_POINT": point}
    assert respond(ROOT, "complete_bash", environ, []).splitlines()[:1] in ([], ["values"], ["files"])


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_parses_and_hands_nothing_to_eval(invoke: Invoke, shell: str, tmp_path: Path) -> None:
    script = tmp_path / f"catcli.{shell}"
    script.write_text(invoke("completion", shell).stdout, encoding="utf-8")
    assert re.search(r"\beval\b", script.read_text(encoding="utf-8")) is None
    if shutil.which(shell):
        checked = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
