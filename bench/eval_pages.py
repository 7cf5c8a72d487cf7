"""Main-text extraction on real web pages, read through attrib's own ingestion.

Usage: python bench/eval_pages.py [--workers N] [--sample N] [--errors]

Two public sets of real pages (`../shared/data`), each page gzip HTML:

- trafilatura_eval: 1,033 pages (news, blogs; mostly English and German); `evaldata.json` gives,
  for 990 of them, snippets the main text must contain and snippets it must not (menus,
  comments, teasers). Scored as trafilatura scores itself: a must-snippet found is a true
  positive, one missing a false negative, a must-not snippet present a false positive, one
  absent a true negative; precision, recall (the share of must-snippets found), the share of
  must-not snippets kept out, F1 and accuracy over all snippets, and the share of pages with
  every snippet right. Both sides are NFC-normalised and whitespace-collapsed first, since a
  snippet may span a line break in the output.
- scrapinghub_article_extraction_benchmark: 181 article pages with the gold article body in
  `ground-truth.json`. Scored as the benchmark does: per page, the multiset of tokens (`\\w+`)
  of the output against that of the gold, true/false positives and false negatives normalised
  by their sum so a long article weighs as much as a short one; precision and recall are the
  means over pages, F1 their harmonic mean. Given for single words (bag of words) and for the
  benchmark's own 4-word shingles, which also penalise text in the wrong order.

Each page is unpacked into a temporary corpus folder (under an `.html` name) and read by
`attrib.ingest.corpus.read_file`, the function `attrib run` calls for every corpus file, so what is
measured is what attrib analyses: an `Article` (its text scored) or a `Skipped` (nothing
extracted, counted as such). An exception out of `read_file` is a crash, counted and named;
the script exits non-zero when there is one. `tests/test_real_pages.py` pins floors a little
under what this prints.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

from attrib.ingest.corpus import read_file
from attrib.models import Article, Skipped
from attrib.options import Options

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TRAFILATURA = "trafilatura_eval"
SCRAPINGHUB = "scrapinghub_article_extraction_benchmark"
HTML_NAMES = (".html", ".htm")
SHINGLE = 4


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What attrib made of one page: its text, or why it was skipped, or the crash."""

    name: str
    text: str | None
    skipped: str | None
    crash: str | None
    seconds: float


def unpack(source: Path, target: Path, names: Iterable[str] | None = None) -> dict[str, Path]:
    """Gunzip each `*.gz` page of `source` (or only `names`, without `.gz`) into `target`, under
    a name ending in `.html` so attrib reads it as a page; keyed by the name without `.gz`."""
    if names is None:
        names = [path.name[: -len(".gz")] for path in source.glob("*.gz")]
    wanted = sorted(names)
    target.mkdir(parents=True, exist_ok=True)
    unpacked: dict[str, Path] = {}
    for name in wanted:
        stem = name if name.lower().endswith(HTML_NAMES) else f"{name}.html"
        path = target / stem
        path.write_bytes(gzip.decompress((source / f"{name}.gz").read_bytes()))
        unpacked[name] = path
    return unpacked


def read_page(job: tuple[str, str]) -> Page:
    """One page through `read_file`, timed. An exception is recorded as a crash with its last
    frames, so one bad page is named in the report instead of ending the evaluation."""
    name, path = job
    file = Path(path)
    started = time.perf_counter()
    try:
        items = list(read_file(file, file.parent, Options()))
    except Exception:  # counted and shown as a crash, never hidden
        crash = traceback.format_exc(limit=-3).strip().splitlines()[-1]
        return Page(name, None, None, crash, time.perf_counter() - started)
    seconds = time.perf_counter() - started
    articles = [item for item in items if isinstance(item, Article)]
    reasons = [item.reason for item in items if isinstance(item, Skipped)]
    if len(articles) == 1 and not reasons:
        return Page(name, articles[0].text, None, None, seconds)
    return Page(name, None, "; ".join(reasons) or f"{len(articles)} articles", None, seconds)


def read_pages(files: Mapping[str, Path], workers: int) -> dict[str, Page]:
    """Every page read, on `workers` processes (the order of the answer does not depend on it)."""
    jobs = [(name, str(path)) for name, path in sorted(files.items())]
    if workers <= 1:
        return {page.name: page for page in map(read_page, jobs)}
    with Pool(workers) as pool:
        return {page.name: page for page in pool.imap_unordered(read_page, jobs, chunksize=4)}


