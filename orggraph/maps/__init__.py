"""Interactive maps of a city: one self-contained HTML file that works offline.

>>> from orggraph.examples import load_example
>>> "orggraphMap(" in render_map(load_example("tiny"), metrics={})
True
"""

from orggraph.maps.build import LAYOUTS, MapData, build_map
from orggraph.maps.colouring import COLOR_BY
from orggraph.maps.html import vis_library_html
from orggraph.maps.render import (
    COLLAPSE_ABOVE,
    FREEZE_ABOVE,
    RADIAL_ABOVE,
    render_map,
    write_map,
)

__all__ = ["COLLAPSE_ABOVE", "COLOR_BY", "FREEZE_ABOVE", "LAYOUTS", "RADIAL_ABOVE", "MapData",
           "build_map", "render_map", "vis_library_html", "write_map"]
