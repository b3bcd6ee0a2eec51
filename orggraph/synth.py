"""Generate synthetic cities of any size, for benchmarks, tests and demonstrations.

A synthetic city has the shape of a large Flemish administration, with invented names: one
organisation root; about one cluster per 60 units (some of them support clusters); departments
(afdelingen) under the clusters; services making up most of the units; staff units, strategic
cells, a cabinet and agencies; a college of 9 to 11 members whose portfolios cover a forest of
policy domains (10 top-level domains with about 6 children each, or the bundled ``bbc`` taxonomy);
a director heading each cluster in the management team (MAT); programmes inside one cluster and
across clusters, with sponsors, challenges and partners of every sector.

The same ``n_units`` and ``seed`` always give the same city. The city is built as a plain dataset
document and goes through the real validator, so it is valid by construction.

Counts, for ``n`` units (``n`` ≥ :data:`MIN_UNITS`): exactly ``n`` units and one root;
``max(2, round(n / 60))`` clusters; ``max(1, round(n / 20))`` programmes;
``max(5, round(n / 30))`` partners; 9 to 11 college members; 10 challenges.

Examples
--------
>>> city = synthetic_city(200, seed=1)
>>> len(city.units), len(city.programmes), len(city.partners)
(200, 10, 7)
>>> 9 <= len(city.college) <= 11
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orggraph.schemas.dataset import City

# The loaders (pydantic, networkx) are imported inside the functions: the command line imports
# this module for MIN_UNITS, and commands that never generate a city must start quickly.

__all__ = ["MIN_UNITS", "synthetic_city", "synthetic_document"]

#: The smallest city the generator makes: a root, two clusters and a handful of services.
MIN_UNITS = 20

_TOP_DOMAINS = (
    ("bestuur", "Algemeen bestuur", ("Secretariaat", "Personeel", "ICT", "Communicatie",
                                     "Juridische zaken", "Burgerzaken", "Strategie")),
    ("financien", "Financiën", ("Budget", "Fiscaliteit", "Patrimonium", "Aankoop")),
    ("veiligheid", "Veiligheid", ("Politie", "Brandweer", "Noodplanning", "Overlast")),
    ("mobiliteit", "Mobiliteit", ("Verkeer", "Parkeren", "Openbaar vervoer", "Fietsbeleid",
                                  "Wegen", "Verkeersveiligheid")),
    ("economie", "Economie", ("Ondernemen", "Handel", "Toerisme", "Werk", "Haven", "Markten")),
    ("milieu", "Milieu en klimaat", ("Klimaat", "Energie", "Afval", "Water", "Natuur",
                                     "Dierenwelzijn", "Luchtkwaliteit")),
    ("ruimte", "Wonen en ruimte", ("Wonen", "Ruimtelijke planning", "Stedenbouw", "Groen",
                                   "Openbaar domein", "Erfgoed")),
    ("vrije-tijd", "Cultuur en vrije tijd", ("Cultuur", "Sport", "Evenementen", "Bibliotheek",
                                             "Musea", "Feestelijkheden")),
    ("onderwijs", "Onderwijs en jeugd", ("Onderwijs", "Kinderopvang", "Jeugd",
                                         "Levenslang leren", "Studentenzaken")),
    ("welzijn", "Zorg en welzijn", ("Armoede", "Ouderen", "Gezondheid", "Integratie",
                                    "Personen met een beperking", "Sociale huisvesting",
                                    "Gelijke kansen")),
)
_CHALLENGES = (
    ("luchtkwaliteit", "Gezonde lucht"), ("betonstop", "Betonstop en ontharding"),
    ("energietransitie", "Energietransitie"), ("klimaatadaptatie", "Klimaatadaptatie"),
    ("kindvriendelijke-stad", "Kindvriendelijke stad"), ("vergrijzing", "Vergrijzing"),
    ("armoede", "Armoedebestrijding"), ("migratie", "Migratie en inburgering"),
    ("digitale-kloof", "Digitale kloof"), ("mobiliteitsshift", "Modal shift"),
)
_SECTORS = ("civil_society", "citizen_initiative", "business", "knowledge", "government")
_PARTNER_NAMES = {
    "civil_society": "Vzw {} {}", "citizen_initiative": "Burgerinitiatief {} {}",
    "business": "{} Bedrijven {}", "knowledge": "Kenniscentrum {} {}",
    "government": "Intercommunale {} {}",
}
_SCOPES = ("local", "regional", "flemish", "federal", "international")
_MODES = ("co_creation", "funding", "service_delivery", "advice", "other")
_PROGRAMME_KINDS = ("programme", "strategic_project", "project", "action_plan")
_LEGAL_FORMS = ("AGB", "EVA", "vzw", "intergemeentelijk")
_PROVINCES = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")
_FIRST = ("An", "Bram", "Chris", "Dirk", "Els", "Fien", "Geert", "Hilde", "Ilse", "Jan", "Karel",
          "Lies", "Mohamed", "Nora", "Olivier", "Pieter", "Sara", "Tom", "Yasmina", "Wim")
_LAST = ("Peeters", "Janssens", "Maes", "Claes", "Jacobs", "Mertens", "Willems", "Goossens",
         "Wouters", "De Smet", "Dubois", "Lambert", "Vermeulen", "El Amrani", "Hermans")
_PARTIES = ("Lijst A", "Lijst B", "Lijst C")
_RELATION_FLAGS = ("controls_operation", "controls_finances", "controls_performance",
                   "asks_impact", "content_partner", "indispensable_funder", "no_interference",
                   "autonomous", "allows_advocacy")


@dataclass
class _Domains:
    """The domain forest: top-level ids and, per top-level id, its children's ids and names."""

    own: list[dict[str, Any]]
    tops: list[str]
    children: dict[str, list[tuple[str, str]]]


