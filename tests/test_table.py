"""The Rich tables: nothing dropped or cut, no word broken, no trailing blanks, nothing invisible."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from catcli.matrix import matrix
from catcli.model import CatalogData, Country, PartnerType, Region, Service
from catcli.query import Filters
from catcli.records import regions, types
from catcli.render import sheet, table
from catcli.render.sheet import Sheet
from catcli.resolve import Resolved
from catcli.terminal import Terminal
from catcli.text import UNSAFE
from tests import app
from tests.conftest import Invoke

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

# Every example of every command that prints records, as a table; then data shapes worth a look of their own.
TABLES = [
    *(
        tuple(e)
        for name in app.data_commands()
        for e in app.examples(name)
        if not {"--json", "--format"} & set(e)
    ),
    ("list",),
    ("list", "--market", "UK"),
    ("list", "--fields", "type,service_category"),
    ("show", "Mass Tutoring"),
    ("show", "Creator Management"),
    ("matrix", "--type", "mcn"),
]


@pytest.mark.parametrize("args", TABLES, ids=" ".join)
@pytest.mark.parametrize("color", ["", "1"], ids=["piped", "coloured"])
def test_no_line_ends_in_blanks(invoke: Invoke, workdir: Path, args: tuple[str, ...], color: str) -> None:
    for width in (1, 12, 40, 60, 80, 120, 250):
        result = invoke(*args, env={"COLUMNS": str(width), "FORCE_COLOR": color})
        assert result.exit_code in (0, 1), result.output
        assert color or "\x1b[" not in result.stdout, args
        for line in result.stdout.splitlines():
            assert not line.endswith((" ", "\t")), (width, line)
            assert not ESCAPE.sub("", line).endswith((" ", "\t")), (width, line)


@pytest.mark.parametrize("args", [("list",), ("show", "Paid Media"), ("matrix",), ("regions",), ("types",)])
def test_tables_and_stacked_rows_are_coloured_when_asked(invoke: Invoke, args: tuple[str, ...]) -> None:
    for width in (40, 60, 80, 250):
        assert "\x1b[" in invoke(*args, env={"COLUMNS": str(width), "FORCE_COLOR": "1"}).stdout, width


# -- matrix: nothing dropped or cut, at any width ------------------------------------

MATRIX_WIDTHS = [*range(40, 121), *range(121, 251, 13), 250]
PUNCTUATION = ",;:()·›→─"


def _tokens(line: str) -> set[str]:
    return {token.strip(PUNCTUATION) for token in line.split()} - {""}


def _region_labels() -> dict[str, str]:
    from catcli.api import load
    from tests.conftest import CATALOG

    catalog = load(str(CATALOG))
    return {r.name: sheet.region_label(catalog, r.name) for r in catalog.regions}


@pytest.mark.parametrize("args", [(), ("--type", "tsp"), ("--type", "mcn")], ids=" ".join)
def test_matrix_never_drops_a_region_or_a_category(invoke: Invoke, args: tuple[str, ...]) -> None:
    rows = json.loads(invoke("matrix", *args, "--json").stdout)
    labels = _region_labels()
    layouts = set()
    for width in MATRIX_WIDTHS:
        out = invoke("matrix", *args, env={"COLUMNS": str(width)}).stdout
        lines = out.splitlines()
        assert all(cell_len(line) <= width for line in lines), width
        words = set().union(*map(_tokens, lines))
        for row in rows:  # every word of every label, whole
            assert set((row["main_category"] + " " + row["service_category"]).split()) <= words, width
        if "✓" in out:
            layouts.add("grid")
            _assert_grid(lines, rows, labels)
        else:
            layouts.add("list")
            _assert_list(out, rows, list(labels))
    assert layouts == {"grid", "list"}  # both layouts were seen


def _assert_grid(lines: list[str], rows: list[dict[str, object]], labels: dict[str, str]) -> None:
    """Every region column, whole, and one line of marks per row with a mark in every column."""
    rule = next(index for index, line in enumerate(lines) if line.lstrip().startswith("─"))
    header = lines[rule - 1]  # headers sit at the bottom of the header row
    assert [t for t in header.split() if t in labels.values()] == list(labels.values())
    marked = [line for line in lines if "✓" in line or "·" in line]
    assert len(marked) == len(rows)
    for line, row in zip(marked, rows, strict=True):
        marks = [t for t in line.split() if t in ("✓", "·")]
        offered = row["registration_regions"]
        assert isinstance(offered, list)
        assert marks == ["✓" if name in offered else "·" for name in labels]


def _assert_list(out: str, rows: list[dict[str, object]], regions: list[str]) -> None:
    """Each service category, then the full names of its regions, each name on one line."""
    lines = out.splitlines()
    flowing = " ".join(out.split())
    for row in rows:
        offered = row["registration_regions"]
        assert isinstance(offered, list)
        assert f"{row['service_category']}: {', '.join(offered)}" in flowing
    for name in regions:
        assert any(name in line for line in lines), name


def test_matrix_grid_when_it_fits_and_list_when_not(invoke: Invoke) -> None:
    """Piped, Rich would assume 80 columns: the grid does not fit there, so nothing may be cut."""
    assert "Mexico" in invoke("matrix", env={"COLUMNS": "250"}).stdout.splitlines()[2]
    piped = invoke("matrix", env={"COLUMNS": ""}).stdout
    assert "✓" not in piped and "Paid Media: Japan, Mexico, Brazil" in piped
    uk = invoke(
        "matrix", "--market", "UK", env={"COLUMNS": "60"}
    ).stdout  # a region with nothing: still named
    assert "Nothing registered in: United States, EU, SEA, Japan, Mexico, Brazil" in " ".join(uk.split())
    assert "(1 service category)" in invoke("matrix", "--type", "mcn").stdout
    assert "(23 rows, 22 service categories)" in invoke("matrix", "--type", "tsp").stdout


# -- no word broken at narrow widths -----------------------------------------------

NARROW_WIDTHS = (40, 50, 60, 70, 80)
WORDY = [
    ("regions",),
    ("types",),
    ("matrix",),
    ("matrix", "--type", "tsp"),
    ("list", "--market", "UK"),
    ("list", "-t", "tsp", "-r", "Japan"),
    ("show", "Creator Management"),
    ("search", "live"),
    ("search", "creator", "--fields", "service_category,definition,registration_region"),
]


def _values(value: object) -> list[str]:
    """Every string in a JSON value but type ids (tables show the type's name)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "type" for s in _values(item)]
    if isinstance(value, list):
        return [s for item in value for s in _values(item)]
    return []


@pytest.mark.parametrize("args", WORDY, ids=" ".join)
def test_no_word_is_broken(invoke: Invoke, args: tuple[str, ...]) -> None:
    """Every word of every cell whole on one line; every word printed is a word of the catalog or a label."""
    data = json.loads(invoke(*args, "--json").stdout)
    cell_words = {word for value in _values(data) for word in value.split()}
    known = {t for w in cell_words for t in _tokens(w)}
    known |= _tokens(invoke(*args, env={"COLUMNS": "1000"}).stdout) | {"Nothing", "registered", "in"}
    for width in NARROW_WIDTHS:
        lines = invoke(*args, env={"COLUMNS": str(width)}).stdout.splitlines()
        assert all(len(line) <= width for line in lines)
        unfit = {word for word in cell_words if len(word) > width - 4}  # a URL: folded, as it must be
        for word in cell_words - unfit:
            assert any(word.strip(PUNCTUATION) in line for line in lines), (width, word)
        printed = set().union(*map(_tokens, lines))
        broken = {t for t in printed - known if not any(t in word for word in unfit)}
        assert not broken, width


@pytest.mark.parametrize("args", WORDY, ids=" ".join)
def test_a_word_wider_than_its_room_is_folded_not_split_by_a_space(
    invoke: Invoke, args: tuple[str, ...]
) -> None:
    """At 10 columns the types list read 'Serv ice' and '(TSP )': a folded word's pieces were
    joined by a space, as two words are."""
    wide = invoke(*args, env={"COLUMNS": "1000"}).stdout
    whole = set(wide.split())
    for width in (6, 8, 10, 12, 16, 20):
        lines = invoke(*args, env={"COLUMNS": str(width)}).stdout.splitlines()
        assert all(cell_len(line) <= width for line in lines), width
        for line in lines:
            tokens = line.split()
            for left, right in zip(tokens, tokens[1:], strict=False):
                assert not (left + right in whole and right not in whole), (width, line)


def test_at_60_columns_long_words_stay_whole(invoke: Invoke) -> None:
    regions = invoke("regions", env={"COLUMNS": "60"}).stdout.splitlines()
    types = invoke("types", env={"COLUMNS": "60"}).stdout.splitlines()
    matrix = invoke("matrix", env={"COLUMNS": "60"}).stdout.splitlines()
    assert any("Cross-border" in line for line in regions)
    assert any("Philippines" in line for line in regions)
    assert any("Multi-Channel" in line for line in types)
    assert any("Host/Operations" in line for line in matrix)


# -- nothing invisible reaches the terminal ---------------------------------------------

HIDDEN = (
    "\u200b\u200c\u200d\u2060\ufeff\u061c\u2028\u2029\U000e0041\U000e007f"
    "\x1b[31m\x07\x08\r\x9b\x85\u202e\u2066\u200f"
)


def _hostile_catalog() -> CatalogData:
    """Every piece of catalog text carries control, invisible and layout characters."""
    japan = f"Japan{HIDDEN}"
    far = f"Far{HIDDEN} Away Region"
    return CatalogData(
        types=(
            PartnerType("tsp", f"Shop{HIDDEN} Partner", (f"alias{HIDDEN}",)),
            PartnerType("mcn", f"MCN{HIDDEN}", ()),
        ),
        regions=(
            Region(japan, (Country("JP", f"Nippon{HIDDEN}"),), (f"jp{HIDDEN}",)),
            Region(far, (Country(f"F{HIDDEN}", f"Far{HIDDEN}"), Country("AW", "Away")), (f"FA{HIDDEN}",)),
        ),
        services=(
            Service("tsp", japan, (japan,), f"Main{HIDDEN}", f"Category{HIDDEN} one", f"Defined{HIDDEN} so"),
            Service("mcn", far, (japan, far), f"Other{HIDDEN}", f"Category{HIDDEN} two", f"{HIDDEN}"),
        ),
    )


def _sheets(catalog: CatalogData) -> Iterator[Sheet]:
    services = catalog.services
    asked = Filters(
        types=(Resolved("tsp", f"t{HIDDEN}"),),
        regions=(Resolved(services[0].registration_region, f"de{HIDDEN}"),),
        markets=(Resolved(services[1].registration_region, f"x{HIDDEN}"),),
    )
    rows = [s.as_dict() for s in services]
    yield sheet.services(services, catalog, filters=asked, highlight=["categ"])
    yield sheet.chosen(sheet.services(services, catalog), rows, ["type", "definition", "target_markets"])
    headless = sheet.chosen(f"title{HIDDEN}", rows, ["main_category"])
    headless.headers = False
    yield headless
    yield sheet.show(f"Category{HIDDEN}", services, catalog)
    yield sheet.matrix(matrix(services, catalog.regions), catalog)
    yield sheet.matrix(matrix(services[:1], catalog.regions), catalog)
    yield sheet.regions(regions(catalog))
    yield sheet.types(types(catalog))


@pytest.mark.parametrize("width", [40, 60, 80, 250])
@pytest.mark.parametrize("color", [False, True], ids=["piped", "coloured"])
def test_hidden_characters_are_shown_escaped(width: int, color: bool) -> None:
    catalog = _hostile_catalog()
    for drawn in _sheets(catalog):
        out = table.draw(drawn, Terminal(width, 24, False, color))
        assert ("\x1b[" in out) == color
        text = ESCAPE.sub("", out)
        assert not re.search(UNSAFE, text), repr(re.search(UNSAFE, text))
        assert all(cell_len(line) <= width for line in text.splitlines())
        unfolded = "".join(text.split())  # an escape wider than its column is folded, not lost
        assert "\\u200b" in unfolded and "\\x1b[31m" in unfolded


def test_the_table_module_has_no_function_over_40_lines() -> None:
    import ast

    source = Path(table.__file__).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = (node.end_lineno or 0) - node.body[0].lineno + 1
            assert body <= 40, (node.name, body)
