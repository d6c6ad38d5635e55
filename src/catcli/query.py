"""Questions asked of the catalog: filter by type and region, find by name, say why nothing answers.

Pure functions over the model, so they are tested without the CLI; the Python
API (catcli.api) and through it the CLI call them. An empty answer to a
question that names something (``show``) raises NotFound with the reason, in
the words the CLI prints. Search and the matrix live in their own modules.
"""

from collections.abc import Iterable, Sequence
from typing import TypeAlias

from catcli.errors import NotFound, UsageError
from catcli.model import CatalogData, Region, Service
from catcli.resolve import Resolved, Resolver, suggest
from catcli.text import name_key, quoted

Spelling: TypeAlias = str | Sequence[str] | None  # what a filter takes: one value, several, or any


class Filters:
    """What the filters resolved to. Empty means 'any'; several values mean 'any of these'."""

    __slots__ = ("types", "regions", "markets")

    def __init__(
        self,
        types: tuple[Resolved, ...] = (),
        regions: tuple[Resolved, ...] = (),
        markets: tuple[Resolved, ...] = (),
    ) -> None:
        self.types, self.regions, self.markets = types, regions, markets

    def __bool__(self) -> bool:
        return bool(self.types or self.regions or self.markets)

    def apply(self, services: Iterable[Service]) -> list[Service]:
        """The services these filters let through, in catalog order."""
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


# Two values each filter takes, for the hint when it is given something else.
_EXAMPLES = {"type": ("tsp", "mcn"), "region": ("Japan", "Mexico"), "market": ("Japan", "Mexico")}


def listed(value: Spelling, what: str) -> list[str]:
    """A filter's values as a list; anything but text is a usage error, as on the command line."""
    if value is None:
        return []
    first, second = _EXAMPLES[what]
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise UsageError(
            f"{what} must be text or a list of text, not {type(value).__name__}",
            hint=f"e.g. {what}={first!r} or {what}={[first, second]!r}",
        )
    return list(values)


def resolve(
    catalog: CatalogData, type: Spelling = None, region: Spelling = None, market: Spelling = None
) -> Filters:
    """Resolve what was typed (names, aliases, countries, ISO codes) to the catalog's names."""
    resolver = Resolver.for_catalog(catalog)
    return Filters(
        _once(resolver.type(v) for v in listed(type, "type")),
        _once(resolver.region(v) for v in listed(region, "region")),
        _once(resolver.region(v, "target market") for v in listed(market, "market")),
    )


def _once(values: Iterable[Resolved]) -> tuple[Resolved, ...]:
    """Each catalog name once, as first asked: '-r Japan -r japan' is one region."""
    first: dict[str, Resolved] = {}
    for value in values:
        first.setdefault(value.name, value)
    return tuple(first.values())


def markets_of(region: str, services: Iterable[Service], regions: Sequence[Region]) -> list[str]:
    """The markets a region's partners may target, in catalog order."""
    found = {m for s in services if s.registration_region == region for m in s.target_markets}
    return [r.name for r in regions if r.name in found]


def why_empty(catalog: CatalogData, chosen: Filters) -> str:
    """Why a selection is empty, in the catalog's own terms."""
    markets = {m.name for m in chosen.markets}
    cut_off = []
    for region in chosen.regions:
        reachable = markets_of(region.name, catalog.services, catalog.regions)
        if markets and markets.isdisjoint(reachable):
            cut_off.append(f"{region.label} partners target only {', '.join(reachable) or 'no market'}")
    if cut_off and len(cut_off) == len(chosen.regions):
        return "; ".join(cut_off)
    for market in chosen.markets:
        if not any(market.name in s.target_markets for s in catalog.services):
            return f"no registration region targets {market.name}"
    return "no service matches all of the filters together; drop one to see more"


def by_name(services: Sequence[Service], name: str) -> list[Service]:
    """Rows whose service or main category is NAME, ignoring case, spaces and punctuation."""
    wanted = name_key(name)
    if not wanted:
        return []
    return [s for s in services if wanted in (name_key(s.service_category), name_key(s.main_category))]


def show(catalog: CatalogData, name: str, chosen: Filters) -> list[Service]:
    """The rows named NAME that the filters let through; NotFound, saying why, when there are none.

    A name in no row gets the closest names; a name filtered away gets where it is offered.
    """
    if not name_key(text_argument(name, "name")):  # as an empty search: a usage error, not a "no"
        raise UsageError("nothing to show", hint="give a service or main category: catcli show 'Paid Media'")
    named = by_name(catalog.services, name)
    rows = chosen.apply(named)
    if rows:
        return rows
    if not named:
        message, close = unknown_name(name, catalog)
        find = "find names with: catcli search WORDS, or catcli list"
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? F{find[1:]}" if close else find
        raise NotFound(message, hint=hint)
    offered = f"it is offered to: {', '.join(offered_at(catalog, named))}"
    why = f"{why_empty(catalog, chosen)}; {offered}" if not chosen.apply(catalog.services) else offered
    raise NotFound(f"{quoted(name)} is not offered with those filters", hint=why)


def text_argument(value: object, what: str) -> str:
    """A name or words given to the API: text, or a usage error saying what was given."""
    if not isinstance(value, str):
        raise UsageError(f"{what} must be text, not {type(value).__name__}", hint=f"e.g. {what}='Paid Media'")
    return value


def offered_at(catalog: CatalogData, services: Iterable[Service], with_markets: bool = False) -> list[str]:
    """'TikTok Shop Partner in Japan', once each in catalog order; '(targeting …)' added on request.

    Types by their names, as every title and sentence calls them.
    """
    names = type_names(catalog)
    return list(
        dict.fromkeys(
            f"{names.get(s.type, s.type)} in {s.registration_region}"
            + (f" (targeting {', '.join(s.target_markets)})" if with_markets else "")
            for s in services
        )
    )


def type_names(catalog: CatalogData) -> dict[str, str]:
    """Each type's name by its id: what people read, where JSON keeps the id."""
    return {t.id: t.name for t in catalog.types}


def names(services: Iterable[Service]) -> list[str]:
    """Every distinct service and main category name, for suggestions and completion."""
    seen: dict[str, str] = {}
    for service in services:
        seen.setdefault(name_key(service.service_category), service.service_category)
        seen.setdefault(name_key(service.main_category), service.main_category)
    return list(seen.values())


def unknown_name(name: str, catalog: CatalogData) -> tuple[str, list[str]]:
    """The message and close names for a NAME that is in no row."""
    return f"no service or main category named {quoted(name)}", suggest(name, names(catalog.services))
