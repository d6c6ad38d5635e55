"""The cell work both readers share (catcli.pagetable): references, mojibake, the catalog checked."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from catcli import webpage
from catcli.api import load
from catcli.errors import CatalogError
from catcli.pagetable import (
    HTML_REFERENCE,
    INVISIBLE,
    MARKDOWN_REFERENCE,
    WHITE_SPACE,
    clean_lines,
    repair_mojibake,
    unescape,
)
from tests.conftest import CATALOG

BASE = load(CATALOG)


@pytest.mark.parametrize(
    ("text", "repaired"),
    [("sellersâ€™", "sellers’"), ("ÃÃ stays", "ÃÃ stays"), ("café", "café")],  # not UTF-8 read as 1252: kept
)
def test_only_what_decodes_is_repaired(text: str, repaired: str) -> None:
    assert repair_mojibake(text) == repaired


def test_lines_are_collapsed_and_empty_ones_dropped() -> None:
    assert clean_lines(["  a \u00a0 b ", "", " \t ", "c"]) == ["a b", "c"]


def test_a_catalog_the_checker_refuses_is_never_written() -> None:
    """A page may hold text the catalog may not (here '<!--' as text): the import fails, naming the page."""
    row = (
        "<tr><td>Japan<td>Japan<td>Outsourced Operation<td>Paid Media"
        "<td>All &lt;!-- hidden --&gt; formats</tr>"
    )
    page = f"<!doctype html><h2>TSP</h2><table>{row}</table>"
    with pytest.raises(CatalogError, match=r"page.html: the imported catalog would not be valid: .*residue"):
        webpage.import_page(page.encode(), "page.html", BASE, "2026-11-24", "2026-11-24")


# -- character references: read as the page's format reads them, or refused -------


def _read(text: str, markdown: bool = False) -> str:
    return unescape(text, "p:4", "a table cell", MARKDOWN_REFERENCE if markdown else HTML_REFERENCE)


@pytest.mark.parametrize(
    ("written", "page", "markdown"),
    [
        ("China & Hong Kong", "China & Hong Kong", "China & Hong Kong"),  # the bundled catalog's '&'
        ("R&amp;D &lt;br&gt;", "R&D <br>", "R&D <br>"),
        ("&#8217;&#x2019;&#X2019;&rsquo;&#0000065;", "’’’’A", "’’’’A"),
        ("a&nbsp;b", "a\u00a0b", "a\u00a0b"),
        ("a&#10;b&#9;c&#13;d&NewLine;e", "a b c d e", "a b c d e"),  # white space is a space
        ("&amp &copy", "& ©", "&amp &copy"),  # HTML's legacy names need no ';'; GitHub's Markdown's do
        ("&notify; &#x41", "¬ify; A", "&notify; &#x41"),  # nor does HTML read a name's prefix
        ("&#00000065;", "A", "&#00000065;"),  # CommonMark: at most 7 digits
    ],
)
def test_references_are_read_as_each_format_reads_them(written: str, page: str, markdown: str) -> None:
    assert (_read(written), _read(written, markdown=True)) == (page, markdown)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Paid &#27;[31mMedia", r"p:4: control or invisible character U\+001B in a table cell"),
        ("&#0;", r"p:4: control or invisible character U\+0000 in a table cell"),
        ("&#x7F; &#11;", r"U\+007F"),
        ("&#129;", r"U\+0081"),  # a C1 control Windows-1252 leaves undefined: a control to HTML too
        ("&#8203;", r"U\+200B"),
        ("&shy;", r"U\+00AD"),
        ("&ZeroWidthSpace;", r"U\+200B"),
        (
            "&#xD800;",
            r"p:4: character reference '&#xD800;' in a table cell stands for no character \(U\+D800 is a",
        ),
        ("&#1114112;", r"stands for no character \(past U\+10FFFF, the last code point\)"),
        ("&#xFFFF;", r"stands for no character \(U\+FFFF is a noncharacter\)"),
        ("&#xFDD0;", r"U\+FDD0 is a noncharacter"),
    ],
)
def test_a_reference_to_a_hidden_character_or_to_none_is_refused(written: str, message: str) -> None:
    for markdown in (False, True):
        with pytest.raises(CatalogError, match=message) as refused:
            _read(written, markdown)
        assert refused.value.hint is not None and "delete" in refused.value.hint


def test_a_reference_to_a_c1_control_is_windows_1252_on_the_page_and_refused_in_markdown() -> None:
    """HTML reads '&#150;' as the en dash Windows-1252 puts at 0x96, as a browser shows it;
    CommonMark (GitHub) reads U+0096, a control."""
    assert _read("9&#150;5 &#x93;x&#x94;") == "9–5 “x”"
    with pytest.raises(CatalogError, match=r"U\+0096"):
        _read("9&#150;5", markdown=True)


def test_a_reference_of_5000_digits_is_no_character_not_a_crash() -> None:
    """html.unescape raises ValueError on it (int() reads at most 4,300 digits): a traceback from import."""
    huge = "&#" + "1" * 5000 + ";"
    with pytest.raises(CatalogError, match=r"'&#1111.*…' in a table cell stands for no character \(past"):
        _read(huge)
    assert _read(huge, markdown=True) == huge  # more than 7 digits: text, to CommonMark


REFERENCES = st.one_of(
    st.integers(0, 0x110001).map(lambda code: f"&#{code};"),
    st.tuples(st.integers(0, 0x110001), st.sampled_from(["", ";"])).map(lambda c: f"&#x{c[0]:X}{c[1]}"),
    st.sampled_from(
        ["&amp;", "&amp", "&lt;", "&nbsp;", "&shy;", "&notify;", "&copy", "&Tab;", "&bogus;", "&#;"]
    ),
    st.text(alphabet="ab &#;xX0123456789", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(REFERENCES, max_size=8).map("".join))
def test_the_page_reads_references_as_html_unescape_does_or_refuses_them(text: str) -> None:
    """Where html.unescape keeps a reference's character, the same; where it drops or alters it, an error."""
    try:
        read = _read(text)
    except CatalogError as exc:
        assert exc.message.startswith("p:4: ")
    else:
        assert read == html.unescape(text).translate(WHITE_SPACE)
        for reference in HTML_REFERENCE.finditer(text):  # and each number read as its own code point
            decimal, hexadecimal = reference.group(1, 2)
            if decimal is not None or hexadecimal is not None:
                code = int(decimal or hexadecimal, 10 if decimal is not None else 16)
                own = bytes([code]).decode("cp1252") if 0x80 <= code <= 0x9F else chr(code)  # HTML's rule
                assert html.unescape(reference.group()) == own


COMMONMARK = MarkdownIt("commonmark")  # a CommonMark parser (markdown-it-py), as GitHub reads references


def _commonmark(text: str) -> str:
    return "".join(token.content for token in COMMONMARK.parseInline(text)[0].children or ())


@settings(max_examples=300, deadline=None)
@given(st.lists(REFERENCES, max_size=8).map("".join))
def test_the_markdown_reads_references_as_commonmark_does_or_refuses_them(text: str) -> None:
    """CommonMark makes a reference to no character or a control U+FFFD: those and hidden ones are errors."""
    theirs = _commonmark(text)
    try:
        read = _read(text, markdown=True)
    except CatalogError as exc:
        assert exc.message.startswith("p:4: ")
        assert "\ufffd" in theirs or INVISIBLE.search(theirs.translate(WHITE_SPACE)), theirs
    else:
        assert read.split() == theirs.split()
