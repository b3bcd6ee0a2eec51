"""Property: any synthetic city survives the Popolo and ORG round trips (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from orggraph.interop.org_import import read_org_graph
from orggraph.interop.org_rdf import city_graph
from orggraph.interop.popolo import city_popolo, read_popolo
from orggraph.loaders.dump import dump_city
from orggraph.schemas.dataset import City
from orggraph.synth import MIN_UNITS, synthetic_city

CITIES = st.builds(synthetic_city, st.integers(MIN_UNITS, 120), st.integers(0, 2**16),
                   taxonomy=st.booleans())
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sorted_ids(doc):
    """RDF keeps no order among one predicate's values: id lists compare as sets."""
    if isinstance(doc, dict):
        return {k: _sorted_ids(v) for k, v in doc.items()}
    if isinstance(doc, list) and all(isinstance(v, str) for v in doc):
        return sorted(doc)
    if isinstance(doc, list):
        return [_sorted_ids(v) for v in doc]
    return doc


@SLOW
@given(CITIES)
def test_popolo_round_trip_is_exact(city):
    doc = json.loads(json.dumps(city_popolo(city)))  # through JSON text, as a file would be
    assert read_popolo(doc).doc == dump_city(city)


@SLOW
@given(CITIES)
def test_org_round_trip_keeps_every_fact(city):
    text = city_graph(city).serialize(format="turtle")
    back = read_org_graph(Graph().parse(data=text, format="turtle"), None, None).doc
    # The reader writes defaults out (kind: programme, mode: other); the model makes them equal.
    assert _sorted_ids(dump_city(City.model_validate(back))) == _sorted_ids(dump_city(city))
