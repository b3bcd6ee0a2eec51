"""A city as Popolo JSON (organizations, persons, posts, memberships), and back.

Popolo field names are kept as the specification spells them (``parent_id``, ``classification``,
``organization_id``, ``person_id``, ``post_id``, ``start_date``, ...). Units and bodies are
organizations (``classification`` is the unit or body kind); every body seat is a membership, a
college seat also a post; heading a unit is a membership with role ``head``. What Popolo has no
field for sits in ``orggraph`` objects: on an organization (fte, domains, ...), on a person (role,
party, portfolio, steers) and at the top (city, taxonomy, own domains, challenges, programmes,
partners), so that :func:`read_popolo` gives back the dataset :func:`city_popolo` was given.
The JSON Schema of this shape is ``schemas/popolo.schema.json``.

Examples
--------
>>> from orggraph.examples import load_example
>>> doc = city_popolo(load_example("tiny"))
>>> doc["organizations"][0]["classification"], "parent_id" in doc["organizations"][1]
('organisation', True)
>>> read_popolo(doc).doc["units"][0]["id"]
'stad'
"""

from __future__ import annotations

from typing import Any

from orggraph.interop.result import ImportFailed, ImportResult, slug
from orggraph.loaders.dump import dump_city
from orggraph.schemas.dataset import FORMAT, City

__all__ = ["HEAD_ROLE", "POPOLO_FORMAT", "city_popolo", "read_popolo"]

#: The ``orggraph.format`` of a Popolo export: tells readers which extension they have.
POPOLO_FORMAT = "orggraph-popolo/1"
#: The membership role that stands for heading a unit.
HEAD_ROLE = "head"
_UNIT_EXTRA = ("fte", "budget", "domains", "support", "legal_form")
_PERSON_EXTRA = ("role", "party", "portfolio", "steers")
_TOP_EXTRA = ("domains", "challenges", "programmes", "partners")


def _extra(item: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: item[field] for field in fields if field in item}


def city_popolo(city: City) -> dict[str, Any]:
    """Return ``city`` as a Popolo document (plain JSON values)."""
    doc = dump_city(city)
    college = {b["id"] for b in doc.get("bodies", []) if b["kind"] == "college"}
    organizations = []
    for unit in doc.get("units", []):
        org = {"id": unit["id"], "name": unit["name"], "classification": unit["kind"]}
        if "parent" in unit:
            org["parent_id"] = unit["parent"]
        if extra := _extra(unit, _UNIT_EXTRA):
            org["orggraph"] = extra
        organizations.append(org)
    for body in doc.get("bodies", []):
        organizations.append({"id": body["id"], "name": body["name"],
                              "classification": body["kind"], "orggraph": {"body": True}})
    persons, posts, memberships = [], [], []
    for person in doc.get("people", []):
        persons.append({"id": person["id"], "name": person["name"],
                        "orggraph": _extra(person, _PERSON_EXTRA)})
        for body in person.get("member_of", []):
            membership = {"id": f"{person['id']}@{body}", "person_id": person["id"],
                          "organization_id": body, "role": person["role"]}
            if body in college:
                post = {"id": f"post-{person['id']}", "organization_id": body,
                        "role": person["role"], "label": _post_label(person)}
                posts.append(post)
                membership["post_id"] = post["id"]
            memberships.append(membership)
        for unit in person.get("heads", []):
            memberships.append({"id": f"{person['id']}@{unit}", "person_id": person["id"],
                                "organization_id": unit, "role": HEAD_ROLE})
    top = {"format": POPOLO_FORMAT, "city": doc["city"]}
    if "taxonomy" in doc:
        top["taxonomy"] = doc["taxonomy"]
    top.update(_extra(doc, _TOP_EXTRA))
    return {"organizations": organizations, "persons": persons, "posts": posts,
            "memberships": memberships, "orggraph": top}


def _post_label(person: dict[str, Any]) -> str:
    titles = ", ".join(item["title"] for item in person.get("portfolio", []))
    word = {"mayor": "Burgemeester", "alderman": "Schepen",
            "ocmw_chair": "Voorzitter BCSD"}.get(person["role"], person["role"])
    return f"{word}: {titles}" if titles else word


def read_popolo(data: Any, source: str = "the Popolo file") -> ImportResult:
    """Return the dataset of a Popolo document; without ``orggraph`` objects, a skeleton."""
    if not isinstance(data, dict) or not isinstance(data.get("organizations"), list):
        raise ImportFailed(f"{source} is not Popolo JSON: expected an object with an "
                           "'organizations' list (and 'persons', 'memberships').")
    top = data.get("orggraph") or {}
    city = top.get("city") or _city_of(data["organizations"], source)
    doc: dict[str, Any] = {"format": FORMAT, "city": city}
    if "taxonomy" in top:
        doc["taxonomy"] = top["taxonomy"]
    units, bodies = [], []
    for org in data["organizations"]:
        extra = dict(org.get("orggraph") or {})
        if extra.pop("body", False):
            bodies.append({"id": org["id"], "name": org["name"], "kind": org["classification"]})
            continue
        unit = {"id": org["id"], "name": org["name"],
                "kind": org.get("classification") or ("service" if org.get("parent_id")
                                                      else "organisation")}
        if org.get("parent_id"):
            unit["parent"] = org["parent_id"]
        units.append({**unit, **extra})
    people = [_person(p, data.get("memberships", []), {b["id"] for b in bodies})
              for p in data.get("persons", [])]
    sections = {"domains": top.get("domains"), "units": units, "bodies": bodies,
                "people": people, "challenges": top.get("challenges"),
                "programmes": top.get("programmes"), "partners": top.get("partners")}
    doc.update({name: items for name, items in sections.items() if items})
    missing = [name for name in ("programmes", "partners") if not sections[name]]
    return ImportResult(doc, missing=missing)


def _city_of(organizations: list[dict[str, Any]], source: str) -> dict[str, str]:
    """The city of Popolo data orggraph did not write: named after its root organization."""
    roots = [o for o in organizations if isinstance(o, dict) and not o.get("parent_id")]
    if not roots or not roots[0].get("name"):
        raise ImportFailed(f"{source} has no organization without a parent_id to take as the "
                           "city's organisation.")
    return {"id": slug(roots[0]["name"]), "name": roots[0]["name"]}


def _person(person: dict[str, Any], memberships: list[dict[str, Any]],
            bodies: set[str]) -> dict[str, Any]:
    extra = dict(person.get("orggraph") or {})
    mine = [m for m in memberships if m.get("person_id") == person["id"]]
    role = extra.pop("role", None) or next((m["role"] for m in mine if m.get("role")), "staff")
    doc = {"id": person["id"], "name": person["name"], "role": role}
    party = extra.pop("party", None)
    if party:
        doc["party"] = party
    doc.update(extra)
    heads = [m["organization_id"] for m in mine if m.get("role") == HEAD_ROLE]
    member_of = [m["organization_id"] for m in mine
                 if m.get("role") != HEAD_ROLE and m["organization_id"] in bodies]
    if heads:
        doc["heads"] = heads
    if member_of:
        doc["member_of"] = member_of
    return doc
