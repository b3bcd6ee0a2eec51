"""Pause Python's cyclic garbage collector while a large dataset is read or turned into a graph.

Building a city makes hundreds of thousands of dicts and models and no reference cycles. Each
allocation burst lets the collector run, and its full passes walk every object already built, so
that on a 100k-unit city they took longer than the building itself. Reference counting still frees
everything as usual while the collector is paused; it resumes (if it was on) when the block ends.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the ``with`` block, then restore it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
