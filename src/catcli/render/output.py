"""What a command prints and how: the format, the chosen fields, headers, colour and the pager.

A command hands over its records, and how a person is shown them (a sheet, or
a sentence); the format's traits decide which is written and in what shape,
so no command names a format. Every byte goes out through catcli.streams.emit,
checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from catcli import __version__
from catcli.errors import UnknownValue, UsageError
from catcli.model import Edition, as_json
from catcli.render import NESTED, PEOPLE, TERMINAL, WHOLE, OutputFormat
from catcli.resolve import suggest
from catcli.streams import emit
from catcli.text import printable

if TYPE_CHECKING:  # a sheet is drawn only for a person: records never load catcli.render.sheet
    from catcli.render.sheet import Sheet

Shown: TypeAlias = "Sheet | str"  # what a person is shown: a sheet, or a sentence or report
Person = Callable[[], Shown]  # made only when a person is the reader
Flat = tuple[Sequence[str], Sequence[Any]]  # a header and rows, for formats that want rows of cells


class Output:
    """One command's output settings; ``record`` is the type whose fields are its JSON keys."""

    def __init__(
        self,
        fmt: OutputFormat | None,
        as_json: bool,
        *,
        record: type[Any] | None = None,
        fields: str | None = None,
        headers: bool = True,
        color: bool = True,
        pager: bool = True,
    ) -> None:
        if as_json and fmt not in (None, OutputFormat.JSON):
            raise UsageError(f"--json contradicts --format {fmt.value}", hint="give one of them")
        self.format = OutputFormat.JSON if as_json else (fmt or OutputFormat.TABLE)
        self.available: tuple[str, ...] = tuple(record._fields) if record is not None else ()
        self.fields = None if fields is None else self._chosen(fields)
        self.headers = headers
        self.color = color
        self.pager = pager
        self.sources: list[tuple[str, Edition]] = []  # the catalogs the answer comes from

    def cite(self, edition: Edition, role: str = "catalog") -> None:
        """Name a catalog the answer comes from (ROLE: 'catalog', or 'old' and 'new' for diff).

        A page for people says where it came from: catcli's version and each
        catalog's edition and source, in its footer.
        """
        self.sources.append((role, edition))

    def colophon(self) -> tuple[str, ...]:
        """'catcli 0.3.0', then 'catalog edition 2026-11-24 (imported …), source: …' per catalog cited."""
        lines = [f"catcli {__version__}"]
        for role, edition in self.sources:
            imported = f" (imported {edition.imported})" if edition.imported else ""
            source = edition.source or "not recorded"
            lines.append(f"{role} edition {edition.edition or 'not recorded'}{imported}, source: {source}")
        return tuple(lines)

    def _chosen(self, given: str) -> tuple[str, ...]:
        """--fields, checked against the record's JSON names before any work is done."""
        chosen = tuple(dict.fromkeys(f.strip() for f in given.split(",") if f.strip()))
        unknown = [f for f in chosen if f not in self.available]
        if unknown or not chosen:
            value = unknown[0] if unknown else given
            raise UnknownValue("field", value, suggest(value, self.available), choices=self.available)
        return chosen

    @property
    def columns(self) -> tuple[str, ...]:
        """The fields written: those chosen, else all of the record's."""
        return self.fields or self.available

    def records(
        self, rows: Sequence[Any], person: Person, grid: Callable[[Sequence[str]], Flat] | None = None
    ) -> None:
        """Records: shown to a person, or written in the chosen fields.

        GRID, for flat formats, gives (header, rows) for the chosen fields, a
        nested field spread over columns (the matrix's one column per region).
        """
        if self.format.has(PEOPLE):
            self._show(person(), rows)
        elif grid is not None and not self.format.has(NESTED):
            header, flat = grid(self.columns)
            self._write(flat, header)
        else:
            self._write([self._pick(as_json(row)) for row in rows], self.columns)

    def answer(
        self, record: Any, person: Person, flat: Flat | None = None, title: Callable[[], str] | None = None
    ) -> None:
        """One record (check, info, diff): its sentence for a person, the object in JSON.

        FLAT (header, rows) stand in for it in formats that write a record per line or per row,
        and on a page for people, under TITLE (else the sentence's first line).
        """
        if self.format.has(PEOPLE) and flat is not None and not self.format.has(TERMINAL):
            header, rows = flat
            heading = title() if title is not None else person()
            self._show(heading, [as_json(row) for row in rows], header)
        elif self.format.has(PEOPLE):
            self._show(person(), [record])
        elif self.format.has(NESTED) and self.format.has(WHOLE):
            emit(self.format.write()(self._pick(as_json(record))))
        elif flat is not None:
            header, rows = flat
            self._write([as_json(row) for row in rows], header)
        else:
            self._write([self._pick(as_json(record))], self.columns)

    def nothing(self) -> None:
        """An answer with no records (a NotFound): machine formats still write one, empty."""
        if not self.format.has(PEOPLE):
            self._write([], self.columns)

    def _pick(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {name: row[name] for name in self.columns} if self.available else dict(row)

    def _write(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
        emit(self.format.write()(rows, columns, self.headers))

    def _show(self, shown: Shown, rows: Sequence[Any], columns: Sequence[str] | None = None) -> None:
        """What a person is shown, as designed; with --fields, a plain sheet of those fields under its title.

        A sentence or report is printed as it is on a terminal, and elsewhere its
        first line titles its records (COLUMNS of them, by default the chosen fields).
        """
        from catcli.render.sheet import chosen  # start-up: only a person is shown a sheet

        picked = self.fields is not None and self.fields != self.available
        if isinstance(shown, str) and not picked and self.format.has(TERMINAL):
            emit(printable(shown))
            return
        if isinstance(shown, str) or picked:
            shown = chosen(shown, [as_json(r) for r in rows], columns or self.columns)
        shown.headers = self.headers
        shown.colophon = self.colophon()
        self.draw(shown)

    def draw(self, sheet: Sheet) -> None:
        """A sheet in this format; on a terminal, through the pager when it is long."""
        from catcli.terminal import page, pager_command, terminal  # start-up: records need no terminal

        term = terminal(no_color=not self.color)
        text = self.format.write()(sheet, term)
        command = pager_command(self.pager) if term.is_tty and self.format.has(TERMINAL) else None
        if command:
            page(text, command, term.height)
        else:
            emit(text)
