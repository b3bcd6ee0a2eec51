"""Benchmark: render time, file size and time to an open, settled map in Chromium, by size.

For each size a synthetic city (:func:`orggraph.synth.synthetic_city`) is mapped, and measured:

- ``render``: :func:`orggraph.maps.render_map` (metrics off), best of a few runs, as a ratio to
  the baseline ``json.dumps`` of the city's own data (``City.model_dump``) in the same process;
- ``size``: the HTML file in MB, and its bytes per node beyond the page library (vis-network,
  script and styles, the same for every map);
- ``open``: real time from starting headless Chromium until the page is ready (laid out and
  drawn: a copy of the page calls a local HTTP listener of this script at that moment), and its
  ratio to the same for the tiny example in the same run (mostly the browser's start-up).

The default is the org chart (``--layout hierarchy``), collapsed above
:data:`orggraph.maps.COLLAPSE_ABOVE` units; ``--layout force`` measures the force layout.

Run::

    python benchmarks/bench_map.py                      # 2,000 and 20,000 units
    python benchmarks/bench_map.py --sizes 2000 --layout force
    python benchmarks/bench_map.py --sizes 2000 --no-browser
"""

from __future__ import annotations

import argparse
import http.server
import json
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from timing import best_time

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1400,900")


class _Beacon(http.server.BaseHTTPRequestHandler):
    arrived: queue.Queue = queue.Queue()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.arrived.put(time.perf_counter())
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def _beacon_copy(text: str, port: int) -> str:
    """Return the page with a call home when the map is ready (benchmark copies only)."""
    call = (f'new Image().src = "http://127.0.0.1:{port}/ready";')
    return text.replace('root.setAttribute("data-state", "ready");',
                        'root.setAttribute("data-state", "ready");' + call, 1)


def _browser_seconds(chromium: str, page: Path, server) -> tuple[float, bool]:
    """Return real seconds from starting Chromium until the page reported it settled."""
    # Chromium's helpers may still be writing to the profile as it shuts down.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        start = time.perf_counter()
        proc = subprocess.Popen([chromium, *_FLAGS, f"--user-data-dir={profile}",
                                 "--remote-debugging-port=0", page.as_uri()],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            arrived = _Beacon.arrived.get(timeout=600)
            return arrived - start, True
        except queue.Empty:
            return time.perf_counter() - start, False
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _with_physics(text: str) -> str:
    return re.sub(r'"freeze": true', '"freeze": false', text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--layout", default="hierarchy", choices=["hierarchy", "force"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    from orggraph.examples import load_example
    from orggraph.maps import COLLAPSE_ABOVE, render_map
    from orggraph.maps.html import vis_library_html
    from orggraph.synth import synthetic_city

    chromium = None if args.no_browser else (shutil.which("chromium")
                                              or shutil.which("chromium-browser"))
    library = len(vis_library_html().encode())
    folder = Path(tempfile.mkdtemp(prefix="bench-map-"))
    baseline_browser = None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    if chromium:
        tiny = folder / "tiny.html"
        tiny.write_text(_beacon_copy(render_map(load_example("tiny"), metrics={},
                                                layout=args.layout), port), encoding="utf-8")
        baseline_browser = min(_browser_seconds(chromium, tiny, server)[0] for _ in range(2))
        print(f"browser baseline (tiny example, start-up included): {baseline_browser:.2f} s")
    print(f"layout {args.layout}; opens collapsed above {COLLAPSE_ABOVE} units; page library "
          f"(vis-network, script, styles): {library / 1e6:.2f} MB\n")
    print(f"{'units':>6} {'nodes':>6} {'render s':>9} {'× dumps':>8} {'MB':>6} "
          f"{'KB/node':>8} {'open s':>7} {'× tiny':>7}")
    for n in args.sizes:
        city = synthetic_city(n, seed=1)
        baseline = best_time(lambda c=city: json.dumps(c.model_dump(mode="json")), args.repeat)
        render = best_time(lambda c=city: render_map(c, metrics={}, layout=args.layout),
                           args.repeat)
        text = render_map(city, metrics={}, layout=args.layout)
        nodes = int(re.search(r'"n_nodes": (\d+)', text).group(1))
        size = len(text.encode())
        row = (f"{n:>6} {nodes:>6} {render:>9.2f} {render / baseline:>8.1f} {size / 1e6:>6.2f} "
               f"{(size - library) / nodes / 1e3:>8.2f}")
        if chromium and baseline_browser:
            page = folder / f"map-{n}.html"
            page.write_text(_beacon_copy(text, port), encoding="utf-8")
            # Best of two, as for the baseline: the machine may be busy with other work.
            runs = [_browser_seconds(chromium, page, server) for _ in range(2)]
            seconds, ok = min(r[0] for r in runs), all(r[1] for r in runs)
            row += f" {seconds:>7.1f} {seconds / baseline_browser:>7.1f}"
            if not ok:
                row += "  (did not open)"
        print(row, flush=True)
    server.shutdown()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
