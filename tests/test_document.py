"""Importing Partner Center documents: the real one, and edited editions of it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.api import load
from catcli.document import parse, to_catalog
from catcli.errors import CatalogError
from catcli.pagetable import repair_mojibake
from catcli.resolve import Resolver
from tests.conftest import CATALOG, SOURCE, Invoke

BASE = load(CATALOG)


def _document(tmp_path: Path, text: str, name: str = "edition.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SEED = {"SOURCE_DATE_EPOCH": "1795478400"}  # 2026-11-24, the day the seed edition was imported


def test_import_reproduces_the_shipped_catalog_exactly(invoke: Invoke) -> None:
    result = invoke("import", str(SOURCE), "--edition", "2026-11-24", "--output", "-", env=SEED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CATALOG.read_text(encoding="utf-8")


def test_import_writes_output_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "catalog.toml"
    result = invoke("import", str(SOURCE), "--edition", "2026-11-24", "--output", str(out), env=SEED)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == CATALOG.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_import_keeps_an_existing_files_permissions(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "catalog.toml"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    assert invoke("import", str(SOURCE), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_references_import_as_github_shows_them(invoke: Invoke, tmp_path: Path) -> None:
    """A Markdown export may write '&amp;' or '&#x2F;' for a character: GitHub shows the page's character."""
    text = SOURCE.read_text(encoding="utf-8").replace("China & Hong Kong", "China &amp; Hong&nbsp;Kong")
    text = text.replace("# MCN/CAP", "# MCN&#x2F;CAP").replace("Livestream Man", "Livestream&#32;Man")
    result = invoke("import", str(_document(tmp_path, text)), "--edition", "2026-11-24", "-o", "-", env=SEED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CATALOG.read_text(encoding="utf-8")
    line = "| Japan | Japan | Outsourced Operation | Paid Media | &lt;br&gt; &copy &notify; &#12345678; |"
    literal = to_catalog(f"# TSP\n|a|b|c|d|e|\n|---|---|---|---|---|\n{line}\n", BASE, "doc.md")
    assert literal.services[0].definition == "<br> &copy &notify; &#12345678;"  # text to GitHub: no break


def test_new_edition_with_added_reworded_and_removed_rows(tmp_path: Path) -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if "| LIVE Management <br>" in line)
    # A row added inside the United States group; its rowSpan comments are now stale.
    lines.insert(at + 1, "|  |  |  | Paid Media | All Closed-Loop Shopping Ads formats |")
    text = "\n".join(lines)
    text = text.replace(
        "All Closed-Loop Shopping Ads formats |\n|  |  | Mass", "All Shopping Ads formats |\n|  |  | Mass", 1
    )
    text = "\n".join(line for line in text.split("\n") if not line.startswith("| Brazil  | Brazil  | Seller"))
    services = to_catalog(text, BASE).services

    expected = list(BASE.services)
    live = next(i for i, s in enumerate(expected) if s.service_category == "LIVE Management")
    expected.insert(
        live + 1,
        expected[live]._replace(
            service_category="Paid Media", definition="All Closed-Loop Shopping Ads formats"
        ),
    )
    japan_paid = next(
        i
        for i, s in enumerate(expected)
        if s.service_category == "Paid Media" and s.registration_region == "Japan"
    )
    expected[japan_paid] = expected[japan_paid]._replace(definition="All Shopping Ads formats")
    expected = [s for s in expected if not (s.type == "affiliate" and s.registration_region == "Brazil")]
    assert list(services) == expected


def test_unknown_region_names_it_and_its_line_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("| Japan  | Japan  |", "| Atlantis | Atlantis |")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("| Atlantis"))) + 1
    out = tmp_path / "catalog.toml"
    out.write_text("precious", encoding="utf-8")
    result = invoke("import", str(_document(tmp_path, text)), "--output", str(out))
    assert result.exit_code == 3
    assert f"edition.md:{line}: unknown registration region 'Atlantis'" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.toml", "edition.md"]


def test_unknown_partner_type_heading(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("# MCN/CAP", "# Super Partner")
    line = text.split("\n").index("# Super Partner") + 1
    with pytest.raises(CatalogError, match=f":{line}: unknown partner type 'Super Partner'"):
        to_catalog(text, BASE, "doc.md")


def test_region_the_base_does_not_know(tmp_path: Path) -> None:
    base = BASE._replace(regions=tuple(r for r in BASE.regions if r.name != "Brazil"))
    with pytest.raises(CatalogError, match=r"doc.md:\d+: unknown registration region 'Brazil'"):
        to_catalog(SOURCE.read_text(encoding="utf-8"), base, "doc.md")


def test_document_without_a_table_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(_document(tmp_path, "# TSP\nNo tables here.\n")))
    assert result.exit_code == 3 and "no service table found" in result.stderr and result.stdout == ""


