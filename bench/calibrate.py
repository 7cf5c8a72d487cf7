"""Fit `src/attrib/data/calibration.toml` on labelled corpora (run by `make calibrate`).

Raw confidences and whether each call was right are collected from generated corpora (with and
without reference wire copy, fitting seeds only); isotonic regression (scipy) makes a monotone
map from raw confidence to observed accuracy, sampled at 0.05 steps. `make eval` then reports
calibration on corpora generated from other seeds.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import isotonic_regression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import load_truth, origin_calls
from generate import generate

from attrib.attribution.calibration import KINDS, kind_of
from attrib.engines.local import run_corpus
from attrib.options import Options

FIT_SEEDS = tuple(range(11, 23))  # twelve draws of outlet habits: each corpus has only 8 outlets
STEP = 0.05
MAX_CONFIDENCE = 0.99
TABLE = Path(__file__).resolve().parents[1] / "src" / "attrib" / "data" / "calibration.toml"


def observations(stories: int, seed: int, wire_copy: float) -> list[tuple[str, float, bool]]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        generate(corpus, stories, seed, wire_copy, split="fit")
        result = run_corpus(corpus, Options(calibrate=False))
        truths = load_truth(Path(folder) / "corpus-truth.jsonl")
    return [
        (kind_of(attribution.origin), attribution.confidence, correct)
        for _, _, attribution, correct in origin_calls(result, truths)
    ]


def fit(points: list[tuple[float, bool]]) -> tuple[list[float], list[float]]:
    """Isotonic fit, then per 0.05 band of raw confidence the mean fitted accuracy of the
    passages in it (an empty band takes the band below's); never above 0.99, since a sample
    cannot show certainty."""
    points.sort()
    raw = np.array([p[0] for p in points])
    fitted = isotonic_regression(np.array([float(p[1]) for p in points])).x
    upper = [round(STEP * i, 2) for i in range(1, round(1 / STEP) + 1)]
    calibrated: list[float] = []
    low = -1.0
    for bound in upper:
        inside = fitted[(raw > low) & (raw <= bound)]
        value = float(inside.mean()) if inside.size else (calibrated[-1] if calibrated else 0.0)
        calibrated.append(round(min(value, MAX_CONFIDENCE), 3))
        low = bound
    return upper, calibrated


def main() -> None:
    points = [
        point
        for seed in FIT_SEEDS
        for wire_copy in (1.0, 0.5, 0.0)
        for point in observations(80, seed, wire_copy)
    ]
    lines = [
        "# Fitted by bench/calibrate.py on corpora generated from the fitting fifth of "
        "Reuters-21578 (seeds "
        f"{', '.join(map(str, FIT_SEEDS))}; {len(points)} passages).",
        "# Per kind of call, raw confidences up to upper[i] map to calibrated[i].",
    ]
    for kind in KINDS:
        upper, values = fit([(raw, ok) for k, raw, ok in points if k == kind])
        lines += ["", f"[{kind}]", f"upper = {upper}", f"calibrated = {values}"]
    TABLE.write_text(
        "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {TABLE} from {len(points)} passages")


if __name__ == "__main__":
    main()
