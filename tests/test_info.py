"""`catcli info`, `catcli --version`, and provenance from import through info to diff."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from catcli import info as info_module
from catcli import location
from catcli.records import Info
from tests.conftest import CATALOG, SOURCE, Invoke

VERSION = version("catcli")
BUNDLED = location.bundled_path()


def user_catalog() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "catcli" / "catalog.toml"


def with_edition(path: Path, edition: str | None) -> Path:
    """The shipped catalog with another edition, or (None) without a [catalog] table."""
    text = CATALOG.read_text(encoding="utf-8")
    table = '[catalog]\nsource = "TikTok Shop Partner Center: Service categories"\nedition = "2026-11-24"\n'
    table += 'imported = "2026-11-24"\n'
    assert table in text
    new = "" if edition is None else table.replace('edition = "2026-11-24"', f'edition = "{edition}"')
    text = text.replace(table, new, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- info ---------------------------------------------------------------------


def test_info_json_keys_are_the_contract(invoke: Invoke) -> None:
    info = json.loads(invoke("info", "--json").stdout)
    assert list(info) == [
        "catcli_version",
        "catalog_path",
        "chosen_by",
        "lookup_order",
        "user_catalog_path",
        "source",
        "edition",
        "imported",
        "services",
        "services_by_type",
        "regions",
        "bundled_edition",
        "newer_bundled_edition",
    ]
    assert list(info) == list(Info._fields)
    assert info == {
        "catcli_version": VERSION,
        "catalog_path": str(BUNDLED),
        "chosen_by": "bundled",
        "lookup_order": ["flag", "environment", "user", "bundled"],
        "user_catalog_path": str(user_catalog()),
        "source": "TikTok Shop Partner Center: Service categories",
        "edition": "2026-11-24",
        "imported": "2026-11-24",
        "services": 68,
        "services_by_type": {"tsp": 52, "mcn": 8, "affiliate": 8},
        "regions": 8,
        "bundled_edition": "2026-11-24",
        "newer_bundled_edition": False,
    }


def test_info_text(invoke: Invoke) -> None:
    result = invoke("info")
    assert result.exit_code == 0
    assert result.stdout == (
        f"catalog:  {BUNDLED}\n"
        "          bundled with catcli\n"
        "source:   TikTok Shop Partner Center: Service categories\n"
        "edition:  2026-11-24, imported 2026-11-24\n"
        "services: 68 (tsp 52, mcn 8, affiliate 8), 8 regions\n"
        "lookup:   1. --catalog PATH\n"
        "          2. $CATCLI_CATALOG\n"
        f"          3. {user_catalog()}\n"
        "          4. the bundled catalog\n"
        f"catcli:   {VERSION}\n"
    )


@pytest.mark.parametrize(
    ("how", "why"),
    [
        ("flag", "named by --catalog"),
        ("environment", "named by $CATCLI_CATALOG"),
        ("user", "your imported catalog (catcli import; undo with: catcli import --reset)"),
    ],
)
def test_info_says_why(
    how: str, why: str, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = with_edition(user_catalog() if how == "user" else tmp_path / "c.toml", "2026-12-01")
    if how == "environment":
        monkeypatch.setenv("CATCLI_CATALOG", str(path))
    lines = invoke("info", *(["--catalog", str(path)] if how == "flag" else [])).stdout.splitlines()
    assert lines[:2] == [f"catalog:  {path}", f"          {why}"]


def test_info_other_formats(invoke: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("info", "--format", "csv").stdout)))
    assert len(rows) == 1 and rows[0]["chosen_by"] == "bundled" and rows[0]["edition"] == "2026-11-24"


def test_catalog_without_provenance(invoke: Invoke, tmp_path: Path) -> None:
    """[catalog] is optional: an older or hand-made catalog still loads, and counts as older than any."""
    path = with_edition(tmp_path / "bare.toml", None)
    info = json.loads(invoke("info", "--json", "--catalog", str(path)).stdout)
    assert (info["source"], info["edition"], info["imported"]) == ("", "", "")
    assert info["newer_bundled_edition"] is True
    text = invoke("info", "--catalog", str(path)).stdout
    assert "source:   (not recorded)\nedition:  (not recorded)\n" in text
    assert "note:     catcli bundles a newer edition (2026-11-24)\n" in text


# -- a user catalog older than the bundled one --------------------------------


def test_older_user_catalog_still_answers_and_info_says_a_newer_one_is_bundled(
    invoke: Invoke,
) -> None:
    with_edition(user_catalog(), "2025-01-01")
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["chosen_by"], info["edition"]) == ("user", "2025-01-01")
    assert (info["bundled_edition"], info["newer_bundled_edition"]) == ("2026-11-24", True)
    text = invoke("info").stdout
    assert text.endswith(
        "note:     catcli bundles a newer edition (2026-11-24); use it with: catcli import --reset\n"
    )
    assert invoke("--version").stdout == f"catcli {VERSION}, catalog edition 2025-01-01, 68 services\n"
    assert invoke("list", "--json").exit_code == 0


@pytest.mark.parametrize("edition", ["2026-11-24", "2027-01-01"])
def test_same_or_newer_user_catalog_has_no_note(edition: str, invoke: Invoke) -> None:
    with_edition(user_catalog(), edition)
    assert json.loads(invoke("info", "--json").stdout)["newer_bundled_edition"] is False
    assert "note:" not in invoke("info").stdout


def test_older_catalog_named_by_flag_gets_no_reset_advice(invoke: Invoke, tmp_path: Path) -> None:
    """--reset removes the user catalog; it would not change what --catalog names."""
    path = with_edition(tmp_path / "old.toml", "2025-01-01")
    text = invoke("info", "--catalog", str(path)).stdout
    assert text.endswith("note:     catcli bundles a newer edition (2026-11-24)\n")


def test_unreadable_bundled_catalog_does_not_stop_info(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled catalog is read only to compare editions when another one answers."""
    with_edition(user_catalog(), "2025-01-01")
    monkeypatch.setattr(info_module, "bundled_path", lambda: tmp_path / "gone.toml")
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["bundled_edition"], info["newer_bundled_edition"]) == ("", False)


