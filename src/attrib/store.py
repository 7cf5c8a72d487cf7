"""The incremental store: one SQLite file with every prepared article, its shingles and the
matches found so far, so that `attrib add` aligns only what is new and `attrib run --store`
concludes over everything without reading or aligning the corpus again.

Why a store fed in batches gives the tables a from-scratch run on the union gives:
- preparation depends on the article and its outlet's repeated lines only; the store keeps
  each outlet's line counts, and when an addition changes an outlet's repeated lines, that
  outlet's stored articles are prepared again and any whose result changed count as new;
- a pair of passages is aligned the same way whenever it is aligned, so only pairs with a new
  passage need aligning. Between two old passages, adding articles can only take candidacy
  away (a shared shingle now found in too many articles), never give it: so stored matches
  between passages sharing such a shingle are checked against the union's candidate pairs
  and dropped if they are no longer candidates;
- the conclusion (stories, families, attribution) runs over the whole store every time.
Every addition is one transaction: a run killed part-way leaves the store as it was.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from importlib import metadata
from pathlib import Path

import numpy as np

from attrib.candidates import ShingleIndex, build_index, index_pairs
from attrib.clean import line_keys, repeated_line_floor
from attrib.errors import CorpusNotFound, StoreError
from attrib.ingest import file_of, read_corpus, refuse_skips, same_copy
from attrib.models import (
    Article,
    CleanArticle,
    CorpusResult,
    Credit,
    EditOp,
    Match,
    Paragraph,
    Passage,
    PreparedArticle,
    Removal,
    Skipped,
    split_passage_id,
)
from attrib.options import Options
from attrib.pipeline import align_pairs, prepare_articles
from attrib.pool import Track, no_progress
from attrib.segment import MAX_PASSAGE_WORDS
from attrib.stages import conclude

# 3: paragraphs of hard-wrapped text are joined lines, with their verbatim pieces; table rows.
# 4: figures are whole words (shingles, matched words); articles say whether they are scanned.
SCHEMA_VERSION = "4"
# Options that shape what the store holds; the conclusion's options may change between runs.
STORED_OPTIONS = (
    "shingle_size",
    "max_document_frequency",
    "min_shared_shingles",
    "min_match_words",
    "min_containment",
    "min_shared_run",
    "aligner",
    "similarity",
    "language",
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
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (path, reason)
) WITHOUT ROWID;
"""
BATCH = 500  # ids per IN (...) query, under SQLite's variable limit
DATA = Path(__file__).parent / "data"


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
    db = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        with _sqlite_errors(path):
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
            if (tables or not create) and "meta" not in tables:
                raise StoreError(str(path), "not an attrib store (no meta table)")
            if tables and check:  # before the schema script, which older tables would fail
                _check_options(db, str(path), options)
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


@contextmanager
def _sqlite_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(str(path), "in use by another attrib add; try when it ends") from error
        raise StoreError(str(path), f"cannot be opened ({error})") from error
    except sqlite3.DatabaseError as error:
        raise StoreError(str(path), f"not an attrib store ({error})") from error


def _stored_settings(options: Options) -> dict[str, str]:
    """What a store's contents depend on: the schema, the alignment options, and the rule
    files, sentence splitter and passage length cap that prepared its articles."""
    rules = hashlib.sha256()
    for data in sorted(DATA.glob("*.toml")):
        rules.update(data.read_bytes())
    return {
        "schema": SCHEMA_VERSION,
        "rules": rules.hexdigest()[:16],
        "sentencex": metadata.version("sentencex"),
        "py3langid": metadata.version("py3langid"),
        "passage_words": str(MAX_PASSAGE_WORDS),
        **{k: repr(getattr(options, k)) for k in STORED_OPTIONS},
    }


def stored_options(path: Path, options: Options | None = None) -> Options:
    """`options` with the settings the store was built with, so that reading a store (to show,
    summarise or report on it) never needs them retyped; a missing or foreign file is named."""
    options = options or Options()
    with open_store(path, options, create=False, check=False) as db:
        stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
    built = {k: ast.literal_eval(stored[k]) for k in STORED_OPTIONS if k in stored}
    return replace(options, **built)


def _check_options(db: sqlite3.Connection, path: str, options: Options) -> None:
    wanted = _stored_settings(options)
    stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if not stored:
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(wanted.items()))
        return
    differing = sorted(k for k in wanted if stored.get(k) != wanted[k])
    if differing:
        shown = ", ".join(f"{k}={stored.get(k)} (asked {wanted[k]})" for k in differing)
        raise StoreError(path, f"built with other settings: {shown}; add to a new store")


# --- adding articles -------------------------------------------------------------------------


