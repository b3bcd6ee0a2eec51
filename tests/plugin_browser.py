"""Headless Chromium for the tests that open maps in a real browser (marker ``browser``).

The ``chromium`` fixture skips its tests when no Chromium is installed, except under ``CI=true``
where a missing browser is a failure: CI must prove the maps open. Every launch blocks the network
(host resolver and proxy point nowhere), so a page that still needed a CDN would not draw.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["Browser", "MapPage", "Png", "read_png"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
          "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
          "--proxy-bypass-list=<-loopback>")


@dataclass
class Png:
    """A decoded PNG: size and rows of (r, g, b) tuples."""

    width: int
    height: int
    rows: list[list[tuple[int, int, int]]]


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prev[i]
        corner = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + pred) & 0xFF


def read_png(path: Path) -> Png:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) without Pillow."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, width = 8, b"", 0
    height = colour_type = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour_type in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    bpp = 4 if colour_type == 6 else 3
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1:start + 1 + stride])
        _unfilter(raw[start], line, prev, bpp)
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return Png(width, height, rows)


@dataclass
class Browser:
    """A headless Chromium: screenshot a page, or dump its DOM after its scripts ran."""

    executable: str

    def _run(self, url: str, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory(prefix="orggraph-chromium-") as profile:
            return subprocess.run(
                [self.executable, *_FLAGS, f"--user-data-dir={profile}", *extra, url],
                capture_output=True, text=True, timeout=timeout, check=False)

    def screenshot(self, page: Path, png: Path, size: tuple[int, int] = (1400, 900),
                   budget_ms: int = 20_000) -> Png:
        """Open ``page``, let it run for ``budget_ms`` of virtual time, return the screenshot."""
        done = self._run(page.resolve().as_uri(), f"--window-size={size[0]},{size[1]}",
                         f"--virtual-time-budget={budget_ms}", f"--screenshot={png}")
        assert png.exists(), f"chromium wrote no screenshot:\n{done.stderr[-2000:]}"
        return read_png(png)

    def dom(self, page: Path, budget_ms: int = 20_000) -> str:
        """Return the page's DOM, serialised after ``budget_ms`` of virtual time."""
        done = self._run(page.resolve().as_uri(), "--window-size=1400,900",
                         f"--virtual-time-budget={budget_ms}", "--dump-dom")
        assert done.stdout.strip(), f"chromium dumped no DOM:\n{done.stderr[-2000:]}"
        return done.stdout


def find_chromium() -> str | None:
    """Return the path of a Chromium-like browser, or None."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> Browser:
    """A headless Chromium; skipped when missing, a failure when missing under CI=true."""
    found = find_chromium()
    if found is None:
        message = ("headless Chromium is not installed (Debian: apt-get install chromium); "
                   "the map tests need it")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return Browser(found)


def _missing(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def playwright_chromium(chromium: Browser):
    """The Debian Chromium driven by Playwright for Python (no browser download needed).

    Module-scoped: Playwright's synchronous driver keeps an event loop running on the main thread
    while it is open, and later tests that run their own loop (the Cypher shell) need it closed.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed: pip install -e '.[test]'")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=chromium.executable,
            args=["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"])
        yield browser
        browser.close()


@dataclass
class MapPage:
    """One map open in a Playwright page, with the JavaScript errors it raised."""

    page: object
    errors: list[str]

    def run(self, script: str, arg: object = None) -> object:
        """Evaluate ``script`` (a function of the map root element and ``arg``) in the page."""
        return self.page.evaluate(  # type: ignore[attr-defined]
            f"([arg, id]) => ({script})(document.getElementById(id), arg)",
            [arg, self.root_id])

    @property
    def root_id(self) -> str:
        return self.page.evaluate(  # type: ignore[attr-defined]
            "() => document.querySelector('.orggraph-map').id")


@pytest.fixture
def open_map(playwright_chromium):
    """Open an HTML map file at 1600 × 1000 (16:10) and wait until it is ready."""
    pages = []

    def _open(path: Path, size: tuple[int, int] = (1600, 1000)) -> MapPage:
        page = playwright_chromium.new_page(viewport={"width": size[0], "height": size[1]})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(".orggraph-map[data-state=ready]", timeout=120_000)
        pages.append(page)
        return MapPage(page, errors)

    yield _open
    for page in pages:
        page.close()
