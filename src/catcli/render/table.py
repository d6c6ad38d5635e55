"""A sheet (catcli.render.sheet) drawn for a terminal with Rich. The only module that imports Rich.

Catalog text always enters Rich as ``Text`` (never parsed for markup) after
``printable`` has made control characters visible, so a catalog cannot style,
link or move the cursor of the terminal it is shown on.

Column widths: Rich left to itself narrows the widest columns until the table
fits and then folds whatever no longer fits, in the middle of a word, and
crops columns that may not wrap. Instead each column gets at least its
longest word (headers included); when even that does not fit, the rows are
stacked as text instead, so no column, row or word is ever cut.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from catcli.render.sheet import MARK, Sheet, marks
from catcli.text import printable

if TYPE_CHECKING:
    from catcli.terminal import Terminal

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# A line's tail of blanks and colour codes, in any order: the codes are kept, the blanks go.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)


def draw(sheet: Sheet, term: Terminal) -> str:
    """The sheet as the terminal shows it: a table that fits, else its rows stacked as text."""
    return to_text(renderable(sheet, term.width), term)


def to_text(renderable: RenderableType, term: Terminal) -> str:
    """The renderable drawn for this terminal, every line without trailing blanks.

    Width and colour are decided once (catcli.terminal.terminal), not by Rich
    from the environment: no colour means no escape sequence at all, bold
    included.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=term.width,
        color_system="auto" if term.color else None,
        force_terminal=term.color,
        no_color=False,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return _TRAILING.sub(_codes_only, buffer.getvalue())


def _codes_only(match: re.Match[str]) -> str:
    return "".join(_ESCAPE.findall(match.group()))


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def renderable(sheet: Sheet, width: int) -> Table | Group:
    """The table when every column's longest word fits WIDTH (and it is not under the sheet's
    narrow mark); else the rows stacked, or listed by their marks."""
    if width >= sheet.narrow:
        table = _fitted(sheet, width)
        if table is not None:
            return table
    title = _text(" · ".join(sheet.title), sheet.title_style)
    if sheet.stack.marks:
        return _listed_by_marks(sheet, title, width)
    return _stacked(sheet, title, width)


def _cells(sheet: Sheet) -> list[list[Text]]:
    """Each row's cells as Text: styled, search words marked, repeats within a group blanked."""
    out = []
    previous: tuple[str, ...] = ()
    for row in sheet.rows:
        texts = []
        for index, (column, value) in enumerate(zip(sheet.columns, row, strict=True)):
            if index < sheet.group and row[: index + 1] == previous[: index + 1]:
                value = ""
            texts.append(_marked(value, sheet.highlight if column.marked else (), column.style))
        out.append(texts)
        previous = row
    return out


def _span(header: Text, cells: Iterable[Text], fold_at: int | None = None) -> tuple[int, int]:
    """(narrowest, natural) width of a column: its longest word and its longest line, in cells.

    ``fold_at`` caps the narrowest for cells whose words may be folded (a long
    definition's URL), so that one word does not push the table into another
    layout; the header's words always stay whole.
    """

    def longest(texts: Iterable[Text], measure: Callable[[str], Iterable[str]]) -> int:
        return max((cell_len(part) for text in texts for part in measure(text.plain)), default=0)

    words = longest(cells, str.split)
    narrowest = max(longest([header], str.split), words if fold_at is None else min(words, fold_at))
    return max(narrowest, 1), max(longest([header, *cells], str.splitlines), 1)


def _widths(spans: Sequence[tuple[int, int]], width: int, weights: Sequence[int]) -> list[int] | None:
    """Content widths for a SIMPLE_HEAD table within ``width``; None when the longest words alone do not fit.

    Each column starts at its narrowest and the room left is shared out from the
    narrowest up, a column of weight 2 growing twice as fast (a definition
    beside its labels); no column grows past its natural width.
    """
    room = width - (3 * len(spans) + 1)  # per column: padding either side and a rule; the two edges
    if sum(low for low, _ in spans) > room:
        return None

    def level(cap: int) -> list[int]:
        return [
            min(max(cap * weight, low), max(low, high))
            for (low, high), weight in zip(spans, weights, strict=True)
        ]

    cap = max(c for c in range(max(high for _, high in spans) + 1) if sum(level(c)) <= room)
    widths = level(cap)
    growing = [index for index, (low, high) in enumerate(spans) if widths[index] < high]
    for index in growing[: room - sum(widths)]:
        widths[index] += 1
    return widths


