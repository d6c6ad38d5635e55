"""`catcli info` and `catcli --version`: which catalog answers, why, and which edition it is."""

from __future__ import annotations

import os
from typing import NamedTuple

from catcli.errors import CatcliError
from catcli.location import REASONS, Located, bundled_path, locate, user_path
from catcli.model import Catalog

_WHY = {
    "flag": "named by --catalog",
    "environment": "named by $CATCLI_CATALOG",
    "user": "your imported catalog (catcli import)",
    "bundled": "bundled with catcli",
}


class Info(NamedTuple):
    """The `info --json` keys, in order."""

    catcli_version: str
    catalog: str  # absolute path of the catalog in use
    chosen_by: str  # flag, environment, user or bundled
    lookup_order: tuple[str, ...]
    user_catalog: str | None  # where `catcli import` writes
    source: str
    edition: str
    imported: str
    services: int
    services_by_type: dict[str, int]
    regions: int
    bundled_edition: str
    newer_bundled_edition: bool  # the bundled catalog is a newer edition than the one in use


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("catcli")
    except PackageNotFoundError:
        return "unknown (not installed)"


def describe(explicit: str | None = None) -> Info:
    from catcli.catalog import load_located

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
        catalog=os.path.abspath(located.path),
        chosen_by=located.reason,
        lookup_order=REASONS,
        user_catalog=str(user) if user is not None else None,
        source=catalog.edition.source,
        edition=catalog.edition.edition,
        imported=catalog.edition.imported,
        services=len(catalog.services),
        services_by_type=by_type,
        regions=len(catalog.regions),
        bundled_edition=bundled_edition,
        newer_bundled_edition=bool(catalog.edition.edition and bundled_edition > catalog.edition.edition),
    )


def _bundled() -> Catalog | None:
    from catcli.catalog import load

    try:
        return load(bundled_path())
    except CatcliError:
        return None


def render_text(info: Info) -> str:
    lines = [
        f"catalog:  {info.catalog}",
        f"          {_WHY.get(info.chosen_by, info.chosen_by)}",
        f"source:   {info.source or '(not recorded)'}",
        f"edition:  {info.edition or '(not recorded)'}"
        + (f", imported {info.imported}" if info.imported else ""),
        f"services: {info.services} ("
        + ", ".join(f"{t} {n}" for t, n in info.services_by_type.items())
        + f"), {info.regions} regions",
        "lookup:   --catalog PATH, then $CATCLI_CATALOG, then "
        + (f"{info.user_catalog}" if info.user_catalog else "the user catalog")
        + ", then the bundled catalog",
        f"catcli:   {info.catcli_version}",
    ]
    if info.newer_bundled_edition:
        lines.append(
            f"note:     catcli bundles a newer edition ({info.bundled_edition}); "
            "use it with: catcli import --reset"
        )
    return "\n".join(lines) + "\n"


def version_line() -> str:
    """'catcli 0.2.0, catalog edition 2026-11-24, 68 services'."""
    from catcli.catalog import load

    try:
        catalog = load()
    except CatcliError as exc:
        return f"catcli {version()}, catalog unreadable ({exc.message})"
    edition = catalog.edition.edition or "unknown"
    return f"catcli {version()}, catalog edition {edition}, {len(catalog.services)} services"
