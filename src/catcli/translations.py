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
and kept in catcli's cache under TRANSLATIONS, keyed like the English names
(``countries.pycountry_key``). It is one bytes blob of lines
``KEY<tab>CODES<tab>NAME``, each after a newline: a lookup is one
``bytes.find`` (about a millisecond), where unmarshalling a dict of 31,000
names would cost ~30 ms, the whole budget of a later miss.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import struct
import unicodedata
from typing import Any

from catcli import countries
from catcli.model import Country

TRANSLATIONS = "pycountry-translations"  # the cache entry of the index
DOMAIN = "iso3166-1"  # the gettext domain of pycountry's country names

# Accents, which names are compared without: the combining marks of Latin,
# Greek and Cyrillic letters, and the optional points and hamza of Hebrew and
# Arabic. Other scripts' marks are letters of their words (Thai, Devanagari
# and Bengali vowel signs, the voicing mark of Japanese ガ) and count: without
# them Hindi's Moldova and Maldives are one name.
_ACCENTS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]"
)
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9]+")
HINT_LONGEST = 64  # longer than any name: a miss this long gets no translated hint


class _Kept(dict[int, int | None]):
    """str.translate's table for ``key``, filled as characters are met: a letter, digit or mark
    that is no accent stays; spaces, punctuation and symbols go."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        kept = (char.isalnum() or unicodedata.category(char).startswith("M")) and not _ACCENTS.match(char)
        self[code] = code if kept else None
        return self[code]


_KEPT = _Kept()
_KEPT_LINES = _Kept({ord("\n"): ord("\n")})  # the same, keeping the newlines between names


def key(value: str) -> str:
    """VALUE as the index compares it: case-folded, compatibility-decomposed (NFKD: full-width
    forms as their letters), without accents, spaces or punctuation. Linear in VALUE."""
    if value.isascii():
        return _NOT_ASCII_ALNUM.sub("", value.lower())
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


def _read_pycountry() -> bytes:
    """The index, from pycountry's catalogs: every translation that is not the English name itself."""
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


def _blob(translated: dict[bytes, str]) -> bytes:
    """The index's lines: each key once, with every country any of its names names, and the first
    name written (by language, for hints).

    Built in whole-list steps rather than a step per name, for the 0.3 s a
    first miss may take: the names are keyed all at once, joined by newlines,
    which ``key``'s steps keep in place (NFKD reorders nothing across one).
    """
    raws = list(translated)
    joined = b"\n".join(raws)
    if joined.count(b"\n") != len(raws) - 1 or b"\t" in joined:
        # A name holding a line break or a tab (none in pycountry's) would break the lines apart.
        raws = [raw for raw in raws if b"\n" not in raw and b"\t" not in raw]
        joined = b"\n".join(raws)
    if not raws:
        return b"\n"
    text = joined.decode("utf-8", "replace")
    names, codes = text.split("\n"), [translated[raw] for raw in raws]
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_KEPT_LINES).split("\n")
    first = dict(zip(reversed(folded), range(len(folded) - 1, -1, -1), strict=True))  # key -> its first line
    first.pop("", None)
    for line in [i for i, k in enumerate(folded) if first.get(k, i) != i]:
        # Another name with the same key: the key names the countries of both.
        codes[first[folded[line]]] = _union(codes[first[folded[line]]], codes[line])
    lines = sorted(first.values())
    return "".join(f"\n{folded[i]}\t{codes[i]}\t{names[i]}" for i in lines).encode() + b"\n"


def _valid(value: Any) -> bool:
    return isinstance(value, bytes) and value.startswith(b"\n") and value.endswith(b"\n")


@functools.cache
def _index() -> bytes:
    return countries.remembered(TRANSLATIONS, _read_pycountry, _valid)


def lookup(value: str) -> list[Country]:
    """The countries a translated name VALUE names: none, one, or (a name two countries share) several."""
    folded = key(value)
    if not folded:
        return []
    index = _index()
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
    lines = re.findall(b"\n(" + first + b"[^\t]*)\t[^\t]*\t([^\n]*)", _index())
    names = {name_key.decode(): name.decode() for name_key, name in lines}
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.5)
    return (names[close[0]], lookup(names[close[0]])) if close else None


def _script(letter: str) -> str:
    """The script of LETTER as Unicode names it ('LATIN', 'CJK', 'THAI'); '' for what is no letter."""
    return unicodedata.name(letter, "").split(" ", 1)[0] if letter.isalpha() else ""
