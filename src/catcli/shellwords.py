"""The words of a command line as the shell will pass them, read without running anything.

Completion is handed the line being typed (bash) or its words (zsh, fish),
and the word under the cursor may stop inside an open quote. This reads the
shells' quoting ('…', "…" and backslashes, in POSIX or fish rules) and
nothing else: no variable, command or glob expansion, so text is never
evaluated, only read.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Word(NamedTuple):
    """A word as the program receives it, and how its end is quoted on the line.

    QUOTE is the quote still open where the line stops ('' when none); START
    is how much of VALUE comes before the last unquoted word-break character
    (readline replaces only what follows it).
    """

    value: str
    quote: str = ""
    start: int = 0


def _tokens(fish: bool) -> re.Pattern[str]:
    """Blanks, a quoted stretch (open or closed), a backslash and what it escapes, or one character."""
    single = r"(?:[^'\\]|\\.)*\\?" if fish else r"[^']*"  # fish reads \' and \\ inside '…'
    return re.compile(
        rf"""(?P<space>[ \t\n]+)|'(?P<single>{single})(?P<sq>'?)"""
        r'|"(?P<double>(?:[^"\\]|\\.)*\\?)(?P<dq>"?)|\\(?P<escaped>.?)|(?P<plain>.)',
        re.S,
    )


_TOKENS = {False: _tokens(False), True: _tokens(True)}
_IN_DOUBLE = {False: re.compile(r'\\([$`"\\\n])'), True: re.compile(r'\\([$"\\\n])')}
_IN_SINGLE = re.compile(r"\\(['\\])")  # fish only


def split(line: str, breaks: str = "", fish: bool = False) -> list[Word]:
    """The words of LINE; the last is the one being typed ('' after a blank)."""
    words: list[Word] = []
    value, quote, start, started = "", "", 0, False
    for token in _TOKENS[fish].finditer(line):
        kind = token.lastgroup
        if kind == "space":
            if started:
                words.append(Word(value, "", start))
            value, quote, start, started = "", "", 0, False
            continue
        started = True
        if kind in ("sq", "dq") and not token[kind]:  # a quote left open: readline completes inside it
            start, quote = len(value), "'" if kind == "sq" else '"'
        if kind == "sq":
            value += _IN_SINGLE.sub(r"\1", token["single"]) if fish else token["single"]
        elif kind == "dq":
            value += _IN_DOUBLE[fish].sub(lambda m: m[1].strip("\n"), token["double"])
        elif kind == "escaped":
            value += token["escaped"].strip("\n")  # a backslash before a line break joins the lines
        else:
            value += token["plain"]
            start = len(value) if token["plain"] in breaks else start
    words.append(Word(value, quote, start))
    return words
