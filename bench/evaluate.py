"""`make eval`: attrib's quality on labelled corpora generated from Reuters-21578.

Measures, against the generator's truth file:
- alignment precision (matches whose two passages come from the same wire paragraph) and
  recall (pairs of articles that both carry a wire paragraph, aligned on it);
- origin accuracy per passage of outlet articles, with and without reference wire copy;
- boilerplate leaks (furniture lines found inside passages);
- calibration (accuracy per confidence band).

Usage: python bench/evaluate.py [--stories N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from attrib.align import rapidfuzz_word_ops, tokenize
from attrib.models import CorpusResult, Passage
from attrib.options import Options
from attrib.pipeline import run_corpus
from attrib.reconstruct import reconstruct_story

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass(frozen=True)
class Scores:
    alignment_precision: float
    alignment_recall: float
    origin_accuracy: float
    boilerplate_leaks: int
    unmapped_passages: int
    calibration: tuple[tuple[str, int, float, float], ...]
    reconstruction_agreement: float = 0.0
    single_version_agreement: float = 0.0


def fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def load_truth(path: Path) -> dict[str, dict]:
    return {t["article_id"]: t for t in map(json.loads, path.read_text().splitlines())}


def truth_of(passage: Passage, truth: dict) -> dict | None:
    """The truth paragraph a passage was cut from (its folded words are inside it)."""
    words = fold(passage.text)
    for paragraph in truth["paragraphs"]:
        if words and words in fold(paragraph["text"]):
            return paragraph
    return None


def score(result: CorpusResult, truths: dict[str, dict]) -> Scores:
    source: dict[str, dict | None] = {}
    leaks = 0
    for passage in result.passages:
        truth = truths[passage.article_id]
        source[passage.passage_id] = truth_of(passage, truth)
        leaks += any(line in passage.text for line in truth["furniture"])
    unmapped = sum(1 for s in source.values() if s is None)

    def origin_source(pid: str) -> str:
        found = source[pid]
        return found["source"] if found else ""

    true_matches = sum(
        1 for m in result.matches if origin_source(m.a) and origin_source(m.a) == origin_source(m.b)
    )
    precision = true_matches / len(result.matches) if result.matches else 1.0

    carriers: dict[str, set[str]] = defaultdict(set)
    for passage in result.passages:
        if origin_source(passage.passage_id):
            carriers[origin_source(passage.passage_id)].add(passage.article_id)
    aligned: set[tuple[str, str, str]] = set()
    article_of = {p.passage_id: p.article_id for p in result.passages}
    for match in result.matches:
        shared = origin_source(match.a)
        if shared and shared == origin_source(match.b):
            aligned.add((shared, *sorted((article_of[match.a], article_of[match.b]))))
    wanted = {
        (src, a, b)
        for src, articles in carriers.items()
        for a in articles
        for b in articles
        if a < b
    }
    recall = len(aligned & wanted) / len(wanted) if wanted else 1.0

    right = total = 0
    bands: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for passage in result.passages:
        truth = truths[passage.article_id]
        found = source[passage.passage_id]
        if truth["kind"] == "wire" or found is None:
            continue
        attribution = result.attributions[passage.passage_id]
        correct = attribution.origin == found["origin"]
        right += correct
        total += 1
        band = next(
            i for i, (low, high) in enumerate(BANDS) if low <= attribution.confidence < high
        )
        bands[band].append((attribution.confidence, correct))
    calibration = tuple(
        (
            f"{low:.1f}-{min(high, 1.0):.1f}",
            len(bands[i]),
            sum(c for c, _ in bands[i]) / len(bands[i]) if bands[i] else 0.0,
            sum(ok for _, ok in bands[i]) / len(bands[i]) if bands[i] else 0.0,
        )
        for i, (low, high) in enumerate(BANDS)
        if bands[i]
    )
    rebuilt, single = reconstruction_scores(result, truths, source)
    return Scores(
        precision,
        recall,
        right / total if total else 0.0,
        leaks,
        unmapped,
        calibration,
        rebuilt,
        single,
    )


def agreement(text: str, original: str) -> float:
    """Share of `text`'s words that stand, in order, in the agency's original paragraph."""
    mine, theirs = tokenize(text).words, tokenize(original).words
    ops = rapidfuzz_word_ops(mine, theirs)
    return sum(a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal") / max(1, len(mine))


def reconstruction_scores(
    result: CorpusResult, truths: dict[str, dict], source: dict[str, dict | None]
) -> tuple[float, float]:
    """How much of the reconstructed wire text is the agency's own wording, against the same
    figure for the outlets' single versions it was built from."""
    originals = {
        p["source"]: p["text"]
        for t in truths.values()
        if t["kind"] == "original"
        for p in t["paragraphs"]
    }
    rebuilt: list[float] = []
    single: list[float] = []
    for story in result.stories:
        wire = reconstruct_story(result, story)
        if wire is None:
            continue
        for sentence in wire.sentences:
            family = next(f for f in result.families if f.family_id == sentence.family_id)
            sources = [source[p]["source"] for p in family.passage_ids if source[p]]
            if not sources or not sources[0] or sources[0] not in originals:
                continue
            original = originals[max(set(sources), key=sources.count)]
            rebuilt.append(agreement(sentence.text, original))
            single.extend(
                agreement(result.passages_by_id[p].text, original) for p in family.passage_ids
            )
    mean = lambda values: sum(values) / len(values) if values else 0.0  # noqa: E731
    return mean(rebuilt), mean(single)


def evaluate(stories: int, seed: int, wire_copy: bool, options: Options | None = None) -> Scores:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        generate(corpus, stories, seed, wire_copy)
        result = run_corpus(corpus, options or Options())
        return score(result, load_truth(Path(folder) / "corpus-truth.jsonl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2016, help="not a calibration seed")
    args = parser.parse_args()
    for label, wire_copy in (("with wire copy", True), ("without wire copy", False)):
        s = evaluate(args.stories, args.seed, wire_copy)
        print(f"\n{label} ({args.stories} wire stories)")
        print(f"  alignment precision  {s.alignment_precision:.3f}")
        print(f"  alignment recall     {s.alignment_recall:.3f}")
        print(f"  origin accuracy      {s.origin_accuracy:.3f}")
        print(f"  boilerplate leaks    {s.boilerplate_leaks}")
        if not wire_copy:
            print(
                f"  reconstructed wire text: {s.reconstruction_agreement:.3f} of its words are"
                f" the agency's (single outlet versions: {s.single_version_agreement:.3f})"
            )
        print(f"  unmapped passages    {s.unmapped_passages}")
        print("  calibration (band: passages, mean confidence, accuracy)")
        for band, count, confidence, accuracy in s.calibration:
            print(f"    {band}  {count:>6}  {confidence:.3f}  {accuracy:.3f}")


if __name__ == "__main__":
    main()
