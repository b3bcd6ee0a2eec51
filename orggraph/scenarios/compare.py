"""Compare scenarios with their base, metric by metric (docs/design.md §4, §5).

For the base and each scenario: every metric, the change from the base and whether that change is
better or worse for transversality or coherence (after :data:`~orggraph.queries.DIRECTION`), plus
what changed and the disruption figures ``units_moved`` and ``items_reassigned``.

>>> from orggraph.examples import load_example
>>> from orggraph.schemas.scenario import Scenario
>>> base = load_example("tiny")
>>> s = Scenario(name="Space under Claes",
...              changes=[{"give": {"domain": "space", "to": "bram-claes"}}])
>>> result = compare(base, [s])
>>> result.scenarios[0].delta("domains_split")
-1
>>> result.scenarios[0].verdict("domains_split")
'better'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orggraph.loaders.gcpause import gc_paused
from orggraph.queries import DIRECTION, METRIC_KEYS, CityMetrics
from orggraph.scenarios.diff import CityDiff
from orggraph.scenarios.incremental import BaseState, evaluate
from orggraph.schemas.dataset import City
from orggraph.schemas.scenario import Scenario

__all__ = ["Comparison", "ScenarioResult", "compare", "delta", "verdict"]

#: How close two values must be to count as unchanged (metrics are ratios of small counts).
TOLERANCE = 1e-9


def delta(before: float | None, after: float | None) -> float | None:
    """Return ``after - before``, or None when either is null.

    >>> delta(0.5, 0.75), delta(None, 1)
    (0.25, None)
    """
    if before is None or after is None:
        return None
    change = after - before
    return 0 if abs(change) < TOLERANCE else change


def verdict(key: str, before: float | None, after: float | None) -> str | None:
    """Return 'better', 'worse', 'same' or 'neutral' for a change of metric ``key``.

    'neutral' is for descriptive metrics (counts, sizes); None when either value is null.

    >>> verdict("coherence_index", 50, 60), verdict("domains_split", 1, 2), verdict("n_units", 1, 2)
    ('better', 'worse', 'neutral')
    """
    change = delta(before, after)
    if change is None:
        return None
    if change == 0:
        return "same"
    direction = DIRECTION.get(key, 0)
    if direction == 0:
        return "neutral"
    return "better" if change * direction > 0 else "worse"


@dataclass
class ScenarioResult:
    """One scenario applied: its city (None when not kept), metrics and differences from the
    base."""

    name: str
    description: str | None
    city: City | None
    metrics: CityMetrics
    base: CityMetrics
    diff: CityDiff

    def value(self, key: str) -> float | None:
        """Return the scenario's value of metric ``key``."""
        return self.metrics.metrics.get(key)

    def delta(self, key: str) -> float | None:
        """Return the change of metric ``key`` from the base."""
        return delta(self.base.metrics.get(key), self.value(key))

    def verdict(self, key: str) -> str | None:
        """Return whether the change of metric ``key`` is better or worse (see :func:`verdict`)."""
        return verdict(key, self.base.metrics.get(key), self.value(key))

    def to_json_dict(self) -> dict[str, Any]:
        """Return the scenario entry of ``scenario compare --format json``."""
        return {"name": self.name, "description": self.description,
                **self.metrics.to_json_dict(),
                "delta": {k: self.delta(k) for k in METRIC_KEYS},
                "verdict": {k: self.verdict(k) for k in METRIC_KEYS},
                **self.diff.to_json_dict()}


@dataclass
class Comparison:
    """A base city and its scenarios, compared."""

    base_city: City
    base: CityMetrics
    scenarios: list[ScenarioResult]

    def ranked(self, key: str | None) -> list[ScenarioResult]:
        """Return the scenarios best first by metric ``key`` (file order when ``key`` is None).

        Best means highest, or lowest for a metric where lower is better; nulls come last.
        """
        if key is None:
            return list(self.scenarios)
        if key not in METRIC_KEYS and key not in ("units_moved", "items_reassigned"):
            raise KeyError(key)
        sign = DIRECTION.get(key, 1) or 1
        if key in ("units_moved", "items_reassigned"):
            sign = -1  # less upheaval first

        def score(r: ScenarioResult) -> tuple[bool, float]:
            value = getattr(r.diff, key) if key in ("units_moved", "items_reassigned") \
                else r.value(key)
            return (value is None, -sign * value if value is not None else 0.0)

        return sorted(self.scenarios, key=score)

    def to_json_dict(self, sort: str | None = None) -> dict[str, Any]:
        """Return ``{"base": <metrics of §7>, "scenarios": [...]}``."""
        return {"base": self.base.to_json_dict(),
                "scenarios": [r.to_json_dict() for r in self.ranked(sort)]}


def compare(base: City, scenarios: Sequence[Scenario], *, spanners: bool = True,
            cities: bool = True, tables: bool = True) -> Comparison:
    """Apply every scenario to ``base`` and compare each with it.

    ``spanners=False`` leaves out the boundary spanners of the base and of every scenario
    (see :func:`~orggraph.queries.metrics`), by far the costliest part of the metrics: the
    table, CSV and HTML outputs do not show them, only the JSON does. ``cities=False`` keeps
    no scenario's city (``ScenarioResult.city`` is None), only its metrics and differences:
    what the table, CSV and JSON outputs show; the HTML report draws the cities' maps.
    ``tables=False`` leaves each scenario's per-entity tables (aldermen, clusters, domains,
    programmes, strategic cells) empty: the table and CSV outputs show city-level metrics only.

    Each scenario is evaluated from the base's results plus its changes
    (:mod:`~orggraph.scenarios.incremental`), equal to applying it and computing its metrics
    from scratch; its city is a view sharing the base's unchanged entities.
    """
    with gc_paused():  # spare the collector's passes over the base's many objects
        state = BaseState(base, spanners=spanners, scenarios=len(scenarios), tables=tables)
        results = []
        for scenario in scenarios:
            city, result, changes = evaluate(state, scenario)
            results.append(ScenarioResult(scenario.name, scenario.description,
                                          city if cities else None, result, state.metrics,
                                          changes))
    return Comparison(base, state.metrics, results)
