"""Questions asked of the catalog: filter by type and region, find by name.

Pure functions over the model, so they are tested without the CLI. Search
and the matrix live in their own modules, loaded only by their commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from catcli.catalog import Service
from catcli.text import key


class Filters(NamedTuple):
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


def offered_at(services: Iterable[Service], with_markets: bool = False) -> list[str]:
    """'tsp in Japan', once each in catalog order; '(targeting …)' added on request."""
    return list(
        dict.fromkeys(
            f"{s.type} in {s.registration_region}"
            + (f" (targeting {', '.join(s.target_markets)})" if with_markets else "")
            for s in services
        )
    )


def names(services: Iterable[Service]) -> list[str]:
    """Every distinct service and main category name, for suggestions and completion."""
    seen: dict[str, str] = {}
    for service in services:
        seen.setdefault(key(service.service_category), service.service_category)
        seen.setdefault(key(service.main_category), service.main_category)
    return list(seen.values())
