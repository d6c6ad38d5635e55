"""A headless Chromium, for what a page looks like rather than what it holds; and PNG pixels, read
with the standard library (zlib), so no imaging package is needed.

Used by tests/test_browser.py and by scripts/screenshots.py, which makes the README's pictures.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str | None:
    """The browser's command, if one is installed ($CHROMIUM first)."""
    found = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, NAMES)), None)
    return found or None


def _run(url: str, *flags: str) -> subprocess.CompletedProcess[bytes]:
    browser = chromium()
    assert browser is not None, "no Chromium installed"
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: nothing of the user's is read
        return subprocess.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--no-first-run", f"--user-data-dir={profile}", *flags, url,
            ],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip


def dump_dom(page: Path) -> str:
    """The page's DOM as the browser built it."""
    return _run(page.resolve().as_uri(), "--dump-dom").stdout.decode("utf-8")


def screenshot(page: Path, picture: Path, width: int, height: int, dark: bool = False) -> None:
    """A PNG of the page in a window of WIDTH x HEIGHT CSS pixels, in dark mode if DARK."""
    flags = [f"--screenshot={picture}", f"--window-size={width},{height}"]
    _run(page.resolve().as_uri(), *flags, *(["--force-dark-mode"] if dark else []))
    assert picture.is_file(), f"Chromium wrote no {picture}"


Pixels = list[list[tuple[int, int, int]]]


def pixels(picture: Path) -> Pixels:
    """A PNG's rows of (red, green, blue): 8-bit RGB or RGBA, not interlaced, as Chromium writes them."""
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += [body] if kind == b"IDAT" else []
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and not interlace, (depth, colour, interlace)
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    return _unfiltered(raw, width, height, step)


def _unfiltered(raw: bytes, width: int, height: int, step: int) -> Pixels:
    """Undo PNG's per-row filters (none, sub, up, average, Paeth)."""
    stride = width * step
    rows: Pixels = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, corner = previous[x], previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner)
                )
                line[x] = (line[x] + near[2]) & 0xFF
        rows.append([(line[i], line[i + 1], line[i + 2]) for i in range(0, stride, step)])
        previous = line
    return rows
