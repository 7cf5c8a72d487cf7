"""A run's result kept in the store's format, so that every view reads the finished run.

`attrib run` writes its whole result (articles with their text, passages, credits, matches,
families, stories, attributions and what was skipped) into `attrib.db` beside the CSVs;
`attrib show`, `summary`, `report` and `diff` read it back without the corpus and without
concluding again. A store built by `attrib add` holds the same tables: `conclude_store` keeps
its latest conclusion there, and each addition clears it, since it no longer holds.
A run's file holds no shingle index (the run is done with it), so nothing can be added to it.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import numpy as np

from attrib.engines.pooled import extend_on_workers
from attrib.engines.stages import conclude, refuse_skips
from attrib.engines.store.codec import article_row, decode_match, decode_prepared
from attrib.engines.store.schema import (
    NO_INDEX,
    SCHEMA,
    open_store,
    refuse_other_schema,
    refuse_result_file,
    sqlite_errors,
    stored_options,
    stored_settings,
)
from attrib.errors import StoreError
from attrib.match.shingles import ShingleFrequency
from attrib.models import (
    Attribution,
    CorpusResult,
    Family,
    Match,
    PreparedArticle,
    Skipped,
    Story,
)
from attrib.options import Options

RESULT_TABLES = ("result_matches", "families", "stories", "attributions")
# meta keys: `result` is "current" while the result tables hold the conclusion over what the
# file holds now; `index` is "absent" in a run's file, which keeps no shingles or seed matches.
CURRENT = "current"


def conclude_store(path: Path, options: Options) -> CorpusResult:
    """The run's result over everything in the store, kept in it for the views to read unless
    an addition came in while it was concluded (then it describes an older store)."""
    with open_store(path, options, create=False) as db:
        refuse_result_file(db, path)
        prepared, matches, skipped, frequency = _stored_input(db)
        generation = _generation(db)
    refuse_skips(skipped, options)
    result = conclude(
        prepared, matches, options, skipped, frequency=frequency, extend=extend_on_workers
    )
    with open_store(path, options, create=True) as db:
        if _generation(db) == generation:
            _write_conclusion(db, result)
    return result


def save_result(path: Path, result: CorpusResult, options: Options) -> None:
    """Write `result` as a new file at `path` (which must not exist yet: the caller writes
    into a staging folder and renames), in the store's format without its index."""
    if path.exists():
        raise StoreError(str(path), "already exists; a run's result is written to a new file")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        with sqlite_errors(path):
            db.executescript(SCHEMA)
            db.execute("BEGIN")
            settings = {**stored_settings(options), "index": NO_INDEX}
            db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(settings.items()))
            db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                [article_row(_prepared(result, a.article_id)) for a in result.articles],
            )
            db.executemany(
                "INSERT OR IGNORE INTO skipped VALUES (?, ?)",
                [(s.path, s.reason) for s in result.skipped],
            )
            _write_conclusion(db, result)
            db.execute("COMMIT")
    finally:
        db.close()


def read_result(path: Path, options: Options | None = None) -> CorpusResult:
    """The result kept in a run's file or a store, with the settings it was built with. A
    store added to since its last conclusion is concluded again, and not kept: reading never
    writes."""
    options = stored_options(path, options)
    with open_store(path, options, create=False, check=False) as db:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        refuse_other_schema(meta, str(path), "run `attrib run` again, or add to a new store")
        try:
            if meta.get("result") == CURRENT:
                return _read_kept(db)
            if meta.get("index") == NO_INDEX:
                raise StoreError(str(path), "holds no finished result; run `attrib run` again")
            prepared, matches, skipped, frequency = _stored_input(db)
        except (KeyError, TypeError, ValueError) as error:
            raise StoreError(
                str(path), f"cannot be read ({type(error).__name__}: {error})"
            ) from error
    return conclude(
        prepared, matches, options, skipped, frequency=frequency, extend=extend_on_workers
    )


