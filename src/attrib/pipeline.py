"""Wire the stages together: files → articles → … → attributed passages.

`analyse` is the whole computation over articles already in memory (what `attrib diff` uses on
two files); `run_corpus` adds reading a folder. Both take a `track` function so a front end can
show progress over the slow stages without the library knowing about terminals.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from attrib.align import align_passages, extend_to_neighbours
from attrib.attribute import attribute
from attrib.candidates import candidate_pairs
from attrib.clean import clean_corpus
from attrib.credits import detect_credits, load_wire_list
from attrib.errors import ArticleNotFound, CorpusNotFound
from attrib.families import build_families, build_stories, kept_matches, link_articles
from attrib.ingest import read_article, read_corpus
from attrib.models import Article, CorpusResult, Match, Passage, Skipped
from attrib.options import Options
from attrib.segment import segment_article

T = TypeVar("T")
Track = Callable[[Iterable[T], str, int], Iterable[T]]


def no_progress(items: Iterable[T], description: str, total: int) -> Iterable[T]:
    return items


PAIRS_PER_TASK = 5_000
# Set only around a pool's life: forked workers read the passages from here instead of having
# them pickled into every task.
_WORK: tuple[Sequence[Passage], Options] | None = None


def _align_pairs(pairs: Sequence[tuple[int, int]]) -> list[Match]:
    assert _WORK is not None, "alignment workers must be forked from align_candidates"
    return _align_pairs_in(*_WORK, pairs)


def worker_count(options: Options) -> int:
    return options.workers or os.cpu_count() or 1


def align_candidates(
    passages: Sequence[Passage], options: Options, track: Track = no_progress
) -> tuple[Match, ...]:
    """Align every candidate pair, on all cores when there is enough work to share.

    Chunks come back in order, so the result is the same whatever the number of workers.
    """
    global _WORK
    pairs = candidate_pairs(passages, options)
    chunks = [pairs[k : k + PAIRS_PER_TASK] for k in range(0, len(pairs), PAIRS_PER_TASK)]
    workers = min(worker_count(options), len(chunks))
    if workers <= 1:
        done = (_align_pairs_in(passages, options, chunk) for chunk in chunks)
        return tuple(m for found in track(done, "Aligning passages", len(chunks)) for m in found)
    _WORK = (passages, options)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            done = pool.map(_align_pairs, chunks)  # submits, so forks, before any progress thread
            found = [m for chunk in track(done, "Aligning passages", len(chunks)) for m in chunk]
    finally:
        _WORK = None
    return tuple(found)


def _align_pairs_in(
    passages: Sequence[Passage], options: Options, pairs: Sequence[tuple[int, int]]
) -> list[Match]:
    found = (align_passages(passages[i], passages[j], options) for i, j in pairs)
    return [m for m in found if m is not None]


def by_pair(matches: Iterable[Match]) -> tuple[Match, ...]:
    return tuple(sorted(matches, key=lambda m: (m.a, m.b)))


def analyse(
    articles: Sequence[Article],
    options: Options,
    skipped: Sequence[Skipped] = (),
    track: Track = no_progress,
    focus: Collection[str] | None = None,
) -> CorpusResult:
    """The whole computation over articles in memory. With `focus`, every article still
    informs cleaning (an outlet's repeated lines), but only the focused ones are aligned."""
    cleaned = sorted(clean_corpus(articles), key=lambda a: a.article_id)
    if focus is not None:
        cleaned = [a for a in cleaned if a.article_id in focus]
    wires = load_wire_list()
    credits = {
        a.article_id: detect_credits(a, wires)
        for a in track(cleaned, "Reading credits", len(cleaned))
    }
    passages = tuple(p for a in cleaned for p in segment_article(a, options.language))
    article_ids = [a.article_id for a in cleaned]
    seeds = align_candidates(passages, options, track)
    wire_copy = {a.article_id for a in cleaned if a.is_wire_copy}
    links = link_articles(passages, seeds, options, wire_copy)
    stories = build_stories(article_ids, links.same_story)
    seeds = kept_matches(passages, seeds, stories, links.borrowed)
    matches = by_pair([*seeds, *extend_to_neighbours(passages, seeds, options)])
    families = build_families(passages, matches)
    return CorpusResult(
        articles=tuple(cleaned),
        credits=credits,
        passages=passages,
        matches=matches,
        families=families,
        stories=stories,
        attributions=attribute(
            cleaned, credits, passages, matches, wires, stories, options.calibrate
        ),
        skipped=tuple(skipped),
    )


def run_corpus(root: Path, options: Options, track: Track = no_progress) -> CorpusResult:
    if not root.exists():
        raise CorpusNotFound(str(root))
    if not root.is_dir():
        raise CorpusNotFound(str(root), "not a folder")
    articles, skipped = read_corpus(
        root, options, lambda files: track(files, "Reading articles", len(files))
    )
    return analyse(articles, options, skipped, track)


def compare_two(
    first: str, second: str, options: Options, corpus: Path | None = None
) -> tuple[CorpusResult, str, str]:
    """Two articles aligned with each other alone: files, or ids in `corpus`.

    Returns the result and the two article ids (the second renamed if both files share one).
    """
    if corpus is not None:
        if not corpus.is_dir():
            raise CorpusNotFound(str(corpus))
        articles, skipped = read_corpus(corpus, options)
        known = {a.article_id for a in articles}
        for article_id in (first, second):
            if article_id not in known:
                raise ArticleNotFound(article_id)
        return analyse(articles, options, skipped, focus={first, second}), first, second
    a = read_article(Path(first), options)
    b = read_article(Path(second), options)
    if a.article_id == b.article_id:
        b = replace(b, article_id=f"{b.article_id} (2)")
    return analyse([a, b], options), a.article_id, b.article_id
