"""Find which passage pairs are worth aligning, without comparing every pair.

Passages are indexed by word shingles (n-grams of folded words, numbers kept), as in passim: a
shingle counts only when it appears in at least two articles and at most
`max_document_frequency`, so boilerplate and stock phrases ("said in a statement") never make
candidates, and work grows with the number of shared rare shingles, not with the square of the
corpus. A table row also has a shingle of its figures (`figures_shingle`). Two passages are
candidates when they share `min_shared_shingles` such shingles (or all of the shorter one's):
a count of shared shingles, not a Jaccard ratio, because a wire sentence sits inside an
outlet's longer rewrite.

The index is a sort, not a dictionary: every (shingle, passage) posting goes into two numpy
arrays sorted by shingle, and pairs are counted in blocks of first passages, so memory holds
the postings once plus one block's pair occurrences, whatever the corpus size. Shingle hashes
are stable 64-bit values (a keyed hash of each word, mixed along the n-gram), so every process,
every run and every engine (the local pool, Spark executors, the incremental store) computes
the same ones. Complexity: O(P log P) for P postings, plus the sum over kept shingles of
postings²; the cap counts articles, so a shingle an article repeats in many passages (a live
blog) gives more postings than the cap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from attrib.models import Passage
from attrib.options import Options
from attrib.text.tokens import tokenize

Shingles = npt.NDArray[np.uint64]  # sorted unique hashes of one passage's word n-grams

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_WORD_HASHES: dict[str, int] = {}
# Pair occurrences generated per block: ~8 bytes each, a few copies while sorting.
OCCURRENCES_PER_BLOCK = 4_000_000


def word_hash(word: str) -> int:
    """A stable 64-bit hash of a folded word (Python's own string hash is salted per process)."""
    value = _WORD_HASHES.get(word)
    if value is None:
        digest = hashlib.blake2b(word.encode(), digest_size=8, person=b"attrib-w").digest()
        value = _WORD_HASHES[word] = int.from_bytes(digest, "little")
    return value


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: spreads the bits of a polynomial combination."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def shingles(words: Sequence[str], size: int) -> Shingles:
    """Hashes of a passage's word n-grams (one for the whole passage if it is shorter than n)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    combined = np.zeros(len(words) - width + 1, dtype=np.uint64)
    for k in range(width):
        combined = combined * _MULTIPLIER + hashes[k : len(words) - width + 1 + k]
    return np.unique(_mix(combined + np.uint64(width)))


_FIGURES_TAG = np.uint64(0xF16)


def figures_shingle(figures: Sequence[str]) -> np.ndarray:
    """The extra shingle of a table row: a hash of its figures. A row is short (`Oper net 13.5
    mln vs 11.7 mln` shares one word 3-gram with `Oper net 13.5 million vs 11.7 million`, too
    few to pair them) and its figures are what make it the same row (`align.same_table_row`)."""
    combined = np.zeros(1, dtype=np.uint64)  # arrays wrap around silently, scalars warn
    for figure in figures:
        combined = combined * _MULTIPLIER + np.uint64(word_hash(figure))
    return _mix(combined + _FIGURES_TAG)


def passage_shingles(passage: Passage, size: int) -> Shingles:
    tokens = tokenize(passage.text)
    grams = shingles(tokens.words, size)
    if passage.table and tokens.figures:
        return np.union1d(grams, figures_shingle(tokens.figures))
    return grams


def article_shingles(passages: Sequence[Passage], size: int) -> tuple[Shingles, ...]:
    """`passage_shingles` for every passage of an article in a few array operations over all
    its words at once (per-passage numpy calls cost more than the hashing): windows that
    cross a passage boundary are dropped, a passage shorter than `size` is one shingle, and a
    row of figures has its `figures_shingle` too."""
    tokens = [tokenize(p.text) for p in passages]
    words = [t.words for t in tokens]
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    total = int(lengths.sum())
    flat = np.fromiter((word_hash(w) for ws in words for w in ws), dtype=np.uint64, count=total)
    first_word = np.cumsum(lengths) - lengths
    long = lengths >= size
    values, owners = [], []
    if long.any() and total >= size:
        combined = np.zeros(total - size + 1, dtype=np.uint64)
        for k in range(size):
            combined = combined * _MULTIPLIER + flat[k : total - size + 1 + k]
        windows = np.where(long, lengths - size + 1, 0)
        owner = np.repeat(np.arange(len(passages)), windows)
        start = np.repeat(first_word, windows) + (
            np.arange(int(windows.sum())) - np.repeat(np.cumsum(windows) - windows, windows)
        )
        values.append(_mix(combined[start] + np.uint64(size)))
        owners.append(owner)
    for k in np.flatnonzero(~long & (lengths > 0)).tolist():
        values.append(shingles(words[k], size))
        owners.append(np.full(1, k))
    for k, passage in enumerate(passages):
        if passage.table and tokens[k].figures:
            values.append(figures_shingle(tokens[k].figures))
            owners.append(np.full(1, k))
    if not values:
        return tuple(np.empty(0, dtype=np.uint64) for _ in passages)
    value, owner = np.concatenate(values), np.concatenate(owners)
    order = np.lexsort((value, owner))
    value, owner = value[order], owner[order]
    keep = np.ones(len(value), dtype=bool)
    keep[1:] = (value[1:] != value[:-1]) | (owner[1:] != owner[:-1])
    value, owner = value[keep], owner[keep]
    counts = np.bincount(owner, minlength=len(passages))
    return tuple(np.split(value, np.cumsum(counts)[:-1]))


def candidate_pairs(passages: Sequence[Passage], options: Options) -> npt.NDArray[np.intp]:
    """Pairs (i < j) of positions in `passages`, from different articles, sharing enough rare
    shingles, as an (n, 2) array sorted by (i, j): alignment sees them in a fixed order."""
    articles = article_numbers([p.article_id for p in passages])
    grouped = np.argsort(articles, kind="stable")  # the index wants articles' passages together
    grams = [passage_shingles(passages[k], options.shingle_size) for k in grouped]
    pairs: npt.NDArray[np.intp] = grouped[pairs_from_shingles(grams, articles[grouped], options)]
    pairs.sort(axis=1)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def article_numbers(article_ids: Sequence[str]) -> np.ndarray:
    """Each passage's article as a number, in order of first appearance."""
    numbers: dict[str, int] = {}
    return np.array([numbers.setdefault(a, len(numbers)) for a in article_ids], dtype=np.int64)


@dataclass(frozen=True)
class ShingleIndex:
    """Every (shingle, passage) posting sorted by shingle then passage, with each shingle's
    group boundaries and the number of articles that hold it. Built once per search and read
    both for candidate pairs and for how many articles hold given shingles."""

    hashes: np.ndarray  # posting shingles, sorted
    owners: np.ndarray  # posting passages, sorted within a shingle
    starts: np.ndarray  # where each shingle's group begins...
    ends: np.ndarray  # ...and ends
    articles: np.ndarray  # articles holding each shingle
    sizes: np.ndarray  # shingles per passage
    article_of: np.ndarray  # article number per passage

    def article_counts(self, among: np.ndarray) -> np.ndarray:
        """How many articles hold each shingle of `among` (0 for shingles not indexed)."""
        return ShingleFrequency(self.hashes[self.starts], self.articles).of(among, missing=0)


@dataclass(frozen=True)
class ShingleFrequency:
    """How many articles hold each shingle found in two or more: what tells a stock phrase
    from text with one source once alignment is done (`families.common_source_matches`).
    Shingles held by one article are left out; they are shared by no match."""

    keys: np.ndarray  # sorted unique shingles
    articles: np.ndarray  # articles holding each

    @classmethod
    def of_index(cls, index: ShingleIndex) -> ShingleFrequency:
        shared = index.articles >= 2
        return cls(index.hashes[index.starts][shared], index.articles[shared])

    @classmethod
    def of_articles(
        cls, articles: Iterable[Sequence[Shingles]], least: int = 2
    ) -> ShingleFrequency:
        """From each article's passage shingles, as an engine that kept them has them; only
        shingles held by `least` articles or more."""
        held = [np.unique(np.concatenate(grams)) for grams in articles if len(grams)]
        if not held:
            return cls(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64))
        keys, counts = np.unique(np.concatenate(held), return_counts=True)
        kept = counts >= least
        return cls(keys[kept], counts[kept])

    def of(self, among: np.ndarray, missing: int = 1) -> np.ndarray:
        """Articles holding each shingle of `among`; `missing` for one the table leaves out
        (by default one article: a shingle no two articles share)."""
        if not len(self.keys):
            return np.full(len(among), missing, dtype=np.int64)
        where = np.minimum(np.searchsorted(self.keys, among), len(self.keys) - 1)
        return np.where(self.keys[where] == among, self.articles[where], missing)


