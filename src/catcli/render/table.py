"""A sheet (catcli.render.sheet) drawn for a terminal: Rich's console, cells and styles, catcli's layout.

The layout is Rich's SIMPLE_HEAD table (a title, bold headers over a rule,
a blank line after each group), but catcli places every word itself and
hands Rich finished lines as segments: Rich's own Table spends ~170 µs per
printed line re-measuring and re-wrapping, 4 s for a 1 MB catalog, where
this costs a small fraction (tests/test_table.py holds it under a second).

Each column gets at least its longest word (headers included); when even
that does not fit, rows are stacked as text instead, so no column, row or
word is ever cut, and no line ends in blanks. Only a word wider than a
column may be (a definition's URL) is folded. Catalog text is escaped by
``printable`` first and only ever becomes segment text: never markup, and
no control character reaches the terminal.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from catcli.render.lines import WORD, Line, cell_lines, folded, paragraph, styled, width_of, wrap
from catcli.render.sheet import MARK, Column, Sheet, marks
from catcli.text import printable

if TYPE_CHECKING:
    from catcli.terminal import Terminal

_RULE = "─"


def draw(sheet: Sheet, term: Terminal) -> str:
    """The sheet as the terminal shows it: a table that fits, else its rows stacked as text."""
    return _printed(layout(sheet, term.width), term)


def layout(sheet: Sheet, width: int) -> list[Line]:
    """The lines of the table when every column's longest word fits WIDTH (and it is not under
    the sheet's narrow mark); else of the rows stacked, or listed by their marks."""
    if width >= sheet.narrow:
        widths = _widths(sheet, width)
        if widths is not None:
            return _table(sheet, widths)
    if sheet.stack.marks:
        return _listed_by_marks(sheet, width)
    return _stacked(sheet, width)


class _Lines:
    """Finished lines, as a Rich renderable: Rich turns styles into escape codes, nothing more."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {}
        newline = Segment.line()
        for line in self.lines:
            run, name = "", ""
            for text, style in line:  # neighbours of one style become one segment
                if style != name and run:
                    yield Segment(run, _style(styles, name))
                    run = ""
                run, name = run + text, style
            if run:
                yield Segment(run, _style(styles, name))
            yield newline


def _style(styles: dict[str, Style], name: str) -> Style:
    """The Style a name stands for, parsed once per drawing."""
    style = styles.get(name)
    if style is None:
        style = styles[name] = Style.parse(name or "none")
    return style


def _printed(lines: list[Line], term: Terminal) -> str:
    """The lines through a console of this terminal's width and colour; no colour, no escape at all."""
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
        legacy_windows=False,
    )
    console.print(_Lines(lines), crop=False, soft_wrap=True)
    return buffer.getvalue()


def _widths(sheet: Sheet, width: int) -> list[int] | None:
    """Content widths within WIDTH; None when the longest words alone do not fit.

    Each column starts at its narrowest (its longest word, or FOLD_AT for a
    column that may fold one) and the room left is shared out from the
    narrowest up, a column of weight 2 growing twice as fast; an expanding
    sheet then spreads what is left over all columns, as Rich does.
    """
    spans = [
        _span(column, [printable(row[i]) for row in sheet.rows]) for i, column in enumerate(sheet.columns)
    ]
    room = width - (3 * len(spans) + 1)  # per column: padding either side and a divider; the two edges
    if sum(low for low, _ in spans) > room:
        return None
    weights = [c.weight for c in sheet.columns]

    def level(cap: int) -> list[int]:
        return [min(max(cap * w, low), max(low, high)) for (low, high), w in zip(spans, weights, strict=True)]

    cap = _highest(lambda c: sum(level(c)) <= room, max(high for _, high in spans))
    widths = level(cap)
    growing = [index for index, (low, high) in enumerate(spans) if widths[index] < high]
    for index in growing[: room - sum(widths)]:
        widths[index] += 1
    if sheet.expand and sum(widths) < room:
        widths = _spread(widths, room)
    return widths


