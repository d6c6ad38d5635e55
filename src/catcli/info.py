"""`catcli info` and `catcli --version`: which catalog answers, why, and which edition it is.

A user who imported a catalog, set $CATCLI_CATALOG long ago, or upgraded
catcli needs one place that says which data the answers come from; a bug
report needs the same facts in one line.
"""

from __future__ import annotations

import os

from catcli import __version__
from catcli.errors import CatcliError
from catcli.loading import load, load_located, read
from catcli.location import REASONS, Located, bundled_path, locate, user_path
from catcli.model import CatalogData
from catcli.records import Info


def version() -> str:
    """catcli's version: ``catcli.__version__``, which pyproject.toml reads too (one source)."""
    return __version__


def describe(explicit: str | None = None) -> Info:
    """Everything `info` reports; a catalog that cannot be read is an error here as in any lookup."""
    located: Located = locate(explicit)
    catalog = load_located(located)
    bundled = catalog if located.reason == "bundled" else _bundled()
    bundled_edition = bundled.edition.edition if bundled is not None else ""
    by_type: dict[str, int] = {t.id: 0 for t in catalog.types}
    for service in catalog.services:
        by_type[service.type] = by_type.get(service.type, 0) + 1
    user = user_path()
    return Info(
        catcli_version=version(),
        catalog_path=os.path.abspath(located.path),
        chosen_by=located.reason,
        lookup_order=REASONS,
        user_catalog_path=str(user) if user is not None else None,
        source=catalog.edition.source,
        edition=catalog.edition.edition,
        imported=catalog.edition.imported,
        services=len(catalog.services),
        services_by_type=by_type,
        regions=len(catalog.regions),
        bundled_edition=bundled_edition,
        # YYYY-MM-DD strings order as dates; a catalog with no edition is older than any.
        newer_bundled_edition=bundled_edition > catalog.edition.edition,
    )


def _bundled() -> CatalogData | None:
    """The bundled catalog, only to compare editions: if it is broken, info still reports the one in use."""
    try:
        return read(bundled_path())
    except CatcliError:
        return None


def version_line() -> str:
    """'catcli 0.3.0, catalog edition 2026-11-24, 68 services'.

    A catalog that cannot be read still gets the version printed, with the
    reason: --version is what a bug report about that catalog starts with.
    """
    try:
        catalog = load()
    except CatcliError as exc:
        return f"catcli {version()}, catalog unreadable: {exc.message}"
    edition = catalog.edition.edition or "unknown"
    return f"catcli {version()}, catalog edition {edition}, {len(catalog.services)} services"
