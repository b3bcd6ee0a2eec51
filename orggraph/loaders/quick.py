"""Load a valid JSON or YAML dataset quickly, or say that the detailed reader must look at it.

The detailed path (:func:`~orggraph.loaders.sources.read_dataset`, then
:func:`~orggraph.loaders.validate.build_city`) keeps, for every entry, where it stands in its file,
so that each mistake can be reported with its line and a suggestion. A valid dataset needs none of
that. :func:`load_quickly` reads a single JSON or YAML file without it: parsing and the
duplicate-key check happen in compiled code (``jiter`` for JSON, libyaml through
:func:`~orggraph.loaders.quick_yaml.read_plain_yaml` for YAML), every section is validated by
pydantic in one call, and the checks between entries (unique ids, references, trees, the
root) are set and list operations. It accepts exactly what the detailed path accepts and builds
the same :class:`~orggraph.schemas.dataset.City`; whenever anything is not plainly valid it
returns ``None`` and :func:`orggraph.load` reads the file again the detailed way, which then
explains.

>>> from orggraph.examples import example_path, load_example
>>> load_quickly(example_path("tiny")) == load_example("tiny")
True
"""

from __future__ import annotations

from functools import cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

import jiter
from pydantic import TypeAdapter, ValidationError

from orggraph.loaders import quick_yaml, sources
from orggraph.loaders.gcpause import gc_paused
from orggraph.loaders.limits import check_shape, max_entries
from orggraph.loaders.references import REFERENCES
from orggraph.loaders.taxonomy import available_taxonomies, taxonomy_domains
from orggraph.schemas import enums
from orggraph.schemas.dataset import (
    FORMAT,
    SECTION_MODELS,
    SECTIONS,
    City,
    CityInfo,
)

__all__ = ["consistent", "has_cycle", "load_quickly"]

_BOM = b"\xef\xbb\xbf"


def load_quickly(path: Path | str) -> City | None:
    """Return the :class:`City` of a valid single JSON or YAML dataset file, or ``None``.

    ``None`` means "read it the detailed way": the file is not a single JSON or YAML file, or
    something in it may be wrong. Never raises for bad data.

    >>> import tempfile
    >>> from orggraph.examples import load_example
    >>> from orggraph.loaders.dump import write_city
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     city = load_quickly(write_city(load_example("tiny"), Path(folder) / "tiny.json"))
    >>> city == load_example("tiny")
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        return None
    # The detailed reader's size limits, so that a file over one is refused whether valid or not.
    limit = sources.MAX_FILE_BYTES if suffix == ".json" else sources.MAX_YAML_BYTES
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
    except OSError:
        return None
    with gc_paused():
        return _city(path)


def _document(path: Path) -> dict[str, Any] | None:
    """Return the parsed mapping of a JSON or YAML file within the limits, or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if path.suffix.lower() == ".json":
        try:
            doc = jiter.from_json(data, catch_duplicate_keys=True, cache_mode="keys")
        except ValueError:  # not JSON, a duplicate key, a long number: the detailed path says so
            return None
        return doc if isinstance(doc, dict) and _within_limits(doc, data) else None
    try:  # as the detailed reader reads text: UTF-8, universal newlines
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return None
    del data
    doc = quick_yaml.read_plain_yaml(text)
    return doc if isinstance(doc, dict) and check_shape(doc) is None else None


def _city(path: Path) -> City | None:
    doc = _document(path)
    if doc is None or doc.get("format") != FORMAT:
        return None
    try:
        info = CityInfo.model_validate(doc.pop("city", None))
    except ValidationError:
        return None
    taxonomy = None
    if "taxonomy" in doc:
        taxonomy = doc.pop("taxonomy")
        if not (isinstance(taxonomy, str) and taxonomy in available_taxonomies()):
            return None
        if not isinstance(doc.get("domains", []), list):
            return None
        doc["domains"] = taxonomy_domains(taxonomy) + doc.get("domains", [])
    doc.pop("format")
    if not doc.keys() <= set(SECTIONS):
        return None
    models: dict[str, list[Any]] = {}
    for name in SECTIONS:
        # pop: each section's plain values are freed once its models exist
        values = doc.pop(name, [])
        if not isinstance(values, list):
            return None
        try:
            models[name] = _adapter(name).validate_python(values)
        except ValidationError:
            return None
        del values
    if not consistent(info, models):
        return None
    return City(city=info, taxonomy=taxonomy, **models)