def add_articles(
    path: Path,
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    options: Options,
    track: Track = no_progress,
) -> Addition:
    """Index new or changed articles and align every pair they take part in."""
    with open_store(path, options, create=True) as db:
        # Paths too: a file whose id another file took is stored under its path (`x.txt`).
        stored = _raw_articles(db, [i for a in articles for i in (a.article_id, a.path)])
        articles, skipped = _without_duplicates(articles, skipped, stored)
        refuse_skips(skipped, options)  # inside the transaction: the store stays as it was
        _record_skipped(db, skipped, {file_of(a.path) for a in articles})
        incoming = [a for a in articles if stored.get(a.article_id) != a]
        replaced = [stored[a.article_id] for a in incoming if a.article_id in stored]
        repeated, prepared_again = _update_outlet_lines(db, incoming, replaced)
        changed = sorted([*incoming, *prepared_again], key=lambda a: a.article_id)
        prepared = prepare_articles(changed, repeated, options, track)
        old_shingles = _stored_shingles(db, [a.article_id for a in [*replaced, *prepared_again]])
        unchanged_again = _store_prepared(db, prepared, {a.article_id for a in prepared_again})
        changed_ids = {p.article.article_id for p in prepared} - unchanged_again
        dropped = _drop_matches_of(db, changed_ids)
        slack = len(replaced) + len(prepared_again) - len(unchanged_again)
        found, aligned, lost = _align_changed(db, changed_ids, old_shingles, slack, options, track)
        _store_matches(db, found)
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
    if not root.is_dir():
        raise CorpusNotFound(str(root), "not a folder" if root.exists() else "no such folder")
    articles, skipped = read_corpus(
        root, options, lambda files: track(files, "Reading articles", len(files))
    )
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
        first = stored.get(article.article_id)
        taken = first is not None and file_of(first.path) != file_of(article.path)
        if taken and file_of(article.path) == article.path:  # `x.txt` beside a stored `x.html`
            article = replace(article, article_id=article.path)
            first = stored.get(article.article_id)
        if first is not None and file_of(first.path) != file_of(article.path):
            reason = f"duplicate article id {article.article_id!r} (first in {first.path})"
            duplicates.append(Skipped(article.path, reason))
        else:
            kept.append(article)
    return kept, [*skipped, *duplicates]


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
    rows = _in_batches(
        db, "SELECT article_id, raw FROM articles WHERE article_id IN ({})", article_ids
    )
    return {article_id: Article(**json.loads(raw)) for article_id, raw in rows}


def _in_batches(db: sqlite3.Connection, query: str, keys: Sequence[str | bytes]) -> Iterator[tuple]:
    """`query` with its `IN ({})` filled for each batch of keys, and the rows it returns."""
    for k in range(0, len(keys), BATCH):
        batch = keys[k : k + BATCH]
        yield from db.execute(query.format(",".join("?" * len(batch))), batch)


def _update_outlet_lines(
    db: sqlite3.Connection, incoming: Sequence[Article], replaced: Sequence[Article]
) -> tuple[dict[str, frozenset[str]], list[Article]]:
    """Each touched outlet's repeated lines after the addition, and the stored articles of
    outlets whose repeated lines changed (they must be prepared again)."""
    outlets = sorted({a.outlet for a in [*incoming, *replaced] if a.outlet})
    before = {outlet: _repeated_lines(db, outlet) for outlet in outlets}
    counts: dict[tuple[str, str], int] = {}
    for sign, group in ((-1, replaced), (1, incoming)):
        for article in group:
            if article.outlet:
                for key in line_keys(article):
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
        after[outlet] = _repeated_lines(db, outlet, size)
        if after[outlet] != before[outlet]:
            rows = db.execute("SELECT raw FROM articles WHERE outlet = ?", (outlet,))
            stored = (Article(**json.loads(raw)) for (raw,) in rows)
            again.extend(a for a in stored if a.article_id not in new_ids)
    return after, again


def _outlet_size(db: sqlite3.Connection, outlet: str) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE outlet = ?", (outlet,)).fetchone()[0]


