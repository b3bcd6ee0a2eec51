"""The queries layer: the metrics of docs/design.md §5 computed on the NetworkX graph of a city.

>>> from orggraph.examples import load_example
>>> from orggraph.queries import metrics
>>> result = metrics(load_example("tiny"))
>>> result.metrics["domains_split"]
1
>>> list(result.metrics) == list(METRIC_KEYS)
True
"""

from orggraph.queries.keys import DIRECTION, HEADLINE_KEYS, LABELS, METRIC_KEYS


def __getattr__(name: str):
    # networkx and igraph load on first use: the query library alone must start quickly.
    if name == "metrics":
        from orggraph.queries.compute import metrics

        return metrics
    if name == "CityMetrics":
        from orggraph.queries.result import CityMetrics

        return CityMetrics
    raise AttributeError(f"module 'orggraph.queries' has no attribute {name!r}")

__all__ = ["DIRECTION", "HEADLINE_KEYS", "LABELS", "METRIC_KEYS", "CityMetrics", "metrics"]