def _stored_input(
    db: sqlite3.Connection,
) -> tuple[list[PreparedArticle], list[Match], list[Skipped], ShingleFrequency]:
    """What the conclusion works from: every prepared article in id order, the aligned pairs,
    and how many articles hold each shingle."""
    matches = [decode_match(m) for (m,) in db.execute("SELECT match FROM matches")]
    blobs = db.execute("SELECT shingles FROM articles")
    frequency = ShingleFrequency.of_articles(
        [np.frombuffer(blob, dtype=np.uint64)] for (blob,) in blobs
    )
    return _prepared_articles(db), matches, _skipped(db), frequency


def _prepared_articles(db: sqlite3.Connection) -> list[PreparedArticle]:
    rows = db.execute("SELECT prepared FROM articles ORDER BY article_id")
    return [decode_prepared(encoded) for (encoded,) in rows]


def _generation(db: sqlite3.Connection) -> str:
    found = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return found[0] if found else "0"


def _skipped(db: sqlite3.Connection) -> list[Skipped]:
    return [Skipped(p, r) for p, r in db.execute("SELECT path, reason FROM skipped")]


def clear_conclusion(db: sqlite3.Connection) -> None:
    """What an addition does first: the kept result no longer describes the store, and a
    conclusion begun before the addition must not be kept after it (`generation`)."""
    db.execute("DELETE FROM meta WHERE key = 'result'")
    db.execute(
        "INSERT INTO meta VALUES ('generation', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
    for table in RESULT_TABLES:
        db.execute(f"DELETE FROM {table}")


def _write_conclusion(db: sqlite3.Connection, result: CorpusResult) -> None:
    clear_conclusion(db)
    # The edit opcodes as `Match` packs them (five int32 each): a run has hundreds of thousands
    # of matches, and JSON of their opcodes took most of the time of writing the result.
    db.executemany(
        "INSERT INTO result_matches VALUES (?, ?, ?, ?, ?, ?)",
        [
            (n, m.a, m.b, m.score, m.matched_words, m.packed_ops)
            for n, m in enumerate(result.matches)
        ],
    )
    db.executemany(
        "INSERT INTO families VALUES (?, ?, ?)",
        [(n, f.family_id, json.dumps(f.passage_ids)) for n, f in enumerate(result.families)],
    )
    db.executemany(
        "INSERT INTO stories VALUES (?, ?, ?)",
        [(n, s.story_id, json.dumps(s.article_ids)) for n, s in enumerate(result.stories)],
    )
    db.executemany(
        "INSERT INTO attributions VALUES (?, ?, ?, ?, ?)",
        [
            (n, a.passage_id, a.origin, a.confidence, a.evidence)
            for n, a in enumerate(result.attributions.values())
        ],
    )
    db.execute("INSERT OR REPLACE INTO meta VALUES ('result', ?)", (CURRENT,))


def _read_kept(db: sqlite3.Connection) -> CorpusResult:
    prepared = _prepared_articles(db)
    matches = db.execute(
        "SELECT a, b, score, matched_words, ops FROM result_matches ORDER BY position"
    )
    families = db.execute("SELECT family_id, passage_ids FROM families ORDER BY position")
    stories = db.execute("SELECT story_id, article_ids FROM stories ORDER BY position")
    attributions = db.execute(
        "SELECT passage_id, origin, confidence, evidence FROM attributions ORDER BY position"
    )
    return CorpusResult(
        articles=tuple(p.article for p in prepared),
        credits={p.article.article_id: p.credits for p in prepared},
        passages=tuple(passage for p in prepared for passage in p.passages),
        matches=tuple(
            Match(sys.intern(a), sys.intern(b), score, matched, ops)
            for a, b, score, matched, ops in matches
        ),
        families=tuple(Family(i, tuple(json.loads(ids))) for i, ids in families),
        stories=tuple(Story(i, tuple(json.loads(ids))) for i, ids in stories),
        attributions={row[0]: Attribution(*row) for row in attributions},
        skipped=tuple(_skipped(db)),
    )


def _prepared(result: CorpusResult, article_id: str) -> PreparedArticle:
    return PreparedArticle(
        result.article(article_id),
        result.credits[article_id],
        result.passages_of(article_id),
        (),
    )
