"""orggraph: model municipal organisations as graphs and measure how transversal they are.

>>> import orggraph
>>> city = orggraph.load_example("tiny")
>>> g = city.to_networkx()
>>> g.number_of_nodes() > 0
True
"""

from orggraph.errors import (
    BackendUnavailable,
    ExportError,
    InvalidDataError,
    OrggraphError,
    Problem,
    QueryError,
    ScenarioError,
)
from orggraph.examples import example_path, load_example
from orggraph.loaders import from_networkx, load, to_networkx
from orggraph.queries import CityMetrics, metrics
from orggraph.scenarios import apply, load_scenario
from orggraph.schemas import City

__all__ = [
    "BackendUnavailable",
    "City",
    "CityMetrics",
    "ExportError",
    "InvalidDataError",
    "OrggraphError",
    "Problem",
    "QueryError",
    "ScenarioError",
    "apply",
    "example_path",
    "from_networkx",
    "load",
    "load_example",
    "load_scenario",
    "metrics",
    "to_networkx",
]
__version__ = "0.1.0"
