"""A greedy local search that seeds the solver with a good assignment for each budget.

From a starting assignment it repeatedly takes the best single step that keeps every rule and the
upheaval within the budget: give one item to another member, give every movable item of a
top-level domain to one member (the hand-written scenarios' ``give``), or move one service to
another cluster. It stops when no step improves the score. The solver starts from its result
(a hint), so a proposal is never worse than what this search finds.

>>> from orggraph.examples import load_example
>>> from orggraph.propose.instance import instance_of
>>> from orggraph.propose.constraints import Constraints
>>> from orggraph.propose.rules import rules_of
>>> inst = instance_of(load_example("tiny"))
>>> c = Constraints()
>>> start = State.base(inst)
>>> better = improve(inst, rules_of(inst, c), c.weights, start, budget=1)
>>> score(inst, c.weights, better) > score(inst, c.weights, start)
True
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator

from orggraph.propose.constraints import Weights
from orggraph.propose.evaluate import State, feasible, score
from orggraph.propose.instance import Instance
from orggraph.propose.rules import Rules

__all__ = ["improve"]


def _steps(inst: Instance, free: list[int], state: State) -> Iterator[State]:
    for k in free:
        for a in inst.members:
            if a != state.holder[k]:
                step = state.copy()
                step.holder[k] = a
                yield step
    by_top: dict[str, list[int]] = defaultdict(list)
    for k in free:
        by_top[inst.items[k].root].append(k)
    for ks in by_top.values():
        if len(ks) < 2:
            continue
        for a in inst.members:
            if any(state.holder[k] != a for k in ks):
                step = state.copy()
                for k in ks:
                    step.holder[k] = a
                yield step
    for c in state.cluster:
        for t in inst.targets:
            if t != state.cluster[c]:
                step = state.copy()
                step.cluster[c] = t
                yield step


def improve(inst: Instance, rules: Rules, weights: Weights, start: State, budget: int,
            deadline: float | None = None) -> State:
    """Return the assignment reached from ``start`` by best-improvement steps within ``budget``.

    ``deadline`` (a ``time.perf_counter()`` value) stops the search early.
    """
    kept = rules.kept()
    free = [k for k in range(len(inst.items)) if k not in kept]
    current, best = start, score(inst, weights, start)
    while deadline is None or time.perf_counter() < deadline:
        chosen, chosen_key = None, (best, 0)
        for n, step in enumerate(_steps(inst, free, current)):
            if deadline is not None and n % 64 == 63 and time.perf_counter() >= deadline:
                break  # out of time: take the best step seen so far, if any
            upheaval = step.upheaval(inst)
            if upheaval > budget:
                continue
            key = (score(inst, weights, step), -upheaval)
            if key > chosen_key and feasible(inst, rules, step):
                chosen, chosen_key = step, key
        if chosen is None or chosen_key[0] <= best:
            return current
        current, best = chosen, chosen_key[0]
    return current
