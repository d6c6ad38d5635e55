"""Output formats: each names its traits and the one function that writes it.

A command never names a format: it hands its records (and how to show them
to a person) to catcli.render.output, which asks the format's traits what to
do. Writers are imported only when their format is asked for, so the table
path never loads json or csv, and the machine formats never load Rich.
Adding a format is one member here and the function it names.
"""

from collections.abc import Callable
from enum import Enum
from importlib import import_module
from typing import Any

PEOPLE = 1  # drawn for a person from a sheet (catcli.render.sheet), not written as records
TERMINAL = 2  # drawn for this terminal: its width and colour, a pager when long
NESTED = 4  # keeps nested records (JSON values) rather than flattening each into one cell
WHOLE = 8  # one document (an array, or an object for one record) rather than a record per line


class OutputFormat(str, Enum):
    """A format's name, the function that writes it ('module:function'), and its traits."""

    writer: str
    traits: int

    def __new__(cls, value: str, writer: str, traits: int) -> "OutputFormat":
        member = str.__new__(cls, value)
        member._value_ = value
        member.writer = writer
        member.traits = traits
        return member

    TABLE = ("table", "catcli.render.table:draw", PEOPLE | TERMINAL | WHOLE)
    JSON = ("json", "catcli.render.formats:json_document", NESTED | WHOLE)
    JSONL = ("jsonl", "catcli.render.formats:json_lines", NESTED)
    CSV = ("csv", "catcli.render.formats:csv", 0)
    TSV = ("tsv", "catcli.render.formats:tsv", 0)
    MARKDOWN = ("markdown", "catcli.render.formats:markdown", WHOLE)
    HTML = ("html", "catcli.render.page:draw", PEOPLE | WHOLE)

    def has(self, trait: int) -> bool:
        return bool(self.traits & trait)

    def write(self) -> Callable[..., str]:
        """The writer: for PEOPLE formats (sheet, terminal) -> text, else (rows, columns, headers) -> text."""
        function: Callable[..., str] = named(self.writer)
        return function


def named(path: str) -> Any:
    """The object 'module:name' names, its module imported now: what is not used is never loaded."""
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)
