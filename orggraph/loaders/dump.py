"""Turn a :class:`City` back into a dataset document (``format: orggraph/1``) and write it.

The document holds plain JSON values only: enums as their values, no ``None`` and no field left at
its default, so that what is written reads like a hand-made dataset and loads back into an equal
city. A city that uses a bundled taxonomy is written with ``taxonomy:`` and only its own domains,
since the loader adds the taxonomy's domains again.

Examples
--------
>>> from orggraph.examples import load_example
>>> doc = dump_city(load_example("tiny"))
>>> doc["format"], doc["city"]["id"]
('orggraph/1', 'tiny')
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from pydantic import TypeAdapter
from ruamel.yaml import YAML
from ruamel.yaml.representer import SafeRepresenter

from orggraph.errors import ExportError
from orggraph.files import write_atomic
from orggraph.loaders.taxonomy import taxonomy_domains
from orggraph.schemas.dataset import FORMAT, SECTION_MODELS, SECTIONS, City

__all__ = ["WRITE_SUFFIXES", "dump_city", "write_city", "write_document"]

#: File suffixes :func:`write_city` can write.
WRITE_SUFFIXES = (".json", ".yaml", ".yml")

# One adapter per section: dumping a whole list at once is several times faster than
# calling model_dump on every entry of a 100k-unit city.
_ADAPTERS: dict[str, TypeAdapter] = {
    name: TypeAdapter(list[model]) for name, model in SECTION_MODELS.items()
}
_PLAIN = {"mode": "json", "exclude_none": True, "exclude_defaults": True}


def dump_city(city: City) -> dict[str, Any]:
    """Return ``city`` as a dataset document of plain JSON values.

    Sections that are empty are left out; so are the domains a bundled taxonomy provides.

    >>> from orggraph.schemas import City, CityInfo, Unit
    >>> city = City(city=CityInfo(id="x", name="X"),
    ...             units=[Unit(id="stad", name="Stad", kind="organisation")])
    >>> dump_city(city)
    {'format': 'orggraph/1', 'city': {'id': 'x', 'name': 'X'}, 'units': [{'id': 'stad', \
'name': 'Stad', 'kind': 'organisation'}]}
    """
    doc: dict[str, Any] = {"format": FORMAT,
                           "city": city.city.model_dump(**_PLAIN)}
    if city.taxonomy:
        doc["taxonomy"] = city.taxonomy
    for name in SECTIONS:
        items = getattr(city, name)
        if name == "domains" and city.taxonomy:
            bundled = {d["id"] for d in taxonomy_domains(city.taxonomy)}
            items = [d for d in items if d.id not in bundled]
        if items:
            doc[name] = _ADAPTERS[name].dump_python(items, **_PLAIN)
    return doc


def _write_json(doc: dict[str, Any], handle: IO[str]) -> None:
    json.dump(doc, handle, ensure_ascii=False, indent=1)
    handle.write("\n")


class _Representer(SafeRepresenter):
    """Write text holding a NEL (U+0085) double-quoted: ruamel's single-quoted form breaks it."""

    def represent_str(self, data: str) -> Any:
        if "\x85" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _write_yaml(doc: dict[str, Any], handle: IO[str]) -> None:
    yaml = YAML(typ="safe", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # keep the order of the format: id, name, ...
    yaml.dump(doc, handle)


_WRITERS: dict[str, Callable[[dict[str, Any], IO[str]], None]] = {
    ".json": _write_json, ".yaml": _write_yaml, ".yml": _write_yaml,
}


def write_document(doc: dict[str, Any], path: Path | str) -> Path:
    """Write a document as JSON or YAML (by the suffix of ``path``), all or nothing.

    The text goes to a temporary file next to ``path`` that replaces it only once complete, so a
    failure never leaves a half-written or truncated file behind. Raises
    :class:`ExportError` for an unsupported suffix or a folder that cannot be written.
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ExportError(f"cannot write '{path.name}': use a file name ending in "
                          + ", ".join(WRITE_SUFFIXES) + ".")
    return write_atomic(path, lambda handle: writer(doc, handle))


def write_city(city: City, path: Path | str) -> Path:
    """Write ``city`` as a dataset file, YAML or JSON by the suffix of ``path`` (atomically).

    >>> import tempfile, orggraph
    >>> from orggraph.examples import load_example
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_city(load_example("tiny"), Path(folder) / "tiny.json")
    ...     orggraph.load(written) == load_example("tiny")
    True
    """
    return write_document(dump_city(city), path)
