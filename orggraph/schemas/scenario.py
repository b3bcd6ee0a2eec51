"""Pydantic models of a scenario file (`format: orggraph-scenario/1`, docs/design.md §4).

A scenario names its base dataset and lists changes, each a mapping with exactly one key (the
kind of change) whose value holds the change's fields. Unknown fields are errors.

Examples
--------
>>> s = Scenario.model_validate({"format": "orggraph-scenario/1", "name": "One move",
...     "changes": [{"move": {"unit": "dienst-jeugd", "to": "cluster-ruimte"}}]})
>>> s.changes[0].action.verb, s.changes[0].action.describe()
('move', 'move unit dienst-jeugd under cluster-ruimte')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from orggraph.schemas.dataset import Id, LongText, Sections, Text, empty_list

__all__ = [
    "Add",
    "Change",
    "CHANGE_TYPES",
    "FORMAT",
    "Merge",
    "MergeInto",
    "Move",
    "Reassign",
    "Remove",
    "Rename",
    "Scenario",
    "Steer",
    "Give",
]

FORMAT = "orggraph-scenario/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Action(_Model):
    verb: ClassVar[str] = ""

    def describe(self) -> str:
        """Return the change in a few words, for messages."""
        fields = ", ".join(f"{k}={v}" for k, v in self.model_dump(by_alias=True).items())
        return f"{self.verb} {fields}"


class Move(_Action):
    """Hang ``unit`` under ``to`` (a new parent unit)."""

    verb: ClassVar[str] = "move"
    unit: Id
    to: Id

    def describe(self) -> str:
        """Return the change in a few words, for messages."""
        return f"move unit {self.unit} under {self.to}"


class Reassign(_Action):
    """Move one portfolio item, by its published ``title``, from one college member to another.

    ``domain`` picks one item when the member holds several with the same title.
    """

    verb: ClassVar[str] = "reassign"
    title: Text = Field(min_length=1)
    from_: Id = Field(alias="from")
    to: Id
    domain: Id | None = None


class Give(_Action):
    """Give ``to`` every portfolio item whose domain is ``domain`` or lies under it."""

    verb: ClassVar[str] = "give"
    domain: Id
    to: Id


class Steer(_Action):
    """Make ``to`` the only college member with an explicit political line to ``unit``."""

    verb: ClassVar[str] = "steer"
    unit: Id
    to: Id


class MergeInto(_Model):
    """The unit that merged units become."""

    id: Id
    name: Text = Field(min_length=1)


class Merge(_Action):
    """Merge ``units`` into one new unit: kind and parent of the first, fte summed, domains united.

    Children, programme roles and political lines (steers, heads) move to the new unit.
    """

    verb: ClassVar[str] = "merge"
    units: list[Id] = Field(min_length=2)
    into: MergeInto


class Rename(_Action):
    """Give the entity ``id`` (of any section) a new ``name``."""

    verb: ClassVar[str] = "rename"
    id: Id
    name: Text = Field(min_length=1)


class Add(Sections, _Action):
    """Add entities, written exactly as in a dataset."""

    verb: ClassVar[str] = "add"

    def describe(self) -> str:
        """Return the change in a few words, for messages."""
        added = [e.id for name in type(self).model_fields for e in getattr(self, name)]
        return "add " + ", ".join(added)


class Remove(_Action):
    """Remove the entity ``id``; refused while anything still points at it."""

    verb: ClassVar[str] = "remove"
    id: Id


#: Change kinds by the key that introduces them in a scenario file, in docs/design.md §4's order.
CHANGE_TYPES: dict[str, type[_Action]] = {
    cls.verb: cls for cls in (Move, Reassign, Give, Steer, Merge, Rename, Add, Remove)
}


class Change(_Model):
    """One change: exactly one of its fields is set (``{move: {...}}`` in a file)."""

    move: Move | None = None
    reassign: Reassign | None = None
    give: Give | None = None
    steer: Steer | None = None
    merge: Merge | None = None
    rename: Rename | None = None
    add: Add | None = None
    remove: Remove | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        set_ = [k for k in CHANGE_TYPES if getattr(self, k) is not None]
        if len(set_) != 1:
            raise ValueError("a change has exactly one of " + ", ".join(CHANGE_TYPES)
                             + f" (got {', '.join(set_) or 'none'})")
        return self

    @property
    def action(self) -> _Action:
        """The change itself (the one field that is set)."""
        return next(getattr(self, k) for k in CHANGE_TYPES if getattr(self, k) is not None)

    @classmethod
    def of(cls, action: _Action) -> Change:
        """Wrap an action as a change.

        >>> Change.of(Rename(id="x", name="X")).rename.name
        'X'
        """
        return cls(**{action.verb: action})


class Scenario(_Model):
    """A scenario: a named, ordered list of changes to a base dataset.

    Attributes: ``base`` (path of the base dataset, relative to the scenario file), ``name``,
    ``description``, ``changes``.
    """

    format: Literal["orggraph-scenario/1"] = FORMAT
    base: str | None = None
    name: Text = Field(min_length=1)
    description: LongText | None = None
    changes: list[Change] = Field(default_factory=empty_list)
    # Where the scenario was read from, and the origin of each change (for located messages).
    _path: Path | None = PrivateAttr(default=None)
    _origins: list[Any] = PrivateAttr(default_factory=list)

    @property
    def path(self) -> Path | None:
        """The file the scenario was read from, if any."""
        return self._path

    @property
    def base_path(self) -> Path | None:
        """The base dataset named by ``base``, resolved against the scenario file's folder."""
        if self.base is None:
            return None
        folder = self._path.parent if self._path else Path()
        return folder / self.base

    def origin(self, index: int) -> Any:
        """Return the origin (file and position) of change ``index`` (0-based), if known."""
        return self._origins[index] if index < len(self._origins) else None
