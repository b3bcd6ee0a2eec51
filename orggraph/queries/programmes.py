"""How much work crosses cluster lines: programme measures of DESIGN §5.

A programme p is transversal when its units, units(p) = {lead} ∪ contributors, sit in two clusters
or more. The E–I index (Krackhardt & Stern 1988) counts, over every programme and every unordered
pair of its units, the pairs across clusters (E) against the pairs inside one (I):
(E − I)/(E + I), from −1 (all work inside clusters) to +1 (all across). ``cluster_modularity``
(Newman 2006) reads the same co-membership pairs as a graph.

The organisation root has no cluster, so it takes no part in the cluster-based programme measures
(it still counts as a unit of the programme in the per-programme table).

>>> from orggraph.examples import load_example
>>> from orggraph.queries.view import view_of
>>> m = programme_metrics(view_of(load_example("tiny").to_networkx()))
>>> m["share_transversal_programmes"], m["ei_index"]
(0.6666666666666666, 0.14285714285714285)
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from orggraph.queries.result import ProgrammeRow
from orggraph.queries.stats import share
from orggraph.queries.view import CityView

__all__ = [
    "HELIX",
    "co_membership_pairs",
    "is_quadruple_helix",
    "programme_metrics",
    "programme_rows",
    "transversal_programmes",
]

#: The sectors a quadruple helix programme brings together (civil society in either form).
HELIX = ("business", "knowledge", ("civil_society", "citizen_initiative"))


def is_quadruple_helix(sectors: set[str]) -> bool:
    """Return whether partner sectors include business, knowledge and civil society.

    >>> is_quadruple_helix({"business", "knowledge", "citizen_initiative"})
    True
    """
    return ("business" in sectors and "knowledge" in sectors
            and bool(sectors & {"civil_society", "citizen_initiative"}))


def _clustered(view: CityView, units: list[str]) -> list[str]:
    return [u for u in units if u in view.cluster]


def transversal_programmes(view: CityView) -> set[str]:
    """Return the ids of the programmes whose units sit in two clusters or more."""
    return {pid for pid, p in view.programmes.items()
            if len({view.cluster[u] for u in _clustered(view, p.units)}) >= 2}


def co_membership_pairs(view: CityView) -> set[tuple[str, str]]:
    """Return the unordered pairs (sorted tuples) of units sharing at least one programme."""
    pairs: set[tuple[str, str]] = set()
    for p in view.programmes.values():
        pairs.update(combinations(sorted(_clustered(view, p.units)), 2))
    return pairs


def _ei_index(view: CityView) -> float | None:
    external = internal = 0
    for p in view.programmes.values():
        units = _clustered(view, p.units)
        pairs = len(units) * (len(units) - 1) // 2
        # Pairs inside a cluster: Σ_c n_c(n_c − 1)/2; the others cross clusters.
        inside = sum(n * (n - 1) // 2 for n in Counter(view.cluster[u] for u in units).values())
        internal += inside
        external += pairs - inside
    if external + internal == 0:
        return None
    return (external - internal) / (external + internal)


def _modularity(view: CityView, pairs: set[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    graph = nx.Graph(pairs)
    communities: dict[str, set[str]] = {}
    for node in graph:
        communities.setdefault(view.cluster[node], set()).add(node)
    return nx.community.modularity(graph, communities.values())


def programme_metrics(view: CityView,
                      pairs: set[tuple[str, str]] | None = None) -> dict[str, float | None]:
    """Return the shares of transversal and quadruple-helix programmes, ``transversal_coverage``,
    ``ei_index`` and ``cluster_modularity``."""
    transversal = transversal_programmes(view)
    services = view.services
    covered = {u for pid in transversal for u in view.programmes[pid].units}
    helix = sum(1 for p in view.programmes.values() if is_quadruple_helix(p.sectors))
    pairs = co_membership_pairs(view) if pairs is None else pairs
    return {
        "share_transversal_programmes": share(len(transversal), len(view.programmes)),
        "transversal_coverage": share(sum(1 for s in services if s in covered), len(services)),
        "ei_index": _ei_index(view),
        "quadruple_helix_share": share(helix, len(view.programmes)),
        "cluster_modularity": _modularity(view, pairs),
    }


def programme_rows(view: CityView, owners: dict[str, set[str]]) -> list[ProgrammeRow]:
    """Return one row per programme, in dataset order.

    ``aldermen`` counts the college members owning at least one of the programme's services.
    """
    transversal = transversal_programmes(view)
    rows = []
    for pid, p in view.programmes.items():
        clusters = {view.cluster[u] for u in _clustered(view, p.units)}
        aldermen = set().union(*(owners.get(u, set()) for u in p.units))
        rows.append(ProgrammeRow(
            id=pid, name=p.name, kind=p.kind, units=len(p.units), clusters=len(clusters),
            aldermen=len(aldermen), partner_sectors=sorted(p.sectors),
            quadruple_helix=is_quadruple_helix(p.sectors), transversal=pid in transversal))
    return rows
