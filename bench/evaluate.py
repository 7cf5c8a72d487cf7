"""`make eval`: attrib's quality on labelled corpora generated from Reuters-21578.

Measures, against the generator's truth file:
- alignment precision (matches whose two passages are versions of one agency sentence) and
  recall (pairs of articles that both carry an agency sentence, aligned on it);
- origin accuracy per passage of outlet articles, with and without reference wire copy;
- boilerplate leaks (furniture lines found inside passages), outlet-wide and page-unique (lists
  of other stories' headlines, "published ... updated" lines);
- story purity and completeness, pairwise as in clustering evaluation: of the article pairs
  attrib puts in one story, the share that are one story; of the pairs that are, the share it
  puts together;
- origin calls on passages whose origin the corpus cannot show (a paragraph of a story outside
  the corpus, one the corpus's shorter wire copy lacks, own text under a joint credit), and
  accuracy on the rest;
- joint credits: passages of articles signed off with several agencies, called for the right
  agency alone, for a set of agencies holding it, or wrongly;
- calibration (accuracy per confidence band).

Usage: python bench/evaluate.py [--stories N] [--seeds S ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from attrib.engines.local import run_corpus
from attrib.match.align import rapidfuzz_word_ops
from attrib.models import Attribution, CorpusResult, Passage, is_joint, origin_wires
from attrib.options import Options
from attrib.text.tokens import tokenize
from attrib.views.reconstruct import reconstruct_story

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
    accuracy_by_kind: tuple[tuple[str, int, float], ...] = ()
    calibration_error: float = 0.0
    page_leaks: int = 0
    story_purity: float = 1.0
    story_completeness: float = 1.0
    # Passages of jointly credited articles: (all, right agency alone, a set holding it).
    joint_credit: tuple[int, int, int] = (0, 0, 0)
    single_origin_accuracy: float = 0.0  # joint calls counted wrong
    # Origin calls on passages whose origin the corpus cannot show (see `hidden_origin`):
    # how many there are and how many of them are wrong, by cause.
    hidden: tuple[tuple[str, int, int], ...] = ()
    shown_origin_accuracy: float = 0.0  # on the rest: what attrib can be held to


def fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def load_truth(path: Path) -> dict[str, dict]:
    return {t["article_id"]: t for t in map(json.loads, path.read_text().splitlines())}


def right_origin(called: str, truth: str) -> bool:
    """A call is right when what it claims is true: the agency itself, or a joint origin
    ("AFP|dpa|Reuters", one of them) that holds it."""
    return called == truth or (is_joint(called) and truth in origin_wires(called))


def page_leak(line: str, passage: Passage) -> bool:
    """A page-unique line inside a passage; a headline of under four words counts only as the
    whole passage, since the words of "Coffee Prices" may stand in any coffee story."""
    if len(line.split()) >= 4:
        return line in passage.text
    return fold(line) == fold(passage.text)


def story_of(article_id: str) -> str:
    """The generator names every article `<outlet or wire>/<story id>`."""
    return article_id.rsplit("/", 1)[-1]


def pairwise(result: CorpusResult) -> tuple[float, float]:
    """Story purity and completeness over article pairs (precision and recall of "same
    story"), counted from group sizes so that a corpus of thousands costs no pair list."""
    together = same = 0
    for story in result.stories:
        counts = Counter(story_of(a) for a in story.article_ids)
        n = len(story.article_ids)
        together += n * (n - 1) // 2
        same += sum(k * (k - 1) // 2 for k in counts.values())
    truly = Counter(story_of(a.article.article_id) for a in result.articles)
    wanted = sum(k * (k - 1) // 2 for k in truly.values())
    return (same / together if together else 1.0), (same / wanted if wanted else 1.0)


def truth_of(passage: Passage, truth: dict) -> dict | None:
    """The truth paragraph a passage was cut from (its folded words are inside it)."""
    words = fold(passage.text)
    for paragraph in truth["paragraphs"]:
        if words and words in fold(paragraph["text"]):
            return paragraph
    return None


def sentence_source(passage: Passage, paragraph: dict) -> str:
    """The agency sentence a passage is (the truth sentence sharing most words with it, in
    order), or the paragraph's source for own text, which has no sentences to tell apart."""
    if not paragraph["sentences"]:
        return paragraph["source"]
    mine = tokenize(passage.text).words

    def shared(sentence: list[str]) -> int:
        ops = rapidfuzz_word_ops(mine, tokenize(sentence[0]).words)
        return sum(a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal")

    return max(paragraph["sentences"], key=shared)[1]


def score(result: CorpusResult, truths: dict[str, dict]) -> Scores:
    """Alignment is scored per sentence of the agency's text: a match is right when both
    passages are versions of one agency sentence; origins are scored per passage."""
    source: dict[str, dict | None] = {}
    sentence: dict[str, str] = {}
    leaks = page_leaks = 0
    for passage in result.passages:
        truth = truths[passage.article_id]
        found = truth_of(passage, truth)
        source[passage.passage_id] = found
        sentence[passage.passage_id] = sentence_source(passage, found) if found else ""
        leaks += any(line in passage.text for line in truth["furniture"])
        page_leaks += any(page_leak(line, passage) for line in truth.get("page_furniture", ()))
    unmapped = sum(1 for s in source.values() if s is None)

    def origin_source(pid: str) -> str:
        return sentence[pid]

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

    calls = [
        (kind_of(found, passage.article_id), attribution.confidence, correct)
        for passage, found, attribution, correct in origin_calls(result, truths, source)
    ]
    right = sum(ok for _, _, ok in calls)
    total = len(calls)
    # The same, with a joint call counted wrong: how much of the figure joint calls make.
    strict = sum(
        attribution.origin == paragraph["origin"]
        for _, paragraph, attribution, _ in origin_calls(result, truths, source)
    )
    by_kind = tuple(
        (kind, len(group), sum(ok for _, _, ok in group) / len(group))
        for kind in ("main", "mosaic", "own")
        if (group := [c for c in calls if c[0] == kind])
    )
    bands: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for _, confidence, correct in calls:
        band = next(i for i, (low, high) in enumerate(BANDS) if low <= confidence < high)
        bands[band].append((confidence, correct))
    calibration = tuple(
        (
            f"{low:.1f}-{min(high, 1.0):.1f}",
            len(bands[i]),
            sum(c for c, _ in bands[i]) / len(bands[i]),
            sum(ok for _, ok in bands[i]) / len(bands[i]),
        )
        for i, (low, high) in enumerate(BANDS)
        if bands[i]
    )
    # Expected calibration error: the passage-weighted gap between stated and observed.
    error = sum(n * abs(c - a) for _, n, c, a in calibration) / total if total else 0.0
    rebuilt, single = reconstruction_scores(result, truths, source)
    purity, completeness = pairwise(result)
    jointly = [
        (paragraph["origin"], attribution.origin)
        for passage, paragraph, attribution, _ in origin_calls(result, truths, source)
        if len(truths[passage.article_id].get("credited", ())) > 1 and paragraph["origin"] != "own"
    ]
    causes = [
        (hidden_origin(paragraph, passage.article_id, truths), right)
        for passage, paragraph, _, right in origin_calls(result, truths, source)
    ]
    hidden = Counter(causes)
    shown = [right for cause, right in causes if not cause]
    joint = (
        len(jointly),
        sum(called == truth for truth, called in jointly),
        sum(is_joint(called) and right_origin(called, truth) for truth, called in jointly),
    )
    return Scores(
        precision,
        recall,
        right / total if total else 0.0,
        leaks,
        unmapped,
        calibration,
        rebuilt,
        single,
        by_kind,
        error,
        page_leaks,
        purity,
        completeness,
        joint,
        strict / total if total else 0.0,
        tuple(
            (cause, hidden[cause, True] + hidden[cause, False], hidden[cause, False])
            for cause in HIDDEN_CAUSES
        ),
        sum(shown) / len(shown) if shown else 0.0,
    )


def origin_calls(
    result: CorpusResult, truths: dict[str, dict], source: dict[str, dict | None] | None = None
) -> list[tuple[Passage, dict, Attribution, bool]]:
    """Each outlet passage with its truth paragraph, attrib's call and whether it is right;
    what both the evaluation and the calibration fit score. `source` saves re-mapping."""
    found = []
    for passage in result.passages:
        truth = truths[passage.article_id]
        paragraph = source[passage.passage_id] if source else truth_of(passage, truth)
        if truth["kind"] == "wire" or paragraph is None:
            continue
        attribution = result.attributions[passage.passage_id]
        right = right_origin(attribution.origin, paragraph["origin"])
        found.append((passage, paragraph, attribution, right))
    return found


HIDDEN_CAUSES = (
    "a paragraph from a story outside the corpus",
    "a paragraph the corpus's shorter wire copy lacks",
    "own text under a joint credit",
)


def hidden_origin(paragraph: dict, article_id: str, truths: dict[str, dict]) -> str:
    """Why this passage's origin may be nowhere in the corpus ('' when it is there): the
    agency's paragraph is in no reference wire copy (its story is outside the corpus, or the
    corpus holds an earlier, shorter version), so only another outlet's credit can show it;
    or the outlet's own words stand under a sign-off naming several agencies."""
    if paragraph["origin"] == "own":
        credited = truths[article_id].get("credited", ())
        return HIDDEN_CAUSES[2] if len(credited) > 1 else ""
    story, index = paragraph["source"].split(":")[:2]
    if f"original/{story}" not in truths:
        return HIDDEN_CAUSES[0]
    wire = truths.get(f"wire/{story}")
    if wire is not None and int(index) >= len(wire["paragraphs"]):
        return HIDDEN_CAUSES[1]
    return ""


def kind_of(paragraph: dict, article_id: str) -> str:
    """main: the article's own wire story; mosaic: another story's paragraph; own."""
    if paragraph["origin"] == "own":
        return "own"
    story = article_id.rsplit("/", 1)[-1]
    return "main" if paragraph["source"].split(":")[0] == story else "mosaic"


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
    families = {f.family_id: f for f in result.families}
    for story in result.stories:
        wire = reconstruct_story(result, story)
        if wire is None:
            continue
        for sentence in wire.sentences:
            family = families[sentence.family_id]
            sources = [source[p]["source"] for p in family.passage_ids if source[p]]
            if not sources or not sources[0] or sources[0] not in originals:
                continue
            original = originals[Counter(sorted(sources)).most_common(1)[0][0]]
            rebuilt.append(agreement(sentence.text, original))
            single.extend(
                agreement(result.passages_by_id[p].text, original) for p in family.passage_ids
            )
    mean = lambda values: sum(values) / len(values) if values else 0.0  # noqa: E731
    return mean(rebuilt), mean(single)


def evaluate(stories: int, seed: int, wire_copy: float, options: Options | None = None) -> Scores:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        generate(corpus, stories, seed, wire_copy)
        result = run_corpus(corpus, options or Options())
        return score(result, load_truth(Path(folder) / "corpus-truth.jsonl"))


EVAL_SEEDS = (101, 202, 303, 404, 505)  # none is a calibration seed (bench/calibrate.py)
SETTINGS = (("with wire copy", 1.0), ("half with wire copy", 0.5), ("without wire copy", 0.0))


def report(label: str, runs: list[Scores]) -> None:
    def line(name: str, values: list[float], worst: str = "min") -> None:
        bound = min(values) if worst == "min" else max(values)
        print(f"  {name:<34} mean {sum(values) / len(values):.3f}  {worst} {bound:.3f}")

    print(f"\n{label} ({len(runs)} seeds)")
    line("alignment precision", [s.alignment_precision for s in runs])
    line("alignment recall", [s.alignment_recall for s in runs])
    line("origin accuracy", [s.origin_accuracy for s in runs])
    line("  joint calls counted wrong", [s.single_origin_accuracy for s in runs])
    line("  where the corpus shows the origin", [s.shown_origin_accuracy for s in runs])
    for kind in ("main", "mosaic", "own"):
        values = [a for s in runs for k, _, a in s.accuracy_by_kind if k == kind]
        if values:
            line(f"  on {kind} passages", values)
    line("calibration error (ECE)", [s.calibration_error for s in runs], worst="max")
    if any(s.reconstruction_agreement for s in runs):
        line("reconstruction: agency's words", [s.reconstruction_agreement for s in runs])
        line("  single outlet versions", [s.single_version_agreement for s in runs])
    line("story purity (pairwise)", [s.story_purity for s in runs])
    line("story completeness (pairwise)", [s.story_completeness for s in runs])
    passages, alone, held = (sum(s.joint_credit[i] for s in runs) for i in range(3))
    if passages:
        print(
            f"  jointly credited passages {passages}: right agency alone {alone / passages:.3f}, "
            f"a joint origin holding it {held / passages:.3f}, "
            f"wrong {(passages - alone - held) / passages:.3f}"
        )
    for cause in HIDDEN_CAUSES:
        calls = sum(n for s in runs for c, n, _ in s.hidden if c == cause)
        wrong = sum(w for s in runs for c, _, w in s.hidden if c == cause)
        print(f"  origin not in the corpus: {cause}: {calls} passages, {wrong} called wrong")
    print(
        f"  boilerplate leaks {sum(s.boilerplate_leaks for s in runs)} outlet-wide, "
        f"{sum(s.page_leaks for s in runs)} page-unique; "
        f"unmapped passages {sum(s.unmapped_passages for s in runs)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seeds", type=int, nargs="*", default=list(EVAL_SEEDS))
    args = parser.parse_args()
    print(f"{args.stories} Reuters-21578 wire stories per corpus, seeds {args.seeds}")
    for label, wire_copy in SETTINGS:
        report(label, [evaluate(args.stories, seed, wire_copy) for seed in args.seeds])


if __name__ == "__main__":
    main()
