"""Find the example datasets that come with orggraph.

The examples live in the ``examples/`` folder of the project; an installed copy carries them
inside the package (``orggraph/examples_data``).

>>> sorted(example_names())[:2]
['aalst', 'antwerpen']
"""

from __future__ import annotations

from pathlib import Path

from orggraph.errors import OrggraphError

__all__ = ["CITY_EXAMPLES", "PARTIAL_CITY_EXAMPLES", "example_path", "example_names",
           "examples_dir", "load_example"]

#: The real-city examples shown by ``orggraph demo``, in the order they are shown.
CITY_EXAMPLES = ("gent", "antwerpen", "aalst", "leuven", "roeselare", "oostende", "sint-niklaas")
#: Real cities whose published facts cover little more than (part of) the college: they validate
#: and cite their sources, but have too little organisation to measure or to show in the demo.
PARTIAL_CITY_EXAMPLES = ("genk", "hasselt", "turnhout")


def examples_dir() -> Path:
    """Return the folder holding the example datasets."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "examples", here / "examples_data"):
        if candidate.is_dir():
            return candidate
    raise OrggraphError("the example datasets are not installed with this copy of orggraph; "
                        "install it from a checkout of the project (`pip install -e .`).")


def example_names() -> list[str]:
    """Return the names of the example datasets (files and folders without suffix)."""
    folder = examples_dir()
    return sorted({p.stem for p in folder.iterdir()
                   if p.suffix in (".yaml", ".yml", ".json") or (p.is_dir() and
                                                                 p.name != "scenarios")})


def example_path(name: str) -> Path:
    """Return the path of an example dataset by name (``gent``, ``tiny``, ``tiny-dir``)."""
    folder = examples_dir()
    for candidate in (folder / f"{name}.yaml", folder / f"{name}.json", folder / name):
        if candidate.exists():
            return candidate
    raise OrggraphError(f"there is no example called '{name}'; examples: "
                        + ", ".join(example_names()) + ".")


def load_example(name: str):
    """Load an example dataset by name.

    >>> load_example("tiny").city.name
    'Tinystad'
    """
    from orggraph.loaders import load

    return load(example_path(name))
