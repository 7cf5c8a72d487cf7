"""`make eval`: attrib on real text as it is distributed, hard-wrapped and OCR'd.

Raw Reuters-21578 (`../shared/data/reuters21578/`, development files `reut2-011` to `reut2-021`;
the first eleven are held out): each story's BODY exactly as the SGML carries it (entities
decoded, which drops the `&#3;` end-of-text mark; lines wrapped at ~70 characters, paragraphs
opened by an indent, the " Reuter" sign-off), with title and date, as the lines of one JSON
Lines feed. Reported:
- words kept: the share of body words that end up in the article's cleaned body, counting only
  running text (not table rows, nor the sign-off; both defined below without attrib's code);
- twins: pairs of stories whose bodies are the same text with at least one prose sentence
  (Reuters re-filed many): linked into one story, and the share of each twin's words that sit in
  passages matched to the other (the mean over twins, and how many reach 95%).

impresso (`../shared/data/impresso_passim_textreuse_1900/`, passim's reuse clusters on Swiss
French papers of 1900, OCR; clusters with even ids only, odd ones are held out): each newspaper
article is rebuilt from its reused passages in order, at their offsets (gaps become blank
lines), paper and date in a manifest. A two-paper cluster is found when the words of one
paper's passages that attrib matched to an article of the other paper's side of the cluster
hold at least 30% of passim's passage words on that side. Precision: links attrib makes
between papers that no even cluster covers; a seeded sample of 50 of them was read by hand and
judged in `bench/impresso_unclustered_links.jsonl`.

Usage: python bench/eval_real.py [--reuters FILE ...] [--clusters N] [--sample-links]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import itertools
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from attrib.engines.local import run_corpus
from attrib.models import CorpusResult
from attrib.options import Options

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REUTERS_DEV = tuple(f"reut2-{n:03d}.sgm.gz" for n in range(11, 22))
IMPRESSO = DATA / "impresso_passim_textreuse_1900" / "passim_clusters_1900.jsonl.gz"
LINK_VERDICTS = Path(__file__).resolve().parent / "impresso_unclustered_links.jsonl"
FOUND_SHARE = 0.30
TWIN_SHARE = 0.95

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
_WORD = re.compile(r"\w+")
# The eval's own notion of what is not running text, independent of attrib's rules: a sign-off
# line ("Reuter", "REUTER"), and a table row: a line with two or more numbers that are at least
# a third of its words ("Shr 39 cts vs 26 cts", "Net 3,466,000 vs
# 1,913,000"), or an indented label of three words or fewer without a full stop ("Year").
_SIGNOFF = re.compile(r"^\s*reuters?\s*$", re.I)
_NUMBER = re.compile(r"^[(<$-]*\d[\d.,/%)>-]*$")


# --- raw Reuters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RawStory:
    story_id: str
    title: str
    published: str
    body: str


def raw_stories(files: Sequence[str] = REUTERS_DEV) -> Iterator[RawStory]:
    """Every story with a BODY, the body as distributed (SGML entities decoded, nothing else)."""
    for name in files:
        with gzip.open(DATA / "reuters21578" / name, "rt", encoding="latin-1") as handle:
            sgml = handle.read()
        for new_id, raw in _STORY.findall(sgml):
            body = _BODY.search(raw)
            if body is None:
                continue
            title = _TITLE.search(raw)
            date = _DATE.search(raw)
            published = (
                f"{date.group(3)}-{_MONTHS[date.group(2)]:02d}-{int(date.group(1)):02d}"
                if date
                else ""
            )
            yield RawStory(
                f"r{new_id}",
                " ".join(html.unescape(title.group(1)).split()) if title else "",
                published,
                html.unescape(body.group(1)),
            )


def is_table_row(line: str) -> bool:
    words = line.split()
    numbers = sum(1 for word in words if _NUMBER.match(word))
    if numbers >= 2 and numbers * 3 >= len(words):
        return True
    return 0 < len(words) <= 3 and not line.rstrip().endswith(".") and line.startswith("    ")


def running_lines(body: str) -> list[tuple[int, int]]:
    """(start, end) of the body's lines that are running text: not blank, not the sign-off,
    not a table row."""
    spans = []
    position = 0
    for line in body.split("\n"):
        if line.strip() and not _SIGNOFF.match(line) and not is_table_row(line):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def write_reuters(folder: Path, stories: Sequence[RawStory]) -> None:
    """One JSON Lines feed, as an archive export would be: the lines of a feed are never
    skipped as copies of each other, and Reuters re-filed many stories word for word."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "reuters.jsonl", "w", encoding="utf-8") as handle:
        for story in stories:
            record = {
                "id": story.story_id,
                "text": story.body,
                "outlet": "Reuters",
                "published": story.published,
                "title": story.title,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class ReutersScores:
    stories: int
    words: int
    kept_share: float
    twin_pairs: int
    twins_linked: int
    twin_matched_share: float
    twins_at_95: int


def words_in(text: str) -> int:
    return len(_WORD.findall(text))


def kept_words(story: RawStory, result: CorpusResult) -> tuple[int, int]:
    """(running words, those inside a kept paragraph) of one story."""
    article = result.article(story.story_id)
    kept = [(p.raw_start, p.raw_end) for p in article.paragraphs] if article else []
    total = inside = 0
    for start, end in running_lines(story.body):
        count = words_in(story.body[start:end])
        total += count
        if any(s < end and start < e for s, e in kept):
            inside += count
    return total, inside


def is_prose_body(body: str) -> bool:
    """Whether the running text (table rows and sign-off aside) holds a sentence of five
    words or more ending in a full stop."""
    running = " ".join(body[start:end] for start, end in running_lines(body))
    sentences = re.findall(r"[^.!?]+[.!?](?=\s|$)", " ".join(running.split()))
    return any(len(sentence.split()) >= 5 for sentence in sentences)


def twins(stories: Sequence[RawStory]) -> list[tuple[str, str]]:
    by_body: dict[str, list[str]] = defaultdict(list)
    for story in stories:
        by_body[" ".join(story.body.split())].append(story.story_id)
    return [
        pair
        for body, ids in by_body.items()
        if len(ids) > 1 and is_prose_body(body)
        for pair in itertools.combinations(ids, 2)
    ]


def matched_share(first: str, second: str, story: RawStory, result: CorpusResult) -> float:
    """The share of `first`'s running words inside its passages matched to `second`'s."""
    article = result.article(first)
    matched = []
    for passage in result.passages_of(first):
        others = (
            m.b if m.a == passage.passage_id else m.a
            for m in result.matches_of.get(passage.passage_id, ())
        )
        if any(other.rpartition(":")[0] == second for other in others):
            matched.append(article.raw_span(passage.start, passage.end))
    total = inside = 0
    for start, end in running_lines(story.body):
        for word in _WORD.finditer(story.body, start, end):
            total += 1
            inside += any(s <= word.start() and word.end() <= e for s, e in matched)
    return inside / total if total else 1.0


def score_reuters(stories: Sequence[RawStory], result: CorpusResult) -> ReutersScores:
    totals = [kept_words(story, result) for story in stories]
    words = sum(t for t, _ in totals)
    by_id = {story.story_id: story for story in stories}
    pairs = twins(stories)
    story_of = result.story_of
    linked = [
        a for a, b in pairs if story_of.get(a) is not None and story_of.get(a) == story_of.get(b)
    ]
    shares = [
        share
        for a, b in pairs
        for share in (matched_share(a, b, by_id[a], result), matched_share(b, a, by_id[b], result))
    ]
    return ReutersScores(
        len(stories),
        words,
        sum(k for _, k in totals) / words if words else 0.0,
        len(pairs),
        len(linked),
        sum(shares) / len(shares) if shares else 0.0,
        sum(1 for s in shares if s >= TWIN_SHARE),
    )


def evaluate_reuters(
    files: Sequence[str] = REUTERS_DEV, options: Options | None = None
) -> ReutersScores:
    stories = list(raw_stories(files))
    with tempfile.TemporaryDirectory() as folder:
        write_reuters(Path(folder), stories)
        result = run_corpus(Path(folder), options or Options())
    return score_reuters(stories, result)


# --- impresso ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reuse:
    """One passage of a passim cluster, placed in the article rebuilt from its passages."""

    cluster: int
    article_id: str
    series: str
    start: int
    end: int


def read_clusters(even: bool = True, limit: int | None = None) -> list[dict]:
    """passim's passages of clusters with even (or odd) ids; the first `limit` clusters."""
    with gzip.open(IMPRESSO, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [row for row in rows if (row["cluster"] % 2 == 0) == even]
    if limit is not None:
        wanted = sorted({row["cluster"] for row in rows})[:limit]
        rows = [row for row in rows if row["cluster"] in set(wanted)]
    return rows


def rebuild_articles(rows: Sequence[dict]) -> tuple[dict[str, tuple[str, str, str]], list[Reuse]]:
    """Each article's text from its reused passages in order of their offsets, gaps as blank
    lines, an overlap taken once; (text, paper, date) per article and where each passage went."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_article[row["id"]].append(row)
    articles: dict[str, tuple[str, str, str]] = {}
    placed: list[Reuse] = []
    for article_id, passages in sorted(by_article.items()):
        text = ""
        covered = None  # passim offset where the rebuilt text ends
        for row in sorted(passages, key=lambda r: (r["begin"], r["end"])):
            begin, body = row["begin"], row["text"]
            if covered is not None and begin < covered:
                start = len(text) - (covered - begin)
                text += body[covered - begin :]
            else:
                text += "\n\n" if text else ""
                start = len(text)
                text += body
            covered = max(covered or 0, row["begin"] + len(body))
            placed.append(
                Reuse(row["cluster"], article_id, row["series"], start, start + len(body))
            )
        articles[article_id] = (text, passages[0]["series"], passages[0]["date"])
    return articles, placed


def write_impresso(folder: Path, articles: dict[str, tuple[str, str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "outlet", "published", "kind"])
        for article_id, (text, series, date) in articles.items():
            (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
            writer.writerow([f"{article_id}.txt", series, date, "outlet"])


@dataclass(frozen=True)
class ImpressoScores:
    clusters: int
    found_either: int
    found_both: int
    links_between_papers: int
    unclustered_links: int


def linked_spans(result: CorpusResult) -> dict[str, list[tuple[int, int, str]]]:
    """Per article, the raw spans of its passages with the article each is matched to."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    passages = result.passages_by_id
    articles = {a.article_id: a for a in result.articles}
    for match in result.matches:
        for mine, other in ((match.a, match.b), (match.b, match.a)):
            passage = passages[mine]
            start, end = articles[passage.article_id].raw_span(passage.start, passage.end)
            spans[passage.article_id].append((start, end, other.rpartition(":")[0]))
    return spans


def side_share(
    side: Sequence[Reuse],
    others: set[str],
    spans: dict[str, list[tuple[int, int, str]]],
    texts: dict[str, str],
) -> float:
    """Share of passim's words on one side that sit in attrib passages matched to `others`."""
    total = inside = 0
    for reuse in side:
        text = texts[reuse.article_id]
        covering = [(s, e) for s, e, other in spans.get(reuse.article_id, ()) if other in others]
        for word in _WORD.finditer(text, reuse.start, reuse.end):
            total += 1
            inside += any(s <= word.start() and word.end() <= e for s, e in covering)
    return inside / total if total else 0.0


def score_impresso(
    placed: Sequence[Reuse], texts: dict[str, str], result: CorpusResult
) -> tuple[ImpressoScores, list[tuple[str, str]]]:
    spans = linked_spans(result)
    by_cluster: dict[int, list[Reuse]] = defaultdict(list)
    for reuse in placed:
        by_cluster[reuse.cluster].append(reuse)
    clusters = either = both = 0
    for group in by_cluster.values():
        papers = sorted({r.series for r in group})
        if len(papers) != 2:
            continue
        clusters += 1
        shares = []
        for paper in papers:
            side = [r for r in group if r.series == paper]
            others = {r.article_id for r in group if r.series != paper}
            shares.append(side_share(side, others, spans, texts))
        either += max(shares) >= FOUND_SHARE
        both += min(shares) >= FOUND_SHARE
    unclustered = unclustered_links(placed, result)
    series = {a.article_id: a.outlet for a in result.articles}
    between = sum(
        1
        for m in result.matches
        if series[m.a.rpartition(":")[0]] != series[m.b.rpartition(":")[0]]
    )
    return ImpressoScores(clusters, either, both, between, len(unclustered)), unclustered


def unclustered_links(placed: Sequence[Reuse], result: CorpusResult) -> list[tuple[str, str]]:
    """Matches between two papers whose passages share no cluster (passim saw no reuse there)."""
    clusters_at: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for reuse in placed:
        clusters_at[reuse.article_id].append((reuse.start, reuse.end, reuse.cluster))
    passages = result.passages_by_id
    articles = {a.article_id: a for a in result.articles}

    def clusters_of(passage_id: str) -> set[int]:
        passage = passages[passage_id]
        start, end = articles[passage.article_id].raw_span(passage.start, passage.end)
        return {c for s, e, c in clusters_at[passage.article_id] if s < end and start < e}

    found = []
    for match in result.matches:
        a, b = articles[passages[match.a].article_id], articles[passages[match.b].article_id]
        if a.outlet != b.outlet and not clusters_of(match.a) & clusters_of(match.b):
            found.append((match.a, match.b))
    return sorted(found)


def evaluate_impresso(
    limit: int | None = None, options: Options | None = None
) -> tuple[ImpressoScores, list[tuple[str, str]], CorpusResult]:
    articles, placed = rebuild_articles(read_clusters(even=True, limit=limit))
    with tempfile.TemporaryDirectory() as folder:
        write_impresso(Path(folder), articles)
        result = run_corpus(Path(folder), options or Options())
    texts = {article_id: text for article_id, (text, _, _) in articles.items()}
    scores, unclustered = score_impresso(placed, texts, result)
    return scores, unclustered, result


def link_sample(
    unclustered: Sequence[tuple[str, str]], result: CorpusResult, size: int = 50
) -> list[dict]:
    passages = result.passages_by_id
    chosen = random.Random(1900).sample(list(unclustered), min(size, len(unclustered)))
    return [
        {"a": a, "b": b, "a_text": passages[a].text, "b_text": passages[b].text}
        for a, b in sorted(chosen)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", nargs="*", default=list(REUTERS_DEV))
    parser.add_argument("--clusters", type=int, default=None, help="first N even clusters")
    parser.add_argument("--sample-links", type=Path, help="write a sample of 50 unclustered links")
    args = parser.parse_args()
    began = time.perf_counter()
    reuters = evaluate_reuters(args.reuters)
    print(
        f"Raw Reuters-21578 ({len(args.reuters)} files, {reuters.stories:,} stories, "
        f"{reuters.words:,} running words), {time.perf_counter() - began:.0f} s"
    )
    print(f"  words kept            {reuters.kept_share:.3f}   (goal >= 0.95)")
    print(
        f"  identical prose twins {reuters.twins_linked}/{reuters.twin_pairs} linked   (goal: all)"
    )
    print(
        f"  twin words matched    {reuters.twin_matched_share:.3f} mean; "
        f"{reuters.twins_at_95}/{2 * reuters.twin_pairs} twins >= {TWIN_SHARE:.0%}"
    )
    began = time.perf_counter()
    impresso, unclustered, result = evaluate_impresso(args.clusters)
    print(
        f"impresso 1900, even clusters: {impresso.clusters:,} two-paper clusters, "
        f"{time.perf_counter() - began:.0f} s"
    )
    print(
        f"  found (one side >= {FOUND_SHARE:.0%})   {impresso.found_either / impresso.clusters:.4f}"
        f" ({impresso.found_either:,})   (goal >= 0.90)"
    )
    print(
        f"  found (both sides)        {impresso.found_both / impresso.clusters:.4f}"
        f" ({impresso.found_both:,})"
    )
    print(
        f"  links between papers {impresso.links_between_papers:,}, "
        f"with no even cluster {impresso.unclustered_links:,}"
    )
    if LINK_VERDICTS.exists():
        verdicts = [json.loads(line) for line in LINK_VERDICTS.read_text("utf-8").splitlines()]
        good = sum(1 for v in verdicts if v["verdict"] == "reuse")
        print(f"  read by hand: {good}/{len(verdicts)} unclustered links are real reuse")
    if args.sample_links:
        sample = link_sample(unclustered, result)
        args.sample_links.write_text(
            "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sample), "utf-8"
        )
        print(f"  wrote {len(sample)} links to {args.sample_links}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
