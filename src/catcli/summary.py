"""One record per region and per partner type: what `regions` and `types` show.

Both the JSON and the table render these records, so the figures cannot
disagree between the two.
"""

from __future__ import annotations

from typing import Any

from catcli.catalog import Catalog
from catcli.matrix import markets_of
from catcli.text import key


def regions(catalog: Catalog) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "countries": [{"code": c.code, "name": c.name} for c in r.countries],
            "aliases": list(r.aliases),
            "target_markets": markets_of(r.name, catalog.services, catalog.regions),
        }
        for r in catalog.regions
    ]


def types(catalog: Catalog) -> list[dict[str, Any]]:
    records = []
    for partner in catalog.types:
        rows = [s for s in catalog.services if s.type == partner.id]
        records.append(
            {
                "id": partner.id,
                "name": partner.name,
                "aliases": list(partner.aliases),
                "service_categories": len({key(s.service_category) for s in rows}),
                "services": len(rows),
            }
        )
    return records
