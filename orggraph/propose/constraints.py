"""The constraints a redesign team sets on a proposal search, and the objective's weights.

They come from a constraints file (``format: orggraph-constraints/1``, JSON Schema in
``schemas/orggraph-constraints-1.schema.json``) and from command-line options, which add to the
file. Regenerate the schema after changing a model::

    python -m orggraph.propose.constraints

>>> c = Constraints.model_validate({"keep": {"members": ["bram-claes"]},
...                                 "items_per_member": {"max": 6}})
>>> c.keep.members, c.items_per_member.max, c.max_upheaval
(['bram-claes'], 6, 6)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from orggraph.schemas.dataset import Id

__all__ = ["Balance", "Bounds", "Constraints", "FORMAT", "Keep", "Weights", "constraints_schema",
           "write_schema"]

FORMAT = "orggraph-constraints/1"
SCHEMA_FILE = "orggraph-constraints-1.schema.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Keep(_Model):
    """Portfolio items that stay with their present holder.

    Attributes: ``items`` (item titles, as published), ``domains`` (every item on this domain
    or under it), ``members`` (every item of these college members).
    """

    items: list[str] = Field(default_factory=list)
    domains: list[Id] = Field(default_factory=list)
    members: list[Id] = Field(default_factory=list)


class Bounds(_Model):
    """A minimum and/or a maximum that holds for every college member."""

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Balance(_Model):
    """Workload balance: each member's services (or fte) within ``band`` percent of the mean.

    The mean is taken over every college member, as ``workload_gini`` does.
    """

    measure: Literal["services", "fte"] = "services"
    band: float = Field(gt=0, le=1000)


class Weights(_Model):
    """How much each term counts in the objective (coherence index by default).

    The first three are the parts of ``coherence_index``; ``domains_split`` and
    ``workload_gini`` count against a proposal.
    """

    portfolio_cluster_alignment: float = Field(default=1.0, ge=0)
    cluster_portfolio_alignment: float = Field(default=1.0, ge=0)
    domain_cohesion: float = Field(default=1.0, ge=0,
                                   description="1 / mean_domain_fragmentation")
    domains_split: float = Field(default=0.0, ge=0)
    workload_gini: float = Field(default=0.0, ge=0)

    @property
    def is_coherence(self) -> bool:
        """Whether the objective is the coherence index itself (the three parts, equal weight)."""
        return (self.portfolio_cluster_alignment == self.cluster_portfolio_alignment
                == self.domain_cohesion > 0 and self.domains_split == self.workload_gini == 0)


class Constraints(_Model):
    """Everything that bounds a proposal search.

    Attributes: ``keep`` (items that stay), ``mayor_keeps_police`` (the mayor keeps police and
    public order, as Flemish law gives them to the mayor; on by default), ``items_per_member`` and
    ``domains_per_member`` (top-level domains held), ``balance``, ``max_upheaval`` (items
    reassigned plus units moved; also the largest budget of the Pareto set), ``max_units_moved``,
    ``no_new_domains`` (members who may not receive a top-level domain they do not hold yet),
    ``together`` (groups of domains whose items must all sit with one member), ``allow_moves``
    (services may move to another cluster) and ``weights``.
    """

    format: Literal["orggraph-constraints/1"] = FORMAT
    keep: Keep = Field(default_factory=Keep)
    mayor_keeps_police: bool = True
    items_per_member: Bounds = Field(default_factory=Bounds)
    domains_per_member: Bounds = Field(default_factory=Bounds)
    balance: Balance | None = None
    max_upheaval: int = Field(default=6, ge=1, le=50)
    max_units_moved: int | None = Field(default=None, ge=0)
    no_new_domains: list[Id] = Field(default_factory=list)
    together: list[list[Id]] = Field(default_factory=list)
    allow_moves: bool = False
    weights: Weights = Field(default_factory=Weights)


def constraints_schema() -> dict[str, Any]:
    """Return the JSON Schema of a constraints file.

    >>> constraints_schema()["properties"]["format"]["const"]
    'orggraph-constraints/1'
    """
    schema = Constraints.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "orggraph proposal constraints (format orggraph-constraints/1)"
    schema["properties"]["format"] = {"const": FORMAT}
    return schema


def write_schema(folder: Path | str) -> Path:
    """Write the constraints schema into ``folder``; return the file written."""
    from orggraph.files import write_atomic

    text = json.dumps(constraints_schema(), indent=2, ensure_ascii=False) + "\n"
    return write_atomic(Path(folder) / SCHEMA_FILE, text)


if __name__ == "__main__":  # pragma: no cover - the regeneration command of the docstring
    print(write_schema(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
