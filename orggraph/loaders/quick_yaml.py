"""Read a plain YAML dataset in compiled code, or say that the detailed reader must.

The detailed reader (:mod:`orggraph.loaders.sources`) parses YAML 1.2 with ruamel's pure-Python
parser, which costs more than everything else ``orggraph validate`` does on a small file and
about ten times more than a compiled parser on a large one. :func:`read_plain_yaml` lets libyaml
(through PyYAML) do the parsing only: the syntax, which YAML 1.1 and 1.2 share for the documents
datasets are made of. What a plain scalar means (a number, ``true``, null, text) is decided by
the very resolver and constructor of ruamel that the detailed reader uses, so both read the
same values. Anything this path does not read exactly as the detailed one would, it does not
read at all: it returns ``None`` for explicit tags, anchors and aliases, merge keys, block
scalars (``|``, ``>``), a ``%YAML`` directive, several documents, a key given twice, a key that
is not text, tabs and line breaks that the two read differently, characters either reader could
refuse, and any error.
The caller then reads the file the detailed way, which explains whatever is wrong.

>>> read_plain_yaml("city: {id: x, name: X}\\nunits: [{id: a, fte: 2.5, support: true}]\\n")
{'city': {'id': 'x', 'name': 'X'}, 'units': [{'id': 'a', 'fte': 2.5, 'support': True}]}
>>> read_plain_yaml("a: &anchor 1\\nb: *anchor\\n") is None   # the detailed reader's job
True
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["read_plain_yaml", "read_yaml"]

# Characters outside what both readers accept as printable; the line breaks of YAML 1.1 (NEL,
# LS, PS) that are text in YAML 1.2; and tabs, which libyaml lets stand in places where ruamel
# refuses them.
_UNSURE = re.compile("[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                     # a carriage return alone, not ending a line as in CR LF
                     "|\r(?!\n)")


@cache
def _ruamel() -> tuple[Any, Any, Any]:
    """ruamel's YAML 1.2 resolver, its constructor, and its scalar node type."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode

    yaml = YAML(typ="safe", pure=True)
    return yaml.resolver, yaml.constructor, ScalarNode


def _libyaml() -> Any:
    """PyYAML's parser in C, or None where PyYAML was built without libyaml."""
    try:
        from yaml.cyaml import CParser
    except ImportError:
        return None
    return CParser


class _Unsure(Exception):
    """This document is the detailed reader's to read."""


def read_plain_yaml(text: str) -> Any:
    """Return the values of a YAML text as the detailed reader would read them, or None.

    None means "read it the detailed way" (see the module docstring); never raises.
    """
    parser = _libyaml()
    if parser is None or _UNSURE.search(text):
        return None
    try:
        return _build(parser(text))
    except Exception:  # a parse error, or any doubt: the detailed reader says what is wrong
        return None


def read_yaml(text: str) -> Any:
    """Return the values of a YAML 1.2 text: by libyaml when :func:`read_plain_yaml` can, by
    ruamel's pure-Python reader otherwise, which raises its own errors for broken YAML.

    The one way orggraph reads YAML: datasets, scenarios and bundled taxonomies alike.

    >>> read_yaml("a: no\\nb: &x 1\\nc: *x\\n")   # YAML 1.2's `no` is text; aliases go to ruamel
    {'a': 'no', 'b': 1, 'c': 1}
    """
    data = read_plain_yaml(text)
    if data is not None:
        return data
    from ruamel.yaml import YAML

    # pure: ruamel's C loader, used when ruamel.yaml.clib is installed, reads YAML 1.1 and
    # refuses valid 1.2 such as `sources: [https://example.be]`.
    return YAML(typ="safe", pure=True).load(text)


def _build(parser: Any) -> Any:
    import yaml.events as ev

    resolver, constructor, scalar_node = _ruamel()
    scalar_tag = resolver.DEFAULT_SCALAR_TAG
    # ruamel files its implicit types under their first character (None: any); a plain scalar
    # that starts with none of those is text, as resolve() would find, without its cost a call.
    starts = resolver.versioned_resolver
    any_start = None in starts

    def scalar(event: Any) -> Any:
        if event.style in ("|", ">"):  # block scalars: libyaml ends some where ruamel does not
            raise _Unsure
        if not event.implicit[0]:  # quoted: text as written
            return event.value
        if event.value and event.value[0] not in starts and not any_start:
            return event.value
        tag = resolver.resolve(scalar_node, event.value, (True, False))
        if tag == scalar_tag:
            return event.value
        # The constructor the detailed reader would call for this tag, without its cache.
        return constructor.construct_non_recursive_object(scalar_node(tag, event.value))

    stack: list[Any] = []  # open containers; a mapping's pending key follows it
    documents, root = 0, None
    try:
        for event in iter(parser.get_event, None):
            kind = type(event)
            if kind in (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent):
                if event.tag is not None or event.anchor is not None:
                    raise _Unsure
                value = (scalar(event) if kind is ev.ScalarEvent
                         else {} if kind is ev.MappingStartEvent else [])
                _place(stack, value)
                if kind is not ev.ScalarEvent:
                    stack.append(value)
                elif not stack:
                    root = value
            elif kind in (ev.MappingEndEvent, ev.SequenceEndEvent):
                done = stack.pop()
                if isinstance(done, _Key):  # a key without its value
                    raise _Unsure
                if not stack:
                    root = done
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1 or event.version is not None or event.tags:
                    raise _Unsure
            elif kind is ev.AliasEvent:
                raise _Unsure
            if kind is ev.StreamEndEvent:
                break
    finally:
        parser.dispose()
    if documents != 1:
        raise _Unsure
    return root


class _Key:
    """A mapping's key read, waiting for its value."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key


def _place(stack: list[Any], value: Any) -> None:
    """Put ``value`` where it goes: in the open list, or as a key or value of the open mapping."""
    if not stack:
        return
    top = stack[-1]
    if isinstance(top, list):
        top.append(value)
    elif isinstance(top, _Key):
        stack.pop()
        stack[-1][top.key] = value
    else:  # a mapping waiting for a key
        if not isinstance(value, str) or value in top:
            raise _Unsure  # a key that is not text, or a key given twice
        stack.append(_Key(value))
