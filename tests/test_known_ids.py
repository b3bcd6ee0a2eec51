"""Every parameterised library query stops on an id that names nothing, instead of answering 0."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.engines.known import UnknownId, check_known, unit_parameters
from orggraph.examples import example_path
from orggraph.queries.library import library

pytestmark = pytest.mark.falkordb

WITH_CITY = [q for q in library().values() if "city" in q.parameters]
WITH_UNITS = [q for q in library().values() if unit_parameters(q.parameter_help)]


def test_the_library_has_parameterised_queries():
    assert len(WITH_CITY) >= 40 and [q.name for q in WITH_UNITS] == ["units_connected"]


def _good(query) -> dict:
    params = {"city": "tiny"}
    for name in unit_parameters(query.parameter_help):
        params[name] = "stad"
    return params


@pytest.mark.parametrize("query", WITH_CITY, ids=lambda q: q.name)
def test_an_unknown_city_lists_the_loaded_ones_and_the_closest(falkordb_examples, query):
    check_known(falkordb_examples, _good(query), unit_parameters(query.parameter_help))
    with pytest.raises(UnknownId) as caught:
        check_known(falkordb_examples, _good(query) | {"city": "tinny"},
                    unit_parameters(query.parameter_help))
    message = str(caught.value)
    assert message.startswith("no city 'tinny'; loaded: ")
    assert "gent" in message and "did you mean 'tiny'?" in message


@pytest.mark.parametrize("query", WITH_CITY, ids=lambda q: q.name)
def test_an_unknown_scenario_of_a_known_city(falkordb_examples, query):
    with pytest.raises(UnknownId, match=r"no scenario 'tiny@bundels'; pushed for tiny: tiny"):
        check_known(falkordb_examples, _good(query) | {"city": "tiny@bundels"},
                    unit_parameters(query.parameter_help))


@pytest.mark.parametrize("query", WITH_UNITS, ids=lambda q: q.name)
@pytest.mark.parametrize("param", ["from", "to"])
def test_an_unknown_unit_lists_the_units_and_the_closest(falkordb_examples, query, param):
    with pytest.raises(UnknownId, match=rf"no unit \(--param {param}\) 'stadd'.*did you mean "
                                        r"'stad'\?"):
        check_known(falkordb_examples, _good(query) | {param: "stadd"},
                    unit_parameters(query.parameter_help))


def test_the_command_exits_1_on_a_mistyped_city():
    result = CliRunner().invoke(app, ["cypher", "--data", str(example_path("gent")),
                                      "--name", "domains_split", "--param", "city=gnt"])
    assert result.exit_code == 1
    assert "no city 'gnt'; loaded: gent; did you mean 'gent'?" in result.stderr


class _Scopes:
    """An engine holding the given (city, scenario) pairs, and unit ids for any city."""

    def __init__(self, pairs, units=()):
        self.pairs, self.units = pairs, list(units)

    def run(self, query, params=None, **_):
        from orggraph.engines.base import Result

        if "City" in query:
            return Result(["city", "scenario"], [[c, s] for c, s in self.pairs])
        return Result(["id"], [[u] for u in self.units])


_IDS = st.text(alphabet="abcdefgh-", min_size=1, max_size=6)


@given(pairs=st.lists(st.tuples(_IDS, st.one_of(st.none(), _IDS)), max_size=6), scope=_IDS,
       scenario=st.one_of(st.none(), _IDS))
def test_a_scope_passes_exactly_when_it_was_pushed(pairs, scope, scenario):
    label = f"{scope}@{scenario}" if scenario else scope
    pushed = {f"{c}@{s}" if s else c for c, s in pairs}
    try:
        check_known(_Scopes(pairs), {"city": label})
    except UnknownId as error:
        assert label not in pushed
        assert f"'{label}'" in str(error)
    else:
        assert label in pushed
