"""Pydantic models of a city dataset (`format: orggraph/1`, docs/design.md §2 and §3).

The models check shapes and vocabularies; references between entities (a parent that must exist,
one root, no cycles) are checked by :mod:`orggraph.loaders.validate`, which can point at the file
and line of each mistake.

Examples
--------
>>> unit = Unit(id="dienst-economie", name="Dienst Economie", kind="dienst", parent="cluster-a")
>>> unit.kind
<UnitKind.service: 'service'>
"""

# No `from __future__ import annotations` here: pydantic would compile every string annotation
# when it builds the models, at each start.
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from orggraph.literal import CONTROL_CHARACTERS
from orggraph.schemas import enums

__all__ = [
    "Body",
    "Challenge",
    "City",
    "CityInfo",
    "Domain",
    "Entity",
    "Partner",
    "PartnerRole",
    "Person",
    "PortfolioItem",
    "Programme",
    "Relation",
    "Unit",
    "FORMAT",
    "NOUNS",
    "SECTIONS",
    "SECTION_MODELS",
    "Sections",
    "empty_list",
]

FORMAT = "orggraph/1"

#: Longest id and longest name or title accepted. Real ids are a few dozen characters; the limits
#: keep graph engines safe (FalkorDB crashes on unique keys of some 4,000 characters).
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 1000

Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS,
                          pattern=r"^[^\s:@\x00-\x1f\x7f-\x9f]+$")]
"""An entity id: no spaces or control characters, no ``:`` or ``@`` (they separate parts of a
graph ``uid``), at most 200 characters."""

def _no_control_characters(text: str) -> str:
    found = CONTROL_CHARACTERS.search(text)
    if found:
        raise PydanticCustomError(
            "control_character", "holds the control character U+{code} at position {at}",
            {"code": f"{ord(found.group()):04X}", "at": found.start() + 1})
    return text


Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS), AfterValidator(_no_control_characters)]
"""Free text (a name, a title): at most 1,000 characters, no control characters but tab and
newline."""
LongText = Annotated[str, Field(max_length=50 * MAX_TEXT_CHARS),
                    AfterValidator(_no_control_characters)]
"""A description: at most 50,000 characters, no control characters but tab and newline."""


def _vocabulary(enum: type[StrEnum]) -> Any:
    """Return ``enum`` as a field type that also accepts its Dutch synonyms (normalised)."""
    return Annotated[enum, BeforeValidator(lambda value: enums.normalise(enum, value))]


UnitKindField = _vocabulary(enums.UnitKind)
RoleField = _vocabulary(enums.Role)
BodyKindField = _vocabulary(enums.BodyKind)
ProgrammeKindField = _vocabulary(enums.ProgrammeKind)
SectorField = _vocabulary(enums.PartnerSector)
ScopeField = _vocabulary(enums.PartnerScope)
ModeField = _vocabulary(enums.PartnerMode)


def empty_list() -> list[Any]:
    """The default factory of a list field: a new empty list.

    A Python function rather than the builtin ``list``: pydantic reads the signature of every
    default factory as it builds a model, and a builtin's signature is parsed from its text,
    about twenty times slower, which every command paid at start.

    >>> empty_list()
    []
    """
    return []


class _Model(BaseModel):
    # allow_inf_nan=False: `fte: .inf` or `budget: .nan` is a typing mistake, and no engine or
    # JSON reader downstream accepts it.
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False,
                              allow_inf_nan=False)


class Entity(_Model):
    """Anything with a dataset-unique ``id`` and a ``name``."""

    id: Id
    name: Text = Field(min_length=1)


class CityInfo(Entity):
    """The city itself.

    Attributes: ``population``, ``legislature`` (``2019-2024``), ``region`` (province),
    ``sources`` (where the facts come from: cite them).
    """

    population: int | None = Field(default=None, ge=0, le=100_000_000)
    legislature: Text | None = None
    region: Text | None = None
    sources: list[str] = Field(default_factory=empty_list)


class Domain(Entity):
    """A policy domain (beleidsdomein / beleidsveld); domains form a forest through ``parent``."""

    parent: Id | None = None
    bbc: list[str] = Field(default_factory=empty_list)


class Unit(Entity):
    """A unit of the administration: service, cluster, staff or strategic cell, agency, ...

    ``fte`` is the unit's own staff, children excluded. ``support`` marks a support
    (bedrijfsvoering) cluster. ``legal_form`` is for agencies (AGB, EVA, vzw, intergemeentelijk).
    """

    kind: UnitKindField
    parent: Id | None = None
    fte: float | None = Field(default=None, ge=0, le=1_000_000)
    budget: float | None = None
    domains: list[Id] = Field(default_factory=empty_list)
    support: bool | None = None
    legal_form: Text | None = None


