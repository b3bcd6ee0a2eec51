"""orggraph: model municipal organisations as graphs and measure how transversal they are.

>>> import orggraph
>>> city = orggraph.load_example("tiny")
>>> g = orggraph.to_networkx(city)
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

# The loaders, metrics and scenario layers import pydantic, networkx and igraph, which take a
# noticeable part of a second; they are loaded on first use so that commands that need none of
# them (`orggraph cypher` on a running engine) start quickly.
_LAZY = {"example_path": "orggraph.examples", "load_example": "orggraph.examples",
         "from_networkx": "orggraph.loaders", "load": "orggraph.loaders",
         "to_networkx": "orggraph.loaders", "City": "orggraph.schemas",
         "CityMetrics": "orggraph.queries", "metrics": "orggraph.queries",
         "apply": "orggraph.scenarios", "load_scenario": "orggraph.scenarios"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'orggraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
