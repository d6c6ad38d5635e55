"""A catalog's problems, placed: the collector, and the readers of TOML values that report to it.

The builder (catcli.schema) and the service rows' checks (catcli.rows) both
read values through these, so a missing key, a wrong type or an empty string
is reported the same way, at the same place, wherever it occurs.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from catcli.text import UNSAFE

# What an unrepaired copy from the Partner Center page leaves behind (compiled on first use).
_RESIDUE = r"(?i:<br\s*/?>)|<!--|-->|â€|Ã[\x80-\xbf]|ðŸ"  # only the tag ignores case
# Substrings that every residue match contains: `in` scans a large catalog
# ~20x faster than the regex, which then runs only on a hit.
RESIDUE_MARKERS = ("<", "-->", "â€", "Ã", "ðŸ")
# The most a text value (a definition, a name) may hold: the longest today is 469
# characters on 2 lines. Far more is a mistake, and drawing it would be slow.
MAX_CHARACTERS = 5_000
MAX_LINES = 50
_ENTRY_HEADER = r"\s*\[\[?\s*(\w+)\s*\]\]?\s*(?:#.*)?$"  # [[services]] or [catalog]


class Problem(NamedTuple):
    """One thing wrong with a catalog, with its place.

    entry names the catalog entry ('services[12]', 'regions[3].countries[0]',
    'types'), or is empty for TOML syntax errors, which have only a position.
    """

    entry: str
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def place(self) -> str:
        position = f"line {self.line}" if self.line else ""
        if position and self.column:
            position += f", column {self.column}"
        if not self.entry:
            return position or "catalog"
        return f"{self.entry} ({position})" if position else self.entry

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class Checker:
    """Collects problems; finds line numbers only once there is a problem to place."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []
        self._lines: dict[str, list[int]] | None = None

    def add(self, entry: str, message: str) -> None:
        self.problems.append(Problem(entry, message, self._line_of(entry)))

    def _line_of(self, entry: str) -> int | None:
        """The line of the header an entry ('regions[3].countries[0]', 'catalog') is under."""
        head, _, index = entry.partition(".")[0].partition("[")
        if not index:  # a single table: [catalog]
            return self.entry_line(head, 0)
        if not index.endswith("]") or not index[:-1].isdigit():
            return None
        return self.entry_line(head, int(index[:-1]))

    def entry_line(self, section: str, index: int) -> int | None:
        """Line of the index-th ``[[section]]`` header, found only when needed."""
        if self._lines is None:
            self._lines = {}
            header_of = re.compile(_ENTRY_HEADER).match
            for number, text in enumerate(self.text.split("\n"), start=1):
                header = header_of(text)
                if header:
                    self._lines.setdefault(header.group(1), []).append(number)
        lines = self._lines.get(section, [])
        return lines[index] if index < len(lines) else None


def entry_name(section: str, index: int, within: str = "") -> str:
    """'services[12]', or 'regions[3].countries[0]' for an entry within another.

    A problem's line is found from this name only once there is a problem to
    place; a nested entry (written inline) takes the line of the one it is within.
    """
    return f"{within}.{section}[{index}]" if within else f"{section}[{index}]"


def tables(value: Any, name: str, checker: Checker) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if value is None:
        checker.add(name, f"missing: the catalog needs at least one [[{name}]] entry")
        return
    if not isinstance(value, list) or not value:
        checker.add(name, f"must be a non-empty array of tables ([[{name}]])")
        return
    for index, item in enumerate(value):
        if isinstance(item, dict):
            yield index, item
        else:
            checker.add(f"{name}[{index}]", "must be a table")


def string(table: Mapping[str, Any], name: str, entry: str, checker: Checker) -> str:
    value = table.get(name)
    if value is None:
        checker.add(entry, f"missing key {name!r}")
        return ""
    if not isinstance(value, str):
        checker.add(entry, f"{name!r} must be a string, not {toml_type(value)}")
        return ""
    if not value.strip():
        checker.add(entry, f"{name!r} is empty")
    return value


def strings(
    table: Mapping[str, Any], name: str, entry: str, checker: Checker, *, required: bool
) -> tuple[str, ...]:
    value = table.get(name)
    if value is None:
        if required:
            checker.add(entry, f"missing key {name!r}")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        checker.add(entry, f"{name!r} must be an array of non-empty strings")
        return ()
    if required and not value:
        checker.add(entry, f"{name!r} is empty")
    return tuple(value)


def unknown_keys(table: Mapping[str, Any], allowed: Iterable[str], entry: str, checker: Checker) -> None:
    allowed = tuple(allowed)
    for name in table:
        if name not in allowed:
            checker.add(entry, f"unknown key {name!r} (expected {', '.join(allowed)})")


def toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def oversized(value: str) -> bool:
    """More than a text value may hold: what a person reads must also be drawn in a blink."""
    return len(value) > MAX_CHARACTERS or value.count("\n") >= MAX_LINES


def size_problems(name: str, value: str) -> Iterator[str]:
    """More characters or lines than a text value may hold."""
    if len(value) > MAX_CHARACTERS:
        yield f"{name} holds {len(value):,} characters; at most {MAX_CHARACTERS:,}"
    if value.count("\n") >= MAX_LINES:
        yield f"{name} holds {value.count(chr(10)) + 1:,} lines; at most {MAX_LINES}"


def text_problems(name: str, value: str) -> Iterator[str]:
    """What is wrong with one text field: its size, page residue, invisible characters."""
    yield from size_problems(name, value)
    residue = re.search(_RESIDUE, value)
    if residue:
        yield f"{name} holds markup or mojibake residue {residue.group()!r}"
    hidden = re.search(UNSAFE, value)
    if hidden:
        yield f"{name} holds an invisible or control character U+{ord(hidden.group()):04X}"


def name_problems(name: str, value: str) -> Iterator[str]:
    """What is wrong with a name (of a type, a region, a country, the source): what is wrong
    with text, and a line break, since a name is one line wherever it is shown."""
    yield from text_problems(name, value)
    if "\n" in value:
        yield f"{name} holds a line break (a name is one line)"
