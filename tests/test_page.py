"""`--format html`: one standalone page per answer, read back with a real HTML5 parser (html5lib)."""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from catcli import __version__, tomlio
from catcli.api import load
from catcli.model import CatalogData, Country, Edition, PartnerType, Region, Service
from catcli.render import page, sheet
from catcli.render.sheet import MARK, NO_MARK
from catcli.terminal import Terminal
from catcli.text import UNSAFE
from tests import app
from tests.conftest import CATALOG, ROOT, Invoke
from tests.test_table import _hostile_catalog, _sheets

DATA = app.data_commands()
PARSER = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
# Text that is markup anywhere else: each must reach the reader as these very characters.
# (A catalog may not hold '<!--' or '<br>', page residue; a sheet's colophon below does.)
MARKUP = "<script>alert(\"x\")</script> 'one' & &amp; </td></tr></table> <b onclick=y> ]]>"
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "table", "thead", "tbody", "tr",
    "th", "td", "br", "mark", "abbr", "footer", "p",
}  # fmt: skip


def parse(text: str) -> ET.Element:
    """The page as a browser's parser reads it; strict: any parse error fails the test."""
    assert text.startswith("<!DOCTYPE html>\n")
    document: ET.Element = PARSER.parse(text)
    return document


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _body_rows(document: ET.Element) -> list[ET.Element]:
    return document.findall(".//table/tbody/tr")


def _json_rows(invoke: Invoke, args: list[str]) -> int:
    """How many records the JSON holds (for diff, its changes: what the page lists)."""
    if args[0] == "diff":
        return len(invoke(*args, "--format", "jsonl").stdout.splitlines())
    data = json.loads(invoke(*args, "--json").stdout)
    if args[0] == "show":  # one row per distinct definition, as on the terminal
        return len({row["definition"] for row in data})
    return len(data) if isinstance(data, list) else 1


@pytest.mark.parametrize("command", DATA)
def test_every_command_prints_one_page_with_the_jsons_rows(
    invoke: Invoke, workdir: Path, command: str
) -> None:
    args = app.data_example(command)
    result = invoke(*args, "--format", "html")
    assert result.exit_code in (0, 1), result.stderr
    document = parse(result.stdout)
    assert len(_body_rows(document)) == _json_rows(invoke, args)
    title = _text(document.find("head/title"))
    assert title and title == _text(document.find(".//h1"))
    assert title in invoke(*args).stdout.splitlines()  # the line the terminal shows
    footer = _text(document.find(".//footer"))
    assert f"catcli {__version__}" in footer and "edition" in footer
    assert {element.tag for element in document.iter()} <= ALLOWED


def test_the_page_is_standalone(invoke: Invoke) -> None:
    text = invoke("list", "-t", "tsp", "-r", "Japan", "--format", "html").stdout
    document = parse(text)
    assert document.find("head/meta[@charset='utf-8']") is not None
    policy = document.find("head/meta[@http-equiv='Content-Security-Policy']")
    assert policy is not None and policy.get("content", "").startswith("default-src 'none'")
    assert not [e for e in document.iter() if {"src", "href"} & set(e.attrib)]  # nothing fetched
    assert "<script" not in text and "@import" not in text and "url(" not in text
    style = _text(document.find("head/style"))
    assert "prefers-color-scheme: dark" in style and "@media print" in style and "A4 portrait" in style
    footer = _text(document.find(".//footer"))
    assert (
        "catalog edition 2026-11-24" in footer and "TikTok Shop Partner Center: Service categories" in footer
    )


def test_headers_have_scope_and_groups_are_bodies(invoke: Invoke) -> None:
    document = parse(invoke("list", "--format", "html").stdout)
    headers = document.findall(".//thead/tr/th")
    assert [h.get("scope") for h in headers] == ["col"] * 4
    assert [_text(h) for h in headers] == ["Offered by", "Main category", "Service category", "Definition"]
    bodies = document.findall(".//table/tbody")
    terminal = sheet.services(load(CATALOG).services, load(CATALOG))
    groups = {row[: terminal.group] for row in terminal.rows}
    assert len(bodies) == len(groups) > 1  # consecutive rows of a group share one <tbody>
    for body in bodies:
        group_cells = body.findall("tr/th")
        assert [c.get("scope") for c in group_cells] == ["rowgroup"] * 2
        assert all(c.get("rowspan", "1") == str(len(body.findall("tr"))) for c in group_cells)


