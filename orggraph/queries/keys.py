"""The metric keys of docs/design.md §5, which of them to show first, and which way is better.

>>> METRIC_KEYS[:3]
('n_units', 'n_services', 'n_clusters')
>>> DIRECTION["ei_index"], DIRECTION["domains_split"], DIRECTION["n_units"]
(1, -1, 0)
"""

from __future__ import annotations

__all__ = ["DIRECTION", "HEADLINE_KEYS", "INDEX_KEYS", "LABELS", "METRIC_KEYS"]

#: Every city-level metric key of docs/design.md §5, in the order of its table.
METRIC_KEYS: tuple[str, ...] = (
    "n_units",
    "n_services",
    "n_clusters",
    "n_aldermen",
    "n_programmes",
    "n_partners",
    "depth",
    "mean_span_of_control",
    "mean_alderman_cluster_span",
    "mean_cluster_alderman_span",
    "portfolio_cluster_alignment",
    "cluster_portfolio_alignment",
    "domains_split",
    "mean_domain_fragmentation",
    "share_transversal_programmes",
    "transversal_coverage",
    "ei_index",
    "strategic_fte_share",
    "cabinet_fte_share",
    "quadruple_helix_share",
    "portfolio_cluster_nmi",
    "cluster_modularity",
    "workload_gini",
    "transversality_index",
    "coherence_index",
)

#: The handful of metrics shown first, and side by side when cities are compared.
#: The two 0–100 indices (shown with one decimal, see :mod:`orggraph.numbers`).
INDEX_KEYS: tuple[str, ...] = ("transversality_index", "coherence_index")

HEADLINE_KEYS: tuple[str, ...] = (
    "transversality_index",
    "coherence_index",
    "portfolio_cluster_alignment",
    "cluster_portfolio_alignment",
    "domains_split",
    "share_transversal_programmes",
    "transversal_coverage",
    "ei_index",
    "quadruple_helix_share",
)

#: +1 when a higher value means a more transversal or more coherent city, -1 when a lower value
#: does, 0 when the metric describes the city without being better or worse (counts, sizes).
DIRECTION: dict[str, int] = {
    "n_units": 0,
    "n_services": 0,
    "n_clusters": 0,
    "n_aldermen": 0,
    "n_programmes": 0,
    "n_partners": 0,
    # A flatter organisation is the aim of most redesigns in the seed documents.
    "depth": -1,
    "mean_span_of_control": 0,
    "mean_alderman_cluster_span": -1,
    "mean_cluster_alderman_span": -1,
    "portfolio_cluster_alignment": 1,
    "cluster_portfolio_alignment": 1,
    "domains_split": -1,
    "mean_domain_fragmentation": -1,
    "share_transversal_programmes": 1,
    "transversal_coverage": 1,
    "ei_index": 1,
    "strategic_fte_share": 0,
    "cabinet_fte_share": 0,
    "quadruple_helix_share": 1,
    "portfolio_cluster_nmi": 1,
    "cluster_modularity": -1,
    "workload_gini": -1,
    "transversality_index": 1,
    "coherence_index": 1,
}

#: Short readable names for tables.
LABELS: dict[str, str] = {
    "n_units": "units",
    "n_services": "services",
    "n_clusters": "clusters",
    "n_aldermen": "college members",
    "n_programmes": "programmes",
    "n_partners": "partners",
    "depth": "hierarchy depth",
    "mean_span_of_control": "mean span of control",
    "mean_alderman_cluster_span": "clusters per alderman",
    "mean_cluster_alderman_span": "aldermen per cluster",
    "portfolio_cluster_alignment": "portfolio → cluster alignment",
    "cluster_portfolio_alignment": "cluster → portfolio alignment",
    "domains_split": "domains split",
    "mean_domain_fragmentation": "holders per domain",
    "share_transversal_programmes": "transversal programmes",
    "transversal_coverage": "services in transversal work",
    "ei_index": "E–I index",
    "strategic_fte_share": "strategic cell fte share",
    "cabinet_fte_share": "cabinet fte share",
    "quadruple_helix_share": "quadruple helix programmes",
    "portfolio_cluster_nmi": "portfolio–cluster NMI",
    "cluster_modularity": "cluster modularity",
    "workload_gini": "workload Gini",
    "transversality_index": "TRANSVERSALITY INDEX",
    "coherence_index": "COHERENCE INDEX",
}
