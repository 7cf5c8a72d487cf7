"""Adding articles to the store: index what is new or changed, prepare again the articles of
outlets whose repeated lines moved, and align every pair a changed passage takes part in."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import cast

from attrib.engines.local import prepare_articles
from attrib.engines.stages import refuse_skips
from attrib.engines.store.codec import article_row, encode_prepared
from attrib.engines.store.realign import align_changed, store_matches, stored_shingles
from attrib.engines.store.result import clear_conclusion
from attrib.engines.store.schema import in_batches, open_store
from attrib.ingest.corpus import claim_id, read_corpus
from attrib.ingest.metadata import file_of
from attrib.models import Article, PreparedArticle, Skipped
from attrib.options import FurnitureThresholds, Options
from attrib.pool import Track, no_progress
from attrib.text.clean import line_keys, repeated_line_floor


@dataclass(frozen=True)
class Addition:
    """What one `attrib add` did, for the message a user reads."""

    skipped: tuple[Skipped, ...]
    added: int
    replaced: int
    unchanged: int
    prepared_again: int
    pairs_aligned: int
    matches_found: int
    matches_dropped: int


def add_articles(
    path: Path,
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    options: Options,
    track: Track = no_progress,
) -> Addition:
    """Index new or changed articles and align every pair they take part in."""
    with open_store(path, options, create=True) as db:
        clear_conclusion(db)
        # Paths too: a file whose id another file took is stored under its path (`x.txt`).
        stored = _raw_articles(db, [i for a in articles for i in (a.article_id, a.path)])
        articles, skipped = _without_duplicates(articles, skipped, stored)
        refuse_skips(skipped, options)  # inside the transaction: the store stays as it was
        _record_skipped(db, skipped, {file_of(a.path) for a in articles})
        incoming = [a for a in articles if stored.get(a.article_id) != a]
        replaced = [stored[a.article_id] for a in incoming if a.article_id in stored]
        repeated, prepared_again = _update_outlet_lines(db, incoming, replaced, options)
        changed = sorted([*incoming, *prepared_again], key=lambda a: a.article_id)
        prepared = prepare_articles(changed, repeated, options, track)
        old_shingles = stored_shingles(db, [a.article_id for a in [*replaced, *prepared_again]])
        unchanged_again = _store_prepared(db, prepared, {a.article_id for a in prepared_again})
        changed_ids = {p.article.article_id for p in prepared} - unchanged_again
        dropped = _drop_matches_of(db, changed_ids)
        slack = len(replaced) + len(prepared_again) - len(unchanged_again)
        found, aligned, lost = align_changed(db, changed_ids, old_shingles, slack, options, track)
        store_matches(db, found)
        return Addition(
            skipped=tuple(skipped),
            added=len(incoming) - len(replaced),
            replaced=len(replaced),
            unchanged=len(articles) - len(incoming),
            prepared_again=len(prepared_again) - len(unchanged_again),
            pairs_aligned=aligned,
            matches_found=len(found),
            matches_dropped=dropped + lost,
        )


def add_corpus(path: Path, root: Path, options: Options, track: Track = no_progress) -> Addition:
    """`add_articles` for every article of a corpus folder (what `attrib add` does)."""
    articles, skipped = read_corpus(root, options, track)
    refuse_skips(skipped, options)  # before a new store's file is even created
    return add_articles(path, articles, skipped, options, track)


def _without_duplicates(
    articles: Sequence[Article], skipped: Sequence[Skipped], stored: dict[str, Article]
) -> tuple[list[Article], list[Skipped]]:
    """An id the store holds from another file is a duplicate, as in one run over both files
    (the first stays), except that a file keeps its extension in its id when another file took
    the id without it (`x.txt` beside `x.html`); from the same file, the article is a new
    version of itself. A copy of a stored article's text is an article of its own, as in one
    run; unlike one run, the same URL with the same text in two batches is kept twice."""
    kept: list[Article] = []
    duplicates: list[Skipped] = []
    for article in articles:
        taken = partial(_from_another_file, stored=stored, file=file_of(article.path))
        claimed = claim_id(article, taken)
        if isinstance(claimed, Skipped):
            duplicates.append(claimed)
        else:
            kept.append(claimed)
    return kept, [*skipped, *duplicates]


def _from_another_file(article_id: str, stored: Mapping[str, Article], file: str) -> str | None:
    """The path of the stored article holding `article_id`, unless it came from `file`: from
    the same file, an article is a new version of itself."""
    first = stored.get(article_id)
    return first.path if first is not None and file_of(first.path) != file else None


def _record_skipped(db: sqlite3.Connection, skipped: Sequence[Skipped], read: set[str]) -> None:
    """A file's skips are replaced by this addition's whenever the addition read the file: a
    file that now reads cleanly loses its old skips.

    A file that stops reading cleanly keeps the articles it gave before (the store never
    removes an article); build a new store to forget them.
    """
    touched = read | {file_of(s.path) for s in skipped}
    paths = [p for (p,) in db.execute("SELECT DISTINCT path FROM skipped")]
    db.executemany(
        "DELETE FROM skipped WHERE path = ?", [(p,) for p in paths if file_of(p) in touched]
    )
    db.executemany(
        "INSERT OR IGNORE INTO skipped VALUES (?, ?)", [(s.path, s.reason) for s in skipped]
    )


def _raw_articles(db: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, Article]:
    rows = in_batches(
        db, "SELECT article_id, raw FROM articles WHERE article_id IN ({})", article_ids
    )
    return {article_id: Article(**json.loads(raw)) for article_id, raw in rows}


def _update_outlet_lines(
    db: sqlite3.Connection,
    incoming: Sequence[Article],
    replaced: Sequence[Article],
    options: Options,
) -> tuple[dict[str, frozenset[str]], list[Article]]:
    """Each touched outlet's repeated lines after the addition, and the stored articles of
    outlets whose repeated lines changed (they must be prepared again)."""
    outlets = sorted({a.outlet for a in [*incoming, *replaced] if a.outlet})
    limits = options.furniture
    before = {outlet: _repeated_lines(db, outlet, limits) for outlet in outlets}
    counts: dict[tuple[str, str], int] = {}
    for sign, group in ((-1, replaced), (1, incoming)):
        for article in group:
            if article.outlet:
                for key in line_keys(article, options.reading):
                    counts[article.outlet, key] = counts.get((article.outlet, key), 0) + sign
    db.executemany(
        "INSERT INTO outlet_lines VALUES (?, ?, ?) "
        "ON CONFLICT (outlet, line) DO UPDATE SET articles = articles + excluded.articles",
        [(outlet, line, n) for (outlet, line), n in sorted(counts.items()) if n],
    )
    db.execute("DELETE FROM outlet_lines WHERE articles <= 0")
    new_ids = {a.article_id for a in incoming}
    after: dict[str, frozenset[str]] = {}
    again: list[Article] = []
    for outlet in outlets:
        # The table still holds the replaced articles, under their old outlets.
        size = (
            _outlet_size(db, outlet)
            - sum(1 for a in replaced if a.outlet == outlet)
            + sum(1 for a in incoming if a.outlet == outlet)
        )
        after[outlet] = _repeated_lines(db, outlet, limits, size)
        if after[outlet] != before[outlet]:
            rows = db.execute("SELECT raw FROM articles WHERE outlet = ?", (outlet,))
            stored = (Article(**json.loads(raw)) for (raw,) in rows)
            again.extend(a for a in stored if a.article_id not in new_ids)
    return after, again


def _outlet_size(db: sqlite3.Connection, outlet: str) -> int:
    row = db.execute("SELECT count(*) FROM articles WHERE outlet = ?", (outlet,)).fetchone()
    return cast(int, row[0])  # sqlite3's rows are untyped; count(*) is always an int


def _repeated_lines(
    db: sqlite3.Connection, outlet: str, limits: FurnitureThresholds, size: int | None = None
) -> frozenset[str]:
    floor = repeated_line_floor(_outlet_size(db, outlet) if size is None else size, limits)
    rows = db.execute(
        "SELECT line FROM outlet_lines WHERE outlet = ? AND articles >= ?", (outlet, floor)
    )
    return frozenset(line for (line,) in rows)


def _store_prepared(
    db: sqlite3.Connection, prepared: Sequence[PreparedArticle], again: set[str]
) -> set[str]:
    """Write prepared articles; returns the ids prepared again whose result did not change."""
    unchanged: set[str] = set()
    old = dict(
        in_batches(
            db, "SELECT article_id, prepared FROM articles WHERE article_id IN ({})", sorted(again)
        )
    )
    rows = []
    for p in prepared:
        article_id = p.article.article_id
        encoded = encode_prepared(p)
        if article_id in again and old.get(article_id) == encoded:
            unchanged.add(article_id)
            continue
        rows.append(article_row(p, encoded))
    db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return unchanged


def _drop_matches_of(db: sqlite3.Connection, article_ids: Iterable[str]) -> int:
    ids = sorted(article_ids)
    before = db.total_changes
    for column in ("a_article", "b_article"):
        list(in_batches(db, f"DELETE FROM matches WHERE {column} IN ({{}})", ids))
    return db.total_changes - before
