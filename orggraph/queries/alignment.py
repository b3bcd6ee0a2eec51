"""How political portfolios line up with the clusters of the administration (DESIGN §5).

With M[a][c] the number of services of cluster c that college member a owns:
``portfolio_cluster_alignment`` = Σ_a max_c M[a][c] / Σ M (1 when every alderman's services sit in
one cluster) and ``cluster_portfolio_alignment`` = Σ_c max_a M[a][c] / Σ M (1 when every cluster
answers to one alderman). The spans count clusters per alderman and aldermen per cluster; the NMI
(Meilă 2007) compares the owner and cluster partitions of singly-owned services; the Gini
coefficient measures how unevenly the services are spread over the college.

>>> from orggraph.examples import load_example
>>> from orggraph.queries.view import view_of
>>> from orggraph.queries.ownership import owners_of
>>> v = view_of(load_example("tiny").to_networkx())
>>> m = alignment_metrics(v, owners_of(v))
>>> m["portfolio_cluster_alignment"], m["cluster_portfolio_alignment"]
(0.8571428571428571, 0.7142857142857143)
"""

from __future__ import annotations

from collections import defaultdict

from orggraph.queries.ownership import ownership_matrix
from orggraph.queries.result import AldermanRow, ClusterRow
from orggraph.queries.stats import gini, mean, nmi, share
from orggraph.queries.view import CityView

__all__ = ["alderman_rows", "alignment_metrics", "cluster_rows"]

Owners = dict[str, set[str]]


def _cluster_owners(view: CityView, owners: Owners) -> dict[str, set[str]]:
    """Return cluster → aldermen owning any of its services, for clusters with ≥ 1 service."""
    result: dict[str, set[str]] = defaultdict(set)
    for s, members in owners.items():
        c = view.cluster.get(s)
        if c is not None:
            result[c] |= members
    return result


def alignment_metrics(view: CityView, owners: Owners) -> dict[str, float | int | None]:
    """Return the spans, both alignments, ``portfolio_cluster_nmi`` and ``workload_gini``."""
    matrix = ownership_matrix(view, owners)
    total = sum(sum(row.values()) for row in matrix.values())
    by_cluster: dict[str, dict[str, int]] = defaultdict(dict)
    for a, row in matrix.items():
        for c, count in row.items():
            by_cluster[c][a] = count
    owned = defaultdict(int)
    for members in owners.values():
        for a in members:
            owned[a] += 1
    single = [(next(iter(m)), view.cluster[s]) for s, m in owners.items()
              if len(m) == 1 and s in view.cluster]
    return {
        "mean_alderman_cluster_span": mean(len(row) for row in matrix.values()),
        "mean_cluster_alderman_span": mean(
            len(members) for members in _cluster_owners(view, owners).values()),
        "portfolio_cluster_alignment": share(
            sum(max(row.values()) for row in matrix.values()), total),
        "cluster_portfolio_alignment": share(
            sum(max(col.values()) for col in by_cluster.values()), total),
        "portfolio_cluster_nmi": nmi(single),
        "workload_gini": gini([owned.get(a, 0) for a in view.members]),
    }


def alderman_rows(view: CityView, owners: Owners,
                  top_domains: dict[str, list[str]]) -> list[AldermanRow]:
    """Return one row per college member, in dataset order (members owning nothing included)."""
    matrix = ownership_matrix(view, owners)
    rows = []
    for a, member in view.members.items():
        row = matrix.get(a, {})
        rows.append(AldermanRow(id=a, name=member.name, role=member.role, party=member.party,
                                cluster_span=len(row), services=sum(row.values()),
                                domains=top_domains.get(a, [])))
    return rows


def cluster_rows(view: CityView, owners: Owners) -> list[ClusterRow]:
    """Return one row per cluster (every value of cluster(u)), in dataset order."""
    members = _cluster_owners(view, owners)
    services: dict[str, int] = defaultdict(int)
    fte: dict[str, float] = defaultdict(float)
    service_ids = set(view.services)
    for u, c in view.cluster.items():
        fte[c] += view.units[u].fte or 0
        if u in service_ids:
            services[c] += 1
    rows = []
    clusters = set(view.cluster.values())
    for c in (u for u in view.units if u in clusters):
        unit = view.units[c]
        ids = sorted(members.get(c, set()))
        rows.append(ClusterRow(id=c, name=unit.name, support=unit.support, aldermen=len(ids),
                               services=services[c], fte=fte[c], alderman_ids=ids))
    return rows
