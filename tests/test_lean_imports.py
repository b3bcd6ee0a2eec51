"""The paths people run most load only the libraries their output needs.

Each check runs in a fresh interpreter, the only place where "what got imported" is meaningful.
The libraries named here cost from a few hundredths of a second (rich) to half a second (pandas,
matplotlib.pyplot) at every start; these paths have no use for them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "matplotlib", "numpy", "networkx", "numba", "rdflib", "ortools", "rich")


def _imported_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    probe = code + (
        "\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["tiny", "gent"])
def test_metrics_with_spanners_imports_no_heavy_library(name):
    # Betweenness of a small city goes to igraph, imported without its plotting back end.
    code = ("from orggraph.examples import load_example\n"
            "from orggraph.queries import metrics\n"
            f"assert metrics(load_example({name!r})).boundary_spanners\n")
    assert _imported_after(code) == []


def test_the_metrics_command_imports_no_heavy_library(tmp_path):
    code = ("import sys\n"
            "from orggraph.cli import app\n"
            "from orggraph.examples import example_path\n"
            "try:\n"
            "    app(['metrics', str(example_path('gent')), '--format', 'json'])\n"
            "except SystemExit as end:\n"
            "    assert end.code in (0, None), end.code\n")
    assert _imported_after(code) == []


def test_validate_imports_no_heavy_library():
    code = ("from orggraph.cli import app\n"
            "from orggraph.examples import example_path\n"
            "try:\n"
            "    app(['validate', str(example_path('tiny'))])\n"
            "except SystemExit as end:\n"
            "    assert end.code in (0, None), end.code\n")
    assert _imported_after(code) == []


def test_igraph_still_draws_nothing_but_matplotlib_still_imports():
    # Hiding matplotlib from igraph's import must not hide it from anyone else.
    code = ("from orggraph.queries.spanners import _igraph\n"
            "_igraph()\n"
            "import matplotlib\n")
    assert "matplotlib" in _imported_after(code)


def test_metrics_of_a_json_dataset_reads_no_yaml(tmp_path):
    # A valid JSON dataset with its own domains (a taxonomy is a bundled YAML file) is read by the
    # quick loader: the YAML library is not even imported.
    from orggraph.loaders.dump import write_city
    from orggraph.synth import synthetic_city

    path = write_city(synthetic_city(500, seed=3), tmp_path / "city.json")
    code = ("from orggraph.cli import app\n"
            "try:\n"
            f"    app(['metrics', {str(path)!r}, '--format', 'json'])\n"
            "except SystemExit as end:\n"
            "    assert end.code in (0, None), end.code\n")
    assert _imported_after(code, HEAVY + ("ruamel",)) == []
