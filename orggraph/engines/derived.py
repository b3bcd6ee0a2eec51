"""Properties written at push time so that Cypher queries stay short and portable.

They follow from the dataset and are never read back into a :class:`City`:

- ``seq`` on every node and relationship: its position in the dataset, so that reading a city
  back gives its entities and lists in the same order;
- ``cluster`` on every unit but the root: the ``uid`` of cluster(u) (docs/design.md §5), which
  needs a nearest-ancestor search that portable Cypher cannot express simply;
- ``is_service`` on units: whether the unit is in S (``service``, ``staff``, ``strategic_cell``,
  ``agency``);
- ``is_college`` on people: mayor, alderman or OCMW chair;
- ``top_domain`` on domains: the ``uid`` of the top-level ancestor (the domain itself at the top);
- ``OWNS`` relationships from each college member to every service of owners(s)
  (docs/design.md): the steering and the portfolio domains with their ancestors, computed
  once here by the Python definition rather than re-derived by every library query.

>>> from orggraph.examples import load_example
>>> props = derived_properties(load_example("tiny"))
>>> props["tiny:stad"]
{'is_service': False}
>>> sorted(row["source"] for row in owns_rows(load_example("tiny"))
...        if row["target"] == "tiny:staf-ruimte")
['tiny:an-peeters', 'tiny:bram-claes']
"""

from __future__ import annotations

from typing import Any

from orggraph.core import Core
from orggraph.loaders.graph import uid
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import SERVICE_KINDS

__all__ = ["DERIVED", "DERIVED_TYPES", "derived_properties", "owns_rows"]

#: Every property name this module adds; readers drop them.
DERIVED = frozenset({"seq", "cluster", "is_service", "is_college", "top_domain"})
#: Every relationship type this module adds; readers drop them.
DERIVED_TYPES = frozenset({"OWNS"})


def derived_properties(city: City, scenario: str | None = None,
                       core: Core | None = None) -> dict[str, dict[str, Any]]:
    """Return node uid → the derived properties of that node (``seq`` excepted).

    ``core`` is the city's :class:`Core` when the caller has one already.
    """
    prefix = uid(city.id, "", scenario)
    core = core or Core(city)
    clusters = core.cluster
    result: dict[str, dict[str, Any]] = {}
    for unit in city.units:
        props: dict[str, Any] = {"is_service": unit.kind in SERVICE_KINDS}
        cluster = clusters.get(unit.id)
        if cluster is not None:
            props["cluster"] = prefix + cluster
        result[prefix + unit.id] = props
    for person in city.people:
        result[prefix + person.id] = {"is_college": person.in_college}
    for domain, top in core.top_domain.items():
        result[prefix + domain] = {"top_domain": prefix + top}
    return result


def owns_rows(city: City, scenario: str | None = None,
              core: Core | None = None) -> list[dict[str, Any]]:
    """Return one ``{source, target}`` row (member uid, service uid) per pair of owners(s), as
    the domain core defines owners (the metrics read the same definition); ``core`` is the
    city's :class:`Core` when the caller has one already."""
    prefix = uid(city.id, "", scenario)
    return [{"source": prefix + member, "target": prefix + service}
            for service, members in (core or Core(city)).owners.items()
            for member in sorted(members)]