def _fitted(sheet: Sheet, width: int) -> Table | None:
    """A table whose every column is at least as wide as its longest word, or None if none fits."""
    rows = _cells(sheet)
    headers = [_text(c.header) for c in sheet.columns]
    spans = [
        _span(header, [row[index] for row in rows], column.fold_at)
        for index, (header, column) in enumerate(zip(headers, sheet.columns, strict=True))
    ]
    widths = _widths(spans, width, [c.weight for c in sheet.columns])
    if widths is None:
        return None
    table = Table(
        box=box.SIMPLE_HEAD,
        title=_text(" · ".join(sheet.title), sheet.title_style),
        title_justify="left",
        expand=sheet.expand,
        show_header=sheet.headers,
        show_lines=sheet.lines,
    )
    for header, column, size in zip(headers, sheet.columns, widths, strict=True):
        table.add_column(header, width=size, justify=column.justify, overflow="fold")
    keys = [row[: sheet.group] for row in sheet.rows]
    for index, row in enumerate(rows):
        ends = sheet.rules and (index + 1 == len(keys) or keys[index + 1] != keys[index])
        table.add_row(*row, end_section=ends)
    return table


def _stacked(sheet: Sheet, title: Text, width: int) -> Group:
    """For terminals too narrow for columns: per row a heading, where (if any), then the body."""
    stack = sheet.stack
    parts: list[Text | Padding] = [title]
    labels = [c.header for c in sheet.columns]
    for row in sheet.rows:
        heading = stack.joiner.join(row[i] for i in stack.heading)
        parts += [Text(""), _marked(heading, sheet.highlight, "bold")]
        if stack.where is not None and row[stack.where]:
            where = row[stack.where].replace("\n", stack.where_joiner)
            parts.append(Padding(_text(where, "italic"), (0, 0, 0, 2)))
        if stack.body is not None:
            body = _marked(row[stack.body], sheet.highlight, "")
        else:
            cells = [_marked(row[i], sheet.highlight, "") for i in stack.labelled]
            body = _labelled([labels[i] for i in stack.labelled], cells, width - 2)
        parts.append(Padding(body, (0, 0, 0, 2)))
    return Group(*parts)


def _marked(value: str, highlight: Sequence[str], style: str) -> Text:
    """Catalog text with the words that begin with a search word highlighted."""
    text = _text(value, style)
    for start, end in marks(text.plain, highlight):
        text.stylize("reverse", start, end)
    return text


def _labelled(labels: Sequence[str], cells: Sequence[Text], room: int) -> Text:
    """'Label: value' lines for the stacked layout, folded between words with a hanging indent.

    A cell's several lines (a region's countries) are joined with commas.
    """
    lines = []
    for label, cell in zip(labels, cells, strict=True):
        if cell.plain:
            value = Text(", ").join(cell.split("\n"))
            lines.append(_hanging([*_split(_text(f"{label}:", "italic")), *_split(value)], room))
    return Text("\n").join(lines)


def _listed_by_marks(sheet: Sheet, title: Text, width: int) -> Group:
    """Per group, each row's label and the full names of the columns it is marked in, names whole."""
    marked = [i for i, c in enumerate(sheet.columns) if c.mark]
    label = sheet.group  # the first column after the group's
    parts: list[RenderableType] = [title]
    previous: tuple[str, ...] = ()
    for row in sheet.rows:
        if row[: sheet.group] != previous:
            parts += [Text(""), _text(" › ".join(row[: sheet.group]), "bold")]
        places = [sheet.columns[i].full for i in marked if row[i] == MARK]
        category = _split(_text(row[label] + ":", "bold"))
        parts.append(Padding(_hanging([*category, *_names(places)], width - 2), (0, 0, 0, 2)))
        previous = row[: sheet.group]
    nowhere = [sheet.columns[i].full for i in marked if all(row[i] != MARK for row in sheet.rows)]
    if nowhere:
        parts += [
            Text(""),
            _hanging([*_split(_text("Nothing registered in:", "italic")), *_names(nowhere)], width),
        ]
    return Group(*parts)


def _split(text: Text) -> list[Text]:
    """A Text's words, styles kept, as tokens for ``_hanging``."""
    return [text[word.start() : word.end()] for word in re.finditer(r"\S+", text.plain)]


def _names(names: Sequence[str]) -> list[Text]:
    """Names as tokens for ``_hanging``, a comma after all but the last: each name is kept whole."""
    last = len(names) - 1
    return [_text(name + ("," if index < last else "")) for index, name in enumerate(names)]


def _hanging(tokens: Sequence[Text], room: int, indent: str = "  ") -> Text:
    """Tokens joined by spaces, broken only between tokens into lines of ``room`` cells.

    Lines after the first are indented. A token wider than a line is left for
    Rich to wrap at its spaces.
    """
    text = Text()
    used = 0
    for token in tokens:
        size = token.cell_len
        if used and used + 1 + size > room:
            text.append("\n" + indent)
            used = cell_len(indent)
        elif used:
            text.append(" ")
            used += 1
        text.append_text(token)
        used += size
    return text
