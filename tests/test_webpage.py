"""Importing the Partner Center page as a browser saves it: the same catalog as the Markdown, noise or not."""

from __future__ import annotations

import codecs
import contextlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catcli import files, webpage
from catcli.api import load
from catcli.errors import CatalogError
from catcli.model import Service
from tests.conftest import CATALOG, SOURCE, Invoke
from tests.source_page import EVERYTHING, NOISES, TITLE, Noise, noise, page

BASE = load(CATALOG)
MARKDOWN = SOURCE.read_text(encoding="utf-8")
PAGE = page(MARKDOWN)
SEED = {"SOURCE_DATE_EPOCH": "1795478400"}  # 2026-11-24, the day the seed edition was imported
SOURCE_LINE = 'source = "TikTok Shop Partner Center: Service categories"\n'


def _write(tmp_path: Path, text: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def _imported(invoke: Invoke, path: Path, *args: str) -> str:
    result = invoke("import", str(path), "--edition", "2026-11-24", "--output", "-", *args, env=SEED)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _services(text: str) -> tuple[Service, ...]:
    return webpage.to_catalog(text, BASE, "page.html")[0].services


def _error(text: str, match: str) -> None:
    with pytest.raises(CatalogError, match=match):
        webpage.to_catalog(text, BASE, "page.html")


# -- the equivalence: the page imports to the Markdown's catalog, byte for byte --


def test_the_page_imports_to_the_markdowns_catalog_but_for_the_source_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    from_markdown = _imported(invoke, SOURCE)
    from_page = _imported(invoke, _write(tmp_path, PAGE))
    assert from_markdown == CATALOG.read_text(encoding="utf-8")
    assert from_page.replace(f'source = "{TITLE}"\n', SOURCE_LINE) == from_markdown
    assert f'source = "{TITLE}"\n' in from_page  # the page names itself
    assert "rowspan=" in PAGE and "<!--" not in PAGE  # spans as attributes, covered cells absent


@pytest.mark.parametrize("kind", [*NOISES, "everything"])
def test_every_kind_of_noise_imports_to_the_same_catalog(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    noisy = page(MARKDOWN, EVERYTHING if kind == "everything" else noise(kind))
    assert noisy != PAGE  # the noise is there
    assert _imported(invoke, _write(tmp_path, noisy)) == _imported(
        invoke, _write(tmp_path, PAGE, "plain.html")
    )


def test_the_noise_is_what_it_says() -> None:
    assert 'colspan="2"' in page(MARKDOWN, noise("colspans"))
    assert "</td>" not in page(MARKDOWN, noise("unclosed"))
    assert "<tbody>" in page(MARKDOWN, noise("groups"))
    assert "&nbsp;" in page(MARKDOWN, noise("entities"))
    assert "<caption>" in page(MARKDOWN, noise("captions")) and "<h2" not in page(MARKDOWN, noise("captions"))


def test_a_page_is_told_by_its_content_not_its_name(invoke: Invoke, tmp_path: Path) -> None:
    assert _imported(invoke, _write(tmp_path, PAGE, "saved.md")) == _imported(invoke, _write(tmp_path, PAGE))
    commented = "\ufeff  <!-- saved by hand -->\n" + PAGE
    assert _services(commented) == BASE.services
    forced = invoke("import", str(_write(tmp_path, PAGE)), "--from", "markdown", "-o", "-")
    assert forced.exit_code == 3 and "no service table found" in forced.stderr
    unknown = invoke("import", str(_write(tmp_path, PAGE)), "--from", "xml")
    assert unknown.exit_code == 2 and "xml" in unknown.stderr


# -- charsets, byte-order marks and mojibake ------------------------------------


def _declared(charset: str, how: str = "meta") -> str:
    tag = (
        f'<meta charset="{charset}">'
        if how == "meta"
        else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    return PAGE.replace('<meta charset="utf-8">', tag)


@pytest.mark.parametrize(
    ("charset", "how", "codec"),
    [
        ("windows-1252", "meta", "cp1252"),
        ("ISO-8859-1", "http-equiv", "cp1252"),  # read as windows-1252, as browsers do
        ("utf-8", "http-equiv", "utf-8"),
        ("UTF-16", "meta", "utf-8"),  # a declaration in ASCII bytes cannot be UTF-16
    ],
)
def test_a_declared_charset_is_read(tmp_path: Path, charset: str, how: str, codec: str) -> None:
    data = _declared(charset, how).encode(codec)
    text = webpage.decode_page(data, "page.html")
    assert _services(text) == BASE.services


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_a_byte_order_mark_wins(invoke: Invoke, tmp_path: Path, bom: bytes, codec: str) -> None:
    data = bom + _declared("windows-1252").encode(codec)
    assert _imported(invoke, _write(tmp_path, data)) == _imported(
        invoke, _write(tmp_path, PAGE, "plain.html")
    )


def test_utf8_bytes_declared_as_windows_1252_are_repaired(tmp_path: Path) -> None:
    """The mojibake a wrong declaration makes is the mojibake the Markdown reader repairs."""
    right = _declared("windows-1252").replace(
        "â€™", "’"
    )  # the page as served, without the Markdown's mojibake
    text = webpage.decode_page(right.encode("utf-8"), "page.html")
    assert "â€™" in text
    assert _services(text) == BASE.services


def test_bad_bytes_and_unknown_charsets_are_errors_with_their_place() -> None:
    undeclared = PAGE.replace("sellers", "sell\xe9rs", 1).encode("latin-1", "replace")
    with pytest.raises(CatalogError, match=r"page.html:\d+:\d+: not UTF-8 text"):
        webpage.decode_page(undeclared, "page.html")
    with pytest.raises(CatalogError, match=r"page.html:1: unknown charset 'klingon'"):
        webpage.decode_page(_declared("klingon").encode(), "page.html")
    with pytest.raises(CatalogError, match="unknown charset 'base64'"):
        webpage.decode_page(_declared("base64").encode(), "page.html")
    shift_jis = _declared("shift_jis").encode("utf-8") + b"\x81"
    with pytest.raises(CatalogError, match=r"page.html:\d+: not shift_jis text, as the page declares"):
        webpage.decode_page(shift_jis, "page.html")


# -- every row a service or an error naming its line -----------------------------

ROW = (
    "<tr><td>Japan</td><td>Japan</td><td>Outsourced Operation</td><td>Paid Media</td>"
    "<td>All Closed-Loop Shopping Ads formats</td></tr>"
)
HEAD = "<tr><th>Region</th><th>Market</th><th>Main</th><th>Service</th><th>Definition</th></tr>"


def _small(*rows: str, heading: str = "<h2>TSP</h2>") -> str:
    return f"<!doctype html><title>t</title>{heading}\n<table>\n{HEAD}\n" + "\n".join(rows) + "\n</table>"


def test_spans_fill_the_rows_and_columns_they_cover() -> None:
    spanned = (
        '<tr><td rowspan="2">Japan</td><td rowspan="0">Japan</td><td colspan="2">Paid Media</td>'
        "<td>One</td></tr>\n<tr><td>Mass Operation</td><td>Mass Recruiting</td><td>Two</td></tr>"
    )
    services = webpage.to_catalog(_small(spanned), BASE)[0].services
    assert [(s.registration_region, s.main_category, s.service_category, s.definition) for s in services] == [
        ("Japan", "Paid Media", "Paid Media", "One"),
        ("Japan", "Mass Operation", "Mass Recruiting", "Two"),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([ROW.replace("<td>Japan</td>", "<td></td>", 1)], r"page.html:4: empty registration region cell"),
        ([ROW.replace("</tr>", "<td>extra</td></tr>")], r"page.html:4: expected 5 cells, found more"),
        ([ROW.replace("<td>Paid Media</td>", "")], r"page.html:4: expected 5 cells, found 4"),
        (["<tr></tr>"], r"page.html:4: expected 5 cells, found 0"),
        ([ROW, ROW], r"page.html:5: repeats the service on line 4"),
        ([ROW.replace("Japan", "Atlantis", 1)], r"page.html:4: unknown registration region 'Atlantis'"),
        (
            [ROW.replace("Paid Media", "Paid&#8203;Media")],
            r"page.html:4: control or invisible character U\+200B",
        ),
        (
            [ROW.replace("Paid Media", "Paid\u202eMedia")],
            r"page.html:4: control or invisible character U\+202E",
        ),
        (
            [ROW.replace("Paid Media", "Paid\x01Media")],
            r"page.html:4: control or invisible character U\+0001",
        ),
        (
            [ROW.replace("Paid Media", "Paid &#27;[31mMedia")],  # html.unescape dropped it: 'Paid [31mMedia'
            r"page.html:4: control or invisible character U\+001B in a table cell",
        ),
        (
            [ROW.replace("Paid Media", "Paid&#0;Media")],  # html.unescape made it U+FFFD
            r"page.html:4: control or invisible character U\+0000 in a table cell",
        ),
        (
            [ROW.replace("Paid Media", "Paid&#xDC00;Media")],
            r"page.html:4: character reference '&#xDC00;' in a table cell stands for no character",
        ),
        (
            [ROW.replace("<td>Paid Media", "<td><table><tr><td>x</td></tr></table>")],
            r"page.html:4: a table inside",
        ),
    ],
)
def test_a_bad_row_is_an_error_naming_its_line(rows: list[str], message: str) -> None:
    _error(_small(*rows), message)


def test_references_are_read_once_and_only_in_the_pages_text() -> None:
    """'&amp;#27;' is the text '&#27;'; a rowspan may be a reference; in a comment, script, data-x: unread."""
    cell = '<td data-x="&#0;"><!-- &#27; -->A &amp;#27; &lt;b&gt;<script>"&#0;"</script></td>'
    spanned = ROW.replace("<td>Japan</td>", '<td rowspan="&#50;">Japan</td>', 1)
    spanned = spanned.replace("<td>All Closed-Loop Shopping Ads formats</td>", cell)
    second = ROW.replace("<td>Japan</td>", "", 1).replace("Paid Media", "Mass Recruiting")
    services = _services(_small(spanned, second))
    assert services[0].definition == "A &#27; <b>" and services[1].registration_region == "Japan"


def test_a_gap_and_a_header_of_the_wrong_width() -> None:
    gap = '<tr><td rowspan="2">Japan</td><td>Japan</td><td>A</td><td>B</td><td>C</td></tr>\n<tr></tr>'
    _error(
        _small(gap.replace("<tr></tr>", '<tr><td colspan="3">x</td></tr>')),
        r"page.html:5: expected 5 cells, found 4",
    )
    _error(
        _small(ROW).replace("<th>Definition</th>", ""), r"page.html:3: a service table needs 5 columns, not 4"
    )
    _error(
        _small('<tr><td rowspan="2">Japan</td></tr>\n<tr><td>Japan</td><td colspan="4">x</td></tr>'),
        r"page.html:4: expected 5 cells, found 1",
    )
    covered = (
        '<tr><td>Japan</td><td>Japan</td><td>A</td><td rowspan="2">B</td><td>C</td></tr>\n<tr><td>x</td></tr>'
    )
    _error(_small(covered), r"page.html:5: no target markets cell \(a gap in the row\)")


@pytest.mark.parametrize(
    ("heading", "message"),
    [
        ("", r"page.html:2: table has no heading or caption naming its partner type"),
        ("<h2>Super Partner</h2>", r"page.html:1: unknown partner type 'Super Partner'"),
        ("<h2>T&#8203;SP</h2>", r"page.html:1: control or invisible character U\+200B in a heading"),
    ],
)
def test_a_table_needs_its_own_partner_heading(heading: str, message: str) -> None:
    _error(_small(ROW, heading=heading), message)


def test_the_title_is_the_source_and_holds_nothing_hidden() -> None:
    assert webpage.to_catalog(_small(ROW).replace("<title>t", "<title>\n  My\n page "), BASE)[1] == "My page"
    _error(
        _small(ROW).replace("<title>t", "<title>t\x1b[31m"),
        r"page.html:1: control .* U\+001B in the page's title",
    )


def test_an_end_tag_does_not_reach_out_of_a_table() -> None:
    second = ROW.replace("Paid Media", "Mass Recruiting")
    text = _small(ROW.replace("</tr>", "</div></span></tr>"), second).replace("<table>", "<div><span><table>")
    assert len(_services(text + "</span></div>")) == 2


def test_only_the_first_row_of_th_is_a_header() -> None:
    """A page that tags every cell <th> still has its rows read, not taken for headers."""
    all_th = ROW.replace("<td>", "<th>").replace("</td>", "</th>")
    assert len(_services(_small(all_th))) == 1
    _error(_small(all_th, all_th), r"page.html:5: repeats the service on line 4")


def test_one_heading_names_one_table() -> None:
    second = _small(ROW).split("<h2>TSP</h2>")[1].replace("Japan", "Mexico")
    _error(_small(ROW) + second, r"page.html:6: table has no heading or caption")


def test_headings_captions_and_breaks_read_as_the_markdown_reads_them() -> None:
    text = _small(ROW, heading="<h3>MCN/<br>CAP</h3>").replace(
        "<td>All Closed-Loop", "<td><ul><li>All<li>Closed-Loop</ul><hr>Shopping<br/>Ads</br>"
    )
    services = webpage.to_catalog(text.replace("</table>", "<p>after</p></table>"), BASE)[0].services
    assert (
        services[0].type == "mcn"
        and services[0].definition == "All\nClosed-Loop\nShopping\nAds\nShopping Ads formats"
    )
    captioned = _small(ROW, heading="<h2>Affiliate Partner</h2>").replace("<table>", "<table><caption>TSP")
    assert webpage.to_catalog(captioned, BASE)[0].services[0].type == "tsp"
    self_closed = _small(
        ROW.replace("<td>Japan</td>", "<td/><td>Japan</td>", 1).replace("<td>Japan</td>", "", 1)
    )
    _error(self_closed, "empty registration region cell")


def test_blocks_in_a_heading_and_a_table_inside_one() -> None:
    assert (
        webpage.to_catalog(_small(ROW, heading="<h2>MCN/<div>CAP</div></h2>"), BASE)[0].services[0].type
        == "mcn"
    )
    _error(
        _small(ROW, heading="<h2>TSP").replace("</table>", "</table></h2>"),
        r"page.html:2: table has no heading",
    )


def test_huge_spans_are_capped_and_an_empty_charset_is_no_charset() -> None:
    spanned = ROW.replace("<td>Japan</td>", '<td rowspan="123456789">Japan</td>', 1)
    second = ROW.replace("<td>Japan</td>", "", 1).replace("Paid Media", "Mass Recruiting")
    assert [s.registration_region for s in _services(_small(spanned, second))] == ["Japan", "Japan"]
    assert webpage.decode_page(_declared(" ").encode(), "page.html") == _declared(" ")


def test_a_page_without_tables_and_a_cut_off_page() -> None:
    """A page that ends inside a table was cut short (a browser writes every end tag): never its rows."""
    _error("<!doctype html><p>No tables here.</p>", r"page.html: no service table found")
    cut = _small(ROW).removesuffix("</td></tr>\n</table>")
    in_a_cell = (
        r"page.html:4: the page ends inside a table cell \(the table opened on line 2\): .* saved whole"
    )
    for tail in (" <b", " & < 3", "\n\n", "</td><td>more"):  # a tag cut off, text, blank lines, a cell
        _error(cut + tail, in_a_cell)
    in_a_table = r"page.html:5: the page ends inside a table \(the table opened on line 2\)"
    for tail in ("</td></tr>\n<tr>", "</td></tr>\n</table"):  # between rows; its end tag cut off
        _error(cut + tail, in_a_table)
    assert len(_services(cut + "</td></tr></table>")) == 1
    assert len(_services(_small(ROW.replace("</td>", "").replace("</tr>", "")))) == 1  # leniency inside stays


# -- bounds: size, depth, time ---------------------------------------------------


def test_a_page_over_the_size_limit_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", len(PAGE) - 1)
    result = invoke("import", str(_write(tmp_path, PAGE)), "-o", "-")
    assert result.exit_code == 3 and "is larger than" in result.stderr


def test_nesting_is_bounded() -> None:
    deep = "<div>" * (webpage.MAX_DEPTH + 1)
    _error(f"<!doctype html>\n{deep}", rf"page.html:2: elements nested more than {webpage.MAX_DEPTH} deep")
    closed = "<div><span>x</span></div>" * 10_000  # closed elements never pile up
    assert _services(PAGE.replace("<body>", f"<body>{closed}")) == BASE.services


HOSTILE = [
    "<a",
    "<a ",
    "<a b='",
    "</a",
    "<!--",
    "<!",
    "<?",
    "&#x",
    "<td>",
    "<tr><td>",
    "<p>",
    "<br>",
    "<![CDATA[",
]


@pytest.mark.parametrize("unit", HOSTILE)
def test_time_is_linear_in_the_size_of_the_page(unit: str) -> None:
    """html.parser alone takes 79 s on 100,000 '<a' with no '>' after them."""

    def seconds(count: int) -> float:  # CPU seconds: a busy machine's load does not count
        start = time.process_time()
        for ending in ("", ">"):
            with contextlib.suppress(CatalogError):
                webpage.to_catalog(f"<!doctype html><h2>TSP</h2><table>{unit * count}{ending}", BASE, "h")
        return time.process_time() - start

    # the best of three: a collection or another process's burst must not decide a ratio
    small = min(seconds(2_000) for _ in range(3))
    large = min(seconds(16_000) for _ in range(3))  # quadratic time would be 64 times as long
    assert large < 10 and large < 8 * 3 * max(small, 0.002), (small, large)  # (10 s: under a coverage tracer)


# -- any text: services or an error, never anything else --------------------------

TAGS = st.sampled_from(
    ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td rowspan=3>", "<td colspan=2>",
     "<h2>TSP</h2>", "<caption>MCN</caption>", "<br>", "<p>", "<script>", "</script>", "<!--", "-->",
     "<thead>", "<tbody>", "</tbody>", "Japan", "Paid Media", "&nbsp;", "&#8203;", "<", ">", "\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TAGS, st.text(max_size=5)), max_size=60).map("".join))
def test_any_markup_imports_or_raises_catalog_error(text: str) -> None:
    try:
        webpage.to_catalog("<!doctype html>" + text, BASE, "fuzz.html")
    except CatalogError as exc:
        assert exc.message.startswith("fuzz.html")


NOISY = page(MARKDOWN, Noise(white_space=True, groups=True))
NOISY_LINES = NOISY.split("\n")
# Where each table of the noisy page is open: from the end of '<table>' to the end of '</table>'.
OPEN_TABLES = [
    (NOISY.index(">", t.start()) + 1, t.end()) for t in re.finditer("<table.*?</table>", NOISY, re.S)
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, len(NOISY_LINES) - 1), min_size=1, max_size=4, unique=True))
def test_a_page_with_lines_cut_out_imports_or_names_a_line(dropped: list[int]) -> None:
    text = "\n".join(x for i, x in enumerate(NOISY_LINES) if i not in dropped)
    try:
        webpage.to_catalog(text, BASE, "cut.html")
    except CatalogError as exc:
        assert exc.message.startswith("cut.html")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(NOISY)))
def test_a_page_cut_anywhere_imports_whole_services_or_names_the_cut(at: int) -> None:
    """A save cut short: inside a table, an error; elsewhere the tables before the cut, none cut short."""
    try:
        services = webpage.to_catalog(NOISY[:at], BASE, "cut.html")[0].services
    except CatalogError as exc:
        inside = any(start <= at < end for start, end in OPEN_TABLES)
        assert ("the page ends inside" in exc.message) == inside, exc.message
    else:
        assert services == BASE.services[: len(services)]
