"""Benchmark: validating a large city written as YAML against the same city written as JSON.

One synthetic city is written twice, as YAML and as JSON. In a fresh process per file, the best of
a few runs is timed (CPU seconds) for parsing alone and for ``orggraph.load`` (read + validate),
and peak memory is measured with ``tracemalloc`` in a separate run. Ratios are to ``json.loads``
of the JSON file, measured in the same run.

Run::

    python benchmarks/bench_yaml.py                  # about 20 MB of YAML
    python benchmarks/bench_yaml.py --units 20000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from timing import best_time


def measure(path: Path, repeat: int) -> dict[str, Any]:
    """Time parsing and loading of one file (run in a fresh process)."""
    from ruamel.yaml import YAML

    import orggraph

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        def parse() -> Any:
            return json.loads(text)
    else:
        def parse() -> Any:
            return YAML(typ="safe").load(text)
    results: dict[str, Any] = {"bytes": path.stat().st_size}
    for name, run in (("parse", parse), ("load", lambda: orggraph.load(path))):
        results[name] = best_time(run, repeat, clock=time.process_time)
        tracemalloc.start()
        run()
        results[f"{name}_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    """Write the city in both formats and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the best counts")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child process: one file
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    from orggraph.loaders.dump import write_city
    from orggraph.synth import synthetic_city

    city = synthetic_city(args.units, 0)
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".json", ".yaml"):
            path = write_city(city, Path(folder) / f"synth{suffix}")
            child = subprocess.run([sys.executable, __file__, "--one", str(path), "--repeat",
                                    str(args.repeat)], capture_output=True, text=True, check=True)
            rows[suffix] = json.loads(child.stdout)
    base = rows[".json"]["parse"]
    print(f"{args.units:,} units; ratios to json.loads of the JSON file ({base:.3f} s CPU)")
    print(f"  {'file':<6} {'MB':>6} {'stage':<6} {'cpu s':>8} {'× json':>7} {'peak MB':>8}")
    for suffix, r in rows.items():
        for stage in ("parse", "load"):
            print(f"  {suffix:<6} {r['bytes'] / 1e6:6.1f} {stage:<6} {r[stage]:8.2f} "
                  f"{r[stage] / base:7.1f} {r[stage + '_peak'] / 1e6:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
