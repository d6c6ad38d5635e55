"""Keeping the catalog current: import a new edition, go back to the bundled one.

``catcli import`` writes the user catalog by default, so an installed catcli
answers from the new edition at once, without the user having to find, or
have the right to write, the catalog inside the package. The summary says
what changed against the catalog it replaces, so an import that lost rows is
noticed when it happens rather than at the next lookup.

It reads three kinds of file, told apart by what they hold, not by their
names: the Partner Center page as a browser saves it (HTML, catcli.webpage),
the same page as Markdown (catcli.document), and a catalog (TOML), which is
checked and installed as it is, so an edited catalog takes effect.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from catcli.diff import COMPARED, compare
from catcli.document import import_text
from catcli.errors import CatalogError, CatcliError, UsageError
from catcli.files import (
    BOM,
    MAX_BYTES,
    checked_path,
    decode,
    output_path,
    read_bytes,
    same_file,
    too_large,
    write_atomic,
)
from catcli.loading import from_text, read, validate
from catcli.location import ENV_VAR, bundled_path, user_path
from catcli.model import CatalogData
from catcli.problems import Problem
from catcli.render.text import entries_changed
from catcli.text import quoted

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A catalog's tables: a line opening one makes the file a catalog, even one too broken to parse.
_CATALOG_TABLES = ("[catalog]", "[[types]]", "[[regions]]", "[[services]]")


class Reader(str, Enum):
    """What a file to import holds, and so which reader reads it (``import --from``)."""

    MARKDOWN = "markdown"
    HTML = "html"
    TOML = "toml"


def sniff(data: bytes, otherwise: Reader = Reader.MARKDOWN) -> Reader:
    """What DATA holds, from its content: a page opens with a tag (or a doctype) after any comments;
    a catalog has a line opening one of its tables, a document a table row ('|'); anything else
    is read as OTHERWISE (import takes it for a document, validate and diff for a catalog)."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = head.decode("utf-16", "replace")
    else:
        start = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    start = start.lstrip(f"{BOM} \t\r\n\f")
    while start.startswith("<!--") and start.find("-->") != -1:
        start = start[start.find("-->") + 3 :].lstrip(" \t\r\n\f")
    if start[:1] == "<" and (start[1:2].isalpha() or start[:9].lower() == "<!doctype"):
        return Reader.HTML
    lines = data.decode("utf-8", "replace").splitlines()
    if any(line.strip().startswith(_CATALOG_TABLES) for line in lines):
        return Reader.TOML
    if any(line.lstrip().startswith("|") for line in lines):
        return Reader.MARKDOWN  # a table row, and no catalog table: a document
    return otherwise


def read_document(
    data: bytes, name: str, reader: Reader, base: CatalogData, edition: str
) -> tuple[str, CatalogData]:
    """A page, document or catalog as catalog TOML and the catalog it is, checked.

    A catalog is taken as it is, comments and all; a page or document gets
    BASE's types and regions and is dated EDITION.
    """
    if reader is Reader.TOML:
        text = decode(data, name)
        return text, from_text(text, name)
    if reader is Reader.HTML:
        from catcli.webpage import import_page  # only for a page: never on a lookup's path

        return import_page(data, name, base, edition, today())
    return import_text(decode(data, name), name, base, edition, today())


class Imported(NamedTuple):
    """An import's result, kept apart from printing it: the CLI prints, the library never does."""

    text: str  # the catalog as TOML
    catalog: CatalogData
    target: Path | None  # where it was written; None for stdout
    replaced: CatalogData | None  # the catalog that answered from there before, if any could be read
    user: bool  # written to the user catalog (no --output)


