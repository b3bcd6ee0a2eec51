"""Colours people can tell apart: CIEDE2000 against published test data, then the map's palette.

Sharma, Wu and Dalal (2005) publish 34 colour pairs with their CIEDE2000 difference to four
decimals; a sample of them, chosen to hit the formula's special cases (hue wrap-around at 0°/360°,
a* near zero, the blue-region rotation term), checks the implementation.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orggraph.examples import load_example
from orggraph.maps import COLOR_BY, build_map
from orggraph.maps.colour_difference import delta_e_2000, hex_delta_e, hex_to_lab
from orggraph.maps.palette import (
    NEUTRAL_COLOUR,
    NONE_COLOUR,
    OTHER_COLOUR,
    OTHER_TOP_COLOUR,
    PALETTE,
)
from orggraph.synth import synthetic_city

#: (L*, a*, b*) pairs and ΔE00 from Sharma et al. 2005, Table 1 (pair numbers in comments).
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),  # 1
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),  # 2
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),  # 3
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),  # 4
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),  # 7
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0009), 7.1792),  # 13
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0011), 7.2195),  # 15
    ((50.0, -0.0010, 2.4900), (50.0, 0.0009, -2.4900), 4.8045),  # 17
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),  # 19
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),  # 20
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),  # 21
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),  # 22
    ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0000),  # 23
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),  # 25
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),  # 26
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),  # 31
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),  # 33
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),  # 34
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=5e-5)
    assert delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=5e-5)  # symmetric


@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True), st.from_regex(r"#[0-9a-f]{6}",
                                                                      fullmatch=True))
def test_delta_e_is_zero_only_for_the_same_colour(a, b):
    assert (hex_delta_e(a, b) < 1e-9) == (a == b)


def test_srgb_to_lab_on_known_points():
    """White is L* 100, a* b* 0; black all zero; mid grey #777777 is L* ≈ 50.0 (sRGB 119 →
    linear 0.1845, 116 · 0.1845^(1/3) − 16 = 116 · 0.5693 − 16 = 50.04)."""
    # The sRGB matrix is given to four decimals, so white lands within 0.02 of a* = b* = 0.
    assert hex_to_lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.02)
    assert hex_to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert hex_to_lab("#777777")[0] == pytest.approx(50.04, abs=0.01)


def drawn_together(data) -> set[str]:
    """The unit fills of one map, slices of shared services included."""
    units = [n for n in data.nodes if n["layer"] == "units"]
    return ({n["color"]["background"] for n in units}
            | {c for n in units for c in n.get("parts", [])})


def test_the_palette_has_twelve_colours_far_apart():
    assert len(PALETTE) >= 12
    for a, b in itertools.combinations(PALETTE, 2):
        assert hex_delta_e(a, b) >= 15, (a, b)
    for reserved in (OTHER_COLOUR, OTHER_TOP_COLOUR, NEUTRAL_COLOUR, NONE_COLOUR):
        assert min(hex_delta_e(reserved, c) for c in PALETTE) >= 15, reserved


@pytest.mark.parametrize("color_by", COLOR_BY)
@pytest.mark.parametrize("city", ["tiny", "aalst", "gent", "antwerpen", "synthetic"])
def test_colours_drawn_at_once_differ_by_15(city, color_by):
    """Every pair of fills on one map, except the white under the slices of shared services
    (the slices count instead)."""
    model = synthetic_city(2000, seed=1) if city == "synthetic" else load_example(city)
    colours = drawn_together(build_map(model, color_by=color_by)) - {"#ffffff"}
    for a, b in itertools.combinations(sorted(colours), 2):
        assert hex_delta_e(a, b) >= 15, (a, b)
    greys = {OTHER_COLOUR} & colours
    if greys:  # grey only for "the other, smaller groups"
        assert color_by != "alderman" or len(model.college) > len(PALETTE)
