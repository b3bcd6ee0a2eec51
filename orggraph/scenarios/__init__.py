"""Redesign scenarios (docs/design.md §4): read them, apply them to a base city, compare and diff.

>>> from orggraph.examples import load_example
>>> base = load_example("tiny")
>>> after = apply(base, {"name": "Rename", "changes": [
...     {"rename": {"id": "cluster-mens", "name": "Cluster Zorg"}}]})
>>> [d.text for d in diff(base, after).differences]
['Cluster Mens en Samenleving is renamed Cluster Zorg.']
"""

from orggraph.errors import ChangeError
from orggraph.scenarios.apply import apply
from orggraph.scenarios.compare import Comparison, ScenarioResult, compare
from orggraph.scenarios.diff import CityDiff, Difference, diff
from orggraph.scenarios.load import load_scenario
from orggraph.schemas.scenario import CHANGE_TYPES, Change, Scenario

__all__ = [
    "CHANGE_TYPES",
    "Change",
    "ChangeError",
    "CityDiff",
    "Comparison",
    "Difference",
    "Scenario",
    "ScenarioResult",
    "apply",
    "compare",
    "diff",
    "load_scenario",
]