def today() -> str:
    """Today as YYYY-MM-DD; SOURCE_DATE_EPOCH fixes it, so a build imports the same bytes every day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.date.today().isoformat()
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        # The reproducible-builds spec: a malformed value is an error, not ignored.
        raise UsageError(
            f"SOURCE_DATE_EPOCH={quoted(epoch)} is not a date catcli can use",
            hint="give seconds since 1970 (up to the year 9999), or unset it",
        ) from None


def _edition(value: str | None) -> str:
    """--edition, held to the YYYY-MM-DD that ``validate`` demands of the written catalog.

    ``date.fromisoformat`` alone also takes '20261124' and '2026-W48-1'
    (Python 3.11+), which would be written back as some other spelling.
    """
    if value is None:
        return today()
    if _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise UsageError(
        f"--edition {quoted(value)} is not a date", hint="write it YYYY-MM-DD, e.g. --edition 2026-11-24"
    )


def import_document(
    document: str,
    base: str | None,
    edition: str | None,
    output: str | None,
    reader: Reader | None = None,
) -> Imported:
    """The imported catalog, written where asked: FILE, the user catalog (default), or stdout ('-').

    READER says what the file holds; by default its content does. Everything
    that can fail (the file, the base, the date) fails before anything is
    written, so a failed import leaves the catalog in use alone.
    """
    source = checked_path(document, "DOCUMENT")
    target = _target(output)
    if target is not None and same_file(source, target):
        raise UsageError(
            f"{source} would be replaced by its own import: DOCUMENT and the output are the same file",
            hint="give --output another file" if output else "it is your catalog: catcli validate checks it",
        )
    data = read_bytes(source, "document")
    kind = reader or sniff(data)
    if kind is Reader.TOML and (base is not None or edition is not None):
        raise UsageError(
            f"{source} is a catalog: it has its own types, regions and edition, so --base and --edition"
            " do not apply",
            hint="edit its [catalog] table instead; or give --from markdown or --from html for a document",
        )
    dated = _edition(edition)
    base_catalog = read(checked_path(base, "--base") if base is not None else bundled_path())
    text, catalog = read_document(data, str(source), kind, base_catalog, dated)
    user = output is None
    if target is None:
        return Imported(text, catalog, None, None, user)
    replaced = _replaced(target, user)
    if user:
        _make_directories(target.parent)
    write_atomic(target, text)
    return Imported(text, catalog, target, replaced, user)


def _target(output: str | None) -> Path | None:
    """Where to write: None for stdout ('-'), FILE for --output, else the user catalog."""
    if output == "-":
        return None
    if output is not None:
        return output_path(output)
    target = user_path()
    if target is None:
        raise UsageError(
            "no home directory to keep your catalog in (HOME and XDG_DATA_HOME are unset)",
            hint="set XDG_DATA_HOME, or give --output FILE",
        )
    return target


def _make_directories(directory: Path) -> None:
    """Create the user catalog's directory and any missing parents, private (0700) as the XDG spec asks."""
    missing: list[Path] = []
    for parent in (directory, *directory.parents):
        if os.path.isdir(parent):
            break
        missing.append(parent)
    try:
        for path in reversed(missing):
            path.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise CatalogError(f"cannot create {directory}: {exc.strerror or exc}") from None


def _replaced(target: Path, user: bool) -> CatalogData | None:
    """What answered from TARGET before: the file there, or for a new user catalog the bundled one."""
    try:
        if os.path.lexists(target):
            return read(target)
        return read(bundled_path()) if user else None
    except CatcliError:
        return None  # a broken catalog is being replaced: nothing to compare with


def import_summary(imported: Imported) -> str:
    """One line: where, which edition, and what changed against the catalog replaced.

    'wrote PATH: edition 2026-12-01 (was 2026-11-24), 68 services (+1 service, -1, ~1 definition)'
    """
    catalog = imported.catalog
    new_edition = catalog.edition.edition or "none"
    line = f"wrote {imported.target}: edition {new_edition}"
    replaced = imported.replaced
    if replaced is not None:
        old_edition = replaced.edition.edition or "none"
        line += " (unchanged)" if old_edition == new_edition else f" (was {old_edition})"
    line += f", {_plural(len(catalog.services), 'service')}"
    if replaced is not None:
        line += f" ({_changes(replaced, catalog)})"
    if imported.user and os.environ.get(ENV_VAR):
        line += f"; but ${ENV_VAR} is set and still chooses the catalog"
    return line


