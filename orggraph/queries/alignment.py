"""How political portfolios line up with the clusters of the administration (docs/design.md §5).

With M[a][c] the number of services of cluster c that college member a owns:
``portfolio_cluster_alignment`` = Σ_a max_c M[a][c] / Σ M (1 when every alderman's services sit in
one cluster) and ``cluster_portfolio_alignment`` = Σ_c max_a M[a][c] / Σ M (1 when every cluster
answers to one alderman). The spans count clusters per alderman and aldermen per cluster; the NMI
(Meilă 2007) compares the owner and cluster partitions of singly-owned services; the Gini
coefficient measures how unevenly the services are spread over the college.

>>> from orggraph.core import Core
>>> from orggraph.examples import load_example
>>> from orggraph.loaders.graph import to_networkx
>>> m = alignment_metrics(Core(load_example("tiny")))
>>> m["portfolio_cluster_alignment"], m["cluster_portfolio_alignment"]
(0.8571428571428571, 0.7142857142857143)
"""

from __future__ import annotations

from collections import defaultdict

from orggraph.core import Core
from orggraph.queries.result import AldermanRow, ClusterRow
from orggraph.queries.stats import gini, mean, nmi, share

__all__ = ["alderman_rows", "alignment_metrics", "cluster_rows", "ownership_matrix"]


def ownership_matrix(core: Core) -> dict[str, dict[str, int]]:
    """Return M[a][c] = |{s ∈ S in cluster c : a ∈ owners(s)}| (only non-zero cells), worked
    out once per core (:attr:`~orggraph.core.Core.ownership`).

    >>> from orggraph.examples import load_example
    >>> ownership_matrix(Core(load_example("tiny")))["an-peeters"]
    {'strategische-cel': 1, 'cluster-ruimte': 2}
    """
    return core.ownership


def alignment_metrics(core: Core) -> dict[str, float | int | None]:
    """Return the spans, both alignments, ``portfolio_cluster_nmi`` and ``workload_gini``."""
    matrix = ownership_matrix(core)
    total = sum(sum(row.values()) for row in matrix.values())
    by_cluster: dict[str, dict[str, int]] = defaultdict(dict)
    for a, row in matrix.items():
        for c, count in row.items():
            by_cluster[c][a] = count
    single = [(m[0], core.cluster[s]) for s, m in core.owners.items()
              if len(m) == 1 and s in core.cluster]
    return {
        "mean_alderman_cluster_span": mean(len(row) for row in matrix.values()),
        "mean_cluster_alderman_span": mean(
            len(members) for members in core.cluster_owners.values()),
        "portfolio_cluster_alignment": share(
            sum(max(row.values()) for row in matrix.values()), total),
        "cluster_portfolio_alignment": share(
            sum(max(col.values()) for col in by_cluster.values()), total),
        "portfolio_cluster_nmi": nmi(single),
        "workload_gini": gini([len(services) for services in core.owned.values()]),
    }


def alderman_rows(core: Core) -> list[AldermanRow]:
    """Return one row per college member, in dataset order (members owning nothing included).

    ``domains`` lists the top-level domains they hold, root(d) of each portfolio item's domain,
    in order of first portfolio item.
    """
    matrix = ownership_matrix(core)
    rows = []
    for member in core.college:
        row = matrix.get(member.id, {})
        held = (core.top_domain.get(i.domain, i.domain) for i in member.portfolio)
        rows.append(AldermanRow(id=member.id, name=member.name, role=member.role.value,
                                party=member.party, cluster_span=len(row),
                                services=sum(row.values()), domains=list(dict.fromkeys(held))))
    return rows


def cluster_rows(core: Core) -> list[ClusterRow]:
    """Return one row per cluster (every value of cluster(u)), in dataset order."""
    members = core.cluster_owners
    services: dict[str, int] = defaultdict(int)
    fte: dict[str, float] = defaultdict(float)
    service_ids = set(core.services)
    for u, c in core.cluster.items():
        fte[c] += core.units[u].fte or 0
        if u in service_ids:
            services[c] += 1
    rows = []
    clusters = set(core.cluster.values())
    for c in (u for u in core.units if u in clusters):
        unit = core.units[c]
        ids = sorted(members.get(c, set()))
        rows.append(ClusterRow(id=c, name=unit.name, support=bool(unit.support),
                               aldermen=len(ids), services=services[c], fte=fte[c],
                               alderman_ids=ids))
    return rows
