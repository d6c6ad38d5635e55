"""The world's countries (ISO 3166, from pycountry), for region values the catalog does not name.

``catcli.resolve`` imports this module only when a value is none of the
catalog's own labels, so the common path never pays for it. Matching folds
case, accents, spaces and punctuation, as the resolver does: 'deu',
'Türkiye', 'turkiye' and 'VIET NAM' all find a country.

Importing pycountry costs ~75 ms (most of it importlib.metadata, for its
``__version__``), more than catcli's whole budget for a lookup. So the names
are read from pycountry once and kept in catcli's cache (``catcli.cache``)
under NAMES, keyed on pycountry's version (``pycountry_key``); a later miss
reads them back without importing pycountry.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from catcli import cache
from catcli.model import Country
from catcli.text import name_key, words

NAMES = "pycountry-names"  # the cache entry of the English names
# The modules that make the indexes of pycountry's names, which their cache key covers
# (tests/test_countries.py proves the list complete), as cache.CHECKERS for a catalog.
INDEXERS = ("cache", "countries", "model", "text", "translations")

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

# Place names people type that pycountry lacks, each with the ISO 3166-1
# country it is in. They are facts about the world, not about Partner
# Center's regions, so they live here and not among a catalog's region
# aliases: the catalog's membership then decides the region (Scotland is in
# GB, and GB is wherever the catalog puts it), and a catalog that regroups
# its regions needs no edit for them. A catalog alias still wins over them.
OTHER_NAMES = {
    # English short names in wide use that ISO 3166 no longer (or never) lists.
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
    "Macau": "MO",  # ISO writes 'Macao'
    "UAE": "AE",
    # The countries of the United Kingdom, and its largest island.
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Great Britain": "GB",
}

NAME_FIELDS = ("name", "official_name", "common_name")  # what pycountry calls a country

T = TypeVar("T")

# One country: its alpha-2 code, the name it is shown by, its alpha-3 code, the names it answers to.
Entry = tuple[str, str, str, tuple[str, ...]]


@functools.cache
def pycountry_key() -> bytes | None:
    """The cache key of what catcli reads from pycountry: its version, found without importing it.

    The version is the name of the ``pycountry-VERSION.dist-info`` folder
    installed beside the package (what importlib.metadata reads, without its
    import); the package's folder and catcli's INDEXERS complete the key. None
    when no such folder is found (pycountry run from a source tree): then
    nothing of pycountry's is cached, and each process reads pycountry again.
    """
    spec = importlib.util.find_spec("pycountry")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return None
    package = os.path.abspath(next(iter(folders)))
    try:
        with os.scandir(os.path.dirname(package)) as found:
            versions = sorted(e.name for e in found if _is_pycountry_dist_info(e.name))
    except OSError:
        return None
    if not versions:
        return None
    return cache.digest(package.encode(), repr(versions).encode(), cache.code_key(INDEXERS))


def _is_pycountry_dist_info(name: str) -> bool:
    return name.startswith("pycountry-") and name.endswith(".dist-info")


def remembered(name: str, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """What BUILD makes from pycountry, kept in the cache under NAME while pycountry is unchanged.

    A cached value that VALID refuses (another shape) is rebuilt.
    """
    key = pycountry_key()
    if key is not None:
        found = cache.get(name, key)
        if found is not None and valid(found):
            return found  # type: ignore[no-any-return]  # what valid() accepts is what build() makes
    value = build()
    if key is not None:
        cache.put(name, key, value)
    return value


def _read_pycountry() -> tuple[tuple[Entry, ...], dict[str, str]]:
    """Every country with its codes and names (OTHER_NAMES included), and the index of them:
    name_key of every code and name -> alpha-2 code; codes win over names."""
    import pycountry  # only when the cache holds no names of this pycountry

    others: dict[str, list[str]] = {}
    for name, code in OTHER_NAMES.items():
        others.setdefault(code, []).append(name)
    entries: list[Entry] = []
    for country in pycountry.countries:
        code, alpha_3 = str(country.alpha_2), str(country.alpha_3)
        # As people write it: the common name where ISO gives one ('Taiwan', not 'Taiwan, …').
        shown = str(getattr(country, "common_name", None) or country.name)
        names = tuple(str(n) for n in (getattr(country, field, None) for field in NAME_FIELDS) if n)
        entries.append((code, shown, alpha_3, (*names, *others.get(code, ()))))
    index: dict[str, str] = {}
    for code, _shown, alpha_3, _names in entries:
        index.setdefault(name_key(code), code)
        index.setdefault(name_key(alpha_3), code)
    for code, _shown, _alpha_3, names in entries:
        for name in names:
            index.setdefault(name_key(name), code)
    index.pop("", None)
    return tuple(entries), index


def _valid_world(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], tuple)
        and isinstance(value[1], dict)
        and all(isinstance(e, tuple) and len(e) == 4 for e in value[0])
    )


@functools.cache
def _world() -> tuple[tuple[Entry, ...], dict[str, str]]:
    return remembered(NAMES, _read_pycountry, _valid_world)


@functools.cache
def _shown() -> dict[str, Country]:
    return {code: Country(code, shown) for code, shown, _alpha_3, _names in _world()[0]}


def country(code: str) -> Country:
    """The country with the alpha-2 CODE, by the name people write ('South Korea')."""
    return _shown()[code]


def lookup(value: str) -> Country | None:
    """The country VALUE names exactly: an alpha-2 or alpha-3 code, or a short, official or common name."""
    key = name_key(value)
    code = _world()[1].get(key) if key else None
    return country(code) if code is not None else None


def partial(value: str, limit: int = 3) -> list[Country]:
    """Countries whose name VALUE begins word by word ('Saudi', 'Korea'); none if more than LIMIT.

    Only a hint for a value that names nothing: never used to resolve.
    """
    wanted = words(value)
    if len("".join(wanted)) < 4:
        return []
    found: dict[str, Country] = {}
    for code, _shown, _alpha_3, names in _world()[0]:
        if any(_begins(wanted, words(name)) for name in names):
            found.setdefault(code, country(code))
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
