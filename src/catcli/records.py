"""What each command prints, as typed records: the one definition of every output shape.

Every record is a NamedTuple whose fields, in order, are its JSON keys; the
JSON, JSON Lines, CSV, TSV and markdown renderers and the Rich tables all
consume these records, so no output can disagree with another.
``model.as_json`` is the only conversion to JSON values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from catcli.model import Catalog, Country
from catcli.query import markets_of
from catcli.text import name_key


def fields(record_type: type[Any]) -> tuple[str, ...]:
    """A record type's JSON keys, in order."""
    return tuple(record_type._fields)


class RegionSummary(NamedTuple):
    """`catcli regions`: a registration region, its members and the markets it may target."""

    name: str
    countries: tuple[Country, ...]
    aliases: tuple[str, ...]
    target_markets: tuple[str, ...]


class TypeSummary(NamedTuple):
    """`catcli types`: a partner type and how much it may offer."""

    id: str
    name: str
    aliases: tuple[str, ...]
    service_categories: int
    services: int


class ProblemRecord(NamedTuple):
    """`catcli validate`: one problem, placed."""

    file: str
    line: int | None
    column: int | None
    entry: str
    message: str


def regions(catalog: Catalog) -> list[RegionSummary]:
    return [
        RegionSummary(
            name=r.name,
            countries=r.countries,
            aliases=r.aliases,
            target_markets=tuple(markets_of(r.name, catalog.services, catalog.regions)),
        )
        for r in catalog.regions
    ]


def types(catalog: Catalog) -> list[TypeSummary]:
    records = []
    for partner in catalog.types:
        rows = [s for s in catalog.services if s.type == partner.id]
        records.append(
            TypeSummary(
                id=partner.id,
                name=partner.name,
                aliases=partner.aliases,
                service_categories=len({name_key(s.service_category) for s in rows}),
                services=len(rows),
            )
        )
    return records


def problems(file: str, found: Sequence[Any]) -> list[ProblemRecord]:
    """Problems in file order (unplaced ones first)."""
    ordered = sorted(found, key=lambda p: p.line or 0)
    return [ProblemRecord(file, p.line, p.column, p.entry, p.message) for p in ordered]
