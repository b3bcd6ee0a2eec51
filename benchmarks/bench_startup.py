"""Time how fast short commands start, against the floor their libraries set.

Run from the project folder::

    python benchmarks/bench_startup.py            # 9 runs of each, in turn
    python benchmarks/bench_startup.py --runs 15

Each command runs in a fresh process, in turn with the baseline: a bare
``python -c "import pydantic, typer, ruamel.yaml; from pydantic import BaseModel"``, the libraries
that any orggraph command needs. The ratio is taken pair by pair (command / baseline run just
before it), so that a machine whose speed drifts during the run still gives a fair ratio; min and
median are printed. The goal is 1.5× for ``orggraph validate`` on the tiny example and for
``orggraph --help``.

The last row is not a command but the part of ``validate`` that the libraries do whatever
orggraph does around them: the baseline's imports, then reading the tiny example with ruamel's
(pure-Python) YAML reader and building the dataset's pydantic models, with pydantic's plugins
off as on the command line (:mod:`orggraph.commands`). Its ratio is the least ``validate`` could
reach.

Before timing, the package's bytecode is compiled (:mod:`compileall`, quietly), as pip does on
install and Python on first import: where ``PYTHONDONTWRITEBYTECODE`` is set, every run would
otherwise compile the sources again, a cost that no installed copy pays.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = [sys.executable, "-c",
            "import pydantic, typer, ruamel.yaml; from pydantic import BaseModel"]
ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny.yaml"
CLI = [sys.executable, "-m", "orggraph.cli"]
COMMANDS = {
    "orggraph validate (tiny example)": [*CLI, "validate", str(TINY)],
    "orggraph --help": [*CLI, "--help"],
    "orggraph metrics --format json (tiny)": [*CLI, "metrics", str(TINY), "--format", "json"],
    "libraries' part of validate (no CLI)": [
        sys.executable, "-c", BASELINE[2] + "; import orggraph.commands; "
        "from ruamel.yaml import YAML; YAML(typ='safe', pure=True)"
        f".load(open({str(TINY)!r}, encoding='utf-8').read()); "
        "import orggraph.schemas.dataset"],
}


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "orggraph", quiet=1)
    print(f"baseline: {' '.join(BASELINE[1:])!s}; {args.runs} runs in turn, wall seconds")
    for label, command in COMMANDS.items():
        _seconds(command), _seconds(BASELINE)  # warm the file cache
        pairs = [(_seconds(command), _seconds(BASELINE)) for _ in range(args.runs)]
        ratios = [a / b for a, b in pairs]
        ours, base = [a for a, _ in pairs], [b for _, b in pairs]
        print(f"{label:40} {statistics.median(ours):.3f} s against {statistics.median(base):.3f} s"
              f" (medians); ratio min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
