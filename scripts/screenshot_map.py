"""Write the README's map screenshots from the example cities, with headless Chromium.

Run from the project folder (needs Chromium: on Debian ``apt-get install chromium``)::

    python scripts/screenshot_map.py                 # docs/img/map-gent.png and friends
    python scripts/screenshot_map.py --city aalst --color-by alderman --out /tmp/aalst.png
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: (city, colouring, programme, layout, file) of each picture in the docs.
PICTURES = (
    ("gent", "cluster", None, "force", "map-gent.png"),
    ("gent", "alderman", None, "force", "map-gent-alderman.png"),
    ("antwerpen", "cluster", None, "force", "map-antwerpen.png"),
)
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--hide-scrollbars",
          "--host-resolver-rules=MAP * ~NOTFOUND")


def screenshot(city: str, color_by: str, programme: str | None, layout: str, out: Path,
               size: tuple[int, int] = (1600, 1000)) -> Path:
    """Render one example city's map and save a screenshot of it as ``out``."""
    from orggraph.examples import load_example
    from orggraph.maps import write_map

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("headless Chromium is needed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = write_map(load_example(city), Path(folder) / "map.html", color_by=color_by,
                         programme=programme, layout=layout)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([chromium, *_FLAGS, f"--user-data-dir={folder}/profile",
                        f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=30000",
                        f"--screenshot={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=300)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--city")
    parser.add_argument("--color-by", default="cluster")
    parser.add_argument("--programme")
    parser.add_argument("--layout", default="force")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.city:
        out = args.out or ROOT / "docs" / "img" / f"map-{args.city}-{args.color_by}.png"
        print(screenshot(args.city, args.color_by, args.programme, args.layout, out))
        return
    for city, color_by, programme, layout, name in PICTURES:
        print(screenshot(city, color_by, programme, layout, ROOT / "docs" / "img" / name))


if __name__ == "__main__":
    sys.exit(main())
