"""What every command shares: consoles, argument types, and the one place errors become exits.

Commands raise; they never catch :class:`~orggraph.errors.OrggraphError` themselves. Every command
is registered through :class:`App`, whose ``command`` wraps it in :func:`reporting_errors`: an
orggraph error becomes one message on stderr and its ``exit_code`` (0 ok, 1 invalid input,
2 usage, 3 backend unreachable); any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from orggraph.errors import InvalidDataError, OrggraphError, UsageError
from orggraph.literal import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

__all__ = ["App", "Format", "LiteralConsole", "OnePath", "Paths", "Printer", "Styled",
           "check_sort", "err", "fail", "out", "plural", "reporting_errors", "styled"]

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    """Output formats of the commands that print rows (``metrics``, ``cypher``)."""

    table = "table"
    json = "json"
    csv = "csv"



@functools.cache
def _literal_console_class() -> type[Console]:
    from rich.console import Console

    class LiteralConsole(Console):
        """A console that prints every string as written: no markup, no emoji codes, control
        characters shown as escapes (:func:`orggraph.literal.visible`).

        Names come from data files; ``Milieu [incl. natuur]`` must print as such, and ``[red]``
        or an ESC sequence in a name must not style or take over the terminal. Styling is added
        only through :func:`styled`, whose plain parts pass the same filter.
        """

        def render_str(self, text: str, **options: Any) -> Text:
            """Render a string literally (see the class docstring)."""
            options.update(markup=False, emoji=False, highlight=False)
            return super().render_str(visible(text), **options)

    return LiteralConsole


def LiteralConsole(**options: Any) -> Console:  # noqa: N802 - stands for the class
    """Return a rich console that prints every string as written (no markup, no emoji codes,
    control characters shown as escapes); rich is imported on the first call.

    >>> import io
    >>> buffer = io.StringIO()
    >>> LiteralConsole(file=buffer).print("[red]Milieu[/] :smile:")
    >>> buffer.getvalue()
    '[red]Milieu[/] :smile:\\n'
    """
    return _literal_console_class()(**options)


class Styled:
    """Plain text and ``(text, style)`` parts to print as one line; see :func:`styled`."""

    def __init__(self, parts: Sequence[str | tuple[str, str]]):
        self.parts = [(visible(p[0]), p[1]) if isinstance(p, tuple) else (visible(p), "")
                      for p in parts]

    @property
    def plain(self) -> str:
        """The text without its styles."""
        return "".join(text for text, _ in self.parts)

    def __rich__(self) -> Text:
        from rich.text import Text

        return Text.assemble(*self.parts)


def styled(*parts: str | tuple[str, str]) -> Styled:
    """Join plain text and ``(text, style)`` pairs into one line, every part literal.

    >>> styled(("ok", "green"), " Stad [/]").plain
    'ok Stad [/]'
    """
    return Styled(parts)


#: Set by someone who wants colour where the output is not a terminal; rich reads them too.
_COLOUR_WANTED = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


class Printer:
    """Standard output or standard error, printed literally (as :func:`LiteralConsole`).

    Lines of text and :func:`styled` lines written to a file or a pipe go straight to the stream;
    a rich console is made (and rich imported) only for what needs one: a terminal, tables,
    progress bars. Either way the words are the same, so a script reading the output sees what a
    person at a terminal reads, without the colours.

    >>> import contextlib, io
    >>> buffer = io.StringIO()
    >>> with contextlib.redirect_stdout(buffer):
    ...     Printer().print(styled(("ok", "green"), " Stad [/]"))
    >>> buffer.getvalue()
    'ok Stad [/]\\n'
    """

    def __init__(self, stderr: bool = False):
        self.stderr = stderr

    @property
    def file(self) -> TextIO:
        """The stream, looked up at each use (tests and callers may swap ``sys.stdout``)."""
        return sys.stderr if self.stderr else sys.stdout

    @cached_property
    def console(self) -> Console:
        """The rich console behind this printer, made on first use."""
        return LiteralConsole(stderr=self.stderr, highlight=False, soft_wrap=True)

    def _plain(self) -> bool:
        if "console" in self.__dict__ or any(os.environ.get(v) for v in _COLOUR_WANTED):
            return False
        isatty = getattr(self.file, "isatty", None)
        return not (isatty is not None and isatty())

    def print(self, *objects: Any, **options: Any) -> None:
        """Print as :meth:`rich.console.Console.print` does (same words, same line ends)."""
        if not options and all(isinstance(o, str | Styled) for o in objects) and self._plain():
            text = " ".join(o.plain if isinstance(o, Styled) else visible(o) for o in objects)
            if "\t" not in text:  # rich expands tabs by the width of what precedes them
                stream = self.file
                stream.write(text + "\n")
                # As rich does: flushed at once, so that lines to stdout and stderr sent to one
                # file keep the order in which they were printed.
                stream.flush()
                return
        self.console.print(*objects, **options)

    def __getattr__(self, name: str) -> Any:
        # Anything else (is_terminal, width, status, ...) is the console's.
        return getattr(self.console, name)


out = Printer()
err = Printer(stderr=True)

Paths = Annotated[list[Path], typer.Argument(
    help="Dataset files (.yaml, .json, .csv) or folders.", show_default=False)]
OnePath = Annotated[Path, typer.Argument(help="A dataset file or folder.", show_default=False)]


def fail(error: OrggraphError) -> typer.Exit:
    """Print an orggraph error on stderr and return the Exit to raise with its code.

    Use as ``raise fail(error) from None`` so that no traceback is shown.
    """
    if isinstance(error, InvalidDataError):
        count = len(error.problems)
        err.print(styled((f"{count} problem{'s' * (count != 1)} found:", "bold red")))
        for problem in error.problems:
            err.print(f"  {problem}")
    else:
        err.print(styled(("error:", "bold red"), " ", str(error)))
    return typer.Exit(code=error.exit_code)


def reporting_errors(command: F) -> F:
    """Wrap a command so that an orggraph error ends it with a message and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OrggraphError as error:
            raise fail(error) from None

    return run  # type: ignore[return-value]


class App(typer.Typer):
    """A Typer app whose every command goes through :func:`reporting_errors`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Register a command, as :meth:`typer.Typer.command` does, behind the error boundary."""
        register = super().command(*args, **kwargs)

        def decorator(function: F) -> F:
            register(reporting_errors(function))
            return function

        return decorator


def check_sort(value: str | None, keys: Sequence[str]) -> str | None:
    """Return ``value`` if it is one of ``keys`` (or None); else raise a usage error naming them.

    >>> check_sort("ei_index", ["ei_index", "n_units"])
    'ei_index'
    >>> check_sort("ei_indx", ["ei_index", "n_units"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    orggraph.errors.UsageError: --sort: 'ei_indx' is not a metric. Did you mean 'ei_index'? ...
    """
    from orggraph.loaders.suggest import did_you_mean

    if value is not None and value not in keys:
        raise UsageError(f"--sort: '{value}' is not a metric." + did_you_mean(value, keys)
                         + " Use one of: " + ", ".join(keys) + ".")
    return value


def plural(count: int, noun: str) -> str:
    """Return ``'1 unit'`` or ``'3 units'``.

    >>> plural(1, "programme"), plural(2, "programme")
    ('1 programme', '2 programmes')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"
