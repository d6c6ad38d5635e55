"""Checking parsed TOML against the catalog's schema, collecting every problem.

``catcli validate`` shows every problem; loading for a query stops at the
first, since a query cannot trust the rest. The rules for a service row are
derived from ``model.Service``: every field is required, sequences are
non-empty arrays of strings, strings are non-empty and trimmed, and the
fields named in ``REFERENCES`` must name a known type or region. All other
string fields are text, checked for page residue and invisible characters.

Well-formed rows take a fast path of a few lookups; a row it refuses goes to
the slow path, which names every problem. The two must agree on what is
well-formed: tests/test_schema.py proves it on arbitrary rows.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from catcli.model import (
    EDITION_FIELDS,
    LIST_FIELDS,
    SERVICE_FIELDS,
    Catalog,
    Country,
    Edition,
    PartnerType,
    Region,
    Service,
)
from catcli.text import UNSAFE, name_key

# Which catalog entries a service field names: a partner type or a region.
REFERENCES = {"type": "types", "registration_region": "regions", "target_markets": "regions"}
TEXT_FIELDS = tuple(f for f in SERVICE_FIELDS if f not in REFERENCES and f not in LIST_FIELDS)
TOP_LEVEL = ("catalog", "types", "regions", "services")
# What an unrepaired copy from the Partner Center page leaves behind (compiled on first use).
_RESIDUE = r"(?i:<br\s*/?>)|<!--|-->|â€|Ã[\x80-\xbf]|ðŸ"  # only the tag ignores case
# Substrings that every residue match contains: `in` scans a large catalog
# ~20x faster than the regex, which then runs only on a hit.
_RESIDUE_MARKERS = ("<", "-->", "â€", "Ã", "ðŸ")
_ENTRY_HEADER = r"\s*\[\[?\s*(\w+)\s*\]\]?\s*(?:#.*)?$"  # [[services]] or [catalog]


class Problem(NamedTuple):
    """One thing wrong with a catalog, with its place.

    entry names the catalog entry ('services[12]', 'regions[3].countries[0]',
    'types'), or is empty for TOML syntax errors, which have only a position.
    """

    entry: str
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def place(self) -> str:
        position = f"line {self.line}" if self.line else ""
        if position and self.column:
            position += f", column {self.column}"
        if not self.entry:
            return position or "catalog"
        return f"{self.entry} ({position})" if position else self.entry

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class _Checker:
    """Collects problems; finds line numbers only once there is a problem to place."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []
        self._lines: dict[str, list[int]] | None = None

    def add(self, entry: str, message: str) -> None:
        self.problems.append(Problem(entry, message, self._line_of(entry)))

    def _line_of(self, entry: str) -> int | None:
        """The line of the header an entry ('regions[3].countries[0]', 'catalog') is under."""
        head, _, index = entry.partition(".")[0].partition("[")
        if not index:  # a single table: [catalog]
            return self.entry_line(head, 0)
        if not index.endswith("]") or not index[:-1].isdigit():
            return None
        return self.entry_line(head, int(index[:-1]))

    def entry_line(self, section: str, index: int) -> int | None:
        """Line of the index-th ``[[section]]`` header, found only when needed."""
        if self._lines is None:
            self._lines = {}
            header_of = re.compile(_ENTRY_HEADER).match
            for number, text in enumerate(self.text.split("\n"), start=1):
                header = header_of(text)
                if header:
                    self._lines.setdefault(header.group(1), []).append(number)
        lines = self._lines.get(section, [])
        return lines[index] if index < len(lines) else None

    def locate(self, section: str, index: int, within: str = "") -> str:
        """The entry's name; its line is found only if a problem is added under it.

        A nested entry ('regions[3].countries[0]', written inline) takes the
        line of the entry it is within.
        """
        return f"{within}.{section}[{index}]" if within else f"{section}[{index}]"


def check(data: Mapping[str, Any], text: str = "") -> tuple[Catalog | None, list[Problem]]:
    """Build a catalog from parsed TOML, collecting every problem found."""
    checker = _Checker(text)
    for name in data:
        if name not in TOP_LEVEL:
            checker.add(name, f"unknown top-level key (expected {', '.join(TOP_LEVEL)})")
    edition = _check_edition(data.get("catalog"), checker)
    types = _check_types(data.get("types"), checker)
    regions = _check_regions(data.get("regions"), checker)
    known = {"types": {t.id for t in types}, "regions": {r.name for r in regions}}
    services = _check_services(data.get("services"), known, checker)
    if checker.problems:
        return None, checker.problems
    return Catalog(tuple(types), tuple(regions), tuple(services), edition), []


