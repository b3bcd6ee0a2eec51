"""The two summary indices of docs/design.md §5, on a 0–100 scale.

``transversality_index`` = 100 × mean of the non-null values of share_transversal_programmes,
transversal_coverage, (ei_index + 1)/2 and quadruple_helix_share. ``coherence_index`` = 100 × mean
of the non-null values of portfolio_cluster_alignment, cluster_portfolio_alignment and
1 / mean_domain_fragmentation. Each is null when all its parts are.

>>> index_metrics({"share_transversal_programmes": 0.5, "transversal_coverage": None,
...                "ei_index": 0.0, "quadruple_helix_share": 0.0,
...                "portfolio_cluster_alignment": None, "cluster_portfolio_alignment": None,
...                "mean_domain_fragmentation": None})
{'transversality_index': 33.33333333333333, 'coherence_index': None}
"""

from __future__ import annotations

from collections.abc import Mapping

from orggraph.queries.stats import mean

__all__ = ["index_metrics"]


def _scaled(values: list[float | int | None]) -> float | None:
    m = mean(v for v in values if v is not None)
    return None if m is None else 100 * m


def index_metrics(m: Mapping[str, float | int | None]) -> dict[str, float | None]:
    """Return ``transversality_index`` and ``coherence_index`` from the other metrics."""
    ei = m["ei_index"]
    frag = m["mean_domain_fragmentation"]
    return {
        "transversality_index": _scaled([
            m["share_transversal_programmes"], m["transversal_coverage"],
            None if ei is None else (ei + 1) / 2, m["quadruple_helix_share"]]),
        "coherence_index": _scaled([
            m["portfolio_cluster_alignment"], m["cluster_portfolio_alignment"],
            None if not frag else 1 / frag]),
    }
