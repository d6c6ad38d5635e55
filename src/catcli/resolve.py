"""Turning what a user types into catalog names: partner types and regions.

Matching ignores case, accents, spaces and punctuation, so 'México', 'mx'
and 'MEXICO' all find Mexico, and 'mcn/cap' finds the MCN type. A region
value the catalog does not name is looked up among the world's countries,
so 'DEU' finds the EU and 'Australia' is told it is in no region, rather
than offered a name that merely looks alike ('Italia').
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from catcli.errors import UnknownValue
from catcli.model import CatalogData, Country, Region
from catcli.text import fold, name_key

# How alike a typo and a region name must be to suggest it (difflib's ratio).
# Typos score 0.82 and up ('Singapur' ~ Singapore); real countries that only
# look like a catalog name stay below it ('Taiwan' ~ Thailand 0.71, 'Australia'
# ~ Italia 0.67, 'Poland' ~ Ireland 0.62, 'Saudi' ~ Spain 0.60).
SIMILAR = 0.8
LISTING = "catcli regions"


class Resolved(NamedTuple):
    """A value as typed, and the catalog's name (a type id or a region name) it resolved to."""

    name: str
    asked: str

    @property
    def label(self) -> str:
        """'EU', or 'EU (de)' when something other than the name was typed."""
        return self.name if self.name == self.asked else f"{self.name} ({self.asked})"


class Resolver:
    """Alias tables, built once per catalog.

    Most values are typed as written ('Japan', 'tsp', 'de'), so a casefolded
    table answers them cheaply; the accent- and punctuation-blind table costs
    more to build and is built only when the first lookup misses. A region
    value that misses both is looked up among the world's countries
    (``catcli.countries``, the only importer of pycountry), so the common path
    never loads them.
    """

    def __init__(
        self, region_labels: dict[str, str], type_labels: dict[str, str], regions: Sequence[Region]
    ) -> None:
        self.region_labels = tuple(region_labels)
        self.type_labels = tuple(type_labels)
        self.regions = tuple(regions)
        self._labels = {"region": region_labels, "type": type_labels}
        self._quick = {
            table: {label.casefold(): target for label, target in labels.items()}
            for table, labels in self._labels.items()
        }
        self._folded: dict[str, dict[str, str]] = {}

    @classmethod
    def for_catalog(cls, catalog: CatalogData) -> Resolver:
        regions: dict[str, str] = {}
        for region in catalog.regions:
            for label in region.labels():
                regions.setdefault(label, region.name)
        types: dict[str, str] = {}
        for partner in catalog.types:
            for label in partner.labels():
                types.setdefault(label, partner.id)
        return cls(regions, types, catalog.regions)

    @property
    def region_names(self) -> tuple[str, ...]:
        """What a region suggestion may be: region names, aliases and member country names, never a code."""
        names = (n for r in self.regions for n in (r.name, *r.aliases, *(c.name for c in r.countries)))
        return tuple(dict.fromkeys(names))

    def _find(self, table: str, value: str) -> str | None:
        found = self._quick[table].get(value.casefold())
        if found is not None:
            return found
        if table not in self._folded:
            folded: dict[str, str] = {}
            for label, target in self._labels[table].items():
                folded.setdefault(name_key(label), target)
            self._folded[table] = folded
        return self._folded[table].get(name_key(value))

    def region(self, value: str, role: str = "region") -> Resolved:
        """The region a region, alias, country name or ISO code (alpha-2 or alpha-3) names.

        ROLE is what the value is for, as messages say it: 'region' or 'target market'.
        """
        found = self._find("region", value)
        return Resolved(self._world(value, role) if found is None else found, value)

    def type(self, value: str) -> Resolved:
        """The partner type an id, name or alias names."""
        found = self._find("type", value)
        if found is None:
            raise UnknownValue("partner type", value, suggest(value, self.type_labels), "catcli types")
        return Resolved(found, value)

    def _world(self, value: str, role: str) -> str:
        """A value none of the catalog's labels match: a country elsewhere in the world, or a typo."""
        from catcli import countries  # pycountry: only for a value the catalog does not name

        noun = "registration region" if role == "region" else role
        outside = f"not in any TikTok Shop Partner Center {noun}"
        country = countries.lookup(value)
        if country is not None:
            region = self._holding(country.code)
            if region is not None:
                return region.name
            message = f"{_named([country])} is {outside}"
            raise self._unknown(role, value, covers=self._covers_only({country.code}), message=message)
        suggestions = suggest(value, self.region_names, cutoff=SIMILAR)
        members = countries.grouping([value])
        linked = [r for r in self.regions if members and countries.grouping((r.name, *r.aliases)) == members]
        if linked:
            # 'ASEAN' where the catalog says 'SEA': point there, and at what it leaves out.
            raise self._unknown(role, value, [linked[0].name], covers=self._covers_only(members))
        note = None
        if not suggestions:
            near = countries.partial(value)
            held = [c for c in near if self._holding(c.code) is not None]
            if held:
                suggestions = [self._member(c.code) for c in held]
            elif near:
                note = f"{_named(near)} {'is' if len(near) == 1 else 'are'} {outside}"
        raise self._unknown(role, value, suggestions, note=note)

    def _holding(self, code: str) -> Region | None:
        """The catalog region whose member countries include the alpha-2 CODE."""
        for region in self.regions:
            if any(c.code.upper() == code for c in region.countries):
                return region
        return None

    def _member(self, code: str) -> str:
        """The catalog's own name for the member country CODE (a canonical label)."""
        return next(c.name for r in self.regions for c in r.countries if c.code.upper() == code)

    def _covers_only(self, codes: Iterable[str]) -> str | None:
        """'the catalog's EU region covers only …' when a code is in a grouping a region stands for."""
        from catcli import countries  # pycountry: only for a value the catalog does not name

        wanted = set(codes)
        for region in self.regions:
            if region.countries and wanted & countries.grouping((region.name, *region.aliases)):
                covered = _joined([c.name for c in region.countries])
                return f"the catalog's {region.name} region covers only {covered}"
        return None

    def _unknown(
        self,
        role: str,
        value: str,
        suggestions: Sequence[str] = (),
        note: str | None = None,
        covers: str | None = None,
        message: str | None = None,
    ) -> UnknownValue:
        """UnknownValue with a hint of what is known: a suggestion, a note, what a region covers, the list."""
        if suggestions or covers:
            see = f"see {'the regions' if covers else 'all'} with: {LISTING}"
        else:
            see = f"regions: {', '.join(r.name for r in self.regions)}; see them with: {LISTING}"
        notes = [n for n in (note, covers) if n]
        return UnknownValue(role, value, suggestions, LISTING, message=message, notes=notes, see=see)


def _named(countries: Sequence[Country]) -> str:
    return _joined([f"{c.name} ({c.code})" for c in countries])


def _joined(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def suggest(value: str, labels: Sequence[str], limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """Closest known labels, for 'did you mean …?'; only runs on the error path."""
    import difflib  # only for a value that names nothing

    by_fold: dict[str, str] = {}
    for label in labels:
        by_fold.setdefault(fold(label), label)
    matches = difflib.get_close_matches(fold(value), list(by_fold), n=limit, cutoff=cutoff)
    if not matches:
        # Prefixes catch what edit distance misses: 'ger' -> Germany.
        prefix = name_key(value)
        matches = [f for f in by_fold if prefix and name_key(f).startswith(prefix)][:limit]
    return [by_fold[m] for m in matches]
