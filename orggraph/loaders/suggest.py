"""Suggest the closest existing ids or names for a mistyped one.

>>> closest("dienst-economy", ["dienst-economie", "dienst-milieu", "cluster-ruimte"])
['dienst-economie']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates that look like ``word``, best first."""
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    hits = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``' Did you mean `a` or `b`?'`` or an empty string."""
    hits = closest(word, candidates)
    if not hits:
        return ""
    quoted = [f"'{h}'" for h in hits]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Did you mean {joined}?"
