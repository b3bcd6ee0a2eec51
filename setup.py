"""Package layout that pyproject.toml cannot express: the examples travel inside the package.

The example datasets stay at the top of the project, where the docs name them
(``examples/gent.yaml``), and are installed as ``orggraph/examples_data`` so that ``orggraph demo``
works from a wheel. The C kernel of the exact betweenness is built here too (optional: see below).
Everything else about the package, its data files included, is declared in pyproject.toml.
"""

from setuptools import Extension, find_namespace_packages, setup

EXAMPLES = "orggraph.examples_data"

EXAMPLE_FOLDERS = [f"{EXAMPLES}.{name}" for name in find_namespace_packages(where="examples")]

setup(
    packages=find_namespace_packages(include=["orggraph", "orggraph.*"],
                                     exclude=["*.__pycache__"]) + [EXAMPLES, *EXAMPLE_FOLDERS],
    package_dir={EXAMPLES: "examples"},
    # The exact betweenness kernel in C. Optional: where no C compiler is found the package
    # installs without it, and the same algorithm runs through numba instead (slower to load).
    ext_modules=[Extension("orggraph.queries._brandes", ["orggraph/queries/_brandes.c"],
                           optional=True)],
)
