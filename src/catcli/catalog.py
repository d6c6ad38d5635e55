"""The catalog: its data types, and reading and checking ``catalog.toml``.

Checking collects *every* problem (``catcli validate`` shows them all);
loading for a query stops at the first, since a query cannot trust the rest.

The model types are typed NamedTuples rather than frozen dataclasses: just as
immutable, but defining one costs ~46 µs against ~290 µs, and they are
defined on every run of a command that must start in a few milliseconds
(see bench/README.md).
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from catcli.errors import CatalogError
from catcli.text import key

ENV_VAR = "CATCLI_CATALOG"
SERVICE_KEYS = (
    "type",
    "registration_region",
    "target_markets",
    "main_category",
    "service_category",
    "definition",
)
_TEXT_KEYS = ("main_category", "service_category", "definition")
# What an unrepaired copy from the Partner Center page leaves behind.
_RESIDUE = re.compile(r"<br\s*/?>|<!--|-->|â€|Ã[\x80-\xbf]|ðŸ", re.IGNORECASE)
# Substrings that every residue match contains: `in` scans a large catalog
# ~20x faster than the regex, which then runs only on a hit.
_RESIDUE_MARKERS = ("<", "-->", "â€", "Ã", "ðŸ")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_ENTRY_HEADER = re.compile(r"\s*\[\[\s*(\w+)\s*\]\]")


class PartnerType(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """Every name this type answers to."""
        return (self.id, self.name, *self.aliases)


class Country(NamedTuple):
    code: str
    name: str


class Region(NamedTuple):
    name: str
    countries: tuple[Country, ...]
    aliases: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """Every name this region answers to: its own, aliases, member countries and their codes."""
        return (
            self.name,
            *self.aliases,
            *(c.code for c in self.countries),
            *(c.name for c in self.countries),
        )


class Service(NamedTuple):
    """One row of the Partner Center tables."""

    type: str
    registration_region: str
    target_markets: tuple[str, ...]
    main_category: str
    service_category: str
    definition: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract's shape, keys in contract order."""
        return {
            "type": self.type,
            "registration_region": self.registration_region,
            "target_markets": list(self.target_markets),
            "main_category": self.main_category,
            "service_category": self.service_category,
            "definition": self.definition,
        }

    def identity(self) -> tuple[object, ...]:
        """What makes two rows the same service: every field but the definition.

        A slice, not a new tuple of attributes: it runs once per row on load.
        """
        return self[:5]


class Catalog(NamedTuple):
    types: tuple[PartnerType, ...]
    regions: tuple[Region, ...]
    services: tuple[Service, ...]
    source: str = ""


class Problem(NamedTuple):
    """One thing wrong with a catalog, with where it is.

    entry names the catalog entry ('services[12]', 'regions[3].countries[0]',
    'types'), or is empty for TOML syntax errors, which have only a position.
    """

    entry: str
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        position = f"line {self.line}" if self.line else ""
        if position and self.column:
            position += f", column {self.column}"
        if not self.entry:
            return position or "catalog"
        return f"{self.entry} ({position})" if position else self.entry

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class _Checker:
    """Collects problems; finds line numbers only once there is a problem to place."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []
        self._lines: dict[str, list[int]] | None = None
        self._located: dict[str, int | None] = {}

    def add(self, entry: str, message: str) -> None:
        self.problems.append(Problem(entry, message, self._located.get(entry)))

    def entry_line(self, kind: str, index: int) -> int | None:
        """Line of the index-th ``[[kind]]`` header, found only when needed."""
        if self._lines is None:
            self._lines = {}
            for number, text in enumerate(self.text.splitlines(), start=1):
                header = _ENTRY_HEADER.match(text)
                if header:
                    self._lines.setdefault(header.group(1), []).append(number)
        lines = self._lines.get(kind, [])
        return lines[index] if index < len(lines) else None

    def locate(self, kind: str, index: int, within: str = "") -> str:
        """The entry's name, remembering its line for any problem added under it.

        A nested entry ('regions[3].countries[0]', written inline) takes the
        line of the entry it is within.
        """
        entry = f"{within}.{kind}[{index}]" if within else f"{kind}[{index}]"
        if entry not in self._located:
            self._located[entry] = self._located.get(within) if within else self.entry_line(kind, index)
        return entry


def default_path() -> Path:
    """The catalog shipped inside the package, or the checkout's for an editable install."""
    packaged = Path(__file__).with_name("catalog.toml")
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "catalog.toml"
    return checkout if checkout.is_file() else packaged


