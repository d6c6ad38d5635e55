"""What a browser shows of `--format html`: Chromium, headless, where it is installed.

CI installs Debian's chromium when it can (.ci/run); elsewhere these tests skip.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from tests.browser import Pixels, chromium, dump_dom, pixels, screenshot
from tests.conftest import Invoke

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
# A4 portrait is 210 mm wide; less the print margins (12 mm a side) that is 186 mm, 703 CSS pixels.
A4_TEXT_WIDTH = 703


def _page(invoke: Invoke, tmp_path: Path, *args: str) -> Path:
    result = invoke(*args, "--format", "html")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "answer.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _shot(page: Path, width: int, height: int, dark: bool = False) -> Pixels:
    picture = page.with_suffix(".dark.png" if dark else ".png")
    screenshot(page, picture, width, height, dark)
    return pixels(picture)


def test_the_browser_builds_the_rows_catcli_wrote(invoke: Invoke, tmp_path: Path) -> None:
    dom = html5lib.parse(dump_dom(_page(invoke, tmp_path, "matrix")), namespaceHTMLElements=False)
    rows = dom.findall(".//table/tbody/tr")
    assert len(rows) == len(json.loads(invoke("matrix", "--json").stdout))
    assert dom.find(".//h1").text.startswith("Service categories by registration region")


def test_offered_shows_in_colour_and_the_background_follows_the_mode(invoke: Invoke, tmp_path: Path) -> None:
    page = _page(invoke, tmp_path, "matrix", "--type", "mcn")
    light, dark = _shot(page, 900, 300), _shot(page, 900, 300, dark=True)
    assert sum(light[5][5]) > 700 and sum(dark[5][5]) < 120  # white paper, dark paper
    green = [p for row in light for p in row if p[1] > p[0] + 25 and p[1] > p[2] + 15]
    assert len(green) > 500  # the 'offered' cells' colour (beside their ✓)


@pytest.mark.parametrize("args", [["matrix"], ["list"], ["regions"]])
def test_nothing_is_cut_at_the_width_of_a4_paper(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    """At an A4 page's text width no column runs past the edge (the print style's smaller type only
    makes more room): the strip along the right edge, inside the body's margin, stays blank."""
    shot = _shot(_page(invoke, tmp_path, *args), A4_TEXT_WIDTH, 1600)
    background = shot[2][2]
    edge = {row[x] for row in shot for x in range(A4_TEXT_WIDTH - 4, A4_TEXT_WIDTH)}
    assert edge == {background}
    inked = {x for row in shot for x, p in enumerate(row) if p != background and sum(p) < 600}
    assert max(inked) > A4_TEXT_WIDTH * 0.8  # the table does reach across the page


def test_the_readmes_pictures_can_be_made_again(tmp_path: Path) -> None:
    """scripts/screenshots.py, as anyone refreshing the README would run it."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"
    done = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    terminal, answer = pixels(tmp_path / "answer-terminal.png"), pixels(tmp_path / "answer-page.png")
    assert len(terminal[0]) > 800 and len(answer[0]) == 1000
    svg = (tmp_path / "answer-terminal.svg").read_text(encoding="utf-8")
    assert "Paid" in svg and "Mass" in svg  # Rich writes each space as &#160;