def _repeated_lines(db: sqlite3.Connection, outlet: str, size: int | None = None) -> frozenset[str]:
    floor = repeated_line_floor(_outlet_size(db, outlet) if size is None else size)
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
        _in_batches(
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
        grams = np.concatenate(p.shingles) if p.shingles else np.empty(0, dtype=np.uint64)
        rows.append(
            (
                article_id,
                p.article.outlet,
                json.dumps(asdict(p.article.article), sort_keys=True),
                encoded,
                grams.astype(np.uint64).tobytes(),
                json.dumps([len(g) for g in p.shingles]),
                same_copy(p.article.article),
            )
        )
    db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return unchanged


def _drop_matches_of(db: sqlite3.Connection, article_ids: Iterable[str]) -> int:
    ids = sorted(article_ids)
    before = db.total_changes
    for column in ("a_article", "b_article"):
        list(_in_batches(db, f"DELETE FROM matches WHERE {column} IN ({{}})", ids))
    return db.total_changes - before


def _stored_shingles(db: sqlite3.Connection, article_ids: Sequence[str]) -> np.ndarray:
    query = "SELECT shingles FROM articles WHERE article_id IN ({})"
    rows = _in_batches(db, query, article_ids)
    blobs = [np.frombuffer(blob, dtype=np.uint64) for (blob,) in rows]
    return np.unique(np.concatenate(blobs)) if blobs else np.empty(0, dtype=np.uint64)


def _align_changed(
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
    for a, b in _in_batches(db, query, layout.articles_at(np.flatnonzero(touched))):
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
    for article_id, encoded in _in_batches(db, query, layout.articles_at(positions)):
        base = int(layout.first[layout.number[article_id]])
        for passage in decode_prepared(encoded).passages:
            found[base + passage.index] = passage
    return {int(p): found[int(p)] for p in positions.tolist()}


def _store_matches(db: sqlite3.Connection, matches: Sequence[Match]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO matches VALUES (?, ?, ?, ?, ?)",
        [
            (m.a, m.b, split_passage_id(m.a)[0], split_passage_id(m.b)[0], encode_match(m))
            for m in matches
        ],
    )


# --- reading the store back ------------------------------------------------------------------


def conclude_store(path: Path, options: Options) -> CorpusResult:
    """The run's result over everything in the store."""
    with open_store(path, options, create=False) as db:
        skipped = [Skipped(p, r) for p, r in db.execute("SELECT path, reason FROM skipped")]
        refuse_skips(skipped, options)
        rows = db.execute("SELECT prepared FROM articles ORDER BY article_id")
        prepared = [decode_prepared(encoded) for (encoded,) in rows]
        matches = [decode_match(m) for (m,) in db.execute("SELECT match FROM matches")]
    return conclude(prepared, matches, options, skipped)


# --- encoding --------------------------------------------------------------------------------


def encode_prepared(prepared: PreparedArticle) -> str:
    """JSON of everything the conclusion needs (not the shingles, stored as a blob), so a
    store is data another tool can read, never code to unpickle."""
    cleaned = prepared.article
    return json.dumps(
        {
            "article": asdict(cleaned.article),
            "body": cleaned.body,
            "paragraphs": [_values(p) for p in cleaned.paragraphs],
            "removed": [_values(r) for r in cleaned.removed],
            "title": cleaned.title,
            "published": cleaned.published,
            "language": cleaned.language,
            "wrapped": cleaned.wrapped,
            "scanned": cleaned.scanned,
            "credits": [_values(c) for c in prepared.credits],
            "passages": [[p.index, p.paragraph, p.start, p.end] for p in prepared.passages],
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def decode_prepared(encoded: str) -> PreparedArticle:
    data = json.loads(encoded)
    article = Article(**data["article"])
    cleaned = CleanArticle(
        article=article,
        body=data["body"],
        paragraphs=tuple(decode_paragraph(*p) for p in data["paragraphs"]),
        removed=tuple(Removal(*r) for r in data["removed"]),
        title=data["title"],
        published=data["published"],
        language=data["language"],
        wrapped=data["wrapped"],
        scanned=data["scanned"],
    )
    body = cleaned.body
    passages = tuple(
        Passage(
            article.article_id,
            index,
            paragraph,
            start,
            end,
            body[start:end],
            cleaned.scanned,
            cleaned.paragraphs[paragraph].table,
        )
        for index, paragraph, start, end in data["passages"]
    )
    credits = tuple(Credit(*c) for c in data["credits"])
    return PreparedArticle(cleaned, credits, passages, ())


def encode_match(match: Match) -> str:
    return json.dumps(
        [match.a, match.b, match.score, match.matched_words, [_values(op) for op in match.ops]]
    )


def decode_match(encoded: str) -> Match:
    a, b, score, matched, ops = json.loads(encoded)
    return Match.of(a, b, score, matched, (EditOp(*op) for op in ops))


def decode_paragraph(
    start: int, end: int, raw_start: int, pieces: list[list[int]], table: bool
) -> Paragraph:
    return Paragraph(start, end, raw_start, tuple(tuple(piece) for piece in pieces), table)  # type: ignore[misc]


def _values(item: object) -> list:
    return [getattr(item, f.name) for f in fields(item)]  # type: ignore[arg-type]
