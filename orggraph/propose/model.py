"""The CP-SAT model of a proposal search: who holds each item, where each movable service sits.

What it models exactly (integers and booleans, no approximation):

- ``x[k, a]``: item k (a title and domain) is held by member a; each item has one holder;
- owners(s) (docs/design.md): a owns s when a steers s or holds an item whose domain equals, or is
  an ancestor of, a domain of s (an OR over the covering item domains);
- M[a][c], the services of cluster c that a owns, and its row and column maxima, hence
  Σ_a max_c M, Σ_c max_a M and Σ M; the top-level domains each member holds, their number of
  holders, ``domains_split``; the services owned per member and every |x_i − x_j| of the Gini;
- every constraint, and the upheaval (items reassigned plus units moved), exactly as a comparison
  counts them.

The one approximation is in the objective. The coherence index is a mean of ratios whose
denominators change with the assignment (Σ M, and the sum of holders over the top-level domains);
CP-SAT divides integers, so each ratio enters as ``floor(SCALE × numerator / denominator)``. Two
proposals whose true objective differs by less than 1/SCALE (10⁻⁹ of a ratio) may therefore be
ranked the wrong way round; every reported figure is recomputed by :func:`orggraph.metrics` on the
applied proposal.

The model is built by :func:`build`; ``ortools`` is imported here only, when a search runs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from orggraph.propose.constraints import Weights
from orggraph.propose.instance import Instance
from orggraph.propose.rules import Rule, Rules

__all__ = ["SCALE", "Built", "build", "cp_model", "score_of_weights"]

#: Fixed-point scale of the ratios in the objective.
SCALE = 10**9
#: Weights are given as decimals; they enter the model in hundredths.
WEIGHT_SCALE = 100


def cp_model() -> Any:
    """Return OR-Tools' ``cp_model`` module, or explain how to install it.

    >>> cp_model().CpModel is not None
    True
    """
    try:
        from ortools.sat.python import cp_model as module
    except ImportError:
        from orggraph.errors import OrggraphError

        raise OrggraphError("`scenario propose` needs OR-Tools; install it with "
                            "pip install 'ortools>=9.10,<10'.") from None
    return module


def _w(value: float) -> int:
    return round(value * WEIGHT_SCALE)


def score_of_weights(weights: Weights) -> tuple[int, int, int, int, int]:
    """Return the integer weights (PCA, CPA, domain cohesion, domains split, Gini).

    >>> score_of_weights(Weights())
    (100, 100, 100, 0, 0)
    """
    return (_w(weights.portfolio_cluster_alignment), _w(weights.cluster_portfolio_alignment),
            _w(weights.domain_cohesion), _w(weights.domains_split), _w(weights.workload_gini))


@dataclass
class Built:
    """A built model and the handles the search reads back."""

    model: Any
    x: dict[int, dict[str, Any]]
    z: dict[int, dict[str, Any]]
    score: Any
    upheaval: Any
    objective_factor: int
    rule_literals: list[tuple[Any, Rule]] = field(default_factory=list)
    budget_literal: Any = None


def _or(model: Any, literals: list[Any], name: str) -> Any:
    """Return a literal equal to OR(literals) (0 for none, 1 if a constant 1 is among them)."""
    if any(lit is True or (isinstance(lit, int) and lit == 1) for lit in literals):
        return 1
    literals = [lit for lit in literals if not isinstance(lit, int)]
    if not literals:
        return 0
    if len(literals) == 1:
        return literals[0]
    var = model.new_bool_var(name)
    model.add_max_equality(var, literals)
    return var


def _enforced(model: Any, constraint: Any, literal: Any) -> None:
    if literal is not None:
        constraint.only_enforce_if(literal)


class _Builder:
    """Builds the model step by step (one method per part, see the module docstring)."""

    def __init__(self, inst: Instance, rules: Rules, weights: Weights, budget: int):
        self.inst, self.rules, self.weights, self.budget = inst, rules, weights, budget
        self.m = cp_model().CpModel()
        self.members = inst.members
        self.n = len(inst.members)

    def assignment(self) -> None:
        m, inst = self.m, self.inst
        self.x = {k: {a: m.new_bool_var(f"x{k}_{a}") for a in self.members}
                  for k in range(len(inst.items))}
        for k in self.x:
            m.add_exactly_one(self.x[k].values())
        by_domain = defaultdict(list)
        for k, item in enumerate(inst.items):
            by_domain[item.domain].append(k)
        self.hd = {(d, a): _or(m, [self.x[k][a] for k in ks], f"hd{d}_{a}")
                   for d, ks in by_domain.items() for a in self.members}
        roots = defaultdict(set)
        for item in inst.items:
            roots[item.root].add(item.domain)
        self.holds = {(top, a): _or(m, [self.hd[(d, a)] for d in ds], f"h{top}_{a}")
                      for top, ds in roots.items() for a in self.members}
        self.tops = list(roots)

    def ownership(self) -> None:
        m, inst = self.m, self.inst
        self.o = {}
        for c, cls in enumerate(inst.classes):
            for a in self.members:
                lits = [1] if a in cls.steered_by else [self.hd[(d, a)] for d in cls.cover]
                self.o[(c, a)] = _or(m, lits, f"o{c}_{a}")
        self.z: dict[int, dict[str, Any]] = {}
        for c, cls in enumerate(inst.classes):
            if cls.unit is not None and cls.cluster in inst.targets:
                self.z[c] = {t: m.new_bool_var(f"z{c}_{t}") for t in inst.targets}
                m.add_exactly_one(self.z[c].values())
        cells: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for c, cls in enumerate(inst.classes):
            for a in self.members:
                own = self.o[(c, a)]
                if isinstance(own, int) and own == 0:
                    continue
                if c not in self.z:
                    cells[(a, cls.cluster)].append(cls.count * own)
                    continue
                for t, at in self.z[c].items():
                    both = at if isinstance(own, int) else m.new_bool_var(f"w{c}_{a}_{t}")
                    if not isinstance(own, int):
                        m.add_bool_and([own, at]).only_enforce_if(both)
                        m.add_bool_or([~own, ~at, both])
                    cells[(a, t)].append(cls.count * both)
        self.cell = {key: sum(terms) for key, terms in cells.items()}
        self.owned = {a: sum(cls.count * self.o[(c, a)] for c, cls in enumerate(inst.classes))
                      for a in self.members}

    def alignment(self) -> tuple[Any, Any, int]:
        """Return (Σ_a max_c M + ... weighted numerator, Σ M, number of owned services)."""
        m = self.m
        covered = sum(cls.count for cls in self.inst.classes if cls.cover or cls.steered_by)
        top = covered * self.n
        row_max, col_max = [], []
        clusters = {c for (_, c) in self.cell}
        for a in self.members:
            cells = [self.cell[(a, c)] for c in clusters if (a, c) in self.cell]
            if cells:
                v = m.new_int_var(0, top, f"rowmax_{a}")
                m.add_max_equality(v, cells)
                row_max.append(v)
        for c in clusters:
            cells = [self.cell[(a, c)] for a in self.members if (a, c) in self.cell]
            v = m.new_int_var(0, top, f"colmax_{c}")
            m.add_max_equality(v, cells)
            col_max.append(v)
        total = m.new_int_var(max(covered, 1), max(top, 1), "total")
        m.add(total == sum(self.owned.values()))
        self.total = total
        wp, wc, *_ = score_of_weights(self.weights)
        return wp * sum(row_max) + wc * sum(col_max), total, covered

    def objective(self) -> None:
        m, inst = self.m, self.inst
        wp, wc, wf, ws, wg = score_of_weights(self.weights)
        numerator, total, covered = self.alignment()
        parts = []
        if covered and (wp or wc):
            q = m.new_int_var(0, SCALE * (wp + wc), "q_alignment")
            m.add_division_equality(q, SCALE * numerator, total)
            parts.append(q)
        k = len(self.tops)
        self.holders = {top: sum(self.holds[(top, a)] for a in self.members) for top in self.tops}
        if k and wf:
            spread = m.new_int_var(k, k * self.n, "holders")
            m.add(spread == sum(self.holders.values()))
            q = m.new_int_var(0, SCALE * wf, "q_cohesion")
            m.add_division_equality(q, SCALE * wf * k, spread)
            parts.append(q)
        if ws:
            split = []
            for top in self.tops:
                b = m.new_bool_var(f"split_{top}")
                m.add(self.holders[top] >= 2).only_enforce_if(b)
                m.add(self.holders[top] <= 1).only_enforce_if(~b)
                split.append(b)
            parts.append(-SCALE * ws * sum(split))
        if wg and covered:
            diffs = []
            for i, a in enumerate(self.members):
                for b in self.members[i + 1:]:
                    d = m.new_int_var(0, covered, f"d_{a}_{b}")
                    m.add_abs_equality(d, self.owned[a] - self.owned[b])
                    diffs.append(d)
            q = m.new_int_var(0, SCALE * wg, "q_gini")
            m.add_division_equality(q, SCALE * wg * sum(diffs), self.n * self.total)
            parts.append(-q)
        self.score = m.new_int_var(-SCALE * 10_000, SCALE * 10_000, "score")
        m.add(self.score == sum(parts))
        moved = [1 - z[inst.classes[c].cluster] for c, z in self.z.items()]
        kept = [1 - self.x[k][item.holder] for k, item in enumerate(inst.items)]
        self.upheaval = m.new_int_var(0, len(kept) + len(moved), "upheaval")
        m.add(self.upheaval == sum(kept) + sum(moved))
        self.moved = sum(moved)
        # Lexicographic: the best score first, then the least upheaval among equal scores.
        self.factor = self.budget + 1
        m.maximize(self.factor * self.score - self.upheaval)

    def rule(self, rule: Rule, lit: Any) -> None:
        m, inst = self.m, self.inst
        if rule.kind == "keep":
            for k in rule.items:
                _enforced(m, m.add(self.x[k][inst.items[k].holder] == 1), lit)
        elif rule.kind in ("items", "domains"):
            for a in self.members:
                held = (sum(item.copies * self.x[k][a] for k, item in enumerate(inst.items))
                        if rule.kind == "items" else
                        sum(self.holds[(top, a)] for top in self.tops))
                if rule.low is not None:
                    _enforced(m, m.add(held >= int(rule.low)), lit)
                if rule.high is not None:
                    _enforced(m, m.add(held <= int(rule.high)), lit)
        elif rule.kind == "balance":
            self._balance(rule, lit)
        elif rule.kind == "no_new":
            for top in self.tops:
                if top not in inst.base_tops.get(rule.member, set()):
                    _enforced(m, m.add(self.holds[(top, rule.member)] == 0), lit)
        elif rule.kind == "together":
            one = {a: m.new_bool_var(f"g{id(rule)}_{a}") for a in self.members}
            _enforced(m, m.add(sum(one.values()) == 1), lit)
            for k in rule.items:
                for a in self.members:
                    _enforced(m, m.add(self.x[k][a] == one[a]), lit)
        elif rule.kind == "moves":
            _enforced(m, m.add(self.moved <= int(rule.high)), lit)

    def _balance(self, rule: Rule, lit: Any) -> None:
        m, inst = self.m, self.inst
        if rule.measure == "fte":
            load = {a: sum(round(100 * cls.fte) * self.o[(c, a)]
                           for c, cls in enumerate(inst.classes)) for a in self.members}
        else:
            load = self.owned
        total = sum(load.values())
        band = round(10 * rule.low)
        for a in self.members:
            # n × load_a within (1 ± band/1000) × total, in integers.
            _enforced(m, m.add(1000 * self.n * load[a] <= (1000 + band) * total), lit)
            _enforced(m, m.add(1000 * self.n * load[a] >= (1000 - band) * total), lit)


def build(inst: Instance, rules: Rules, weights: Weights, budget: int, *,
          assume: bool = False) -> Built:
    """Return the model for upheaval ≤ ``budget``.

    With ``assume``, every rule and the budget get a literal that is passed to the solver as an
    assumption, so that an infeasible search can name the rules that conflict; otherwise they
    are plain constraints.

    >>> from orggraph.examples import load_example
    >>> from orggraph.propose.instance import instance_of
    >>> from orggraph.propose.rules import rules_of
    >>> from orggraph.propose.constraints import Constraints
    >>> inst = instance_of(load_example("tiny"))
    >>> built = build(inst, rules_of(inst, Constraints()), Weights(), budget=1)
    >>> len(built.x) == len(inst.items), built.objective_factor
    (True, 2)
    """
    b = _Builder(inst, rules, weights, budget)
    b.assignment()
    b.ownership()
    b.objective()
    literals = []
    for n, rule in enumerate(rules.all()):
        lit = b.m.new_bool_var(f"rule{n}") if assume else None
        b.rule(rule, lit)
        if lit is not None:
            literals.append((lit, rule))
    budget_lit = b.m.new_bool_var("budget") if assume else None
    _enforced(b.m, b.m.add(b.upheaval <= budget), budget_lit)
    if assume:
        b.m.add_assumptions([lit for lit, _ in literals] + [budget_lit])
    return Built(b.m, b.x, b.z, b.score, b.upheaval, b.factor, literals, budget_lit)
