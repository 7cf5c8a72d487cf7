"""The store's one SQLite format: its tables, opening it in one transaction, and the
settings it was built with, which every later addition must share."""

from __future__ import annotations

import ast
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from attrib.errors import StoreError
from attrib.options import Options
from attrib.text.rules import rules_digest

# 3: paragraphs of hard-wrapped text are joined lines, with their verbatim pieces; table rows.
# 4: figures are whole words (shingles, matched words); articles say whether they are scanned.
# 5: the run's result (stories, families, attributions, final matches) kept beside the index;
#    articles say where their outlet came from, and take it from their folder when nothing
#    else names one.
# 6: every threshold that shapes the index is recorded (`stored_settings`).
SCHEMA_VERSION = "6"
# Options a run may change without making a store stale: the conclusion's (stories, common
# sources, extension, calibration), which are applied afresh whenever a store is concluded,
# and the run's own (reading limits, CSV safety, processes). Every other field of `Options`,
# and every field of its threshold groups, shapes what the store holds and is recorded in it:
# a field added to `Options` is checked unless it is named here.
NOT_STORED = frozenset(
    {
        "story_min_shared_words",
        "story_min_shared_share",
        "story_min_passage_words",
        "common_source_min_run",
        "common_source_max_stories",
        "stories",
        "calibrate",
        "neutralise_csv",
        "max_file_bytes",
        "strict",
        "workers",
    }
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    raw TEXT NOT NULL,
    prepared TEXT NOT NULL,
    shingles BLOB NOT NULL,
    shingle_counts TEXT NOT NULL,
    copy_key BLOB
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_by_outlet ON articles (outlet);
CREATE INDEX IF NOT EXISTS articles_by_copy ON articles (copy_key);
CREATE TABLE IF NOT EXISTS outlet_lines (
    outlet TEXT NOT NULL,
    line TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (outlet, line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS matches (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    a_article TEXT NOT NULL,
    b_article TEXT NOT NULL,
    match TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS matches_by_a_article ON matches (a_article);
CREATE INDEX IF NOT EXISTS matches_by_b_article ON matches (b_article);
CREATE TABLE IF NOT EXISTS result_matches (
    position INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    matched_words INTEGER NOT NULL,
    ops BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS families (
    position INTEGER PRIMARY KEY,
    family_id TEXT NOT NULL,
    passage_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    position INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL,
    article_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attributions (
    position INTEGER PRIMARY KEY,
    passage_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (path, reason)
) WITHOUT ROWID;
"""
# meta `index` is "absent" in a run's result file, which keeps no shingles or seed matches.
NO_INDEX = "absent"
BATCH = 500  # ids per IN (...) query, under SQLite's variable limit


@contextmanager
def open_store(
    path: Path, options: Options, *, create: bool, check: bool = True
) -> Iterator[sqlite3.Connection]:
    """The store at `path` in one transaction, committed on success and rolled back on any
    error or interruption. `create` opens it for an addition (making it if missing, holding
    the write lock); otherwise it is read as it stands, and nothing is written to a file that
    is not an attrib store. `check` False skips comparing its settings with `options`."""
    if path.exists() and not path.is_file():
        raise StoreError(str(path), "not a file")
    if not create and not path.is_file():
        raise StoreError(str(path), "no such store (build one with `attrib add`)")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite_errors(path):
        db = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        with sqlite_errors(path):
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
            if (tables or not create) and "meta" not in tables:
                raise StoreError(str(path), "not an attrib store (no meta table)")
            if tables and check:  # before the schema script, which older tables would fail
                _check_options(db, str(path), options)
            if tables and create:
                refuse_result_file(db, path)
            if create:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(SCHEMA)
            db.execute("BEGIN IMMEDIATE" if create else "BEGIN")
            if not tables:
                _check_options(db, str(path), options)
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    finally:
        db.close()


def refuse_result_file(db: sqlite3.Connection, path: Path) -> None:
    """Nothing can be added to a run's file: it keeps no shingle index to align against."""
    query = "SELECT count(*) FROM meta WHERE key = 'index' AND value = ?"
    if db.execute(query, (NO_INDEX,)).fetchone()[0]:
        raise StoreError(
            str(path),
            "a run's result, not a store: it keeps no index to add to "
            "(build a store with `attrib add`)",
        )


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(str(path), "in use by another attrib add; try when it ends") from error
        raise StoreError(str(path), f"cannot be opened ({error})") from error
    except sqlite3.DatabaseError as error:
        raise StoreError(str(path), f"not an attrib store ({error})") from error


def stored_settings(options: Options) -> dict[str, str]:
    """What a store's contents depend on: the schema, the rule files, sentence splitter and
    language model that prepared its articles, and every option not in `NOT_STORED`, a
    threshold group's fields under their group's name (`alignment.min_quote_words`)."""
    return {
        "schema": SCHEMA_VERSION,
        "rules": rules_digest(),
        "sentencex": metadata.version("sentencex"),
        "py3langid": metadata.version("py3langid"),
        **option_settings(options),
    }


def option_settings(options: Options) -> dict[str, str]:
    """The options a store records, each as its `repr`, read from the dataclass's fields so
    that no list can miss one."""
    found: dict[str, str] = {}
    for option in fields(options):
        if option.name in NOT_STORED:
            continue
        value = getattr(options, option.name)
        if is_dataclass(value):
            for part in fields(value):
                found[f"{option.name}.{part.name}"] = repr(getattr(value, part.name))
        else:
            found[option.name] = repr(value)
    return found


def stored_options(path: Path, options: Options | None = None) -> Options:
    """`options` with the settings the store was built with, so that reading a store (to show,
    summarise or report on it) never needs them retyped; a missing or foreign file is named."""
    options = options or Options()
    with open_store(path, options, create=False, check=False) as db:
        stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
    return with_settings(options, stored)


def with_settings(options: Options, stored: dict[str, str]) -> Options:
    """`options` with each recorded option of `stored` (`option_settings`) in place."""
    recorded = option_settings(options)
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for key in recorded.keys() & stored.keys():
        name, _, part = key.partition(".")
        value = ast.literal_eval(stored[key])
        if part:
            groups.setdefault(name, {})[part] = value
        else:
            top[name] = value
    for name, values in groups.items():
        top[name] = replace(getattr(options, name), **values)
    return replace(options, **top)


def _check_options(db: sqlite3.Connection, path: str, options: Options) -> None:
    wanted = stored_settings(options)
    stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if not stored:
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(wanted.items()))
        return
    refuse_other_schema(stored, path, "add to a new store")
    differing = sorted(k for k in wanted if stored.get(k) != wanted[k])
    if differing:
        shown = ", ".join(f"{k}={stored.get(k)} (asked {wanted[k]})" for k in differing)
        raise StoreError(path, f"built with other settings: {shown}; add to a new store")


def refuse_other_schema(meta: dict[str, str], path: str, advice: str) -> None:
    """A file another version of attrib wrote is named by its schema, not by the first
    column or setting this version misses in it."""
    if meta.get("schema") != SCHEMA_VERSION:
        raise StoreError(
            path,
            f"made by another version of attrib (schema {meta.get('schema')}, this one "
            f"reads {SCHEMA_VERSION}); {advice}",
        )


def in_batches(
    db: sqlite3.Connection, query: str, keys: Sequence[str | bytes]
) -> Iterator[tuple[Any, ...]]:
    """`query` with its `IN ({})` filled for each batch of keys, and the rows it returns."""
    for k in range(0, len(keys), BATCH):
        batch = keys[k : k + BATCH]
        yield from db.execute(query.format(",".join("?" * len(batch))), batch)