# --- scoring ----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFC and single spaces: how both the output and a snippet are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class SnippetCounts:
    """trafilatura_eval's confusion counts, summed over pages."""

    found: int = 0  # must-snippets in the text (true positives)
    missing: int = 0  # must-snippets not in it (false negatives)
    leaked: int = 0  # must-not snippets in it (false positives)
    kept_out: int = 0  # must-not snippets not in it (true negatives)

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.found + other.found,
            self.missing + other.missing,
            self.leaked + other.leaked,
            self.kept_out + other.kept_out,
        )

    @property
    def recall(self) -> float:
        return ratio(self.found, self.found + self.missing)

    @property
    def precision(self) -> float:
        return ratio(self.found, self.found + self.leaked)

    @property
    def rejection(self) -> float:
        """The share of must-not snippets kept out of the text."""
        return ratio(self.kept_out, self.kept_out + self.leaked)

    @property
    def f1(self) -> float:
        return harmonic(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        right = self.found + self.kept_out
        return ratio(right, right + self.missing + self.leaked)

    @property
    def perfect(self) -> bool:
        return self.missing == 0 and self.leaked == 0


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def snippet_counts(text: str | None, must: Sequence[str], must_not: Sequence[str]) -> SnippetCounts:
    """One page's counts; a page attrib skipped extracted nothing."""
    body = normalise(text or "")
    found = sum(normalise(s) in body for s in must)
    leaked = sum(normalise(s) in body for s in must_not)
    return SnippetCounts(found, len(must) - found, leaked, len(must_not) - leaked)


TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token runs of a text (tokens as the benchmark cuts them: `\\w+`);
    a text shorter than `size` tokens is one short shingle, an empty one none."""
    tokens = TOKEN.findall(text)
    runs = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(run for run in runs if run)


def overlap(gold: str, text: str, size: int) -> tuple[float, float, float]:
    """(true positives, false positives, false negatives) of a page, normalised to sum to 1
    as the benchmark does, so every page weighs the same."""
    want, got = shingles(gold, size), shingles(text, size)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class BagScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return harmonic(self.precision, self.recall)


def page_precision(tp: float, fp: float, fn: float) -> float:
    """The benchmark's per-page precision: 1 for an exact match, 0 when nothing is right."""
    if fp == fn == 0:
        return 1.0
    return ratio(tp, tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return ratio(tp, tp + fn)


def bag_score(counts: Sequence[tuple[float, float, float]]) -> BagScore:
    """Means over pages, each taken where it is defined (precision needs some output,
    recall some gold), as the benchmark computes them."""
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    return BagScore(
        statistics.fmean(precisions) if precisions else 0.0,
        statistics.fmean(recalls) if recalls else 0.0,
    )


# --- the two sets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SetResult:
    """One set's pages and what attrib made of them."""

    name: str
    pages: dict[str, Page]
    seconds: float

    @property
    def articles(self) -> int:
        return sum(page.text is not None for page in self.pages.values())

    @property
    def skipped(self) -> list[Page]:
        return [page for page in self.pages.values() if page.skipped is not None]

    @property
    def crashes(self) -> list[Page]:
        return [page for page in self.pages.values() if page.crash is not None]


def trafilatura_gold(root: Path) -> dict[str, dict]:
    """evaldata.json keyed by page file name (it is keyed by URL)."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data.values()}


def trafilatura_counts(
    pages: Mapping[str, Page], gold: Mapping[str, dict]
) -> dict[str, SnippetCounts]:
    """Counts of every page that has snippets and was read (all of them, unless sampled)."""
    return {
        name: snippet_counts(pages[name].text, entry["with"], entry["without"])
        for name, entry in gold.items()
        if name in pages
    }


def scrapinghub_gold(root: Path) -> dict[str, str]:
    """Gold article body by page file name (`<sha256>.html`)."""
    data = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return {f"{key}.html": entry.get("articleBody") or "" for key, entry in data.items()}


def scrapinghub_score(pages: Mapping[str, Page], gold: Mapping[str, str], size: int) -> BagScore:
    return bag_score(
        [
            overlap(body, pages[name].text or "", size)
            for name, body in gold.items()
            if name in pages
        ]
    )


def sample(names: Sequence[str], count: int | None) -> list[str]:
    """`count` names spread evenly over the sorted list (all of them for None): a fixed
    sample, the same every run, that crosses sites and languages."""
    ordered = sorted(names)
    if count is None or count >= len(ordered):
        return ordered
    step = len(ordered) / count
    return [ordered[int(i * step)] for i in range(count)]


def run_set(
    name: str, workdir: Path, workers: int, count: int | None = None, shared: Path = SHARED
) -> SetResult:
    """Unpack `count` pages of a set (all by default) under `workdir` and read them."""
    source = shared / name / "html"
    names = sample([path.name[: -len(".gz")] for path in source.glob("*.gz")], count)
    files = unpack(source, workdir / name, names)
    started = time.perf_counter()
    pages = read_pages(files, workers)
    return SetResult(name, pages, time.perf_counter() - started)


@dataclass(frozen=True)
class Scores:
    """The figures the report prints and the tests pin."""

    snippets: SnippetCounts  # trafilatura_eval, summed over pages
    pages_right: float  # trafilatura_eval pages with every snippet right
    words: BagScore  # scrapinghub, bag of words
    shingles: BagScore  # scrapinghub, the benchmark's 4-word shingles


def score(tf: SetResult, sh: SetResult, shared: Path = SHARED) -> Scores:
    counts = trafilatura_counts(tf.pages, trafilatura_gold(shared / TRAFILATURA))
    gold = scrapinghub_gold(shared / SCRAPINGHUB)
    return Scores(
        snippets=sum(counts.values(), SnippetCounts()),
        pages_right=ratio(sum(c.perfect for c in counts.values()), len(counts)),
        words=scrapinghub_score(sh.pages, gold, 1),
        shingles=scrapinghub_score(sh.pages, gold, SHINGLE),
    )


# --- report -----------------------------------------------------------------------------------


def timing(result: SetResult) -> str:
    times = sorted(page.seconds for page in result.pages.values())
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    mean = statistics.fmean(times)
    return f"{result.seconds:.1f} s ({mean:.3f} s mean, {p95:.3f} s p95, {times[-1]:.2f} s max)"


def row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def report(tf: SetResult, sh: SetResult, scores: Scores, workers: int) -> list[str]:
    """The markdown tables: reading, then each set's scores."""
    s, w, g = scores.snippets, scores.words, scores.shingles
    return [
        f"Read with `attrib.ingest.corpus.read_file` on {workers} process(es).",
        "",
        row("set", "pages", "articles", "skipped", "crashes", "read in"),
        row("---", "---:", "---:", "---:", "---:", "---"),
        *(
            row(r.name, len(r.pages), r.articles, len(r.skipped), len(r.crashes), timing(r))
            for r in (tf, sh)
        ),
        "",
        f"trafilatura_eval: {s.found + s.missing} snippets that must be in the main text, "
        f"{s.leaked + s.kept_out} that must not:",
        "",
        row(
            "must found (recall)", "must-not kept out", "precision", "F1", "accuracy", "pages right"
        ),
        row("---:", "---:", "---:", "---:", "---:", "---:"),
        row(
            *(
                f"{v:.3f}"
                for v in (s.recall, s.rejection, s.precision, s.f1, s.accuracy, scores.pages_right)
            )
        ),
        "",
        f"scrapinghub: {len(sh.pages)} pages against the gold body (means over pages):",
        "",
        row("tokens", "precision", "recall", "F1"),
        row("---", "---:", "---:", "---:"),
        row("words (bag of words)", f"{w.precision:.3f}", f"{w.recall:.3f}", f"{w.f1:.3f}"),
        row(
            f"{SHINGLE}-word shingles (the benchmark's)",
            f"{g.precision:.3f}",
            f"{g.recall:.3f}",
            f"{g.f1:.3f}",
        ),
    ]


def problems(tf: SetResult, sh: SetResult) -> list[str]:
    """Every page that crashed or was skipped, named with the reason."""
    pages = [*tf.crashes, *sh.crashes, *tf.skipped, *sh.skipped]
    return [f"- {p.name}: {f'CRASH {p.crash}' if p.crash else p.skipped}" for p in pages]


def worst(tf: SetResult, shared: Path = SHARED, count: int = 20) -> list[str]:
    counts = trafilatura_counts(tf.pages, trafilatura_gold(shared / TRAFILATURA))
    ranked = sorted(counts.items(), key=lambda item: (item[1].accuracy, item[0]))
    return [
        f"- {name}: {c.missing} must missing, {c.leaked} must-not present"
        for name, c in ranked[:count]
        if not c.perfect
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--errors", action="store_true", help="list the worst pages")
    args = parser.parse_args(argv)
    missing = [n for n in (TRAFILATURA, SCRAPINGHUB) if not (SHARED / n / "html").is_dir()]
    if missing:
        print(f"needs {', '.join(str(SHARED / m) for m in missing)} (the shared evaluation data)")
        return 2
    with tempfile.TemporaryDirectory(prefix="attrib-pages-") as work:
        tf = run_set(TRAFILATURA, Path(work), args.workers, args.sample)
        sh = run_set(SCRAPINGHUB, Path(work), args.workers, args.sample)
    lines = report(tf, sh, score(tf, sh), args.workers)
    unread = problems(tf, sh)
    if unread:
        lines += ["", "Pages not read:", "", *unread]
    if args.errors:
        lines += ["", "Worst trafilatura_eval pages:", "", *worst(tf)]
    print("\n".join(lines))
    return 1 if tf.crashes or sh.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
