"""Reading a command line as the shell will split it, for completion: quotes, backslashes, an open
quote at the cursor, readline's word breaks; and never anything evaluated."""

from __future__ import annotations

import shlex
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.shellwords import Word, split

BREAKS = " \t\n\"'><=;|&(:"  # bash's COMP_WORDBREAKS


@pytest.mark.parametrize(
    ("line", "last"),
    [
        ("catcli list --region United\\ S", Word("United S")),
        ('catcli show "Paid M', Word("Paid M", '"')),
        ("catcli show 'Paid M", Word("Paid M", "'")),
        ("catcli list ", Word("")),
        ("catcli show ''", Word("")),
        ("catcli list --fields=a,b", Word("--fields=a,b", "", len("--fields="))),
        ('catcli list --region="Hong K', Word("--region=Hong K", '"', len("--region="))),
        ("catcli show China\\ \\&\\ H", Word("China & H")),
        (
            'catcli show "a\\$b\\`c\\"d\\\\e\\x"',
            Word('a$b`c"d\\e\\x'),
        ),  # in "…" a backslash escapes only $ ` " \
        ("catcli show 'a\\b'", Word("a\\b")),  # in '…' nothing is escaped
        ("catcli show a\\\nb", Word("ab")),  # a backslash before a line break joins the lines
        ("catcli show $(touch", Word("$(touch", "", 2)),  # read, never run; '(' is a word break
        ("catcli show trailing\\", Word("trailing")),
    ],
)
def test_the_word_being_typed(line: str, last: Word) -> None:
    assert split(line, BREAKS)[-1] == last


def test_every_word_before_it() -> None:
    assert [w.value for w in split("catcli check 'Paid Media' -t tsp -r Japan\\ ")] == [
        "catcli",
        "check",
        "Paid Media",
        "-t",
        "tsp",
        "-r",
        "Japan ",
    ]


def test_fish_reads_escapes_inside_single_quotes() -> None:
    assert split("'it\\'s' 'a\\\\b' 'c\\d' \"e\\`f\"", fish=True) == [
        Word("it's"),
        Word("a\\b"),
        Word("c\\d"),
        Word("e\\`f"),  # fish has no backticks: the backslash stays
    ]
    assert split("'Paid M", fish=True) == [Word("Paid M", "'")]


WORDS = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12), max_size=5)


@settings(max_examples=300, deadline=None)
@given(words=WORDS)
def test_quoted_words_read_back_as_themselves(words: list[str]) -> None:
    line = " ".join(shlex.quote(w) for w in ["catcli", *words])
    assert [w.value for w in split(line)] == ["catcli", *words]


@settings(max_examples=300, deadline=None)
@given(words=WORDS, cut=st.integers(min_value=0))
def test_a_line_cut_anywhere_reads_as_a_prefix_of_what_it_becomes(words: list[str], cut: int) -> None:
    """Wherever the cursor stops, in a quote or not, the word being typed begins the word it will be."""
    whole = [shlex.quote(w) for w in ["catcli", *words]]
    line = " ".join(whole)
    read = split(line[: cut % (len(line) + 1)])
    done = [w.value for w in split(line)]
    assert all(w.value == done[i] for i, w in enumerate(read[:-1]))
    assert done[len(read) - 1].startswith(read[-1].value) if len(read) <= len(done) else read[-1].value == ""


@pytest.mark.parametrize("line", ["a\\ b 'c d' \"e \\\"f\\\" g\" h\\\\i \"$j\" 'k''l'"])
def test_words_agree_with_bash(line: str) -> None:
    done = subprocess.run(
        ["bash", "--norc", "-c", f"j=; printf '%s\\0' {line}"], capture_output=True, text=True
    )
    assert [w.value.replace("$j", "") for w in split(line)] == done.stdout.split("\0")[:-1]
