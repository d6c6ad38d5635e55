"""Text set in lines of terminal cells: wrapping, folding, and search words marked.

What catcli.render.table lays out is made of these lines: each a list of
(text, style) pieces, measured in cells (a CJK character takes two), broken
only between words, a word wider than its room folded. Every function is
linear in its text, whatever the text holds (issue 16's hostile catalogs).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len

from catcli.render.sheet import marks
from catcli.text import printable

Piece = tuple[str, str]  # text and the name of its style ("" for none)
Line = list[Piece]
WORD = re.compile(r"\S+")


def width_of(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[tuple[int, int, int]]:
    """Where each line of TEXT wrapped to WIDTH cells begins and ends in TEXT, and its cells:
    broken at spaces and line breaks, a word wider than WIDTH folded. Linear in TEXT."""
    lines: list[tuple[int, int, int]] = []
    ascii_only = text.isascii()
    start = 0
    for end in [*(m.start() for m in re.finditer("\n", text)), len(text)]:
        first = len(lines)
        begin, used = -1, 0
        for word in WORD.finditer(text, start, end):
            low, high = word.span()
            size = high - low if ascii_only else cell_len(word.group())
            if begin >= 0 and used + 1 + size <= width:
                used += 1 + size
                lines[-1] = (begin, high, used)
                continue
            for piece in folded(text, low, high, size, width):
                lines.append(piece)
                begin, used = piece[0], piece[2]
        if len(lines) == first:
            lines.append((start, start, 0))  # an empty line stays a line
        start = end + 1
    return lines


def folded(text: str, start: int, end: int, size: int, width: int) -> Iterator[tuple[int, int, int]]:
    """A word as pieces of at most WIDTH cells (one piece when it fits), with their sizes."""
    if size <= width:
        yield start, end, size
        return
    piece, used = start, 0
    for index in range(start, end):
        size = width_of(text[index])
        if used + size > max(width, 1) and index > piece:
            yield piece, index, used
            piece, used = index, 0
        used += size
    yield piece, end, used


def styled(text: str, start: int, end: int, style: str, marks: Sequence[tuple[int, int]]) -> Line:
    """TEXT[start:end] as pieces in STYLE, the marked spans (in order) reversed as well."""
    pieces: Line = []
    position = start
    for index in range(max(bisect.bisect_left(marks, (start,)) - 1, 0), len(marks)):
        mark_start, mark_end = marks[index]
        if mark_start >= end:
            break
        low, high = max(mark_start, start), min(mark_end, end)
        if low >= high:
            continue
        if low > position:
            pieces.append((text[position:low], style))
        pieces.append((text[low:high], f"{style} reverse".strip()))
        position = high
    if position < end or not pieces:
        pieces.append((text[position:end], style))
    return pieces


def paragraph(
    text: str, width: int, style: str, highlight: Sequence[str] = (), indent: int = 0, escaped: bool = False
) -> list[Line]:
    """TEXT, escaped (unless it is), wrapped to WIDTH in STYLE, search words marked, each line INDENTed."""
    shown = text if escaped else printable(text)
    spans = marks(shown, highlight)
    pad = [(" " * indent, "")] if indent else []
    return [[*pad, *styled(shown, s, e, style, spans)] for s, e, _ in wrap(shown, max(width - indent, 1))]


def cell_lines(text: str, width: int, style: str, highlight: Sequence[str] = ()) -> list[tuple[Line, int]]:
    """A table cell's lines, each with its width in cells (for padding without measuring again)."""
    shown = printable(text)
    spans = marks(shown, highlight)
    return [(styled(shown, s, e, style, spans), used) for s, e, used in wrap(shown, width)]
