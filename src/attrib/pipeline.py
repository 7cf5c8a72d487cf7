"""Wire the stages together: files → articles → … → attributed passages.

`analyse` is the whole computation over articles already in memory (what `attrib diff` uses on
two files); `run_corpus` adds reading a folder. Both take a `track` function so a front end can
show progress over the slow stages without the library knowing about terminals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from attrib.align import align_passages, extend_to_neighbours
from attrib.attribute import attribute
from attrib.candidates import candidate_pairs
from attrib.clean import clean_corpus
from attrib.credits import detect_credits, load_wire_list
from attrib.errors import CorpusNotFound
from attrib.families import build_families, build_stories, linked_articles, within_stories
from attrib.ingest import read_corpus
from attrib.models import Article, CorpusResult, Match, Passage, Skipped
from attrib.options import Options
from attrib.segment import segment_article

T = TypeVar("T")
Track = Callable[[Iterable[T], str, int], Iterable[T]]


def no_progress(items: Iterable[T], description: str, total: int) -> Iterable[T]:
    return items


def align_candidates(
    passages: Sequence[Passage], options: Options, track: Track = no_progress
) -> tuple[Match, ...]:
    pairs = candidate_pairs(passages, options)
    matches = (
        align_passages(passages[i], passages[j], options)
        for i, j in track(pairs, "Aligning passages", len(pairs))
    )
    return tuple(m for m in matches if m is not None)


def by_pair(matches: Iterable[Match]) -> tuple[Match, ...]:
    return tuple(sorted(matches, key=lambda m: (m.a, m.b)))


def analyse(
    articles: Sequence[Article],
    options: Options,
    skipped: Sequence[Skipped] = (),
    track: Track = no_progress,
) -> CorpusResult:
    cleaned = sorted(clean_corpus(articles), key=lambda a: a.article_id)
    wires = load_wire_list()
    credits = {
        a.article_id: detect_credits(a, wires)
        for a in track(cleaned, "Reading credits", len(cleaned))
    }
    passages = tuple(p for a in cleaned for p in segment_article(a, options.language))
    article_ids = [a.article_id for a in cleaned]
    seeds = align_candidates(passages, options, track)
    stories = build_stories(article_ids, linked_articles(passages, seeds, options))
    seeds = within_stories(passages, seeds, stories)
    matches = by_pair([*seeds, *extend_to_neighbours(passages, seeds, options)])
    families = build_families(passages, matches)
    return CorpusResult(
        articles=tuple(cleaned),
        credits=credits,
        passages=passages,
        matches=matches,
        families=families,
        stories=stories,
        attributions=attribute(cleaned, credits, passages, matches, wires),
        skipped=tuple(skipped),
    )


def run_corpus(root: Path, options: Options, track: Track = no_progress) -> CorpusResult:
    if not root.exists():
        raise CorpusNotFound(str(root))
    if not root.is_dir():
        raise CorpusNotFound(str(root), "not a folder")
    articles, skipped = read_corpus(root, options)
    return analyse(articles, options, skipped, track)
