"""Shared fixtures. Area-specific fixtures live in ``plugin_*.py`` modules listed below."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.examples import load_example

pytest_plugins: list[str] = [
    "plugin_metrics", "plugin_scenarios", "plugin_browser", "plugin_falkordb",
]

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def tiny():
    """The hand-made example city whose metrics are computed by hand in the tests."""
    return load_example("tiny")


@pytest.fixture
def write(tmp_path):
    """Write a text file under a temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
