"""Command groups of the ``orggraph`` CLI, one module each, registered by :mod:`orggraph.cli`.

Each module defines ``register(app)`` that adds its commands to the Typer app.
"""
