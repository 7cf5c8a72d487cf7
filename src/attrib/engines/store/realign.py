"""Settling the matches after an addition: the candidate pairs a changed passage takes part
in, and the stored matches between unchanged passages whose candidacy the change took away."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from attrib.engines.local import align_pairs
from attrib.engines.store.codec import decode_prepared, encode_match
from attrib.engines.store.schema import in_batches
from attrib.match.shingles import ShingleIndex, build_index, index_pairs
from attrib.models import Match, Passage, split_passage_id
from attrib.options import Options
from attrib.pool import Track


def stored_shingles(db: sqlite3.Connection, article_ids: Sequence[str]) -> np.ndarray:
    query = "SELECT shingles FROM articles WHERE article_id IN ({})"
    rows = in_batches(db, query, article_ids)
    blobs = [np.frombuffer(blob, dtype=np.uint64) for (blob,) in rows]
    return np.unique(np.concatenate(blobs)) if blobs else np.empty(0, dtype=np.uint64)


def align_changed(
    db: sqlite3.Connection,
    changed: set[str],
    old_shingles: np.ndarray,
    slack: int,
    options: Options,
    track: Track,
) -> tuple[list[Match], int, int]:
    """Align every candidate pair with a changed passage, and settle pairs of unchanged
    passages whose candidacy the change may have moved. Returns the matches, how many pairs
    were aligned and how many stored matches lost their candidacy."""
    ids, counts, grams = _all_shingles(db)
    layout = PassageLayout.of(ids, counts)
    is_changed = np.array([a in changed for a in ids], dtype=bool)[layout.article_of]
    index = build_index(grams, layout.article_of)
    touched = _touched_passages(index, grams, is_changed, old_shingles, slack, options)
    pairs = index_pairs(index, options, focus=is_changed | touched)
    among_touched = touched[pairs[:, 0]] & touched[pairs[:, 1]]
    lost = _drop_lost_candidates(db, layout, pairs[among_touched], touched)
    todo = is_changed[pairs[:, 0]] | is_changed[pairs[:, 1]]
    if slack:  # a shingle in fewer articles than before may have made new candidates
        todo |= among_touched
    todo_pairs = pairs[todo]
    wanted = np.unique(todo_pairs)
    passages = _passages_at(db, layout, wanted)
    local = np.searchsorted(wanted, todo_pairs)
    found = align_pairs([passages[int(p)] for p in wanted], local, options, track)
    return found, len(todo_pairs), lost


def _all_shingles(db: sqlite3.Connection) -> tuple[list[str], list[int], list[np.ndarray]]:
    """Article ids in id order, passages per article, and every passage's shingles."""
    ids: list[str] = []
    counts: list[int] = []
    grams: list[np.ndarray] = []
    rows = db.execute(
        "SELECT article_id, shingles, shingle_counts FROM articles ORDER BY article_id"
    )
    for article_id, blob, encoded in rows:
        sizes = json.loads(encoded)
        ids.append(article_id)
        counts.append(len(sizes))
        if sizes:
            grams.extend(np.split(np.frombuffer(blob, dtype=np.uint64), np.cumsum(sizes)[:-1]))
    return ids, counts, grams


def _touched_passages(
    index: ShingleIndex,
    grams: Sequence[np.ndarray],
    is_changed: np.ndarray,
    old_shingles: np.ndarray,
    slack: int,
    options: Options,
) -> np.ndarray:
    """Unchanged passages holding a shingle whose count of articles crossed the cap.

    When articles were only added, that is a shingle now over the cap that was not before:
    its count less the new articles holding it. When some were replaced or prepared again
    (`slack` of them), each could also have taken one article away, so every shingle a changed
    article holds, now or before, within `slack` of the cap counts.
    """
    touched = np.zeros(len(grams), dtype=bool)
    if is_changed.all():
        return touched
    changed_now = [g for g, c in zip(grams, is_changed, strict=True) if c]
    in_changed = np.unique(np.concatenate([old_shingles, *changed_now]))
    cap = options.max_document_frequency
    if slack:
        crossed = in_changed[index.article_counts(in_changed) > cap - slack]
    else:
        over = in_changed[index.article_counts(in_changed) > cap]
        added = build_index(changed_now, index.article_of[is_changed]).article_counts(over)
        crossed = over[index.article_counts(over) - added <= cap]
    if len(crossed):
        holds = np.isin(index.hashes, crossed)
        touched = (np.bincount(index.owners[holds], minlength=len(grams)) > 0) & ~is_changed
    return touched


@dataclass(frozen=True)
class PassageLayout:
    """Where each stored article's passages sit in the corpus-wide numbering the candidate
    index uses (articles in id order, passages in order within each)."""

    ids: Sequence[str]
    first: np.ndarray  # each article's first position, then the number of passages
    number: dict[str, int]  # article id -> its place in `ids`
    article_of: np.ndarray  # each position's article, as its place in `ids`

    @classmethod
    def of(cls, ids: Sequence[str], counts: Sequence[int]) -> PassageLayout:
        return cls(
            ids=ids,
            first=np.cumsum([0, *counts]),
            number={article_id: n for n, article_id in enumerate(ids)},
            article_of=np.repeat(np.arange(len(ids)), counts),
        )

    def position(self, passage_id: str) -> int:
        article_id, index = split_passage_id(passage_id)
        return int(self.first[self.number[article_id]]) + index

    def articles_at(self, positions: np.ndarray) -> list[str]:
        """The ids of the articles these positions fall in, sorted, each once."""
        return sorted({self.ids[a] for a in np.unique(self.article_of[positions]).tolist()})


def _drop_lost_candidates(
    db: sqlite3.Connection,
    layout: PassageLayout,
    candidates_among_touched: np.ndarray,
    touched: np.ndarray,
) -> int:
    """Delete stored matches between touched passages that are no longer candidates."""
    if not touched.any():
        return 0
    candidates = set(map(tuple, candidates_among_touched.tolist()))
    lost = []
    query = "SELECT a, b FROM matches WHERE a_article IN ({})"
    for a, b in in_batches(db, query, layout.articles_at(np.flatnonzero(touched))):
        i, j = sorted(layout.position(pid) for pid in (a, b))
        if touched[i] and touched[j] and (i, j) not in candidates:
            lost.append((a, b))
    db.executemany("DELETE FROM matches WHERE a = ? AND b = ?", lost)
    return len(lost)


def _passages_at(
    db: sqlite3.Connection, layout: PassageLayout, positions: np.ndarray
) -> dict[int, Passage]:
    """The passages at these global positions, read from their articles' stored rows."""
    found: dict[int, Passage] = {}
    query = "SELECT article_id, prepared FROM articles WHERE article_id IN ({})"
    for article_id, encoded in in_batches(db, query, layout.articles_at(positions)):
        base = int(layout.first[layout.number[article_id]])
        for passage in decode_prepared(encoded).passages:
            found[base + passage.index] = passage
    return {int(p): found[int(p)] for p in positions.tolist()}


def store_matches(db: sqlite3.Connection, matches: Sequence[Match]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO matches VALUES (?, ?, ?, ?, ?)",
        [
            (m.a, m.b, split_passage_id(m.a)[0], split_passage_id(m.b)[0], encode_match(m))
            for m in matches
        ],
    )