def build_index(grams: Sequence[Shingles], article_of: np.ndarray) -> ShingleIndex:
    """The index of passages grouped by article (`article_of` never decreases)."""
    sizes = np.fromiter((len(g) for g in grams), dtype=np.int64, count=len(grams))
    hashes = np.concatenate(grams) if len(grams) else np.empty(0, dtype=np.uint64)
    owners = np.repeat(np.arange(len(grams), dtype=np.int64), sizes)
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    new_group = np.ones(len(hashes), dtype=bool)
    new_group[1:] = hashes[1:] != hashes[:-1]
    starts = np.flatnonzero(new_group)
    articles = article_of[owners]
    new_article = new_group.copy()
    new_article[1:] |= articles[1:] != articles[:-1]
    held_by = np.add.reduceat(new_article.astype(np.int64), starts) if len(starts) else starts
    ends = np.append(starts[1:], len(hashes)) if len(starts) else starts
    return ShingleIndex(hashes, owners, starts, ends, held_by, sizes, article_of)


# The two candidate rules, written once for every engine: the local engine applies them to
# numpy arrays of counts, Spark to the counts of one shingle or one pair at a time.


def counted_shingle(articles: Any, options: Options) -> Any:
    """Whether a shingle held by `articles` distinct articles makes candidates: two at least,
    and no more than `max_document_frequency`, past which it is a stock phrase."""
    return (articles >= 2) & (articles <= options.max_document_frequency)


