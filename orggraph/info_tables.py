"""Rich tables that describe a dataset (``orggraph info``).

>>> from orggraph.examples import load_example
>>> [t.title for t in info_tables(load_example("tiny"))][:1]
['Tinystad: what is in the dataset']
"""

from __future__ import annotations

from collections import Counter

from rich.table import Table

from orggraph.core import Core
from orggraph.numbers import format_number
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import UnitKind

__all__ = ["info_tables"]


def info_tables(city: City) -> list[Table]:
    """Return the tables ``orggraph info`` prints: counts, college, clusters."""
    return [_counts(city), _college(city), _clusters(city)]


def _counts(city: City) -> Table:
    table = Table(title=f"{city.city.name}: what is in the dataset", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    kinds = Counter(u.kind for u in city.units)
    for kind in UnitKind:
        if kinds[kind]:
            table.add_row(f"units: {kind.value}", str(kinds[kind]))
    roles = Counter(p.role for p in city.people)
    for role, count in sorted(roles.items()):
        table.add_row(f"people: {role.value}", str(count))
    for name in ("domains", "bodies", "challenges", "programmes", "partners"):
        table.add_row(name, str(len(getattr(city, name))))
    if city.taxonomy:
        table.caption = f"domains include the bundled '{city.taxonomy}' taxonomy"
    return table


def _college(city: City) -> Table:
    table = Table(title="College and portfolios", title_justify="left", show_lines=True)
    table.add_column("member")
    table.add_column("role")
    table.add_column("party")
    table.add_column("portfolio (as published → domain)")
    names = {d.id: d.name for d in city.domains}
    for person in city.college:
        items = "\n".join(f"{i.title} → {names.get(i.domain, i.domain)}" for i in person.portfolio)
        table.add_row(person.name, person.role.value, person.party or "", items or "—")
    return table


def _clusters(city: City) -> Table:
    table = Table(title="Clusters and other top-level units", title_justify="left",
                  show_lines=True)
    table.add_column("block")
    table.add_column("kind")
    table.add_column("units", justify="right")
    table.add_column("fte", justify="right")
    table.add_column("services")
    clusters = Core(city).cluster
    names = {u.id: u.name for u in city.units}
    kinds = {u.id: u.kind for u in city.units}
    members: dict[str, list] = {}
    for unit in city.units:
        if unit.id in clusters:
            members.setdefault(clusters[unit.id], []).append(unit)
    for cluster, units in members.items():
        fte = sum(u.fte or 0 for u in units)
        services = ", ".join(u.name for u in units if u.id != cluster)
        kind = "cluster" if kinds[cluster] == UnitKind.cluster else "other top-level unit"
        table.add_row(names[cluster], kind, str(len(units)), format_number(fte, "fte"),
                      services or "—")
    n = sum(kinds[c] == UnitKind.cluster for c in members)
    table.caption = (f"{n} cluster{'s' * (n != 1)} (units of kind cluster) and "
                     f"{len(members) - n} other top-level unit{'s' * (len(members) - n != 1)}; "
                     "the metrics count each as its own block")
    return table
