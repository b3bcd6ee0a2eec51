"""Who owns which service, as the map shows it: owners(s) of DESIGN §5 from the metrics layer.

The map asks the same functions as the metrics, so a colour can never disagree with a number; it
only orders the owners as the college is listed, for stable colours and tooltips.

>>> from orggraph.examples import load_example
>>> owners = owners_of(load_example("tiny"))
>>> owners["staf-ruimte"], owners["cluster-ruimte"]
(['an-peeters', 'bram-claes'], [])
"""

from __future__ import annotations

from orggraph.queries.ownership import domain_root
from orggraph.queries.ownership import owners_of as _owners_of
from orggraph.queries.view import view_of
from orggraph.schemas.dataset import City

__all__ = ["owners_of", "top_domain_of"]


def top_domain_of(city: City) -> dict[str, str]:
    """Return domain id → its top-level domain, root(d) of DESIGN §5."""
    parent = {d.id: d.parent for d in city.domains}
    return {d: domain_root(parent, d) for d in parent}


def owners_of(city: City) -> dict[str, list[str]]:
    """Return unit id → the college members owning it, in college order.

    Every unit has an entry; only services (DESIGN §5's S) can have owners.
    """
    found = _owners_of(view_of(city.to_networkx()))
    order = [p.id for p in city.college]
    return {u.id: [p for p in order if p in found.get(u.id, ())] for u in city.units}
