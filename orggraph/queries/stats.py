"""Small, null-aware statistics the metrics share.

>>> mean([]) is None, mean([1, 2]), share(0, 0) is None, share(1, 4)
(True, 1.5, True, 0.25)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

__all__ = ["gini", "mean", "nmi", "share"]


def mean(values: Iterable[float]) -> float | None:
    """Return the arithmetic mean, or None for no values (an empty denominator)."""
    values = list(values)
    return sum(values) / len(values) if values else None


def share(part: float, whole: float) -> float | None:
    """Return part / whole, or None when whole is 0."""
    return part / whole if whole else None


def gini(values: Sequence[float]) -> float | None:
    """Return Σ_i Σ_j |x_i − x_j| / (2 n² mean), or None when the mean is 0 (or no values).

    >>> gini([1, 1, 1]), gini([0, 0, 3])
    (0.0, 0.6666666666666666)
    """
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return None
    # Sorted form of the double sum: Σ_i Σ_j |x_i − x_j| = 2 Σ_k (2k − n + 1) x_(k), k from 0.
    ordered = sorted(values)
    double_sum = 2 * sum((2 * k - n + 1) * x for k, x in enumerate(ordered))
    return double_sum / (2 * n * total)


def _entropy(counts: Iterable[int], n: int) -> float:
    return -sum(c / n * math.log(c / n) for c in counts if c)


def nmi(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Return 2·I(X;Y)/(H(X)+H(Y)) over (x, y) pairs, natural logs (Meilă; Danon et al.).

    1.0 when both entropies are 0 (one owner, one cluster: perfectly aligned), None for no pairs.

    >>> nmi([("a", 1), ("b", 2)]), nmi([("a", 1), ("a", 2)])
    (1.0, 0.0)
    """
    n = len(pairs)
    if n == 0:
        return None
    joint = Counter(pairs)
    xs = Counter(x for x, _ in pairs)
    ys = Counter(y for _, y in pairs)
    hx, hy = _entropy(xs.values(), n), _entropy(ys.values(), n)
    if hx + hy == 0:
        return 1.0
    mutual = sum(c / n * math.log(c * n / (xs[x] * ys[y])) for (x, y), c in joint.items())
    # Rounding can push I a hair below 0 or above the entropies; clamp to the exact range.
    return min(1.0, max(0.0, 2 * mutual / (hx + hy)))
