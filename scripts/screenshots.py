"""Make the README's pictures of one answer: the terminal table and the page `--format html` prints.

usage: python scripts/screenshots.py [--out DIR]     (default: docs/images)

Needs catcli installed beside this Python (pip install -e '.[test]') and a
Chromium (apt-get install chromium, or $CHROMIUM). The terminal is drawn by
catcli itself with colour forced, recorded by Rich as SVG (Console.save_svg);
Chromium turns that SVG, and the page, into PNGs. Run it again whenever the
table or the page changes, and commit what it writes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.browser: one way to drive Chromium, shared with the tests

from tests.browser import chromium, screenshot  # noqa: E402

QUESTION = ["list", "--type", "tsp", "--region", "Japan"]
COLUMNS = 100


def catcli(*args: str, **env: str) -> str:
    """What catcli prints for ARGS, run from this Python's environment."""
    done = subprocess.run(
        [sys.executable, "-m", "catcli", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CATCLI_CATALOG": str(ROOT / "catalog.toml"), **env},
    )
    return done.stdout


def terminal_svg(path: Path) -> tuple[int, int]:
    """The terminal's answer as an SVG; its width and height in pixels."""
    ansi = catcli(*QUESTION, "--no-pager", COLUMNS=str(COLUMNS), FORCE_COLOR="1", TERM="xterm-256color")
    console = Console(record=True, width=COLUMNS, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi(f"$ catcli {' '.join(QUESTION)}\n" + ansi.rstrip("\n")))
    console.save_svg(str(path), title="catcli")
    svg = path.read_text(encoding="utf-8")
    box = svg[svg.index('viewBox="') + 9 :].split('"', 1)[0].split()
    return int(float(box[2])), int(float(box[3]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    out: Path = parser.parse_args().out
    if chromium() is None:
        sys.exit("screenshots: no Chromium (apt-get install chromium, or set $CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    width, height = terminal_svg(out / "answer-terminal.svg")
    with tempfile.TemporaryDirectory() as work:
        frame = Path(work) / "terminal.html"
        svg = (out / "answer-terminal.svg").resolve().as_uri()
        frame.write_text(f'<body style="margin:0"><img src="{svg}">', encoding="utf-8")
        screenshot(frame, out / "answer-terminal.png", width, height + 4)
        page = Path(work) / "answer.html"
        page.write_text(catcli(*QUESTION, "--format", "html"), encoding="utf-8")
        screenshot(page, out / "answer-page.png", 1000, 760)
    print(f"screenshots: wrote answer-terminal.svg, answer-terminal.png and answer-page.png in {out}")


if __name__ == "__main__":
    main()
