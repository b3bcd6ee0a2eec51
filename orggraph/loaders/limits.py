"""Limits that protect the reader and the engines from files no real city produces.

A dataset of a real city is a few megabytes, nests five or six levels deep and uses YAML aliases
sparingly if at all. A file far past that is a mistake or an attack: a 400-byte "alias bomb"
expands to millions of entries, 50,000 nested brackets exhaust the parser's stack, a 5,000-digit
number cannot be turned into an integer. Each limit below becomes a located problem that names the
limit, instead of a traceback, a hang or gigabytes of memory.

>>> tree_shape({"units": [{"id": "a"}, {"id": "b"}]})
Shape(depth=3, entries=6, containers=4)
>>> shared = ["x"] * 3
>>> tree_shape({"a": shared, "b": shared}).entries     # an alias counts each time it is used
9
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_YAML_BYTES",
    "Shape",
    "check_shape",
    "excerpt",
    "line_of_long_number",
    "open_brackets",
    "max_entries",
    "tree_shape",
]

#: Largest dataset file read (256 MiB). Reading takes several times the file's size in memory;
#: a larger city splits its sections over several files in a folder.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Largest YAML file read (32 MiB): YAML takes some 30 times as long as JSON to read and about
#: 75 times its own size in memory (a 20 MB file: close to 3 minutes and 1.5 GB).
MAX_YAML_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted; a dataset needs about six levels.
MAX_DEPTH = 32
#: Longest quotation of a value inside an error message (characters).
EXCERPT_CHARS = 80


class Shape(NamedTuple):
    """How deep a parsed document nests, how many entries it holds once aliases expand, and how
    many distinct mappings and lists it is written with."""

    depth: int
    entries: int
    containers: int = 0


def max_entries(unique: int) -> int:
    """Return how many entries a document with ``unique`` distinct containers may expand to.

    Aliases that repeat a list a few times are fine; a document that grows a hundredfold is not.

    >>> max_entries(10)
    100100
    """
    return 100_000 + 10 * unique


def tree_shape(value: Any) -> Shape:
    """Return the depth and the expanded entry count of a parsed YAML or JSON value.

    Shared containers (YAML aliases) are measured once and counted every time they are used, so
    the walk costs the size of the file, not the size of the expansion. Iterative, so a deeply
    nested document cannot exhaust Python's stack here.
    """
    memo: dict[int, Shape] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list) or id(node) in memo:
            continue
        children = [c for c in (node.values() if isinstance(node, dict) else node)
                    if isinstance(c, dict | list)]
        if not children_done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in memo)
            continue
        depth = 1 + max((memo[id(c)].depth for c in children), default=0)
        scalars = len(node) - len(children)
        memo[id(node)] = Shape(depth, 1 + scalars + sum(memo[id(c)].entries for c in children))
    if not isinstance(value, dict | list):
        return Shape(0, 1, 0)
    return memo[id(value)]._replace(containers=len(memo))


def check_shape(value: Any) -> str | None:
    """Return a sentence saying which limit a parsed document breaks, or None when it is fine.

    >>> check_shape({"units": []}) is None
    True
    >>> deep = []
    >>> for _ in range(40):
    ...     deep = [deep]
    >>> print(check_shape(deep))
    nests 41 levels deep; orggraph reads at most 32 (a dataset needs about six).
    """
    shape = tree_shape(value)
    if shape.depth > MAX_DEPTH:
        return (f"nests {shape.depth} levels deep; orggraph reads at most {MAX_DEPTH} "
                "(a dataset needs about six).")
    unique = shape.containers
    if shape.entries > max_entries(unique):
        return (f"expands to {shape.entries:,} entries through YAML aliases (`*name`) from "
                f"{unique:,} written ones; orggraph refuses more than {max_entries(unique):,}. "
                "Write the repeated parts out or remove the aliases.")
    return None


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters, for quoting inside a message.

    The value is never turned into text in full: an expanded alias bomb would take gigabytes.

    >>> excerpt("Dienst Economie")
    "'Dienst Economie'"
    >>> excerpt(list(range(10_000)), 20)
    '[0, 1, 2, 3, 4, 5, …'
    """
    if isinstance(value, dict | list | tuple | set):
        text = _bounded_repr(value, limit + 1)
    else:
        text = repr(value) if not isinstance(value, str) or len(value) <= limit * 4 \
            else repr(value[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded_repr(value: Any, limit: int) -> str:
    """Build the repr of a container piece by piece and stop once ``limit`` is passed."""
    parts: list[str] = []
    size = 0
    opener, closer = {dict: "{}", list: "[]", tuple: "()", set: "{}"}.get(type(value), "[]")
    items = (f"{k!r}: " for k in value) if isinstance(value, dict) else None
    values = value.values() if isinstance(value, dict) else value
    for item in values:
        head = next(items) if items is not None else ""
        piece = head + (_bounded_repr(item, limit - size) if isinstance(item, dict | list | tuple)
                        else excerpt(item, max(limit - size, 1)))
        parts.append(piece)
        size += len(piece) + 2
        if size > limit:
            break
    return opener + ", ".join(parts) + closer


_LONG_NUMBER = re.compile(r"\d{4301,}")


def line_of_long_number(text: str) -> int | None:
    """Return the line of the first run of more than 4,300 digits in ``text``, if any.

    >>> line_of_long_number("a: 1\\nb: " + "9" * 5000)
    2
    """
    match = _LONG_NUMBER.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


_BRACKET = re.compile(r"[\[\]{}]")
#: Most brackets ``[`` ``{`` a YAML text may hold open at once before it is parsed. The parser
#: recurses once per level: the pure-Python one runs out of stack after seconds of work, and the
#: compiled one (ruamel.yaml.clib, when installed) crashes the whole process, so the check must
#: come before parsing.
MAX_OPEN_BRACKETS = 1000


def open_brackets(text: str) -> tuple[int, int]:
    r"""Return the most brackets held open at once in ``text`` and the line where that happens.

    Quotes are not understood, so a bracket inside quoted text counts too: the count can only be
    too high, never too low, and real data is hundreds of levels away from the limit.

    >>> open_brackets("a: [1, {b: [2]}]\nc: [")
    (3, 1)
    """
    depth = deepest = 0
    at = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > deepest:
            deepest, at = depth, match.start()
    return deepest, text.count("\n", 0, at) + 1
