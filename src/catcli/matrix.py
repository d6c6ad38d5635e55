"""The whole picture: service categories against registration regions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from catcli.model import Region, Service
from catcli.text import name_key


class MatrixRow(NamedTuple):
    """A service category (spellings merged) and where it is offered; fields are the JSON keys."""

    type: str
    main_category: str
    service_category: str
    registration_regions: tuple[str, ...]


def matrix(services: Iterable[Service], regions: Sequence[Region]) -> list[MatrixRow]:
    """One row per (type, main category, service category), first spelling kept."""
    order = {r.name: i for i, r in enumerate(regions)}
    grouped: dict[tuple[str, str, str], tuple[Service, set[str]]] = {}
    for service in services:
        group = (service.type, name_key(service.main_category), name_key(service.service_category))
        first, offered = grouped.setdefault(group, (service, set()))
        offered.add(service.registration_region)
    # Keep each main category's rows together, in order of first appearance.
    main_order: dict[tuple[str, str], int] = {}
    for group in grouped:
        main_order.setdefault(group[:2], len(main_order))
    ordered = sorted(grouped, key=lambda group: main_order[group[:2]])
    return [
        MatrixRow(
            type=first.type,
            main_category=first.main_category,
            service_category=first.service_category,
            registration_regions=tuple(sorted(offered, key=lambda r: order.get(r, len(order)))),
        )
        for first, offered in (grouped[group] for group in ordered)
    ]


def grid_rows(rows: Sequence[MatrixRow], regions: Sequence[Region]) -> tuple[list[str], list[dict[str, str]]]:
    """The grid for csv, tsv and markdown: one column per registration region, 'yes' or 'no'."""
    names = [r.name for r in regions]
    header = ["type", "main_category", "service_category", *names]
    grid = [
        {
            "type": row.type,
            "main_category": row.main_category,
            "service_category": row.service_category,
            **{name: "yes" if name in row.registration_regions else "no" for name in names},
        }
        for row in rows
    ]
    return header, grid
