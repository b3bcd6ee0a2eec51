"""``orggraph engine start | stop | status``: the local Cypher engine as a background service."""

# Annotations stay objects, not strings (no `from __future__ import annotations`): Typer
# reads every command's signature at every start (see orggraph/commands/__init__.py).

import typer

from orggraph.commands.common import App, out, plural

__all__ = ["register", "size_text"]

engine_app = App(
    help="Run the local Cypher engine in the background, so that pushed cities stay loaded. "
    "Only you can reach it (a private socket in your data folder).",
    no_args_is_help=True)


def size_text(size: int) -> str:
    """Return a byte count for people.

    >>> size_text(512), size_text(3_400_000)
    ('512 B', '3.2 MB')
    """
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _print_status(status) -> None:
    home = status.home
    if not status.running:
        out.print(f"the local engine is stopped; its data ({size_text(status.disk_bytes)}) is in "
                  f"{home.data}")
        return
    out.print(f"the local engine runs (process {status.pid}) at {home.socket}")
    out.print(f"data: {home.data}, {size_text(status.disk_bytes)} on disk, "
              f"{size_text(status.memory_bytes or 0)} in memory")
    if not status.holdings:
        out.print("it holds nothing yet: push a city with `orggraph push PATH`")
        return
    out.print(f"it holds {len(status.holdings)} (cities and scenarios):")
    for holding in status.holdings:
        out.print(f"  {holding.label}  ({plural(holding.nodes, 'node')})")


@engine_app.command("start")
def start_command() -> None:
    """Start the local engine (does nothing when it already runs).

    Example: orggraph engine start
    """
    from orggraph.engines.service import start

    status, started = start()
    if not started:
        out.print("the local engine already runs")
    _print_status(status)


@engine_app.command("stop")
def stop_command() -> None:
    """Stop the local engine; its data stays for the next start.

    Example: orggraph engine stop
    """
    from orggraph.engines.service import engine_home, stop

    home = engine_home()
    if stop(home):
        out.print(f"stopped the local engine; its data stays in {home.data}")
    else:
        out.print("the local engine was not running")


@engine_app.command("status")
def status_command() -> None:
    """Say whether the local engine runs, where, how big it is and which cities it holds.

    Example: orggraph engine status
    """
    from orggraph.engines.service import status

    _print_status(status())


def register(app: typer.Typer) -> None:
    """Add the ``engine`` command group to the command line."""
    app.add_typer(engine_app, name="engine")
