"""The Partner Center page as a browser would save it, built from the bundled Markdown document.

Nobody copies the page by hand: every table, cell and row span comes from
tests/assets/partner_center_service_categories.md. A ``<!-- rowSpan:N -->``
cell becomes ``rowspan="N"`` and the cells it covers are left out, as on the
real page. ``Noise`` adds what a real saved page carries around and inside
the tables; each kind alone, or all together, must import to the same catalog.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, fields, replace

SPAN = re.compile(r"<!--\s*rowSpan:(\d+)\s*-->")
TITLE = "Service categories - TikTok Shop Partner Center"


@dataclass(frozen=True)
class Noise:
    """What a saved page may hold beyond the bare tables; each flag adds one kind."""

    attributes: bool = False  # classes, ids, styles and data- attributes on every element
    spans: bool = False  # cell text inside nested <span>, <strong> and <a>
    groups: bool = False  # <thead> and <tbody>
    colgroup: bool = False  # <colgroup> with a <col> per column
    white_space: bool = False  # newlines and indentation inside cells and between tags
    scripts: bool = False  # script, style, template and noscript blocks holding table-like text
    navigation: bool = False  # a header, nav and footer around the tables, and prose between
    complete: bool = False  # what "Save Page As… complete" adds: the saved-from comment, <base>, links
    paragraphs: bool = False  # a cell's lines as <p> and <div> rather than <br>
    entities: bool = False  # &nbsp; and character references instead of characters
    comments: bool = False  # the rowSpan comments kept, and others between cells
    captions: bool = False  # the partner type as the table's <caption>, not a heading before it
    colspans: bool = False  # a main category that is also the service category spans both columns
    unclosed: bool = False  # no </td>, </tr> or </p>: HTML closes them itself


NOISES = [f.name for f in fields(Noise)]
EVERYTHING = Noise(**dict.fromkeys(NOISES, True))


def noise(name: str) -> Noise:
    return replace(Noise(), **{name: True})


def _attrs(noise: Noise, kind: str) -> str:
    if not noise.attributes:
        return ""
    return f' class="x-{kind} css-1q2w3e" id="{kind}-1" style="color: #111" data-testid="{kind}"'


def _pieces(cell: str) -> list[str]:
    """A Markdown cell's lines, as the page shows them (comments left out, split at <br>)."""
    return [p.strip() for p in SPAN.sub("", cell).split("<br>") if p.strip()]


def _text(piece: str, noise: Noise) -> str:
    text = html.escape(piece, quote=False)
    if noise.entities:
        text = text.replace(" ", "&nbsp;", 1).replace("’", "&#8217;").replace("&amp;", "&#38;")
    if noise.spans:
        words = text.split(" ", 1)
        text = f'<span class="a"><strong>{words[0]}</strong></span>' + (
            f' <span><span class="b">{words[1]}</span></span>' if len(words) > 1 else ""
        )
    return text


def _cell_html(pieces: list[str], noise: Noise) -> str:
    texts = [_text(piece, noise) for piece in pieces]
    if noise.paragraphs and len(texts) > 1:
        body = "".join(f"<p>{texts[0]}</p>" + "".join(f"<div>{t}</div>" for t in texts[1:]))
        body = body.replace("</p>", "") if noise.unclosed else body
    else:
        separator = "<br>\n      " if noise.white_space else "<br>"
        body = separator.join(texts)
    return f"\n      {body}\n    " if noise.white_space else body


