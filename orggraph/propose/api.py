"""``propose``: search a base city for coherent divisions of the college's work.

>>> from orggraph.examples import load_example
>>> result = propose(load_example("tiny"), time_limit=2)
>>> [p.upheaval for p in result.proposals]
[1]
>>> result.proposals[0].scenario.changes[0].reassign.title
'Mobiliteit'
"""

from __future__ import annotations

from dataclasses import dataclass

from orggraph.propose.constraints import Constraints
from orggraph.propose.explain import explain
from orggraph.propose.instance import Instance, instance_of
from orggraph.propose.rules import Locate, rules_of
from orggraph.propose.search import Proposal, Search, search
from orggraph.scenarios.compare import Comparison, ScenarioResult, compare
from orggraph.schemas.dataset import City
from orggraph.schemas.scenario import Change, Move, Reassign, Scenario

__all__ = ["Proposed", "ProposalResult", "propose", "to_scenario"]


@dataclass
class Proposed:
    """One proposal with its scenario, its explanation and its exact comparison with the base."""

    proposal: Proposal
    scenario: Scenario
    sentences: list[str]
    result: ScenarioResult

    @property
    def upheaval(self) -> int:
        """Items reassigned plus units moved, as the comparison counts them."""
        return self.result.diff.items_reassigned + self.result.diff.units_moved


@dataclass
class ProposalResult:
    """The Pareto set of a search, compared with the base."""

    city: City
    instance: Instance
    constraints: Constraints
    search: Search
    comparison: Comparison
    proposals: list[Proposed]


def _title(proposal: Proposal) -> str:
    n = proposal.upheaval
    return f"Proposal: upheaval {n}"


def to_scenario(inst: Instance, proposal: Proposal, description: str | None = None) -> Scenario:
    """Return the proposal as a scenario: one ``reassign`` per item copy, one ``move`` a unit.

    ``base`` is left unset; the writer fills it in relative to where the file goes.
    """
    changes = []
    for k, to in proposal.holders.items():
        item = inst.items[k]
        changes += [Change.of(Reassign.model_validate(
            {"title": item.title, "from": item.holder, "to": to, "domain": item.domain}))
            for _ in range(item.copies)]
    changes += [Change.of(Move(unit=u, to=t)) for u, t in proposal.moves.items()]
    return Scenario(name=_title(proposal), description=description, changes=changes)


def propose(city: City, constraints: Constraints | None = None, *, time_limit: float = 10.0,
            seed: int = 0, locate: Locate | None = None) -> ProposalResult:
    """Return the best proposals for each upheaval budget, with exact metrics.

    Raises :class:`~orggraph.errors.InvalidDataError` when a constraint names an unknown id, and
    :class:`~orggraph.propose.search.Infeasible`, naming the conflicting constraints, when no
    proposal satisfies them. ``locate`` places problems in a constraints file.
    """
    constraints = constraints or Constraints()
    inst = instance_of(city, allow_moves=constraints.allow_moves)
    rules = rules_of(inst, constraints, locate)
    found = search(inst, rules, constraints.weights, constraints.max_upheaval,
                   time_limit=time_limit, seed=seed)
    sentences = [explain(inst, p) for p in found.proposals]
    scenarios = [to_scenario(inst, p, " ".join(s)) for p, s in zip(found.proposals, sentences,
                                                                   strict=True)]
    comparison = compare(city, scenarios, spanners=False)
    proposed = [Proposed(p, sc, s, r) for p, sc, s, r in zip(
        found.proposals, scenarios, sentences, comparison.scenarios, strict=True)]
    return ProposalResult(city, inst, constraints, found, comparison, proposed)
