"""`make bench`: attrib end to end on Reuters-derived corpora, beside its floor and a naive
baseline, and the per-pair costs that decide which library computes alignments.

Usage: python bench/bench.py [SIZE ...]   (default: 1000 10000 100000 articles, then mixed
                                          and raw Reuters)
       python bench/bench.py pdf          (the PDF timings alone)
       python bench/bench.py mixed        (the mixed corpus alone)
       python bench/bench.py raw          (the raw Reuters feed alone)

Every corpus has ten outlet copies of each wire story (`reuters.write_corpus`, seeded), so stories
have the same shape at every size and time(100k)/time(10k) compares like with like; a smaller
corpus is the first articles of a larger one. Per size, in one table:

- the run: `python -m attrib run CORPUS --out OUT --no-pdf --no-html` as a user runs it, in its
  own process (wall time includes start-up); peak RSS is the largest single process of that run,
  the CLI or one of its forked alignment workers (`wait4` rusage, which covers the descendants
  it reaped);
- candidate pairs per article: `candidate_pairs` over the run's `passages.csv`, after the run;
- the floor: reading, tokenising and hashing the same corpus once, in its own process;
- a naive baseline: difflib's `SequenceMatcher.ratio` on every pair of articles, estimated from
  a seeded sample of pairs and extrapolated to n(n-1)/2, on one core;
- an incremental `attrib add` of 1,000 new articles to a store holding the corpus (building the
  store is untimed).

Then a mixed corpus of 10,000 articles, 60% of them news-site pages (navigation, a list of
other stories' headlines, a footer; the date in meta tags, in JSON-LD or only in the text;
`reuters.outlet_page`), the rest text: its run, its floor (which parses each page with lxml),
and the seconds each stage takes in one process (a `StageClock` as the pipeline's progress
hook; the time between named stages is put under what follows it).

The raw Reuters feed: the first 10,000 stories of Reuters-21578 with a body, as distributed
(hard-wrapped, tables of figures, sign-offs), in one JSON Lines file; its run, and the share of
its running words that the result keeps in paragraphs (issue 15: <= 11.4 s, a tenth of
passim's time on it here, keeping >= 95%).

PDFs are timed on ten stories of corpora with five and with ten articles a story, written as
`attrib report` writes them (on all cores, after one untimed warm-up story): wall seconds a
story and pages an article (each story's report reads only its own articles, through the run's
indexes, so its cost does not depend on the corpus around it).
Corpora are cached under $XDG_CACHE_HOME (or the temp dir)/attrib-bench, keyed by size and a hash
of the generator. Needs ../shared/data.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from pathlib import Path
from typing import NamedTuple, NoReturn, TypeVar

import lxml.html
import textdistance
from pypdf import PdfReader
from rapidfuzz.distance import Indel, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_real
import reuters

from attrib.engines.local import run_corpus
from attrib.engines.store.result import read_result
from attrib.ingest.decoding import decode
from attrib.match.shingles import candidate_pairs, shingles
from attrib.models import RESULT_NAME
from attrib.options import Options
from attrib.output.pdf import write_story_pdf
from attrib.output.reports import ReportRequest, write_pdf_reports, write_reports
from attrib.text.tokens import tokenize

T = TypeVar("T")
SIZES = (1000, 10_000, 100_000)
MIXED_SIZE = 10_000
HTML_SHARE = 0.6  # of the mixed corpus's articles, as news-site pages
COPIES = 10  # outlet copies per wire story, at every size
SEED = 1987
NAIVE_PAIRS = 300
PDF_STORIES = 11  # the first is a warm-up: it pays WeasyPrint's import and font set-up
PDF_COPIES = (5, COPIES)  # articles per story of the PDF timings
RAW_FILES = tuple(f"reut2-{n:03d}.sgm.gz" for n in range(22))
RAW_STORIES = 10_000
PASSIM_RAW_S = 114.0  # passim on the same 10,000 stories, on this machine (issue 15)
RAW_TARGET_S = round(PASSIM_RAW_S / 10, 1)
PDF_TARGET_ARTICLES, PDF_TARGET_S, PDF_TARGET_PAGES = 10, 0.5, 1.2  # issue 15
INCREMENTAL_ARTICLES = 1000
RUN_COMMAND = ("-m", "attrib", "run")


@dataclass(frozen=True)
class Row:
    """One corpus size's measurements."""

    size: int
    articles: int
    wall_s: float
    peak_rss_mb: float
    pairs_per_article: float
    floor_s: float
    naive_s: float
    add_s: float | None

    @property
    def per_second(self) -> float:
        return self.articles / self.wall_s

    @property
    def over_floor(self) -> float:
        return self.wall_s / self.floor_s


