"""The cell work both readers share (catcli.pagetable): mojibake, and the catalog checked before writing."""

from __future__ import annotations

import pytest

from catcli import webpage
from catcli.api import load
from catcli.errors import CatalogError
from catcli.pagetable import clean_lines, repair_mojibake
from tests.conftest import CATALOG

BASE = load(CATALOG)


@pytest.mark.parametrize(
    ("text", "repaired"),
    [("sellersâ€™", "sellers’"), ("ÃÃ stays", "ÃÃ stays"), ("café", "café")],  # not UTF-8 read as 1252: kept
)
def test_only_what_decodes_is_repaired(text: str, repaired: str) -> None:
    assert repair_mojibake(text) == repaired


def test_lines_are_collapsed_and_empty_ones_dropped() -> None:
    assert clean_lines(["  a \u00a0 b ", "", " \t ", "c"]) == ["a b", "c"]


def test_a_catalog_the_checker_refuses_is_never_written() -> None:
    """A page may hold text the catalog may not (here '<!--' as text): the import fails, naming the page."""
    row = (
        "<tr><td>Japan<td>Japan<td>Outsourced Operation<td>Paid Media"
        "<td>All &lt;!-- hidden --&gt; formats</tr>"
    )
    page = f"<!doctype html><h2>TSP</h2><table>{row}</table>"
    with pytest.raises(CatalogError, match=r"page.html: the imported catalog would not be valid: .*residue"):
        webpage.import_page(page.encode(), "page.html", BASE, "2026-11-24", "2026-11-24")