@dataclass
class _Org:
    """The units being built, with the cluster and top-level domain of each."""

    units: list[dict[str, Any]] = field(default_factory=list)
    cluster: dict[str, str] = field(default_factory=dict)
    services: dict[str, list[str]] = field(default_factory=dict)

    def add(self, unit: dict[str, Any], cluster: str, service: bool) -> None:
        self.units.append(unit)
        self.cluster[unit["id"]] = cluster
        if service:
            self.services.setdefault(cluster, []).append(unit["id"])


def synthetic_city(n_units: int, seed: int = 0, *, taxonomy: bool = False) -> City:
    """Return a valid synthetic city with exactly ``n_units`` units (see the module docstring).

    Parameters
    ----------
    n_units
        The number of units, the organisation root included; at least :data:`MIN_UNITS`.
    seed
        The seed of the random generator: the same seed gives the same city.
    taxonomy
        Use the bundled ``bbc`` taxonomy for the domains instead of the generator's own forest.

    >>> synthetic_city(60, seed=3) == synthetic_city(60, seed=3)
    True
    """
    from orggraph.loaders.sources import Origin, RawDataset
    from orggraph.loaders.validate import build_city
    from orggraph.schemas.dataset import SECTIONS

    doc = synthetic_document(n_units, seed, taxonomy=taxonomy)
    raw = RawDataset(format=[(doc["format"], Origin(None))], city=(doc["city"], Origin(None)))
    if "taxonomy" in doc:
        raw.taxonomy = (doc["taxonomy"], Origin(None))
    for name in SECTIONS:
        if name in doc:
            raw.add_section(name, doc[name], Origin(None, (name,)))
    return build_city(raw)


