"""Write the snapshot of the example cities' metrics that the test suite compares against.

Run from the project folder after a deliberate change to a metric or an example::

    python -m orggraph.queries.snapshot tests/snapshots/metrics_examples.json

Values are rounded to 6 decimals so that the file reads well and ignores floating-point noise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from orggraph.examples import CITY_EXAMPLES, example_names, load_example
from orggraph.queries.compute import metrics

__all__ = ["DEFAULT_PATH", "snapshot", "snapshot_examples"]

DEFAULT_PATH = Path("tests/snapshots/metrics_examples.json")


def snapshot_examples() -> list[str]:
    """Return the examples the snapshot covers: the real cities that exist, then ``tiny``."""
    present = set(example_names())
    return [name for name in (*CITY_EXAMPLES, "tiny") if name in present]


def snapshot(name: str) -> dict[str, Any]:
    """Return the rounded metrics and boundary spanner ids of one example."""
    result = metrics(load_example(name))
    return {
        "metrics": {k: round(v, 6) if isinstance(v, float) else v
                    for k, v in result.metrics.items()},
        "boundary_spanners": [b.id for b in result.boundary_spanners],
    }


def main(argv: list[str]) -> None:
    """Write the snapshot file (the path given, or :data:`DEFAULT_PATH`)."""
    path = Path(argv[0]) if argv else DEFAULT_PATH
    data = {name: snapshot(name) for name in snapshot_examples()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path}: {', '.join(data)}")


if __name__ == "__main__":
    main(sys.argv[1:])
