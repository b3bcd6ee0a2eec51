"""How much work crosses cluster lines: programme measures of docs/design.md §5.

A programme p is transversal when its units, units(p) = {lead} ∪ contributors, sit in two clusters
or more. The E–I index (Krackhardt & Stern 1988) counts, over every programme and every unordered
pair of its units, the pairs across clusters (E) against the pairs inside one (I):
(E − I)/(E + I), from −1 (all work inside clusters) to +1 (all across). ``cluster_modularity``
(Newman 2006) reads the same co-membership pairs as a graph.

The organisation root has no cluster, so it takes no part in the cluster-based programme measures
(it still counts as a unit of the programme in the per-programme table).

>>> from orggraph.core import Core
>>> from orggraph.examples import load_example
>>> m = programme_metrics(Core(load_example("tiny")))
>>> m["share_transversal_programmes"], m["ei_index"]
(0.6666666666666666, 0.14285714285714285)
"""

from __future__ import annotations

from collections import Counter

from orggraph.core import Core
from orggraph.queries.result import ProgrammeRow
from orggraph.queries.stats import share
from orggraph.schemas.dataset import Programme

__all__ = [
    "HELIX",
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


def _sectors(core: Core) -> dict[str, set[str]]:
    """Return programme id → the sectors of its partners."""
    sector = {p.id: p.sector.value for p in core.city.partners}
    return {p.id: {sector[r.partner] for r in p.partners if r.partner in sector}
            for p in core.city.programmes}


def transversal_programmes(core: Core) -> set[str]:
    """Return the ids of the programmes whose units sit in two clusters or more."""
    return {pid for pid, clusters in core.programme_clusters.items() if len(clusters) >= 2}


def _ei_index(core: Core) -> float | None:
    external = internal = 0
    for p in core.city.programmes:
        clusters = [core.cluster[u] for u in p.units if u in core.cluster]
        pairs = len(clusters) * (len(clusters) - 1) // 2
        # Pairs inside a cluster: Σ_c n_c(n_c − 1)/2; the others cross clusters.
        inside = sum(n * (n - 1) // 2 for n in Counter(clusters).values())
        internal += inside
        external += pairs - inside
    if external + internal == 0:
        return None
    return (external - internal) / (external + internal)


def _modularity(core: Core) -> float | None:
    """Newman's modularity of the co-membership graph split by cluster.

    Q = Σ_c (L_c / m − (D_c / 2m)²), with m the pairs, L_c the pairs inside cluster c and D_c
    the degrees summed over c: what ``networkx.community.modularity`` returns for that graph and
    partition (the tests compare the two), counted in one pass over the pairs instead of through a
    networkx graph, whose construction from a set of pairs imports pandas (half a second) and
    whose cached views leave reference cycles behind.
    """
    pairs, cluster = core.pairs, core.cluster
    if not pairs:
        return None
    inside: Counter[str] = Counter()
    degrees: Counter[str] = Counter()
    for u, v in pairs:
        a, b = cluster[u], cluster[v]
        degrees[a] += 1
        degrees[b] += 1
        if a == b:
            inside[a] += 1
    m = len(pairs)
    norm = 1 / (2 * m) ** 2
    return sum(inside[c] / m - d * d * norm for c, d in degrees.items())


def programme_metrics(core: Core) -> dict[str, float | None]:
    """Return the shares of transversal and quadruple-helix programmes, ``transversal_coverage``,
    ``ei_index`` and ``cluster_modularity``."""
    programmes: list[Programme] = core.city.programmes
    transversal = transversal_programmes(core)
    covered = {u for p in programmes if p.id in transversal for u in p.units}
    helix = sum(1 for sectors in _sectors(core).values() if is_quadruple_helix(sectors))
    return {
        "share_transversal_programmes": share(len(transversal), len(programmes)),
        "transversal_coverage": share(sum(1 for s in core.services if s in covered),
                                      len(core.services)),
        "ei_index": _ei_index(core),
        "quadruple_helix_share": share(helix, len(programmes)),
        "cluster_modularity": _modularity(core),
    }


def programme_rows(core: Core) -> list[ProgrammeRow]:
    """Return one row per programme, in dataset order.

    ``aldermen`` counts the college members owning at least one of the programme's services.
    """
    transversal = transversal_programmes(core)
    sectors = _sectors(core)
    rows = []
    for p in core.city.programmes:
        aldermen = set().union(*(core.owners.get(u, ()) for u in p.units))
        rows.append(ProgrammeRow(
            id=p.id, name=p.name, kind=p.kind.value, units=len(p.units),
            clusters=len(core.programme_clusters[p.id]), aldermen=len(aldermen),
            partner_sectors=sorted(sectors[p.id]), quadruple_helix=is_quadruple_helix(
                sectors[p.id]), transversal=p.id in transversal))
    return rows
