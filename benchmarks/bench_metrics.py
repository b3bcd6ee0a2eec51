"""Time ``orggraph metrics`` end to end against a plain-networkx script, and ``metrics()`` by size.

Run from the project folder::

    python benchmarks/bench_metrics.py              # end to end at 2k; scaling at 1k, 10k
    python benchmarks/bench_metrics.py --full       # scaling at 100k units too (minutes)
    python benchmarks/bench_metrics.py --runs 7

Two measurements, each printed with min and median over ``--runs`` runs:

1. **End to end, 2,000 units.** ``orggraph metrics CITY.json --format json`` in a fresh process
   (start-up, loading, validation, every metric, the exact boundary spanners, the JSON) against
   the baseline: a plain script that reads the same file with ``json``, builds the same graph of
   units, PART_OF links and programme co-membership pairs in networkx, and prints the five units
   of highest ``networkx.betweenness_centrality``: the one metric that dominates the cost, and
   nothing else. The two run in turn, pair by pair, so that both see the same machine. The
   package's bytecode is compiled first, as an installed copy has it (``timing.compile_package``).
2. **Scaling of ``metrics()``**, in this process (the compiled betweenness kernel loaded first):
   with the exact boundary spanners, and without them (every other metric), at 1k, 10k (and
   100k with ``--full``) units, with the time per unit so that growth beyond linear shows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import best_time, compile_package

from orggraph.queries import metrics
from orggraph.synth import synthetic_city

#: The baseline of measurement 1: what a plain networkx script does to find boundary spanners.
REFERENCE = """
import itertools, json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.Graph()
g.add_nodes_from(u["id"] for u in data["units"])
g.add_edges_from((u["id"], u["parent"]) for u in data["units"] if u.get("parent"))
for p in data.get("programmes", []):
    g.add_edges_from(itertools.combinations([p["lead"], *p.get("contributors", [])], 2))
scores = nx.betweenness_centrality(g)
json.dump(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5], sys.stdout)
"""


def _write(n: int, folder: Path) -> Path:
    path = folder / f"synth-{n}.json"
    city = synthetic_city(n, seed=0)
    path.write_text(json.dumps(city.model_dump(mode="json", exclude_none=True)),
                    encoding="utf-8")
    return path


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _spread(values: list[float]) -> str:
    return f"min {min(values):.3f} s, median {statistics.median(values):.3f} s"


def end_to_end(path: Path, runs: int) -> None:
    """Measurement 1: the command against the plain-networkx script, in turn."""
    ours = [sys.executable, "-m", "orggraph.cli", "metrics", str(path), "--format", "json"]
    reference = [sys.executable, "-c", REFERENCE, str(path)]
    compile_package()  # the libraries the reference imports have their bytecode too
    _wall(ours)  # a first run fills the file cache and the kernel caches
    pairs = [(_wall(ours), _wall(reference)) for _ in range(runs)]
    a = [p[0] for p in pairs]
    b = [p[1] for p in pairs]
    ratios = [r / o for o, r in pairs]
    print(f"end to end, {path.stem}, {runs} runs each, in turn:")
    print(f"  orggraph metrics --format json  {_spread(a)}")
    print(f"  plain networkx script (baseline) {_spread(b)}")
    print(f"  orggraph is faster by: min {min(ratios):.1f}x, median "
          f"{statistics.median(ratios):.1f}x (goal >= 20x)")


def _times(run, runs: int) -> list[float]:
    return [best_time(run) for _ in range(runs)]


def scaling(sizes: list[int], runs: int) -> None:
    """Measurement 2: ``metrics()`` with and without spanners, per size."""
    metrics(synthetic_city(3_000, seed=1))  # loads the compiled kernel (used at every size then)
    print(f"\nmetrics() in one process, {runs} runs a size:")
    print(f"{'units':>8}  {'with exact spanners':>36}  {'other metrics only':>36}  per unit")
    for n in sizes:
        city = synthetic_city(n, seed=0)
        full = _times(lambda c=city: metrics(c), runs)
        rest = _times(lambda c=city: metrics(c, spanners=False), runs)
        print(f"{n:>8}  {_spread(full):>36}  {_spread(rest):>36}  "
              f"{statistics.median(rest) / n * 1e6:.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="scale up to 100k units")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--skip-end-to-end", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if not args.skip_end_to_end:
            end_to_end(_write(2_000, Path(folder)), args.runs)
    scaling([1_000, 10_000] + ([100_000] if args.full else []), args.runs)


if __name__ == "__main__":
    main()
