"""What each command prints, as typed records: the one definition of every output shape.

Every record is a NamedTuple whose fields, in order, are its JSON keys; the
machine formats print these records, and the tables for people are drawn
from the same records (catcli.render.sheet), so no output can disagree with
another. ``model.as_json`` is the only conversion to JSON values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from catcli.location import Reason
from catcli.model import CatalogData, Country, Edition, PartnerType, Region, Service, ServiceField
from catcli.query import markets_of
from catcli.text import name_key

if TYPE_CHECKING:
    from catcli.diff import CatalogDiff


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


def regions(catalog: CatalogData) -> list[RegionSummary]:
    return [
        RegionSummary(
            name=r.name,
            countries=r.countries,
            aliases=r.aliases,
            target_markets=tuple(markets_of(r.name, catalog.services, catalog.regions)),
        )
        for r in catalog.regions
    ]


def types(catalog: CatalogData) -> list[TypeSummary]:
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


class Answer(NamedTuple):
    """`catcli check`: the answer; made by catcli.eligibility."""

    eligible: bool
    service: str  # the name asked about, as typed
    type: str
    registration_region: str
    target_market: str | None
    reason: str  # when not eligible: why, in words
    services: tuple[Service, ...]  # the rows that make it a yes
    alternatives: tuple[Service, ...]  # when not eligible: every row by that name


class MatrixRow(NamedTuple):
    """`catcli matrix`: a service category (spellings merged) and where it is offered."""

    type: str
    main_category: str
    service_category: str
    registration_regions: tuple[str, ...]


class Info(NamedTuple):
    """The `info --json` keys, in order: documented in the README, so renaming one breaks scripts."""

    catcli_version: str
    catalog_path: str  # absolute path of the catalog in use
    chosen_by: Reason  # flag, environment, user or bundled
    lookup_order: tuple[Reason, ...]
    user_catalog_path: str | None  # where `catcli import` writes; None without a home directory
    source: str  # the source document's title
    edition: str  # YYYY-MM-DD: the day the document was taken
    imported: str  # YYYY-MM-DD: the day it was imported
    services: int
    services_by_type: dict[str, int]
    regions: int
    bundled_edition: str  # the edition this catcli ships
    newer_bundled_edition: bool  # the bundled catalog is a newer edition than the one in use


class FieldChange(NamedTuple):
    field: ServiceField
    old: str | list[str] | None
    new: str | list[str] | None


class ChangedService(NamedTuple):
    """A service both catalogs hold, named as the new one spells it, and what changed in it."""

    type: str
    registration_region: str
    main_category: str
    service_category: str
    changes: tuple[FieldChange, ...]


class EditionChange(NamedTuple):
    old: Edition
    new: Edition


class Rename(NamedTuple):
    old: str
    new: str


class TypeChange(NamedTuple):
    """A partner type both catalogs hold, by id: its new name, the aliases it gained and lost."""

    id: str
    renamed: Rename | None
    aliases_added: tuple[str, ...]
    aliases_removed: tuple[str, ...]


class RegionChange(NamedTuple):
    """A region both catalogs hold, by name: the countries and aliases it gained and lost."""

    name: str
    countries_added: tuple[Country, ...]
    countries_removed: tuple[Country, ...]
    aliases_added: tuple[str, ...]
    aliases_removed: tuple[str, ...]


class TypeChanges(NamedTuple):
    added: tuple[PartnerType, ...]
    removed: tuple[PartnerType, ...]
    changed: tuple[TypeChange, ...]


class RegionChanges(NamedTuple):
    added: tuple[Region, ...]
    removed: tuple[Region, ...]
    changed: tuple[RegionChange, ...]


class DiffReport(NamedTuple):
    """`catcli diff --json`; keys are only ever added (types and regions came in 0.3.0)."""

    edition: EditionChange | None
    added: tuple[Service, ...]  # services
    removed: tuple[Service, ...]
    changed: tuple[ChangedService, ...]
    types: TypeChanges
    regions: RegionChanges


def diff_report(diff: CatalogDiff) -> DiffReport:
    return DiffReport(
        edition=diff.edition,
        added=diff.added,
        removed=diff.removed,
        changed=diff.changed,
        types=diff.types,
        regions=diff.regions,
    )


def edition_changes(change: EditionChange | None) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field of the [catalog] table that differs."""
    if change is None:
        return []
    return [
        (name, before, after)
        for name, before, after in zip(change.old._fields, change.old, change.new, strict=True)
        if before != after
    ]


