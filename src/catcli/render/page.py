"""A sheet (catcli.render.sheet) as one standalone HTML5 page: an answer people can share.

What the terminal shows, for someone without a terminal: the same title,
columns, rows and row groups (a ``<tbody>`` per group, its repeated leading
cells drawn once, spanning the group's rows), the same search marks, and
the matrix's marks, which also get a colour. The page is whole in itself:
UTF-8, its style inline, no script, nothing fetched (a Content-Security-
Policy says so to the browser), readable in light and dark mode and on A4
paper. Every value is escaped after control characters are made visible,
so catalog text can never become markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from catcli.render.sheet import MARK, NO_MARK, Column, Sheet, marks
from catcli.text import printable

if TYPE_CHECKING:
    from catcli.terminal import Terminal

_STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1c1f; --muted: #5c6169; --rule: #cfd4db;
  --head: #eef1f4; --accent: #075e7a; --yes-bg: #cdeed6; --yes-fg: #0b4d1c; --no-fg: #7b818a;
  --mark: #ffe48a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171b; --fg: #e4e6ea; --muted: #a3a8b0; --rule: #3b414b; --head: #22262d;
    --accent: #7fd0ec; --yes-bg: #1d4b2a; --yes-fg: #c3f3cf; --no-fg: #868c96; --mark: #6b5400; }
}
body { background: var(--bg); color: var(--fg); margin: 2rem auto; max-width: 78rem; padding: 0 1rem;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.2rem; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .35rem .6rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.fold { overflow-wrap: anywhere; }
thead th { background: var(--head); border-bottom: 2px solid var(--rule); }
tbody th { font-weight: 600; }
table.ruled tbody + tbody, table.lined tbody tr + tr { border-top: 1px solid var(--rule); }
.bold { font-weight: 600; }
.cyan { color: var(--accent); }
.right { text-align: right; }
.center { text-align: center; }
td.yes { background: var(--yes-bg); color: var(--yes-fg); font-weight: 700; }
td.no { color: var(--no-fg); }
mark { background: var(--mark); color: inherit; }
abbr { text-decoration: none; }
footer { border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; margin-top: 1.5rem; }
footer p { margin: .4rem 0; }
@media (max-width: 52rem) {
  body { font-size: 12px; margin: 1rem auto; padding: 0 .5rem; }
  th, td { padding: .25rem .3rem; }
}
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --rule: #999999; --head: #eeeeee;
    --accent: #075e7a; --yes-bg: #cdeed6; --yes-fg: #0b4d1c; --no-fg: #666666; --mark: #ffe48a; }
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
  th, td { padding: 2pt 4pt; }
  table.matrix { font-size: 8pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
# Nothing may be fetched or run: only the inline style and images written into the page.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_MARKS = {MARK: ("yes", "offered"), NO_MARK: ("no", "not offered")}


def draw(sheet: Sheet, term: Terminal) -> str:
    """The whole page; TERM is not consulted (a page has no terminal width or colour)."""
    title = _text(" · ".join(sheet.title))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f"<title>{title}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{title}</h1>",
            _table(sheet),
            "</main>",
            "<footer>" + "".join(f"<p>{_text(line)}</p>" for line in sheet.colophon) + "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _text(value: str, highlight: Sequence[str] = ()) -> str:
    """Text as HTML: control characters made visible, everything escaped, search words in <mark>,
    line breaks as <br>."""
    shown = printable(value)
    out: list[str] = []
    position = 0
    for start, end in marks(shown, highlight):
        out += [escape(shown[position:start]), "<mark>", escape(shown[start:end]), "</mark>"]
        position = end
    out.append(escape(shown[position:]))
    return "".join(out).replace("\n", "<br>")


def _classes(column: Column) -> str:
    """A column's look: its style (bold, cyan), its alignment, and whether long words may fold."""
    justify = "" if column.justify == "left" else column.justify
    names = [n for n in (column.style, justify, "fold" if column.fold_at else "") if n]
    return f' class="{" ".join(names)}"' if names else ""


def _table(sheet: Sheet) -> str:
    kinds = [kind for kind, on in (("ruled", sheet.rules), ("lined", sheet.lines)) if on]
    kinds += ["matrix"] if any(c.mark for c in sheet.columns) else []
    head = ""
    if sheet.headers:
        cells = "".join(_header(column) for column in sheet.columns)
        head = f"<thead><tr>{cells}</tr></thead>"
    bodies = "".join(_body(sheet, rows, before) for rows, before in _groups(sheet))
    kind = f' class="{" ".join(kinds)}"' if kinds else ""
    return f"<table{kind}>{head}{bodies}</table>"


def _header(column: Column) -> str:
    label = _text(column.header)
    if column.full != column.header:
        label = f'<abbr title="{_text(column.full)}">{label}</abbr>'
    align = f' class="{column.justify}"' if column.justify != "left" else ""
    return f'<th scope="col"{align}>{label}</th>'


def _groups(sheet: Sheet) -> list[tuple[list[tuple[str, ...]], tuple[str, ...]]]:
    """The rows in runs that share their leading GROUP cells (all in one run when GROUP is 0),
    each with the row before it."""
    groups: list[tuple[list[tuple[str, ...]], tuple[str, ...]]] = []
    previous: tuple[str, ...] = ()
    for row in sheet.rows:
        if groups and row[: sheet.group] == groups[-1][0][0][: sheet.group]:
            groups[-1][0].append(row)
        else:
            groups.append(([row], previous))
        previous = row
    return groups


def _body(sheet: Sheet, rows: list[tuple[str, ...]], before: tuple[str, ...]) -> str:
    """One <tbody>: the group's leading cells once, as row-group headers spanning its rows
    (blank where they repeat the group before, as on the terminal), then each row's own cells."""
    lines = []
    for index, row in enumerate(rows):
        cells = []
        if index == 0:
            for column in range(sheet.group):
                value = "" if row[: column + 1] == before[: column + 1] else row[column]
                span = f' rowspan="{len(rows)}"' if len(rows) > 1 else ""
                style = _classes(sheet.columns[column])
                cells.append(f'<th scope="rowgroup"{span}{style}>{_text(value)}</th>')
        for column, value in list(enumerate(row))[sheet.group :]:
            cells.append(_cell(sheet, sheet.columns[column], value))
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return f"<tbody>{''.join(lines)}</tbody>"


def _cell(sheet: Sheet, column: Column, value: str) -> str:
    if column.mark and value in _MARKS:
        kind, meaning = _MARKS[value]
        return f'<td class="{kind} center" title="{meaning}: {_text(column.full)}">{_text(value)}</td>'
    highlight = sheet.highlight if column.marked else ()
    return f"<td{_classes(column)}>{_text(value, highlight)}</td>"
