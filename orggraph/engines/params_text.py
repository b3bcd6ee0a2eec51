"""The parameters of a FalkorDB query as the text the server reads, written by the JSON encoder.

FalkorDB takes a query's parameters in a header before the query, ``CYPHER `name`=value ...``,
whose values the server reads as literals only (never as part of the query). Its Python client
writes that header one value at a time in Python, which cost a push about as much time as the
server's own work; this module writes the same header with :func:`json.dumps`, which runs in C.
JSON and the client's header agree on everything a push sends, with three differences handled:

- strings: both escape only backslash and double quote; JSON also escapes control characters
  (``\\n``), which the header does not read. A text holding any escape but those two is written
  by the client's own writer instead.
- map keys: the header wants them in backquotes. Every JSON key that is an identifier is
  backquoted; a text left with any other key (empty, with a backquote, ...) goes to the client's
  writer, which refuses what it cannot write.
- booleans are ``true``/``false`` (the client writes ``True``/``False``; the server reads both);
  NaN, infinities and values JSON cannot write go to the client's writer.

>>> params_header({"rows": [{"uid": 'a "b"', "props": {"n": 1, "ok": True}}]})
'CYPHER `rows`=[{`uid`:"a \\\\"b\\\\"",`props`:{`n`:1,`ok`:true}}] '
>>> params_header({})
''
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from falkordb.helpers import stringify_param_value

__all__ = ["params_header", "value_text"]

# In the encoder's output a double quote that is not escaped starts or ends a string, and a string
# followed by a colon is a key. A key that follows `{` or `,` and starts with a letter cannot be
# the end of a string (a string is followed by `,`, `:`, `]` or `}`), so this finds keys only.
_IDENTIFIER_KEY = re.compile(r'([{,])"([A-Za-z_][A-Za-z0-9_]*)":')
# Any key still in double quotes (this may also match some values: they then take the slow path).
_OTHER_KEY = re.compile(r'[{,]"(?:[^"\\]|\\.)*":')
# A backslash followed by anything but a quote or a backslash: an escape the header does not read.
_OTHER_ESCAPE = re.compile(r'\\[^"\\]')
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def value_text(value: Any) -> str:
    """Return ``value`` written as a header literal, as FalkorDB's client would read it.

    >>> value_text(["a", None, 2.5, {"k": [1]}])
    '["a",null,2.5,{`k`:[1]}]'
    >>> value_text("line\\nbreak") == '"line\\nbreak"'   # the client's writer, newline kept
    True
    """
    try:
        text = _encode(value)
    except (TypeError, ValueError):
        return stringify_param_value(value)
    if "\\" in text and _OTHER_ESCAPE.search(text):
        return stringify_param_value(value)
    if "{" in text:  # any map (a push's rows are lists: they skip this)
        text = _IDENTIFIER_KEY.sub(r"\1`\2`:", text)
        if _OTHER_KEY.search(text):
            return stringify_param_value(value)
    return text


def params_header(params: Mapping[str, Any]) -> str:
    """Return the ``CYPHER ...`` header that passes ``params`` to a query (empty without any)."""
    if not params:
        return ""
    parts = ["CYPHER "]
    for name, value in params.items():
        if not name or "`" in name:
            raise ValueError(f"a query parameter name cannot be empty or hold a backquote: "
                             f"{name!r}")
        parts.append(f"`{name}`={value_text(value)} ")
    return "".join(parts)
