"""Benchmark: library queries on the running local engine against ``cypher --data``.

In one run, with a local engine started in a temporary ORGGRAPH_HOME and three example cities
pushed to it once, this measures:

- ``engine``: the whole command ``orggraph cypher --name KEY --param city=ID --format json`` on the
  running engine, for 20 (query, city) pairs over three cities, median seconds;
- ``--data`` (the baseline): the same 20 queries as ``orggraph cypher --data CITY.yaml --name KEY
  --format json``, which starts a private engine and loads the city every time, median seconds;
- ``shell``: the same 20 queries as ``:run KEY`` inside one warm shell session (a first run of each
  query warms it), median seconds.

Goals: engine / --data ≤ 1/4; --data / shell ≥ 20.

Run::

    python benchmarks/bench_engine.py
    python benchmarks/bench_engine.py --queries 10
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time

from rich.console import Console

from orggraph.commands.shell import ShellSession
from orggraph.engines import push
from orggraph.engines.service import engine_home, local_engine, start, stop
from orggraph.examples import example_path, load_example

CITIES = ("gent", "antwerpen", "leuven")
QUERIES = ("n_units", "domains_split", "services_without_alderman", "cluster_overview",
           "programme_overview", "boundary_units", "alderman_portfolios")


def _pairs(count: int) -> list[tuple[str, str]]:
    return list(itertools.islice(itertools.cycle(itertools.product(QUERIES, CITIES)), count))


def _command_seconds(args: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orggraph", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=20, help="(query, city) pairs to time")
    options = parser.parse_args()
    pairs = _pairs(options.queries)
    with tempfile.TemporaryDirectory(prefix="og-bench-") as root:
        env = {**os.environ, "ORGGRAPH_HOME": root, "ORGGRAPH_URI": "", "NEO4J_URI": ""}
        home = engine_home(env)
        start(home)
        try:
            engine = local_engine(home)
            for city in CITIES:
                push(engine, load_example(city))
            on_engine = [_command_seconds(["cypher", "--name", q, "--param", f"city={c}",
                                           "--format", "json"], env) for q, c in pairs]
            with_data = [_command_seconds(["cypher", "--data", str(example_path(c)), "--name",
                                           q, "--format", "json"], env) for q, c in pairs]
            session = ShellSession(engine, console=Console(file=io.StringIO()))
            in_shell = []
            for q, c in pairs:
                session.feed(f":param city={c}")
                session.feed(f":run {q}")  # warm: the query plan is cached by the server
                begin = time.perf_counter()
                session.feed(f":run {q}")
                in_shell.append(time.perf_counter() - begin)
            engine.close()
        finally:
            stop(home)
    engine_s, data_s, shell_s = (statistics.median(t) for t in (on_engine, with_data, in_shell))
    print(f"{len(pairs)} queries over {len(CITIES)} cities, medians:")
    print(f"  cypher --data (baseline)   {data_s:8.3f} s")
    print(f"  cypher on the engine       {engine_s:8.3f} s   ratio {engine_s / data_s:.3f} "
          "(goal <= 0.25)")
    print(f"  :run in a warm shell       {shell_s * 1000:8.1f} ms  --data is "
          f"{data_s / shell_s:,.0f}x slower (goal >= 20x)")


if __name__ == "__main__":
    main()