class DiffRow(NamedTuple):
    """One change, flat, for csv, tsv, markdown and JSON Lines; fields are the column names."""

    change: str  # added, removed, changed (a service), edition, type or region added, removed, changed
    type: str = ""
    registration_region: str = ""
    main_category: str = ""
    service_category: str = ""
    field: str = ""  # a service field, one of the [catalog] table's, or name, aliases, countries
    old: str | list[str] | Country | None = ""  # an alias or country removed: in old alone
    new: str | list[str] | Country | None = ""  # an alias or country added: in new alone


def diff_rows(diff: CatalogDiff) -> list[DiffRow]:
    rows: list[DiffRow] = []
    rows += [DiffRow("edition", "", "", "", "", *change) for change in edition_changes(diff.edition)]
    rows += _type_rows(diff.types) + _region_rows(diff.regions)
    for change, services in (("added", diff.added), ("removed", diff.removed)):
        rows += [
            DiffRow(change, s.type, s.registration_region, s.main_category, s.service_category, "", "", "")
            for s in services
        ]
    for item in diff.changed:
        rows += [
            DiffRow(
                "changed",
                item.type,
                item.registration_region,
                item.main_category,
                item.service_category,
                c.field,
                c.old,
                c.new,
            )
            for c in item.changes
        ]
    return rows


def _type_rows(types: TypeChanges) -> list[DiffRow]:
    """A row for each type added or removed, each new name, each alias gained or lost."""
    rows = [DiffRow("type added", type=t.id) for t in types.added]
    rows += [DiffRow("type removed", type=t.id) for t in types.removed]
    for item in types.changed:
        if item.renamed is not None:
            rows.append(
                DiffRow(
                    "type changed", type=item.id, field="name", old=item.renamed.old, new=item.renamed.new
                )
            )
        rows += [DiffRow("type changed", type=item.id, field="aliases", new=a) for a in item.aliases_added]
        rows += [DiffRow("type changed", type=item.id, field="aliases", old=a) for a in item.aliases_removed]
    return rows


def _region_rows(regions: RegionChanges) -> list[DiffRow]:
    """A row for each region added or removed, each country or alias it gained or lost."""
    rows = [DiffRow("region added", registration_region=r.name) for r in regions.added]
    rows += [DiffRow("region removed", registration_region=r.name) for r in regions.removed]
    for item in regions.changed:
        for field, gained, lost in (
            ("countries", item.countries_added, item.countries_removed),
            ("aliases", item.aliases_added, item.aliases_removed),
        ):
            row = DiffRow("region changed", registration_region=item.name, field=field)
            rows += [row._replace(new=value) for value in gained] + [
                row._replace(old=value) for value in lost
            ]
    return rows


def grid_rows(
    rows: Sequence[MatrixRow], regions: Sequence[Region], columns: Sequence[str] = MatrixRow._fields
) -> tuple[list[str], list[dict[str, object]]]:
    """The grid for csv, tsv and markdown: the COLUMNS asked for, registration_regions spread
    over one column per registration region, 'yes' or 'no'."""
    names = [r.name for r in regions]
    header = [n for column in columns for n in (names if column == "registration_regions" else [column])]
    grid: list[dict[str, object]] = []
    for row in rows:
        cells = dict(zip(MatrixRow._fields, row, strict=True))
        grid.append(
            {
                name: ("yes" if name in row.registration_regions else "no") if name in names else cells[name]
                for name in header
            }
        )
    return header, grid
