"""Country names in the languages of pycountry's translations: '日本', 'Alemania', 'ไทย', 'Малайзия'.

pycountry ships the ISO 3166-1 names (name, official name, common name)
translated into some 159 languages, as gettext catalogs: domain
``iso3166-1`` under ``pycountry.LOCALES_DIR``, about 41,000 translations.
``catcli.resolve`` asks here only after the catalog's labels and the English
names (``catcli.countries``) have missed, so a translation never overrides
either: in one locale 'Mexico' also translates Malaysia, and 'mexico' stays
Mexico. A name that translations give to two countries is reported as such
(``lookup`` returns both), never settled here.

The index is built from the catalogs once per pycountry version (~0.15 s)
and kept in catcli's cache, keyed like the English names
(``countries.pycountry_key``), in SHARDS entries by the first letter of the
key: a miss reads and checks one (55 KB on average, 180 KB at most, of the
index's 1.8 MB) rather than all of it. A shard is a
bytes blob of lines ``KEY<tab>CODES<tab>NAME``, each after a newline: a
lookup is one ``bytes.find`` in it, where unmarshalling a dict of 31,000
names would cost ~30 ms, the whole budget of a later miss.
"""

from __future__ import annotations

import functools
import os
import re
import struct
import unicodedata
from typing import TypeGuard

from catcli import cache, countries
from catcli.model import Country

TRANSLATIONS = "pycountry-translations"  # the cache entries of the index: this, '-0' to '-31'
SHARDS = 32
DOMAIN = "iso3166-1"  # the gettext domain of pycountry's country names

# Accents, which names are compared without: the combining marks of Latin,
# Greek and Cyrillic letters, and the optional points and hamza of Hebrew and
# Arabic. Other scripts' marks are letters of their words (Thai, Devanagari
# and Bengali vowel signs, the voicing mark of Japanese ガ) and count: without
# them Hindi's Moldova and Maldives are one name. Code point ranges, not a
# regex: nothing to compile on a miss.
_ACCENTS = (
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x0591, 0x05C7), (0x064B, 0x065F), (0x0670, 0x0670),
)  # fmt: skip
# What ASCII text loses: everything but letters and digits.
_ASCII_DROPPED = bytes(c for c in range(128) if not chr(c).isalnum())
HINT_LONGEST = 64  # longer than any name: a miss this long gets no translated hint