def synthetic_document(n_units: int, seed: int = 0, *,
                       taxonomy: bool = False) -> dict[str, Any]:
    """Return the dataset document of :func:`synthetic_city`, not yet validated.

    >>> doc = synthetic_document(40)
    >>> doc["format"], len(doc["units"])
    ('orggraph/1', 40)
    """
    from orggraph.schemas.dataset import FORMAT

    if not isinstance(n_units, int) or n_units < MIN_UNITS:
        raise ValueError(f"a synthetic city needs at least {MIN_UNITS} units, got {n_units!r}")
    rng = random.Random(seed)
    domains = _bbc_domains() if taxonomy else _own_domains(rng)
    org = _units(n_units, rng, domains)
    people = _college(rng, domains, org)
    people += _management(org)
    partners = _partners(n_units, rng)
    challenges = [{"id": ident, "name": name} for ident, name in _CHALLENGES]
    programmes = _programmes(n_units, rng, org, people, partners)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "city": {"id": "synthstad", "name": f"Synthstad ({n_units} eenheden)",
                 "population": n_units * 120, "legislature": "2025-2030",
                 "region": rng.choice(_PROVINCES)},
    }
    if taxonomy:
        doc["taxonomy"] = "bbc"
    if domains.own:
        doc["domains"] = domains.own
    doc.update(units=org.units, bodies=[
        {"id": "college", "name": "College van burgemeester en schepenen", "kind": "college"},
        {"id": "mat", "name": "Managementteam", "kind": "management_team"},
    ], people=people, challenges=challenges, programmes=programmes, partners=partners)
    return doc


def _own_domains(rng: random.Random) -> _Domains:
    own: list[dict[str, Any]] = []
    children: dict[str, list[tuple[str, str]]] = {}
    for top, name, subs in _TOP_DOMAINS:
        own.append({"id": top, "name": name})
        count = min(len(subs), rng.randint(5, 7))
        kids = [(f"{top}-{i + 1}", sub) for i, sub in enumerate(subs[:count])]
        own += [{"id": ident, "name": sub, "parent": top} for ident, sub in kids]
        children[top] = kids
    return _Domains(own, [t for t, _, _ in _TOP_DOMAINS], children)


def _bbc_domains() -> _Domains:
    from orggraph.loaders.taxonomy import taxonomy_domains

    # The code domains (bbc-0740, ...) are leaves for classifying; the generator keeps to the
    # curated two levels so that a seed gives the same city as before they were added.
    bundled = [d for d in taxonomy_domains("bbc") if not d["id"].startswith("bbc-")]
    tops = [d["id"] for d in bundled if not d.get("parent")]
    children: dict[str, list[tuple[str, str]]] = {t: [] for t in tops}
    for d in bundled:
        if d.get("parent") in children:
            children[d["parent"]].append((d["id"], d["name"]))
    return _Domains([], tops, {t: kids or [(t, t)] for t, kids in children.items()})


def _fte(rng: random.Random, median: float) -> float:
    # Unit sizes are right-skewed: a few large services, many small ones.
    return round(rng.lognormvariate(0, 0.6) * median, 1)


