"""The spelling fold every comparison shares."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from catcli.text import fold, has_unsafe, printable


def _fold_per_character(value: str) -> str:
    """The definition: NFKD, without combining marks, case-folded."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@given(st.text())
def test_fold_is_its_definition(value: str) -> None:
    assert fold(value) == _fold_per_character(value)


def test_fold_strips_accents_and_case_and_width() -> None:
    assert fold("México") == fold("MEXICO") == fold("ＭＥＸＩＣＯ") == "mexico"
    assert fold("Việt Nam") == "viet nam" and fold("Straße") == "strasse"


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1), as
# published: characters a renderer shows as nothing.
DEFAULT_IGNORABLE = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
]  # fmt: skip


def test_every_default_ignorable_character_is_unsafe_and_shown_escaped() -> None:
    """'Paid\\u3164Media' looked like 'Paid Media' in a table and was not it (a Hangul filler,
    printable to Python, passed the catalog's checks)."""
    for first, last in DEFAULT_IGNORABLE:
        for code in range(first, last + 1):
            value = f"Paid{chr(code)}Media"
            assert has_unsafe(value), hex(code)
            assert printable(value) == f"Paid{_escaped(code)}Media", hex(code)


def _escaped(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def test_text_sharing_a_hidden_characters_first_bytes_is_safe() -> None:
    """Clean text is screened by the first two UTF-8 bytes of the hidden characters Python counts
    as printable; their neighbours with the same bytes (a Hangul letter beside the Hangul filler,
    halfwidth katakana beside the halfwidth filler, other variation-selector-block marks) are text."""
    hidden = {code for first, last in DEFAULT_IGNORABLE for code in range(first, last + 1)}
    leads = {chr(code).encode()[:2] for code in hidden if chr(code).isprintable()}
    neighbours = [
        chr(code)
        for code in range(0x80, 0x110000)
        if code not in hidden and chr(code).isprintable() and chr(code).encode()[:2] in leads
    ]
    assert len(neighbours) > 100, "the screen's leads are shared by ordinary characters"
    for char in neighbours:
        assert not has_unsafe(f"Paid {char} Media"), hex(ord(char))
        assert not has_unsafe(f"Paid’\n{char}"), hex(ord(char))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))))
def test_ordinary_text_is_safe_unless_it_holds_a_default_ignorable(value: str) -> None:
    ignorable = any(first <= ord(c) <= last for c in value for first, last in DEFAULT_IGNORABLE)
    assert has_unsafe(value) == ignorable
