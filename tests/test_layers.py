"""The package's modules depend one way: lower layers never import higher ones, and no cycles.

Every ``import`` of an orggraph module is read from the source (with :mod:`ast`), the lazy ones
inside functions and the ``TYPE_CHECKING`` ones included, so that a deferred import cannot hide a
dependency. The layers, lowest first (a module may import its own layer's package and any
lower layer; ``orggraph/__init__.py``, the public door, may import anything)::

    errors < files, numbers, literal < schemas < core < loaders < examples, synth < queries, interop
           < engines, maps < scenarios < propose < info_tables, demo < commands < cli < __main__
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "orggraph"

#: Top-level modules and subpackages of orggraph, lowest layer first.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("files", "numbers", "literal"),
    ("schemas",),
    ("core",),
    ("loaders",),
    ("examples", "synth"),
    ("queries", "interop"),
    ("engines", "maps"),
    ("scenarios",),
    ("propose",),
    ("info_tables", "demo"),
    ("commands",),
    ("cli",),
    ("__main__",),
)
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["orggraph", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def imports_of(path: Path) -> set[str]:
    """Return the orggraph modules that the file at ``path`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "orggraph"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "orggraph":
                continue
            for alias in node.names:  # `from orggraph.x import y` may import the module x.y
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    unplaced = sorted({_top(m) for m in MODULES if _top(m) and _top(m) not in LEVEL})
    assert not unplaced, f"add these to LAYERS in tests/test_layers.py: {unplaced}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _top(m)))
def test_no_upward_import(module):
    level = LEVEL.get(_top(module))
    upward = sorted(t for t in GRAPH[module]
                    if _top(t) != _top(module) and (not _top(t) or LEVEL.get(_top(t), 99) > level
                                                   or LEVEL.get(_top(t)) == level))
    assert not upward, f"{module} imports {upward}, which are not in a lower layer"


def test_no_import_cycles():
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH.get(node, ())):
            if target not in MODULES:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_the_walk_sees_lazy_imports(tmp_path):
    """Checked by hand: a function-level import and a TYPE_CHECKING import are both found."""
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from orggraph.errors import Problem\n"
                      "def f():\n    import orggraph.files\n")
    assert imports_of(source) == {"orggraph.errors", "orggraph.files"}
