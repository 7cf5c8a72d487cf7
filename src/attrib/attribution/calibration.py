"""Map the attribution rules' raw confidences to how often such calls are right.

The rules' confidences (ARCHITECTURE.md) rank evidence; they are not probabilities. A table
fitted by isotonic regression on labelled corpora (`bench/calibrate.py`, Reuters-21578
stories with known origins) turns a raw confidence into the share of passages with that raw
confidence whose origin was right, so that passages at 0.9 are right about 90% of the time.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from attrib.models import is_joint
from attrib.text.rules import has_rules, read_rules


@dataclass(frozen=True)
class CalibrationTable:
    """Step function: raw confidences up to `upper[i]` map to `calibrated[i]`."""

    upper: tuple[float, ...]
    calibrated: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.upper) != len(self.calibrated) or not self.upper:
            raise ValueError("a calibration table needs as many bounds as values, at least one")
        if list(self.upper) != sorted(self.upper):
            raise ValueError("calibration bounds must be sorted")

    def __call__(self, raw: float) -> float:
        index = min(bisect.bisect_left(self.upper, raw), len(self.upper) - 1)
        return self.calibrated[index]


KINDS = ("wire", "joint", "own", "unknown")


def kind_of(origin: str) -> str:
    """Calls are calibrated by what they claim: a wire, one of several wires (a joint
    origin), the outlet's own text, or unknown, whose raw confidences come from different
    rules and mean different things."""
    if origin in ("own", "unknown"):
        return origin
    return "joint" if is_joint(origin) else "wire"


@cache
def load_calibration() -> dict[str, CalibrationTable] | None:
    """The packaged tables by kind of call, or None before they have been fitted."""
    if not has_rules("calibration.toml"):
        return None
    data = read_rules("calibration.toml")
    return {
        kind: CalibrationTable(tuple(data[kind]["upper"]), tuple(data[kind]["calibrated"]))
        for kind in KINDS
        if kind in data
    }


def calibrated(origin: str, raw: float) -> float:
    """`raw` mapped through the table for this kind of call (unchanged without one)."""
    tables = load_calibration() or {}
    table = tables.get(kind_of(origin))
    return table(raw) if table else raw
