"""The Python API: ``catcli.load()`` and the questions a ``Catalog`` answers.

It sits above the modules it calls (query, search, eligibility, matrix,
records), so nothing below imports it: the model stays plain data. The
command line asks its questions here too, so the API answers every question
the CLI answers, in the same words. The rule for an answer that is empty:
``select``, ``matrix`` and the summaries return an empty list (``why_empty``
says why); ``show`` and ``search`` raise NotFound with the reason, and
``check`` raises UnknownValue for a name in no row (its "no" is an answer,
``eligible=False``, and a typo must not read as one).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from catcli import loading, query
from catcli.errors import UsageError
from catcli.model import CatalogData, Service
from catcli.query import Filters, Spelling
from catcli.resolve import Resolver

if TYPE_CHECKING:
    from catcli.records import Answer, MatrixRow, RegionSummary, TypeSummary
    from catcli.search import Hit


class Catalog(CatalogData):
    """A whole catalog, and the questions the command line asks of it.

    The methods take the spellings the command line takes: names, aliases,
    member countries and ISO codes, as a str or a list of them.
    """

    __slots__ = ()

    def filters(self, type: Spelling = None, region: Spelling = None, market: Spelling = None) -> Filters:
        """What the filters resolve to (for titles, and for ``why_empty``); UnknownValue for a typo."""
        return query.resolve(self, type, region, market)

    def select(
        self, type: Spelling = None, region: Spelling = None, market: Spelling = None
    ) -> list[Service]:
        """The services a partner of that type, registered there, may offer in that market."""
        return self.filters(type, region, market).apply(self.services)

    def why_empty(self, filters: Filters) -> str:
        """Why those filters select nothing, in the catalog's terms (what ``catcli list`` says)."""
        if not isinstance(filters, Filters):
            raise UsageError(
                f"why_empty takes Filters, not {type(filters).__name__}",
                hint="pass what catalog.filters(type=…, region=…, market=…) gives",
            )
        return query.why_empty(self, filters)

    def show(
        self, name: str, type: Spelling = None, region: Spelling = None, market: Spelling = None
    ) -> list[Service]:
        """Rows whose service or main category is NAME (case, spacing and punctuation ignored).

        NotFound when there are none: with the closest names, or where NAME is offered.
        """
        return query.show(self, name, self.filters(type, region, market))

    def search(
        self, text: str, type: Spelling = None, region: Spelling = None, market: Spelling = None
    ) -> list[Hit]:
        """Rows where every word of TEXT begins a word of the row, name matches first; NotFound if none."""

        from catcli import search  # start-up: a lookup that does not search never loads it

        return search.find(self, text, self.filters(type, region, market))

    def check(self, name: str, type: Spelling, region: Spelling, market: Spelling = None) -> Answer:
        """May a partner of TYPE registered in REGION offer NAME (in MARKET)? One value each."""

        from catcli import eligibility  # start-up: as search

        return eligibility.check(self, name, type, region, market)

    def matrix(self, type: Spelling = None, market: Spelling = None) -> list[MatrixRow]:
        """Service categories (spellings merged) and the registration regions offering each."""

        from catcli.matrix import matrix  # start-up: as search

        return matrix(self.filters(type, None, market).apply(self.services), self.regions)

    def region_summaries(self) -> list[RegionSummary]:
        """Each registration region with its members, aliases and the markets it may target."""

        from catcli import records  # start-up: as search

        return records.regions(self)

    def type_summaries(self) -> list[TypeSummary]:
        """Each partner type with how many service categories and rows it has."""

        from catcli import records  # start-up: as search

        return records.types(self)


def load(path: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog at PATH, or the one the lookup order finds (--catalog, $CATCLI_CATALOG, user, bundled)."""
    return Catalog._make(loading.load(path))


def resolve_region(text: str, catalog: CatalogData | None = None) -> str:
    """The region name TEXT means (a region, alias, country name or ISO code); UnknownValue if none."""
    return _resolver(catalog).region(query.text_argument(text, "region")).name


def resolve_type(text: str, catalog: CatalogData | None = None) -> str:
    """The partner type id TEXT means (an id, name or alias); UnknownValue if none."""
    return _resolver(catalog).type(query.text_argument(text, "type")).name


def _resolver(catalog: object) -> Resolver:
    """The names of CATALOG (the one the lookup order finds when None); a usage error for anything else."""
    if catalog is None:
        return Resolver.for_catalog(load())
    if not isinstance(catalog, CatalogData):
        raise UsageError(
            f"catalog must be a Catalog, not {type(catalog).__name__}", hint="pass what catcli.load() gives"
        )
    return Resolver.for_catalog(catalog)
