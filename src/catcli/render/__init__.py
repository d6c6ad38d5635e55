"""Output formats, each mapped to its renderer.

Renderers are imported when asked for: the table path never loads json or
csv, and the machine formats never load Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any


class OutputFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


RowRenderer = Callable[[Sequence[Mapping[str, Any]], Sequence[str]], str]


def row_renderer(fmt: OutputFormat) -> RowRenderer:
    """The text renderer for a machine format; TABLE has its own per-command layouts."""
    if fmt is OutputFormat.TABLE:
        raise ValueError("tables are drawn by catcli.render.table")
    from catcli.render import formats

    renderers: dict[OutputFormat, RowRenderer] = {
        OutputFormat.JSON: lambda records, header: formats.json_rows(records),
        OutputFormat.JSONL: lambda records, header: formats.jsonl_rows(records),
        OutputFormat.CSV: formats.csv_rows,
        OutputFormat.TSV: formats.tsv_rows,
        OutputFormat.MARKDOWN: formats.markdown_rows,
    }
    return renderers[fmt]
