"""Fixtures for the metrics tests: small cities written as plain dictionaries."""

from __future__ import annotations

from typing import Any

import pytest

from orggraph.schemas import City

__all__ = ["make_city"]


def make_city(units: list[tuple[str, str, str | None, list[str]]] | None = None,
              people: list[dict[str, Any]] | None = None,
              programmes: list[dict[str, Any]] | None = None,
              domains: list[tuple[str, str | None]] | None = None,
              partners: list[tuple[str, str]] | None = None,
              fte: dict[str, float] | None = None,
              support: set[str] = frozenset()) -> City:
    """Return a City from compact rows: units as (id, kind, parent, domains), domains as
    (id, parent), partners as (id, sector); people and programmes as model dictionaries."""
    fte = fte or {}
    return City.model_validate({
        "city": {"id": "c", "name": "Teststad"},
        "domains": [{"id": d, "name": d, "parent": p} for d, p in (domains or [])],
        "units": [{"id": i, "name": i, "kind": k, "parent": p, "domains": ds, "fte": fte.get(i),
                   "support": True if i in support else None}
                  for i, k, p, ds in (units or [("root", "organisation", None, [])])],
        "people": people or [],
        "programmes": programmes or [],
        "partners": [{"id": i, "name": i, "sector": s} for i, s in (partners or [])],
    })


@pytest.fixture
def city_factory():
    """The :func:`make_city` builder."""
    return make_city