def shared_enough(shared: Any, smaller: Any, options: Options) -> Any:
    """Whether two passages sharing `shared` counted shingles are candidates: at least
    `min_shared_shingles`, or all of the shorter passage's (`smaller` shingles)."""
    return shared >= np.minimum(options.min_shared_shingles, smaller)


def pairs_from_shingles(
    grams: Sequence[Shingles],
    article_of: np.ndarray,
    options: Options,
    focus: np.ndarray | None = None,
) -> np.ndarray:
    """Candidate pairs from each passage's shingles and article number, for passages grouped
    by article (`article_of` never decreases); see `candidate_pairs` and `index_pairs`."""
    return index_pairs(build_index(grams, article_of), options, focus)


def index_pairs(
    index: ShingleIndex, options: Options, focus: np.ndarray | None = None
) -> np.ndarray:
    """Candidate pairs from an index, as an (n, 2) array sorted by (i, j).

    With `focus` (a mask over passages), only the pairs with a focused passage, found from
    only the shingles a focused passage holds: all a pair's shared shingles are its
    passages' own, so those pairs are exactly the ones a full search gives, for a fraction of
    the work when few passages are new.
    """
    blocks = list(candidate_blocks(index, options, focus))
    return np.concatenate(blocks) if blocks else np.empty((0, 2), dtype=np.int64)


def candidate_blocks(
    index: ShingleIndex, options: Options, focus: np.ndarray | None = None
) -> Iterator[np.ndarray]:
    """Candidate pairs in blocks of first passage, each block an (n, 2) array in order."""
    passages = len(index.sizes)
    first, end = _kept_postings(index, options, focus)
    # A kept posting at sorted position p pairs with the later postings of its shingle,
    # p+1..end-1; `partners` counts them and, summed per passage, sizes the blocks.
    partners = end - first - 1
    owners = index.owners
    per_passage = np.bincount(owners[first], weights=partners, minlength=passages)
    for low, high in _blocks(np.cumsum(per_passage)):
        in_block = (owners[first] >= low) & (owners[first] < high)
        pairs = _pairs_in(first[in_block], partners[in_block], owners, index.article_of)
        shared = _shared_counts(pairs, passages)
        if shared is None:
            continue
        keys, counts = shared
        i, j = keys // passages, keys % passages
        smaller = np.minimum(index.sizes[i], index.sizes[j])
        enough = shared_enough(counts, smaller, options)
        if focus is not None:
            enough &= focus[i] | focus[j]
        yield np.stack([i[enough], j[enough]], axis=1)


def _kept_postings(
    index: ShingleIndex, options: Options, focus: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of postings whose shingle is counted (`counted_shingle`; with `focus`, held
    by a focused passage too), and where each posting's shingle group ends."""
    kept = counted_shingle(index.articles, options)
    if focus is not None and len(index.starts):
        kept &= np.add.reduceat(focus[index.owners].astype(np.int64), index.starts) > 0
    group_of = np.repeat(np.arange(len(index.starts)), index.ends - index.starts)
    positions = np.flatnonzero(kept[group_of])
    return positions, index.ends[group_of[positions]]


def _blocks(cumulative: np.ndarray) -> Iterator[tuple[int, int]]:
    """Ranges of first passages whose pair occurrences stay under the block budget."""
    low = 0
    total = len(cumulative)
    while low < total:
        base = cumulative[low - 1] if low else 0
        high = int(np.searchsorted(cumulative, base + OCCURRENCES_PER_BLOCK, side="right"))
        high = max(high, low + 1)
        yield low, min(high, total)
        low = high


def _pairs_in(
    first: np.ndarray, partners: np.ndarray, owners: np.ndarray, article_of: np.ndarray
) -> np.ndarray:
    """(i, j) passage pairs, one per shared kept shingle, from different articles."""
    a = np.repeat(first, partners)
    offsets = np.arange(len(a), dtype=np.int64) - np.repeat(
        np.cumsum(partners) - partners, partners
    )
    b = a + 1 + offsets
    i, j = owners[a], owners[b]
    other_article = article_of[i] != article_of[j]
    return np.stack([i[other_article], j[other_article]], axis=1)


def _shared_counts(pairs: np.ndarray, passages: int) -> tuple[np.ndarray, np.ndarray] | None:
    if not len(pairs):
        return None
    return np.unique(pairs[:, 0] * passages + pairs[:, 1], return_counts=True)
