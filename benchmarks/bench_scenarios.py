"""Compare 100 generated scenarios with a 2k-unit synthetic city, as ``scenario compare`` does.

Run from the project folder::

    python benchmarks/bench_scenarios.py              # 100 scenarios, 2k units, 5 runs
    python benchmarks/bench_scenarios.py -n 20 --units 10000 --runs 3
    python benchmarks/bench_scenarios.py --cli        # also the command end to end

Each scenario holds five random changes of the kinds redesign teams use most (move a service to
another cluster, give a top-level domain to one college member, reassign one portfolio item,
steer a unit, rename a cluster). Measured, in one process, for the two kinds of output of
``orggraph scenario compare``:

- **table**: every scenario applied, measured and compared (differences and disruption
  included) and the tables rendered as the terminal shows them; no boundary spanners, which
  only the JSON holds. Goal: under 5 s for 100 scenarios on 2k units.
- **json**: the same with the boundary spanners (betweenness centrality) of every scenario,
  and the JSON written. Goal: under 10 s.

The baseline, measured in the same run, is one full metrics run on the base city (boundary
spanners included, exact); each figure is given as a ratio to it, with min and median CPU time
(``time.process_time``: the machine is shared, wall time counts other people's work) over
``--runs`` runs, and the wall time for reference. The evaluation from scratch of the same
scenarios (``apply``, ``metrics`` and ``diff`` for each, what ``compare`` did before it reused the
base's computed state) is measured on ``--scratch`` of them, as the time per scenario.

Memory: the peak of traced allocations (``tracemalloc``) during the table comparison and its
rendering, for 25, 50 and 100 scenarios: it should not grow with the number of scenarios beyond
the results themselves (a few hundred kB of metrics, differences and text per scenario).

``--cli`` also runs ``python -m orggraph.cli scenario compare`` on the scenarios written to
files, once per format, end to end (start-up, loading the base file and the scenario files, and
checking each scenario before comparing included), with its CPU and wall time.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from orggraph.commands.common import LiteralConsole
from orggraph.core import Core
from orggraph.literal import strict_json
from orggraph.loaders.gcpause import gc_paused
from orggraph.queries import metrics
from orggraph.scenarios import Comparison, Scenario, apply, compare, diff
from orggraph.scenarios.output import comparison_table, diff_tables
from orggraph.schemas import City
from orggraph.synth import synthetic_city

GOALS = {"table": 5.0, "json": 10.0}


def generated_scenarios(city: City, count: int, seed: int = 0) -> list[Scenario]:
    """Return ``count`` scenarios of five random, valid changes each."""
    rng = random.Random(seed)
    core = Core(city)
    clusters = sorted(set(core.cluster.values()))
    services = core.services
    members = list(city.college)
    tops = sorted({d.id for d in city.domains if d.parent is None})
    items = [(p.id, i.title) for p in members for i in p.portfolio]
    scenarios = []
    for n in range(count):
        changes = []
        for kind in rng.choices(["move", "give", "reassign", "steer", "rename"], k=5):
            if kind == "move":
                changes.append({"move": {"unit": rng.choice(services),
                                         "to": rng.choice(clusters)}})
            elif kind == "give":
                changes.append({"give": {"domain": rng.choice(tops),
                                         "to": rng.choice(members).id}})
            elif kind == "reassign" and not any("give" in c for c in changes):
                holder, title = rng.choice(items)
                changes.append({"reassign": {"title": title, "from": holder,
                                             "to": rng.choice(members).id}})
            elif kind == "steer":
                changes.append({"steer": {"unit": rng.choice(services),
                                          "to": rng.choice(members).id}})
            else:
                changes.append({"rename": {"id": rng.choice(clusters), "name": f"Cluster {n}"}})
        scenarios.append(Scenario(name=f"scenario {n + 1}", changes=changes))
    return scenarios


def table_output(city: City, scenarios: list[Scenario]) -> str:
    """Compare and render the tables, as ``scenario compare`` does for the terminal."""
    comparison = compare(city, scenarios, spanners=False, cities=False, tables=False)
    tables = [comparison_table(comparison)]
    for result in comparison.scenarios:
        tables += diff_tables(result.diff, title=f"What '{result.name}' changes")
    console = LiteralConsole(width=60 + 22 * len(scenarios), file=io.StringIO(),
                             color_system=None)
    for table in tables:
        console.print(table)
    return console.file.getvalue()


def json_output(city: City, scenarios: list[Scenario]) -> str:
    """Compare with boundary spanners and write the JSON, as ``--format json`` does."""
    comparison: Comparison = compare(city, scenarios, spanners=True, cities=False)
    return strict_json(comparison.to_json_dict(), indent=2, ensure_ascii=False)


def from_scratch(city: City, scenarios: list[Scenario]) -> list[tuple]:
    """Apply, measure and diff every scenario from scratch (no spanners, as the table), the
    collector paused as ``compare`` pauses it."""
    with gc_paused():
        base = metrics(city, spanners=False)
        results = []
        for scenario in scenarios:
            after = apply(city, scenario)
            results.append((metrics(after, spanners=False), diff(city, after), base))
        return results


def timings(run: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Return the CPU and wall times of ``runs`` calls of ``run``."""
    cpu, wall = [], []
    for _ in range(runs):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        run()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return cpu, wall


