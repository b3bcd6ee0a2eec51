"""``orggraph push`` and ``orggraph cypher`` from the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.commands.querying import parse_param
from orggraph.examples import example_path
from orggraph.queries.library import library

runner = CliRunner()
TINY = str(example_path("tiny"))
GENT = str(example_path("gent"))


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env)


def test_list_shows_the_library_with_descriptions_as_json():
    result = run("cypher", "--list", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert {q["name"] for q in listed} == set(library())
    assert all(set(q) == {"name", "description", "parameters"} for q in listed)


def test_list_as_a_table_names_every_query():
    result = run("cypher", "--list")
    assert result.exit_code == 0
    for name in library():
        assert name in result.stdout


@pytest.mark.parametrize(("text", "expected"), [
    ("n=3", ("n", 3)), ("x=2.5", ("x", 2.5)), ("city=gent", ("city", "gent")),
    ('ids=["a", "b"]', ("ids", ["a", "b"])), ("flag=true", ("flag", True)),
    ('name="007"', ("name", "007")), ("eq=a=b", ("eq", "a=b")), ("m={}", ("m", "{}"))])
def test_params_are_typed(text, expected):
    assert parse_param(text) == expected


@pytest.mark.parametrize("bad", ["novalue", "=3"])
def test_a_malformed_param_is_a_usage_error(bad):
    result = run("cypher", "--data", TINY, "RETURN 1", "--param", bad)
    assert result.exit_code == 2
    assert "name=value" in result.stderr


@pytest.mark.falkordb
def test_json_output_is_a_list_of_rows_keyed_by_the_return_aliases():
    result = run("cypher", "--data", TINY, "--format", "json",
                 "MATCH (u:Unit) WHERE u.city = $city AND u.fte >= $min "
                 "RETURN u.id AS unit, u.fte AS fte ORDER BY unit", "--param", "min=10")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(set(r) == {"unit", "fte"} and r["fte"] >= 10 for r in rows)


@pytest.mark.falkordb
def test_a_library_query_with_data_defaults_the_city_and_prints_csv():
    result = run("cypher", "--data", GENT, "--name", "n_units", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    from orggraph.examples import load_example

    assert rows == [["n_units"], [str(len(load_example("gent").units))]]


@pytest.mark.falkordb
def test_a_list_param_reaches_the_query():
    result = run("cypher", "--data", TINY, "--format", "json",
                 "UNWIND $ids AS id RETURN id", "--param", 'ids=["a", "b"]')
    assert [r["id"] for r in json.loads(result.stdout)] == ["a", "b"]


@pytest.mark.falkordb
def test_a_write_query_is_refused_without_write():
    result = run("cypher", "--data", TINY, "CREATE (n:Note {text: 'x'}) RETURN n")
    assert result.exit_code == 1
    assert "--write" in result.stderr
    assert "Traceback" not in result.output
    allowed = run("cypher", "--data", TINY, "--write", "CREATE (n:Note {text: 'x'}) RETURN n.text")
    assert allowed.exit_code == 0, allowed.stderr


@pytest.mark.falkordb
def test_bad_cypher_shows_the_engine_message_with_the_query():
    result = run("cypher", "--data", TINY, "MATCH (n RETURN n")
    assert result.exit_code == 1
    assert "MATCH (n RETURN n" in result.stderr
    assert "Traceback" not in result.output


def test_a_library_query_missing_a_parameter_says_which():
    result = run("cypher", "--data", GENT, "--name", "units_connected")
    assert result.exit_code == 2
    assert "--param from=" in result.stderr


def test_an_unknown_library_query_suggests_names():
    result = run("cypher", "--data", TINY, "--name", "n_unit")
    assert result.exit_code == 1
    assert "n_units" in result.stderr


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "falkordb://127.0.0.1:1"])
def test_an_unreachable_server_exits_3_naming_the_uri_never_the_password(uri):
    env = {"ORGGRAPH_PASSWORD": "s3cret-pw", "ORGGRAPH_URI": ""}
    for args in (("cypher", "--uri", uri, "RETURN 1"), ("push", TINY, "--uri", uri)):
        result = run(*args, env=env)
        assert result.exit_code == 3
        assert "127.0.0.1:1" in result.stderr
        assert "s3cret-pw" not in result.output
        assert "Traceback" not in result.output


def test_a_password_in_the_uri_is_masked():
    result = run("cypher", "--uri", "redis://ann:s3cret-pw@127.0.0.1:1", "RETURN 1")
    assert result.exit_code == 3
    assert "s3cret-pw" not in result.output


@pytest.mark.parametrize("command", [["push", TINY], ["cypher", "RETURN 1"]])
def test_without_a_server_or_a_running_local_engine_it_says_how_to_start_one(tmp_path, command):
    env = {"ORGGRAPH_URI": "", "NEO4J_URI": "", "ORGGRAPH_HOME": str(tmp_path)}
    result = run(*command, env=env)
    assert result.exit_code == 3
    assert "start it with `orggraph engine start`" in result.stderr


def test_push_of_an_invalid_dataset_exits_1(write):
    bad = write("bad.yaml", "format: orggraph/1\ncity: {id: x}\n")
    result = run("push", str(bad), "--uri", "falkordb://127.0.0.1:1")
    assert result.exit_code == 1
    assert "bad.yaml" in result.stderr


@pytest.mark.falkordb
def test_push_to_a_server_then_query_it(falkordb_server):
    uri = f"falkordb://127.0.0.1:{falkordb_server.port}"
    graph = "cli_push_test"
    try:
        pushed = run("push", TINY, GENT, "--uri", uri, "--database", graph)
        assert pushed.exit_code == 0, pushed.stderr
        assert "pushed tiny" in pushed.stdout and "pushed gent" in pushed.stdout
        again = run("push", TINY, "--uri", uri, "--database", graph, "--scenario", "test")
        assert again.exit_code == 0, again.stderr
        result = run("cypher", "--uri", uri, "--database", graph, "--format", "json",
                     "--name", "n_programmes", "--param", "city=tiny@test")
        assert result.exit_code == 0, result.stderr
        from orggraph.examples import load_example

        assert json.loads(result.stdout) == [
            {"n_programmes": len(load_example("tiny").programmes)}]
    finally:
        import redis

        client = redis.Redis(port=falkordb_server.port)
        client.delete(graph)
        client.close()


# -- the docs ------------------------------------------------------------------------------------

def _doc_blocks(language: str) -> list[str]:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "cypher.md").read_text(encoding="utf-8")
    return [body for lang, body in re.findall(r"```(\w*)\n(.*?)```", text, re.S)
            if lang == language]


def test_the_docs_list_every_library_query():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "cypher.md").read_text(encoding="utf-8")
    for name in library():
        assert f"`{name}`" in text


@pytest.mark.falkordb
@pytest.mark.parametrize("query", [b for b in _doc_blocks("cypher") if "MATCH" in b])
def test_the_cypher_examples_of_the_docs_run(falkordb_examples, query):
    assert falkordb_examples.run(query).rows


@pytest.mark.falkordb
@pytest.mark.parametrize("line", [line for block in _doc_blocks("bash") for line in
                                  block.replace("\\\n", " ").splitlines()
                                  if line.startswith("orggraph cypher")])
def test_the_command_examples_of_the_docs_run(line):
    import shlex

    args = shlex.split(line.split("  #")[0])[1:]
    result = run(*args)
    assert result.exit_code == 0, result.stderr


@pytest.mark.falkordb
def test_push_of_a_scenario_file_applies_it_next_to_its_base(falkordb_server):
    from orggraph.engines import read_city
    from orggraph.engines.falkordb import FalkorDBEngine
    from orggraph.examples import examples_dir
    from orggraph.scenarios import apply, load_scenario

    path = examples_dir() / "scenarios" / "gent-economie.yaml"
    plan = load_scenario(path)
    uri = f"falkordb://127.0.0.1:{falkordb_server.port}"
    graph = "cli_scenario_test"
    with FalkorDBEngine("127.0.0.1", falkordb_server.port, graph=graph) as engine:
        try:
            pushed = run("push", GENT, str(path), "--uri", uri, "--database", graph)
            assert pushed.exit_code == 0, pushed.stderr
            from orggraph.commands.cypher import scenario_label

            expected = apply(orggraph_load(plan.base_path), plan)
            back = read_city(engine, "gent", scenario_label(plan.name))
            assert {u.id: u.parent for u in back.units} == {
                u.id: u.parent for u in expected.units}
        finally:
            engine._command("DEL", graph)


def orggraph_load(path):
    from orggraph import load

    return load(path)


@pytest.mark.parametrize("bad", ["a b", "x:y", "at@home"])
def test_a_scenario_label_must_fit_in_a_uid(bad):
    result = run("push", TINY, "--uri", "falkordb://127.0.0.1:1", "--scenario", bad)
    assert result.exit_code == 2
    assert "--scenario" in result.stderr
