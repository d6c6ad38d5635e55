"""The catalog's data types: partner types, regions, services, and the catalog itself.

Typed NamedTuples rather than frozen dataclasses: just as immutable, but
cheaper to define (~140 µs against ~290 µs), and they are defined on every
run of a command that must start in a few milliseconds (bench/README.md).

A service's fields are declared once, in ``Service``; the checker, the TOML
writer, the JSON shape and the identity of a row are all derived from that
declaration (``Service.__annotations__`` tells strings from sequences; the
annotations stay real types, with no ``from __future__ import annotations``,
which would also make each NamedTuple compile its field types as strings on
every start).
"""

import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from catcli.query import Selection
    from catcli.records import Answer
    from catcli.search import Hit


class PartnerType(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """Every name this type answers to."""
        return (self.id, self.name, *self.aliases)


class Country(NamedTuple):
    code: str
    name: str


class Region(NamedTuple):
    name: str
    countries: tuple[Country, ...]
    aliases: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """Every name this region answers to: its own, aliases, member countries and their codes."""
        return (
            self.name,
            *self.aliases,
            *(c.code for c in self.countries),
            *(c.name for c in self.countries),
        )


class Service(NamedTuple):
    """One row of the Partner Center tables; its fields are the JSON contract, in order."""

    type: str
    registration_region: str
    target_markets: tuple[str, ...]
    main_category: str
    service_category: str
    definition: str

    def as_dict(self) -> dict[str, Any]:
        """The ``--json`` shape: every field by name, sequences as lists."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in zip(SERVICE_FIELDS, self, strict=True)
        }

    def identity(self) -> tuple[object, ...]:
        """What makes two rows the same service: every field but the definition."""
        return _identity(self)


SERVICE_FIELDS: tuple[str, ...] = Service._fields
# Fields holding several values (TOML arrays, JSON lists); the rest are strings.
LIST_FIELDS = frozenset(name for name, kind in Service.__annotations__.items() if kind is not str)
IDENTITY_FIELDS = tuple(name for name in SERVICE_FIELDS if name != "definition")
_identity: Callable[[Service], tuple[object, ...]] = operator.attrgetter(*IDENTITY_FIELDS)


class Edition(NamedTuple):
    """Where a catalog came from: the ``[catalog]`` table of catalog.toml."""

    source: str = ""  # the document's title
    edition: str = ""  # YYYY-MM-DD: the day the document was taken
    imported: str = ""  # YYYY-MM-DD: the day it was imported


EDITION_FIELDS: tuple[str, ...] = Edition._fields


class Catalog(NamedTuple):
    """A whole catalog, and the Python API's questions about it.

    The methods take the spellings the command line takes: names, aliases,
    member countries and ISO codes, as a str or a list of them.
    """

    types: tuple[PartnerType, ...]
    regions: tuple[Region, ...]
    services: tuple[Service, ...]
    edition: Edition = Edition()

    def select(
        self,
        type: str | Sequence[str] | None = None,  # noqa: A002 - the CLI's own word
        region: str | Sequence[str] | None = None,
        market: str | Sequence[str] | None = None,
    ) -> list[Service]:
        """The services a partner of that type, registered there, may offer in that market."""
        return self.selection(type, region, market).services

    def selection(
        self,
        type: str | Sequence[str] | None = None,  # noqa: A002
        region: str | Sequence[str] | None = None,
        market: str | Sequence[str] | None = None,
    ) -> "Selection":
        """``select`` with what the filters resolved to, for titles and empty answers."""
        from catcli.query import select

        return select(self, type, region, market)

    def show(self, name: str) -> list[Service]:
        """Rows whose service or main category is NAME (case, spacing and punctuation ignored)."""
        from catcli.query import by_name

        return by_name(self.services, name)

    def search(self, text: str) -> "list[Hit]":
        """Rows where every word of TEXT begins a word of the row; name matches first."""
        from catcli.search import search

        return search(self.services, text)

    def check(
        self,
        name: str,
        type: str,
        region: str,
        market: str | None = None,  # noqa: A002
    ) -> "Answer":
        """May a partner of TYPE registered in REGION offer NAME (in MARKET)?"""
        from catcli.eligibility import check

        return check(self, name, type, region, market)


def as_json(value: Any) -> Any:
    """A record (or a sequence or mapping of them) as JSON values: NamedTuples become objects."""
    if hasattr(value, "_fields"):
        return {name: as_json(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, (list, tuple)):
        return [as_json(item) for item in value]
    if isinstance(value, dict):
        return {name: as_json(item) for name, item in value.items()}
    return value
