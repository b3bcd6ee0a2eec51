"""Time ``scenario propose`` on every example city and on a 2,000-unit synthetic city.

Run from the project folder::

    python benchmarks/bench_propose.py                    # examples at 10 s, 2k units at 50 s
    python benchmarks/bench_propose.py --units 5000 --limit 60

For each city: the wall time of the whole search (Pareto set of upheaval 1 to 6, default
constraints), each proposal's exact coherence index, whether it is proven optimal for its
upheaval or the gap left, and — the baseline, measured in the same run — the greedy local search
alone (the solver's seed, no CP-SAT), with its time and coherence per upheaval. The goals: every
example city within the default 10 s, the 2,000-unit city within 60 s (a 50 s search, then
the exact metrics and the report).
"""

from __future__ import annotations

import argparse
import time

from orggraph import metrics
from orggraph.examples import load_example
from orggraph.propose import Constraints, propose
from orggraph.propose.evaluate import State, score
from orggraph.propose.instance import instance_of
from orggraph.propose.local import improve
from orggraph.propose.rules import rules_of
from orggraph.schemas import City
from orggraph.synth import synthetic_city

EXAMPLES = ("tiny", "roeselare", "leuven", "aalst", "antwerpen", "gent")


def greedy(city: City, max_upheaval: int = 6) -> tuple[float, list[float]]:
    """Return the greedy search's seconds and its coherence per budget (as the model scores)."""
    start = time.perf_counter()
    c = Constraints()
    inst = instance_of(city)
    rules = rules_of(inst, c)
    state, values = State.base(inst), []
    for budget in range(1, max_upheaval + 1):
        state = improve(inst, rules, c.weights, state, budget)
        values.append(score(inst, c.weights, state))
    seconds = time.perf_counter() - start
    base = score(inst, c.weights, State.base(inst))
    coherence = metrics(city, spanners=False).metrics["coherence_index"]
    return seconds, [coherence * v / base for v in values]


def run(name: str, city: City, limit: float) -> None:
    start = time.perf_counter()
    result = propose(city, time_limit=limit)
    seconds = time.perf_counter() - start
    g_seconds, g_values = greedy(city)
    base = result.comparison.base.metrics["coherence_index"]
    print(f"\n{name}: {len(city.units)} units, search {result.search.seconds:.1f} s, total "
          f"{seconds:.1f} s (limit {limit:g} s); greedy alone {g_seconds:.2f} s "
          f"(ratio {seconds / g_seconds:.0f}x); base coherence {base:.2f}")
    for p in result.proposals:
        u = p.upheaval
        status = ("optimal" if p.proposal.optimal else "gap unknown"
                  if p.proposal.bound == float("inf") else f"gap {p.proposal.gap:.2f}")
        print(f"  upheaval {u}: coherence {p.result.value('coherence_index'):.2f} ({status}); "
              f"greedy at the same budget {g_values[u - 1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--limit", type=float, default=50.0,
                        help="time limit of the synthetic city's search")
    parser.add_argument("--skip-examples", action="store_true")
    args = parser.parse_args()
    if not args.skip_examples:
        for name in EXAMPLES:
            run(name, load_example(name), 10.0)
    run(f"synthetic-{args.units}", synthetic_city(args.units, seed=0), args.limit)


if __name__ == "__main__":
    main()
