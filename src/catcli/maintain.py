"""Keeping the catalog current: import a new edition, go back to the bundled one.

``catcli import`` writes the user catalog by default, so an installed catcli
answers from the new edition at once; the summary says what changed against
the catalog it replaces.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from catcli.errors import CatalogError, CatcliError, UsageError
from catcli.model import Catalog
from catcli.text import quoted


class Imported(NamedTuple):
    text: str  # the catalog as TOML
    catalog: Catalog
    target: Path | None  # where it was written; None for stdout
    replaced: Catalog | None  # the catalog that answered from there before, if any


def today() -> str:
    """Today as YYYY-MM-DD; SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()


def _edition(value: str | None) -> str:
    if value is None:
        return today()
    import datetime

    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UsageError(
        f"--edition {quoted(value)} is not a date", hint="write it YYYY-MM-DD, e.g. --edition 2026-11-24"
    )


def import_document(document: str, base: str | None, edition: str | None, output: str | None) -> Imported:
    """The imported catalog, written where asked: FILE, the user catalog (default), or stdout ('-')."""
    from catcli.catalog import load
    from catcli.document import import_text
    from catcli.files import checked_path, output_path, read_text, write_atomic
    from catcli.location import bundled_path, user_path

    source = checked_path(document, "DOCUMENT")
    target: Path | None
    if output == "-":
        target = None
    elif output is not None:
        target = output_path(output)
    else:
        target = user_path()
        if target is None:
            raise UsageError("no home directory for the user catalog", hint="give --output FILE")
    dated = _edition(edition)
    base_catalog = load(checked_path(base, "--base") if base is not None else bundled_path())
    text, catalog = import_text(read_text(source, "document"), str(source), base_catalog, dated, today())
    if target is None:
        return Imported(text, catalog, None, None)
    replaced = _replaced(target, user=output is None)
    if output is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CatalogError(f"cannot create {target.parent}: {exc.strerror or exc}") from None
    write_atomic(target, text)
    return Imported(text, catalog, target, replaced)


def _replaced(target: Path, user: bool) -> Catalog | None:
    """What answered from TARGET before: the file there, or for a new user catalog the bundled one."""
    from catcli.catalog import load
    from catcli.location import bundled_path

    try:
        if os.path.lexists(target):
            return load(target)
        return load(bundled_path()) if user else None
    except CatcliError:
        return None  # a broken catalog is being replaced: nothing to compare with


def import_summary(imported: Imported) -> str:
    """'wrote PATH (edition …, 68 services): +1 service, -1, ~1 changed'."""
    catalog = imported.catalog
    line = f"wrote {imported.target} (edition {catalog.edition.edition}, {len(catalog.services)} services)"
    if imported.replaced is None:
        return line
    from catcli.diff import compare

    changes = compare(imported.replaced, catalog)
    if not (changes.added or changes.removed or changes.changed):
        return f"{line}: no change of services"
    added, removed, changed = len(changes.added), len(changes.removed), len(changes.changed)
    return f"{line}: +{added} service{'s' if added != 1 else ''}, -{removed}, ~{changed} changed"


def reset() -> str:
    """Remove the user catalog; say what answers now."""
    from catcli.location import ENV_VAR, user_path

    path = user_path()
    if path is None or not os.path.lexists(path):
        message = f"no imported catalog at {path}; lookups already use the bundled catalog"
    else:
        try:
            path.unlink()
        except OSError as exc:
            raise CatalogError(f"cannot remove {path}: {exc.strerror or exc}") from None
        message = f"removed {path}; lookups use the bundled catalog again"
    if os.environ.get(ENV_VAR):
        message += f" (but {ENV_VAR} is set and still chooses the catalog)"
    return message


def load_for_diff(name: str) -> Catalog:
    """A catalog file for diff; '-' reads standard input (at most files.MAX_BYTES)."""
    from catcli.catalog import load
    from catcli.files import MAX_BYTES, checked_path, decode
    from catcli.schema import check
    from catcli.tomlio import parse

    if name != "-":
        return load(checked_path(name, "a catalog"))
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, AttributeError, ValueError) as exc:
        raise CatalogError(f"cannot read standard input: {exc}") from None
    if len(data) > MAX_BYTES:
        raise CatalogError(f"standard input is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    text = decode(data, "<stdin>")
    catalog, problems = check(parse(text, "<stdin>"), text)
    if catalog is None:
        raise CatalogError(f"<stdin>: {problems[0]}")
    return catalog
