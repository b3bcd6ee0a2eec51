"""What every command shares: consoles, argument types and turning errors into exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from orggraph.errors import InvalidDataError, OrggraphError

__all__ = ["OnePath", "Paths", "err", "fail", "out", "plural"]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Paths = Annotated[list[Path], typer.Argument(
    help="Dataset files (.yaml, .json, .csv) or folders.", show_default=False)]
OnePath = Annotated[Path, typer.Argument(help="A dataset file or folder.", show_default=False)]


def fail(error: OrggraphError) -> typer.Exit:
    """Print an orggraph error on stderr and return the Exit to raise with its code.

    Use as ``raise fail(error) from None`` so that no traceback is shown.
    """
    if isinstance(error, InvalidDataError):
        count = len(error.problems)
        err.print(f"[bold red]{count} problem{'s' * (count != 1)} found:[/]")
        for problem in error.problems:
            err.print(f"  {problem}", markup=False)
    else:
        err.print("[bold red]error:[/] ", end="")
        err.print(str(error), markup=False)
    return typer.Exit(code=error.exit_code)


def plural(count: int, noun: str) -> str:
    """Return ``'1 unit'`` or ``'3 units'``.

    >>> plural(1, "programme"), plural(2, "programme")
    ('1 programme', '2 programmes')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"
