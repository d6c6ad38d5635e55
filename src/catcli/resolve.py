"""Turning what a user types into catalog names: partner types and regions.

Matching ignores case, accents, spaces and punctuation, so 'México', 'mx'
and 'MEXICO' all find Mexico, and 'mcn/cap' finds the MCN type. A region
value the catalog does not name is looked up among the world's countries,
first by their English names and codes, then in pycountry's translations,
so 'DEU' and '日本' find their regions and 'Australia' or 'Australien' is told
it is in no region, rather than offered a name that merely looks alike
('Italia').
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from catcli.errors import UnknownValue
from catcli.model import CatalogData, Country, Region
from catcli.text import fold, name_key, quoted

# How alike a typo and a region name must be to suggest it (difflib's ratio).
# Typos score above it ('Japn' ~ Japan 0.89, 'Singapure' ~ Singapore 0.89;
# 'Singapur', at 0.82, is German for it and resolves); real countries that only
# look like a catalog name stay below it ('Taiwan' ~ Thailand 0.71, 'Australia'
# ~ Italia 0.67, 'Poland' ~ Ireland 0.62, 'Saudi' ~ Spain 0.60).
SIMILAR = 0.8
LISTING = "catcli regions"
# Longer than any place name: twice the longest in any language pycountry ships
# (99 characters). A longer value names no country and gets no hint, so a
# megabyte of input costs one lookup in the catalog's labels.
LONGEST = 200


class Resolved(NamedTuple):
    """A value as typed, and the catalog's name (a type id or a region name) it resolved to.

    PLACE is the catalog's name of the member country the value named, by
    its code or a name in any language ('Germany' for 'de', 'DEU' or
    'Alemania', 'Thailand' for 'ไทย'); empty when it named the region itself.
    """

    name: str
    asked: str
    place: str = ""

    @property
    def label(self) -> str:
        """What titles and sentences call it, in the catalog's words, never as typed: 'EU (Germany)'
        for a member country, 'EU' for the region itself (a name or an alias), 'Japan' for 'jp'."""
        return f"{self.name} ({self.place})" if self.place and self.place != self.name else self.name


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
        self,
        region_labels: dict[str, str],
        type_labels: dict[str, str],
        regions: Sequence[Region],
        places: dict[str, str],
    ) -> None:
        self.region_labels = tuple(region_labels)
        self.type_labels = tuple(type_labels)
        self.regions = tuple(regions)
        self._labels = {"region": region_labels, "type": type_labels, "place": places}
        self._quick = {
            table: {label.casefold(): target for label, target in labels.items()}
            for table, labels in self._labels.items()
        }
        self._folded: dict[str, dict[str, str]] = {}

    @classmethod
    def for_catalog(cls, catalog: CatalogData) -> Resolver:
        regions: dict[str, str] = {}
        places: dict[str, str] = {}  # a member country's code or name -> its name
        for region in catalog.regions:
            for label in region.labels():
                regions.setdefault(label, region.name)
            for country in region.countries:
                places.setdefault(country.code, country.name)
                places.setdefault(country.name, country.name)
        types: dict[str, str] = {}
        for partner in catalog.types:
            for label in partner.labels():
                types.setdefault(label, partner.id)
        return cls(regions, types, catalog.regions, places)

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
        if found is None:
            return self._world(value, role)
        return Resolved(found, value, self._find("place", value) or "")

    def type(self, value: str) -> Resolved:
        """The partner type an id, name or alias names."""
        found = self._find("type", value)
        if found is None:
            raise UnknownValue("partner type", value, suggest(value, self.type_labels), "catcli types")
        return Resolved(found, value)

    def _world(self, value: str, role: str) -> Resolved:
        """A value none of the catalog's labels match: a country elsewhere in the world, named in
        English or in another language, or a typo."""
        from catcli import countries  # pycountry's names: only for a value the catalog does not name

        if len(value) > LONGEST:
            raise self._unknown(role, value)
        country = countries.lookup(value) or self._translated(value, role)
        if country is None:
            raise self._no_country(value, role)
        region = self._holding(country.code)
        if region is None:
            message = f"{_named([country])} is {_outside(role)}"
            raise self._unknown(role, value, covers=self._covers_only({country.code}), message=message)
        return Resolved(region.name, value, self._member(country.code))

    def _translated(self, value: str, role: str) -> Country | None:
        """The country a name in another language names; a usage error when it names several."""
        from catcli import translations  # ~31,000 names: only once the English ones missed

        found = translations.lookup(value)
        if len(found) > 1:
            message = f"{quoted(value)} is a name of {_named(found)} in pycountry's translations"
            note = "name the country in English or by its ISO code"
            raise self._unknown(role, value, note=note, message=message)
        return found[0] if found else None

    def _no_country(self, value: str, role: str) -> UnknownValue:
        """The error for a value that names no country: a typo's closest names, a grouping the catalog
        calls otherwise, countries it begins the name of, or a close name in another script."""
        from catcli import countries, translations  # as in _world

        suggestions = suggest(value, self.region_names, cutoff=SIMILAR)
        members = countries.grouping([value])
        linked = [r for r in self.regions if members and countries.grouping((r.name, *r.aliases)) == members]
        if linked:
            # 'ASEAN' where the catalog says 'SEA': point there, and at what it leaves out.
            return self._unknown(role, value, [linked[0].name], covers=self._covers_only(members))
        if suggestions:
            return self._unknown(role, value, suggestions)
        near = countries.partial(value)
        held = [c for c in near if self._holding(c.code) is not None]
        if held:
            return self._unknown(role, value, [self._member(c.code) for c in held])
        if near:
            return self._unknown(role, value, note=f"{_named(near)} {_are(near)} {_outside(role)}")
        close = translations.closest(value)
        note = f"the closest country name is {quoted(close[0])}: {_named(close[1])}" if close else None
        return self._unknown(role, value, note=note)

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


def _are(countries: Sequence[Country]) -> str:
    return "is" if len(countries) == 1 else "are"


def _outside(role: str) -> str:
    """'not in any TikTok Shop Partner Center registration region' (or target market)."""
    return f"not in any TikTok Shop Partner Center {'registration region' if role == 'region' else role}"


def _joined(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def suggest(value: str, labels: Sequence[str], limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """Closest known labels, for 'did you mean …?'; only runs on the error path."""
    import difflib  # only for a value that names nothing

    by_fold: dict[str, str] = {}
    for label in labels:
        by_fold.setdefault(fold(label), label)
    folded = fold(value)
    # A value so much longer than every label that difflib's own first bound (real_quick_ratio,
    # 2*shorter/(both lengths), computed here as it computes it) rules out the longest: it matches
    # none, and difflib's pass over each of its characters is skipped.
    longest = max(map(len, by_fold), default=0)
    close = len(folded) <= longest or 2.0 * longest / (len(folded) + longest) >= cutoff
    matches = difflib.get_close_matches(folded, list(by_fold), n=limit, cutoff=cutoff) if close else []
    if not matches:
        # Prefixes catch what edit distance misses: 'ger' -> Germany.
        prefix = name_key(value)
        matches = [f for f in by_fold if prefix and name_key(f).startswith(prefix)][:limit]
    return [by_fold[m] for m in matches]
