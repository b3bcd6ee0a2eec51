"""Show numbers the way every output of orggraph shows them: the precision rules, stated once.

=============  =====  =========  ==============================  ===========  ==========
output         null   integers   floats                          0–100 index  change
=============  =====  =========  ==============================  ===========  ==========
``metric``     —      as is      3 decimals                      1 decimal
``scenario``   —      as is      whole ≥ 1: as is; ≥ 10: 1       (as floats)  sign, same
                                 decimal; else 3 decimals                     size; index
                                                                              1 decimal
``panel``      n/a    as is      ≥ 10: 1 decimal; else 2 decimals
``fte``        —      as is      shortest form (``12.5``, ``3``)
``score``      —      as is      4 decimals (betweenness)
=============  =====  =========  ==============================  ===========  ==========

``metric`` is the metric tables of ``orggraph metrics`` and the demo; ``scenario`` is the
comparison of scenarios, in the terminal and in the HTML report; ``panel`` is the metrics panel
of a map, where space is short. CSV and JSON keep the full value: they are read by programs, not
people.

>>> format_number(2 / 3), format_number(60.119, index=True), format_number(None)
('0.667', '60.1', '—')
>>> format_number(57.891, "scenario"), format_number(4.0, "scenario"), format_change(-2.5)
('57.9', '4', '−2.500')
"""

from __future__ import annotations

from typing import Literal

__all__ = ["NULL", "Style", "format_change", "format_number"]

#: How a null value (an empty denominator) is shown.
NULL = "—"
Style = Literal["metric", "scenario", "panel", "fte", "score"]


def format_number(value: float | int | None, style: Style = "metric", *,
                  index: bool = False) -> str:
    """Return ``value`` as the output ``style`` shows it (see the table above).

    ``index`` marks a 0–100 index (transversality, coherence), shown with one decimal in metric
    tables.

    >>> format_number(3), format_number(0.123456, "scenario"), format_number(12.5, "fte")
    ('3', '0.123', '12.5')
    >>> format_number(0.123456, "panel"), format_number(None, "panel")
    ('0.12', 'n/a')
    """
    if value is None:
        return "n/a" if style == "panel" else NULL
    if isinstance(value, int):
        return str(value)
    if style == "panel":
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if style == "fte":
        return f"{value:g}"
    if style == "score":
        return f"{value:.4f}"
    if style == "scenario":
        if float(value).is_integer() and abs(value) >= 1:
            return f"{value:g}"
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}"
    return f"{value:.1f}" if index else f"{value:.3f}"


def format_change(change: float | int | None, *, index: bool = False) -> str:
    """Return a change between two values: ``""`` for none, ``"="`` for zero, else signed.

    The size is shown as ``scenario`` numbers are, or with one decimal for an ``index``.

    >>> format_change(None), format_change(0), format_change(3), format_change(1.25, index=True)
    ('', '=', '+3', '+1.2')
    """
    if change is None:
        return ""
    if change == 0:
        return "="
    size = f"{abs(change):.1f}" if index else format_number(abs(change), "scenario")
    return ("+" if change > 0 else "−") + size
