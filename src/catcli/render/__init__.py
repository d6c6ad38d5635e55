"""Output formats, each mapped to its renderer.

Renderers are imported when asked for: the table path never loads json or
csv, and the machine formats never load Rich.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any


class OutputFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


def rows_text(
    fmt: OutputFormat, rows: Sequence[Mapping[str, Any]], header: Sequence[str], headers: bool = True
) -> str:
    """Rows (JSON objects, keys in header order) in a machine format; a JSON array for JSON."""
    from catcli.render import formats

    if fmt is OutputFormat.JSON:
        return formats.to_json(list(rows))
    if fmt is OutputFormat.JSONL:
        return formats.jsonl(rows)
    if fmt is OutputFormat.CSV:
        return formats.csv(rows, header, headers)
    if fmt is OutputFormat.TSV:
        return formats.tsv(rows, header, headers)
    if fmt is OutputFormat.MARKDOWN:
        return formats.markdown(rows, header)
    raise ValueError("tables are drawn by catcli.render.table")


def object_text(
    fmt: OutputFormat, value: Mapping[str, Any], header: Sequence[str], headers: bool = True
) -> str:
    """One JSON object (check, diff, info): as itself in JSON, as a one-row table elsewhere."""
    if fmt is OutputFormat.JSON:
        from catcli.render.formats import to_json

        return to_json(dict(value))
    return rows_text(fmt, [value], header, headers)