def test_repeated_row_is_an_error(tmp_path: Path) -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("| Mexico  | Mexico  | Seller"))
    lines.insert(at + 1, lines[at])
    with pytest.raises(CatalogError, match=rf"doc.md:{at + 2}: repeats the service on line {at + 1}"):
        to_catalog("\n".join(lines), BASE, "doc.md")


def test_unreadable_document(invoke: Invoke, tmp_path: Path) -> None:
    missing = invoke("import", str(tmp_path / "missing.md"))
    assert missing.exit_code == 3 and f"document not found: {tmp_path / 'missing.md'}" in missing.stderr
    latin = tmp_path / "latin.md"
    latin.write_bytes("# TSP é".encode("latin-1"))
    assert "not UTF-8" in invoke("import", str(latin)).stderr


def test_unwritable_output_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(SOURCE), "--output", str(tmp_path / "no" / "such" / "dir.toml"))
    assert result.exit_code == 3 and "cannot write" in result.stderr


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("sellersâ€™ self-live", "sellers’ self-live"),
        ("ðŸ“Œ The", "📌 The"),
        ("MÃ©xico", "México"),
        ("México stays", "México stays"),
        ("naïve café", "naïve café"),
        ("plain", "plain"),
    ],
)
def test_mojibake_repair(broken: str, repaired: str) -> None:
    assert repair_mojibake(broken) == repaired


DOCUMENT_LINES = SOURCE.read_text(encoding="utf-8").splitlines()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text_imports_or_raises_catalog_error(text: str) -> None:
    try:
        to_catalog(text, BASE, "fuzz.md")
    except CatalogError as exc:
        assert exc.message.startswith("fuzz.md")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, len(DOCUMENT_LINES) - 1), min_size=1, max_size=6, unique=True))
def test_document_with_lines_deleted_imports_or_raises_catalog_error(dropped: list[int]) -> None:
    text = "\n".join(x for i, x in enumerate(DOCUMENT_LINES) if i not in dropped)
    try:
        to_catalog(text, BASE, "cut.md")
    except CatalogError as exc:
        assert exc.message.startswith("cut.md")


DOCUMENT = SOURCE.read_text(encoding="utf-8")
# Where str.splitlines() ends a line and Markdown does not.
NOT_LINE_ENDS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
# Line starts and ends, where an inserted character is most likely to be harmless.
LINE_EDGES = sorted({0, len(DOCUMENT)} | {i + d for i, c in enumerate(DOCUMENT) if c == "\n" for d in (0, 1)})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.integers(0, len(DOCUMENT)), st.sampled_from(LINE_EDGES)),
            st.sampled_from(NOT_LINE_ENDS),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_line_separators_anywhere_give_every_service_or_an_error(inserted: list[tuple[int, str]]) -> None:
    text = DOCUMENT
    for at, char in sorted(inserted, reverse=True):
        text = text[:at] + char + text[at:]
    try:
        services = to_catalog(text, BASE, "sep.md").services
    except CatalogError as exc:
        assert exc.message.startswith("sep.md:")
        return
    assert services == BASE.services  # all 68, each as the document says: none lost, none retyped


MARKDOWN = st.sampled_from(["|", "#", "# ", "-", "---", ":", " ", "\t", "<br>", "<!--", "-->", "(", ")", "a"])
NOISE = st.lists(
    st.one_of(MARKDOWN, st.sampled_from([*NOT_LINE_ENDS, "\u200b", "\ufeff"]), st.characters()), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(  # runs of the real document's lines (so some tables survive), and noise
            st.tuples(st.integers(0, len(DOCUMENT_LINES) - 1), st.integers(1, 12)).map(
                lambda run: DOCUMENT_LINES[run[0] : run[0] + run[1]]
            ),
            NOISE.map(lambda line: [line]),
        ),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_lines_parse_to_rows_or_raise_catalog_error(pieces: list[list[str]], ending: str) -> None:
    text = ending.join(line for piece in pieces for line in piece)
    try:
        rows = parse(text, Resolver.for_catalog(BASE), "any.md")
    except CatalogError as exc:
        assert exc.message.startswith("any.md")
        return
    markdown_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert all(markdown_lines[row.line - 1].lstrip().startswith("|") for row in rows)