def resolve_path(explicit: str | os.PathLike[str] | None) -> Path:
    """--catalog beats $CATCLI_CATALOG beats the shipped catalog."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else default_path()


def read_text(path: Path, kind: str = "catalog") -> str:
    """A catalog's (or a document's) text; every way that fails is a CatalogError."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        hint = f"pass --catalog PATH or set {ENV_VAR}, or unset it to use the shipped catalog"
        raise CatalogError(f"{kind} not found: {path}", hint=hint if kind == "catalog" else None) from None
    except IsADirectoryError:
        raise CatalogError(f"{kind} is a directory, not a file: {path}") from None
    except OSError as exc:
        raise CatalogError(f"cannot read {kind} {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise CatalogError(
            f"{path}:{exc.lineno}:{exc.colno}: invalid TOML: {exc.msg}",
            hint="fix the file, or check it with: catcli validate PATH",
        ) from None


def validate_file(path: Path) -> tuple[Catalog | None, list[Problem]]:
    """Every problem of a catalog file, TOML syntax included; unreadable files still raise."""
    import tomli

    text = read_text(path)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        return None, [Problem("", f"invalid TOML: {exc.msg}", exc.lineno, exc.colno)]
    return check(data, text, str(path))


def load(path: Path) -> Catalog:
    """Read, parse and check a catalog; the first problem is fatal."""
    text = read_text(path)
    # Parsing allocates a container per value and nothing here forms a cycle;
    # pausing the collector saves it rescanning a growing heap (~6% of a
    # large catalog's load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        catalog, problems = check(parse_toml(text, path), text, str(path))
    finally:
        if collecting:
            gc.enable()
    if problems or catalog is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CatalogError(
            f"{path}: {first}{more}",
            hint=f"see every problem with: catcli validate {path}",
        )
    return catalog


def check(data: Mapping[str, Any], text: str = "", source: str = "") -> tuple[Catalog | None, list[Problem]]:
    """Build a catalog from parsed TOML, collecting every problem found."""
    checker = _Checker(text)
    for name in data:
        if name not in ("types", "regions", "services"):
            checker.add(name, "unknown top-level key (expected types, regions, services)")
    types = _check_types(data.get("types"), checker)
    regions = _check_regions(data.get("regions"), checker)
    services = _check_services(
        data.get("services"), {t.id for t in types}, {r.name for r in regions}, checker
    )
    if checker.problems:
        return None, checker.problems
    return Catalog(tuple(types), tuple(regions), tuple(services), source), []


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


def _string(table: Mapping[str, Any], name: str, where: str, checker: _Checker) -> str:
    value = table.get(name)
    if value is None:
        checker.add(where, f"missing key {name!r}")
        return ""
    if not isinstance(value, str):
        checker.add(where, f"{name!r} must be a string, not {_toml_type(value)}")
        return ""
    if not value.strip():
        checker.add(where, f"{name!r} is empty")
    return value


def _strings(
    table: Mapping[str, Any], name: str, where: str, checker: _Checker, *, required: bool
) -> tuple[str, ...]:
    value = table.get(name)
    if value is None:
        if required:
            checker.add(where, f"missing key {name!r}")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        checker.add(where, f"{name!r} must be an array of non-empty strings")
        return ()
    if required and not value:
        checker.add(where, f"{name!r} is empty")
    return tuple(value)


def _unknown_keys(table: Mapping[str, Any], allowed: Iterable[str], where: str, checker: _Checker) -> None:
    allowed = tuple(allowed)
    for name in table:
        if name not in allowed:
            checker.add(where, f"unknown key {name!r} (expected {', '.join(allowed)})")


def _check_types(value: Any, checker: _Checker) -> list[PartnerType]:
    types: list[PartnerType] = []
    owner: dict[str, str] = {}
    for index, table in _tables(value, "types", checker):
        where = checker.locate("types", index)
        _unknown_keys(table, ("id", "name", "aliases"), where, checker)
        partner = PartnerType(
            _string(table, "id", where, checker),
            _string(table, "name", where, checker),
            _strings(table, "aliases", where, checker, required=False),
        )
        for label in partner.labels():
            _claim(owner, label, partner.id, where, "type", checker)
        types.append(partner)
    return types


