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
        "types": {"added": [], "removed": [], "changed": []},
        "regions": {"added": [], "removed": [], "changed": []},
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


# -- partner types and regions: what lookups resolve through -------------------

# The report's scenario: Ireland leaves the EU region, Japan loses the alias Nippon, TSP is renamed.
LOOKUP_EDITS = (
    ('  { code = "IE", name = "Ireland" },\n', ""),
    ('aliases = ["Nippon", "Nihon"]', 'aliases = ["Nihon"]'),
    ('name = "TikTok Shop Partner"\n', 'name = "TikTok Shop Service Provider"\n'),
)


def test_diff_reports_changes_that_change_lookups(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, *LOOKUP_EDITS)
    assert invoke("list", "--region", "Ireland", "--catalog", str(path)).exit_code == 2
    result = invoke("diff", str(CATALOG), str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        "~ type tsp name: TikTok Shop Partner -> TikTok Shop Service Provider\n"
        "~ region EU countries: - Ireland (IE)\n"
        "~ region Japan aliases: - Nippon\n"
        "0 added, 0 removed, 0 changed; types changed: tsp; regions changed: EU, Japan\n"
    )
    report = json.loads(invoke("diff", str(CATALOG), str(path), "--json").stdout)
    assert (report["edition"], report["added"], report["removed"], report["changed"]) == (None, [], [], [])
    assert report["types"] == {
        "added": [],
        "removed": [],
        "changed": [
            {
                "id": "tsp",
                "renamed": {"old": "TikTok Shop Partner", "new": "TikTok Shop Service Provider"},
                "aliases_added": [],
                "aliases_removed": [],
            }
        ],
    }
    assert report["regions"]["changed"] == [
        {
            "name": "EU",
            "countries_added": [],
            "countries_removed": [{"code": "IE", "name": "Ireland"}],
            "aliases_added": [],
            "aliases_removed": [],
        },
        {
            "name": "Japan",
            "countries_added": [],
            "countries_removed": [],
            "aliases_added": [],
            "aliases_removed": ["Nippon"],
        },
    ]
    assert invoke("diff", str(CATALOG), str(path), "--format", "csv").stdout.splitlines()[1:] == [
        "type changed,tsp,,,,name,TikTok Shop Partner,TikTok Shop Service Provider",
        "region changed,,EU,,,countries,Ireland (IE),",
        "region changed,,Japan,,,aliases,Nippon,",
    ]


def test_diff_types_and_regions_added_and_removed(invoke: Invoke, tmp_path: Path) -> None:
    """A type and a region added, the Brazil region and its services removed, an alias and a
    country's name changed."""
    blocks = CATALOG.read_text(encoding="utf-8").split("\n\n")
    new = "\n\n".join(b for b in blocks if '"Brazil"' not in b)  # the region and its services
    assert 'name = "Brazil"' in CATALOG.read_text(encoding="utf-8") and '"Brazil"' not in new
    for old, replacement in (
        (
            '[[types]]\nid = "tsp"',
            '[[types]]\nid = "agency"\nname = "Agency Partner"\n\n[[types]]\nid = "tsp"',
        ),
        ('aliases = ["TSP", ', 'aliases = ["Shop Partner", '),
        (
            '[[regions]]\nname = "Japan"',
            '[[regions]]\nname = "Nordics"\ncountries = [\n  { code = "SE", name = "Sweden" },\n]\n\n'
            '[[regions]]\nname = "Japan"',
        ),
        ('{ code = "IE", name = "Ireland" }', '{ code = "IE", name = "Éire" }'),
    ):
        assert old in new, old
        new = new.replace(old, replacement, 1)
    path = tmp_path / "new.toml"
    path.write_text(new, encoding="utf-8")
    checked = invoke("validate", str(path))
    assert checked.exit_code == 0, checked.stdout
    lines = invoke("diff", str(CATALOG), str(path)).stdout.splitlines()
    assert lines[:6] == [
        "+ type agency (Agency Partner)",
        "~ type tsp aliases: + Shop Partner, - TSP",
        "+ region Nordics (Sweden)",
        "- region Brazil (Brazil)",
        "~ region EU countries: + Éire (IE), - Ireland (IE)",
        "tsp · Brazil",
    ]
    assert lines[-1].endswith("; types changed: agency, tsp; regions changed: Nordics, Brazil, EU")
    report = json.loads(invoke("diff", str(CATALOG), str(path), "--json").stdout)
    assert report["types"]["added"] == [{"id": "agency", "name": "Agency Partner", "aliases": []}]
    assert [r["name"] for r in report["regions"]["removed"]] == ["Brazil"]
    assert report["regions"]["removed"][0]["countries"] == [{"code": "BR", "name": "Brazil"}]
    rows = [
        json.loads(line)
        for line in invoke("diff", str(CATALOG), str(path), "--format", "jsonl").stdout.splitlines()
    ]
    entries = [
        (r["change"], r["type"] or r["registration_region"], r["field"], r["old"], r["new"]) for r in rows[:6]
    ]
    assert entries == [
        ("type added", "agency", "", "", ""),
        ("type changed", "tsp", "aliases", "", "Shop Partner"),
        ("type changed", "tsp", "aliases", "TSP", ""),
        ("region added", "Nordics", "", "", ""),
        ("region removed", "Brazil", "", "", ""),
        ("region changed", "EU", "countries", "", {"code": "IE", "name": "Éire"}),
    ]


def test_diff_ignores_an_order_that_changes_no_lookup(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, ('aliases = ["Nippon", "Nihon"]', 'aliases = ["Nihon", "Nippon"]'))
    result = invoke("diff", str(CATALOG), str(path))
    assert (result.exit_code, result.stdout) == (0, "no differences\n")


def test_diff_edition_beside_type_and_region_changes(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, ('edition = "2026-11-24"', 'edition = "2026-12-01"'), LOOKUP_EDITS[1])
    assert invoke("diff", str(CATALOG), str(path)).stdout == (
        "catalog edition: 2026-11-24 -> 2026-12-01\n"
        "~ region Japan aliases: - Nippon\n"
        "0 added, 0 removed, 0 changed; regions changed: Japan\n"
    )
