"""Command groups of the ``orggraph`` CLI, one module each, registered by :mod:`orggraph.cli`.

Each module defines ``register(app)`` that adds its commands to the Typer app.

A command-line run builds its data models without pydantic plugins (``PYDANTIC_DISABLE_PLUGINS``,
unless it is already set): finding them reads the metadata of every installed package, a good
part of a short command's start, and no plugin has a use in a run that validates, prints and ends.
While they are all off, even the module that would look for them is not imported
(:mod:`orggraph.commands.plugins`). Python code that imports orggraph's modules is left as it is.

The modules that define commands (and :mod:`orggraph.cli`) do without
``from __future__ import annotations``: Typer reads the signature of every command at every start,
``--help`` or not, and string annotations would be evaluated again each time (twice per command,
some 30 ms in all, against well under 10 ms with annotations that are already objects).
"""

import os

from orggraph.commands.plugins import stand_in_for_plugin_finder

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
stand_in_for_plugin_finder()
