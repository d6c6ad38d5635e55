"""The catalog's data types: partner types, regions, services, and the catalog's data.

Typed NamedTuples rather than frozen dataclasses: just as immutable, but
cheaper to define (~140 µs against ~290 µs), and they are defined on every
run of a command that must start in a few milliseconds (bench/README.md).

A service's fields are declared once, in ``Service``: each field's facts
(what it references, whether it is free text, part of a row's identity,
required) sit beside it as ``Annotated`` metadata. The checker, the TOML
writer, diff, the cache and the JSON shape all derive from ``FIELDS``. The
annotations stay real types, with no ``from __future__ import annotations``,
which would make each NamedTuple compile its field types as strings on every
start. This module imports nothing of catcli's: everything else builds on it.
"""

import operator
from collections.abc import Callable
from typing import Annotated, Any, Literal, NamedTuple, get_origin

Section = Literal["types", "regions"]  # the catalog entries a service field may name


class Field:
    """One service field's facts, declared beside the field; ``name`` and ``many`` are read from it."""

    __slots__ = ("name", "many", "refers", "text", "identity", "required")

    def __init__(
        self,
        refers: Section | None = None,
        *,
        text: bool = False,
        identity: bool = True,
        required: bool = True,
    ) -> None:
        self.refers = refers  # the catalog entries its values name, if any
        self.text = text  # free text: checked for page residue and hidden characters
        self.identity = identity  # part of what makes two rows the same service
        self.required = required  # an optional field may be left out of a catalog (None)
        self.name: ServiceField = "type"  # set from the declaration below
        self.many = False  # a list of values (a TOML array, a JSON list)


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


# A service field's name, for mypy: tests prove it lists exactly Service's fields.
ServiceField = Literal[
    "type", "registration_region", "target_markets", "main_category", "service_category", "definition"
]


class Service(NamedTuple):
    """One row of the Partner Center tables; its fields are the JSON contract, in order."""

    type: Annotated[str, Field("types")]
    registration_region: Annotated[str, Field("regions")]
    target_markets: Annotated[tuple[str, ...], Field("regions")]
    main_category: Annotated[str, Field(text=True)]
    service_category: Annotated[str, Field(text=True)]
    definition: Annotated[str, Field(text=True, identity=False)]

    def as_dict(self) -> dict[str, Any]:
        """The ``--json`` shape: every field by name, sequences as lists."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in zip(SERVICE_FIELDS, self, strict=True)
        }

    def identity(self) -> tuple[object, ...]:
        """What makes two rows the same service: the fields declared part of its identity."""
        return _identity(self)


def _declared(record: Any) -> tuple[Field, ...]:
    """Each field's facts, in declaration order, with its name and whether it holds several values."""
    found = []
    for name, hint in record.__annotations__.items():
        facts: Field = hint.__metadata__[0]
        facts.name = name
        facts.many = get_origin(hint.__origin__) is tuple
        found.append(facts)
    return tuple(found)


FIELDS: tuple[Field, ...] = _declared(Service)
SERVICE_FIELDS: tuple[ServiceField, ...] = tuple(f.name for f in FIELDS)
IDENTITY_FIELDS: tuple[ServiceField, ...] = tuple(f.name for f in FIELDS if f.identity)
_identity: Callable[[Service], tuple[object, ...]] = operator.attrgetter(*IDENTITY_FIELDS)


class Edition(NamedTuple):
    """Where a catalog came from: the ``[catalog]`` table of catalog.toml."""

    source: str = ""  # the document's title
    edition: str = ""  # YYYY-MM-DD: the day the document was taken
    imported: str = ""  # YYYY-MM-DD: the day it was imported


EDITION_FIELDS: tuple[str, ...] = Edition._fields


class CatalogData(NamedTuple):
    """A whole catalog's data. The Python API's ``catcli.Catalog`` adds the questions (catcli.api)."""

    types: tuple[PartnerType, ...]
    regions: tuple[Region, ...]
    services: tuple[Service, ...]
    edition: Edition = Edition()


def as_json(value: Any) -> Any:
    """A record (or a sequence or mapping of them) as JSON values: NamedTuples become objects."""
    if hasattr(value, "_fields"):
        return {name: as_json(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, (list, tuple)):
        return [as_json(item) for item in value]
    if isinstance(value, dict):
        return {name: as_json(item) for name, item in value.items()}
    return value


def label(value: dict[str, Any]) -> str:
    """A nested record (as JSON) by its name, for one cell: 'Germany (DE)', 'Main › Service'; '' if none."""
    if "code" in value and "name" in value:
        return f"{value['name']} ({value['code']})"
    if "service_category" in value and "main_category" in value:
        return f"{value['main_category']} › {value['service_category']}"
    return ""
