"""One colour per origin everywhere, from a palette that stays apart for readers with the
common colour-vision deficiencies (simulated with colorspacious, distances in CAM02-UCS), and a
cue for joint origins that needs no colour at all."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from attrib.models import OWN, UNKNOWN
from attrib.output.figures import origin_colour, origin_colours
from attrib.output.terminal import origin_styles

# The four agencies a story mostly mixes, and what else `attrib show` colours.
DRAWN = ("AFP", "Reuters", "AP", "dpa", OWN, UNKNOWN, "AFP|dpa")
# CAM02-UCS distance two swatches side by side are told apart at a glance.
APART = 10.0


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def test_a_wire_keeps_its_colour_whatever_else_is_drawn() -> None:
    alone = origin_colours(["Reuters"])["Reuters"]
    assert origin_colours(["AFP", "Reuters"])["Reuters"] == alone
    assert origin_colours(["Reuters", "dpa", OWN])["Reuters"] == alone
    assert origin_styles(["Reuters"])["Reuters"] == origin_styles(["AP", "Reuters"])["Reuters"]
    assert len({origin_colour(o) for o in DRAWN}) == len(DRAWN)
    assert origin_colour("Some Local Agency") == origin_colour("Some Local Agency")


@pytest.mark.parametrize("deficiency", [None, "deuteranomaly", "protanomaly", "tritanomaly"])
def test_colours_stay_apart_for_colour_blind_readers(deficiency: str | None) -> None:
    seen = [rgb(origin_colour(origin)) for origin in DRAWN]
    if deficiency is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        seen = [np.clip(cspace_convert(colour, space, "sRGB1"), 0, 1) for colour in seen]
    closest = min(
        (deltaE(a, b, input_space="sRGB1"), DRAWN[i], DRAWN[j])
        for (i, a), (j, b) in combinations(enumerate(seen), 2)
    )
    assert closest[0] >= APART, closest


def test_a_joint_origin_is_marked_without_colour() -> None:
    assert "italic" in origin_styles(["AFP|dpa"])["AFP|dpa"]
    assert "italic" not in origin_styles(["AFP"])["AFP"]


def test_colours_follow_the_wire_list_read_without_its_patterns() -> None:
    from attrib.text.wires import load_wire_list, wire_names

    assert wire_names() == tuple(wire.name for wire in load_wire_list().wires)
    assert origin_colour(wire_names()[0]) != origin_colour(wire_names()[1])


def test_wires_past_the_palette_take_a_free_colour_beside_the_first_six() -> None:
    drawn = origin_colours(["AFP", "EFE", "Reuters", "ANSA"])
    assert len(set(drawn.values())) == 4
    assert drawn["AFP"] == origin_colour("AFP") and drawn["Reuters"] == origin_colour("Reuters")
