"""Write a proposal search: one scenario file per proposal, the HTML report and a JSON summary.

Every text is made before the first file is written, and each file is written atomically, so a
failure leaves no half-written proposal behind. Each scenario's ``base`` is the base dataset's
path relative to the output folder (absolute when no relative path exists), so that the file
applies from where it lies.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from orggraph.errors import ExportError
from orggraph.files import write_atomic
from orggraph.propose.api import ProposalResult, Proposed
from orggraph.queries import METRIC_KEYS

__all__ = ["REPORT", "SUMMARY", "base_reference", "file_name", "summary", "write_proposals"]

REPORT = "report.html"
SUMMARY = "proposals.json"


def base_reference(base: Path, folder: Path) -> str:
    """Return how a scenario in ``folder`` names ``base``: relative when possible.

    >>> base_reference(Path("/data/aalst.yaml"), Path("/data/out"))
    '../aalst.yaml'
    """
    base, folder = Path(os.path.abspath(base)), Path(os.path.abspath(folder))
    try:
        return Path(os.path.relpath(base, folder)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return base.as_posix()


def file_name(proposed: Proposed) -> str:
    """Return the proposal's file name, e.g. ``proposal-upheaval-3.yaml``."""
    return f"proposal-upheaval-{proposed.proposal.upheaval}.yaml"


def _status(proposed: Proposed, units: str) -> str:
    p = proposed.proposal
    if p.optimal:
        return f"proven the best for an upheaval of at most {p.budget}"
    if p.bound == float("inf"):
        return "the best found in the time given (no bound known)"
    return (f"the best found in the time given; no proposal within an upheaval of {p.budget} "
            f"can score more than {p.bound:.2f} {units} (gap {p.gap:.2f})")


def _units(result: ProposalResult) -> str:
    return "coherence points" if result.constraints.weights.is_coherence else "objective points"


def _scenario_text(proposed: Proposed, base: str, result: ProposalResult) -> str:
    data = proposed.scenario.model_dump(by_alias=True, exclude_none=True,
                                        exclude_defaults=False)
    data = {"format": data["format"], "base": base, "name": data["name"],
            "description": data.get("description", ""),
            "changes": [{k: {f: v for f, v in change[k].items() if v is not None}}
                        for change in data["changes"] for k in change if change[k]]}
    before = result.comparison.base.metrics["coherence_index"]
    after = proposed.result.value("coherence_index")
    header = [f"Proposed by `orggraph scenario propose`: {proposed.scenario.name}.",
              *proposed.sentences,
              f"Coherence index {before:.1f} -> {after:.1f}, with "
              f"{proposed.result.diff.items_reassigned} items reassigned and "
              f"{proposed.result.diff.units_moved} units moved; "
              f"{_status(proposed, _units(result))}."]
    import io
    import textwrap

    buffer = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 4096
    yaml.dump(data, buffer)
    lines = [f"# {line}" for text in header for line in textwrap.wrap(text, 96)]
    return "\n".join(lines) + "\n" + buffer.getvalue()


def summary(result: ProposalResult, files: list[str]) -> dict[str, Any]:
    """Return the JSON summary: base metrics, and per proposal its file, status and metrics."""
    search = result.search
    return {
        "city": result.city.id,
        "seconds": round(search.seconds, 3),
        "base": result.comparison.base.metrics,
        "objective": "coherence_index" if result.constraints.weights.is_coherence
        else result.constraints.weights.model_dump(),
        "budgets_without_proposal": {str(k): v for k, v in search.empty.items()},
        "proposals": [{
            "file": name, "name": p.scenario.name, "budget": p.proposal.budget,
            "items_reassigned": p.result.diff.items_reassigned,
            "units_moved": p.result.diff.units_moved,
            "optimal": p.proposal.optimal,
            "gap": None if p.proposal.bound == float("inf") else p.proposal.gap,
            "solver_objective": p.proposal.objective,
            "explanation": p.sentences,
            "metrics": {k: p.result.value(k) for k in METRIC_KEYS},
        } for p, name in zip(result.proposals, files, strict=True)],
    }


def write_proposals(result: ProposalResult, base: Path, folder: Path,
                    maps: bool = True) -> list[Path]:
    """Write every proposal, ``report.html`` and ``proposals.json`` into ``folder``.

    The folder is created when missing. Returns the files written.

    >>> import tempfile
    >>> from orggraph.examples import example_path, load_example
    >>> from orggraph.propose import propose
    >>> folder = Path(tempfile.mkdtemp()) / "out"
    >>> result = propose(load_example("tiny"), time_limit=2)
    >>> sorted(p.name for p in write_proposals(result, example_path("tiny"), folder, maps=False))
    ['proposal-upheaval-1.yaml', 'proposals.json', 'report.html']
    """
    from orggraph.scenarios.html_report import render_report

    reference = base_reference(base, folder)
    names = [file_name(p) for p in result.proposals]
    texts = {name: _scenario_text(p, reference, result)
             for name, p in zip(names, result.proposals, strict=True)}
    if result.proposals:
        texts[REPORT] = render_report(result.comparison, maps=maps)
    texts[SUMMARY] = json.dumps(summary(result, names), indent=2, ensure_ascii=False) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {folder}: {error.strerror}; choose "
                          "another --out folder.") from None
    return [write_atomic(folder / name, text) for name, text in texts.items()]
