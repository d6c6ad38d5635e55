"""validate and diff, run on real catalog files and edited copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CATALOG, Invoke

# The line that the tests break by dropping a closing quote.
MCN_LINE = CATALOG.read_text(encoding="utf-8").splitlines().index('id = "mcn"') + 1


def _edited(tmp_path: Path, *edits: tuple[str, str], name: str = "edited.toml") -> Path:
    text = CATALOG.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_shipped_catalog(invoke: Invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout.endswith("catalog.toml: valid (3 types, 8 regions, 68 services)\n")
    assert invoke("validate", "--json").stdout == "[]\n"


def test_validate_reports_every_problem_in_file_order(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        ('aliases = ["Brasil"]', 'aliases = ["Brasil", "Japan"]'),
        ('registration_region = "Japan"', 'registration_region = "Atlantis"'),
        ("service_category = 'Paid Media'", 'service_category = "Paid<br>Media"'),
        ("main_category = 'Creator Management'", "main_category = 3"),
        ("definition = 'Connect scalable", "colour = 'red'\ndefinition = 'Connect scalable"),
        ('{ code = "JP", name = "Japan" }', '{ code = "JPN", name = "Japan" }'),
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 6, lines
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)
    text = "\n".join(lines)
    for fragment in (
        "'Japan' would name two regions",
        "unknown region 'Atlantis'",
        "residue '<br>'",
        "'main_category' must be a string, not a number",
        "unknown key 'colour'",
        "code 'JPN' must be an ISO 3166-1 alpha-2 code",
    ):
        assert fragment in text
    assert "6 problems" in result.stderr
    report = json.loads(invoke("validate", str(path), "--json").stdout)
    assert [p["line"] for p in report] == numbers and all(p["entry"] for p in report)


def test_validate_toml_syntax_with_line_and_column(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, ('id = "mcn"', 'id = "mcn'))
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:{MCN_LINE}:10: invalid TOML: Illegal character '\\n'\n"


def test_validate_uses_the_catalog_in_use(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, ('type = "mcn"', 'type = "agency"'))
    assert invoke("validate", env={"CATCLI_CATALOG": str(path)}).exit_code == 1
    assert invoke("validate", "--catalog", str(path)).exit_code == 1
    missing = invoke("validate", str(tmp_path / "none.toml"))
    assert missing.exit_code == 3 and "catalog not found" in missing.stderr


def test_diff_identical(invoke: Invoke) -> None:
    result = invoke("diff", str(CATALOG), str(CATALOG))
    assert result.exit_code == 0 and result.stdout == "no differences\n"
    assert json.loads(invoke("diff", str(CATALOG), str(CATALOG), "--json").stdout) == {
        "edition": None,
        "added": [],
        "removed": [],
        "changed": [],
    }


def test_diff_added_removed_changed_grouped(invoke: Invoke, tmp_path: Path) -> None:
    text = CATALOG.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    brazil = next(
        i for i, b in enumerate(blocks) if 'type = "affiliate"\nregistration_region = "Brazil"' in b
    )
    new = "\n\n".join(blocks[:brazil] + blocks[brazil + 1 :])
    new = new.replace(
        "service_category = 'Paid Media'\ndefinition = 'All Closed-Loop Shopping Ads formats'",
        'service_category = "PAID media"\ndefinition = "All Shopping Ads formats"',
        1,
    )
    new += (
        '\n[[services]]\ntype = "tsp"\nregistration_region = "EU"\ntarget_markets = ["EU"]\n'
        'main_category = "Shop Management"\nservice_category = "Paid Media"\ndefinition = "Ads"\n'
    )
    path = tmp_path / "new.toml"
    path.write_text(new, encoding="utf-8")
    result = invoke("diff", str(CATALOG), str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        "tsp · EU\n"
        "  + Shop Management › Paid Media\n"
        "tsp · Japan\n"
        "  ~ Outsourced Operation › PAID media\n"
        "      service_category:\n"
        "        - Paid Media\n"
        "        + PAID media\n"
        "      definition:\n"
        "        - All Closed-Loop Shopping Ads formats\n"
        "        + All Shopping Ads formats\n"
        "affiliate · Brazil\n"
        "  - Seller and Scalable Creator Match-up › Seller and Scalable Creator Match-up\n"
        "1 added, 1 removed, 1 changed\n"
    )
    report = json.loads(invoke("diff", str(CATALOG), str(path), "--json").stdout)
    assert [r["registration_region"] for r in report["added"]] == ["EU"]
    assert [r["registration_region"] for r in report["removed"]] == ["Brazil"]
    assert report["changed"][0]["changes"] == [
        {"field": "service_category", "old": "Paid Media", "new": "PAID media"},
        {
            "field": "definition",
            "old": "All Closed-Loop Shopping Ads formats",
            "new": "All Shopping Ads formats",
        },
    ]


def test_diff_market_change_is_a_change(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        (
            'target_markets = ["SEA", "United Kingdom", "United States"]',
            'target_markets = ["SEA", "United States"]',
        ),
    )
    report = json.loads(invoke("diff", str(CATALOG), str(path), "--json").stdout)
    assert report["added"] == [] and report["removed"] == []
    assert report["changed"][0]["changes"] == [
        {
            "field": "target_markets",
            "old": ["SEA", "United Kingdom", "United States"],
            "new": ["SEA", "United States"],
        }
    ]


def test_diff_bad_catalog_exits_3(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("diff", str(CATALOG), str(tmp_path / "missing.toml"))
    assert result.exit_code == 3 and "missing.toml" in result.stderr


# -- the [catalog] table: provenance ------------------------------------------

PROVENANCE = (
    '[catalog]\nsource = "TikTok Shop Partner Center: Service categories"\n'
    'edition = "2026-11-24"\nimported = "2026-11-24"\n'
)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            PROVENANCE.replace('"2026-11-24"', '"yesterday"', 1),
            "'edition' must be a real day written YYYY-MM-DD",
        ),
        (
            PROVENANCE.replace('imported = "2026-11-24"', 'imported = "2026-02-30"'),
            "'imported' must be a real day",
        ),
        (PROVENANCE.replace('"2026-11-24"', '"2026-1-24"', 1), "not '2026-1-24'"),
        (PROVENANCE + 'editor = "me"\n', "unknown key 'editor' (expected source, edition, imported)"),
        (PROVENANCE.replace('"2026-11-24"', "2026-11-24", 1), "'edition' must be a string, not date"),
        (PROVENANCE.replace('"TikTok Shop Partner Center: Service categories"', '""'), "'source' is empty"),
        ("catalog = 3\n", "must be a table ([catalog])"),
    ],
    ids=["word", "impossible-date", "short-date", "unknown-key", "toml-date", "empty-source", "not-a-table"],
)
def test_validate_checks_the_catalog_table(table: str, message: str, invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, (PROVENANCE, table))
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1 and message in result.stdout
    assert result.stdout.startswith(f"{path}:") and " catalog: " in result.stdout
    assert invoke("list", "--catalog", str(path)).exit_code == 3


def test_catalog_table_is_optional(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, (PROVENANCE, ""))
    assert invoke("validate", str(path)).exit_code == 0
    assert invoke("list", "--catalog", str(path), "--json").exit_code == 0


def test_diff_reports_a_change_of_edition(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, ('edition = "2026-11-24"', 'edition = "2026-12-01"'))
    text = invoke("diff", str(CATALOG), str(path))
    assert text.exit_code == 1
    assert text.stdout == "catalog edition: 2026-11-24 -> 2026-12-01\n0 added, 0 removed, 0 changed\n"
    report = json.loads(invoke("diff", str(CATALOG), str(path), "--json").stdout)
    assert report["edition"]["old"]["edition"] == "2026-11-24"
    assert report["edition"]["new"]["edition"] == "2026-12-01"
    assert invoke("diff", str(CATALOG), str(path), "--format", "csv").stdout.splitlines()[1:] == [
        "edition,,,,,edition,2026-11-24,2026-12-01"
    ]
    bare = _edited(tmp_path, (PROVENANCE, ""), name="bare.toml")
    assert invoke("diff", str(bare), str(path)).stdout.startswith(
        "catalog source: (none) -> TikTok Shop Partner Center: Service categories\n"
        "catalog edition: (none) -> 2026-12-01\n"
        "catalog imported: (none) -> 2026-11-24\n"
    )


def test_diff_edition_beside_service_changes(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        ('edition = "2026-11-24"', 'edition = "2026-12-01"'),
        ("definition = 'All Closed-Loop Shopping Ads formats'", "definition = 'All Shopping Ads formats'"),
    )
    lines = invoke("diff", str(CATALOG), str(path)).stdout.splitlines()
    assert lines[0] == "catalog edition: 2026-11-24 -> 2026-12-01"
    assert lines[-1] == "0 added, 0 removed, 1 changed"
