"""Questions asked of the catalog: filter by type and region, find by name, check eligibility.

Pure functions over the model, so they are tested without the CLI; the CLI
and the Python API (``Catalog.select``, ``Catalog.check``) both call them.
Search and the matrix live in their own modules, loaded only by their commands.
"""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from catcli.model import Catalog, Region, Service
from catcli.text import name_key

if TYPE_CHECKING:
    from typing import TypeAlias

    Spelling: TypeAlias = str | Sequence[str] | None


class Resolved(NamedTuple):
    """A filter value: the catalog's name for it, and what was typed."""

    name: str
    asked: str


class Filters(NamedTuple):
    """Empty means 'any'; several values mean 'any of these'."""

    types: tuple[Resolved, ...] = ()
    regions: tuple[Resolved, ...] = ()
    markets: tuple[Resolved, ...] = ()

    def select(self, services: Iterable[Service]) -> list[Service]:
        types = {t.name for t in self.types}
        regions = {r.name for r in self.regions}
        markets = {m.name for m in self.markets}
        return [
            s
            for s in services
            if (not types or s.type in types)
            and (not regions or s.registration_region in regions)
            and (not markets or not markets.isdisjoint(s.target_markets))
        ]


class Selection(NamedTuple):
    """What a filter selected, with what the filters resolved to."""

    services: list[Service]
    filters: Filters


def _listed(value: "Spelling") -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def filters(
    catalog: Catalog, type: "Spelling" = None, region: "Spelling" = None, market: "Spelling" = None
) -> Filters:  # noqa: A002
    """Resolve what was typed (names, aliases, countries, ISO codes) to the catalog's names."""
    from catcli.resolve import Resolver

    resolver = Resolver.for_catalog(catalog)
    return Filters(
        _once(Resolved(resolver.type(v), v) for v in _listed(type)),
        _once(Resolved(resolver.region(v), v) for v in _listed(region)),
        _once(Resolved(resolver.region(v, "target market"), v) for v in _listed(market)),
    )


def _once(values: Iterable[Resolved]) -> tuple[Resolved, ...]:
    """Each catalog name once, as first asked: '-r Japan -r japan' is one region."""
    first: dict[str, Resolved] = {}
    for value in values:
        first.setdefault(value.name, value)
    return tuple(first.values())


def select(
    catalog: Catalog, type: "Spelling" = None, region: "Spelling" = None, market: "Spelling" = None
) -> Selection:  # noqa: A002
    chosen = filters(catalog, type, region, market)
    return Selection(chosen.select(catalog.services), chosen)


def markets_of(region: str, services: Iterable[Service], regions: Sequence[Region]) -> list[str]:
    """The markets a region's partners may target, in catalog order."""
    found = {m for s in services if s.registration_region == region for m in s.target_markets}
    return [r.name for r in regions if r.name in found]


def why_empty(catalog: Catalog, chosen: Filters) -> str:
    """Why a selection is empty, in the catalog's own terms."""
    markets = {m.name for m in chosen.markets}
    cut_off = []
    for region in chosen.regions:
        reachable = markets_of(region.name, catalog.services, catalog.regions)
        if markets and markets.isdisjoint(reachable):
            cut_off.append(
                f"{_registered(region)} partners target only {', '.join(reachable) or 'no market'}"
            )
    if cut_off and len(cut_off) == len(chosen.regions):
        return "; ".join(cut_off)
    for market in chosen.markets:
        if not any(market.name in s.target_markets for s in catalog.services):
            return f"no registration region targets {market.name}"
    return "no service matches all of the filters together; drop one to see more"


def _registered(region: Resolved) -> str:
    return region.name if region.name == region.asked else f"{region.name} ({region.asked})"


def by_name(services: Sequence[Service], name: str) -> list[Service]:
    """Rows whose service or main category is NAME, ignoring case, spaces and punctuation."""
    wanted = name_key(name)
    if not wanted:
        return []
    return [s for s in services if wanted in (name_key(s.service_category), name_key(s.main_category))]


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
        seen.setdefault(name_key(service.service_category), service.service_category)
        seen.setdefault(name_key(service.main_category), service.main_category)
    return list(seen.values())


def unknown_name(name: str, catalog: Catalog) -> tuple[str, list[str]]:
    """The message and close names for a NAME that is in no row."""
    from catcli.resolve import suggest
    from catcli.text import quoted

    return f"no service or main category named {quoted(name)}", suggest(name, names(catalog.services))
