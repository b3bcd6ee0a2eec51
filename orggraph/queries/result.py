"""The typed result of :func:`orggraph.queries.metrics`, serialising to the JSON of docs/design.md
§7.

>>> r = CityMetrics(city="x", metrics={"n_units": 1})
>>> sorted(r.to_json_dict())
['aldermen', 'boundary_spanners', 'city', 'clusters', 'domains', 'metrics', 'programmes', \
'strategic_cells']
"""

# No `from __future__ import annotations`: pydantic would compile every string annotation when it
# builds the models, at each start.
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orggraph.schemas.dataset import empty_list

__all__ = [
    "AldermanRow",
    "BoundarySpanner",
    "CityMetrics",
    "ClusterRow",
    "DomainRow",
    "MetricValue",
    "ProgrammeRow",
    "StrategicCellRow",
]

MetricValue = float | int | None
Embedding = Literal["top", "support_cluster", "sector_cluster"]

class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AldermanRow(_Row):
    """One college member: ``cluster_span`` (clusters of the services owned), ``services`` (how
    many services they own), ``domains`` (top-level domains held, by id)."""

    id: str
    name: str
    role: str
    party: str | None = None
    cluster_span: int
    services: int
    domains: list[str] = Field(default_factory=empty_list)


class ClusterRow(_Row):
    """One cluster: ``aldermen`` owning any of its services, ``services`` and total ``fte`` of its
    units (the cluster unit itself included); ``alderman_ids`` names the aldermen."""

    id: str
    name: str
    support: bool = False
    aldermen: int
    services: int
    fte: float
    alderman_ids: list[str] = Field(default_factory=empty_list)


class DomainRow(_Row):
    """One top-level domain: how many college members hold it, and who."""

    id: str
    name: str
    holders: int
    holder_ids: list[str] = Field(default_factory=empty_list)
    split: bool


class ProgrammeRow(_Row):
    """One programme: distinct ``clusters`` and owning ``aldermen`` of its units, the sectors of
    its partners, and whether it is transversal (two clusters or more)."""

    id: str
    name: str
    kind: str
    units: int
    clusters: int
    aldermen: int
    partner_sectors: list[str] = Field(default_factory=empty_list)
    quadruple_helix: bool
    transversal: bool


class StrategicCellRow(_Row):
    """One strategic cell and where it is embedded: ``top`` (directly under the organisation),
    ``support_cluster`` or ``sector_cluster``."""

    id: str
    name: str
    parent: str | None
    cluster: str | None
    embedding: Embedding
    fte: float | None = None


class BoundarySpanner(_Row):
    """A unit with one of the five highest betweenness centralities; ``approximate`` is always
    false (betweenness is exact at every size) and stays for readers of earlier JSON."""

    id: str
    name: str
    kind: str
    cluster: str | None
    betweenness: float
    approximate: bool = False


class CityMetrics(_Row):
    """All metrics of one city (docs/design.md §5).

    Attributes: ``city`` (the city id), ``metrics`` (key → value, keys exactly
    :data:`~orggraph.queries.keys.METRIC_KEYS` in order, ``None`` where the denominator is empty),
    ``aldermen``, ``clusters``, ``domains``, ``programmes``, ``strategic_cells``,
    ``boundary_spanners`` (per-entity tables), ``name`` (the city's name, for display),
    ``betweenness_approximate`` and ``spanners_computed`` (False when the boundary spanners were
    not computed, ``metrics(city, spanners=False)``: ``boundary_spanners`` is then empty rather
    than measured). The last three are not part of the JSON.
    """

    city: str
    name: str = ""
    metrics: dict[str, MetricValue]
    aldermen: list[AldermanRow] = Field(default_factory=empty_list)
    clusters: list[ClusterRow] = Field(default_factory=empty_list)
    domains: list[DomainRow] = Field(default_factory=empty_list)
    programmes: list[ProgrammeRow] = Field(default_factory=empty_list)
    strategic_cells: list[StrategicCellRow] = Field(default_factory=empty_list)
    boundary_spanners: list[BoundarySpanner] = Field(default_factory=empty_list)
    betweenness_approximate: bool = False
    spanners_computed: bool = True

    def to_json_dict(self) -> dict[str, Any]:
        """Return the JSON shape of docs/design.md §7 (``city``, ``metrics`` and the six tables)."""
        return self.model_dump(mode="json", exclude={"name", "betweenness_approximate",
                                                    "spanners_computed"})