def _changes(old: CatalogData, new: CatalogData) -> str:
    """'+1 service, -1, ~2 definitions, ~1 target markets': each changed field counted by name;
    then the types and regions changed ('; regions changed: EU'), which change lookups too.

    Counting by field tells a reworded definition from a moved market without
    running ``diff``; ``diff`` shows the rows themselves.
    """
    changes = compare(old, new)
    entries = entries_changed(changes)
    if not (changes.added or changes.removed or changes.changed):
        return "; ".join(["no service changed", *entries])
    fields = Counter(change.field for item in changes.changed for change in item.changes)
    changed = [f"~{_plural(fields[name], name.replace('_', ' '))}" for name in COMPARED if fields[name]]
    added = f"+{_plural(len(changes.added), 'service')}"
    return "; ".join([", ".join([added, f"-{len(changes.removed)}", *(changed or ["~0 changed"])]), *entries])


def _plural(count: int, noun: str) -> str:
    """'1 definition', '2 definitions', '2 main categories'; 'target markets' is plural already."""
    if count != 1 and not noun.endswith("s"):
        noun = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun}"


def reset() -> str:
    """Remove the user catalog; say what answers now, since $CATCLI_CATALOG may still override it."""
    path = user_path()
    if path is None:
        message = "no home directory, so no imported catalog; lookups already use the bundled catalog"
    elif not os.path.lexists(path):
        message = f"no imported catalog at {path}; lookups already use the bundled catalog"
    else:
        try:
            path.unlink()
        except IsADirectoryError:
            raise CatalogError(
                f"cannot remove {path}: a directory, not a catalog catcli wrote",
                hint=f"look inside and remove it yourself (rm -r {path})",
            ) from None
        except OSError as exc:
            raise CatalogError(f"cannot remove {path}: {exc.strerror or exc}") from None
        message = f"removed {path}; lookups use the bundled catalog again"
    if os.environ.get(ENV_VAR):
        message += f" (but ${ENV_VAR} is set and still chooses the catalog)"
    return message


def load_for_diff(name: str) -> CatalogData:
    """A catalog, page or document for diff; '-' reads standard input (bounded), so an import can be
    piped in. A page or document is read as ``import`` reads it, onto the bundled catalog, dated today."""
    if name != "-":
        data, label = read_bytes(checked_path(name, "a catalog"), "catalog"), name
    else:
        data, label = _stdin(), "<stdin>"
    return read_any(data, label)


def read_any(data: bytes, name: str) -> CatalogData:
    """What a catalog, page or document (told apart by content) holds, as a checked catalog."""
    kind = sniff(data, otherwise=Reader.TOML)
    if kind is Reader.TOML:
        return from_text(decode(data, name), name)
    return read_document(data, name, kind, read(bundled_path()), today())[1]


def check_file(path: Path) -> tuple[CatalogData | None, list[Problem]]:
    """Every problem of a catalog file; for a page or document, the first that stops its import.

    Nothing is written: a page is checked as ``import`` would read it.
    """
    data = read_bytes(path, "catalog")
    kind = sniff(data, otherwise=Reader.TOML)
    if kind is Reader.TOML:
        return validate(path)
    try:
        return read_document(data, str(path), kind, read(bundled_path()), today())[1], []
    except CatalogError as exc:
        return None, [_problem(exc, str(path))]


def _problem(error: CatalogError, name: str) -> Problem:
    """A reader's error as a problem: the readers begin every message with 'NAME:LINE: ' or 'NAME: '."""
    rest = error.message.removeprefix(f"{name}:")
    number, _, message = rest.partition(": ")
    if number.isdigit():
        return Problem("", message, int(number))
    return Problem("", rest.strip())


def _stdin() -> bytes:
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, AttributeError, ValueError) as exc:
        raise CatalogError(f"cannot read standard input: {exc}") from None
    if len(data) > MAX_BYTES:
        raise too_large("standard input")
    return data