def traced_memory(run: Callable[[], object]) -> tuple[float, float]:
    """Return the peak of traced allocations during ``run()`` and what its result holds when
    it returns, in MiB."""
    tracemalloc.start()
    try:
        result = run()
        held, peak = tracemalloc.get_traced_memory()
        del result
        return peak / 2**20, held / 2**20
    finally:
        tracemalloc.stop()


def cli_times(city: City, scenarios: list[Scenario]) -> dict[str, tuple[float, float]]:
    """Return the CPU and wall times of ``scenario compare`` end to end, per format."""
    from orggraph.literal import strict_json as dump

    folder = Path(tempfile.mkdtemp(prefix="bench-scenarios-"))
    base = folder / "base.json"
    base.write_text(dump({"format": "orggraph/1", **city.model_dump(
        mode="json", exclude_none=True, exclude={"taxonomy"})}), encoding="utf-8")
    paths = []
    for i, scenario in enumerate(scenarios):
        path = folder / f"s{i:03}.json"
        path.write_text(dump({"format": "orggraph-scenario/1", **scenario.model_dump(
            mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)}),
            encoding="utf-8")
        paths.append(str(path))
    found = {}
    for fmt in ("table", "json"):
        before, start = _children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-m", "orggraph.cli", "scenario", "compare", str(base),
                        *paths, "--format", fmt, "--out", str(folder / f"out.{fmt}")],
                       check=True, capture_output=True)
        found[fmt] = (_children_cpu() - before, time.perf_counter() - start)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def goal(name: str, median: float, args: argparse.Namespace) -> str:
    """Return how the median compares with the goal, for the size the goal is set for."""
    if (args.n, args.units) != (100, 2_000):
        return ""
    met = "met" if median < GOALS[name] else "NOT met"
    return f"; goal under {GOALS[name]:.0f} s: {met} by the median"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="number of scenarios")
    parser.add_argument("--units", type=int, default=2_000, help="units in the synthetic city")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (>= 5)")
    parser.add_argument("--scratch", type=int, default=20,
                        help="scenarios evaluated from scratch, for the time per scenario")
    parser.add_argument("--cli", action="store_true", help="also time the command end to end")
    args = parser.parse_args()
    city = synthetic_city(args.units, seed=0)
    scenarios = generated_scenarios(city, args.n)
    print(f"city: {len(city.units)} units, {len(city.college)} college members, "
          f"{len(city.programmes)} programmes; {args.n} scenarios of five changes; "
          f"{args.runs} runs, CPU seconds (min / median), wall median in brackets")

    metrics(city)  # warm up: imports, and the compiled betweenness kernel's cache
    json_output(city, scenarios[:2])
    base_cpu, base_wall = timings(lambda: metrics(city), args.runs)
    baseline = min(base_cpu)
    print(f"baseline, one full metrics run:   {baseline:.3f} / {statistics.median(base_cpu):.3f}"
          f" s  [{statistics.median(base_wall):.3f} s]")
    for name, run in (("table", table_output), ("json", json_output)):
        cpu, wall = timings(lambda run=run: run(city, scenarios), args.runs)
        best, median = min(cpu), statistics.median(cpu)
        print(f"{name:5} {args.n} scenarios:            {best:.2f} / {median:.2f} s  "
              f"[{statistics.median(wall):.2f} s]  = {best / baseline:.1f}× / "
              f"{median / baseline:.1f}× the baseline" + goal(name, median, args))
    few = scenarios[:args.scratch]
    scratch = min(timings(lambda: from_scratch(city, few), args.runs)[0])
    incremental = min(timings(lambda: compare(city, few, spanners=False, cities=False),
                              args.runs)[0])
    print(f"{len(few)} scenarios compared without rendering (base included), min CPU: "
          f"{incremental:.2f} s from the base's state against {scratch:.2f} s from scratch "
          f"({scratch / incremental:.1f}× faster)")
    for name, run in (("table", table_output), ("json", json_output),
                      ("kept", lambda c, s: compare(c, s, spanners=True, cities=False))):
        found = {n: traced_memory(lambda n=n, run=run: run(city, scenarios[:n]))
                 for n in (25, 50, 100) if n <= args.n}
        if name == "kept":
            print("held by the comparison's results (JSON's, spanners included): " + ", ".join(
                f"{n} scenarios {held:.1f} MiB" for n, (_, held) in found.items()))
        else:
            print(f"peak traced memory, {name} output: " + ", ".join(
                f"{n} scenarios {peak:.0f} MiB" for n, (peak, _) in found.items()))
    if args.cli:
        found = cli_times(city, scenarios)
        print("command end to end, one run, CPU [wall]: " + ", ".join(
            f"{fmt} {cpu:.2f} s [{wall:.2f} s] (goal {GOALS[fmt]:.0f} s)"
            for fmt, (cpu, wall) in found.items()))


if __name__ == "__main__":
    main()
