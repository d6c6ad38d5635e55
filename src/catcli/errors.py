"""The few ways catcli can fail, each carrying its exit code.

Only ``cli.py`` turns these into messages and exit codes, so library code
never prints or exits.
"""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_CATALOG = 3


class CatcliError(Exception):
    """Base class: a message for the user and, optionally, a hint."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(CatcliError):
    """A name matched nothing in the catalog."""

    exit_code = EXIT_NOT_FOUND


class UsageError(CatcliError):
    """The command line asked for something that cannot exist."""

    exit_code = EXIT_USAGE


class UnknownValue(UsageError):
    """An option value (type, region, market, format) is not known."""

    def __init__(self, kind: str, value: str, suggestions: Sequence[str], listing: str) -> None:
        message = f"unknown {kind} {value!r}"
        if suggestions:
            quoted = " or ".join(repr(s) for s in suggestions)
            hint = f"did you mean {quoted}? See all with: {listing}"
        else:
            hint = f"see all with: {listing}"
        super().__init__(message, hint)
        self.kind = kind
        self.value = value
        self.suggestions = tuple(suggestions)


class CatalogError(CatcliError):
    """A catalog or document cannot be read, parsed or trusted."""

    exit_code = EXIT_CATALOG
