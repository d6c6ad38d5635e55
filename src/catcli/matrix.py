"""The whole picture: service categories against registration regions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catcli.catalog import Region, Service
from catcli.text import key


@dataclass(frozen=True)
class MatrixRow:
    """A service category (spellings merged) and where it is offered."""

    type: str
    main_category: str
    service_category: str
    registration_regions: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "main_category": self.main_category,
            "service_category": self.service_category,
            "registration_regions": list(self.registration_regions),
        }


def matrix(services: Iterable[Service], regions: Sequence[Region]) -> list[MatrixRow]:
    """One row per (type, main category, service category), first spelling kept."""
    order = {r.name: i for i, r in enumerate(regions)}
    grouped: dict[tuple[str, str, str], tuple[Service, set[str]]] = {}
    for service in services:
        group = (service.type, key(service.main_category), key(service.service_category))
        first, offered = grouped.setdefault(group, (service, set()))
        offered.add(service.registration_region)
    # Keep each main category's rows together, in order of first appearance.
    main_order: dict[tuple[str, str], int] = {}
    for group in grouped:
        main_order.setdefault(group[:2], len(main_order))
    ordered = sorted(grouped, key=lambda group: main_order[group[:2]])
    return [
        MatrixRow(
            first.type,
            first.main_category,
            first.service_category,
            tuple(sorted(offered, key=lambda r: order.get(r, len(order)))),
        )
        for first, offered in (grouped[group] for group in ordered)
    ]


def markets_of(region: str, services: Iterable[Service], regions: Sequence[Region]) -> list[str]:
    """The markets a region's partners may target, in catalog order."""
    found = {m for s in services if s.registration_region == region for m in s.target_markets}
    return [r.name for r in regions if r.name in found]
