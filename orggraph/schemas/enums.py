"""Closed vocabularies of the data model, with the Dutch words users type.

Every enum is a ``StrEnum`` whose values are the English names of docs/design.md §2. Data authors
write Dutch just as often (``dienst``, ``schepen``, ``burgemeester``), so each enum has a table of
synonyms; :func:`normalise` folds case, spaces and hyphens and maps a synonym to its value.

Examples
--------
>>> normalise(UnitKind, "Strategische cel")
'strategic_cell'
>>> normalise(Role, "schepen")
'alderman'
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "BodyKind",
    "PartnerMode",
    "PartnerScope",
    "PartnerSector",
    "ProgrammeKind",
    "Role",
    "UnitKind",
    "COLLEGE_ROLES",
    "SERVICE_KINDS",
    "SYNONYMS",
    "fold",
    "normalise",
]


class UnitKind(StrEnum):
    """What a unit of the administration is (docs/design.md §2)."""

    organisation = "organisation"
    cluster = "cluster"
    department = "department"
    service = "service"
    team = "team"
    staff = "staff"
    strategic_cell = "strategic_cell"
    cabinet = "cabinet"
    agency = "agency"


class Role(StrEnum):
    """What a person does: college members are mayor, alderman and ocmw_chair."""

    mayor = "mayor"
    alderman = "alderman"
    ocmw_chair = "ocmw_chair"
    councillor = "councillor"
    general_director = "general_director"
    financial_director = "financial_director"
    director = "director"
    manager = "manager"
    staff = "staff"


class BodyKind(StrEnum):
    """Kinds of bodies people sit in."""

    college = "college"
    council = "council"
    management_team = "management_team"
    advisory_council = "advisory_council"
    steering_group = "steering_group"


class ProgrammeKind(StrEnum):
    """Kinds of cross-cutting work."""

    programme = "programme"
    strategic_project = "strategic_project"
    project = "project"
    action_plan = "action_plan"


class PartnerSector(StrEnum):
    """The quadruple helix sectors, with citizen initiatives apart from organised civil society."""

    civil_society = "civil_society"
    citizen_initiative = "citizen_initiative"
    business = "business"
    knowledge = "knowledge"
    government = "government"


class PartnerScope(StrEnum):
    """The territorial scope of a partner."""

    local = "local"
    regional = "regional"
    flemish = "flemish"
    federal = "federal"
    international = "international"


class PartnerMode(StrEnum):
    """How a partner takes part in a programme."""

    co_creation = "co_creation"
    funding = "funding"
    service_delivery = "service_delivery"
    advice = "advice"
    other = "other"


#: Unit kinds counted as "services" (the set S of docs/design.md §5).
SERVICE_KINDS = frozenset(
    {UnitKind.service, UnitKind.staff, UnitKind.strategic_cell, UnitKind.agency}
)
#: Roles whose holders sit in the college (the set A of docs/design.md §5).
COLLEGE_ROLES = frozenset({Role.mayor, Role.alderman, Role.ocmw_chair})


def fold(text: str) -> str:
    """Fold case, spaces, hyphens and accents so that user spellings compare equal.

    >>> fold("Strategische  Cel")
    'strategische_cel'
    """
    text = text.strip().lower()
    for accented, plain in (("é", "e"), ("è", "e"), ("ë", "e"), ("ï", "i"), ("ü", "u")):
        text = text.replace(accented, plain)
    return "_".join(text.replace("-", " ").replace("/", " ").split())


SYNONYMS: dict[type[StrEnum], dict[str, str]] = {
    UnitKind: {
        "organisatie": "organisation", "organization": "organisation", "stad": "organisation",
        "gemeente": "organisation", "stadsbestuur": "organisation", "bestuur": "organisation",
        "departement": "cluster", "bedrijfseenheid": "cluster", "stedelijke_bedrijfseenheid":
        "cluster", "company": "cluster", "afdeling": "department", "dienst": "service",
        "stafdienst": "staff", "ondersteunende_dienst": "staff",
        "strategische_cel": "strategic_cell",
        "strategic_unit": "strategic_cell", "kabinet": "cabinet", "agentschap": "agency",
        "verzelfstandigd_agentschap": "agency", "extern_verzelfstandigd_agentschap": "agency",
        "intern_verzelfstandigd_agentschap": "agency", "agb": "agency", "eva": "agency",
        "ploeg": "team",
    },
    Role: {
        "burgemeester": "mayor", "schepen": "alderman", "voorzitter_bcsd": "ocmw_chair",
        "voorzitter_bijzonder_comite": "ocmw_chair", "ocmw_voorzitter": "ocmw_chair",
        "voorzitter_ocmw": "ocmw_chair", "gemeenteraadslid": "councillor",
        "raadslid": "councillor", "algemeen_directeur": "general_director",
        "financieel_directeur": "financial_director", "directeur": "director",
        "departementshoofd": "director", "diensthoofd": "manager", "teamleider": "manager",
        "leidinggevende": "manager", "medewerker": "staff", "councilor": "councillor",
    },
    BodyKind: {
        "college_van_burgemeester_en_schepenen": "college", "cbs": "college",
        "schepencollege": "college", "gemeenteraad": "council", "raad": "council",
        "mat": "management_team", "managementteam": "management_team",
        "adviesraad": "advisory_council", "stuurgroep": "steering_group",
    },
    ProgrammeKind: {
        "programma": "programme", "program": "programme",
        "strategisch_project": "strategic_project", "actieplan": "action_plan",
    },
    PartnerSector: {
        "middenveld": "civil_society", "burgerinitiatief": "citizen_initiative",
        "bedrijfsleven": "business", "bedrijf": "business", "onderneming": "business",
        "kennisinstelling": "knowledge", "kennis": "knowledge", "overheid": "government",
    },
    PartnerScope: {
        "lokaal": "local", "regionaal": "regional", "vlaams": "flemish", "federaal": "federal",
        "internationaal": "international",
    },
    PartnerMode: {
        "cocreatie": "co_creation", "co_creatie": "co_creation", "financiering": "funding",
        "dienstverlening": "service_delivery", "advies": "advice", "ander": "other",
        "andere": "other",
    },
}


_VALUES: dict[type[StrEnum], frozenset[str]] = {
    enum: frozenset(member.value for member in enum) for enum in SYNONYMS
}


def normalise(enum: type[StrEnum], value: object) -> object:
    """Return the enum value a user's spelling stands for, or ``value`` unchanged.

    Unknown spellings are returned as they are so that the model reports them as errors.

    >>> normalise(PartnerSector, "Middenveld")
    'civil_society'
    >>> normalise(UnitKind, "spaceship")
    'spaceship'
    """
    if not isinstance(value, str):
        return value
    if value in _VALUES[enum]:  # the common case: already the English value
        return value
    key = fold(value)
    if key in enum.__members__:
        return key
    return SYNONYMS.get(enum, {}).get(key, value)