class Body(Entity):
    """A body people sit in: the college, the council, the management team (MAT), ..."""

    kind: BodyKindField


class PortfolioItem(_Model):
    """One item of a college member's portfolio: the ``title`` as published and its ``domain``."""

    title: Text = Field(min_length=1)
    domain: Id


class Person(Entity):
    """A person: college member, director, manager.

    ``steers`` is an explicit political line to units, ``heads`` the units a person manages.
    """

    role: RoleField
    party: Text | None = None
    portfolio: list[PortfolioItem] = Field(default_factory=empty_list)
    steers: list[Id] = Field(default_factory=empty_list)
    heads: list[Id] = Field(default_factory=empty_list)
    member_of: list[Id] = Field(default_factory=empty_list)

    @property
    def in_college(self) -> bool:
        """Whether this person is a college member (mayor, alderman or OCMW chair)."""
        return self.role in enums.COLLEGE_ROLES


class Challenge(Entity):
    """A societal challenge (maatschappelijke opgave) programmes address."""


class PartnerRole(_Model):
    """A partner's part in a programme."""

    partner: Id
    mode: ModeField = enums.PartnerMode.other


class Programme(Entity):
    """A programme, strategic project, project or action plan across units."""

    kind: ProgrammeKindField = enums.ProgrammeKind.programme
    lead: Id | None = None
    contributors: list[Id] = Field(default_factory=empty_list)
    sponsor: Id | None = None
    domains: list[Id] = Field(default_factory=empty_list)
    challenges: list[Id] = Field(default_factory=empty_list)
    partners: list[PartnerRole] = Field(default_factory=empty_list)

    @property
    def units(self) -> list[str]:
        """The lead and the contributors, each once, lead first."""
        seen = [self.lead] if self.lead else []
        return seen + [u for u in dict.fromkeys(self.contributors) if u != self.lead]


class Relation(_Model):
    """The city's relation to a partner, after the CSI Flanders survey."""

    funding_share: float | None = Field(default=None, ge=0, le=1)
    controls_operation: bool | None = None
    controls_finances: bool | None = None
    controls_performance: bool | None = None
    asks_impact: bool | None = None
    content_partner: bool | None = None
    indispensable_funder: bool | None = None
    no_interference: bool | None = None
    autonomous: bool | None = None
    allows_advocacy: bool | None = None


class Partner(Entity):
    """An external partner: civil society, citizen initiative, business, knowledge, government."""

    sector: SectorField
    scope: ScopeField | None = None
    relation: Relation | None = None


#: The entity sections of a dataset and the model of one entry, in the order they are written
#: and validated.
SECTION_MODELS: dict[str, type[Entity]] = {
    "domains": Domain, "units": Unit, "bodies": Body, "people": Person,
    "challenges": Challenge, "programmes": Programme, "partners": Partner,
}
SECTIONS = tuple(SECTION_MODELS)
#: What one entry of each section is called in messages ("unit 'x' has no parent").
NOUNS = {"domains": "domain", "units": "unit", "bodies": "body", "people": "person",
         "challenges": "challenge", "programmes": "programme", "partners": "partner"}


class Sections(_Model):
    """The entity sections, written once for a dataset (:class:`City`) and a scenario's ``add``.

    Each is a list of entries of the section's model in :data:`SECTION_MODELS`, empty by default.
    A test checks that the fields here are :data:`SECTIONS`, in that order.
    """

    domains: list[Domain] = Field(default_factory=empty_list)
    units: list[Unit] = Field(default_factory=empty_list)
    bodies: list[Body] = Field(default_factory=empty_list)
    people: list[Person] = Field(default_factory=empty_list)
    challenges: list[Challenge] = Field(default_factory=empty_list)
    programmes: list[Programme] = Field(default_factory=empty_list)
    partners: list[Partner] = Field(default_factory=empty_list)


class _Header(_Model):
    # The fields a dataset has before its sections. A base class of its own so that `City` lists
    # them first: pydantic orders inherited fields by the reversed MRO, and the field order is the
    # order of written files and of the JSON Schema's properties.
    format: Literal["orggraph/1"] = FORMAT
    city: CityInfo
    taxonomy: str | None = None


class City(Sections, _Header):
    """A whole dataset: one city's organisation, college, programmes and partners.

    ``taxonomy`` names a bundled domain taxonomy (``bbc``) whose domains the loader has already
    added to ``domains``.
    """

    @property
    def id(self) -> str:
        """The city's id, the prefix of every graph ``uid``."""
        return self.city.id

    @property
    def college(self) -> list[Person]:
        """The college members (mayor, aldermen, OCMW chair) in dataset order."""
        return [p for p in self.people if p.in_college]
