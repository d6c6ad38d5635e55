"""Output formats, each mapped to its renderer.

The table renderer imports Rich; it is looked up only when asked for, so
every other format starts without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any

from catcli.render import formats


class OutputFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


RowRenderer = Callable[[Sequence[Mapping[str, Any]], Sequence[str]], str]

_MACHINE: dict[OutputFormat, RowRenderer] = {
    OutputFormat.JSON: lambda records, header: formats.json_rows(records),
    OutputFormat.JSONL: lambda records, header: formats.jsonl_rows(records),
    OutputFormat.CSV: formats.csv_rows,
    OutputFormat.TSV: formats.tsv_rows,
    OutputFormat.MARKDOWN: formats.markdown_rows,
}


def row_renderer(fmt: OutputFormat) -> RowRenderer:
    """The text renderer for a machine format; TABLE has its own per-command layouts."""
    if fmt is OutputFormat.TABLE:
        raise ValueError("tables are drawn by catcli.render.table")
    return _MACHINE[fmt]
