"""Time how fast short commands start, against the floor their libraries set.

Run from the project folder::

    python benchmarks/bench_startup.py            # 9 runs of each, in turn
    python benchmarks/bench_startup.py --runs 15
    python benchmarks/bench_startup.py --instructions   # needs valgrind

Each command runs in a fresh process, in turn with the baseline: a bare
``python -c "import pydantic, typer, ruamel.yaml; from pydantic import BaseModel"``, the libraries
that any orggraph command needs. The ratio is taken pair by pair (command / baseline run just
before it), so that a machine whose speed drifts during the run still gives a fair ratio; min and
median are printed, and the ratio of the fastest run of each. The goal is 1.5× for
``orggraph validate`` on the tiny example and for ``orggraph --help``, in wall time. The same
ratios in CPU time (user + system, of the process) are printed too: on a machine shared with
other work, wall time also counts the waits for a core.

The last two rows are not orggraph commands. One is the least any typer command with an
argument costs: a one-command typer app that parses one path argument. typer 0.29 (which
requires pydantic) builds a pydantic ``TypeAdapter`` for every parameter it parses, and so
imports most of pydantic beyond ``BaseModel``, a cost the baseline above does not include;
``--instructions`` also prints ``validate``'s ratio to this row. The other is the part of
``validate`` that the libraries do whatever orggraph does around them: the baseline's imports,
then reading the tiny example as ``validate`` does (libyaml's parser, ruamel's resolver:
:mod:`orggraph.loaders.quick_yaml`) and building the dataset's pydantic models, with pydantic's
plugins off as on the command line (:mod:`orggraph.commands`).

Start-up times on a busy machine vary by a third from run to run. ``--instructions`` counts
instead the instructions each command executes (under valgrind), the same in every run: the
steadiest ratio, though not a time.

Before timing, the package's bytecode is compiled (:mod:`compileall`, quietly), as pip does on
install and Python on first import: where ``PYTHONDONTWRITEBYTECODE`` is set, every run would
otherwise compile the sources again, a cost that no installed copy pays.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import compile_package

BASELINE = [sys.executable, "-c",
            "import pydantic, typer, ruamel.yaml; from pydantic import BaseModel"]
ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny.yaml"
CLI = [sys.executable, "-m", "orggraph.cli"]
TYPER_COMMAND = "a typer command parsing one path (no orggraph)"
COMMANDS = {
    "orggraph validate (tiny example)": [*CLI, "validate", str(TINY)],
    "orggraph --help": [*CLI, "--help"],
    "orggraph metrics --format json (tiny)": [*CLI, "metrics", str(TINY), "--format", "json"],
    TYPER_COMMAND: [sys.executable, "-c", BASELINE[2] + "\nfrom pathlib import Path\n"
                    "app = typer.Typer()\n@app.command()\ndef check(path: Path) -> None:\n"
                    "    print(path)\napp()", str(TINY)],
    "libraries' part of validate (no CLI)": [
        sys.executable, "-c", BASELINE[2] + "; import orggraph.commands; "
        "from orggraph.loaders.quick_yaml import read_plain_yaml; "
        f"assert read_plain_yaml(open({str(TINY)!r}, encoding='utf-8').read()); "
        "import orggraph.schemas.dataset"],
}


def _seconds(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return its wall time and its CPU time (user + system), in seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=os.environ)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return wall, usage.ru_utime + usage.ru_stime


def _ratios(pairs: list[tuple[float, float]]) -> str:
    ratios = [a / b for a, b in pairs]
    # The ratio of the fastest runs is the steadiest of the three where single starts vary a lot.
    fastest = min(a for a, _ in pairs) / min(b for _, b in pairs)
    return (f"min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x, "
            f"fastest / fastest {fastest:.2f}x")


def _instructions(command: list[str]) -> int:
    """Count the instructions ``command`` executes, under valgrind's callgrind."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def instructions() -> None:
    """Print each command's instruction count as a ratio to the baseline's: the same every run."""
    base = _instructions(BASELINE)
    print(f"instructions, ratio to the baseline's {base / 1e6:.0f} million (valgrind):")
    counts = {label: _instructions(command) for label, command in COMMANDS.items()}
    for label, count in counts.items():
        print(f"{label:46} {count / base:.2f}x")
    validate = next(iter(counts))
    print(f"{validate}, ratio to {TYPER_COMMAND}: "
          f"{counts[validate] / counts[TYPER_COMMAND]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions instead of timing (needs valgrind)")
    args = parser.parse_args()
    compile_package()
    if args.instructions:
        instructions()
        return
    print(f"baseline: {' '.join(BASELINE[1:])!s}; {args.runs} runs in turn, seconds")
    for label, command in COMMANDS.items():
        _seconds(command), _seconds(BASELINE)  # warm the file cache
        runs = [(_seconds(command), _seconds(BASELINE)) for _ in range(args.runs)]
        wall = [(ours[0], base[0]) for ours, base in runs]
        cpu = [(ours[1], base[1]) for ours, base in runs]
        print(f"{label:46} {statistics.median(a for a, _ in wall):.3f} s against "
              f"{statistics.median(b for _, b in wall):.3f} s (wall, medians); "
              f"wall ratio {_ratios(wall)}; CPU ratio {_ratios(cpu)}")


if __name__ == "__main__":
    main()
