"""The Pareto search: the best proposal for each upheaval budget, coherence against upheaval.

For each budget b = 1 … ``max_upheaval`` the solver maximises the objective among the
assignments with at most b items reassigned plus units moved, starting from the best assignment
of the budget before (a solution hint). A proposal that does not beat a cheaper one (or the base)
is dropped. Each proposal says whether it is proven the best for its budget, or the gap left
between it and the solver's bound when the time ran out.

The time limit covers the whole search: each budget gets an equal share of what is left, so time
an easy budget does not use goes to the harder ones after it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from orggraph.errors import OrggraphError
from orggraph.propose.constraints import Weights
from orggraph.propose.evaluate import State, feasible, score
from orggraph.propose.instance import Instance
from orggraph.propose.local import improve
from orggraph.propose.model import SCALE, WEIGHT_SCALE, Built, build
from orggraph.propose.model import cp_model as load_cp_model
from orggraph.propose.rules import Rules

__all__ = ["Infeasible", "Proposal", "Search", "search", "state_of"]


class Infeasible(OrggraphError):
    """No assignment satisfies the constraints; ``conflicts`` names the ones that clash."""

    def __init__(self, conflicts: list[str], budget: int):
        self.conflicts = conflicts
        self.budget = budget
        listed = "\n".join(f"  - {c}" for c in conflicts)
        super().__init__(
            "no proposal satisfies the constraints, even with an upheaval of " f"{budget}. "
            f"These constraints cannot all hold together:\n{listed}\n"
            "Relax or drop one of them (or allow more upheaval with --max-upheaval).")


@dataclass
class Proposal:
    """The best assignment found for one upheaval budget.

    ``holders`` maps each item index whose holder changes to its new holder; ``moves`` maps each
    moved service to its new cluster. ``objective`` and ``bound`` are the solver's values in the
    objective's units (for the default weights: coherence-index points); ``optimal`` says the
    solver proved that no assignment within the budget does better.
    """

    budget: int
    holders: dict[int, str]
    moves: dict[str, str]
    objective: float
    bound: float
    optimal: bool
    seconds: float

    @property
    def upheaval(self) -> int:
        """Items reassigned plus units moved."""
        return len(self.holders) + len(self.moves)

    @property
    def gap(self) -> float:
        """How much better an assignment within the budget could at most be (0 when optimal)."""
        return 0.0 if self.optimal else max(0.0, self.bound - self.objective)


@dataclass
class Search:
    """The outcome of a search: the proposals kept, and the budgets that had none."""

    base_objective: float | None
    proposals: list[Proposal]
    empty: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0


def _units(inst: Instance, weights: Weights) -> float:
    """Return the factor from the model's score to objective units.

    For the coherence index: 100 / (the number of its non-null parts) per unit of ratio.
    """
    per_ratio = SCALE * WEIGHT_SCALE
    if weights.is_coherence:
        parts = (2 if any(c.cover or c.steered_by for c in inst.classes) else 0) + \
            (1 if inst.items else 0)
        return 100 / (per_ratio * max(parts, 1) * weights.domain_cohesion)
    return 1 / per_ratio


def _solver(seconds: float, seed: int, workers: int):
    cp_model = load_cp_model()

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.random_seed = seed
    # One worker follows one search path for a given seed, so a search that ends before the
    # time limit is repeatable. (The interleaved multi-worker search would be too, but it
    # aborted on some of our models in OR-Tools 9.15; two plain workers found nothing better on
    # the example cities.)
    solver.parameters.num_workers = workers
    return solver


def _hint(built: Built, inst: Instance, state: State) -> None:
    for k, row in built.x.items():
        for a, var in row.items():
            built.model.add_hint(var, a == state.holder[k])
    for c, row in built.z.items():
        for t, var in row.items():
            built.model.add_hint(var, t == state.cluster[c])


def state_of(inst: Instance, proposal: Proposal) -> State:
    """Return the assignment a proposal makes."""
    state = State.base(inst)
    for k, a in proposal.holders.items():
        state.holder[k] = a
    for c, cls in enumerate(inst.classes):
        if cls.unit in proposal.moves:
            state.cluster[c] = proposal.moves[cls.unit]
    return state


def _of_state(inst: Instance, state: State, budget: int, objective: float, bound: float,
              seconds: float) -> Proposal:
    holders = {k: h for k, h in enumerate(state.holder) if h != inst.items[k].holder}
    moves = {inst.classes[c].unit: t for c, t in state.cluster.items()
             if t != inst.classes[c].cluster}
    return Proposal(budget, holders, moves, objective, max(bound, objective), False, seconds)


def _read(solver, built: Built, inst: Instance, budget: int, units: float,
          seconds: float, status) -> Proposal:
    cp_model = load_cp_model()

    holders = {}
    for k, row in built.x.items():
        who = next(a for a, var in row.items() if solver.boolean_value(var))
        if who != inst.items[k].holder:
            holders[k] = who
    moves = {}
    for c, row in built.z.items():
        where = next(t for t, var in row.items() if solver.boolean_value(var))
        if where != inst.classes[c].cluster:
            moves[inst.classes[c].unit] = where
    score = solver.value(built.score)
    # The bound is on factor × score − upheaval with 0 ≤ upheaval ≤ budget, so the score is at
    # most floor((bound + budget) / factor): proven when that is the score found, even if the
    # tie-break (the least upheaval among equal scores) is not.
    bound = math.floor((solver.best_objective_bound + budget) / built.objective_factor + 1e-9)
    proven = status == cp_model.OPTIMAL or bound <= score
    return Proposal(budget, holders, moves, score * units, max(bound, score) * units, proven,
                    seconds)


def _conflicts(inst: Instance, rules: Rules, weights: Weights, budget: int, seed: int,
               seconds: float) -> list[str]:
    """Return the labels of a small set of rules that cannot hold together within ``budget``.

    CP-SAT names a sufficient set of assumptions; each one is then dropped in turn and kept out
    when the rest is still infeasible, so that the list names only rules that matter.
    """
    cp_model = load_cp_model()

    built = build(inst, rules, weights, budget, assume=True)
    names = {lit.index: rule.label for lit, rule in built.rule_literals}
    names[built.budget_literal.index] = (f"an upheaval of at most {budget} (items reassigned "
                                         "plus units moved)")
    literals = {lit.index: lit for lit, _ in built.rule_literals}
    literals[built.budget_literal.index] = built.budget_literal
    solver = _solver(seconds, seed, 1)
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return list(names.values())
    core = list(solver.sufficient_assumptions_for_infeasibility()) or list(literals)
    for index in list(core):
        rest = [i for i in core if i != index]
        built.model.clear_assumptions()
        built.model.add_assumptions([literals[i] for i in rest])
        if _solver(seconds / 4, seed, 1).solve(built.model) == cp_model.INFEASIBLE:
            core = rest
    return [names[i] for i in core]


def _pareto(proposals: list[Proposal]) -> list[Proposal]:
    """Drop the proposals that another, with no more upheaval, matches or beats.

    A budget's best can have less upheaval than its budget; when the search of a smaller budget
    ran out of time, it may beat that budget's proposal.
    """
    return [p for p in proposals
            if not any(q is not p and q.upheaval <= p.upheaval and q.objective >= p.objective
                       and (q.upheaval, -q.objective) < (p.upheaval, -p.objective)
                       for q in proposals)]


def search(inst: Instance, rules: Rules, weights: Weights, max_upheaval: int, *,
           time_limit: float = 10.0, seed: int = 0, workers: int = 1) -> Search:
    """Return the Pareto set of proposals for upheaval budgets 1 … ``max_upheaval``.

    Raises :class:`Infeasible`, naming the conflicting constraints, when no budget admits a
    proposal.

    >>> from orggraph.examples import load_example
    >>> from orggraph.propose.instance import instance_of
    >>> from orggraph.propose.rules import rules_of
    >>> from orggraph.propose.constraints import Constraints
    >>> inst = instance_of(load_example("tiny"))
    >>> found = search(inst, rules_of(inst, Constraints()), Constraints().weights, 2,
    ...                time_limit=2)
    >>> [(p.upheaval, round(p.objective, 1), p.optimal) for p in found.proposals]
    [(1, 100.0, True)]
    """
    cp_model = load_cp_model()

    start = time.perf_counter()
    units = _units(inst, weights)
    state = State.base(inst)
    best = score(inst, weights, state) * units if feasible(inst, rules, state) else None
    result, base_objective = Search(best, []), best
    for budget in range(1, max_upheaval + 1):
        left = time_limit - (time.perf_counter() - start)
        share = left / (max_upheaval - budget + 1)
        began = time.perf_counter()
        # The greedy seed may take half of the budget's share (it rarely needs much of it).
        seed_state = improve(inst, rules, weights, state, budget, began + share / 2)
        seeded = feasible(inst, rules, seed_state)
        built = build(inst, rules, weights, budget)
        _hint(built, inst, seed_state)
        solver = _solver(min(share - (time.perf_counter() - began),
                             time_limit - (time.perf_counter() - start)), seed, workers)
        status = solver.solve(built.model)
        took = time.perf_counter() - began
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if not seeded or status == cp_model.INFEASIBLE:
                result.empty[budget] = ("infeasible" if status == cp_model.INFEASIBLE
                                        else "no proposal found in the time given")
                continue
            # The solver stopped before its first solution: its bound is not worth reporting.
            proposal = _of_state(inst, seed_state, budget, score(inst, weights, seed_state)
                                 * units, float("inf"), took)
        else:
            proposal = _read(solver, built, inst, budget, units, took, status)
            seed_score = score(inst, weights, seed_state) * units
            if seeded and seed_score > proposal.objective:  # the time ran out before the hint
                proposal = _of_state(inst, seed_state, budget, seed_score, proposal.bound, took)
        if best is not None and proposal.objective <= best:
            result.empty[budget] = "no better than a smaller upheaval" + (
                " (proven)" if proposal.optimal else "")
            continue  # a cheaper proposal (or the base) already does as well
        best, state = proposal.objective, state_of(inst, proposal)
        result.proposals.append(proposal)
    result.proposals = _pareto(result.proposals)
    result.seconds = time.perf_counter() - start
    if base_objective is None and not result.proposals:
        conflicts = _conflicts(inst, rules, weights, max_upheaval, seed,
                               max(1.0, time_limit / 4))
        raise Infeasible(conflicts, max_upheaval)
    return result
