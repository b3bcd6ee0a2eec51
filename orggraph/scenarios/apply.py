"""Apply a scenario's changes, in order, to a copy of its base city (docs/design.md §4).

Each change either works or raises :class:`ChangeError`, which names the change by its index
(counted from 1, as a user counts), what it could not find and the closest existing ids. The
result is then validated like a dataset, with problems pointing at the change that caused them.
The base is never modified: changes work on a draft that shares the base's entities until a change
touches one (copy on write), and the city returned is the one validation builds, which shares no
mutable object with the base.

>>> from orggraph.examples import load_example
>>> from orggraph.schemas.scenario import Scenario
>>> base = load_example("tiny")
>>> s = Scenario(name="Youth to space", changes=[{"move": {"unit": "dienst-jeugd",
...                                                        "to": "cluster-ruimte"}}])
>>> after = apply(base, s)
>>> [u.parent for u in after.units if u.id == "dienst-jeugd"]
['cluster-ruimte']
>>> [u.parent for u in base.units if u.id == "dienst-jeugd"]
['cluster-mens']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import TypeAdapter

from orggraph.errors import ChangeError, InvalidDataError, Problem, ScenarioError
from orggraph.loaders.sources import Origin, RawDataset
from orggraph.loaders.validate import build_city
from orggraph.scenarios.changes import CHANGES, Step
from orggraph.scenarios.checks import BaseIds, draft_holds
from orggraph.scenarios.draft import Draft
from orggraph.schemas.dataset import FORMAT, SECTION_MODELS, SECTIONS, City
from orggraph.schemas.scenario import Scenario

__all__ = ["apply", "apply_view", "load_applied", "load_scenarios"]

#: Dump a whole section in one call (as fast again as entity by entity).
_DUMP = {section: TypeAdapter(list[model]) for section, model in SECTION_MODELS.items()}


def apply(base: City, scenario: Scenario | dict) -> City:
    """Return the city that results from applying ``scenario``'s changes, in order, to ``base``.

    ``scenario`` is a :class:`Scenario` (for example from :func:`load_scenario`) or a plain
    mapping in the file format. ``base`` is not modified.

    Raises :class:`~orggraph.errors.ChangeError` when a change cannot be applied and
    :class:`~orggraph.errors.InvalidDataError` when the result is not a valid dataset.
    """
    if not isinstance(scenario, Scenario):
        scenario = Scenario.model_validate(scenario)
    city, _, touched = _changed(base, scenario)
    return _revalidate(city, scenario, touched)


def apply_view(base: City, scenario: Scenario | dict, ids: BaseIds | None = None) -> City:
    """Return the city of :func:`apply`, as a view over ``base``: read it, never modify it.

    The entities the changes touched are copies; every other one is the base's own object, so
    that a view costs memory and time in proportion to what changed. Validation checks only
    the changed entities (see :func:`~orggraph.scenarios.checks.draft_holds`) when that is
    enough to know the result valid, and runs in full otherwise, with the same problems as
    :func:`apply`. ``base`` must be a valid dataset (as loading makes it); ``ids``, read from it
    once, spares reading it again for each scenario.

    >>> from orggraph.examples import load_example
    >>> base = load_example("tiny")
    >>> s = Scenario(name="Youth to space", changes=[{"move": {"unit": "dienst-jeugd",
    ...                                                        "to": "cluster-ruimte"}}])
    >>> view = apply_view(base, s)
    >>> view == apply(base, s), view.units[0] is base.units[0]
    (True, True)
    """
    if not isinstance(scenario, Scenario):
        scenario = Scenario.model_validate(scenario)
    ids = ids if ids is not None else BaseIds(base)
    city, draft, touched = _changed(base, scenario, ids.shared)
    if draft_holds(ids, city, draft):
        return city
    return _revalidate(city, scenario, touched)


def _changed(base: City, scenario: Scenario,
             shared: set[int] | None = None) -> tuple[City, Draft, dict[str, int]]:
    """Apply the changes to a draft; return it, its copies and entity id → last change index."""
    draft = Draft(base, shared)
    city = draft.city(base)
    touched: dict[str, int] = {}
    for i, change in enumerate(scenario.changes):
        action = change.action
        step = Step(i + 1, action.verb, scenario.origin(i), draft)
        for ident in CHANGES[type(action)](city, action, step):
            touched[ident] = i
    return city, draft, touched


def load_applied(path: Path) -> tuple[City, Scenario | None]:
    """Load a dataset, or a scenario file applied to the base dataset it names.

    Returns the city and the scenario (None for a dataset). A scenario without ``base`` is an
    :class:`~orggraph.errors.InvalidDataError`.

    >>> from orggraph.examples import example_path
    >>> city, scenario = load_applied(example_path("tiny"))
    >>> city.id, scenario
    ('tiny', None)
    """
    from orggraph.loaders import load
    from orggraph.scenarios.load import is_scenario_file, load_scenario

    if not is_scenario_file(path):
        return load(path), None
    scenario = load_scenario(path)
    if scenario.base_path is None:
        raise InvalidDataError([Problem(path, None, "this scenario names no `base` dataset; "
                                        "add `base: <dataset file>` to use it on its own.")])
    return _applied(load(scenario.base_path), scenario), scenario


def _applied(base: City, scenario: Scenario, ids: BaseIds | None = None) -> City:
    """Apply ``scenario`` (as a view), its change errors reported as located problems."""
    try:
        return apply_view(base, scenario, ids)
    except ChangeError as error:
        raise InvalidDataError([error.problem]) from None
    except ScenarioError as error:
        raise InvalidDataError([Problem(scenario.path, None, str(error))]) from None


def load_scenarios(base: City, paths: Sequence[Path]) -> list[Scenario]:
    """Load every scenario file and try it on ``base``.

    Raises one :class:`~orggraph.errors.InvalidDataError` listing the problems of every broken
    scenario, so that a team sees them all at once instead of one per run.
    """
    from orggraph.scenarios.load import load_scenario

    loaded, problems = [], []
    ids = BaseIds(base)
    for path in paths:
        try:
            scenario = load_scenario(path)
            _applied(base, scenario, ids)
        except InvalidDataError as error:
            problems.extend(error.problems)
            continue
        loaded.append(scenario)
    if problems:
        raise InvalidDataError(problems)
    return loaded


# --- validation of the result -----------------------------------------------------------------


def _revalidate(city: City, scenario: Scenario, touched: dict[str, int]) -> City:
    """Validate the result like a dataset; point problems at the change that caused them.

    Returns the city validation builds: equal to ``city``, made of new objects only.
    """
    raw = RawDataset()
    nowhere = Origin(None)
    raw.format.append((FORMAT, nowhere))
    raw.city = (city.city.model_dump(mode="json", exclude_none=True), nowhere)
    for section in SECTIONS:
        entities = getattr(city, section)
        dumped = _DUMP[section].dump_python(entities, mode="json", exclude_none=True)
        raw.sections[section] = [(value, _origin(scenario, touched.get(entity.id)))
                                 for value, entity in zip(dumped, entities, strict=True)]
    try:
        result = build_city(raw)
    except InvalidDataError as error:
        raise InvalidDataError([_blame(p, scenario, touched) for p in error.problems]) from None
    if city.taxonomy is not None:  # its domains are in `domains` already
        result.taxonomy = city.taxonomy
    return result


def _origin(scenario: Scenario, index: int | None) -> Origin:
    if index is None:
        return Origin(None)
    return scenario.origin(index) or Origin(None, ("change", index))


def _blame(problem: Problem, scenario: Scenario, touched: dict[str, int]) -> Problem:
    """Point a problem of the result at the change that last touched the entity it is about."""
    culprit = touched.get(problem.entity) if problem.entity is not None else None
    if culprit is None:
        return Problem(scenario.path, None, f"after the changes: {problem.message}",
                       problem.section, problem.entity)
    verb = scenario.changes[culprit].action.verb
    origin = scenario.origin(culprit)
    line = origin.problem("").line if origin is not None else None
    return Problem(scenario.path, line, f"after change {culprit + 1} ({verb}): "
                   f"{problem.message}", problem.section, problem.entity)
