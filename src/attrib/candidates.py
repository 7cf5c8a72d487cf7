"""Find which passage pairs are worth aligning, without comparing every pair.

An inverted index from word shingles (n-grams of folded words, numbers kept) to the passages
holding them, as in passim: a shingle is used only when it appears in at least two articles and
at most `max_document_frequency`, so boilerplate and stock phrases never make candidates, and
work grows with the number of shared rare shingles, not with the square of the corpus.
Complexity: O(total shingles + sum over kept shingles of postings²), postings ≤ the cap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from attrib.align import tokenize
from attrib.models import Passage
from attrib.options import Options


def shingles(words: Sequence[str], size: int) -> set[int]:
    """Hashes of the passage's word n-grams (the whole passage if it is shorter than n).

    Python's string hash is salted per process, which is fine here: hashes are compared only
    within one process and never reach an output.
    """
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1)}


def build_index(passages: Sequence[Passage], size: int) -> tuple[dict[int, list[int]], list[int]]:
    """Postings (passage positions) per shingle, and each passage's shingle count."""
    index: dict[int, list[int]] = defaultdict(list)
    counts: list[int] = []
    for position, passage in enumerate(passages):
        grams = shingles(tokenize(passage.text).words, size)
        counts.append(len(grams))
        for gram in grams:
            index[gram].append(position)
    return index, counts


def candidate_pairs(passages: Sequence[Passage], options: Options) -> list[tuple[int, int]]:
    """Pairs (i < j) of positions in `passages`, from different articles, sharing enough rare
    shingles; sorted, so the alignment stage sees them in a deterministic order."""
    index, counts = build_index(passages, options.shingle_size)
    article_of = [p.article_id for p in passages]
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        if len(postings) < 2:  # most shingles: one passage, nothing to pair
            continue
        articles = {article_of[p] for p in postings}
        if not 2 <= len(articles) <= options.max_document_frequency:
            continue
        shared.update(_cross_article_pairs(postings, article_of))
    return sorted(
        pair
        for pair, count in shared.items()
        if count >= min(options.min_shared_shingles, counts[pair[0]], counts[pair[1]])
    )


def _cross_article_pairs(
    postings: Sequence[int], article_of: Sequence[str]
) -> Iterable[tuple[int, int]]:
    ordered = sorted(postings)
    for n, i in enumerate(ordered):
        for j in ordered[n + 1 :]:
            if article_of[i] != article_of[j]:
                yield i, j
