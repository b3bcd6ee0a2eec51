"""Names from data, written exactly as they are and harmless wherever they go.

A unit may be called ``Milieu [incl. natuur]`` (square brackets read as styling by a terminal
library), ``=HYPERLINK(...)`` (a formula to a spreadsheet), or hold an escape character that
retitles or clears a terminal. Every output path runs names through one of these functions:

- :func:`visible` for the terminal: control characters become visible ``\\x1b``-style escapes;
- :func:`csv_cell` for CSV: text that a spreadsheet would run as a formula is neutralised as
  OWASP recommends (a leading ``'``);
- :func:`strict_json` for JSON: only valid JSON, non-finite numbers written as ``null``.

>>> print(visible("Stad\\x1b]0;TITLE\\x07"))
Stad\\x1b]0;TITLE\\x07
>>> csv_cell("=1+1"), csv_cell("Dienst Economie"), csv_cell(-0.5)
("'=1+1", 'Dienst Economie', -0.5)
>>> strict_json({"x": float("nan")})
'{"x": null}'
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["CONTROL_CHARACTERS", "csv_cell", "strict_json", "visible"]

#: C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F, which some
#: terminals obey like ESC sequences): never printed raw, never accepted in a name.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# OWASP, CSV injection: cells starting with these are run as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    """Return ``text`` with every control character but tab and newline shown as an escape.

    >>> visible("a\\tb\\nc\\x00d\\x9b")
    'a\\tb\\nc\\\\x00d\\\\x9b'
    """
    if not CONTROL_CHARACTERS.search(text):
        return text
    return CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def csv_cell(value: Any) -> Any:
    """Return a CSV cell value that a spreadsheet shows as text rather than running it.

    Numbers are left as numbers (a negative number is not a formula); text starting with ``=``,
    ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``.

    >>> csv_cell("+32 9 266 11 11"), csv_cell("@SUM(A1)"), csv_cell(3)
    ("'+32 9 266 11 11", "'@SUM(A1)", 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def strict_json(value: Any, **options: Any) -> str:
    """Return ``json.dumps(value, **options)`` that is always valid JSON.

    ``NaN`` and infinities, which Python would write as the invalid ``NaN``/``Infinity``, are
    written as ``null``; the text is checked with ``allow_nan=False`` so nothing slips through.

    >>> strict_json([1.5, float("inf")])
    '[1.5, null]'
    """
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:
        return json.dumps(_finite(value), allow_nan=False, **options)
