"""Export a city to a standard format, import one: the file-level entry points of the package.

>>> import tempfile
>>> from orggraph.examples import load_example
>>> with tempfile.TemporaryDirectory() as folder:
...     out = export_city(load_example("tiny"), "popolo", Path(folder) / "tiny.json")
...     result = import_file(out, "popolo")
>>> result.doc["city"]["id"]
'tiny'
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from orggraph.errors import InvalidDataError
from orggraph.files import write_atomic
from orggraph.interop.result import ImportFailed, ImportResult
from orggraph.loaders.dump import WRITE_SUFFIXES, write_document
from orggraph.schemas.dataset import City

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "export_city", "export_text", "import_file",
           "validate_document"]

#: What ``--to`` accepts, and what ``--from`` accepts.
EXPORT_FORMATS = ("org-turtle", "org-jsonld", "popolo")
IMPORT_FORMATS = ("mandaten", "org", "popolo")


def export_text(city: City, to: str, base: str | None = None) -> str:
    """Return ``city`` as text in the format ``to`` (one of :data:`EXPORT_FORMATS`)."""
    if to == "popolo":
        from orggraph.interop.popolo import city_popolo

        return json.dumps(city_popolo(city), ensure_ascii=False, indent=1) + "\n"
    from orggraph.interop.org_rdf import DEFAULT_BASE, city_graph

    graph = city_graph(city, base or DEFAULT_BASE)
    if to == "org-turtle":
        return graph.serialize(format="turtle")
    context = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    return graph.serialize(format="json-ld", context=context, indent=1)


def export_city(city: City, to: str, out: Path, base: str | None = None) -> Path:
    """Write ``city`` to ``out`` in the format ``to``, atomically."""
    return write_atomic(out, export_text(city, to, base))


def import_file(path: Path, source: str, bestuurseenheid: str | None = None,
                as_of: dt.date | None = None) -> ImportResult:
    """Read ``path`` as ``source`` (one of :data:`IMPORT_FORMATS`) into a dataset document."""
    path = Path(path)
    if source == "popolo":
        from orggraph.interop.popolo import read_popolo

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ImportFailed(f"{path}: no such file.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportFailed(f"{path}: is not JSON ({error}); a Popolo file is a JSON "
                               "object with 'organizations', 'persons' and 'memberships'."
                               ) from None
        return read_popolo(data, str(path))
    from orggraph.interop.rdf_files import read_rdf

    graph = read_rdf(path)
    if source == "org":
        from orggraph.interop.org_import import read_org_graph

        return read_org_graph(graph, bestuurseenheid, path)
    from orggraph.interop.mandaten import read_mandaten

    return read_mandaten(graph, bestuurseenheid, as_of or dt.date.today(), path)


def validate_document(result: ImportResult, out: Path) -> City:
    """Validate the imported document as a dataset, then write it to ``out`` (YAML or JSON).

    Nothing is written when it does not validate: :class:`ImportFailed` lists the problems.
    """
    from orggraph.loaders import load

    if Path(out).suffix.lower() not in WRITE_SUFFIXES:
        raise ImportFailed(f"cannot write '{out}': a dataset file ends in "
                           + ", ".join(WRITE_SUFFIXES) + ".")
    with tempfile.TemporaryDirectory() as folder:
        trial = write_document(result.doc, Path(folder) / ("imported" + Path(out).suffix))
        try:
            city = load(trial)
        except InvalidDataError as error:
            problems = "\n".join(f"  {p.message}" for p in error.problems)
            raise ImportFailed(f"the imported data does not make a valid dataset, so {out} was "
                               f"not written:\n{problems}") from None
    write_document(result.doc, out)
    return city
