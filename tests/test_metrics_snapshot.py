"""The example cities' metrics are stable: a reviewer reads the numbers in
tests/snapshots/metrics_examples.json. After a deliberate change, regenerate it with
``python -m orggraph.queries.snapshot tests/snapshots/metrics_examples.json`` and
review the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orggraph.queries.snapshot import snapshot, snapshot_examples

SNAPSHOT = json.loads((Path(__file__).parent / "snapshots" / "metrics_examples.json")
                      .read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SNAPSHOT))
def test_example_metrics_match_snapshot(name):
    assert snapshot(name) == SNAPSHOT[name], (
        f"the metrics of example '{name}' changed; if that is intended, regenerate the snapshot "
        "with: python -m orggraph.queries.snapshot tests/snapshots/metrics_examples.json")


def test_every_example_is_in_the_snapshot():
    assert set(snapshot_examples()) <= set(SNAPSHOT)


def test_tiny_dir_equals_tiny():
    assert snapshot("tiny-dir") == SNAPSHOT["tiny"]