def _cell(tag: str, pieces: list[str], noise: Noise, span: int = 1, columns: int = 1) -> str:
    extra = (f' rowspan="{span}"' if span > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
    comment = f"<!-- rowSpan:{span} -->" if noise.comments and span > 1 else ""
    close = "" if noise.unclosed else f"</{tag}>"
    return f"<{tag}{extra}{_attrs(noise, tag)}>{_cell_html(pieces, noise)}{comment}{close}"


def _row(cells: list[str], noise: Noise) -> str:
    joiner = "\n    " if noise.white_space else ""
    close = "" if noise.unclosed else "</tr>"
    between = "<!-- a cell -->" if noise.comments else ""
    return f"<tr{_attrs(noise, 'tr')}>{joiner}{(between + joiner).join(cells)}{close}"


def _table(partner: str, header: list[str], rows: list[list[str]], noise: Noise) -> str:
    """One table: the header row of <th>, then each row, its covered cells left out."""
    head = _row([_cell("th", _pieces(h.replace("**", "")), noise) for h in header], noise)
    body: list[str] = []
    left = [0] * len(header)
    for cells in rows:
        out: list[str] = []
        pieces = [_pieces(cell) for cell in cells]
        column = 0
        while column < len(cells):
            if left[column]:
                left[column] -= 1
                column += 1
                continue
            match = SPAN.search(cells[column])
            span = int(match.group(1)) if match else 1
            left[column] = span - 1
            spanned = (
                noise.colspans and column == 2 and pieces[2] == pieces[3] and span == 1
                and not left[3] and not SPAN.search(cells[3])
            )  # fmt: skip
            out.append(_cell("td", pieces[column], noise, span, 2 if spanned else 1))
            column += 2 if spanned else 1
        body.append(_row(out, noise))
    nl = "\n  " if noise.white_space else ""
    caption = f"<caption>{_text(partner, noise)}</caption>" if noise.captions else ""
    colgroup = "<colgroup>" + "<col>" * len(header) + "</colgroup>" if noise.colgroup else ""
    if noise.groups:
        inner = f"<thead>{head}</thead>{nl}<tbody>{nl}{nl.join(body)}</tbody>"
    else:
        inner = nl.join([head, *body])
    return f"<table{_attrs(noise, 'table')}>{caption}{colgroup}{nl}{inner}{nl}</table>"


def _head(noise: Noise) -> str:
    parts = ['<meta charset="utf-8">', f"<title>{html.escape(TITLE)}</title>"]
    if noise.complete:
        parts += [
            '<base href="https://partner.tiktokshop.com/docv2/page/service-categories">',
            '<link rel="stylesheet" href="./Service categories_files/main.css">',
        ]
    if noise.scripts:
        parts += [
            "<style>table td { color: red } /* <table><tr><td>Atlantis</td></tr></table> */</style>",
            '<script>document.write("<table><tr><td>Atlantis</td></tr></table>"); if (a < b) {}</script>',
        ]
    return "".join(parts)


def _section(partner: str, noise: Noise) -> str:
    if noise.captions:
        return ""
    heading = f"<h2{_attrs(noise, 'h2')}>{_text(partner, noise)}</h2>"
    if noise.navigation:
        heading += "<p>The categories below apply to this partner type.</p>"
    return heading


def _prose(line: str, noise: Noise) -> str:
    return f"<p{_attrs(noise, 'p')}>{html.escape(line, quote=False)}</p>"


def page(markdown: str, noise: Noise = Noise()) -> str:
    """The whole saved page for the Markdown document MARKDOWN."""
    body: list[str] = []
    header: list[str] = []
    rows: list[list[str]] = []
    partner = ""

    def flush() -> None:
        if header:
            body.append(_section(partner, noise) + _table(partner, header, rows, noise))
        header.clear()
        rows.clear()

    for line in markdown.splitlines():
        if line.startswith("# "):
            flush()
            partner = line[2:].strip()
        elif line.startswith("| ---"):
            continue
        elif line.startswith("|"):
            cells = line.strip().strip("|").split("|")
            if header:
                rows.append(cells)
            else:
                header.extend(cells)
        elif line.strip():
            body.append(_prose(line, noise))
    flush()
    return _document(body, noise)


def _document(body: list[str], noise: Noise) -> str:
    nl = "\n" if noise.white_space or noise.navigation else ""
    parts = list(body)
    if noise.navigation:
        parts.insert(
            0, '<header><nav><ul><li><a href="/">Home</a><li><a href="/docs">Docs</a></ul></nav></header>'
        )
        parts.insert(1, "<h1>Service categories</h1>")
        parts.append("<footer><p>© TikTok Shop</p><ul><li>Terms</li><li>Privacy</li></ul></footer>")
    if noise.scripts:
        parts.insert(1, "<noscript><table><tr><td>Enable JavaScript</td></tr></table></noscript>")
        parts.append("<template><h2>TSP</h2><table><tr><td>Atlantis</td></tr></table></template>")
        parts.append("<script>var rows = '<tr><td>Atlantis</td></tr>';</script>")
    saved = "<!-- saved from url=(0056)https://partner.tiktokshop.com/docv2/page/service-categories -->\n"
    return (
        (saved if noise.complete else "")
        + f'<!DOCTYPE html>{nl}<html lang="en"><head>{_head(noise)}</head>{nl}<body>{nl}'
        + nl.join(parts)
        + f"{nl}</body></html>\n"
    )
