"""Fixtures for the scenario tests: a hand-made city small enough to redesign by hand.

Mini (the base)::

    stad (organisation)
    ├── c1  cluster  fte 1   ├── s1 service fte 10 [a1]     ├── s2 service fte 20 [b1]
    └── c2  cluster  fte 2   ├── s3 service fte 30 [b2]     └── s4 service fte 40 [c]

    domains: A (a1 under it), B (b1, b2 under it), C
    college: m1 mayor    items 'Sport' (a1), 'Wonen' (b1)
             m2 alderman items 'Ruimte' (b2), 'Cultuur' (c)
             m3 alderman no items
    dir: general director, heads stad, member of the MAT
    programme p1: lead s1, contributor s3, sponsor m1, partner biz (business)

Owners (docs/design.md §5): s1 {m1}, s2 {m1}, s3 {m2}, s4 {m2}, so every cluster answers to one
member.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph import load
from orggraph.schemas import City

__all__ = ["MINI_YAML", "scenario_file"]

MINI_YAML = """\
format: orggraph/1
city: {id: mini, name: Ministad, legislature: '2019-2024'}
domains:
  - {id: A, name: Sport}
  - {id: a1, name: Sportinfrastructuur, parent: A}
  - {id: B, name: Ruimte}
  - {id: b1, name: Wonen, parent: B}
  - {id: b2, name: Ruimtelijke ordening, parent: B}
  - {id: C, name: Cultuur}
units:
  - {id: stad, name: Stad, kind: organisation}
  - {id: c1, name: Cluster Een, kind: cluster, parent: stad, fte: 1}
  - {id: s1, name: Dienst Sport, kind: service, parent: c1, fte: 10, domains: [a1]}
  - {id: s2, name: Dienst Wonen, kind: service, parent: c1, fte: 20, domains: [b1]}
  - {id: c2, name: Cluster Twee, kind: cluster, parent: stad, fte: 2}
  - {id: s3, name: Dienst Ruimte, kind: service, parent: c2, fte: 30, domains: [b2]}
  - {id: s4, name: Dienst Cultuur, kind: service, parent: c2, fte: 40, domains: [C]}
bodies:
  - {id: college, name: College, kind: college}
  - {id: mat, name: MAT, kind: management_team}
people:
  - id: m1
    name: Mia Een
    role: mayor
    member_of: [college]
    portfolio: [{title: Sport, domain: a1}, {title: Wonen, domain: b1}]
  - id: m2
    name: Mo Twee
    role: alderman
    member_of: [college]
    portfolio: [{title: Ruimte, domain: b2}, {title: Cultuur, domain: C}]
  - {id: m3, name: Max Drie, role: alderman, member_of: [college]}
  - {id: dir, name: Dirk Directeur, role: general_director, heads: [stad], member_of: [mat]}
challenges:
  - {id: ch1, name: Klimaat}
programmes:
  - {id: p1, name: Programma Een, lead: s1, contributors: [s3], sponsor: m1, challenges: [ch1],
     partners: [{partner: biz, mode: funding}]}
partners:
  - {id: biz, name: Handelaars, sector: business}
"""


def scenario_file(folder: Path, changes: str, name: str = "Test",
                  base: str = "mini.yaml") -> Path:
    """Write a scenario file with the given YAML list of changes and return its path."""
    path = folder / "scenario.yaml"
    path.write_text(f"format: orggraph-scenario/1\nbase: {base}\nname: {name}\nchanges:\n"
                    + changes, encoding="utf-8")
    return path


@pytest.fixture
def mini_path(tmp_path) -> Path:
    """The mini base city written to ``mini.yaml`` in a temporary folder."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    return path


@pytest.fixture
def mini(mini_path) -> City:
    """The mini base city, loaded."""
    return load(mini_path)
