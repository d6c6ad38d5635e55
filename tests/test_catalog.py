"""Loading and checking catalog files: real files, real parser, every failure named."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catcli.errors import EXIT_DATA, CatalogError
from catcli.loading import load
from catcli.model import SERVICE_FIELDS, Service
from tests.conftest import CATALOG, Invoke
from tests.test_files import loads_or_catalog_error

# The line that the tests break by dropping a closing quote.
MCN_LINE = CATALOG.read_text(encoding="utf-8").splitlines().index('id = "mcn"') + 1


def _edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = CATALOG.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "catalog.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_shipped_catalog_loads_with_types_regions_and_68_services() -> None:
    catalog = load(CATALOG)
    assert [t.id for t in catalog.types] == ["tsp", "mcn", "affiliate"]
    assert [r.name for r in catalog.regions] == [
        "United States",
        "China & Hong Kong",
        "United Kingdom",
        "EU",
        "SEA",
        "Japan",
        "Mexico",
        "Brazil",
    ]
    assert len(catalog.services) == 68
    assert {c.code for r in catalog.regions for c in r.countries} >= {"GB", "DE", "SG", "HK", "CN"}


def test_service_as_dict_has_the_contract_keys_in_order() -> None:
    service = Service("tsp", "Japan", ("Japan",), "Main", "Service", "Definition")
    assert tuple(service.as_dict()) == SERVICE_FIELDS
    assert service.as_dict()["target_markets"] == ["Japan"]


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="catalog not found: .*nope.toml") as info:
        load(tmp_path / "nope.toml")
    assert info.value.exit_code == EXIT_DATA
    assert info.value.hint and "CATCLI_CATALOG" in info.value.hint


def test_directory_is_not_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="is a directory"):
        load(tmp_path)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes("name = 'Mé'".encode("latin-1"))
    with pytest.raises(CatalogError, match="not UTF-8"):
        load(path)


def test_invalid_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'id = "mcn"', 'id = "mcn')
    with pytest.raises(CatalogError, match=rf"catalog.toml:{MCN_LINE}:10: invalid TOML"):
        load(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('type = "mcn"', 'type = "agency"', r"services\[52\] \(line \d+\): type: unknown type 'agency'"),
        ('registration_region = "Japan"', 'registration_region = "Atlantis"', r"unknown region 'Atlantis'"),
        ('target_markets = ["Japan"]', "target_markets = []", r"'target_markets' is empty"),
        (
            "main_category = 'Mass Operation'",
            "main_category = 7",
            r"'main_category' must be a string, not a number",
        ),
        ("service_category = 'Paid Media'", 'service_category = ""', r"'service_category' is empty"),
        ("definition = 'All Closed", "notes = 'x'\ndefinition = 'All Closed", r"unknown key 'notes'"),
        ("service_category = 'Paid Media'", 'service_category = "Paid<br>Media"', r"residue '<br>'"),
        ("service_category = 'Paid Media'", 'service_category = "Paid Mediaâ€™"', r"residue 'â€'"),
        (
            "service_category = 'Paid Media'",
            'service_category = " Paid Media"',
            r"leading or trailing whitespace",
        ),
        ('aliases = ["Brasil"]', 'aliases = ["Brasil", "Japan"]', r"'Japan' would name two regions"),
        ('{ code = "BR", name = "Brazil" }', '{ code = "bra", name = "Brazil" }', r"ISO 3166-1 alpha-2"),
        ("\n[catalog]\n", '\ncolour = "red"\n[catalog]\n', r"colour: unknown top-level key"),
    ],
)
def test_schema_violations_name_the_entry(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        load(_edited(tmp_path, old, new))


def test_duplicate_service_is_refused(tmp_path: Path) -> None:
    text = CATALOG.read_text(encoding="utf-8")
    block = text[text.index("\n[[services]]\n") + 1 :].split("\n\n")[0]
    path = tmp_path / "dup.toml"
    path.write_text(text + "\n" + block + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"services\[68\] \(line \d+\): duplicates services\[0\]"):
        load(path)


def test_missing_sections_are_each_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"types: missing.*\(and 2 more\)"):
        load(path)


def test_cli_bad_catalog_exits_3_without_traceback(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, 'id = "mcn"', 'id = "mcn')
    result = invoke("list", "--catalog", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "catcli: error:" in result.stderr and f":{MCN_LINE}:10: invalid TOML" in result.stderr
    assert "Traceback" not in result.output


def test_catalog_from_environment_variable(invoke: Invoke, tmp_path: Path) -> None:
    path = _edited(tmp_path, "service_category = 'Paid Media'", 'service_category = "Paid Ads"')
    result = invoke("show", "Paid Ads", "--json", env={"CATCLI_CATALOG": str(path)})
    assert result.exit_code == 0
    assert invoke("show", "Paid Ads").exit_code == 1  # the shipped catalog is untouched
    missing = invoke("list", env={"CATCLI_CATALOG": str(tmp_path / "gone.toml")})
    assert missing.exit_code == 3 and "gone.toml" in missing.stderr


def test_check_reports_every_problem_at_its_own_entry(tmp_path: Path) -> None:
    import tomli

    from catcli.schema import build

    text = CATALOG.read_text(encoding="utf-8")
    text = text.replace('registration_region = "United States"', 'registration_region = "Atlantis"', 1)
    text = text.replace("service_category = 'Paid Media'", 'service_category = "Paid<br>Media"', 1)
    catalog, problems = build(tomli.loads(text), text)
    assert catalog is None
    messages = [str(p) for p in problems]
    assert len(messages) == 2, messages
    assert messages[0].startswith("services[0] (line ") and "unknown region 'Atlantis'" in messages[0]
    paid = next(i for i, s in enumerate(load(CATALOG).services) if s.service_category == "Paid Media")
    assert messages[1].startswith(f"services[{paid}] (line ") and "residue '<br>'" in messages[1]
    line = problems[1].line
    assert line is not None
    block = text.splitlines()[line - 1 : line + 6]
    assert block[0] == "[[services]]" and 'service_category = "Paid<br>Media"' in block


@pytest.mark.parametrize(
    ("markets", "message"),
    [
        ('[["Japan"]]', "'target_markets' must be an array of non-empty strings"),
        ("[{ name = 'Japan' }]", "'target_markets' must be an array of non-empty strings"),
        ('"Japan"', "'target_markets' must be an array of non-empty strings"),
        ('["Japan", "Atlantis"]', "unknown region 'Atlantis'"),
    ],
)
def test_malformed_target_markets_are_named(tmp_path: Path, markets: str, message: str) -> None:
    path = _edited(tmp_path, 'target_markets = ["Japan"]', f"target_markets = {markets}")
    with pytest.raises(CatalogError, match=re.escape(message)):
        load(path)


def test_load_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    load(CATALOG)
    assert gc.isenabled()
    with pytest.raises(CatalogError):
        load(tmp_path / "missing.toml")
    assert gc.isenabled()
    broken = _edited(tmp_path, 'id = "mcn"', 'id = "mcn')
    with pytest.raises(CatalogError):
        load(broken)
    assert gc.isenabled()


LINES = CATALOG.read_text(encoding="utf-8").splitlines(keepends=True)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_raise_catalog_error(data: bytes) -> None:
    loads_or_catalog_error(data)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=8, unique=True))
def test_catalog_with_lines_deleted_loads_or_raises_catalog_error(dropped: list[int]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "cut.toml"
        path.write_text("".join(x for i, x in enumerate(LINES) if i not in dropped), encoding="utf-8")
        try:
            load(path)
        except CatalogError as exc:
            assert exc.exit_code == EXIT_DATA


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # an escape spells the residue: only the parsed value shows it
        ("service_category = 'Paid Media'", 'service_category = "Paid \\u003cbr\\u003e Media"'),
        ("service_category = 'Paid Media'", 'service_category = "Paid \\u00e2\\u20ac\\u2122 Media"'),
        # the residue is literal text in a file that also holds an escape elsewhere
        ("service_category = 'Paid Media'", 'service_category = "Paid<br/>Media"\n# a \\ in a comment'),
    ],
)
def test_residue_is_found_however_it_is_written(tmp_path: Path, old: str, new: str) -> None:
    with pytest.raises(CatalogError, match="residue"):
        load(_edited(tmp_path, old, new))


def test_marker_characters_outside_values_are_not_residue(tmp_path: Path) -> None:
    path = _edited(tmp_path, "[[types]]\n", "# <br> and â€ in a comment are not in any value\n[[types]]\n")
    assert len(load(path).services) == 68
