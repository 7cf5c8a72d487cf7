"""Map the attribution rules' raw confidences to how often such calls are right.

The rules' confidences (ARCHITECTURE.md) rank evidence; they are not probabilities. A table
fitted by isotonic regression on labelled corpora (`bench/calibrate.py`, Reuters-21578
stories with known origins) turns a raw confidence into the share of passages with that raw
confidence whose origin was right, so that passages at 0.9 are right about 90% of the time.
"""

from __future__ import annotations

import bisect
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


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


@cache
def load_calibration() -> CalibrationTable | None:
    """The packaged table, or None before one has been fitted."""
    source = resources.files("attrib.data").joinpath("calibration.toml")
    if not source.is_file():
        return None
    data = tomllib.loads(source.read_text("utf-8"))
    return CalibrationTable(tuple(data["upper"]), tuple(data["calibrated"]))
