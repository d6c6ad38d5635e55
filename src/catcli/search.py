"""Finding services by words, names ranked before definitions.

Words are folded as ``show`` folds names (catcli.text.words), and a word may
span the catalog's own word breaks: 'livestream' finds *Live Stream*,
'live stream' finds *Livestream*, 'onboarding' finds *On-boarding* and
'ecommerce' finds *e-commerce*. A row matches when the query's words, taken
alone or run together with their neighbours, each begin at a word of the row.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from catcli.errors import NotFound, UsageError
from catcli.model import CatalogData, Service
from catcli.query import Filters, text_argument, why_empty
from catcli.text import quoted, words

MAX_WORDS = 32  # distinct words in a query; bounds the work for any argument
MIN_TAIL = 3  # letters of a word that a run spanning words may end with
MAX_SUGGESTED = 64  # longer words get no "did you mean": no catalog word is near


class Hit(NamedTuple):
    service: Service
    in_name: bool  # found in the main or service category, not only the definition


class _Row:
    """A text's folded words, run together, with where each word starts.

    Matching searches the run-together text with ``str.find`` (linear, in C)
    rather than walking word by word from every word: a query word of K letters
    against N one-letter words cost N×K steps that way (47 s for 110 KB).
    """

    __slots__ = ("words", "joined", "starts", "at")

    def __init__(self, texts: Sequence[str]) -> None:
        self.words = [w for text in texts for w in words(text)]
        self.starts: list[int] = []
        position = 0
        for word in self.words:
            self.starts.append(position)
            position += len(word)
        self.joined = "".join(self.words)
        self.at = {start: index for index, start in enumerate(self.starts)}  # word by its start

    def begins_word(self, run: str) -> bool:
        """Does RUN begin a word here, or spell whole neighbouring words run together?

        A run that spans words may end inside the last one only by MIN_TAIL
        letters or more: 'livestr' finds *live stream*, 'liver' does not
        find *live reviews*.
        """
        position = self.joined.find(run)
        while position != -1:
            first = self.at.get(position)
            if first is not None and self._ends_well(first, position + len(run)):
                return True
            position = self.joined.find(run, position + 1)
        return False

    def _ends_well(self, first: int, end: int) -> bool:
        """A run from word FIRST to END: within that word, at the end of a later one, or at least
        MIN_TAIL letters into a later one."""
        if end <= self.starts[first] + len(self.words[first]):
            return True
        last = bisect.bisect_right(self.starts, end - 1) - 1
        return end == self.starts[last] + len(self.words[last]) or end - self.starts[last] >= MIN_TAIL

    def matches(self, query: Sequence[str]) -> bool:
        """Can the query be cut into runs of neighbouring words that each begin a word here?"""
        reachable = [True] + [False] * len(query)
        for begin in range(len(query)):
            if not reachable[begin]:
                continue
            for end in range(begin + 1, len(query) + 1):
                run = "".join(query[begin:end])
                if run not in self.joined:
                    break  # a longer run holds this one: it cannot occur either
                if not reachable[end] and self.begins_word(run):
                    reachable[end] = True
        return reachable[-1]


def query_words(text: str) -> list[str]:
    """The distinct search words of TEXT, folded, in order; too many is a usage error.

    A repeated word asks nothing new, and the cap bounds the work for any argument.
    """
    query = list(dict.fromkeys(words(text)))
    if len(query) > MAX_WORDS:
        raise UsageError(
            f"too many words to search for ({len(query)}; at most {MAX_WORDS})",
            hint="search for a few words that the row must contain",
        )
    return query


def find(catalog: CatalogData, text: str, chosen: Filters) -> list[Hit]:
    """The hits among the services the filters let through; NotFound, saying why, when there are none.

    No hit is a 'no' (exit 1, like grep), with a spelling that does hit, if there is one.
    """
    within = chosen.apply(catalog.services)
    hits = search(within, text_argument(text, "words"))
    if hits:
        return hits
    if not within:  # nothing to search in: the filters alone rule everything out
        raise NotFound(f"nothing matches {quoted(text)}: {why_empty(catalog, chosen)}")
    close = respelling(within, text)
    hint = f"did you mean {close!r}?" if close else "see everything with: catcli list"
    filtered = " with those filters" if chosen else ""
    raise NotFound(f"nothing matches {quoted(text)}{filtered}", hint)


def search(services: Sequence[Service], text: str) -> list[Hit]:
    """Rows where every word of TEXT begins some word of the row (or a run of them).

    Rows matching on their names rank before rows matching only in the
    definition; within a rank, catalog order.
    """
    query = query_words(text)
    if not query:
        return []
    name_hits: list[Hit] = []
    definition_hits: list[Hit] = []
    for service in services:
        if _Row((service.main_category, service.service_category)).matches(query):
            name_hits.append(Hit(service, True))
        elif _Row((service.main_category, service.service_category, service.definition)).matches(query):
            definition_hits.append(Hit(service, False))
    return name_hits + definition_hits


def vocabulary(services: Sequence[Service]) -> list[str]:
    """Every folded word of the catalog, and every pair of neighbours run together."""
    found: dict[str, None] = {}
    for service in services:
        for text in (service.main_category, service.service_category, service.definition):
            folded = words(text)
            found.update(dict.fromkeys(folded))
            found.update(dict.fromkeys(a + b for a, b in zip(folded, folded[1:], strict=False)))
    return list(found)


def respelling(services: Sequence[Service], text: str) -> str | None:
    """A close spelling of TEXT that does find something ('livestrem' -> 'livestream'), or None."""
    import difflib  # only when nothing matched: a hit never pays for it

    query = query_words(text)
    known = vocabulary(services)
    fixed = []
    for word in query:
        if any(v.startswith(word) for v in known):
            fixed.append(word)
            continue
        if len(word) > MAX_SUGGESTED:
            return None
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        if not close:
            return None
        fixed.append(close[0])
    candidate = " ".join(fixed)
    if fixed == query or not search(services, candidate):
        return None
    return candidate
