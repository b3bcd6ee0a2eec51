"""Write the map pictures of the README and docs/maps.md from the current code.

Each picture is made from an example city (or a synthetic one) with headless Chromium driven by
Playwright, at a 16:10 window, and its caption is kept here beside it: ``tests/test_maps_docs.py``
checks that the docs show every picture with exactly this caption.

Run from the project folder (needs Chromium, e.g. ``apt-get install chromium``, and
``pip install -e '.[test]'`` for Playwright)::

    python scripts/screenshot_map.py                       # every picture into docs/img/
    python scripts/screenshot_map.py --only map-gent.png
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"


@dataclass(frozen=True)
class Picture:
    """One picture: which map, what to do on it before the shot, and its caption."""

    file: str
    city: str
    caption: str
    options: dict = field(default_factory=dict)
    script: str = ""  # JavaScript run on the map root (``root``) before the shot
    static: bool = False  # a picture written by ``orggraph map --out FILE.png``


PICTURES = (
    Picture("map-gent.png", "gent",
            "Gent as an org chart: one box per cluster, the college on top, other top-level "
            "units (cabinet, cell, agencies, OCMW) in their own band"),
    Picture("map-gent-alderman.png", "gent",
            "Gent coloured by owning college member: shared services show a slice per owner",
            {"color_by": "alderman"}),
    Picture("map-gent-programme.png", "gent",
            "Gent opened with --programme city-deal-e-inclusion: the programme, its units and "
            "partners in focus, the rest dimmed",
            {"programme": "city-deal-e-inclusion"}),
    Picture("map-synthetic-2000.png", "synthetic-2000",
            "A 2,000-unit synthetic city opens collapsed: one node per cluster, sized by its "
            "units; a click opens a cluster"),
    Picture("map-aalst-static.png", "aalst",
            "orggraph map examples/aalst.yaml --out aalst.png --color-by alderman: the same "
            "layout as a picture for slides", {"color_by": "alderman"}, static=True),
)


def _city(name: str):
    from orggraph.examples import load_example
    from orggraph.synth import synthetic_city

    if name.startswith("synthetic-"):
        return synthetic_city(int(name.split("-")[1]), seed=1)
    return load_example(name)


def shoot(picture: Picture, out: Path, browser) -> Path:
    """Write one picture to ``out``."""
    from orggraph.maps import write_map
    from orggraph.maps.static import write_static_map

    city = _city(picture.city)
    if picture.static:
        return write_static_map(city, out, **picture.options)
    with tempfile.TemporaryDirectory() as folder:
        page_file = write_map(city, Path(folder) / "map.html", metrics=None
                              if picture.city != "synthetic-2000" else {}, **picture.options)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(page_file.as_uri())
        page.wait_for_selector(".orggraph-map[data-state=ready]", timeout=120_000)
        if picture.script:
            page.evaluate(f"() => {{ const root = document.querySelector('.orggraph-map'); "
                          f"{picture.script} }}")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="the file name of one picture")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("headless Chromium is needed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for picture in PICTURES:
            if args.only and picture.file != args.only:
                continue
            print(shoot(picture, IMG / picture.file, browser))
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
