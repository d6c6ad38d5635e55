"""Turning what a user types into catalog names: partner types and regions.

Matching ignores case, accents, spaces and punctuation, so 'México', 'mx'
and 'MEXICO' all find Mexico, and 'mcn/cap' finds the MCN type.
"""

from __future__ import annotations

from collections.abc import Sequence

from catcli.errors import UnknownValue
from catcli.model import Catalog
from catcli.text import fold, name_key


class Resolver:
    """Alias tables, built once per catalog.

    Most values are typed as written ('Japan', 'tsp', 'de'), so a casefolded
    table answers them cheaply; the accent- and punctuation-blind table costs
    more to build and is built only when the first lookup misses.
    """

    def __init__(self, region_labels: dict[str, str], type_labels: dict[str, str]) -> None:
        self.region_labels = tuple(region_labels)
        self.type_labels = tuple(type_labels)
        self._labels = {"region": region_labels, "type": type_labels}
        self._quick = {
            kind: {label.casefold(): t for label, t in table.items()} for kind, table in self._labels.items()
        }
        self._folded: dict[str, dict[str, str]] = {}

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> Resolver:
        regions: dict[str, str] = {}
        for region in catalog.regions:
            for label in region.labels():
                regions.setdefault(label, region.name)
        types: dict[str, str] = {}
        for partner in catalog.types:
            for label in partner.labels():
                types.setdefault(label, partner.id)
        return cls(regions, types)

    def _find(self, kind: str, value: str) -> str | None:
        found = self._quick[kind].get(value.casefold())
        if found is not None:
            return found
        if kind not in self._folded:
            folded: dict[str, str] = {}
            for label, target in self._labels[kind].items():
                folded.setdefault(name_key(label), target)
            self._folded[kind] = folded
        return self._folded[kind].get(name_key(value))

    def region(self, value: str, kind: str = "region") -> str:
        """The canonical region name for a region, alias, country name or ISO code."""
        found = self._find("region", value)
        if found is None:
            raise UnknownValue(kind, value, suggest(value, self.region_labels), "catcli regions")
        return found

    def type(self, value: str) -> str:
        found = self._find("type", value)
        if found is None:
            raise UnknownValue("partner type", value, suggest(value, self.type_labels), "catcli types")
        return found


def suggest(value: str, labels: Sequence[str], limit: int = 3) -> list[str]:
    """Closest known labels, for 'did you mean …?'; only runs on the error path."""
    import difflib

    by_fold: dict[str, str] = {}
    for label in labels:
        by_fold.setdefault(fold(label), label)
    matches = difflib.get_close_matches(fold(value), list(by_fold), n=limit, cutoff=0.6)
    if not matches:
        # Prefixes catch what edit distance misses: 'ger' -> Germany.
        prefix = name_key(value)
        matches = [f for f in by_fold if prefix and name_key(f).startswith(prefix)][:limit]
    return [by_fold[m] for m in matches]


def resolve_region(text: str, catalog: Catalog | None = None) -> str:
    """The region name TEXT means (a region, alias, member country or ISO code); UnknownValue if none."""
    return Resolver.for_catalog(catalog if catalog is not None else _default()).region(text)


def resolve_type(text: str, catalog: Catalog | None = None) -> str:
    """The partner type id TEXT means (an id, name or alias); UnknownValue if none."""
    return Resolver.for_catalog(catalog if catalog is not None else _default()).type(text)


def _default() -> Catalog:
    from catcli.catalog import load

    return load()
