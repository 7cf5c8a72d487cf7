"""Shares as people read them, the same in every output."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from attrib.models import origin_wires


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


def colours_by_origin(
    origins: Sequence[str], wire_colours: Sequence[str], fixed: dict[str, str]
) -> dict[str, str]:
    """A colour per origin: those in `fixed` (own, unknown) keep theirs, and each wire takes
    the next of `wire_colours` in sorted order, so a wire looks the same wherever it appears."""
    wires = sorted({o for o in origins if o not in fixed})
    return {**{w: wire_colours[n % len(wire_colours)] for n, w in enumerate(wires)}, **fixed}
