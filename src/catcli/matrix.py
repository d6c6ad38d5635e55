"""The whole picture: service categories against registration regions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from catcli.model import Region, Service
from catcli.records import MatrixRow
from catcli.text import name_key


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
