"""A stand-in for pydantic's plugin finder while a command-line run has all plugins turned off.

pydantic looks for plugins (``pydantic.plugin._loader.get_plugins``) when it builds its first
model. The module that looks imports :mod:`importlib.metadata` at its top, and that pulls in
``email``, ``zipfile``, ``csv`` and ``socket``: some 15-20 ms of a command that takes a few
tenths of a second, spent even when ``PYDANTIC_DISABLE_PLUGINS`` means that no plugin will be
looked for. :func:`stand_in_for_plugin_finder` puts a small module in its place, only while
plugins are all turned off and the real module is not yet imported.

The stand-in answers ``get_plugins()`` with no plugins as long as they stay turned off (the real
function reads the variable at every call, and so does the stand-in: once it allows plugins, the
real function answers). Any other public name is taken from the real module, imported at that
moment, so a pydantic that asks the module for more than ``get_plugins`` still gets it.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import Any

__all__ = ["FINDER", "stand_in_for_plugin_finder"]

#: The module of pydantic that finds plugins.
FINDER = "pydantic.plugin._loader"

# The values of PYDANTIC_DISABLE_PLUGINS with which pydantic's get_plugins() finds no plugin.
_ALL_OFF = ("__all__", "1", "true")


def stand_in_for_plugin_finder() -> bool:
    """Put a stand-in in place of pydantic's plugin finder if plugins are all turned off and the
    finder is not yet imported; return whether it did.

    >>> import os, sys
    >>> before = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    >>> os.environ["PYDANTIC_DISABLE_PLUGINS"] = "logfire"   # one plugin off, not all
    >>> stand_in_for_plugin_finder()
    False
    >>> if before is not None: os.environ["PYDANTIC_DISABLE_PLUGINS"] = before
    ... else: del os.environ["PYDANTIC_DISABLE_PLUGINS"]
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_OFF or FINDER in sys.modules:
        return False
    stand_in = ModuleType(FINDER, "Stands in for pydantic's plugin finder while plugins are off "
                                  "(see orggraph.commands.plugins).")
    stand_in.__dict__.update(get_plugins=_get_plugins, __getattr__=_from_real_finder)
    sys.modules[FINDER] = stand_in
    return True


def _get_plugins() -> Any:
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _ALL_OFF:
        return ()
    return _real_finder().get_plugins()


def _from_real_finder(name: str) -> Any:
    # Called only for names the stand-in does not have (a module's __getattr__). The import
    # system asks every module for names like __path__ (is it a package?): those are answered
    # by the stand-in itself, or an import of it would load the real module after all.
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(f"module {FINDER!r} has no attribute {name!r}")
    return getattr(_real_finder(), name)


def _real_finder() -> ModuleType:
    """Import pydantic's own finder, which from then on replaces the stand-in."""
    found = sys.modules.get(FINDER)
    if found is not None and found.__dict__.get("__getattr__") is not _from_real_finder:
        return found  # the real one, already imported
    stand_in = sys.modules.pop(FINDER, None)
    try:
        return importlib.import_module(FINDER)
    except BaseException:
        if stand_in is not None:
            sys.modules[FINDER] = stand_in
        raise