# -- --version ----------------------------------------------------------------


def test_version_names_the_catalog_edition(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"catcli {VERSION}, catalog edition 2026-11-24, 68 services\n"
    assert re.fullmatch(
        r"catcli \d+\.\d+\.\d+\S*, catalog edition \d{4}-\d{2}-\d{2}, \d+ services\n", result.stdout
    )


def test_version_follows_the_lookup_order(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_edition(user_catalog(), "2026-12-01")
    assert "catalog edition 2026-12-01," in invoke("--version").stdout
    monkeypatch.setenv("CATCLI_CATALOG", str(with_edition(tmp_path / "env.toml", "2026-12-02")))
    assert "catalog edition 2026-12-02," in invoke("--version").stdout


def test_version_of_a_catalog_without_edition(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    with_edition(user_catalog(), None)
    assert invoke("--version").stdout == f"catcli {VERSION}, catalog edition unknown, 68 services\n"


def test_version_with_an_unreadable_catalog_still_prints_the_version(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--version is what a bug report starts with: it names the problem instead of failing."""
    monkeypatch.setenv("CATCLI_CATALOG", str(tmp_path / "gone.toml"))
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == (
        f"catcli {VERSION}, catalog unreadable: catalog not found: {tmp_path / 'gone.toml'}\n"
    )


# -- the provenance round trip: import -> info -> diff ------------------------


def test_provenance_round_trip(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")  # imported 2026-12-02
    assert invoke("import", str(SOURCE), "--edition", "2026-12-01").exit_code == 0
    info = json.loads(invoke("info", "--json").stdout)
    assert info["chosen_by"] == "user" and info["catalog_path"] == str(user_catalog())
    assert (info["source"], info["edition"], info["imported"]) == (
        "TikTok Shop Partner Center: Service categories",
        "2026-12-01",
        "2026-12-02",
    )
    assert info["newer_bundled_edition"] is False
    assert "edition:  2026-12-01, imported 2026-12-02\n" in invoke("info").stdout

    text = invoke("diff", str(BUNDLED), info["catalog_path"])
    assert text.exit_code == 1  # the same services, another edition: the catalogs differ
    assert text.stdout == (
        "catalog edition: 2026-11-24 -> 2026-12-01\n"
        "catalog imported: 2026-11-24 -> 2026-12-02\n"
        "0 added, 0 removed, 0 changed\n"
    )
    report = json.loads(invoke("diff", str(BUNDLED), info["catalog_path"], "--json").stdout)
    source = "TikTok Shop Partner Center: Service categories"
    assert report == {
        "edition": {
            "old": {"source": source, "edition": "2026-11-24", "imported": "2026-11-24"},
            "new": {"source": source, "edition": "2026-12-01", "imported": "2026-12-02"},
        },
        "added": [],
        "removed": [],
        "changed": [],
        "types": {"added": [], "removed": [], "changed": []},
        "regions": {"added": [], "removed": [], "changed": []},
    }
    rows = list(
        csv.reader(io.StringIO(invoke("diff", str(BUNDLED), str(user_catalog()), "-f", "csv").stdout))
    )
    assert rows == [
        ["change", "type", "registration_region", "main_category", "service_category", "field", "old", "new"],
        ["edition", "", "", "", "", "edition", "2026-11-24", "2026-12-01"],
        ["edition", "", "", "", "", "imported", "2026-11-24", "2026-12-02"],
    ]
    assert invoke("diff", str(user_catalog()), str(user_catalog())).stdout == "no differences\n"
