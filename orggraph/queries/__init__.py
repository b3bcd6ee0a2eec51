"""The queries layer: the metrics of docs/design.md §5 computed on the NetworkX graph of a city.

>>> from orggraph.examples import load_example
>>> result = metrics(load_example("tiny"))
>>> result.metrics["domains_split"]
1
>>> list(result.metrics) == list(METRIC_KEYS)
True
"""

from orggraph.queries.compute import metrics
from orggraph.queries.keys import DIRECTION, HEADLINE_KEYS, LABELS, METRIC_KEYS
from orggraph.queries.result import CityMetrics

__all__ = ["DIRECTION", "HEADLINE_KEYS", "LABELS", "METRIC_KEYS", "CityMetrics", "metrics"]