def _check_edition(value: Any, checker: _Checker) -> Edition:
    """The optional [catalog] table: source, edition and imported, dates as YYYY-MM-DD."""
    if value is None:
        return Edition()
    if not isinstance(value, dict):
        checker.add("catalog", "must be a table ([catalog])")
        return Edition()
    _unknown_keys(value, EDITION_FIELDS, "catalog", checker)
    fields: dict[str, str] = {}
    for name in EDITION_FIELDS:
        if name not in value:
            continue
        text = _string(value, name, "catalog", checker)
        if name != "source" and text and not _is_date(text):
            checker.add("catalog", f"{name!r} must be a real day written YYYY-MM-DD, not {text!r}")
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


def _tables(value: Any, name: str, checker: _Checker) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if value is None:
        checker.add(name, f"missing: the catalog needs at least one [[{name}]] entry")
        return
    if not isinstance(value, list) or not value:
        checker.add(name, f"must be a non-empty array of tables ([[{name}]])")
        return
    for index, item in enumerate(value):
        if isinstance(item, dict):
            yield index, item
        else:
            checker.add(f"{name}[{index}]", "must be a table")


def _string(table: Mapping[str, Any], name: str, entry: str, checker: _Checker) -> str:
    value = table.get(name)
    if value is None:
        checker.add(entry, f"missing key {name!r}")
        return ""
    if not isinstance(value, str):
        checker.add(entry, f"{name!r} must be a string, not {_toml_type(value)}")
        return ""
    if not value.strip():
        checker.add(entry, f"{name!r} is empty")
    return value


def _strings(
    table: Mapping[str, Any], name: str, entry: str, checker: _Checker, *, required: bool
) -> tuple[str, ...]:
    value = table.get(name)
    if value is None:
        if required:
            checker.add(entry, f"missing key {name!r}")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        checker.add(entry, f"{name!r} must be an array of non-empty strings")
        return ()
    if required and not value:
        checker.add(entry, f"{name!r} is empty")
    return tuple(value)


def _unknown_keys(table: Mapping[str, Any], allowed: Iterable[str], entry: str, checker: _Checker) -> None:
    allowed = tuple(allowed)
    for name in table:
        if name not in allowed:
            checker.add(entry, f"unknown key {name!r} (expected {', '.join(allowed)})")


def _check_types(value: Any, checker: _Checker) -> list[PartnerType]:
    types: list[PartnerType] = []
    owner: dict[str, str] = {}
    for index, table in _tables(value, "types", checker):
        entry = checker.locate("types", index)
        _unknown_keys(table, PartnerType._fields, entry, checker)
        partner = PartnerType(
            id=_string(table, "id", entry, checker),
            name=_string(table, "name", entry, checker),
            aliases=_strings(table, "aliases", entry, checker, required=False),
        )
        for label in partner.labels():
            _claim(owner, label, partner.id, entry, "type", checker)
        types.append(partner)
    return types


def _check_regions(value: Any, checker: _Checker) -> list[Region]:
    regions: list[Region] = []
    owner: dict[str, str] = {}
    for index, table in _tables(value, "regions", checker):
        entry = checker.locate("regions", index)
        _unknown_keys(table, Region._fields, entry, checker)
        countries: list[Country] = []
        for c_index, country in _tables(table.get("countries"), f"{entry}.countries", checker):
            c_entry = checker.locate("countries", c_index, within=entry)
            _unknown_keys(country, Country._fields, c_entry, checker)
            code = _string(country, "code", c_entry, checker)
            if code and not (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()):
                checker.add(
                    c_entry, f"code {code!r} must be an ISO 3166-1 alpha-2 code (two capital letters)"
                )
            countries.append(Country(code=code, name=_string(country, "name", c_entry, checker)))
        region = Region(
            name=_string(table, "name", entry, checker),
            countries=tuple(countries),
            aliases=_strings(table, "aliases", entry, checker, required=False),
        )
        for label in region.labels():
            _claim(owner, label, region.name, entry, "region", checker)
        regions.append(region)
    return regions


def _claim(owner: dict[str, str], label: str, target: str, entry: str, what: str, checker: _Checker) -> None:
    """Record that label names target; a label naming two things is a problem."""
    label_key = name_key(label)
    if not label_key:
        return
    previous = owner.setdefault(label_key, target)
    if previous != target:
        checker.add(entry, f"{label!r} would name two {what}s: {previous!r} and {target!r}")


def _check_services(value: Any, known: Mapping[str, set[str]], checker: _Checker) -> list[Service]:
    services: list[Service] = []
    indices: list[int] = []  # each accepted service's place in the file, for messages
    seen: dict[tuple[object, ...], int] = {}
    for index, table in _tables(value, "services", checker):
        service = fast_service(table, known)
        if service is None:
            service = slow_service(index, table, known, checker)
            if service is None:
                continue
        identity = service.identity()
        if identity in seen:
            _service_problem(
                checker, index, f"duplicates services[{seen[identity]}] (same type, regions and categories)"
            )
            continue
        seen[identity] = index
        services.append(service)
        indices.append(index)
    _check_text(services, indices, checker)
    return services


