"""Apply and compare 100 generated scenarios on a 2k-unit synthetic city.

Run from the project folder::

    python benchmarks/bench_scenarios.py              # 100 scenarios, 2k units
    python benchmarks/bench_scenarios.py -n 20 --units 10000

Each scenario holds five random changes of the kinds redesign teams use most (move a service to
another cluster, give a top-level domain to one college member, reassign one portfolio item,
steer a unit, rename a cluster). The goal is under 10 s in total for 100 scenarios, applied,
measured and compared (differences and disruption included), as ``orggraph scenario compare``
does for its table, CSV and HTML outputs: every city-level metric, without the boundary spanners
(betweenness centrality), which only the JSON output holds. ``--json`` measures that output's
work instead, spanners included. The baseline is one full metrics run on the base city, measured
in the same run.
"""

from __future__ import annotations

import argparse
import random
import time

from timing import best_time

from orggraph.core import Core
from orggraph.queries import metrics
from orggraph.scenarios import Scenario, compare
from orggraph.schemas import City
from orggraph.synth import synthetic_city


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="number of scenarios")
    parser.add_argument("--units", type=int, default=2_000, help="units in the synthetic city")
    parser.add_argument("--json", action="store_true",
                        help="compute the boundary spanners too, as the JSON output does")
    args = parser.parse_args()
    city = synthetic_city(args.units, seed=0)
    scenarios = generated_scenarios(city, args.n)

    baseline = best_time(lambda: metrics(city), repeat=3)

    start = time.perf_counter()
    result = compare(city, scenarios, spanners=args.json)
    total = time.perf_counter() - start

    moved = sum(r.diff.units_moved for r in result.scenarios)
    print(f"city: {len(city.units)} units, {len(city.college)} college members, "
          f"{len(city.programmes)} programmes")
    print(f"one full metrics run (baseline):  {baseline:.3f} s")
    print(f"{args.n} scenarios applied and compared "
          f"({'with' if args.json else 'without'} boundary spanners): {total:.2f} s "
          f"({args.n / total:.1f} scenarios/s, {total / args.n / baseline:.2f}× the baseline "
          f"per scenario; goal for 100 on 2k units: under 10 s)")
    print(f"(checksum: {moved} units moved over all scenarios)")


if __name__ == "__main__":
    main()