def _counts(n: int) -> dict[str, int]:
    counts = {"cluster": max(2, round(n / 60)), "strategic_cell": max(1, round(n / 300)),
              "cabinet": max(1, n // 5000), "staff": max(1, round(n / 50)),
              "agency": max(1, round(n / 100))}
    counts["department"] = max(counts["cluster"], round(n / 15))
    counts["service"] = n - 1 - sum(counts.values())
    return counts


def _units(n: int, rng: random.Random, domains: _Domains) -> _Org:
    counts = _counts(n)
    org = _Org()
    org.add({"id": "stad", "name": "Stadsbestuur Synthstad", "kind": "organisation",
             "fte": _fte(rng, 3)}, "", False)
    n_support = max(1, counts["cluster"] // 5)
    clusters = []
    for i in range(counts["cluster"]):
        # Support clusters work for governance and finance; sector clusters take the other
        # top-level domains in turn, so that several clusters may share one domain.
        support = i < n_support
        top = domains.tops[i % 2] if support else domains.tops[2 + i % (len(domains.tops) - 2)]
        ident = f"cluster-{i + 1:04d}"
        unit = {"id": ident, "name": f"Cluster {i + 1}", "kind": "cluster", "parent": "stad",
                "fte": _fte(rng, 4), "domains": [top]}
        if support:
            unit["support"] = True
        org.add(unit, ident, False)
        clusters.append((ident, top))
    departments = []
    for i in range(counts["department"]):
        cluster, top = clusters[i % len(clusters)]
        ident = f"afdeling-{i + 1:05d}"
        org.add({"id": ident, "name": f"Afdeling {i + 1}", "kind": "department",
                 "parent": cluster, "fte": _fte(rng, 6), "domains": [top]}, cluster, False)
        departments.append((ident, cluster, top))
    for i in range(counts["service"]):
        parent, cluster, top = rng.choice(departments)
        if rng.random() < 0.2:
            parent = cluster
        child, name = rng.choice(domains.children[top])
        unit = {"id": f"dienst-{i + 1:06d}", "name": f"Dienst {name} {i + 1}", "kind": "service",
                "parent": parent, "fte": _fte(rng, 14), "domains": [child]}
        if rng.random() < 0.1:
            unit["domains"].append(rng.choice(domains.children[rng.choice(domains.tops)])[0])
            unit["domains"] = list(dict.fromkeys(unit["domains"]))
        unit["budget"] = round(unit["fte"] * rng.uniform(60_000, 110_000), -3)
        org.add(unit, cluster, True)
    _extras(counts, rng, domains, clusters, org)
    return org


def _extras(counts: dict[str, int], rng: random.Random, domains: _Domains,
            clusters: list[tuple[str, str]], org: _Org) -> None:
    """Add the staff units, strategic cells, cabinets and agencies."""
    fields = [kid for top in domains.tops for kid in domains.children[top]]
    strategy = next((i for i, name in fields if "strateg" in f"{i} {name}".lower()), fields[0][0])
    for i in range(counts["strategic_cell"]):
        # The first cell sits at the top; the others alternate between support and sector
        # clusters, the three embeddings the per-cell table of the metrics distinguishes.
        cluster = "" if i == 0 else clusters[(i - 1) % len(clusters)][0]
        parent = cluster or "stad"
        ident = f"strategische-cel-{i + 1:03d}"
        org.add({"id": ident, "name": f"Strategische cel {i + 1}", "kind": "strategic_cell",
                 "parent": parent, "fte": _fte(rng, 4), "domains": [strategy]},
                cluster or ident, True)
    for i in range(counts["cabinet"]):
        ident = f"kabinet-{i + 1:02d}"
        org.add({"id": ident, "name": f"Kabinet {i + 1}", "kind": "cabinet", "parent": "stad",
                 "fte": _fte(rng, 5)}, ident, False)
    for i in range(counts["staff"]):
        cluster, top = rng.choice(clusters)
        ident = f"staf-{i + 1:05d}"
        org.add({"id": ident, "name": f"Stafdienst {i + 1}", "kind": "staff", "parent": cluster,
                 "fte": _fte(rng, 5), "domains": [rng.choice(domains.children[top])[0]]},
                cluster, True)
    for i in range(counts["agency"]):
        ident = f"agentschap-{i + 1:04d}"
        cluster, top = rng.choice(clusters)
        under_root = i % 2 == 0
        org.add({"id": ident, "name": f"Agentschap {i + 1}", "kind": "agency",
                 "parent": "stad" if under_root else cluster, "fte": _fte(rng, 30),
                 "domains": [rng.choice(domains.children[top])[0]],
                 "legal_form": _LEGAL_FORMS[i % len(_LEGAL_FORMS)]},
                ident if under_root else cluster, True)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _college(rng: random.Random, domains: _Domains, org: _Org) -> list[dict[str, Any]]:
    size = rng.randint(9, 11)
    roles = ["mayor", "ocmw_chair"] + ["alderman"] * (size - 2)
    members = [{"id": f"schepen-{i + 1:02d}" if role == "alderman" else
                ("burgemeester" if role == "mayor" else "voorzitter-bcsd"),
                "name": _name(rng), "role": role, "party": rng.choice(_PARTIES),
                "portfolio": [], "member_of": ["college"]}
               for i, role in enumerate(roles)]
    order = members[:]
    rng.shuffle(order)
    members[0]["portfolio"].append({"title": "Algemene coördinatie", "domain": domains.tops[0]})
    for i, top in enumerate(domains.tops):
        # Each top-level domain has a main holder, but a quarter of its fields go to another
        # member: the fragmentation of the schepenmodel the metrics measure.
        main = order[i % size]
        for child, name in domains.children[top]:
            holder = main if rng.random() < 0.75 else rng.choice(members)
            holder["portfolio"].append({"title": name, "domain": child})
    for member in members:
        if not member["portfolio"]:
            richest = max(members, key=lambda m: len(m["portfolio"]))
            member["portfolio"].append(richest["portfolio"].pop())
    cabinets = [u["id"] for u in org.units if u["kind"] == "cabinet"]
    members[0]["steers"] = cabinets
    agencies = [u["id"] for u in org.units if u["kind"] == "agency"]
    for agency in agencies:
        rng.choice(members).setdefault("steers", []).append(agency)
    return members


def _management(org: _Org) -> list[dict[str, Any]]:
    people = [{"id": "algemeen-directeur", "name": "Algemeen directeur", "role":
               "general_director", "heads": ["stad"], "member_of": ["mat"]},
              {"id": "financieel-directeur", "name": "Financieel directeur", "role":
               "financial_director", "member_of": ["mat"]}]
    for unit in org.units:
        if unit["kind"] == "cluster":
            people.append({"id": f"directeur-{unit['id']}", "name": f"Directeur {unit['name']}",
                           "role": "director", "heads": [unit["id"]], "member_of": ["mat"]})
        elif unit["kind"] == "department":
            people.append({"id": f"hoofd-{unit['id']}", "name": f"Hoofd {unit['name']}",
                           "role": "manager", "heads": [unit["id"]]})
    return people


def _partners(n: int, rng: random.Random) -> list[dict[str, Any]]:
    partners = []
    for i in range(max(5, round(n / 30))):
        sector = _SECTORS[i % len(_SECTORS)]
        partner: dict[str, Any] = {
            "id": f"partner-{i + 1:05d}",
            "name": _PARTNER_NAMES[sector].format(rng.choice(_LAST), i + 1),
            "sector": sector, "scope": rng.choice(_SCOPES)}
        if rng.random() < 0.7:
            relation: dict[str, Any] = {"funding_share": round(rng.random(), 2)}
            relation.update((flag, rng.random() < 0.5) for flag in _RELATION_FLAGS)
            partner["relation"] = relation
        partners.append(partner)
    return partners


def _without_defaults(programme: dict[str, Any]) -> dict[str, Any]:
    # Leave out what the format fills in itself, so that the document reads like a written one.
    if programme["kind"] == "programme":
        del programme["kind"]
    if not programme["contributors"]:
        del programme["contributors"]
    for role in programme.get("partners", []):
        if role["mode"] == "other":
            del role["mode"]
    return programme


def _programmes(n: int, rng: random.Random, org: _Org, people: list[dict[str, Any]],
                partners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    clusters = sorted(c for c, services in org.services.items()
                      if c.startswith("cluster-") and services)
    director = {p["heads"][0]: p["id"] for p in people if p["role"] == "director"}
    domain_of = {u["id"]: u.get("domains", []) for u in org.units}
    programmes = []
    for i in range(max(1, round(n / 20))):
        home = rng.choice(clusters)
        units = rng.sample(org.services[home], min(len(org.services[home]), rng.randint(1, 3)))
        across = rng.random() < 0.6
        if across:
            for other in rng.sample(clusters, min(len(clusters), rng.randint(1, 3))):
                units.append(rng.choice(org.services[other]))
        units = list(dict.fromkeys(units))
        covered = list(dict.fromkeys(d for u in units for d in domain_of[u]))
        sponsor = "algemeen-directeur" if across and rng.random() < 0.3 else director[home]
        programme: dict[str, Any] = {
            "id": f"programma-{i + 1:05d}", "name": f"Programma {i + 1}",
            "kind": rng.choice(_PROGRAMME_KINDS), "lead": units[0], "contributors": units[1:],
            "sponsor": sponsor, "domains": covered[:2],
            "challenges": [c for c, _ in rng.sample(_CHALLENGES, rng.randint(1, 2))],
        }
        chosen = rng.sample(partners, min(len(partners), rng.randint(0, 4)))
        if chosen:
            programme["partners"] = [{"partner": p["id"], "mode": rng.choice(_MODES)}
                                     for p in chosen]
        programmes.append(_without_defaults(programme))
    return programmes
