"""Questions asked of the catalog: filter, find by name, search, tabulate.

Pure functions over the model, so they are tested without the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catcli.catalog import Region, Service
from catcli.text import key, words


@dataclass(frozen=True, slots=True)
class Filters:
    """None means 'any'; a set means 'any of these'."""

    types: frozenset[str] | None = None
    regions: frozenset[str] | None = None
    markets: frozenset[str] | None = None

    def admits(self, service: Service) -> bool:
        return (
            (self.types is None or service.type in self.types)
            and (self.regions is None or service.registration_region in self.regions)
            and (self.markets is None or not self.markets.isdisjoint(service.target_markets))
        )


def select(services: Iterable[Service], filters: Filters) -> list[Service]:
    return [s for s in services if filters.admits(s)]


def by_name(services: Sequence[Service], name: str) -> list[Service]:
    """Rows whose service or main category is NAME, ignoring case, spaces and punctuation."""
    wanted = key(name)
    if not wanted:
        return []
    return [s for s in services if wanted in (key(s.service_category), key(s.main_category))]


def by_service_name(services: Sequence[Service], name: str) -> list[Service]:
    """Rows whose service category is NAME; failing that, whose main category is."""
    wanted = key(name)
    exact = [s for s in services if key(s.service_category) == wanted]
    return exact or [s for s in services if key(s.main_category) == wanted]


def names(services: Iterable[Service]) -> list[str]:
    """Every distinct service and main category name, for suggestions and completion."""
    seen: dict[str, str] = {}
    for service in services:
        seen.setdefault(key(service.service_category), service.service_category)
        seen.setdefault(key(service.main_category), service.main_category)
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class Hit:
    service: Service
    in_name: bool


def search(services: Sequence[Service], text: str) -> list[Hit]:
    """Rows where every word of TEXT begins some word of the row.

    Rows matching on their names rank before rows matching only in the
    definition; within a rank, catalog order.
    """
    query = words(text)
    if not query:
        return []
    name_hits: list[Hit] = []
    definition_hits: list[Hit] = []
    for service in services:
        name_words = words(service.main_category) + words(service.service_category)
        if _all_prefixed(query, name_words):
            name_hits.append(Hit(service, True))
        elif _all_prefixed(query, name_words + words(service.definition)):
            definition_hits.append(Hit(service, False))
    return name_hits + definition_hits


def _all_prefixed(query: Sequence[str], row_words: Sequence[str]) -> bool:
    return all(any(w.startswith(q) for w in row_words) for q in query)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A service category (spellings merged) and where it is offered."""

    type: str
    main_category: str
    service_category: str
    registration_regions: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "main_category": self.main_category,
            "service_category": self.service_category,
            "registration_regions": list(self.registration_regions),
        }


def matrix(services: Iterable[Service], regions: Sequence[Region]) -> list[MatrixRow]:
    """One row per (type, main category, service category), first spelling kept."""
    order = {r.name: i for i, r in enumerate(regions)}
    grouped: dict[tuple[str, str, str], tuple[Service, set[str]]] = {}
    for service in services:
        group = (service.type, key(service.main_category), key(service.service_category))
        first, offered = grouped.setdefault(group, (service, set()))
        offered.add(service.registration_region)
    # Keep each main category's rows together, in order of first appearance.
    main_order: dict[tuple[str, str], int] = {}
    for group in grouped:
        main_order.setdefault(group[:2], len(main_order))
    ordered = sorted(grouped, key=lambda group: main_order[group[:2]])
    return [
        MatrixRow(
            first.type,
            first.main_category,
            first.service_category,
            tuple(sorted(offered, key=lambda r: order.get(r, len(order)))),
        )
        for first, offered in (grouped[group] for group in ordered)
    ]


def markets_of(region: str, services: Iterable[Service], regions: Sequence[Region]) -> list[str]:
    """The markets a region's partners may target, in catalog order."""
    found = {m for s in services if s.registration_region == region for m in s.target_markets}
    return [r.name for r in regions if r.name in found]
