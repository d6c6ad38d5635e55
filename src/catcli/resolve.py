"""Turning what a user types into catalog names: partner types and regions.

Matching ignores case, accents, spaces and punctuation, so 'México', 'mx'
and 'MEXICO' all find Mexico, and 'mcn/cap' finds the MCN type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catcli.catalog import Catalog
from catcli.errors import UnknownValue
from catcli.text import fold, key


@dataclass(frozen=True, slots=True)
class Resolver:
    """Alias tables built once per catalog."""

    regions: dict[str, str]
    types: dict[str, str]
    region_labels: tuple[str, ...]
    type_labels: tuple[str, ...]

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> Resolver:
        regions: dict[str, str] = {}
        region_labels: list[str] = []
        for region in catalog.regions:
            for label in (
                region.name,
                *region.aliases,
                *(c.code for c in region.countries),
                *(c.name for c in region.countries),
            ):
                regions.setdefault(key(label), region.name)
                region_labels.append(label)
        types: dict[str, str] = {}
        type_labels: list[str] = []
        for partner in catalog.types:
            for label in (partner.id, partner.name, *partner.aliases):
                types.setdefault(key(label), partner.id)
                type_labels.append(label)
        return cls(regions, types, tuple(region_labels), tuple(type_labels))

    def region(self, value: str, kind: str = "region") -> str:
        """The canonical region name for a region, alias, country name or ISO code."""
        found = self.regions.get(key(value))
        if found is None:
            raise UnknownValue(kind, value, suggest(value, self.region_labels), "catcli regions")
        return found

    def type(self, value: str) -> str:
        found = self.types.get(key(value))
        if found is None:
            raise UnknownValue("partner type", value, suggest(value, self.type_labels), "catcli types")
        return found

    def regions_of(self, values: Iterable[str] | None, kind: str = "region") -> frozenset[str] | None:
        """None means 'no filter'; repeated values mean 'any of'."""
        values = list(values or ())
        return frozenset(self.region(v, kind) for v in values) if values else None

    def types_of(self, values: Iterable[str] | None) -> frozenset[str] | None:
        values = list(values or ())
        return frozenset(self.type(v) for v in values) if values else None


def suggest(value: str, labels: Sequence[str], limit: int = 3) -> list[str]:
    """Closest known labels, for 'did you mean …?'; only runs on the error path."""
    import difflib

    by_fold: dict[str, str] = {}
    for label in labels:
        by_fold.setdefault(fold(label), label)
    matches = difflib.get_close_matches(fold(value), list(by_fold), n=limit, cutoff=0.6)
    if not matches:
        # Prefixes catch what edit distance misses: 'ger' -> Germany.
        prefix = key(value)
        matches = [f for f in by_fold if prefix and key(f).startswith(prefix)][:limit]
    return [by_fold[m] for m in matches]
