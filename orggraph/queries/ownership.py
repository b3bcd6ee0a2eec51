"""owners(s) of DESIGN §5: which college members answer politically for a service.

owners(s) = {a ∈ A : s ∈ a.steers} ∪ {a ∈ A : some portfolio item of a has a domain that equals,
or is an ancestor of, a domain in domains(s)}. A portfolio item on ``space`` thus owns every service
working on ``mobility`` when ``mobility`` is part of ``space``.

>>> from orggraph.examples import load_example
>>> from orggraph.queries.view import view_of
>>> owners = owners_of(view_of(load_example("tiny").to_networkx()))
>>> sorted(owners["staf-ruimte"])
['an-peeters', 'bram-claes']
"""

from __future__ import annotations

from collections import defaultdict

from orggraph.queries.view import CityView

__all__ = ["domain_root", "owners_of", "ownership_matrix"]


def domain_root(parent: dict[str, str | None], domain: str) -> str:
    """Return root(d): the top ancestor of ``domain`` (itself when it has no parent).

    >>> domain_root({"a": None, "b": "a", "c": "b"}, "c")
    'a'
    """
    seen = {domain}
    while parent.get(domain) is not None:
        domain = parent[domain]  # type: ignore[assignment]
        if domain in seen:  # a cycle cannot pass validation; stop rather than loop
            break
        seen.add(domain)
    return domain


def _holders_below(view: CityView) -> dict[str, set[str]]:
    """Return domain → members holding it or one of its ancestors."""
    direct: dict[str, set[str]] = defaultdict(set)
    for member in view.members.values():
        for d in member.holds:
            direct[d].add(member.id)
    memo: dict[str, set[str]] = {}

    def holders(d: str) -> set[str]:
        if d not in memo:
            memo[d] = set()  # guards against a cycle while it is being filled
            parent = view.domain_parent.get(d)
            memo[d] = direct.get(d, set()) | (holders(parent) if parent else set())
        return memo[d]

    return {d: holders(d) for d in set(view.domain_parent) | set(direct)}


def owners_of(view: CityView) -> dict[str, set[str]]:
    """Return service id → owners(s) for every service of S (an empty set when nobody owns it)."""
    by_domain = _holders_below(view)
    steered: dict[str, set[str]] = defaultdict(set)
    for member in view.members.values():
        for unit in member.steers:
            steered[unit].add(member.id)
    result: dict[str, set[str]] = {}
    for s in view.services:
        owners = set(steered.get(s, ()))
        for d in view.units[s].domains:
            owners |= by_domain.get(d, set())
        result[s] = owners
    return result


def ownership_matrix(view: CityView, owners: dict[str, set[str]]) -> dict[str, dict[str, int]]:
    """Return M[a][c] = |{s ∈ S in cluster c : a ∈ owners(s)}| (only non-zero cells).

    A service without a cluster (only possible for a root of kind service, which validation
    refuses) is left out.
    """
    matrix: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s, members in owners.items():
        c = view.cluster.get(s)
        if c is None:
            continue
        for a in members:
            matrix[a][c] += 1
    return {a: dict(row) for a, row in matrix.items()}
