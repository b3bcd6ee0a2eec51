"""Score an assignment the way the model does, and check the rules, in plain Python.

The local search that seeds the solver uses these; the scores are the model's integers (the same
floors), so a seed and a solver solution compare exactly.

>>> from orggraph.examples import load_example
>>> from orggraph.propose.instance import instance_of
>>> from orggraph.propose.constraints import Weights
>>> inst = instance_of(load_example("tiny"))
>>> state = State.base(inst)
>>> score(inst, Weights(), state) > 0
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from orggraph.propose.constraints import Weights
from orggraph.propose.instance import Instance
from orggraph.propose.model import SCALE, score_of_weights
from orggraph.propose.rules import Rules

__all__ = ["State", "feasible", "owners", "score", "tops_held"]


@dataclass
class State:
    """An assignment: the holder of every item and the cluster of every movable class."""

    holder: list[str]
    cluster: dict[int, str]

    @classmethod
    def base(cls, inst: Instance) -> State:
        """Return the base city's assignment."""
        return cls([i.holder for i in inst.items],
                   {c: k.cluster for c, k in enumerate(inst.classes) if k.unit is not None
                    and k.cluster in inst.targets})

    def copy(self) -> State:
        """Return an independent copy."""
        return State(list(self.holder), dict(self.cluster))

    def upheaval(self, inst: Instance) -> int:
        """Items reassigned plus units moved."""
        return (sum(1 for h, i in zip(self.holder, inst.items, strict=True) if h != i.holder)
                + sum(1 for c, t in self.cluster.items() if t != inst.classes[c].cluster))


def owners(inst: Instance, state: State) -> list[set[str]]:
    """Return owners(s) of docs/design.md for each service class under ``state``."""
    held: dict[str, set[str]] = defaultdict(set)
    for h, item in zip(state.holder, inst.items, strict=True):
        held[item.domain].add(h)
    return [set(cls.steered_by).union(*(held.get(d, set()) for d in cls.cover))
            for cls in inst.classes]


def tops_held(inst: Instance, state: State) -> dict[str, set[str]]:
    """Return top-level domain → the members holding an item under it."""
    tops: dict[str, set[str]] = defaultdict(set)
    for h, item in zip(state.holder, inst.items, strict=True):
        tops[item.root].add(h)
    return tops


def score(inst: Instance, weights: Weights, state: State) -> int:
    """Return the model's score of ``state`` (see :mod:`orggraph.propose.model`)."""
    wp, wc, wf, ws, wg = score_of_weights(weights)
    who_owns = owners(inst, state)
    cell: dict[tuple[str, str], int] = defaultdict(int)
    owned: dict[str, int] = defaultdict(int)
    for c, (cls, who) in enumerate(zip(inst.classes, who_owns, strict=True)):
        where = state.cluster.get(c, cls.cluster)
        for a in who:
            cell[(a, where)] += cls.count
            owned[a] += cls.count
    total = sum(owned.values())
    result = 0
    if total and (wp or wc):
        rows: dict[str, int] = defaultdict(int)
        cols: dict[str, int] = defaultdict(int)
        for (a, c), n in cell.items():
            rows[a] = max(rows[a], n)
            cols[c] = max(cols[c], n)
        result += SCALE * (wp * sum(rows.values()) + wc * sum(cols.values())) // total
    tops = tops_held(inst, state)
    if tops and wf:
        result += SCALE * wf * len(tops) // sum(len(h) for h in tops.values())
    if ws:
        result -= SCALE * ws * sum(1 for h in tops.values() if len(h) >= 2)
    if wg and total:
        counts = [owned.get(a, 0) for a in inst.members]
        diffs = sum(abs(x - y) for i, x in enumerate(counts) for y in counts[i + 1:])
        result -= SCALE * wg * diffs // (len(counts) * total)
    return result


def _load(inst: Instance, state: State, measure: str | None) -> dict[str, int]:
    load = dict.fromkeys(inst.members, 0)
    for cls, who in zip(inst.classes, owners(inst, state), strict=True):
        for a in who:
            load[a] += round(100 * cls.fte) if measure == "fte" else cls.count
    return load


def feasible(inst: Instance, rules: Rules, state: State) -> bool:
    """Return whether ``state`` satisfies every rule.

    >>> from orggraph.examples import load_example
    >>> from orggraph.propose.instance import instance_of
    >>> from orggraph.propose.rules import rules_of
    >>> from orggraph.propose.constraints import Constraints
    >>> inst = instance_of(load_example("tiny"))
    >>> rules = rules_of(inst, Constraints(items_per_member={"max": 1}))
    >>> feasible(inst, rules, State.base(inst))
    False
    """
    tops = tops_held(inst, state)
    for rule in rules.all():
        if rule.kind == "keep":
            if any(state.holder[k] != inst.items[k].holder for k in rule.items):
                return False
        elif rule.kind == "together":
            if len({state.holder[k] for k in rule.items}) > 1:
                return False
        elif rule.kind in ("items", "domains"):
            counts = dict.fromkeys(inst.members, 0)
            if rule.kind == "items":
                for h, item in zip(state.holder, inst.items, strict=True):
                    counts[h] += item.copies
            else:
                for holders in tops.values():
                    for a in holders:
                        counts[a] += 1
            if any((rule.low is not None and n < rule.low)
                   or (rule.high is not None and n > rule.high) for n in counts.values()):
                return False
        elif rule.kind == "no_new":
            new = {top for top, holders in tops.items()
                   if rule.member in holders}
            if new - inst.base_tops.get(rule.member, set()):
                return False
        elif rule.kind == "balance":
            load = _load(inst, state, rule.measure)
            total, n, band = sum(load.values()), len(inst.members), round(10 * rule.low)
            if any(1000 * n * v > (1000 + band) * total or 1000 * n * v < (1000 - band) * total
                   for v in load.values()):
                return False
        elif rule.kind == "moves":
            if sum(1 for c, t in state.cluster.items() if t != inst.classes[c].cluster) \
                    > rule.high:
                return False
    return True
