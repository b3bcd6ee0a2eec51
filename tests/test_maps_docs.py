"""The map pictures in the docs are those scripts/screenshot_map.py makes, with its captions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pictures():
    spec = importlib.util.spec_from_file_location("screenshot_map",
                                                  ROOT / "scripts" / "screenshot_map.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("screenshot_map", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.PICTURES


def test_every_picture_is_in_the_maps_guide_with_its_caption():
    guide = (ROOT / "docs" / "maps.md").read_text(encoding="utf-8")
    for picture in pictures():
        assert (ROOT / "docs" / "img" / picture.file).is_file(), picture.file
        assert f"![{picture.caption}](img/{picture.file})" in guide, picture.file


def test_the_readme_uses_only_pictures_the_script_makes_with_their_captions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    made = {p.file: p.caption for p in pictures()}
    shown = [line for line in readme.splitlines() if line.startswith("![") and "img/map-" in line]
    assert shown
    for line in shown:
        file = line.split("(docs/img/")[1].rstrip(")")
        assert line == f"![{made[file]}](docs/img/{file})"
