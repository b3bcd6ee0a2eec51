"""Check a library query's ids against the graph before running it: errors instead of silent zeros.

A mistyped city (``brugg``), scenario (``gent@bundels``) or unit id matches nothing, and most
library queries would then answer 0 or no rows as if that were the truth. :func:`check_known`
stops first with the known values and the closest one.

>>> closest("brugg", ["brugge", "gent"])
'brugge'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from orggraph.engines.base import Engine
from orggraph.errors import OrggraphError

__all__ = ["UnknownId", "check_known", "closest", "unit_parameters"]

_SCOPES = ("MATCH (c:City) RETURN c.city AS city, c.scenario AS scenario "
           "ORDER BY city, scenario")
_UNITS = "MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':') RETURN u.id AS id ORDER BY id"
_LISTED = 12


class UnknownId(OrggraphError):
    """A query parameter names a city, scenario or unit that is not in the graph (exit 1)."""


def closest(value: str, known: Iterable[str]) -> str | None:
    """Return the known value nearest to ``value`` (None when nothing is close).

    >>> closest("gnt", ["gent", "aalst"]), closest("zzz", ["gent"])
    ('gent', None)
    """
    found = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    return found[0] if found else None


def _unknown(what: str, value: str, known: list[str], where: str) -> UnknownId:
    near = closest(value, known)
    shown = ", ".join(known[:_LISTED]) + (f" (and {len(known) - _LISTED} more)"
                                          if len(known) > _LISTED else "")
    hint = f"; did you mean '{near}'?" if near else ""
    return UnknownId(f"no {what} '{value}'; {where}: {shown or 'none'}{hint}")


def unit_parameters(parameter_help: Iterable[tuple[str, str]]) -> list[str]:
    """Return the parameters that take a unit id (their help says so).

    >>> unit_parameters([("city", "a city id"), ("from", "the id of the first unit")])
    ['from']
    """
    return [name for name, text in parameter_help if "id of" in text and "unit" in text]


def check_known(engine: Engine, params: Mapping[str, Any],
                unit_params: Iterable[str] = ()) -> None:
    """Raise :class:`UnknownId` when ``params["city"]`` or a unit parameter names nothing."""
    if "city" not in params:
        return
    scope = str(params["city"])
    pairs = sorted((c, s or "") for c, s in engine.run(_SCOPES).rows)
    labels = [f"{c}@{s}" if s else c for c, s in pairs]
    if scope not in labels:
        city, _, scenario = scope.partition("@")
        cities = sorted({c for c, _ in pairs})
        if scenario and city in cities:
            raise _unknown("scenario", scope,
                           [label for label in labels if label.split("@")[0] == city],
                           f"pushed for {city}")
        raise _unknown("city", scope, cities, "loaded")
    units: list[str] | None = None
    for name in unit_params:
        if name not in params:
            continue
        if units is None:
            units = [row[0] for row in engine.run(_UNITS, {"city": scope}).rows]
        if str(params[name]) not in units:
            raise _unknown(f"unit (--param {name})", str(params[name]), units,
                           f"units of {scope}")
