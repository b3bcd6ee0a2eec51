"""Compute every metric of docs/design.md §5 for one city: :func:`metrics`.

>>> from orggraph.examples import load_example
>>> result = metrics(load_example("tiny"))
>>> result.city, result.metrics["n_services"], [s.id for s in result.boundary_spanners][:1]
('tiny', 6, ['stad'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from orggraph.core import Core
from orggraph.loaders.graph import from_networkx
from orggraph.queries.alignment import alderman_rows, alignment_metrics, cluster_rows
from orggraph.queries.domains import domain_metrics, domain_rows
from orggraph.queries.indices import index_metrics
from orggraph.queries.keys import METRIC_KEYS
from orggraph.queries.organisation import organisation_metrics, strategic_cell_rows
from orggraph.queries.programmes import programme_metrics, programme_rows
from orggraph.queries.result import BoundarySpanner, CityMetrics
from orggraph.queries.spanners import boundary_spanners
from orggraph.schemas.dataset import City

if TYPE_CHECKING:  # networkx is imported only where a graph is built
    import networkx as nx

__all__ = ["FAMILIES", "TABLES", "city_metrics", "clean", "metrics"]

#: The metric families: each gives some of the city-level metrics of a core (the indices are
#: worked out from all of them).
FAMILIES: dict[str, Callable[[Core], dict[str, Any]]] = {
    "organisation": organisation_metrics, "alignment": alignment_metrics,
    "domains": domain_metrics, "programmes": programme_metrics}
#: The per-entity tables of :class:`CityMetrics`, by field.
TABLES: dict[str, Callable[[Core], list[Any]]] = {
    "aldermen": alderman_rows, "clusters": cluster_rows, "domains": domain_rows,
    "programmes": programme_rows, "strategic_cells": strategic_cell_rows}


def clean(value: float | int | None) -> float | int | None:
    """Return a metric value as every output shows it: a float rounded to twelve decimals.

    Twelve decimals hide floating-point noise (a modularity of 1e-17 is 0) and keep the numbers
    identical across engines, and across the scenario paths, that sum in another order.

    >>> clean(1e-17), clean(0.1 + 0.2), clean(3)
    (0.0, 0.3, 3)
    """
    if isinstance(value, float):
        return round(value, 12) + 0.0
    return value


def metrics(city: City | nx.MultiDiGraph, spanners: bool = True) -> CityMetrics:
    """Return every city-level metric and per-entity table of a city.

    Parameters
    ----------
    city : a :class:`~orggraph.schemas.City`, or its graph from ``to_networkx`` (a scenario graph
        works too; it is read back into a city first).
    spanners : compute the boundary spanners (betweenness centrality, by far the costliest
        table). When False, ``boundary_spanners`` is empty and ``spanners_computed`` is False;
        every other metric and table is the same.

    Returns
    -------
    CityMetrics whose ``metrics`` has exactly the keys of docs/design.md §5 in order; a metric whose
    denominator is empty (no programmes, no fte, no college, ...) is ``None``.
    """
    core = Core(city if isinstance(city, City) else from_networkx(city))
    values: dict[str, float | int | None] = {}
    for family in FAMILIES.values():
        values.update(family(core))
    spanner_rows = boundary_spanners(core)[0] if spanners else []
    return city_metrics(core, values, {name: table(core) for name, table in TABLES.items()},
                        spanner_rows, spanners)


def city_metrics(core: Core, values: dict[str, float | int | None],
                 tables: dict[str, list[Any]], spanner_rows: list[BoundarySpanner],
                 spanners: bool) -> CityMetrics:
    """Return the :class:`CityMetrics` of ``core``'s city from the values of every family (the
    indices are added here), the :data:`TABLES` and the boundary spanners.

    >>> from orggraph.examples import load_example
    >>> core = Core(load_example("tiny"))
    >>> values = {k: v for family in FAMILIES.values() for k, v in family(core).items()}
    >>> tables = {name: table(core) for name, table in TABLES.items()}
    >>> city_metrics(core, values, tables, [], False) == metrics(core.city, spanners=False)
    True
    """
    values = {**values, **index_metrics(values)}
    return CityMetrics(
        city=core.city.id,
        name=core.city.city.name,
        metrics={key: clean(values[key]) for key in METRIC_KEYS},
        **tables,
        boundary_spanners=spanner_rows,
        # Betweenness is exact at every size; the field is kept for readers of earlier JSON.
        betweenness_approximate=False,
        spanners_computed=spanners,
    )
