"""Pydantic models of the file formats (docs/design.md §2–§4)."""

from orggraph.schemas.dataset import (
    Body,
    Challenge,
    City,
    CityInfo,
    Domain,
    Partner,
    PartnerRole,
    Person,
    PortfolioItem,
    Programme,
    Relation,
    Unit,
)
from orggraph.schemas.enums import (
    BodyKind,
    PartnerMode,
    PartnerScope,
    PartnerSector,
    ProgrammeKind,
    Role,
    UnitKind,
)

__all__ = [
    "Body", "BodyKind", "Challenge", "City", "CityInfo", "Domain", "Partner", "PartnerMode",
    "PartnerRole", "PartnerScope", "PartnerSector", "Person", "PortfolioItem", "Programme",
    "ProgrammeKind", "Relation", "Role", "Unit", "UnitKind",
]
