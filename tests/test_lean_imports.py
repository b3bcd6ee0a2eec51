"""The paths people run most load only the libraries their output needs.

Each check runs in a fresh interpreter, the only place where "what got imported" is meaningful.
The libraries named here cost from a few hundredths of a second (rich) to half a second (pandas,
matplotlib.pyplot) at every start; these paths have no use for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orggraph.examples import example_path

HEAVY = ("pandas", "matplotlib", "numpy", "networkx", "numba", "rdflib", "ortools", "rich")


def _imported_after(code: str, heavy: tuple[str, ...] = HEAVY,
                    env: dict[str, str] | None = None) -> list[str]:
    probe = code + (
        "\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["tiny", "gent"])
def test_metrics_with_spanners_imports_no_heavy_library(name):
    # Betweenness goes to the C kernel; where it is not built, a small city's goes to igraph,
    # imported without its plotting back end.
    code = ("from orggraph.examples import load_example\n"
            "from orggraph.queries import metrics\n"
            f"assert metrics(load_example({name!r})).boundary_spanners\n")
    assert _imported_after(code) == []
    without_c = ("import sys\nsys.modules['orggraph.queries._brandes'] = None\n" + code)
    assert _imported_after(without_c) == []


def test_metrics_with_the_c_kernel_import_no_igraph():
    from orggraph.queries.betweenness import compiled

    if compiled() is None:
        pytest.skip("the C kernel is not built (test_spanners fails for that under CI)")
    code = ("from orggraph.examples import load_example\n"
            "from orggraph.queries import metrics\n"
            "assert metrics(load_example('gent')).boundary_spanners\n")
    assert _imported_after(code, ("igraph", "numba")) == []


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
    assert _imported_after(code, HEAVY + ("ruamel", "yaml")) == []


#: Modules a `validate` run has no use for: the package-metadata reader that pydantic's plugin
#: finder imports (with the e-mail parser, zip reader and sockets it pulls in), the CSV reader,
#: temporary files, the shell's word splitter, and the modules of other commands' work.
NOT_FOR_VALIDATE = ("importlib.metadata", "email", "zipfile", "socket", "csv", "tempfile", "shlex",
                    "orggraph.files", "orggraph.queries", "orggraph.scenarios", "orggraph.engines")


def _clean_env() -> dict[str, str]:
    # As a shell starts the command: without a plugin setting left by this test run's imports.
    return {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}


def _validate_code(path: Path) -> str:
    return ("from orggraph.cli import app\n"
            "try:\n"
            f"    app(['validate', {str(path)!r}])\n"
            "except SystemExit as end:\n"
            "    assert end.code in (0, None), end.code\n")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_validate_imports_only_what_it_needs(tmp_path, suffix):
    from orggraph.examples import load_example
    from orggraph.loaders.dump import write_city

    path = write_city(load_example("tiny"), tmp_path / f"tiny{suffix}")
    assert _imported_after(_validate_code(path), NOT_FOR_VALIDATE, env=_clean_env()) == []


def test_validate_still_says_ok_on_a_valid_dataset():
    # The check above passes for a run that failed early too; this one sees the models at work.
    done = subprocess.run([sys.executable, "-m", "orggraph.cli", "validate",
                           str(example_path("tiny"))],
                          capture_output=True, text=True, env=_clean_env(), check=True)
    assert done.stdout.startswith("ok ") and "Tinystad, 10 units" in done.stdout


def test_version_still_reads_the_package_metadata():
    # `--version` imports importlib.metadata itself, when asked; the stand-in does not stop it.
    done = subprocess.run([sys.executable, "-m", "orggraph.cli", "--version"],
                          capture_output=True, text=True, env=_clean_env(), check=True)
    assert done.stdout.startswith("orggraph ") and done.stdout.strip() != "orggraph"


def _run(code: str, env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def test_the_plugin_finder_stand_in_gives_no_plugins_and_lends_the_rest():
    _run("import sys\n"
         "import orggraph.commands\n"  # a command-line run: plugins all off
         "from orggraph.commands.plugins import FINDER\n"
         "stand_in = sys.modules[FINDER]\n"
         "assert not hasattr(stand_in, '__file__'), 'the real finder was imported'\n"
         "from pydantic import BaseModel\n"
         "class M(BaseModel):\n"
         "    n: int\n"
         "assert M(n='3').n == 3\n"
         "from pydantic.plugin._loader import get_plugins\n"
         "assert tuple(get_plugins()) == ()\n"
         "assert 'importlib.metadata' not in sys.modules\n"
         # a name the stand-in does not have comes from the real module, which then takes over
         "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
         "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'\n"
         "assert sys.modules[FINDER].__file__.endswith('_loader.py')\n"
         "assert 'importlib.metadata' in sys.modules\n", _clean_env())


def test_plugins_turned_back_on_are_looked_for_by_the_real_finder():
    _run("import os, sys\n"
         "import orggraph.commands\n"
         "from orggraph.commands.plugins import FINDER\n"
         "from pydantic.plugin._loader import get_plugins\n"
         "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some-plugin'\n"
         "assert list(get_plugins()) == []\n"  # no plugin is installed here
         "assert 'importlib.metadata' in sys.modules\n"
         "assert sys.modules[FINDER].__file__.endswith('_loader.py')\n", _clean_env())


def test_no_stand_in_when_only_some_plugins_are_turned_off():
    _run("import sys\n"
         "import orggraph.commands\n"
         "from orggraph.commands.plugins import FINDER\n"
         "assert FINDER not in sys.modules\n"
         "from pydantic import BaseModel\n"
         "class M(BaseModel):\n"
         "    n: int\n"
         "assert sys.modules[FINDER].__file__.endswith('_loader.py')\n",
         {**_clean_env(), "PYDANTIC_DISABLE_PLUGINS": "some-plugin"})


def _callbacks(app) -> list:
    found = [info.callback for info in app.registered_commands]
    if app.registered_callback is not None:
        found.append(app.registered_callback.callback)
    for group in app.registered_groups:
        found += _callbacks(group.typer_instance)
    return found


def test_command_annotations_are_objects_not_strings():
    # Typer reads every command's signature at every start; string annotations (a module with
    # `from __future__ import annotations`) would be evaluated again, twice per command.
    from orggraph.cli import app

    callbacks = _callbacks(app)
    # The walk reaches a top-level command, a command of a group and the app's own callback.
    assert {"validate", "compare", "_options"} <= {c.__name__ for c in callbacks}
    as_text = sorted(f"{c.__module__}.{c.__name__}({name})" for c in callbacks
                     for name, a in c.__annotations__.items() if isinstance(a, str))
    assert as_text == []
