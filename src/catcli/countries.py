"""The world's countries (ISO 3166, from pycountry), for region values the catalog does not name.

``catcli.resolve`` imports this module only when a value is none of the
catalog's own labels, so the common path never pays for pycountry or for the
index built here. Matching folds case, accents, spaces and punctuation, as the
resolver does: 'deu', 'Türkiye', 'turkiye' and 'VIET NAM' all find a country.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pycountry

from catcli.model import Country
from catcli.text import name_key, words

# Groupings a catalog region may stand for but not cover in full. A region
# is linked to a grouping when one of its names or aliases is one of the
# grouping's names, so 'European Union' as the EU region's alias links it to
# the EU-27. The members as of 2025: the EU's 27 member states, and the 11
# ASEAN members (Timor-Leste joined in October 2025).
# fmt: off
EU_27 = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
ASEAN = frozenset({"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"})
# fmt: on
GROUPINGS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("European Union", "EU"), EU_27),
    (("ASEAN", "Association of Southeast Asian Nations", "Southeast Asia", "South-East Asia", "SEA"), ASEAN),
)

# English short names in wide use that ISO 3166 no longer (or never) lists.
OTHER_NAMES = {
    "Turkey": "TR",
    "Russia": "RU",
    "Holland": "NL",
    "Burma": "MM",
    "Swaziland": "SZ",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "Macedonia": "MK",
    "East Timor": "TL",
    "Brunei": "BN",
    "Vatican City": "VA",
    "Palestine": "PS",
    "Micronesia": "FM",
}

_NAME_FIELDS = ("name", "official_name", "common_name")


def _display(entry: object) -> Country:
    """A country as people write it: the common name where ISO gives one ('Taiwan', not 'Taiwan, …')."""
    name = getattr(entry, "common_name", None) or str(getattr(entry, "name", ""))
    return Country(str(getattr(entry, "alpha_2", "")), name)


@functools.cache
def _entries() -> tuple[tuple[Country, tuple[str, ...], tuple[str, ...]], ...]:
    """Every country with its codes and the names it answers to, OTHER_NAMES included."""
    others: dict[str, list[str]] = {}
    for name, code in OTHER_NAMES.items():
        others.setdefault(code, []).append(name)
    entries = []
    for entry in pycountry.countries:
        country = _display(entry)
        codes = (country.code, str(getattr(entry, "alpha_3", "")))
        names = [str(n) for n in (getattr(entry, field, None) for field in _NAME_FIELDS) if n]
        entries.append((country, codes, (*names, *others.get(country.code, ()))))
    return tuple(entries)


@functools.cache
def _index() -> dict[str, Country]:
    """name_key of every code and name -> country; codes win over names."""
    index: dict[str, Country] = {}
    entries = _entries()
    for country, codes, _names in entries:
        for code in codes:
            index.setdefault(name_key(code), country)
    for country, _codes, names in entries:
        for name in names:
            key = name_key(name)
            if key:
                index.setdefault(key, country)
    return index


def lookup(value: str) -> Country | None:
    """The country VALUE names exactly: an alpha-2 or alpha-3 code, or a short, official or common name."""
    key = name_key(value)
    return _index().get(key) if key else None


def partial(value: str, limit: int = 3) -> list[Country]:
    """Countries whose name VALUE begins word by word ('Saudi', 'Korea'); none if more than LIMIT.

    Only a hint for a value that names nothing: never used to resolve.
    """
    wanted = words(value)
    if len("".join(wanted)) < 4:
        return []
    found: dict[str, Country] = {}
    for country, _codes, names in _entries():
        if any(_begins(wanted, words(name)) for name in names):
            found.setdefault(country.code, country)
            if len(found) > limit:
                return []
    return list(found.values())


def _begins(wanted: list[str], name: list[str]) -> bool:
    """Does NAME have WANTED's words, in order and adjacent, each a prefix of a word of NAME?"""
    span = len(wanted)
    return any(
        all(n.startswith(w) for w, n in zip(wanted, name[start : start + span], strict=True))
        for start in range(len(name) - span + 1)
    )


def grouping(names: Iterable[str]) -> frozenset[str]:
    """The member codes of every grouping one of NAMES names ('EU', 'ASEAN'); empty if none."""
    keys = {name_key(n) for n in names}
    members: frozenset[str] = frozenset()
    for grouped, codes in GROUPINGS:
        if keys.intersection(name_key(g) for g in grouped):
            members |= codes
    return members
