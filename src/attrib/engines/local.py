"""Wire the stages together: files → articles → … → attributed passages.

`analyse` is the whole computation over articles already in memory (what `attrib diff` uses on
two files); `run_corpus` adds reading a folder. Both take a `track` function so a front end can
show progress over the slow stages without the library knowing about terminals.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from attrib.engines.pooled import extend_on_workers
from attrib.engines.stages import align_pair, conclude, prepare_article, refuse_skips
from attrib.errors import ArticleNotFound
from attrib.ingest.copies import text_key
from attrib.ingest.corpus import read_article, read_corpus
from attrib.match.shingles import ShingleFrequency, build_index, index_pairs
from attrib.models import Article, CorpusResult, Match, Passage, PreparedArticle, Skipped
from attrib.options import Options, ReadingThresholds
from attrib.pool import Track, in_pool, no_progress, worker_count
from attrib.text.clean import line_keys, repeated_lines
from attrib.text.wires import load_wire_list

ARTICLES_PER_TASK = 200
PAIRS_PER_TASK = 5_000


def _prepare_range(
    shared: tuple[Sequence[Article], dict[str, frozenset[str]], Options], span: range
) -> list[PreparedArticle]:
    """Prepared articles without their raw text, which the parent already holds: sent back,
    a corpus's text would cross the pipe and sit in memory twice."""
    articles, repeated, options = shared
    wires = load_wire_list()
    prepared = (
        prepare_article(a, repeated.get(a.outlet, frozenset()), options, wires)
        for a in (articles[k] for k in span)
    )
    return [replace(p, article=replace(p.article, article=_TEXT_LEFT_BEHIND)) for p in prepared]


_TEXT_LEFT_BEHIND = Article(article_id="", path="", text="")


def _with_article(prepared: PreparedArticle, article: Article) -> PreparedArticle:
    return replace(prepared, article=replace(prepared.article, article=article))


def _line_keys_range(
    shared: tuple[Sequence[Article], ReadingThresholds], span: range
) -> list[tuple[str, set[str]]]:
    articles, reading = shared
    return [(a.outlet, line_keys(a, reading)) for a in (articles[k] for k in span) if a.outlet]


def prepare_corpus(
    articles: Sequence[Article], options: Options, track: Track = no_progress
) -> list[PreparedArticle]:
    """Every article cleaned, credited, segmented and shingled, in article id order."""
    ordered = sorted(articles, key=lambda a: a.article_id)
    shared = (ordered, options.reading)
    keyed = in_pool(_line_keys_range, shared, _spans(len(ordered)), worker_count(options.workers))
    repeated = repeated_lines((k for chunk in keyed for k in chunk), options.furniture)
    return prepare_articles(ordered, repeated, options, track)


def _spans(count: int) -> list[range]:
    """Positions 0 to `count` in runs of `ARTICLES_PER_TASK`, the tasks of a stage over
    articles."""
    return [range(k, min(k + ARTICLES_PER_TASK, count)) for k in range(0, count, ARTICLES_PER_TASK)]


def prepare_articles(
    articles: Sequence[Article],
    repeated: dict[str, frozenset[str]],
    options: Options,
    track: Track = no_progress,
) -> list[PreparedArticle]:
    """`prepare_article` over every article, in their order, given each outlet's repeated
    lines."""
    load_wire_list()  # compiled once here, inherited by forked workers
    done = in_pool(
        _prepare_range,
        (articles, repeated, options),
        _spans(len(articles)),
        worker_count(options.workers),
        track,
        "Preparing articles",
    )
    prepared = (p for chunk in done for p in chunk)
    return [_with_article(p, a) for p, a in zip(prepared, articles, strict=True)]


def _align_chunk(shared: tuple[Sequence[Passage], Options], pairs: np.ndarray) -> list[Match]:
    passages, options = shared
    found = (align_pair(passages[i], passages[j], options) for i, j in pairs.tolist())
    return [m for m in found if m is not None]


def align_candidates(
    prepared: Sequence[PreparedArticle], options: Options, track: Track = no_progress
) -> tuple[list[Match], ShingleFrequency]:
    """Every candidate pair aligned, on all cores when there is enough work to share, and how
    many articles hold each shingle, which the candidate index counted."""
    passages = [p for a in prepared for p in a.passages]
    grams = [g for a in prepared for g in a.shingles]
    articles = np.repeat(np.arange(len(prepared)), [len(a.passages) for a in prepared])
    index = build_index(grams, articles)
    pairs = index_pairs(index, options)
    frequency = ShingleFrequency.of_index(index)
    del index  # the postings are the largest thing in memory; alignment does not need them
    return align_pairs(passages, pairs, options, track), frequency


def align_pairs(
    passages: Sequence[Passage], pairs: np.ndarray, options: Options, track: Track = no_progress
) -> list[Match]:
    """The matches among `pairs` (positions in `passages`), in pair order."""
    chunks = [pairs[k : k + PAIRS_PER_TASK] for k in range(0, len(pairs), PAIRS_PER_TASK)]
    done = in_pool(
        _align_chunk,
        (passages, options),
        chunks,
        worker_count(options.workers),
        track,
        "Aligning pairs",
    )
    return [m for chunk in done for m in chunk]


def analyse(
    articles: Sequence[Article],
    options: Options,
    skipped: Sequence[Skipped] = (),
    track: Track = no_progress,
    focus: Collection[str] | None = None,
) -> CorpusResult:
    """The whole computation over articles in memory. With `focus`, every article still
    informs cleaning (an outlet's repeated lines), but only the focused ones are aligned."""
    prepared = prepare_corpus(articles, options, track)
    everyone = None
    if focus is not None:
        # How common a text is, is the whole corpus's to say, not the focused articles'.
        everyone = ShingleFrequency.of_articles(p.shingles for p in prepared)
        prepared = [p for p in prepared if p.article.article_id in focus]
    seeds, frequency = align_candidates(prepared, options, track)
    frequency = everyone or frequency
    prepared = [replace(p, shingles=()) for p in prepared]  # the index is done with them
    return conclude(
        prepared, seeds, options, skipped, frequency=frequency, extend=extend_on_workers
    )


def run_corpus(root: Path, options: Options, track: Track = no_progress) -> CorpusResult:
    # The wire list takes seconds to compile: done while the workers read, the workers that
    # prepare the articles inherit it.
    articles, skipped = read_corpus(root, options, track, meanwhile=load_wire_list)
    refuse_skips(skipped, options)
    return analyse(articles, options, skipped, track)


def article_read_from(result: CorpusResult, path: Path, options: Options) -> str | None:
    """The id of the run's article read from the file at `path`, when that file still holds
    the article's text word for word; None for a file the run did not read, or one that
    changed since (the same name elsewhere is not the same article)."""
    found = result.article_at(str(path))
    if found is None:
        return None
    stored = result.article(found).article.text
    return found if text_key(read_article(path, options).text) == text_key(stored) else None


def analyse_file(path: Path, options: Options) -> tuple[CorpusResult, str]:
    """One article file analysed alone (what `attrib show FILE` does with a file no run read):
    its origins come from its own credits only. Returns the result and the article's id."""
    article = read_article(path, options)
    return analyse([article], options), article.article_id


def compare_two(
    first: str, second: str, options: Options, corpus: Path | None = None
) -> tuple[CorpusResult, str, str]:
    """Two articles aligned with each other alone: files, or ids in `corpus`.

    Returns the result and the two article ids (the second renamed if both files share one).
    """
    if corpus is not None:
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
