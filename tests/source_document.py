"""An independent reading of the Partner Center source document, for tests.

Deliberately not catcli.document: this one trusts the page's
``<!-- rowSpan:N -->`` counts (and checks that spanned cells are empty),
where catcli's importer fills empty cells from the row above. Two readings
that agree are evidence both are right.
"""

from __future__ import annotations

import re
from pathlib import Path

SECTIONS = {"TSP": "tsp", "MCN/CAP": "mcn", "Affiliate Partner": "affiliate"}
MARKET_NAMES = {"UK": "United Kingdom", "US": "United States"}
MOJIBAKE = {"â€™": "’"}
SPAN = re.compile(r"<!--\s*rowSpan:(\d+)\s*-->")


def _pieces(cell: str) -> list[str]:
    for bad, good in MOJIBAKE.items():
        cell = cell.replace(bad, good)
    cell = SPAN.sub("", cell)
    return [p.strip() for p in cell.split("<br>") if p.strip()]


def _span(cell: str) -> int:
    match = SPAN.search(cell)
    return int(match.group(1)) if match else 1


def _region(pieces: list[str]) -> str:
    return " ".join(pieces).split("(")[0].strip()


def _markets(pieces: list[str]) -> list[str]:
    if any(p.startswith("(") for p in pieces):
        return [_region(pieces)]
    return [MARKET_NAMES.get(p, p) for p in pieces]


def rows(path: Path) -> list[dict[str, object]]:
    """Every table row of the document as a catcli JSON object, in document order."""
    out: list[dict[str, object]] = []
    partner = ""
    carried: list[tuple[list[str], int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            partner = SECTIONS[line[2:].strip()]
            carried = [([], 0)] * 5
            continue
        if not line.startswith("|") or line.startswith("| **") or line.startswith("| ---"):
            continue
        cells = line.strip().strip("|").split("|")
        assert len(cells) == 5, line
        values: list[list[str]] = []
        for column, cell in enumerate(cells):
            kept, remaining = carried[column]
            if remaining:
                assert not _pieces(cell), f"cell under a row span is not empty: {line}"
                carried[column] = (kept, remaining - 1)
                values.append(kept)
            else:
                pieces = _pieces(cell)
                carried[column] = (pieces, _span(cell) - 1)
                values.append(pieces)
        region, markets, main, service, definition = values
        out.append(
            {
                "type": partner,
                "registration_region": _region(region),
                "target_markets": _markets(markets),
                "main_category": " ".join(main),
                "service_category": " ".join(service),
                "definition": "\n".join(definition),
            }
        )
    return out
