"""Shell completion: catcli's own scripts for bash, zsh and fish, and the answers they ask for.

A script hands catcli the words being typed (bash: the line itself, read
here by catcli.shellwords; zsh and fish: the words, unquoted by the shell)
and gets back a first line saying what to complete (``values`` or
``files``), then one value a line. zsh's compadd and fish quote values
themselves; bash inserts what it is given, so for bash each value comes
back quoted for the spot the cursor is in: after a backslash-quoted prefix,
or inside an open single or double quote. No value is ever handed to
``eval``, so a catalog name such as ``Paid $(touch x) Media`` is inserted as
those characters and never run. This module loads only when a shell asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from typer import _click as click
from typer._click.shell_completion import CompletionItem, _resolve_context, _resolve_incomplete

from catcli.errors import CatcliError, UnknownValue
from catcli.loading import load
from catcli.query import names
from catcli.resolve import suggest
from catcli.shellwords import Word, split
from catcli.text import fold, has_unsafe

SHELLS = ("bash", "zsh", "fish")
FILES = "file"  # the kind of a value that names a file: the shell completes it itself


def script(shell: str) -> str:
    """The completion script for SHELL (any case), to be sourced or saved where the shell looks."""
    name = shell.lower()
    if name not in SHELLS:
        raise UnknownValue("shell", shell, suggest(name, SHELLS), choices=SHELLS)
    return (Path(__file__).with_name("shells") / f"completion.{name}").read_text(encoding="utf-8")


def offer(
    kind: str, incomplete: str, catalog: str | None = None, columns: Sequence[str] = ()
) -> list[CompletionItem]:
    """The values of KIND that begin with what was typed (case and accents ignored).

    A file name is left to the shell: one item of type 'file', as click's
    Path does. --fields is a comma list: the next field after those given.
    """
    if kind == FILES:
        return [CompletionItem(incomplete, type=FILES)]
    head, _, typed = incomplete.rpartition(",") if kind == "fields" else ("", "", incomplete)
    given = set(head.split(",")) if head else set()
    pool = [f for f in columns if f not in given] if kind == "fields" else _values(kind, catalog)
    wanted = fold(typed)
    return [
        CompletionItem(head + ("," if head else "") + value)
        for value in dict.fromkeys(pool)
        if fold(value).startswith(wanted)
    ]


def _values(kind: str, catalog: str | None) -> list[str]:
    """Every value worth offering for KIND, from the catalog the command line would read."""
    if kind == "shell":
        return list(SHELLS)
    try:
        data = load(catalog)
    except CatcliError:
        return []
    if kind == "type":
        found = [label for t in data.types for label in t.labels()]
    elif kind == "name":
        found = names(data.services)
    else:  # a region or a market
        found = [label for r in data.regions for label in r.labels()]
    first: dict[str, str] = {}  # one spelling of each: 'mcn/cap' is the name 'MCN/CAP' again
    for label in found:
        first.setdefault(fold(label), label)
    return list(first.values())


def respond(command: click.Command, mode: str, environ: Mapping[str, str], argv: Sequence[str]) -> str:
    """What catcli prints for a shell asking for completions: nothing when the request makes no sense."""
    asked = _request(mode, environ, argv)
    if asked is None:
        return ""
    shell, args, word = asked
    context = _resolve_context(command, {}, "catcli", list(args))  # parses leniently: never raises
    target, value = _resolve_incomplete(context, list(args), word.value)
    items = target.shell_complete(context, value)
    if any(item.type == FILES for item in items):
        return "files\n"
    head = word.value[: len(word.value) - len(value)]  # '--region=' of '--region=Uni'
    found = [head + item.value for item in items if _offerable(head + item.value)]
    if shell == "bash":
        found = [_bash(v, word) for v in found if fold(v[: word.start]) == fold(word.value[: word.start])]
    return "values\n" + "".join(f"{v}\n" for v in found if v)


def _request(
    mode: str, environ: Mapping[str, str], argv: Sequence[str]
) -> tuple[str, list[str], Word] | None:
    """The shell, the words before the cursor and the word being typed; None for a request that
    makes no sense (no line, a cursor that is not a number): a shell then offers nothing."""
    shell = mode.removeprefix("complete_")
    if shell == "bash":
        line, point = environ.get("COMP_LINE"), environ.get("COMP_POINT", "")
        if line is None:
            return None
        try:
            cursor = int(point) if point else len(line)
        except ValueError:
            return None
        if cursor < 0:
            return None
        words = split(line[:cursor], environ.get("COMP_WORDBREAKS", ""))
        return (shell, [w.value for w in words[1:-1]], words[-1]) if len(words) > 1 else None
    if shell in ("zsh", "fish") and argv:
        # zsh unquotes the word being typed itself; fish hands it over as typed
        word = split(argv[-1], fish=True)[-1] if shell == "fish" else Word(argv[-1])
        return shell, list(argv[:-1]), word
    return None


def _offerable(value: str) -> bool:
    """One line a shell can insert and a terminal can show: no control or invisible character."""
    return bool(value) and "\n" not in value and not has_unsafe(value) and value.isprintable()


_BASH_PLAIN = re.compile(r"[\w./,+@%-]")
_BASH_IN_DOUBLE = {"\\": "\\\\", '"': '\\"', "$": "\\$", "`": "\\`", "!": '"\\!"'}
_QUOTERS: dict[str, Callable[[str], str]] = {
    "": lambda value: "".join(c if _BASH_PLAIN.fullmatch(c) else "\\" + c for c in value),
    "'": lambda value: value.replace("'", "'\\''"),
    '"': lambda value: "".join(_BASH_IN_DOUBLE.get(c, c) for c in value),
}


def _bash(value: str, word: Word) -> str:
    """VALUE as bash must insert it in place of what readline completes: the part after the
    last word break, quoted for the quote open there ('!' leaves double quotes: history)."""
    return _QUOTERS[word.quote](value[word.start :])
