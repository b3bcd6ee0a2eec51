"""``orggraph scenario propose``: search for coherent divisions of the college's work."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import err, out, plural, styled
from orggraph.errors import UsageError

__all__ = ["propose"]


class BalanceBy(StrEnum):
    """What workload balance measures."""

    services = "services"
    fte = "fte"


def propose(
    base: Annotated[Path, typer.Argument(help="The base dataset (file or folder).",
                                         show_default=False)],
    out_dir: Annotated[Path, typer.Option(
        "--out", help="Folder for the proposals, report.html and proposals.json (created when "
        "missing).", file_okay=False, show_default=False)],
    constraints_file: Annotated[Path | None, typer.Option(
        "--constraints", help="A constraints file (format: orggraph-constraints/1); the options "
        "below add to it.", dir_okay=False, show_default=False)] = None,
    keep: Annotated[list[str] | None, typer.Option(
        "--keep", metavar="WHAT",
        help="Keep items where they are: member:ID, domain:ID or item:TITLE (a bare "
        "value is tried as a member, a domain, then a title). Repeatable.",
        show_default=False)] = None,
    min_items: Annotated[int | None, typer.Option(help="Each member holds at least this many "
                                                  "items.", min=0, show_default=False)] = None,
    max_items: Annotated[int | None, typer.Option(help="Each member holds at most this many "
                                                  "items.", min=0, show_default=False)] = None,
    min_domains: Annotated[int | None, typer.Option(
        help="Each member holds at least this many top-level domains.", min=0,
        show_default=False)] = None,
    max_domains: Annotated[int | None, typer.Option(
        help="Each member holds at most this many top-level domains.", min=0,
        show_default=False)] = None,
    balance: Annotated[float | None, typer.Option(
        help="Each member's workload within this percentage of the mean.", min=0.1,
        show_default=False)] = None,
    balance_by: Annotated[BalanceBy, typer.Option(
        help="Workload as services owned or their fte.")] = BalanceBy.services,
    no_new_domains: Annotated[list[str] | None, typer.Option(
        "--no-new-domains", metavar="MEMBER",
        help="This member receives no top-level domain they do not hold "
        "yet. Repeatable.", show_default=False)] = None,
    together: Annotated[list[str] | None, typer.Option(
        metavar="DOMAINS",
        help="Domains (comma-separated ids) whose items all go to one member. Repeatable.",
        show_default=False)] = None,
    max_upheaval: Annotated[int | None, typer.Option(
        help="The largest upheaval (items reassigned plus units moved) to search; one proposal "
        "at most per upheaval from 1 up. [default: 6]", min=1, max=50,
        show_default=False)] = None,
    allow_moves: Annotated[bool, typer.Option(
        "--allow-moves", help="Let services move to another cluster too.")] = False,
    max_moves: Annotated[int | None, typer.Option(
        help="With --allow-moves: at most this many units moved.", min=0,
        show_default=False)] = None,
    mayor_keeps_police: Annotated[bool, typer.Option(
        "--mayor-keeps-police/--mayor-may-give-police",
        help="The mayor keeps police and public order (Flemish law gives them to the mayor).")]
    = True,
    weight: Annotated[list[str] | None, typer.Option(
        metavar="TERM=NUMBER",
        help="Weight of an objective term, TERM=NUMBER: portfolio_cluster_alignment, "
        "cluster_portfolio_alignment, domain_cohesion (1 each by default), domains_split, "
        "workload_gini (0). Repeatable.", show_default=False)] = None,
    time_limit: Annotated[float, typer.Option(
        help="Seconds for the whole search.", min=0.5)] = 10.0,
    seed: Annotated[int, typer.Option(help="Seed of the search (same seed, same proposals "
                                      "when the search finishes in time).")] = 0,
) -> None:
    """Propose portfolio divisions that make the college more coherent, one per upheaval.

    For each upheaval from 1 to --max-upheaval, the best reassignment of portfolio items found
    (and of services, with --allow-moves) under the constraints, as scenario files, explained
    in sentences, with the HTML comparison report and exact metrics.

    Example: orggraph scenario propose examples/aalst.yaml --max-upheaval 4 --out aalst-proposals
    """
    from orggraph.loaders import load
    from orggraph.propose.cli_options import constraints_from
    from orggraph.propose.output import REPORT, write_proposals

    options = {"keep": keep or [], "min_items": min_items, "max_items": max_items,
                   "min_domains": min_domains, "max_domains": max_domains, "balance": balance,
                   "balance_by": balance_by.value, "no_new_domains": no_new_domains or [],
                   "together": together or [], "max_upheaval": max_upheaval,
                   "allow_moves": allow_moves, "max_moves": max_moves,
                   "mayor_keeps_police": mayor_keeps_police, "weight": weight or []}
    from orggraph.propose import propose as run

    city = load(base)
    try:
        constraints, locate = constraints_from(constraints_file, options, city)
    except ValueError as error:  # a malformed option value (--weight, --together)
        raise UsageError(str(error)) from None
    result = run(city, constraints, time_limit=time_limit, seed=seed, locate=locate)
    written = write_proposals(result, base, out_dir)
    _print(result, out_dir, REPORT)
    err.print(styled(("wrote", "green"), f" {plural(len(written), 'file')} in {out_dir}"))


def _print(result, out_dir: Path, report: str) -> None:
    from orggraph.propose.output import file_name

    base = result.comparison.base.metrics["coherence_index"]
    out.print(f"Base: coherence index {_fmt(base)}. Search took {result.search.seconds:.1f} s.")
    if not result.proposals:
        out.print("No proposal does better than the base within these constraints.")
    for p in result.proposals:
        status = "proven best" if p.proposal.optimal else (
            "time limit, gap unknown" if p.proposal.bound == float("inf")
            else f"time limit, gap {_gap(p.proposal.gap)}")
        out.print(styled("\n", (f"Upheaval {p.upheaval}", "bold"), ": coherence index "
                         f"{_fmt(p.result.value('coherence_index'))} ({status}) "
                         f"→ {out_dir / file_name(p)}"))
        for sentence in p.sentences:
            out.print(f"  {sentence}")
    for budget, why in result.search.empty.items():
        if why == "infeasible":
            out.print(f"\nUpheaval {budget}: no proposal satisfies the constraints.")
    if result.proposals:
        out.print(f"\nCompare them in {out_dir / report}.")


def _gap(gap: float) -> str:
    return "< 0.01" if gap < 0.005 else f"{gap:.2f}"


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