def _span(column: Column, values: Sequence[str]) -> tuple[int, int]:
    """(narrowest, natural) width of a column: its longest word (capped for a column that may fold
    one; the header's words stay whole) and its longest line, in cells."""
    words = max((width_of(w) for value in values for w in value.split()), default=0)
    header = max((width_of(w) for w in column.header.split()), default=0)
    narrowest = max(header, words if column.fold_at is None else min(words, column.fold_at))
    lines = max(
        (width_of(line) for value in (column.header, *values) for line in value.split("\n")), default=0
    )
    return max(narrowest, 1), max(lines, 1)


def _highest(fits: Callable[[int], bool], top: int) -> int:
    """The highest cap in 0..TOP that FITS (a monotone predicate), by bisection."""
    low, high = 0, top
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


def _spread(widths: list[int], room: int) -> list[int]:
    """WIDTHS grown to fill ROOM, each in proportion to its width (the remainder to the widest)."""
    total, extra = sum(widths), room - sum(widths)
    grown = [w + extra * w // total for w in widths]
    for index in sorted(range(len(grown)), key=lambda i: -widths[i])[: room - sum(grown)]:
        grown[index] += 1
    return grown


def _table(sheet: Sheet, widths: list[int]) -> list[Line]:
    """Title, a blank line, headers over a rule, the rows (a blank line after each group), a blank line."""
    total = sum(widths) + 3 * len(widths) + 1
    lines = [*_title(sheet.title, total, sheet.title_style), []]
    if sheet.headers:
        headers = [cell_lines(c.header, w, "bold") for c, w in zip(sheet.columns, widths, strict=True)]
        lines += _row(sheet.columns, widths, headers, bottom=True)
        lines.append([(" " + _RULE * (total - 2), "")])
    keys = [row[: sheet.group] for row in sheet.rows]
    for index, cells in enumerate(_shown_cells(sheet)):
        wrapped = [
            cell_lines(value, w, c.style, sheet.highlight if c.marked else ())
            for c, w, value in zip(sheet.columns, widths, cells, strict=True)
        ]
        lines += _row(sheet.columns, widths, wrapped)
        last = index + 1 == len(keys)
        if not last and (sheet.lines or (sheet.rules and keys[index + 1] != keys[index])):
            lines.append([])
    return [*lines, []]


def _shown_cells(sheet: Sheet) -> Iterator[tuple[str, ...]]:
    """Each row's cells as shown: a value repeated within a group (the first GROUP columns) left blank."""
    previous: tuple[str, ...] = ()
    for row in sheet.rows:
        yield tuple(
            "" if index < sheet.group and row[: index + 1] == previous[: index + 1] else value
            for index, value in enumerate(row)
        )
        previous = row


def _row(
    columns: Sequence[Column],
    widths: Sequence[int],
    cells: Sequence[list[tuple[Line, int]]],
    bottom: bool = False,
) -> list[Line]:
    """One table row's lines: each cell padded to its width and justified; BOTTOM aligns cells
    to the last line (headers), else to the first; no line ends in blanks."""
    height = max(len(cell) for cell in cells)
    lines = []
    for number in range(height):
        line: Line = [(" ", "")]
        for column, width, cell in zip(columns, widths, cells, strict=True):
            index = number - (height - len(cell)) if bottom else number
            content, used = cell[index] if 0 <= index < len(cell) else ([], 0)
            room = width - used
            left = 0 if column.justify == "left" else room if column.justify == "right" else room // 2
            line += [(" " * (1 + left), ""), *content, (" " * (room - left + 2), "")]
        lines.append(_trimmed(line))
    return lines


def _trimmed(line: Line) -> Line:
    """The line without its trailing blanks (padding is unstyled, content never ends in a blank)."""
    while line and not line[-1][1] and not line[-1][0].strip():
        line.pop()
    if line and not line[-1][1]:
        line[-1] = (line[-1][0].rstrip(), "")
    return line


def _stacked(sheet: Sheet, width: int) -> list[Line]:
    """For terminals too narrow for columns: per row a heading, where (if any), then the body."""
    stack = sheet.stack
    lines = _title(sheet.title, width, sheet.title_style)
    for row in sheet.rows:
        heading = stack.joiner.join(row[i] for i in stack.heading)
        lines += [[], *paragraph(heading, width, "bold", sheet.highlight)]
        if stack.where is not None and row[stack.where]:
            lines += paragraph(row[stack.where].replace("\n", stack.where_joiner), width, "italic", indent=2)
        if stack.body is not None:
            lines += paragraph(row[stack.body], width, "", sheet.highlight, indent=2)
            continue
        for index in stack.labelled:
            if row[index]:
                values = ", ".join(printable(row[index]).split("\n"))
                tokens = _tokens(f"{sheet.columns[index].header}:", "italic") + _tokens(
                    values, "", sheet.highlight
                )
                lines += _hanging(tokens, width - 2, first=2)
    return lines


def _tokens(text: str, style: str, highlight: Sequence[str] = ()) -> list[Line]:
    """TEXT's words, each as styled pieces (search words marked), for ``_hanging``."""
    shown = printable(text)
    spans = marks(shown, highlight)
    return [styled(shown, w.start(), w.end(), style, spans) for w in WORD.finditer(shown)]


def _hanging(tokens: Sequence[Line], room: int, first: int = 0, indent: int = 2) -> list[Line]:
    """Tokens joined by spaces, broken only between tokens into lines of ROOM cells; the first
    line indented by FIRST, the others by FIRST + INDENT. A token wider than a line is folded."""
    lines: list[Line] = []
    used = 0
    for token, rest in _fitting(tokens, room - first - indent):
        size = sum(width_of(text) for text, _ in token)
        if not lines or rest or used + 1 + size > room:  # the rest of a folded word: never after a space
            pad = first if not lines else first + indent
            lines.append([(" " * pad, "")] if pad else [])
            used = pad - first
        else:
            lines[-1].append((" ", ""))
            used += 1
        lines[-1] += token
        used += size
    return lines


def _fitting(tokens: Sequence[Line], room: int) -> Iterator[tuple[Line, bool]]:
    """The tokens, a token wider than ROOM (a word, or a name of several) wrapped into pieces that
    fit (in its first style); each with whether it continues a wrapped token."""
    for token in tokens:
        text = "".join(piece for piece, _ in token)
        size = width_of(text)
        if size <= room:
            yield token, False
            continue
        style = token[0][1] if token else ""
        for index, (start, end, _) in enumerate(wrap(text, room)):  # a name at its spaces first
            yield [(text[start:end], style)], index > 0


def _title(parts: Sequence[str], width: int, style: str) -> list[Line]:
    """The title's parts joined by ' · ', broken between parts where it must break (a part too
    long for a line between its words), so that no line begins with '·'."""
    lines: list[Line] = []
    used = width  # the current line is full: the first word starts one
    for index, part in enumerate(parts):
        words = printable(part).split() or [""]
        if index < len(parts) - 1:
            words[-1] += " ·"  # the separator ends its part's line, never begins the next
        if used + 1 + width_of(" ".join(words)) > width:
            used = width  # the whole part on a line of its own, if it fits one
        for word in words:
            for start, end, cells in folded(word, 0, len(word), width_of(word), width):
                if used + 1 + cells > width:  # (a piece of 'services ·' folded may end in its space)
                    lines.append([(word[start:end].strip(), style)])
                    used = cells
                else:
                    lines[-1].append((" " + word[start:end], style))
                    used += 1 + cells
    return lines


def _listed_by_marks(sheet: Sheet, width: int) -> list[Line]:
    """Per group, each row's label and the full names of the columns it is marked in, names whole."""
    marked = [i for i, c in enumerate(sheet.columns) if c.mark]
    lines = _title(sheet.title, width, sheet.title_style)
    previous: tuple[str, ...] = ()
    for row in sheet.rows:
        if row[: sheet.group] != previous:
            lines += [[], *paragraph(" › ".join(row[: sheet.group]), width, "bold")]
        places = [sheet.columns[i].full for i in marked if row[i] == MARK]
        category = _tokens(row[sheet.group] + ":", "bold")
        lines += _hanging([*category, *_names(places)], width - 2, first=2)
        previous = row[: sheet.group]
    nowhere = [sheet.columns[i].full for i in marked if all(row[i] != MARK for row in sheet.rows)]
    if nowhere:
        lines += [[], *_hanging([*_tokens("Nothing registered in:", "italic"), *_names(nowhere)], width)]
    return lines


def _names(names: Sequence[str]) -> list[Line]:
    """Names as tokens for ``_hanging``, a comma after all but the last: each name kept whole."""
    last = len(names) - 1
    return [[(printable(name) + ("," if index < last else ""), "")] for index, name in enumerate(names)]
