"""Command groups of the ``orggraph`` CLI, one module each, registered by :mod:`orggraph.cli`.

Each module defines ``register(app)`` that adds its commands to the Typer app.

A command-line run builds its data models without pydantic plugins (``PYDANTIC_DISABLE_PLUGINS``,
unless it is already set): finding them reads the metadata of every installed package, a good
part of a short command's start, and no plugin has a use in a run that validates, prints and ends.
Python code that imports orggraph's modules is left as it is.
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
