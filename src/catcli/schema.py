"""Building a catalog from parsed TOML, collecting every problem on the way.

``catcli validate`` shows every problem; loading for a query stops at the
first, since a query cannot trust the rest. This module checks the top level,
the ``[catalog]`` table, the types and the regions; the service rows are
checked by catcli.rows, with rules derived from the model's field facts.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from catcli.model import EDITION_FIELDS, CatalogData, Country, Edition, PartnerType, Region
from catcli.problems import (
    RESIDUE_MARKERS,
    Checker,
    Problem,
    entry_name,
    name_problems,
    oversized,
    string,
    strings,
    tables,
    unknown_keys,
)
from catcli.rows import Known, check_services
from catcli.text import has_unsafe, name_key

TOP_LEVEL = ("catalog", "types", "regions", "services")


def build(data: Mapping[str, Any], text: str = "") -> tuple[CatalogData | None, list[Problem]]:
    """Build a catalog from parsed TOML, collecting every problem found."""
    checker = Checker(text)
    for name in data:
        if name not in TOP_LEVEL:
            checker.add(name, f"unknown top-level key (expected {', '.join(TOP_LEVEL)})")
    edition = _check_edition(data.get("catalog"), checker)
    types = _check_types(data.get("types"), checker)
    regions = _check_regions(data.get("regions"), checker)
    known: Known = {"types": {t.id for t in types}, "regions": {r.name for r in regions}}
    services = check_services(data.get("services"), known, checker)
    if checker.problems:
        return None, checker.problems
    return CatalogData(tuple(types), tuple(regions), tuple(services), edition), []


def _check_edition(value: Any, checker: Checker) -> Edition:
    """The optional [catalog] table: source, edition and imported, dates as YYYY-MM-DD."""
    if value is None:
        return Edition()
    if not isinstance(value, dict):
        checker.add("catalog", "must be a table ([catalog])")
        return Edition()
    unknown_keys(value, EDITION_FIELDS, "catalog", checker)
    fields: dict[str, str] = {}
    for name in EDITION_FIELDS:
        if name not in value:
            continue
        text = string(value, name, "catalog", checker)
        if name != "source" and text and not _is_date(text):
            checker.add("catalog", f"{name!r} must be a real day written YYYY-MM-DD, not {text!r}")
        _names(checker, "catalog", [(name, text)])
        fields[name] = text
    return Edition(**fields)


def _is_date(text: str) -> bool:
    """YYYY-MM-DD naming a real day (without importing datetime on every load)."""
    year, month, day = (text.split("-") + ["", ""])[:3] if text.count("-") == 2 else ("", "", "")
    if not (len(year) == 4 and len(month) == 2 and len(day) == 2):
        return False
    if not (year + month + day).isdigit() or not (year + month + day).isascii():
        return False
    y, m, d = int(year), int(month), int(day)
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= m <= 12 and 1 <= d <= days[m - 1]


def _check_types(value: Any, checker: Checker) -> list[PartnerType]:
    types: list[PartnerType] = []
    owner: dict[str, str] = {}
    for index, table in tables(value, "types", checker):
        entry = entry_name("types", index)
        unknown_keys(table, PartnerType._fields, entry, checker)
        partner = PartnerType(
            id=string(table, "id", entry, checker),
            name=string(table, "name", entry, checker),
            aliases=strings(table, "aliases", entry, checker, required=False),
        )
        _names(
            checker,
            entry,
            [("id", partner.id), ("name", partner.name), *(("alias", a) for a in partner.aliases)],
        )
        for label in partner.labels():
            _claim(owner, label, partner.id, entry, "type", checker)
        types.append(partner)
    return types


def _check_regions(value: Any, checker: Checker) -> list[Region]:
    regions: list[Region] = []
    owner: dict[str, str] = {}
    for index, table in tables(value, "regions", checker):
        entry = entry_name("regions", index)
        unknown_keys(table, Region._fields, entry, checker)
        countries: list[Country] = []
        for c_index, country in tables(table.get("countries"), f"{entry}.countries", checker):
            c_entry = entry_name("countries", c_index, within=entry)
            unknown_keys(country, Country._fields, c_entry, checker)
            code = string(country, "code", c_entry, checker)
            if code and not (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()):
                checker.add(
                    c_entry, f"code {code!r} must be an ISO 3166-1 alpha-2 code (two capital letters)"
                )
            countries.append(Country(code=code, name=string(country, "name", c_entry, checker)))
            _names(checker, c_entry, [("name", countries[-1].name)])
        region = Region(
            name=string(table, "name", entry, checker),
            countries=tuple(countries),
            aliases=strings(table, "aliases", entry, checker, required=False),
        )
        _names(checker, entry, [("name", region.name), *(("alias", a) for a in region.aliases)])
        for label in region.labels():
            _claim(owner, label, region.name, entry, "region", checker)
        regions.append(region)
    return regions


def _names(checker: Checker, entry: str, names: Iterable[tuple[str, str]]) -> None:
    """Names get the checks service text gets, and are one line: a name is printed in titles,
    headers and messages, where a control character could drive the terminal."""
    for field, value in names:
        markers = any(m in value for m in RESIDUE_MARKERS)
        if not has_unsafe(value) and "\n" not in value and not markers and not oversized(value):
            continue  # the common case, in one scan
        for message in name_problems(field, value):
            checker.add(entry, message)


def _claim(owner: dict[str, str], label: str, target: str, entry: str, what: str, checker: Checker) -> None:
    """Record that label names target; a label naming two things is a problem."""
    label_key = name_key(label)
    if not label_key:
        return
    previous = owner.setdefault(label_key, target)
    if previous != target:
        checker.add(entry, f"{label!r} would name two {what}s: {previous!r} and {target!r}")
