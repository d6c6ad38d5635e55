"""What import, validate and diff read besides the Markdown: the saved page, and an edited catalog."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from catcli import maintain
from tests.conftest import CATALOG, SOURCE, Invoke
from tests.source_page import page
from tests.test_maintain import user_catalog

MARKDOWN = SOURCE.read_text(encoding="utf-8")
BUNDLED = CATALOG.read_text(encoding="utf-8")


def _page(tmp_path: Path, text: str | None = None, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(page(MARKDOWN) if text is None else text, encoding="utf-8")
    return path


def _edited(tmp_path: Path) -> Path:
    path = tmp_path / "edited.toml"
    path.write_text(
        BUNDLED.replace("'All Closed-Loop Shopping Ads formats'", "'All Shopping Ads formats'", 1)
        + "# my own note\n",
        encoding="utf-8",
    )
    return path


# -- the page: the user catalog, --base, --edition, --output --------------------


def test_a_page_becomes_the_user_catalog(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(_page(tmp_path)), "--edition", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"catcli: wrote {user_catalog()}: edition 2026-12-01 (was 2026-11-24),"
        " 68 services (no service changed)\n"
    )
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["chosen_by"], info["edition"]) == ("user", "2026-12-01")
    assert info["source"] == "Service categories - TikTok Shop Partner Center"


def test_base_and_edition_work_for_a_page_as_for_markdown(invoke: Invoke, tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(BUNDLED.replace('"Japan"', '"Nihon"'), encoding="utf-8")  # its region's new name
    renamed = invoke("import", str(_page(tmp_path)), "--base", str(base), "-o", "-")
    assert renamed.exit_code == 0 and 'registration_region = "Nihon"' in renamed.stdout
    assert invoke("import", str(_page(tmp_path)), "--edition", "2026-13-01").exit_code == 2
    out = tmp_path / "out.toml"
    assert invoke("import", str(_page(tmp_path)), "-o", str(out), "--edition", "2026-12-01").exit_code == 0
    assert 'edition = "2026-12-01"' in out.read_text(encoding="utf-8")
    assert not user_catalog().exists()


def test_a_bad_page_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    broken = page(MARKDOWN).replace(">Japan<", ">Atlantis<", 1)
    result = invoke("import", str(_page(tmp_path, broken)))
    assert result.exit_code == 3 and "page.html:1: unknown registration region 'Atlantis'" in result.stderr
    assert not user_catalog().parent.exists()


def test_a_page_cut_in_half_is_refused_not_imported(invoke: Invoke, tmp_path: Path) -> None:
    """Half a saved page used to import as 27 of its 68 services, the last definition cut short."""
    whole = page(MARKDOWN)
    cut = _page(tmp_path, whole[: len(whole) // 2], "cut.html")
    result = invoke("validate", str(cut))
    assert result.exit_code == 1 and result.stdout.startswith(f"{cut}:1: the page ends inside a table cell")
    result = invoke("import", str(cut))
    assert result.exit_code == 3, result.stdout
    assert f"{cut}:1: the page ends inside a table cell" in result.stderr
    assert "not saved whole" in result.stderr and "hint: save it again" in result.stderr
    assert "Save Page As…" in result.stderr and not user_catalog().parent.exists()


# -- an edited catalog takes effect with import ------------------------------------


def test_an_edited_catalog_is_checked_and_installed_as_it_is(invoke: Invoke, tmp_path: Path) -> None:
    edited = _edited(tmp_path)
    result = invoke("import", str(edited))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"catcli: wrote {user_catalog()}: edition 2026-11-24 (unchanged), 68 services (+0 services, -0,"
        " ~1 definition)\n"
    )
    assert user_catalog().read_text(encoding="utf-8") == edited.read_text(encoding="utf-8")  # comments kept
    answer = json.loads(invoke("check", "Paid Media", "-t", "tsp", "-r", "Japan", "--json").stdout)
    assert answer["services"][0]["definition"] == "All Shopping Ads formats"


def test_a_broken_catalog_is_not_installed(invoke: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BUNDLED.replace('registration_region = "Japan"', 'registration_region = "Atlantis"'))
    result = invoke("import", str(broken))
    assert result.exit_code == 3 and "unknown region 'Atlantis'" in result.stderr
    assert not user_catalog().exists()
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("[catalog]\nsource = \n", encoding="utf-8")
    assert "invalid TOML" in invoke("import", str(syntax)).stderr


def test_a_catalog_takes_no_base_or_edition(invoke: Invoke, tmp_path: Path) -> None:
    for option in (["--edition", "2026-12-01"], ["--base", str(CATALOG)]):
        result = invoke("import", str(_edited(tmp_path)), *option)
        assert result.exit_code == 2 and "is a catalog" in result.stderr and "[catalog]" in result.stderr


def test_from_forces_a_reader(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("import", str(SOURCE), "--from", "toml", "-o", "-").exit_code == 3
    as_markdown = invoke("import", str(_edited(tmp_path)), "--from", "MARKDOWN", "-o", "-")
    assert as_markdown.exit_code == 3 and "no service table found" in as_markdown.stderr
    assert invoke("import", str(SOURCE), "--from", "markdown", "-o", "-").stdout.startswith(
        "# catcli catalog"
    )


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (b"<!DOCTYPE html>", maintain.Reader.HTML),
        (b"\xef\xbb\xbf\n  <html>", maintain.Reader.HTML),
        (b"<!-- saved from url=(0014)about:internet -->\r\n<html>", maintain.Reader.HTML),
        ("\ufeff<table>".encode("utf-16"), maintain.Reader.HTML),
        (b"<!-- rowSpan:2 --> text", maintain.Reader.MARKDOWN),
        (b"# TSP\n| a |", maintain.Reader.MARKDOWN),
        (b"# catcli catalog\n\n[catalog]\n", maintain.Reader.TOML),
        (b"x = 1\n  [[services]] # one\n", maintain.Reader.TOML),
    ],
)
def test_what_a_file_holds_is_told_from_its_content(start: bytes, kind: maintain.Reader) -> None:
    assert maintain.sniff(start) is kind


# -- validate and diff take a page -------------------------------------------------


def test_validate_checks_a_page_without_writing(invoke: Invoke, tmp_path: Path) -> None:
    good = _page(tmp_path)
    result = invoke("validate", str(good))
    assert result.exit_code == 0 and result.stdout == f"{good}: valid (3 types, 8 regions, 68 services)\n"
    bad = _page(tmp_path, page(MARKDOWN).replace(">Japan<", ">Atlantis<", 1), "bad.html")
    result = invoke("validate", str(bad))
    assert result.exit_code == 1 and result.stdout.startswith(f"{bad}:1: unknown registration region")
    rows = json.loads(invoke("validate", str(bad), "--json").stdout)
    assert [(r["line"], r["message"][:27]) for r in rows] == [(1, "unknown registration region")]
    assert not user_catalog().parent.exists() and sorted(os.listdir(tmp_path)) == ["bad.html", "page.html"]


def test_validate_a_document_without_a_line_to_name(invoke: Invoke, tmp_path: Path) -> None:
    empty = _page(tmp_path, "<!doctype html><p>nothing</p>")
    rows = json.loads(invoke("validate", str(empty), "--json").stdout)
    assert [(r["line"], r["message"]) for r in rows] == [(None, "no service table found")]
    assert invoke("validate", str(SOURCE)).exit_code == 0


def test_diff_takes_a_page_on_either_side(invoke: Invoke, tmp_path: Path) -> None:
    edited = page(MARKDOWN).replace("All Closed-Loop Shopping Ads formats", "All Shopping Ads formats", 1)
    new = _page(tmp_path, edited, "new.html")
    result = invoke("diff", str(_page(tmp_path)), str(new), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["edition"] is None and len(report["changed"]) == 1 and not report["added"]
    against = invoke("diff", str(CATALOG), str(new), "--json")
    assert json.loads(against.stdout)["edition"]["new"]["source"].startswith("Service categories")
    assert invoke("diff", str(_page(tmp_path)), str(_page(tmp_path, name="same.html"))).exit_code == 0
    piped = invoke("diff", str(CATALOG), "-", env={}, input=page(MARKDOWN))
    assert piped.exit_code == 1 and "0 added, 0 removed, 0 changed" in piped.stdout


def test_the_catalogs_header_says_how_an_edit_takes_effect(invoke: Invoke, workdir: Path) -> None:
    """The command the header gives is the one that works, run where the file is."""
    told = [line.removeprefix("#").strip() for line in BUNDLED.splitlines() if "catcli import" in line]
    assert "catcli import catalog.toml" in told
    result = invoke("import", "catalog.toml")
    assert result.exit_code == 0 and user_catalog().read_text(encoding="utf-8") == BUNDLED
