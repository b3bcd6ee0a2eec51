"""Cypher engines: Neo4j 5 and FalkorDB behind one small interface (docs/design.md §6).

>>> from orggraph.engines import LocalFalkorDB, push, read_city   # doctest: +SKIP
>>> with LocalFalkorDB() as engine:                                # doctest: +SKIP
...     push(engine, city)
...     read_city(engine, city.id) == city
True
"""

from orggraph.engines.base import Engine, Result, WriteUnit
from orggraph.engines.connect import Settings, connect
from orggraph.engines.local import LocalFalkorDB
from orggraph.engines.push import BATCH_SIZE, PushSummary, push
from orggraph.engines.read import read_city, read_graph
from orggraph.errors import UsageError

__all__ = [
    "BATCH_SIZE",
    "Engine",
    "LocalFalkorDB",
    "PushSummary",
    "Result",
    "Settings",
    "UsageError",
    "WriteUnit",
    "connect",
    "push",
    "read_city",
    "read_graph",
]