def _within_limits(doc: dict[str, Any], data: bytes) -> bool:
    """Tell whether :func:`~orggraph.loaders.limits.check_shape` accepts ``doc``, mostly without
    walking it.

    A valid document nests at most five levels (the models allow no deeper value), so only the
    entry count matters. Without duplicate keys (refused already), ``doc`` holds
    ``1 + Σ len(container)`` entries, and ``Σ len`` is at most the commas plus the containers;
    every section entry is a container. If even that bound is within the limit, so is the count;
    otherwise the exact walk decides.
    """
    lists = [v for v in doc.values() if isinstance(v, list)]
    containers = 1 + len(lists) + sum(map(len, lists))
    if 1 + data.count(b",") + containers <= max_entries(containers):
        return True
    return check_shape(doc) is None


@cache
def _adapter(name: str) -> TypeAdapter:
    return TypeAdapter(list[SECTION_MODELS[name]])


def _columns(entries: list[Any], fields: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    """Return each of ``fields`` over ``entries`` as a tuple, reading every entry once."""
    rows = list(map(attrgetter(*fields), entries)) if len(fields) > 1 else \
        [(v,) for v in map(attrgetter(fields[0]), entries)]
    return dict(zip(fields, zip(*rows, strict=True), strict=True)) if rows else \
        dict.fromkeys(fields, ())


def consistent(info: CityInfo, models: dict[str, list[Any]]) -> bool:
    """Tell whether the detailed path's checks between entries find nothing, with set and list
    operations only: ids unique (the city's too), every reference naming an entity of the right
    section, no cycle through ``parent``, one organisation root without a parent and every other
    unit under one, ``support`` on clusters only.

    >>> from orggraph.examples import load_example
    >>> city = load_example("tiny")
    >>> consistent(city.city, {name: getattr(city, name) for name in SECTIONS})
    True
    """
    wanted: dict[str, list[str]] = {name: ["id"] for name in SECTIONS}
    for section, field, _ in REFERENCES:
        wanted[section].append(field)
    wanted["units"] += ["kind", "support"]
    cols = {name: _columns(models[name], tuple(fields)) for name, fields in wanted.items()}
    ids = {name: set(cols[name]["id"]) for name in SECTIONS}
    every: set[str] = set().union(*ids.values())
    if len(every) != sum(map(len, models.values())) or info.id in every:
        return False
    for section, field, target in REFERENCES:
        values = cols[section][field]
        if field in ("parent", "lead", "sponsor"):
            refs = set(values)
            refs.discard(None)
        else:
            refs = set(chain.from_iterable(values))
        if not refs <= ids[target]:
            return False
    held = {item.domain for p in models["people"] for item in p.portfolio}
    partners = {r.partner for p in models["programmes"] for r in p.partners}
    if not (held <= ids["domains"] and partners <= ids["partners"]):
        return False
    # A unit or domain that is its own parent is a cycle too.
    if any(has_cycle(dict(zip(cols[name]["id"], cols[name]["parent"], strict=True)))
           for name in ("units", "domains")):
        return False
    return _one_root(cols["units"])


def has_cycle(parent: dict[str, str | None]) -> bool:
    """Tell whether following ``parent`` from some id comes back to it.

    Leaves (ids nobody names as parent) are peeled off round after round; what a forest leaves
    behind is nothing. Each round is one pass in compiled code, and a round removes every
    current leaf, so an organisation of depth ``d`` takes ``d`` rounds; past 64 rounds a plain
    walk takes over, which costs the same on any shape.

    >>> has_cycle({"a": None, "b": "a", "c": "b"}), has_cycle({"a": "b", "b": "a", "c": None})
    (False, True)
    """
    for _ in range(64):
        named = set(parent.values())
        left = {k: v for k, v in parent.items() if k in named}
        if len(left) == len(parent):
            return bool(left)
        parent = left
    done: set[str] = set()
    for start in parent:
        path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in path:
                return True
            path.add(node)
            node = parent.get(node)
        done |= path
    return False


def _one_root(units: dict[str, tuple[Any, ...]]) -> bool:
    kinds, parents = units["kind"], units["parent"]
    if kinds.count(enums.UnitKind.organisation) != 1 or parents.count(None) != 1:
        return False
    if parents[kinds.index(enums.UnitKind.organisation)] is not None:
        return False
    return {k for k, s in zip(kinds, units["support"], strict=True) if s is not None} <= {
        enums.UnitKind.cluster}
