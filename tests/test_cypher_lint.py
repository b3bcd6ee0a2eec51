"""Neo4j's own Cypher grammar over every library query and every statement the engines send.

The check runs ``tools/cypher-lint/lint.cjs`` with Node.js: it hands each statement to the
``lintCypherQuery`` of Neo4j's ``@neo4j-cypher/language-support`` package (syntax and semantic
analysis, no database schema), installed by ``npm ci`` in ``tools/cypher-lint``. Without Node.js or
the package the test skips, except under ``CI=true`` where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from orggraph.engines import falkordb as falkordb_module
from orggraph.engines import known, read, service
from orggraph.engines.schema import falkordb_schema, neo4j_schema
from orggraph.engines.statements import delete_statement, outside_statement
from orggraph.examples import load_example
from orggraph.queries.library import library

TOOL = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"


def _lint(statements: dict[str, str]) -> list[dict]:
    node = shutil.which("node")
    package = TOOL / "node_modules" / "@neo4j-cypher" / "language-support"
    if node is None or not package.is_dir():
        reason = ("Node.js is not installed" if node is None else
                  f"the linter is not installed: run `npm ci` in {TOOL.name}")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs Neo4j's Cypher linter: {reason}")
        pytest.skip(reason)
    payload = json.dumps([{"name": k, "query": v} for k, v in statements.items()])
    done = subprocess.run([node, str(TOOL / "lint.cjs")], input=payload, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def engine_statements() -> dict[str, str]:
    """Every statement text the engines send, by a name saying where it comes from."""
    from orggraph.commands.shell import schema_words
    from orggraph.engines.push import plan

    found = {f"neo4j_schema[{i}]": s for i, s in enumerate(neo4j_schema())}
    found |= {f"falkordb_schema[{label}]": s for label, s in falkordb_schema()}
    found["delete_statement"] = delete_statement()
    found["outside_statement"] = outside_statement()
    nodes, relationships = plan(load_example("tiny"))
    found |= {f"push[{i}]": s.query for i, s in enumerate(nodes + relationships)}
    found |= {"read._NODES": read._NODES, "read._RELATIONSHIPS": read._RELATIONSHIPS,
              "known._SCOPES": known._SCOPES, "known._UNITS": known._UNITS,
              "service._HOLDINGS": service._HOLDINGS}

    class Recorder:
        def run(self, query, params=None, **_):
            found[f"shell.schema_words[{len(found)}]"] = query
            raise falkordb_module.QueryError("recorded")

    schema_words(Recorder())
    return found


def test_every_statement_is_collected():
    statements = engine_statements()
    # 8 constraints, 8 indexes (one each per primary label), the delete, 3 schema procedures.
    assert sum(k.startswith("neo4j_schema") for k in statements) == 8
    assert sum(k.startswith("falkordb_schema") for k in statements) == 8
    assert sum(k.startswith("shell.schema_words") for k in statements) == 3


def test_the_linter_catches_a_syntax_and_a_semantic_error():
    found = _lint({"syntax": "MATCH (n RETURN n", "semantic": "MATCH (n) RETURN m",
                   "fine": "MATCH (n:Unit) WHERE n.uid STARTS WITH $city RETURN n"})
    assert {d["name"] for d in found if d["severity"] == "error"} == {"syntax", "semantic"}


def test_every_library_query_passes_neo4j_grammar():
    errors = [d for d in _lint({q.name: q.text for q in library().values()})
              if d["severity"] == "error"]
    assert errors == [], "\n".join(f"{d['name']}:{d['line']}:{d['column']}: {d['message']}"
                                   for d in errors)


def test_every_engine_statement_passes_neo4j_grammar():
    errors = [d for d in _lint(engine_statements()) if d["severity"] == "error"]
    assert errors == [], "\n".join(f"{d['name']}:{d['line']}:{d['column']}: {d['message']}"
                                   for d in errors)
