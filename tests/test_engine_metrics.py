"""The cross-engine test: every metric query of the library equals the Python metric.

docs/design.md §5 gives every metric one Python implementation over NetworkX and one Cypher query;
this runs the Cypher on a real FalkorDB holding every example city and compares, key by key.
FalkorDB prints floats with 15 significant digits, hence the relative tolerance of 1e-9.
"""

from __future__ import annotations

import math

import pytest

from orggraph.engines import push
from orggraph.examples import example_names, load_example
from orggraph.queries import METRIC_KEYS, metrics
from orggraph.queries.library import library

pytestmark = pytest.mark.falkordb

CITIES = [name for name in example_names() if name != "tiny-dir"]


def test_every_metric_key_has_a_library_query():
    assert set(METRIC_KEYS) <= set(library())


def same(cypher, python) -> bool:
    if cypher is None or python is None:
        return cypher is None and python is None
    return math.isclose(cypher, python, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("name", CITIES)
@pytest.mark.parametrize("key", METRIC_KEYS)
def test_the_metric_query_equals_the_python_metric(falkordb_examples, name, key):
    city = load_example(name)
    result = falkordb_examples.run(library()[key].text, {"city": city.id})
    assert result.columns == [key]
    ((value,),) = result.rows  # one row, one column
    expected = metrics(city).metrics[key]
    assert same(value, expected), f"{name} {key}: Cypher {value}, Python {expected}"


@pytest.mark.parametrize("seed", [1, 7])
def test_metric_queries_agree_on_synthetic_cities(falkordb, seed):
    from orggraph.synth import synthetic_city

    city = synthetic_city(300, seed=seed)
    push(falkordb, city)
    expected = metrics(city).metrics
    for key in METRIC_KEYS:
        ((value,),) = falkordb.run(library()[key].text, {"city": city.id}).rows
        assert same(value, expected[key]), f"{key}: Cypher {value}, Python {expected[key]}"
