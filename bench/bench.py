"""`make bench`: attrib end to end on Reuters-derived corpora, beside its floor, and the costs
that decide which library computes alignments.

Usage: python bench/bench.py [SIZE ...]   (default: 1000 5000 articles)

Each size runs in a fresh process so peak RSS is that run's own. Needs ../shared/data.
"""

from __future__ import annotations

import difflib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import textdistance
from rapidfuzz.distance import Indel, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reuters

from attrib.align import tokenize
from attrib.candidates import shingles
from attrib.ingest import read_corpus
from attrib.options import Options
from attrib.pipeline import run_corpus
from attrib.render.pdf import write_story_pdf
from attrib.reports import write_reports


def measure(folder: Path) -> dict[str, float]:
    """Floor (read, tokenise, hash once) and the full run (ingest to CSV), in this process."""
    options = Options()
    start = time.perf_counter()
    articles, _ = read_corpus(folder, options)
    for article in articles:
        shingles(tokenize(article.text).words, options.shingle_size)
    floor = time.perf_counter() - start
    start = time.perf_counter()
    result = run_corpus(folder, options)
    with tempfile.TemporaryDirectory() as out:
        write_reports(result, Path(out), pdf=False)
        run = time.perf_counter() - start
        stories = list(result.reported_stories[:6])
        if stories:  # the first render pays WeasyPrint's import and font set-up
            write_story_pdf(result, stories[0], Path(out) / "warm-up.pdf")
            stories = stories[1:]
        start = time.perf_counter()
        for story in stories:
            write_story_pdf(result, story, Path(out) / f"story-{story.story_id}.pdf")
        pdf = (time.perf_counter() - start) / max(1, len(stories))
    return {
        "articles": len(result.articles),
        "floor_s": floor,
        "run_s": run,
        "pdf_story_s": pdf,
        "matches": len(result.matches),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def opcode_costs(pairs: int = 2000) -> dict[str, float]:
    """Microseconds per aligned pair of Reuters paragraphs and their edited copies."""
    import random

    rng = random.Random(7)
    stories = [s for _, s in zip(range(pairs), reuters.wire_stories(), strict=False)]
    texts = [(" ".join(s.paragraphs[:3]), reuters.outlet_copy(s, rng)) for s in stories]
    words = [(tokenize(a).words, tokenize(b).words) for a, b in texts]

    def per_pair(function) -> float:
        start = time.perf_counter()
        for a, b in words:
            function(a, b)
        return (time.perf_counter() - start) / len(words) * 1e6

    return {
        "difflib_opcodes_us": per_pair(
            lambda a, b: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        ),
        "rapidfuzz_opcodes_us": per_pair(Indel.opcodes),
        "textdistance_levenshtein_us": per_pair(textdistance.levenshtein.normalized_similarity),
        "rapidfuzz_levenshtein_us": per_pair(Levenshtein.normalized_similarity),
    }


def run_size(size: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        reuters.write_corpus(Path(folder), size)
        output = subprocess.run(
            [sys.executable, __file__, "--measure", folder],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(output)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(Path(argv[1]))))
        return
    if not reuters.REUTERS_DIR.is_dir():
        sys.exit(f"bench needs the Reuters-21578 files in {reuters.REUTERS_DIR}")
    sizes = [int(a) for a in argv] or [1000, 5000]
    print(
        f"{'articles':>9} {'floor s':>8} {'run s':>7} {'run/floor':>9} {'art/s':>7} "
        f"{'matches':>8} {'peak MB':>8} {'PDF s/story':>11}"
    )
    for size in sizes:
        r = run_size(size)
        print(
            f"{r['articles']:>9.0f} {r['floor_s']:>8.2f} {r['run_s']:>7.2f} "
            f"{r['run_s'] / r['floor_s']:>9.1f} {r['articles'] / r['run_s']:>7.0f} "
            f"{r['matches']:>8.0f} {r['peak_rss_mb']:>8.0f} {r['pdf_story_s']:>11.2f}"
        )
    print("\nper pair of ~3-paragraph wire texts (microseconds):")
    for name, value in opcode_costs().items():
        print(f"  {name:<30} {value:>9.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