# The fast path's plan, derived from the declaration: (position, section or None) per field.
_STRING_PLAN = tuple(
    (i, REFERENCES.get(name)) for i, name in enumerate(SERVICE_FIELDS) if name not in LIST_FIELDS
)
_LIST_PLAN = tuple((i, REFERENCES.get(name)) for i, name in enumerate(SERVICE_FIELDS) if name in LIST_FIELDS)


def fast_service(table: Mapping[str, Any], known: Mapping[str, set[str]]) -> Service | None:
    """A well-formed row in a few lookups; None sends it to the slow path to be explained.

    Well-formed: exactly the declared keys; strings non-empty, trimmed, without
    doubled spaces; lists non-empty lists of such strings; references known.
    """
    if len(table) != len(SERVICE_FIELDS):
        return None
    try:
        values = [table[name] for name in SERVICE_FIELDS]
        for i, section in _STRING_PLAN:
            value = values[i]
            if type(value) is not str or not value or value != value.strip() or "  " in value:
                return None
            if section is not None and value not in known[section]:
                return None
        for i, section in _LIST_PLAN:
            items = values[i]
            if type(items) is not list or not items:
                return None
            # known names are trimmed strings: a superset proves every item is one
            if section is not None and not known[section].issuperset(items):
                return None
            if section is None and not all(type(v) is str and v and v == v.strip() for v in items):
                return None
            values[i] = tuple(items)
    except (KeyError, TypeError):  # a missing key; an unhashable item among a list's values
        return None
    return Service._make(values)


def slow_service(
    index: int, table: Mapping[str, Any], known: Mapping[str, set[str]], checker: _Checker
) -> Service | None:
    """Name every problem of a row the fast path refused."""
    before = len(checker.problems)
    entry = checker.locate("services", index)
    _unknown_keys(table, SERVICE_FIELDS, entry, checker)
    values: dict[str, Any] = {
        name: _strings(table, name, entry, checker, required=True)
        if name in LIST_FIELDS
        else _string(table, name, entry, checker)
        for name in SERVICE_FIELDS
    }
    if len(checker.problems) != before:
        return None
    for name, section in REFERENCES.items():
        for value in values[name] if name in LIST_FIELDS else (values[name],):
            if value not in known[section]:
                _service_problem(checker, index, _unknown_reference(section, value, known[section]))
    for name in SERVICE_FIELDS:
        for value in values[name] if name in LIST_FIELDS else (values[name],):
            if value != value.strip():
                _service_problem(checker, index, f"{name} has leading or trailing whitespace")
            elif "  " in value:
                _service_problem(checker, index, f"{name} holds doubled spaces")
    if len(checker.problems) != before:
        for name in TEXT_FIELDS:  # a refused row's text is checked here: validate lists every problem
            for message in text_problems(name, values[name]):
                _service_problem(checker, index, message)
        return None
    return Service(**values)


def _unknown_reference(section: str, value: str, known: set[str]) -> str:
    if section == "types":
        return f"unknown type {value!r} (known: {', '.join(sorted(known))})"
    return f"unknown region {value!r} (use a region's exact name)"


def _check_text(services: list[Service], indices: list[int], checker: _Checker) -> None:
    """Page residue and invisible characters in the text fields.

    One cheap scan first; rows are looked at only when it finds something. A
    file without a backslash has no escapes, so every string in it is a
    verbatim piece of the file: the file itself can be scanned.
    """
    raw = checker.text
    if raw and "\\" not in raw:
        text = raw
    else:
        text = "\n".join([getattr(s, name) for s in services for name in TEXT_FIELDS])
    residue = any(marker in text for marker in _RESIDUE_MARKERS)
    if not residue and text.replace("\n", " ").isprintable():
        return
    for index, service in zip(indices, services, strict=True):
        for name in TEXT_FIELDS:
            for message in text_problems(name, getattr(service, name)):
                _service_problem(checker, index, message)


def text_problems(name: str, value: str) -> Iterator[str]:
    """What is wrong with one text field: page residue, invisible characters."""
    residue = re.search(_RESIDUE, value)
    if residue:
        yield f"{name} holds markup or mojibake residue {residue.group()!r}"
    hidden = re.search(UNSAFE, value)
    if hidden:
        yield f"{name} holds an invisible or control character U+{ord(hidden.group()):04X}"


def _service_problem(checker: _Checker, index: int, message: str) -> None:
    checker.add(checker.locate("services", index), message)


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
