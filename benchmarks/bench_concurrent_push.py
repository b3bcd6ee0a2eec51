"""Trials: two `orggraph push` processes at once, different cities, the same FalkorDB graph.

Each trial renames both cities, starts both pushes at the same moment against a private local
FalkorDB and checks afterwards that the server still answers and that each city holds the
version its push wrote. Before pushes took turns, 2 of 3 such trials deadlocked the server and
the third silently kept one city's old version.

Run::

    python benchmarks/bench_concurrent_push.py            # 20 trials
    python benchmarks/bench_concurrent_push.py --trials 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITIES = ("tiny", "leuven")


def _renamed(folder: Path, name: str, new_name: str) -> Path:
    from orggraph.examples import example_path, load_example

    old = load_example(name).city.name
    text = example_path(name).read_text(encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(text.replace(f"name: {old}\n", f"name: {new_name}\n", 1), encoding="utf-8")
    return path


def trial(engine, port: int, folder: Path, number: int) -> tuple[bool, float, str]:
    """Run one trial; return whether it kept both cities, its time and what went wrong."""
    paths = [_renamed(folder, name, f"{name} {number}") for name in CITIES]
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "orggraph", "push", str(p), "--uri",
                                   f"redis://127.0.0.1:{port}", "--database", engine.graph],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for p in paths]
    failures = []
    for process in processes:
        try:
            _, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            failures.append("a push hung for 120 s")
            continue
        if process.returncode != 0:
            failures.append(err.strip().splitlines()[-1] if err.strip() else "push failed")
    seconds = time.perf_counter() - start
    names = {row[0]: row[1] for row in engine.run("MATCH (c:City) RETURN c.id, c.name").rows}
    expected = {name: f"{name} {number}" for name in CITIES}
    if names != expected:
        failures.append(f"cities hold {names}, expected {expected}")
    return not failures, seconds, "; ".join(failures)


def main(argv: list[str] | None = None) -> int:
    """Run the trials and print one line each and a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args(argv)
    from orggraph.engines.local import LocalFalkorDB

    kept = 0
    times = []
    with LocalFalkorDB(graph="trials") as engine, tempfile.TemporaryDirectory() as folder:
        port = int(engine.location.rsplit(":", 1)[1])
        for number in range(1, args.trials + 1):
            ok, seconds, why = trial(engine, port, Path(folder), number)
            kept += ok
            times.append(seconds)
            print(f"trial {number:2}: {'both cities kept' if ok else 'FAILED: ' + why} "
                  f"({seconds:.1f} s)")
    times.sort()
    print(f"{kept} of {args.trials} trials kept both cities; median {times[len(times) // 2]:.1f} "
          f"s a trial (two pushes that take turns)")
    return 0 if kept == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
