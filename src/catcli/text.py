"""Text helpers shared by resolution, matching, search and rendering."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+")
# C0/C1 controls (but not newline), DEL, and bidi overrides: anything that can
# move the cursor, recolour the terminal or reorder what a reader sees.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def fold(value: str) -> str:
    """Lower-case and strip accents, so 'México' and 'mexico' compare equal."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def key(value: str) -> str:
    """A lookup key that also ignores spaces and punctuation ('&' reads 'and')."""
    return _NON_ALNUM.sub("", fold(value).replace("&", "and"))


def words(value: str) -> list[str]:
    """Folded words, for prefix search."""
    return raw_words(fold(value))


def raw_words(value: str) -> list[str]:
    """Words as written, split where ``words`` splits (to find them again in the text)."""
    return [w for w in _NON_ALNUM.split(value) if w]


def printable(value: str) -> str:
    """Show control characters as visible escapes instead of sending them to a terminal."""
    if not UNSAFE.search(value):
        return value
    return UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", value
    )
