"""Machine-readable output: JSON, JSON Lines, CSV, TSV and markdown.

Written with the standard library only, so scripts never pay for Rich.
Every function returns the whole text: nothing is printed half-made.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from catcli.text import UNSAFE, printable

Record = Mapping[str, Any]


def _json(value: Any, indent: int | None = None) -> str:
    """json.dumps escapes C0 controls but lets DEL, C1 controls and bidi
    overrides through; escape those too, so JSON piped to a terminal cannot
    drive it. (Raw newlines in json.dumps output are only its own layout.)"""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(value: Any) -> str:
    return _json(value, indent=2) + "\n"


def json_rows(records: Sequence[Record]) -> str:
    return to_json(list(records))


def jsonl_rows(records: Sequence[Record]) -> str:
    return "".join(_json(r) + "\n" for r in records)


def _flat(value: Any) -> str:
    """Multi-valued fields joined with '; ', every field made safe to print."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return printable(str(value))


def csv_rows(records: Sequence[Record], header: Sequence[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_flat(r.get(k, "")) for k in header] for r in records)
    return buffer.getvalue()


def tsv_rows(records: Sequence[Record], header: Sequence[str]) -> str:
    """One record per line; backslash, tab and line break inside a field are escaped."""
    lines = ["\t".join(header)]
    lines += ["\t".join(_tsv_field(r.get(k, "")) for k in header) for r in records]
    return "\n".join(lines) + "\n"


def _tsv_field(value: Any) -> str:
    return _flat(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def markdown_rows(records: Sequence[Record], header: Sequence[str]) -> str:
    def cell(value: Any) -> str:
        text = _flat(value).replace("\\", "\\\\").replace("|", "\\|")
        return text.replace("\n", "<br>")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(r.get(k, "")) for k in header) + " |" for r in records]
    return "\n".join(lines) + "\n"
