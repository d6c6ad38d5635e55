"""catcli: which TikTok Shop Partner Center service categories may a partner offer?

The command line is one way in; this is the other, over the same engine::

    import catcli

    catalog = catcli.load()  # the same lookup order as the CLI
    rows = catalog.select(type="tsp", region="Japan")
    print(rows[0].as_dict())  # exactly the --json shape

Names are loaded on first use (PEP 562), so ``import catcli`` reads no
catalog and imports neither Typer nor Rich.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catcli.api import Catalog, load, resolve_region, resolve_type
    from catcli.errors import CatalogError, CatcliError, NotFound, OutputError, UnknownValue, UsageError
    from catcli.model import Country, Edition, PartnerType, Region, Service
    from catcli.query import Filters
    from catcli.records import Answer, MatrixRow, RegionSummary, TypeSummary
    from catcli.search import Hit

__version__ = "0.3.0"

# Each public name, and the module that defines it.
_WHERE = {
    "load": "catcli.api",
    "Catalog": "catcli.api",
    "Service": "catcli.model",
    "Region": "catcli.model",
    "Country": "catcli.model",
    "PartnerType": "catcli.model",
    "Edition": "catcli.model",
    "Filters": "catcli.query",
    "Answer": "catcli.records",
    "MatrixRow": "catcli.records",
    "RegionSummary": "catcli.records",
    "TypeSummary": "catcli.records",
    "Hit": "catcli.search",
    "resolve_region": "catcli.api",
    "resolve_type": "catcli.api",
    "CatcliError": "catcli.errors",
    "CatalogError": "catcli.errors",
    "UsageError": "catcli.errors",
    "UnknownValue": "catcli.errors",
    "NotFound": "catcli.errors",
    "OutputError": "catcli.errors",
}
__all__ = [
    "Answer",
    "CatalogError",
    "Catalog",
    "CatcliError",
    "Country",
    "Edition",
    "Filters",
    "Hit",
    "MatrixRow",
    "NotFound",
    "OutputError",
    "PartnerType",
    "Region",
    "RegionSummary",
    "Service",
    "TypeSummary",
    "UnknownValue",
    "UsageError",
    "load",
    "resolve_region",
    "resolve_type",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'catcli' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
