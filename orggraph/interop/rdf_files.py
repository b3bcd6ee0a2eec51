"""Read an RDF file (Turtle, N-Triples, RDF/XML or JSON-LD) into one graph of canonical terms.

Namespaces arrive in ``http://`` and ``https://`` forms; every term is rewritten to the form of
:mod:`orggraph.interop.vocab` while reading, so that queries look for one form only.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "x.ttl"
...     _ = path.write_text("<https://e.org/a> a <https://www.w3.org/ns/org#Organization> .")
...     g = read_rdf(path)
>>> from orggraph.interop.vocab import ORG
>>> (URIRef("https://e.org/a"), RDF.type, ORG.Organization) in g
True
"""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.util import guess_format

from orggraph.interop.result import ImportFailed, slug
from orggraph.interop.vocab import BESLUIT, RDF, SKOS, canonical
from orggraph.loaders.suggest import did_you_mean

__all__ = ["RDF_SUFFIXES", "choose_eenheid", "label", "read_rdf", "typed"]

#: File suffixes read as RDF, and the rdflib parser for each.
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".rdf": "xml", ".xml": "xml",
                ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
                ".nq": "nquads"}


def read_rdf(path: Path) -> Graph:
    """Parse ``path`` as RDF (format by suffix) and return its triples in canonical terms."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file.")
    fmt = RDF_SUFFIXES.get(path.suffix.lower()) or guess_format(str(path)) or "turtle"
    raw = Graph()
    try:
        with warnings.catch_warnings():
            # rdflib 7's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
            warnings.simplefilter("ignore", DeprecationWarning)
            raw.parse(path, format=fmt)
    except Exception as error:  # noqa: BLE001 - rdflib's parsers raise many unrelated types
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ImportFailed(
            f"{path}: cannot be read as {fmt} RDF ({first[:200]}). Give a Turtle (.ttl), "
            "N-Triples (.nt), RDF/XML (.rdf) or JSON-LD (.jsonld) file, such as a "
            "Mandatendatabank export or an `orggraph export --to org-turtle` file.") from None
    if len(raw) == 0:
        raise ImportFailed(f"{path}: holds no RDF triples.")
    graph = Graph()
    for s, p, o in raw:
        graph.add((canonical(s), canonical(p), canonical(o)))
    return graph


def typed(graph: Graph, cls: URIRef) -> list[URIRef]:
    """Return the subjects of type ``cls``, sorted for a stable order."""
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def label(graph: Graph, node: URIRef) -> str | None:
    """Return the ``skos:prefLabel`` of ``node`` (a Dutch one first), else None."""
    labels = sorted(graph.objects(node, SKOS.prefLabel),
                    key=lambda lit: (getattr(lit, "language", None) not in (None, "nl"), str(lit)))
    return str(labels[0]) if labels else None


def choose_eenheid(graph: Graph, name: str | None, path: Path) -> URIRef:
    """Return the ``besluit:Bestuurseenheid`` called ``name`` (the only one when ``name`` is None).

    Names compare without case, accents or punctuation (``Sint-Niklaas`` = ``sint niklaas``).
    Raises :class:`ImportFailed` naming the municipalities in the file when none or several fit.
    """
    units = {node: label(graph, node) or str(node)
             for node in typed(graph, BESLUIT.Bestuurseenheid)}
    if not units:
        raise ImportFailed(f"{path}: no besluit:Bestuurseenheid (municipality) in this file; is it "
                           "a Mandatendatabank export or an orggraph ORG export?")
    names = sorted(set(units.values()))
    if name is None:
        if len(units) == 1:
            return next(iter(units))
        raise ImportFailed(f"{path} holds {len(names)} municipalities; choose one with "
                           "--bestuurseenheid NAME: " + ", ".join(names) + ".")
    wanted = slug(name)
    found = [node for node, text in units.items() if slug(text) in
             (wanted, slug("gemeente " + name), slug("stad " + name))]
    if not found:
        raise ImportFailed(f"{path}: no municipality called '{name}'."
                           + did_you_mean(name, names) + " In this file: " + ", ".join(names)
                           + ".")
    return found[0]
