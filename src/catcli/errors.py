"""The few ways catcli can fail, each carrying its exit code.

Only the command line (``catcli.cli.fail``) turns these into messages and exit codes, so library code
never prints or exits. The codes follow grep and diff: 1 is an answer
("no"), 2 a usage error, 3 a failure to read, trust or write a file.
"""

from __future__ import annotations

from collections.abc import Sequence

from catcli.text import quoted

EXIT_NO = 1  # the answer is no: no match, not eligible, problems found, catalogs differ
EXIT_USAGE = 2  # the command line asks for something that cannot exist
EXIT_DATA = 3  # a catalog, document or output cannot be read, trusted or written


class CatcliError(Exception):
    """Base class: a message for the user and, optionally, a hint."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(CatcliError):
    """A name matched nothing in the catalog: a 'no', not a failure."""

    exit_code = EXIT_NO


class UsageError(CatcliError):
    """The command line asked for something that cannot exist."""

    exit_code = EXIT_USAGE


class UnknownValue(UsageError):
    """A value (type, region, market, service, field) is not known; carries the suggestions.

    The hint offers the suggestions, then any notes, then where to see every
    value: a command (``listing='catcli regions'``), the values themselves for
    a short closed set (``choices``), or words of the caller's (``see``).
    """

    def __init__(
        self,
        kind: str,
        value: str,
        suggestions: Sequence[str],
        listing: str = "",
        message: str | None = None,
        choices: Sequence[str] = (),
        notes: Sequence[str] = (),
        see: str | None = None,
    ) -> None:
        every = see or (f"one of {', '.join(choices)}" if choices else f"see all with: {listing}")
        hint = "; ".join([*notes, every])
        if suggestions:
            hint = f"did you mean {' or '.join(repr(s) for s in suggestions)}? {hint[0].upper()}{hint[1:]}"
        super().__init__(message or f"unknown {kind} {quoted(value)}", hint)
        self.kind = kind
        self.value = value
        self.suggestions = tuple(suggestions)


class CatalogError(CatcliError):
    """A catalog or document cannot be read, parsed or trusted."""

    exit_code = EXIT_DATA


class OutputError(CatcliError):
    """Output cannot be written: a full disk, a closed stream, a refused path."""

    exit_code = EXIT_DATA