class PassageText(NamedTuple):
    """The fields of a passage that `candidate_pairs` reads, as `passages.csv` gives them.

    A formula-like cell there has an apostrophe in front; tokenising drops it, so the words, and
    so the pairs, are the run's own. `passages.csv` does not say which passages are rows of
    figures, so none counts as one here (a row's figures shingle is left out of the count; the
    bench corpora are prose).
    """

    article_id: str
    text: str
    table: bool = False


# --- corpora ------------------------------------------------------------------------------


def cache_root() -> Path:
    """Generated corpora outlive a run (100k articles take a while to write), outside the repo."""
    base = os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir()
    return Path(base) / "attrib-bench"


def generator_version(copies: int, html_share: float = 0.0) -> str:
    """Changes whenever the generator's code or its settings do, so a stale corpus is rebuilt."""
    digest = hashlib.sha256(Path(reuters.__file__).read_bytes())
    digest.update(f"copies={copies};seed={SEED}".encode())
    if html_share:
        digest.update(f";html={html_share}".encode())
    return digest.hexdigest()[:12]


def corpus(size: int, copies: int = COPIES, html_share: float = 0.0) -> Path:
    """The corpus of `size` articles, generated unless a complete one of this version exists.

    It is written beside its final name and renamed into place, so an interrupted generation is
    never reused; other versions of the same size are removed.
    """
    root = cache_root()
    kind = "mixed" if html_share else "corpus"
    folder = root / f"{kind}-{size}-{generator_version(copies, html_share)}"
    if folder.is_dir():
        return folder
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(f"{kind}-{size}-*"):
        if not stale.name.endswith(tuple(generator_version(other) for other in PDF_COPIES)):
            shutil.rmtree(stale, ignore_errors=True)
    partial = Path(tempfile.mkdtemp(prefix=f"partial-{size}-", dir=root))
    try:
        reuters.write_corpus(partial, size, copies=copies, seed=SEED, html_share=html_share)
        partial.rename(folder)
    except BaseException:  # interrupted too: a 100k partial corpus is ~0.5 GB of /tmp
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


# --- the run, as a user runs it ----------------------------------------------------------------


# Runs a command and prints its wall seconds and peak RSS. Linux keeps a process's peak RSS
# across exec, and a child forked from this script starts at this script's RSS (gigabytes
# after the 100k corpus's tables are read back), so the run is started from a small process.
MEASURE = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
print(json.dumps([os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024]))
"""


def time_cli(folder: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `attrib run FOLDER --out OUT --no-pdf --no-html`.

    `wait4` gives the run's own rusage, whose maxrss covers the forked workers it reaped, and
    nothing else this script has started (`MEASURE`).
    """
    command = [
        *(sys.executable, *RUN_COMMAND, str(folder), "--out", str(out)),
        *("--no-pdf", "--no-html"),
    ]
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True)
    if done.returncode != 0:
        failed(command, done.returncode, done.stderr)
    code, wall, peak = json.loads(done.stdout)
    if code != 0:
        failed(command, code, done.stderr)
    return wall, peak


