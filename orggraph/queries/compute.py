"""Compute every metric of DESIGN §5 for one city: :func:`metrics`.

>>> from orggraph.examples import load_example
>>> result = metrics(load_example("tiny"))
>>> result.city, result.metrics["n_services"], [s.id for s in result.boundary_spanners][:1]
('tiny', 6, ['stad'])
"""

from __future__ import annotations

import networkx as nx

from orggraph.loaders.graph import to_networkx
from orggraph.queries.alignment import alderman_rows, alignment_metrics, cluster_rows
from orggraph.queries.domains import domain_metrics, domain_rows, top_domains_held
from orggraph.queries.indices import index_metrics
from orggraph.queries.keys import METRIC_KEYS
from orggraph.queries.organisation import organisation_metrics, strategic_cell_rows
from orggraph.queries.ownership import owners_of
from orggraph.queries.programmes import co_membership_pairs, programme_metrics, programme_rows
from orggraph.queries.result import CityMetrics
from orggraph.queries.spanners import boundary_spanners
from orggraph.queries.view import view_of
from orggraph.schemas.dataset import City

__all__ = ["metrics"]


def _clean(value: float | int | None) -> float | int | None:
    # Twelve decimals hide floating-point noise (a modularity of 1e-17 is 0) and keep the
    # numbers identical across engines that sum in another order.
    if isinstance(value, float):
        return round(value, 12) + 0.0
    return value


def metrics(city: City | nx.MultiDiGraph, spanners: bool = True) -> CityMetrics:
    """Return every city-level metric and per-entity table of a city.

    Parameters
    ----------
    city : a :class:`~orggraph.schemas.City`, or its graph from ``to_networkx`` (a scenario graph
        works too).
    spanners : compute the boundary spanners (betweenness centrality, by far the costliest
        table). When False, ``boundary_spanners`` is empty and ``spanners_computed`` is False;
        every other metric and table is the same.

    Returns
    -------
    CityMetrics whose ``metrics`` has exactly the keys of DESIGN §5 in order; a metric whose
    denominator is empty (no programmes, no fte, no college, ...) is ``None``.
    """
    graph = to_networkx(city) if isinstance(city, City) else city
    view = view_of(graph)
    owners = owners_of(view)
    pairs = co_membership_pairs(view)
    values: dict[str, float | int | None] = {}
    values.update(organisation_metrics(view))
    values.update(alignment_metrics(view, owners))
    values.update(domain_metrics(view))
    values.update(programme_metrics(view, pairs))
    values.update(index_metrics(values))
    rows, approximate = boundary_spanners(view, pairs) if spanners else ([], False)
    return CityMetrics(
        city=view.city,
        name=view.name,
        metrics={key: _clean(values[key]) for key in METRIC_KEYS},
        aldermen=alderman_rows(view, owners, top_domains_held(view)),
        clusters=cluster_rows(view, owners),
        domains=domain_rows(view),
        programmes=programme_rows(view, owners),
        strategic_cells=strategic_cell_rows(view),
        boundary_spanners=rows,
        betweenness_approximate=approximate,
        spanners_computed=spanners,
    )
