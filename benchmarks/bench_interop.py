"""Benchmark: export and import of the example cities against loading them.

For each real example city, the best of a few runs (CPU seconds, ``time.process_time``) of:

- ``load``: :func:`orggraph.load` of the YAML file, the baseline;
- ``export popolo`` / ``import popolo``: the Popolo JSON text, and reading it back to a document;
- ``export turtle`` / ``import org``: the ORG/OSLO Turtle text, and parsing + reading it back.

Ratios are to ``load`` measured in the same run. Run::

    python benchmarks/bench_interop.py
    python benchmarks/bench_interop.py --cities gent --repeat 5
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_time  # noqa: E402

import orggraph  # noqa: E402
from orggraph.examples import CITY_EXAMPLES, example_path  # noqa: E402
from orggraph.interop import export_text, import_file  # noqa: E402


def measure(name: str, repeat: int, folder: Path) -> dict[str, float]:
    """Return the best CPU seconds of each stage for one example city."""
    path = example_path(name)
    city = orggraph.load(path)
    popolo = folder / f"{name}.json"
    turtle = folder / f"{name}.ttl"
    popolo.write_text(export_text(city, "popolo"), encoding="utf-8")
    turtle.write_text(export_text(city, "org-turtle"), encoding="utf-8")

    def timed(run):
        return best_time(run, repeat, clock=time.process_time)

    return {
        "load": timed(lambda: orggraph.load(path)),
        "export popolo": timed(lambda: json.loads(export_text(city, "popolo"))),
        "import popolo": timed(lambda: import_file(popolo, "popolo")),
        "export turtle": timed(lambda: export_text(city, "org-turtle")),
        "import org": timed(lambda: import_file(turtle, "org")),
    }


def main(argv: list[str]) -> None:
    """Print one table per city: seconds and the ratio to ``load``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", nargs="*", default=list(CITY_EXAMPLES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cities:
            times = measure(name, args.repeat, Path(folder))
            base = times["load"]
            print(f"{name}:")
            for stage, seconds in times.items():
                print(f"  {stage:<14} {seconds * 1000:8.1f} ms   {seconds / base:5.2f}x load")


if __name__ == "__main__":
    main(sys.argv[1:])
