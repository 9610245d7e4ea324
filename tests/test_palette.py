"""The line colours of the vocabulary: legible on the map, apart where it matters, safe for colour-blind readers.

Read straight from the CSVs (data/ and the example copy). Colour science in a
few lines: WCAG 2 relative luminance and contrast, CIELAB (D65) and ΔE*ab
(CIE76), and deuteranopia simulated with the Machado, Oliveira & Fernandes
(2009) matrix for severity 1.0, applied to linear RGB.
"""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import pytest
from conftest import DATA

from graph.io import EXAMPLE_DATA
from graph.render import MAP_BACKGROUND, SIGNS

FOLDERS = {"data": DATA, "example": Path(EXAMPLE_DATA)}

#: Machado et al. 2009, deuteranomaly at severity 1.0 (deuteranopia), on linear RGB.
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def linear(hex_colour: str) -> tuple[float, float, float]:
    channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def luminance(rgb) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(linear(a)), luminance(linear(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return math.dist(lab(linear(a)), lab(linear(b)))


def deuteranope(hex_colour: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in DEUTERANOPIA)


def read(folder: Path, name: str) -> dict[str, dict]:
    with (folder / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {row[next(iter(row))]: row for row in rows}


@pytest.fixture(params=FOLDERS, scope="module")
def vocabulary(request):
    folder = FOLDERS[request.param]
    return read(folder, "relation_types.csv"), read(folder, "relation_families.csv")


def test_the_science_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert lab(linear("#FFFFFF")) == pytest.approx((100, 0, 0), abs=0.01)
    assert delta_e("#FF0000", "#00FF00") == pytest.approx(170.6, abs=0.5)
    # A deuteranope cannot tell this red from this green: they fall close together.
    assert math.dist(lab(deuteranope("#D62728")), lab(deuteranope("#8C8C2A"))) < math.dist(lab(linear("#D62728")), lab(linear("#8C8C2A")))


def test_every_line_colour_has_3_to_1_contrast_on_the_map(vocabulary):
    types, families = vocabulary
    colours = {**{t: r["color"] for t, r in types.items()}, **{f: r["color"] for f, r in families.items()}}
    weak = {name: round(contrast(c, MAP_BACKGROUND), 2) for name, c in colours.items() if contrast(c, MAP_BACKGROUND) < 3}
    assert weak == {}


def test_sign_colours_are_blue_and_orange_with_3_to_1_contrast():
    for sign in SIGNS.values():
        assert contrast(sign["color"], MAP_BACKGROUND) >= 3
    b_coop = lab(linear(SIGNS["1"]["color"]))[2]
    _, a_conf, b_conf = lab(linear(SIGNS["-1"]["color"]))
    assert b_coop < 0 < b_conf and a_conf > 0  # blue against orange, not green against red
    assert math.dist(lab(deuteranope(SIGNS["1"]["color"])), lab(deuteranope(SIGNS["-1"]["color"]))) >= 40


def test_condemnation_and_sanctions_are_far_apart():
    types = read(DATA, "relation_types.csv")  # the example has no sanctions
    assert delta_e(types["condemns"]["color"], types["sanctions"]["color"]) >= 20


def test_families_stay_apart_for_a_deuteranope(vocabulary):
    _, families = vocabulary
    seen = {f: lab(deuteranope(r["color"])) for f, r in families.items()}
    close = {(a, b): round(math.dist(seen[a], seen[b]), 1) for a, b in itertools.combinations(seen, 2) if math.dist(seen[a], seen[b]) < 15}
    assert close == {}


def test_a_type_wears_its_family_hue_and_the_types_of_a_family_differ_in_lightness(vocabulary):
    types, families = vocabulary
    for family, row in families.items():
        members = [t for t in types.values() if t["family"] == family]
        _, fa, fb = lab(linear(row["color"]))
        for t in members:
            _, a, b = lab(linear(t["color"]))
            turn = abs((math.degrees(math.atan2(b, a) - math.atan2(fb, fa)) + 180) % 360 - 180)
            assert turn < 25, (t["type"], family, round(turn))
        lightness = sorted(lab(linear(t["color"]))[0] for t in members)
        assert all(b - a >= 3.5 for a, b in itertools.pairwise(lightness)), (family, lightness)


def test_the_example_uses_the_colours_of_the_data():
    data_types, data_families = read(DATA, "relation_types.csv"), read(DATA, "relation_families.csv")
    types, families = read(Path(EXAMPLE_DATA), "relation_types.csv"), read(Path(EXAMPLE_DATA), "relation_families.csv")
    assert {t: r["color"] for t, r in types.items()} == {t: data_types[t]["color"] for t in types}
    assert {f: r["color"] for f, r in families.items()} == {f: data_families[f]["color"] for f in families}
