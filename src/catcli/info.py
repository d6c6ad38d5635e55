"""`catcli info` and `catcli --version`: which catalog answers, why, and which edition it is.

A user who imported a catalog, set $CATCLI_CATALOG long ago, or upgraded
catcli needs one place that says which data the answers come from; a bug
report needs the same facts in one line.
"""

from __future__ import annotations

import os

from catcli.errors import CatcliError
from catcli.location import ENV_VAR, REASONS, Located, bundled_path, locate, user_path
from catcli.model import Catalog
from catcli.records import Info

_WHY = {
    "flag": "named by --catalog",
    "environment": f"named by ${ENV_VAR}",
    "user": "your imported catalog (catcli import; undo with: catcli import --reset)",
    "bundled": "bundled with catcli",
}


def version() -> str:
    """catcli's version: ``catcli.__version__``, which pyproject.toml reads too (one source)."""
    from catcli import __version__

    return __version__


def describe(explicit: str | None = None) -> Info:
    """Everything `info` reports; a catalog that cannot be read is an error here as in any lookup."""
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


def _bundled() -> Catalog | None:
    """The bundled catalog, only to compare editions: if it is broken, info still reports the one in use."""
    from catcli.catalog import read

    try:
        return read(bundled_path())
    except CatcliError:
        return None


def render_text(info: Info) -> str:
    """Aligned 'label: value' lines for people; scripts read --json."""
    by_type = ", ".join(f"{t} {n}" for t, n in info.services_by_type.items())
    edition = info.edition or "(not recorded)"
    lines = [
        f"catalog:  {info.catalog_path}",
        f"          {_WHY.get(info.chosen_by, info.chosen_by)}",
        f"source:   {info.source or '(not recorded)'}",
        f"edition:  {edition}" + (f", imported {info.imported}" if info.imported else ""),
        f"services: {info.services} ({by_type}), {info.regions} regions",
        "lookup:   1. --catalog PATH",
        f"          2. ${ENV_VAR}",
        f"          3. {info.user_catalog_path or 'the user catalog (no home directory)'}",
        "          4. the bundled catalog",
        f"catcli:   {info.catcli_version}",
    ]
    if info.newer_bundled_edition:
        note = f"note:     catcli bundles a newer edition ({info.bundled_edition})"
        if info.chosen_by == "user":
            note += "; use it with: catcli import --reset"
        lines.append(note)
    return "\n".join(lines) + "\n"


def version_line() -> str:
    """'catcli 0.2.0, catalog edition 2026-11-24, 68 services'.

    A catalog that cannot be read still gets the version printed, with the
    reason: --version is what a bug report about that catalog starts with.
    """
    from catcli.catalog import load

    try:
        catalog = load()
    except CatcliError as exc:
        return f"catcli {version()}, catalog unreadable: {exc.message}"
    edition = catalog.edition.edition or "unknown"
    return f"catcli {version()}, catalog edition {edition}, {len(catalog.services)} services"
