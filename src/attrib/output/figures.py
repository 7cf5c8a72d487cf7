"""Shares as people read them, the same in every output."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal

from attrib.models import OWN, UNKNOWN, is_joint, origin_wires
from attrib.text.wires import wire_names


def percent(share: float) -> str:
    """A 0..1 share as whole percents, from the two decimals the CSV prints, so a report and
    the tables never round one share two ways (0.225 is "0.23" there and 23% here, where
    rounding the float would give 22%)."""
    return f"{int(Decimal(f'{share:.2f}') * 100)}%"


def origin_label(origin: str) -> str:
    """An origin as a reader sees it: a joint origin spaced, "AFP | dpa | Reuters", so that a
    narrow column wraps between wires, not inside a name."""
    return " | ".join(origin_wires(origin))


def shares_label(shares: Sequence[tuple[str, float]], separator: str) -> str:
    """Origin shares largest first as given: "AFP 62%, AFP | dpa | Reuters 31%"."""
    return separator.join(f"{origin_label(origin)} {percent(share)}" for origin, share in shares)


# Okabe and Ito's palette (2008), whose colours stay apart under the common colour-vision
# deficiencies. Wires take them in the wire list's order (AFP blue, Reuters orange, AP sky
# blue, dpa vermillion, …), so an agency has one colour in every view of every run. Own text
# is bluish green, unknown text light grey; a joint origin is dark grey and also marked another
# way (italics, its wires named), since no one colour can say "one of these".
WIRE_PALETTE = ("#0072B2", "#E69F00", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442")
OWN_COLOUR = "#009E73"
UNKNOWN_COLOUR = "#D9D9D9"
JOINT_COLOUR = "#4D4D4D"


def origin_colour(origin: str) -> str:
    """The colour of an origin as a hex RGB string, the same wherever and whenever it is drawn."""
    if origin == OWN:
        return OWN_COLOUR
    if origin == UNKNOWN:
        return UNKNOWN_COLOUR
    if is_joint(origin):
        return JOINT_COLOUR
    return WIRE_PALETTE[_wire_rank(origin) % len(WIRE_PALETTE)]


def origin_colours(origins: Iterable[str]) -> dict[str, str]:
    """`origin_colour` for each origin given, in sorted order, except that a wire past the
    palette's length whose colour another wire drawn beside it has takes a free one: AFP is
    blue everywhere, and EFE (blue by the list) is not blue beside it."""
    wires = sorted(
        (o for o in set(origins) if o not in (OWN, UNKNOWN) and not is_joint(o)),
        key=lambda wire: (_wire_rank(wire), wire),
    )
    chosen: dict[str, str] = {}
    for wire in wires:
        colour = origin_colour(wire)
        if colour in chosen.values():
            colour = next((c for c in WIRE_PALETTE if c not in chosen.values()), colour)
        chosen[wire] = colour
    return {origin: chosen.get(origin) or origin_colour(origin) for origin in sorted(set(origins))}


@functools.cache
def _wire_rank(wire: str) -> int:
    """The wire's place in the wire list; a name the list lacks gets a place from its
    letters, so it too keeps one colour from run to run."""
    names = wire_names()
    if wire in names:
        return names.index(wire)
    return int.from_bytes(hashlib.blake2b(wire.encode(), digest_size=2).digest(), "big")
