"""``orggraph export`` and ``orggraph import``: W3C ORG / OSLO, Popolo and the Mandatendatabank."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph.commands.common import OnePath, err, out, plural, styled
from orggraph.errors import UsageError

__all__ = ["ExportFormat", "ImportFormat", "export_command", "import_command", "register"]


class ExportFormat(StrEnum):
    """Formats ``orggraph export`` writes."""

    org_turtle = "org-turtle"
    org_jsonld = "org-jsonld"
    popolo = "popolo"


class ImportFormat(StrEnum):
    """Formats ``orggraph import`` reads."""

    mandaten = "mandaten"
    org = "org"
    popolo = "popolo"


OutFile = Annotated[Path, typer.Option("--out", help="The file to write.", show_default=False,
                                       dir_okay=False)]


def export_command(
    path: OnePath,
    to: Annotated[ExportFormat, typer.Option("--to", help="org-turtle / org-jsonld: W3C ORG and "
                                             "OSLO RDF; popolo: Popolo JSON.",
                                             show_default=False)],
    out_file: OutFile,
    base: Annotated[str | None, typer.Option(
        "--base", help="Base of the IRIs (RDF only), e.g. https://data.example.be/orggraph/.",
        show_default=False)] = None,
) -> None:
    """Write a dataset as W3C ORG / OSLO RDF (Turtle or JSON-LD) or as Popolo JSON.

    Facts the standards have no term for go into the documented orggraph: vocabulary, so that
    `orggraph import` reads the file back into the same dataset.

    Example: orggraph export examples/gent.yaml --to org-turtle --out gent.ttl
    """
    from orggraph.interop.convert import export_city
    from orggraph.loaders import load

    city = load(path)
    written = export_city(city, to.value, out_file, base)
    out.print(styled(("wrote", "green"), f" {written}: {city.city.name} as {to.value}, "
                     f"{plural(len(city.units), 'unit')}, {plural(len(city.people), 'person')}."))


def import_command(
    file: Annotated[Path, typer.Argument(help="The file to read.", show_default=False)],
    source: Annotated[ImportFormat, typer.Option(
        "--from", help="mandaten: a Mandatendatabank export (Turtle, N-Triples, JSON-LD); org: "
        "an `orggraph export --to org-*` file; popolo: Popolo JSON.", show_default=False)],
    out_file: OutFile,
    bestuurseenheid: Annotated[str | None, typer.Option(
        "--bestuurseenheid", help="The municipality to read when the file holds several.",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="mandaten: the college as it stands on this day (YYYY-MM-DD; default "
        "today).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Fail (exit 1, nothing written) when a beleidsdomein label matches no "
        "domain.")] = False,
) -> None:
    """Read a Mandatendatabank export, an ORG export or Popolo JSON into a dataset file.

    Example: orggraph import mandaten.ttl --from mandaten --bestuurseenheid Gent --out gent.yaml
    """
    from orggraph.interop.convert import import_file, validate_document
    from orggraph.interop.result import ImportFailed

    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise UsageError(f"--as-of {as_of!r} is not a date; write it as YYYY-MM-DD.") from None
    result = import_file(file, source.value, bestuurseenheid, day)
    if result.unmatched and strict:
        raise ImportFailed(f"{plural(len(result.unmatched), 'beleidsdomein label')} matched "
                           f"no domain, so {out_file} was not written (--strict):\n"
                           + "\n".join(f"  {u}" for u in result.unmatched))
    city = validate_document(result, out_file)
    out.print(styled(("wrote", "green"), f" {out_file}: {city.city.name}, "
                     f"{plural(len(city.units), 'unit')}, "
                     f"{plural(len(city.college), 'college member')}."))
    if result.unmatched:
        count = len(result.unmatched)
        err.print(styled(("warning:", "yellow"), f" {plural(count, 'beleidsdomein label')} "
                         f"matched no domain and {'was' if count == 1 else 'were'} left out of "
                         "the portfolios; add them by hand (or run with --strict to stop "
                         "instead):"))
        for item in result.unmatched:
            err.print(f"  {item}")
    if result.missing:
        out.print("Not in the source, to add by hand: " + ", ".join(result.missing) + ".")


def register(app: typer.Typer) -> None:
    """Add ``orggraph export`` and ``orggraph import`` to the command line."""
    app.command("export")(export_command)
    app.command("import")(import_command)
