"""The page around a map: inlined vis-network, styles, script and the data as inert JSON.

The HTML comes from Jinja2 templates (``templates/``) with autoescaping on: every value is
escaped unless marked ``safe`` in the template, and only four are: the stylesheet, the scripts
(files of this package and the pinned vis-network bundle), the JSON block (escaped by
:func:`json_block`) and already-rendered parts.

Nothing is fetched from the network: vis-network comes from the copy the ``pyvis`` package ships
(read once, inlined), styles and script from files next to this module. The map data travels as
JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, so that no
name in the data can close the tag or be read as markup; the page script reads it with
``JSON.parse`` and writes names with ``textContent`` only.

>>> json_block({"name": "</script><b>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from orggraph.errors import OrggraphError

__all__ = ["VIS_VERSION", "json_block", "page", "vis_library_html", "vis_network_path"]

VIS_VERSION = "9.1.2"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
            "\u2029": "\\u2029"}


def vis_network_path() -> Path:
    """Return the path of the vis-network script bundled with pyvis."""
    try:
        import pyvis
    except ImportError:  # pragma: no cover - pyvis is a dependency
        raise OrggraphError("maps need the 'pyvis' package: pip install 'pyvis>=0.3.2'") from None
    path = (Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
            / "vis-network.min.js")
    if not path.is_file():
        raise OrggraphError(f"the installed pyvis does not ship vis-network {VIS_VERSION} "
                            f"(looked for {path.name}); reinstall it: pip install 'pyvis>=0.3.2'")
    return path


@cache
def _asset(name: str) -> str:
    return resources.files("orggraph.maps").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_source() -> str:
    source = vis_network_path().read_text(encoding="utf-8")
    # The map file is not shipped; a browser's developer tools would only complain about it.
    source = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.M)
    if "</script" in source.lower():  # would end the inline script early
        raise OrggraphError("the bundled vis-network cannot be inlined safely")
    return source


@cache
def _templates() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("orggraph.maps", "templates"),
                              autoescape=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def _render(name: str, **values: Any) -> str:
    return _templates().get_template(name).render(**values)


def json_block(data: Any) -> str:
    """Return ``data`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def vis_library_html() -> str:
    """Return the ``<style>`` and ``<script>`` elements every map needs, to include once a page.

    A page holding several maps made with ``render_map(..., fragment=True)`` puts this once in
    its ``<head>`` (or before the first map).
    """
    return _render("library.html", css=_asset("map.css"), vis_version=VIS_VERSION,
                   vis_source=_vis_source(), script=_asset("map.js"))


def fragment(map_id: str, data: dict[str, Any], css_class: str = "fragment") -> str:
    """Return the container, data block and start-up call of one map."""
    return _render("fragment.html", map_id=map_id, css_class=css_class,
                   data_json=json_block(data))


def page(title: str, body: str) -> str:
    """Return a whole HTML document: the library in the head, ``body`` as its body."""
    return _render("page.html", title=title, library=vis_library_html(), body=body)