def test_fields_and_no_headers_are_honoured(invoke: Invoke) -> None:
    args = ["list", "-t", "tsp", "-r", "Japan", "--format", "html"]
    picked = parse(invoke(*args, "--fields", "definition,service_category").stdout)
    assert [_text(h) for h in picked.findall(".//thead//th")] == ["definition", "service_category"]
    assert all(len(row.findall("td")) == 2 for row in _body_rows(picked))
    headless = parse(invoke(*args, "--no-headers").stdout)
    assert headless.find(".//thead") is None and len(_body_rows(headless)) == 7


def test_the_matrix_shows_a_mark_and_a_colour(invoke: Invoke) -> None:
    text = invoke("matrix", "--format", "html").stdout
    document = parse(text)
    cells = [c for row in _body_rows(document) for c in row.findall("td") if c.get("class", "").split()[:1]]
    kinds = {
        c.get("class", "").split()[0]: _text(c)
        for c in cells
        if c.get("class", "").split()[0] in ("yes", "no")
    }
    assert kinds == {"yes": MARK, "no": NO_MARK}
    style = _text(document.find("head/style"))
    assert "td.yes { background: var(--yes-bg)" in style and "td.no { color: var(--no-fg)" in style
    assert any(c.get("title") == "offered: China & Hong Kong" for c in cells)
    abbreviations = [a.get("title") for a in document.findall(".//thead//abbr")]
    assert "China & Hong Kong" in abbreviations


def test_search_words_are_marked(invoke: Invoke) -> None:
    document = parse(invoke("search", "livestream", "--format", "html").stdout)
    assert {_text(m).casefold() for m in document.iter("mark")} == {"livestream"}


# -- nothing reaches the page unescaped -------------------------------------------------


def _markup_catalog() -> CatalogData:
    """A valid catalog whose every text holds markup and quotes."""
    far = f"Far {MARKUP}"
    return CatalogData(
        types=(PartnerType("tsp", f"Shop {MARKUP}", ("shop",)),),
        regions=(Region(far, (Country("FA", f"Farland {MARKUP}"),), ("faraway",)),),
        services=(Service("tsp", far, (far,), f"Main {MARKUP}", f"Category {MARKUP}", f"Defined {MARKUP}"),),
        edition=Edition(f"Source {MARKUP}", "2026-11-24", "2026-11-24"),
    )


@pytest.mark.parametrize("command", DATA)
def test_markup_in_a_catalog_stays_text(invoke: Invoke, tmp_path: Path, command: str) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(tomlio.dumps(_markup_catalog()), encoding="utf-8")
    args = {
        "show": ["show", f"Category {MARKUP}", "--catalog", str(path)],
        "search": ["search", "category", "--catalog", str(path)],
        "check": ["check", f"Category {MARKUP}", "-t", "tsp", "-r", "faraway", "--catalog", str(path)],
        "validate": ["validate", str(path)],
        "diff": ["diff", str(CATALOG), str(path)],
    }.get(command, [command, "--catalog", str(path)])
    result = invoke(*args, "--format", "html")
    assert result.exit_code in (0, 1), result.stderr
    document = parse(result.stdout)
    assert {element.tag for element in document.iter()} <= ALLOWED  # no <script>, no <b>
    assert not [e for e in document.iter() if any(a.startswith("on") for a in e.attrib)]
    if command != "validate":  # validate's page shows no catalog text
        assert MARKUP in _text(document)


def test_hidden_characters_and_markup_never_reach_a_page_raw() -> None:
    """Every sheet the terminal tests draw, drawn as a page: control characters visible, markup text."""
    for drawn in _sheets(_hostile_catalog()):
        drawn.colophon = (f"catcli {MARKUP} <!-- <br> -->",)
        text = page.draw(drawn, Terminal(80, 24, False, False))
        document = parse(text)
        assert not re.search(UNSAFE, text), repr(re.search(UNSAFE, text))
        assert "\\u200b" in text and "\\x1b[31m" in text
        assert f"{MARKUP} <!-- <br> -->" in _text(document.find(".//footer"))


def test_the_readme_shares_an_answer_as_catcli_does(invoke: Invoke) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Sharing an answer\n")[1].split("\n## ")[0]
    command = next(line for line in section.splitlines() if line.startswith("catcli "))
    parse(invoke(*shlex.split(command.split(">")[0])[1:]).stdout)
    pictures = re.findall(r"\]\((docs/images/[^)]+)\)", section)
    assert len(pictures) == 2 and all((ROOT / picture).is_file() for picture in pictures)
    update = readme.split("### Updating after Partner Center changes")[1].split("```")[0]
    assert update.split("\n")[2].startswith("1. ") and "Save Page As…" in update.split("\n2. ")[0]