def startup_seconds() -> float:
    """Wall seconds of `python -m attrib --help`: the interpreter and imports every run pays,
    which weigh on the smallest corpus's wall time and run/floor (the floor excludes them)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "attrib", "--help"], check=True, capture_output=True)
    return time.perf_counter() - start


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def pairs_per_article(out: Path) -> tuple[int, float]:
    """Articles in the run and the candidate pairs per article its passages give, untimed."""
    articles = len(read_rows(out / "articles.csv"))
    passages = [PassageText(r["article_id"], r["text"]) for r in read_rows(out / "passages.csv")]
    pairs = candidate_pairs(passages, Options())  # type: ignore[arg-type]
    return articles, len(pairs) / max(1, articles)


# --- the floor and the naive baseline, in their own process ----------------------------------


def floor_seconds(folder: Path) -> tuple[float, list[str]]:
    """Reading, decoding (a page: parsing it with lxml and taking its text), tokenising and
    hashing every article once: no pipeline can do less. Returns the texts too, for the naive
    baseline."""
    options = Options()
    start = time.perf_counter()
    texts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            text = lxml.html.document_fromstring(data).text_content()
        else:
            text = decode(data, path.name)
        shingles(tokenize(text).words, options.shingle_size)
        texts.append(text)
    return time.perf_counter() - start, texts


class StageClock:
    """A `Track` that notes how long each stage the pipeline names took, and the time between
    named stages (candidates before alignment, the conclusion after it) under what follows."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.last = time.perf_counter()

    def __call__(
        self, items: Iterable[T], description: str, total: int, sizes: Sequence[int] | None = None
    ) -> Iterator[T]:
        start = time.perf_counter()
        self.note(f"before {description.lower()}", start - self.last)
        yield from items
        self.last = time.perf_counter()
        self.note(description.lower(), self.last - start)

    def note(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def lap(self, stage: str) -> None:
        """The time since the last stage ended, as `stage`."""
        now = time.perf_counter()
        self.note(stage, now - self.last)
        self.last = now


def measure_stages(folder: Path) -> dict[str, float]:
    """Seconds per stage of a run without PDFs or pages, in this process: where the time goes."""
    clock = StageClock()
    result = run_corpus(folder, Options(), clock)
    clock.lap("concluding (stories, families, attribution)")
    with tempfile.TemporaryDirectory() as out:
        write_reports(result, Path(out), pdf=False, html=False, track=clock)
    clock.lap("writing the tables")
    return clock.seconds


def naive_seconds(texts: Sequence[str], pairs: int = NAIVE_PAIRS) -> float:
    """Estimated seconds for difflib on all n(n-1)/2 article pairs, on one core: what comparing
    everything with everything would cost without a candidate index.

    The mean over a seeded random sample of pairs (tokenised before timing) times the number of
    pairs; random pairs are mostly unrelated, as nearly all of the n(n-1)/2 are.
    """
    n = len(texts)
    if n < 2:
        return 0.0
    rng = random.Random(SEED)
    sample = [rng.sample(range(n), 2) for _ in range(pairs)]
    words = [(tokenize(texts[i]).words, tokenize(texts[j]).words) for i, j in sample]
    start = time.perf_counter()
    for a, b in words:
        difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    mean = (time.perf_counter() - start) / len(words)
    return mean * n * (n - 1) / 2


def measure_floor(folder: Path) -> dict[str, float]:
    floor, texts = floor_seconds(folder)
    return {"floor_s": floor, "naive_s": naive_seconds(texts)}


# --- PDFs, the incremental hook, per-pair costs ----------------------------------------------


def measure_pdf(folder: Path) -> dict[str, float]:
    """Wall seconds per story PDF and pages per article, on the stories of `folder` written
    as `attrib report` writes them: on all cores, each PDF whole (view, figures, matrix, HTML
    and layout). One story is rendered first, untimed, so WeasyPrint's import and font set-up
    are paid before the clock starts, as they are once per run."""
    result = run_corpus(folder, Options())
    stories = result.reported_stories[:PDF_STORIES]
    asked = [ReportRequest(story) for story in stories[1:]]
    with tempfile.TemporaryDirectory() as out:
        write_story_pdf(result, stories[0], Path(out) / "warm-up.pdf")
        start = time.perf_counter()
        written = write_pdf_reports(result, asked, Path(out) / "reports")
        wall = time.perf_counter() - start
        if written.failures:  # a report that failed would flatter both figures
            raise RuntimeError(f"story reports failed: {written.failures}")
        pages = sum(len(PdfReader(path).pages) for path in written.pdfs)
    articles = sum(len(request.story.article_ids) for request in asked)
    return {
        "pdf_s": wall / len(asked),
        "pages_per_article": pages / articles,
        "stories": len(asked),
        "articles": articles / len(asked),
        # outlets a story, beside its reference wire copy (`reuters.write_corpus`)
        "copies": max(len(request.story.article_ids) for request in asked) - 1,
    }


def pdf_lines(timings: Sequence[dict[str, float]]) -> list[str]:
    lines = [
        f"PDF: {t['pdf_s']:.2f} s a story (wall of all on all cores, by stories), "
        f"{t['pages_per_article']:.2f} pages an article ({t['stories']:.0f} stories of "
        f"{t['articles']:.1f} articles: {t['copies']:.0f} outlets and the reference)"
        for t in timings
    ]
    for t in timings:
        if t["copies"] == PDF_TARGET_ARTICLES:
            lines.append(
                f"  target: a {PDF_TARGET_ARTICLES}-article story <= {PDF_TARGET_S} s: "
                + verdict(t["pdf_s"], PDF_TARGET_S, "{:.2f}")
            )
            lines.append(
                f"  target: <= {PDF_TARGET_PAGES} pages an article: "
                + verdict(t["pages_per_article"], PDF_TARGET_PAGES, "{:.2f}")
            )
    return lines


def incremental_add_seconds(size: int) -> float:
    """Seconds for `attrib add` of INCREMENTAL_ARTICLES new articles to a store that holds the
    `size`-article corpus: the next articles of the same generator (a smaller corpus is a prefix
    of a larger one, so they continue its stories and start new ones). Building the store first
    is a from-scratch `attrib add`, untimed."""
    base = corpus(size)
    extended = corpus(size + INCREMENTAL_ARTICLES)
    known = {path.name for path in base.iterdir()}
    with tempfile.TemporaryDirectory() as work:
        new = Path(work) / "new"
        new.mkdir()
        for path in sorted(extended.iterdir()):
            if path.name not in known:
                (new / path.name).symlink_to(path)
        store = Path(work) / "attrib.db"
        add = [sys.executable, "-m", "attrib", "add"]
        subprocess.run([*add, str(base), "--store", str(store)], check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([*add, str(new), "--store", str(store)], check=True, capture_output=True)
        return time.perf_counter() - start


def opcode_costs(pairs: int = 2000) -> dict[str, float]:
    """Microseconds per aligned pair of Reuters paragraphs and their edited copies."""
    rng = random.Random(7)
    stories = [s for _, s in zip(range(pairs), reuters.wire_stories(), strict=False)]
    texts = [(" ".join(s.paragraphs[:3]), reuters.outlet_copy(s, rng)) for s in stories]
    words = [(tokenize(a).words, tokenize(b).words) for a, b in texts]

    def per_pair(function: Callable[[tuple[str, ...], tuple[str, ...]], object]) -> float:
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


# --- orchestration ---------------------------------------------------------------------------


def in_child(mode: str, folder: Path) -> dict[str, float]:
    """Run one measurement in a fresh process of this script, so none shares memory or caches
    (tokenize's, WeasyPrint's) with another."""
    command = [sys.executable, __file__, mode, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        failed(command, done.returncode, done.stderr)
    return json.loads(done.stdout)


def failed(command: Sequence[str], code: int, stderr: str) -> NoReturn:
    """Stop the bench with the end of the child's own error output, not just its exit code."""
    raise RuntimeError(f"{' '.join(command)} exited {code}:\n{stderr[-2000:]}")


def measure_size(size: int) -> Row:
    folder = corpus(size)
    with tempfile.TemporaryDirectory() as out:
        wall, peak = time_cli(folder, Path(out))
        articles, pairs = pairs_per_article(Path(out))
    floor = in_child("--floor", folder)
    return Row(
        size=size,
        articles=articles,
        wall_s=wall,
        peak_rss_mb=peak,
        pairs_per_article=pairs,
        floor_s=floor["floor_s"],
        naive_s=floor["naive_s"],
        add_s=incremental_add_seconds(size),
    )


def measure_mixed() -> tuple[Row, dict[str, float]]:
    """The mixed corpus: the run as a user runs it, its floor, and where its time goes."""
    folder = corpus(MIXED_SIZE, html_share=HTML_SHARE)
    with tempfile.TemporaryDirectory() as out:
        wall, peak = time_cli(folder, Path(out))
        articles, pairs = pairs_per_article(Path(out))
    floor = in_child("--floor", folder)
    row = Row(MIXED_SIZE, articles, wall, peak, pairs, floor["floor_s"], floor["naive_s"], None)
    return row, in_child("--stages", folder)


@dataclass(frozen=True)
class RawFeed:
    """The raw Reuters feed's run: its size, time, memory and the words it kept."""

    stories: int
    words: int
    wall_s: float
    peak_rss_mb: float
    kept_share: float


def measure_raw_reuters() -> RawFeed:
    """The first RAW_STORIES stories of Reuters-21578 with a body, as distributed (hard-wrapped
    lines, tables of figures, sign-offs), in one JSON Lines feed (`eval_real.write_reuters`):
    the run as a user runs it, and the share of the running words (`eval_real.running_lines`:
    not a table row, not the sign-off) that lie in a kept paragraph of its result."""
    stories = list(islice(eval_real.raw_stories(RAW_FILES), RAW_STORIES))
    with tempfile.TemporaryDirectory() as work:
        feed, out = Path(work) / "feed", Path(work) / "out"
        eval_real.write_reuters(feed, stories)
        wall, peak = time_cli(feed, out)
        result = read_result(out / RESULT_NAME)
    counts = [eval_real.kept_words(story, result) for story in stories]
    words = sum(total for total, _ in counts)
    kept = sum(inside for _, inside in counts)
    return RawFeed(len(stories), words, wall, peak, kept / words)


def raw_lines(raw: RawFeed) -> list[str]:
    return [
        f"raw Reuters: the first {raw.stories:,} stories as distributed, one JSON Lines feed",
        f"  run {raw.wall_s:.1f} s, peak RSS {raw.peak_rss_mb:.0f} MB, "
        f"{raw.kept_share:.1%} of {raw.words:,} running words kept, "
        f"{raw.words / raw.wall_s:,.0f} words/s; passim took {PASSIM_RAW_S:.0f} s here",
    ]


def mixed_lines(measured: tuple[Row, dict[str, float]]) -> list[str]:
    row, stages = measured
    pages = f"{HTML_SHARE:.0%} HTML pages (meta tags, JSON-LD or a date in the text)"
    lines = [
        f"mixed corpus: {row.articles:,} articles, {pages}, {COPIES} outlet copies a story",
        f"  run {row.wall_s:.1f} s, peak RSS {row.peak_rss_mb:.0f} MB, floor (with lxml) "
        f"{row.floor_s:.2f} s, run/floor {row.over_floor:.1f}",
        "  stages, in one process (s):",
    ]
    lines += [f"    {stage:<46} {seconds:7.2f}" for stage, seconds in stages.items()]
    return lines


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- output --------------------------------------------------------------------------------

COLUMNS = (
    "articles",
    "wall s",
    "peak RSS MB",
    "articles/s",
    "cand. pairs/article",
    "floor s",
    "run/floor",
    "naive difflib (est.)",
    f"add {INCREMENTAL_ARTICLES // 1000}k s",
)


def duration(seconds: float) -> str:
    """A long estimate in the unit a reader grasps: 40 s, 12 min, 5.2 h, 3.1 days, 4.0 years."""
    for unit, size in (("years", 365 * 86400), ("days", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"


def cells(row: Row) -> tuple[str, ...]:
    return (
        f"{row.articles:,}",
        f"{row.wall_s:.1f}",
        f"{row.peak_rss_mb:.0f}",
        f"{row.per_second:.0f}",
        f"{row.pairs_per_article:.1f}",
        f"{row.floor_s:.2f}",
        f"{row.over_floor:.1f}",
        duration(row.naive_s),
        "n/a" if row.add_s is None else f"{row.add_s:.1f}",
    )


def plain_table(rows: Sequence[Row]) -> str:
    lines = [tuple(COLUMNS), *(cells(r) for r in rows)]
    widths = [max(len(line[k]) for line in lines) for k in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in lines
    )


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [COLUMNS, tuple("---:" for _ in COLUMNS), *(cells(r) for r in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def scaling(rows: Sequence[Row]) -> list[str]:
    """time(b)/time(a) for consecutive sizes: 10x the articles should cost about 10x the time."""
    return [
        f"time({b.articles:,})/time({a.articles:,}) = {b.wall_s / a.wall_s:.1f} "
        f"(articles x{b.articles / a.articles:.1f})"
        for a, b in pairwise(rows)
    ]


def target_lines(rows: Sequence[Row], mixed: Row | None, raw: RawFeed | None) -> list[str]:
    """Issue 15's targets (2 cores), checked where this run measured them."""
    large = {r.size: r for r in rows}.get(100_000)
    add = large.add_s / large.wall_s if large and large.add_s is not None else None
    raw_s = raw.wall_s if raw else None
    at_most, at_least = False, True
    checks = [
        ("mixed 10k: wall s <= 20", mixed and mixed.wall_s, 20.0, "{:.1f}", at_most),
        ("mixed 10k: run/floor <= 8", mixed and mixed.over_floor, 8.0, "{:.1f}", at_most),
        (f"raw Reuters: wall s <= {RAW_TARGET_S}", raw_s, RAW_TARGET_S, "{:.1f}", at_most),
        ("raw Reuters: words kept >= 95%", raw and raw.kept_share, 0.95, "{:.1%}", at_least),
        ("100k: wall s <= 240", large and large.wall_s, 240.0, "{:.1f}", at_most),
        ("100k: peak RSS MB <= 4096", large and large.peak_rss_mb, 4096.0, "{:.0f}", at_most),
        (f"100k: add {INCREMENTAL_ARTICLES:,} <= 5% of a run", add, 0.05, "{:.1%}", at_most),
    ]
    return [f"  {name:<34} {verdict(*check)}" for name, *check in checks]


def verdict(value: float | None, limit: float, form: str, at_least: bool = False) -> str:
    """`value` against `limit`, an upper bound unless `at_least`."""
    if value is None:
        return "not measured"
    met = value >= limit if at_least else value <= limit
    return f"{form.format(value)}  {'met' if met else 'MISSED'}"


def proc_field(path: str, name: str) -> str | None:
    """The first `name: value` of a /proc file, or None off Linux."""
    if not Path(path).exists():
        return None
    for line in Path(path).read_text().splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def machine() -> str:
    """What the numbers were measured on, for the README next to the table."""
    model = proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory_kb = (proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0]
    return (
        f"{model}, {os.cpu_count()} cores, {int(memory_kb) / 1024**2:.0f} GB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


@dataclass(frozen=True)
class Measured:
    """Everything one `make bench` measured; what a partial run skipped is empty."""

    rows: Sequence[Row]
    pdf: Sequence[dict[str, float]]
    mixed: tuple[Row, dict[str, float]] | None
    raw: RawFeed | None
    startup: float


def report(measured: Measured) -> None:
    print(f"machine:  {machine()}")
    print(f"run:      python {' '.join(RUN_COMMAND)} CORPUS --out OUT --no-pdf --no-html")
    print(f"corpus:   {COPIES} outlet copies of each Reuters wire story")
    print("peak RSS: the run's largest single process (the CLI or a forked alignment worker)")
    print(f"naive:    difflib ratio on all article pairs, one core, from {NAIVE_PAIRS} sampled\n")
    if measured.rows:
        print(plain_table(measured.rows))
        print()
    for line in scaling(measured.rows):
        print(line)
    print(f"start-up (python -m attrib --help): {measured.startup:.1f} s, included in wall s")
    print("\n".join(pdf_lines(measured.pdf)))
    if measured.mixed:
        print("\n" + "\n".join(mixed_lines(measured.mixed)))
    if measured.raw:
        print("\n" + "\n".join(raw_lines(measured.raw)))
    print("\ntargets (2 cores, 24 GB):")
    mixed = measured.mixed[0] if measured.mixed else None
    print("\n".join(target_lines(measured.rows, mixed, measured.raw)))
    print("\nper pair of ~3-paragraph wire texts (microseconds):")
    for name, value in opcode_costs().items():
        print(f"  {name:<30} {value:>9.1f}")
    print("\nmarkdown, for the README:\n")
    print(f"Measured on {machine()}.\n")
    print(markdown_table(measured.rows))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--floor"]:
        print(json.dumps(measure_floor(Path(argv[1]))))
        return
    if argv[:1] == ["--pdf"]:
        print(json.dumps(measure_pdf(Path(argv[1]))))
        return
    if argv[:1] == ["--stages"]:
        print(json.dumps(measure_stages(Path(argv[1]))))
        return
    if argv == ["mixed"]:
        print("\n".join(mixed_lines(measure_mixed())))
        return
    if not reuters.REUTERS_DIR.is_dir():
        sys.exit(f"bench needs the Reuters-21578 files in {reuters.REUTERS_DIR}")
    if argv == ["raw"]:
        print("\n".join(raw_lines(measure_raw_reuters())))
        return
    progress("bench: PDFs…")
    pdf = [in_child("--pdf", corpus(PDF_STORIES * c, copies=c)) for c in PDF_COPIES]
    if argv == ["pdf"]:
        print("\n".join(pdf_lines(pdf)))
        return
    rows = []
    for size in [int(a) for a in argv] or SIZES:
        progress(f"bench: {size:,} articles…")
        rows.append(measure_size(size))
    progress(f"bench: mixed {MIXED_SIZE:,} articles…")
    mixed = measure_mixed()
    progress(f"bench: raw Reuters, {RAW_STORIES:,} stories…")
    raw = measure_raw_reuters()
    report(Measured(rows, pdf, mixed, raw, startup_seconds()))


if __name__ == "__main__":
    main(sys.argv[1:])
