"""Finding services by words, names ranked before definitions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catcli.catalog import Service
from catcli.text import words


@dataclass(frozen=True)
class Hit:
    service: Service
    in_name: bool


def search(services: Sequence[Service], text: str) -> list[Hit]:
    """Rows where every word of TEXT begins some word of the row.

    Rows matching on their names rank before rows matching only in the
    definition; within a rank, catalog order.
    """
    query = words(text)
    if not query:
        return []
    name_hits: list[Hit] = []
    definition_hits: list[Hit] = []
    for service in services:
        name_words = words(service.main_category) + words(service.service_category)
        if _all_prefixed(query, name_words):
            name_hits.append(Hit(service, True))
        elif _all_prefixed(query, name_words + words(service.definition)):
            definition_hits.append(Hit(service, False))
    return name_hits + definition_hits


def _all_prefixed(query: Sequence[str], row_words: Sequence[str]) -> bool:
    return all(any(w.startswith(q) for w in row_words) for q in query)