class _Kept(dict[int, int | None]):
    """str.translate's table for ``key``, filled as characters are met: a letter, digit or mark
    that is no accent stays; spaces, punctuation and symbols go."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        accent = any(first <= code <= last for first, last in _ACCENTS)
        kept = (char.isalnum() or unicodedata.category(char).startswith("M")) and not accent
        self[code] = code if kept else None
        return self[code]


_KEPT = _Kept()
_KEPT_LINES = _Kept({ord("\n"): ord("\n")})  # the same, keeping the newlines between names


def key(value: str) -> str:
    """VALUE as the index compares it: case-folded, compatibility-decomposed (NFKD: full-width
    forms as their letters), without accents, spaces or punctuation. Linear in VALUE."""
    if value.isascii():
        return value.lower().encode().translate(None, _ASCII_DROPPED).decode()
    return unicodedata.normalize("NFKD", value.casefold()).translate(_KEPT)


def messages(data: bytes) -> dict[bytes, bytes]:
    """A gettext .mo file's messages, msgid -> msgstr, as the GNU gettext manual lays the format
    out ("The Format of GNU MO Files"); ValueError for what is not one.

    gettext.GNUTranslations reads the same files but decodes every message and
    sets up plural forms: ~4 times slower over 159 languages.
    """
    order = {b"\xde\x12\x04\x95": "<", b"\x95\x04\x12\xde": ">"}.get(data[:4])
    if order is None:
        raise ValueError("not a .mo file")
    try:
        count, originals, translations = struct.unpack_from(f"{order}3I", data, 8)
        ids = struct.unpack_from(f"{order}{2 * count}I", data, originals)
        strs = struct.unpack_from(f"{order}{2 * count}I", data, translations)
    except struct.error as exc:
        raise ValueError("a truncated .mo file") from exc
    return {
        data[ids[i + 1] : ids[i + 1] + ids[i]]: data[strs[i + 1] : strs[i + 1] + strs[i]]
        for i in range(0, 2 * count, 2)
    }


def _read_pycountry() -> tuple[bytes, ...]:
    """The index's shards, from pycountry's catalogs: every translation that is not the English name."""
    import pycountry  # only when the cache holds no index for this pycountry

    english: dict[bytes, str] = {}  # msgid -> the codes of the countries so named, 'MX' or 'A,B'
    for country in pycountry.countries:
        for field in countries.NAME_FIELDS:
            name = getattr(country, field, None)
            if name:
                msgid = str(name).encode()
                english[msgid] = _union(english.get(msgid, ""), str(country.alpha_2))
    translated: dict[bytes, str] = {}  # translated name -> codes, as in english
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            with open(
                os.path.join(pycountry.LOCALES_DIR, language, "LC_MESSAGES", f"{DOMAIN}.mo"), "rb"
            ) as f:
                found = messages(f.read())
        except (OSError, ValueError):
            continue  # a language without country names, or a damaged catalog: the others still count
        for msgid, name in found.items():
            codes = english.get(msgid)
            if codes is None or not name or name == msgid:
                continue
            seen = translated.get(name)
            translated[name] = codes if seen is None or seen == codes else _union(seen, codes)
    return _blob(translated)


def _union(*codes: str) -> str:
    """'A,B' from 'A' and 'B' (or 'A,B' and 'B'): sorted, each once."""
    return ",".join(sorted({code for joined in codes for code in joined.split(",") if code}))


def _blob(translated: dict[bytes, str]) -> tuple[bytes, ...]:
    """The index's lines, by shard: each key once, with every country any of its names names, and
    the first name written (by language, for hints).

    The names are keyed all at once, joined by newlines, which ``key``'s steps
    keep in place (NFKD reorders nothing across one): one pass in C rather than
    32,000 calls, for the 0.3 s a first miss may take.
    """
    raws = list(translated)
    joined = b"\n".join(raws)
    if joined.count(b"\n") != len(raws) - 1 or b"\t" in joined:
        # A name holding a line break or a tab (none in pycountry's) would break the lines apart.
        raws = [raw for raw in raws if b"\n" not in raw and b"\t" not in raw]
        joined = b"\n".join(raws)
    if not raws:
        return (b"\n",) * SHARDS
    text = joined.decode("utf-8", "replace")
    names, codes = text.split("\n"), [translated[raw] for raw in raws]
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_KEPT_LINES).split("\n")
    first = dict(zip(reversed(folded), range(len(folded) - 1, -1, -1), strict=True))  # key -> its first line
    first.pop("", None)
    for line in [i for i, k in enumerate(folded) if first.get(k, i) != i]:
        # Another name with the same key: the key names the countries of both.
        codes[first[folded[line]]] = _union(codes[first[folded[line]]], codes[line])
    shards: list[list[str]] = [[""] for _ in range(SHARDS)]
    for line in sorted(first.values()):
        shards[_shard_of(folded[line])].append(f"{folded[line]}\t{codes[line]}\t{names[line]}")
    return tuple(("\n".join(shard) + "\n").encode() for shard in shards)


def _shard_of(folded: str) -> int:
    """Which shard holds the key FOLDED (never empty): by its first letter, so a hint finds every
    name that begins like it in one."""
    return ord(folded[0]) % SHARDS


def _valid(value: object) -> TypeGuard[bytes]:
    """Is VALUE a shard: lines, each after a newline, the last one ended?"""
    return isinstance(value, bytes) and value.startswith(b"\n") and value.endswith(b"\n")


@functools.cache
def _shard(number: int) -> bytes:
    """One shard of the index: from the cache, else built (with every other) from pycountry."""
    key = countries.pycountry_key()
    if key is not None:
        found = cache.get(f"{TRANSLATIONS}-{number}", key)
        if _valid(found):
            return found
    return _shards()[number]


@functools.cache
def _shards() -> tuple[bytes, ...]:
    """Every shard, from pycountry's catalogs, then kept in the cache."""
    shards = _read_pycountry()
    key = countries.pycountry_key()
    if key is not None:
        for number, shard in enumerate(shards):
            cache.put(f"{TRANSLATIONS}-{number}", key, shard)
    return shards


def lookup(value: str) -> list[Country]:
    """The countries a translated name VALUE names: none, one, or (a name two countries share) several."""
    folded = key(value)
    if not folded:
        return []
    index = _shard(_shard_of(folded))
    start = index.find(f"\n{folded}\t".encode())
    if start < 0:
        return []
    _key, codes, _name = index[start + 1 : index.index(b"\n", start + 1)].decode().split("\t")
    return [countries.country(code) for code in codes.split(",")]


def closest(value: str) -> tuple[str, list[Country]] | None:
    """For a hint: the translated name most like VALUE, and its countries; None if none is close.

    Only for a VALUE of a name's length whose first letter is not Latin (Latin
    misses get English hints), and only among the names that begin with that
    letter: one scan of the index in C, and a few names for difflib.
    """
    folded = key(value)
    if not folded or len(folded) > HINT_LONGEST or _script(folded[0]) in ("", "LATIN"):
        return None
    first = re.escape(folded[0].encode())
    lines = re.findall(b"\n(" + first + b"[^\t]*)\t[^\t]*\t([^\n]*)", _shard(_shard_of(folded)))
    names = {name_key.decode(): name.decode() for name_key, name in lines}
    import difflib  # only for a hint

    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.5)
    return (names[close[0]], lookup(names[close[0]])) if close else None


def _script(letter: str) -> str:
    """The script of LETTER as Unicode names it ('LATIN', 'CJK', 'THAI'); '' for what is no letter."""
    return unicodedata.name(letter, "").split(" ", 1)[0] if letter.isalpha() else ""
