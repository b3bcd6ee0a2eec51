"""``orggraph synth``: write a synthetic city of any size, for trying things out at scale."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import out, styled
from orggraph.synth import MIN_UNITS

__all__ = ["register", "synth"]


def synth(
    n_units: Annotated[int, typer.Argument(
        min=MIN_UNITS, metavar="N", show_default=False,
        help=f"Number of units, the organisation root included (at least {MIN_UNITS}).")],
    out_file: Annotated[Path, typer.Option(
        "--out", help="The dataset file to write: .yaml, .yml or .json.", show_default=False,
        dir_okay=False)],
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same city.")] = 0,
    taxonomy: Annotated[bool, typer.Option(
        "--taxonomy", help="Use the bundled BBC taxonomy for the policy domains.")] = False,
) -> None:
    """Write an invented city with N units, its college, programmes and partners.

    Clusters, departments, services, staff units, strategic cells, agencies, all invented.

    Use it to try metrics, maps and databases on a city of any size.

    Example: orggraph synth 10000 --out synthstad.json --seed 1
    """
    from orggraph.loaders.dump import write_city
    from orggraph.synth import synthetic_city

    city = synthetic_city(n_units, seed, taxonomy=taxonomy)
    write_city(city, out_file)
    out.print(styled(("wrote", "green"), f" {out_file}: {len(city.units)} units, "
                     f"{len(city.people)} people, {len(city.programmes)} programmes, "
                     f"{len(city.partners)} partners"))


def register(app: typer.Typer) -> None:
    """Add ``orggraph synth`` to the command line."""
    app.command("synth")(synth)
