"""Files → models → graphs, and back."""

from __future__ import annotations

from pathlib import Path

from orggraph.loaders.graph import from_networkx, to_networkx
from orggraph.loaders.quick import load_quickly
from orggraph.loaders.sources import read_dataset
from orggraph.loaders.validate import build_city
from orggraph.schemas.dataset import City

__all__ = ["from_networkx", "load", "to_networkx"]


def load(path: Path | str) -> City:
    """Load and validate a dataset: a YAML or JSON file, a CSV unit table, or a folder of them.

    Raises :class:`orggraph.errors.InvalidDataError` listing every problem, each with its file and
    line.

    A single JSON or YAML file is first tried the quick way
    (:func:`~orggraph.loaders.quick.load_quickly`), which gives the same city; anything it does
    not accept is read again the detailed way, which finds and explains every problem.

    >>> from orggraph.examples import example_path
    >>> load(example_path("tiny")).city.id
    'tiny'
    """
    city = load_quickly(path)
    return city if city is not None else build_city(read_dataset(path))