def _check_regions(value: Any, checker: _Checker) -> list[Region]:
    regions: list[Region] = []
    owner: dict[str, str] = {}
    for index, table in _tables(value, "regions", checker):
        where = checker.locate("regions", index)
        _unknown_keys(table, ("name", "aliases", "countries"), where, checker)
        name = _string(table, "name", where, checker)
        countries: list[Country] = []
        for c_index, country in _tables(table.get("countries"), f"{where}.countries", checker):
            c_where = checker.locate("countries", c_index, within=where)
            _unknown_keys(country, ("code", "name"), c_where, checker)
            code = _string(country, "code", c_where, checker)
            if code and not _COUNTRY_CODE.fullmatch(code):
                checker.add(
                    c_where, f"code {code!r} must be an ISO 3166-1 alpha-2 code (two capital letters)"
                )
            countries.append(Country(code, _string(country, "name", c_where, checker)))
        region = Region(name, tuple(countries), _strings(table, "aliases", where, checker, required=False))
        for label in region.labels():
            _claim(owner, label, region.name, where, "region", checker)
        regions.append(region)
    return regions


def _claim(owner: dict[str, str], label: str, target: str, where: str, kind: str, checker: _Checker) -> None:
    """Record that label names target; a label naming two things is a problem."""
    label_key = key(label)
    if not label_key:
        return
    previous = owner.setdefault(label_key, target)
    if previous != target:
        checker.add(where, f"{label!r} would name two {kind}s: {previous!r} and {target!r}")


def _check_services(value: Any, types: set[str], regions: set[str], checker: _Checker) -> list[Service]:
    services: list[Service] = []
    indices: list[int] = []  # each accepted service's place in the file, for messages
    seen: dict[tuple[object, ...], int] = {}
    for index, table in _tables(value, "services", checker):
        service = _fast_service(table, types, regions)
        if service is None:
            service = _slow_service(index, table, types, regions, checker)
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
    _check_residue(services, indices, checker)
    return services


def _fast_service(table: Mapping[str, Any], types: set[str], regions: set[str]) -> Service | None:
    """A well-formed row in a few lookups; None sends it to the slow path to be explained."""
    if len(table) != 6:
        return None
    try:
        partner = table["type"]
        region = table["registration_region"]
        markets = table["target_markets"]
        main = table["main_category"]
        name = table["service_category"]
        definition = table["definition"]
    except KeyError:
        return None
    try:
        # regions holds only strings, so a superset also proves every market is one.
        markets_known = type(markets) is list and bool(markets) and regions.issuperset(markets)
    except TypeError:  # an unhashable value (array or table) among the markets
        return None
    if (
        markets_known
        and type(partner) is str
        and partner in types
        and type(region) is str
        and region in regions
        and type(main) is str
        and type(name) is str
        and type(definition) is str
        and main
        and name
        and definition
        and main == main.strip()
        and name == name.strip()
        and definition == definition.strip()
    ):
        return Service(partner, region, tuple(markets), main, name, definition)
    return None


def _slow_service(
    index: int, table: Mapping[str, Any], types: set[str], regions: set[str], checker: _Checker
) -> Service | None:
    """Name every problem of a row the fast path refused."""
    before = len(checker.problems)
    where = checker.locate("services", index)
    _unknown_keys(table, SERVICE_KEYS, where, checker)
    values = [
        _strings(table, k, where, checker, required=True)
        if k == "target_markets"
        else _string(table, k, where, checker)
        for k in SERVICE_KEYS
    ]
    if len(checker.problems) != before:
        return None
    partner, region, markets, main, name, definition = values
    assert isinstance(partner, str) and isinstance(region, str) and isinstance(markets, tuple)
    assert isinstance(main, str) and isinstance(name, str) and isinstance(definition, str)
    if partner not in types:
        _service_problem(checker, index, f"unknown type {partner!r} (known: {', '.join(sorted(types))})")
    for place in (region, *markets):
        if place not in regions:
            _service_problem(checker, index, f"unknown region {place!r} (use a region's exact name)")
    for field_name, text in zip(_TEXT_KEYS, (main, name, definition), strict=True):
        if text != text.strip():
            _service_problem(checker, index, f"{field_name} has leading or trailing whitespace")
    if len(checker.problems) != before:
        return None
    return Service(partner, region, markets, main, name, definition)


def _check_residue(services: list[Service], indices: list[int], checker: _Checker) -> None:
    """One scan over all text; rows are looked at only when it finds something.

    A file without a backslash has no escapes, so every string in it is a
    verbatim piece of the file: the file itself can be scanned.
    """
    raw = checker.text
    if raw and "\\" not in raw:
        text = raw
    else:
        text = "\n".join(f"{s.main_category}\n{s.service_category}\n{s.definition}" for s in services)
    if not any(marker in text for marker in _RESIDUE_MARKERS):
        return
    for index, service in zip(indices, services, strict=True):
        for field_name in _TEXT_KEYS:
            residue = _RESIDUE.search(getattr(service, field_name))
            if residue:
                _service_problem(
                    checker, index, f"{field_name} holds markup or mojibake residue {residue.group()!r}"
                )


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
