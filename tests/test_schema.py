"""Building a catalog: names get the checks service text gets, because every name is printed somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from catcli.errors import CatalogError
from catcli.loading import load, validate
from tests.conftest import CATALOG, Invoke

# Where each kind of name is written in catalog.toml, as (what is there, the entry, the field).
NAMES = [
    ('id = "tsp"', "types[0]", "id"),
    ('name = "TikTok Shop Partner"', "types[0]", "name"),
    ('"TikTok Shop Partner (TSP)"', "types[0]", "alias"),
    ('name = "United States"\naliases', "regions[0]", "name"),
    ('"United States of America"', "regions[0]", "alias"),
    ('name = "United States" }', "regions[0].countries[0]", "name"),
    ('source = "TikTok Shop Partner Center: Service categories"', "catalog", "source"),
]
HOSTILE = {
    "an escape sequence": "\\u001b]0;PWNED\\u0007",
    "a bidi override": "\\u202e",
    "a zero-width space": "\\u200b",
    "a Hangul filler (printable to Python, invisible)": "\\u3164",
    "a variation selector": "\\ufe0f",
    "a line break": "\\n",
    "page residue": "<br>",
}


def _with(tmp_path: Path, where: str, inserted: str) -> Path:
    """The catalog with INSERTED inside the first quoted value of WHERE (the name it holds)."""
    text = CATALOG.read_text(encoding="utf-8")
    assert where in text, where
    quote = text.index(where) + where.index('"') + 2  # after the first character of the value
    path = tmp_path / "catalog.toml"
    path.write_text(text[:quote] + inserted + text[quote:], encoding="utf-8")
    return path


@pytest.mark.parametrize(("where", "entry", "field"), NAMES, ids=[f"{e}.{f}" for _, e, f in NAMES])
@pytest.mark.parametrize("what", list(HOSTILE))
def test_every_name_is_checked_like_service_text(
    tmp_path: Path, where: str, entry: str, field: str, what: str
) -> None:
    path = _with(tmp_path, where, HOSTILE[what])
    catalog, problems = validate(path)
    found = [p for p in problems if p.entry == entry and p.message.startswith(f"{field} holds")]
    assert catalog is None and found, [str(p) for p in problems]
    assert all(p.line for p in found)
    with pytest.raises(CatalogError):
        load(path)


def test_a_hostile_region_name_never_reaches_the_terminal(invoke: Invoke, tmp_path: Path) -> None:
    """Issue 16: 'Ja\\x1b]0;PWNED\\x07pan' as a region name set the terminal's title (matrix --format csv)."""
    path = _with(tmp_path, 'name = "Japan"', "\\u001b]0;PWNED\\u0007")
    for fmt in ("csv", "tsv", "markdown", "table"):
        result = invoke("matrix", "--format", fmt, "--catalog", str(path))
        assert result.exit_code == 3 and result.stdout == ""
        assert "\x1b" not in result.stderr and "U+001B" in result.stderr


def test_an_alias_two_regions_claim_is_one_problem_at_the_entry_that_added_it(tmp_path: Path) -> None:
    """Issue 17: reported twice, at Brazil's entry, when it was Japan's new alias that took 'Brazil'."""
    text = CATALOG.read_text(encoding="utf-8").replace(
        '["Nippon", "Nihon"]', '["Nippon", "Nihon", "Brazil"]', 1
    )
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    catalog, problems = validate(path)
    japan = text.splitlines().index('name = "Japan"')  # the line under the entry's header
    assert catalog is None and [(p.entry, p.line) for p in problems] == [("regions[5]", japan)]
    assert problems[0].message == "'Brazil' would name two regions: 'Brazil' and 'Japan'"


def test_an_alias_two_types_give_is_the_later_ones_problem(tmp_path: Path) -> None:
    text = CATALOG.read_text(encoding="utf-8").replace('aliases = ["TSP",', 'aliases = ["TAP", "TSP",', 1)
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    _, problems = validate(path)
    assert [(p.entry, p.message) for p in problems] == [
        ("types[2]", "'TAP' would name two types: 'tsp' and 'affiliate'")
    ]
