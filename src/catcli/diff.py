"""What changed between two catalogs: services, partner types and regions added, removed and changed.

Services are paired by partner type, registration region and their main and
service category names with case, spaces and punctuation ignored, so a
respelling ('Live Stream' -> 'LIVE Stream') or a reworded definition shows
as a change of that field rather than a removal and an addition. Partner
types pair by id and regions by name, what services name them by; their
names, aliases and countries are compared too, since lookups resolve through
them: a country dropped from a region changes what ``--region`` answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from catcli.model import FIELDS, CatalogData, Country, Edition, PartnerType, Region, Service, ServiceField
from catcli.records import (
    ChangedService,
    EditionChange,
    FieldChange,
    RegionChange,
    RegionChanges,
    Rename,
    TypeChange,
    TypeChanges,
)
from catcli.text import name_key

# Services pair on the references that place them (type, registration region)
# and on their names, folded; every field but the placing ones is compared.
_PLACE: tuple[ServiceField, ...] = tuple(f.name for f in FIELDS if f.identity and f.refers and not f.many)
_NAMES: tuple[ServiceField, ...] = tuple(f.name for f in FIELDS if f.identity and f.text)
COMPARED: tuple[ServiceField, ...] = tuple(f.name for f in FIELDS if f.name not in _PLACE)

_T = TypeVar("_T", str, Country)  # what a type or region lists: aliases, countries


@dataclass(frozen=True)
class CatalogDiff:
    """The comparison, in the records' own types (catcli.records), and the groups it touches."""

    added: tuple[Service, ...]
    removed: tuple[Service, ...]
    changed: tuple[ChangedService, ...]
    groups: tuple[tuple[str, str], ...] = ()  # (type, region) pairs touched, in catalog order
    edition: EditionChange | None = None  # when the provenance changed
    types: TypeChanges = TypeChanges(added=(), removed=(), changed=())
    regions: RegionChanges = RegionChanges(added=(), removed=(), changed=())

    def __bool__(self) -> bool:
        entries = (*self.types, *self.regions)  # each a (never empty) record of three tuples
        return bool(self.added or self.removed or self.changed or self.edition or any(entries))


def _pairing_key(service: Service) -> tuple[str, ...]:
    return (*(getattr(service, f) for f in _PLACE), *(name_key(getattr(service, f)) for f in _NAMES))


def _value(service: Service, field: ServiceField) -> str | list[str] | None:
    value = getattr(service, field)
    return list(value) if isinstance(value, tuple) else value


def compare(old: CatalogData, new: CatalogData) -> CatalogDiff:
    """Added, removed and changed services, in the new catalog's type and region order."""
    old_by_key: dict[tuple[str, ...], list[Service]] = {}
    for service in old.services:
        old_by_key.setdefault(_pairing_key(service), []).append(service)
    added: list[Service] = []
    changed: list[ChangedService] = []
    for service in new.services:
        candidates = old_by_key.get(_pairing_key(service))
        if not candidates:
            added.append(service)
            continue
        # Prefer an identical row, then one with the same markets, then the first.
        previous = next(
            (c for c in candidates if c == service),
            next((c for c in candidates if c.target_markets == service.target_markets), candidates[0]),
        )
        candidates.remove(previous)
        changes = tuple(
            FieldChange(f, _value(previous, f), _value(service, f))
            for f in COMPARED
            if getattr(previous, f) != getattr(service, f)
        )
        if changes:
            changed.append(_changed(service, changes))
    unpaired = {id(s) for services in old_by_key.values() for s in services}
    removed = [s for s in old.services if id(s) in unpaired]
    order = _order(old, new)
    touched = {_group(s) for s in (*added, *removed)} | {_group(c) for c in changed}
    return CatalogDiff(
        tuple(sorted(added, key=lambda s: order(_group(s)))),
        tuple(sorted(removed, key=lambda s: order(_group(s)))),
        tuple(sorted(changed, key=lambda c: order(_group(c)))),
        tuple(sorted(touched, key=order)),
        _edition_change(old.edition, new.edition),
        _type_changes(old.types, new.types),
        _region_changes(old.regions, new.regions),
    )


def _changed(service: Service, changes: tuple[FieldChange, ...]) -> ChangedService:
    """A changed service, named as the new catalog spells it."""
    return ChangedService(
        type=service.type,
        registration_region=service.registration_region,
        main_category=service.main_category,
        service_category=service.service_category,
        changes=changes,
    )


def _edition_change(old: Edition, new: Edition) -> EditionChange | None:
    """A new source or edition is a change; the same edition imported on another day is not."""
    same = (old.source, old.edition) == (new.source, new.edition)
    return None if same else EditionChange(old, new)


def _type_changes(old: Sequence[PartnerType], new: Sequence[PartnerType]) -> TypeChanges:
    """Types paired by id, in the new catalog's order (removed ones in the old's)."""
    before, after = {t.id: t for t in old}, {t.id for t in new}
    changes = (_type_change(before[t.id], t) for t in new if t.id in before)
    return TypeChanges(
        added=tuple(t for t in new if t.id not in before),
        removed=tuple(t for t in old if t.id not in after),
        changed=tuple(c for c in changes if c is not None),
    )


def _type_change(old: PartnerType, new: PartnerType) -> TypeChange | None:
    renamed = None if old.name == new.name else Rename(old=old.name, new=new.name)
    added, removed = _missing(new.aliases, old.aliases), _missing(old.aliases, new.aliases)
    if not (renamed or added or removed):
        return None  # the same, or its aliases only reordered: no lookup answers differently
    return TypeChange(id=new.id, renamed=renamed, aliases_added=added, aliases_removed=removed)


def _region_changes(old: Sequence[Region], new: Sequence[Region]) -> RegionChanges:
    """Regions paired by name, in the new catalog's order (removed ones in the old's)."""
    before, after = {r.name: r for r in old}, {r.name for r in new}
    changes = (_region_change(before[r.name], r) for r in new if r.name in before)
    return RegionChanges(
        added=tuple(r for r in new if r.name not in before),
        removed=tuple(r for r in old if r.name not in after),
        changed=tuple(c for c in changes if c is not None),
    )


def _region_change(old: Region, new: Region) -> RegionChange | None:
    joined, left = _missing(new.countries, old.countries), _missing(old.countries, new.countries)
    added, removed = _missing(new.aliases, old.aliases), _missing(old.aliases, new.aliases)
    if not (joined or left or added or removed):
        return None  # the same, or only reordered: no lookup answers differently
    return RegionChange(
        name=new.name,
        countries_added=joined,
        countries_removed=left,
        aliases_added=added,
        aliases_removed=removed,
    )


def _missing(items: Sequence[_T], others: Sequence[_T]) -> tuple[_T, ...]:
    """ITEMS that OTHERS lacks, in ITEMS' order."""
    present = set(others)
    return tuple(item for item in items if item not in present)


def _group(service: Service | ChangedService) -> tuple[str, str]:
    return (service.type, service.registration_region)


def _order(old: CatalogData, new: CatalogData) -> Callable[[tuple[str, str]], tuple[int, int]]:
    """Sort (type, region) groups as the catalogs list them (new first); stable within."""
    types = _positions([t.id for t in new.types] + [t.id for t in old.types])
    regions = _positions([r.name for r in new.regions] + [r.name for r in old.regions])
    return lambda group: (types.get(group[0], len(types)), regions.get(group[1], len(regions)))


def _positions(names: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for name in names:
        positions.setdefault(name, len(positions))
    return positions
