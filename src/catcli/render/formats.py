"""Machine-readable output: JSON, JSON Lines, CSV, TSV and markdown, from records.

Written with the standard library only, so scripts never pay for Rich.
Every writer takes the records as JSON values (``model.as_json``), the
columns to write and whether to write a header line, and returns the whole
text: nothing is printed half-made. The flat formats join lists with "; ".
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from catcli.model import label
from catcli.text import UNSAFE, has_unsafe, printable

Row = Mapping[str, Any]


def _json(value: Any, indent: int | None = None) -> str:
    """json.dumps escapes C0 controls but lets DEL, C1 controls, bidi controls,
    zero-width characters and the line separators U+2028/2029 through; escape
    those too, so JSON piped to a terminal cannot drive it and every JSON Lines
    record stays on one line. (Raw newlines in json.dumps output are only its
    own layout.)"""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return re.sub(UNSAFE, _json_escape, text) if has_unsafe(text) else text


def _json_escape(match: Any) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON spells characters beyond the BMP as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_document(data: Any, columns: Sequence[str] = (), headers: bool = True) -> str:
    """An array of the records, or the one object a command answers with."""
    return _json(data, indent=2) + "\n"


def json_lines(rows: Sequence[Any], columns: Sequence[str] = (), headers: bool = True) -> str:
    """One record per line, each line a whole JSON value."""
    return "".join(_json(r) + "\n" for r in rows)


def flat(value: Any) -> str:
    """A JSON value as one cell: lists joined with '; ', nested objects by their name; safe to print."""
    return printable(_text(value))


def _text(value: Any) -> str:
    """A JSON value as one cell's text, before anything is escaped."""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return label(dict(value)) or _json(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv(rows: Sequence[Row], header: Sequence[str], headers: bool = True) -> str:
    """RFC 4180 CSV; cells are the data as they are (a spreadsheet may read '=…' as a formula)."""
    import csv as csv_module  # only for --format csv
    import io

    buffer = io.StringIO()
    writer = csv_module.writer(buffer, lineterminator="\n")
    if headers:
        writer.writerow([flat(name) for name in header])  # names can come from a catalog (matrix)
    writer.writerows([flat(r.get(k, "")) for k in header] for r in rows)
    return buffer.getvalue()


def tsv(rows: Sequence[Row], header: Sequence[str], headers: bool = True) -> str:
    """One record per line; backslash, tab and line break inside a field are escaped."""
    lines = ["\t".join(_tsv_field(name) for name in header)] if headers else []
    lines += ["\t".join(_tsv_field(r.get(k, "")) for k in header) for r in rows]
    return "".join(line + "\n" for line in lines)


_TSV = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_field(value: Any) -> str:
    """Backslash, tab and line breaks escaped as TSV readers expect, then what else could drive a terminal."""
    return printable(_text(value).translate(_TSV))


_MARKDOWN = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\r": ""})


def markdown(rows: Sequence[Row], header: Sequence[str], headers: bool = True) -> str:
    """A GitHub table: pipes escaped, HTML neutralised (&lt; &gt; &amp;), line breaks as <br>.

    Always with its header line, whatever HEADERS says: without one it is no table.
    """

    def cell(value: Any) -> str:
        return printable(_text(value).translate(_MARKDOWN)).replace("\n", "<br>")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(r.get(k, "")) for k in header) + " |" for r in rows]
    return "".join(line + "\n" for line in lines)
