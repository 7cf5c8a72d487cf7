"""The incremental store: batches added one after another give the tables a from-scratch
run on the union gives, byte for byte, including when an addition changes an outlet's
repeated lines or pushes a shared shingle past the document-frequency cap."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.engines.local import run_corpus
from attrib.engines.store import realign
from attrib.engines.store.addition import Addition, add_articles
from attrib.engines.store.result import conclude_store
from attrib.engines.store.schema import SCHEMA_VERSION
from attrib.errors import StoreError
from attrib.ingest.corpus import read_corpus
from attrib.models import CorpusResult
from attrib.options import Options
from attrib.output.reports import write_reports
from conftest import CORPUS, REPO, shared_data

runner = CliRunner()
TABLES = ("articles.csv", "passages.csv", "changes.csv", "outlets.csv", "skipped.csv")


def tables(result: CorpusResult, folder: Path) -> dict[str, bytes]:
    write_reports(result, folder, pdf=False)
    return {name: (folder / name).read_bytes() for name in TABLES}


def add_folder(db: Path, folder: Path, options: Options) -> Addition:
    articles, skipped = read_corpus(folder, options)
    return add_articles(db, articles, skipped, options)


def split(files: list[Path], parts: int, root: Path) -> tuple[Path, list[Path]]:
    """The union folder and `parts` batch folders, the files dealt round-robin."""
    union = root / "union"
    union.mkdir()
    batches = [root / f"batch{k}" for k in range(parts)]
    for batch in batches:
        batch.mkdir()
    for n, path in enumerate(files):
        shutil.copy(path, union / path.name)
        shutil.copy(path, batches[n % parts] / path.name)
    return union, batches


def assert_batches_equal_union(union: Path, batches: list[Path], tmp: Path, options: Options):
    db = tmp / "attrib.db"
    for batch in batches:
        add_folder(db, batch, options)
    from_store = tables(conclude_store(db, options), tmp / "store-out")
    from_scratch = tables(run_corpus(union, options), tmp / "scratch-out")
    for name in TABLES:
        assert from_store[name] == from_scratch[name], name
    return from_scratch


def test_seeds_added_in_batches_equal_a_run_on_all_of_them(tmp_path: Path) -> None:
    union, batches = split(sorted(CORPUS.glob("*.txt")), 2, tmp_path)
    result = assert_batches_equal_union(union, batches, tmp_path, Options(workers=1))
    assert result["passages.csv"].count(b"\n") > 50


def test_wrapped_wire_copy_and_ocr_added_in_batches_equal_one_run(tmp_path: Path) -> None:
    """Hard-wrapped text keeps its joined paragraphs, language and wrapped flag in the store:
    two OCR readings of one notice and Reuters copy, wrapped at two widths."""
    fixtures = REPO / "tests" / "fixtures" / "wrapped"
    files = sorted(fixtures.glob("*.txt"))
    wide = tmp_path / "wide"
    wide.mkdir()
    for path in files[2:]:
        text = " ".join(path.read_text("utf-8").split()[:-1])  # the sign-off dropped
        (wide / f"wide-{path.name}").write_text(re.sub(r"(.{1,60})(\s|$)", r"\1\n", text))
    union, batches = split([*files, *sorted(wide.iterdir())], 2, tmp_path)
    result = assert_batches_equal_union(union, batches, tmp_path, Options(workers=1))
    assert b"Cr\xc3\xb4mieux" in result["passages.csv"]  # joined across a line-end hyphen
    assert b",fr," in result["articles.csv"]


@pytest.mark.slow
def test_reuters_copies_added_in_three_batches_equal_one_run(tmp_path: Path) -> None:
    shared_data("reuters21578")
    sys.path.insert(0, str(REPO / "bench"))
    import reuters

    corpus = tmp_path / "generated"
    reuters.write_corpus(corpus, 90, copies=3)
    files = sorted(corpus.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    union, batches = split(files, 3, tmp_path)
    result = assert_batches_equal_union(union, batches, tmp_path, Options())
    assert result["articles.csv"].count(b"Reuters") > 0


PAGE = (
    "Subscribe to the Courier newsletter\n\n{title}\n\n{body}\n\n"
    "Follow the Courier on social media for more stories\n"
)
BODIES = [
    "The central bank raised its main interest rate by half a point on Tuesday, the largest "
    "increase in two decades, as inflation reached its highest level since 1990.",
    "Farmers blocked roads around the capital for a third day on Wednesday in protest at "
    "plans to cut fuel subsidies that the government says it can no longer afford.",
    "The national football team named a new coach on Thursday after a disappointing "
    "tournament in which it failed to win a single group match for the first time.",
    "Rescue workers pulled two survivors from the rubble of a collapsed apartment building "
    "late on Friday, more than a day after the structure gave way during heavy rain.",
]


def courier(folder: Path, name: str, numbers: range) -> None:
    """JSONL pages of one outlet, each with the outlet's header and footer lines."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        {
            "id": f"courier-{n}",
            "outlet": "Courier",
            "text": PAGE.format(title=f"Story {n}", body=BODIES[n]),
        }
        for n in numbers
    ]
    (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_an_addition_that_makes_lines_furniture_prepares_the_outlet_again(
    tmp_path: Path,
) -> None:
    """Two pages do not make a repeated line (three are needed); four do, so the first two
    must be cleaned again, and the store must say so."""
    courier(tmp_path / "batch0", "first", range(2))
    courier(tmp_path / "batch1", "second", range(2, 4))
    union = tmp_path / "union"
    courier(union, "first", range(2))
    courier(union, "second", range(2, 4))
    options = Options(workers=1)
    db = tmp_path / "attrib.db"
    first = add_folder(db, tmp_path / "batch0", options)
    second = add_folder(db, tmp_path / "batch1", options)
    assert (first.added, second.added, second.prepared_again) == (2, 2, 2)
    result = conclude_store(db, options)
    assert all("Subscribe" not in a.body for a in result.articles)
    assert tables(result, tmp_path / "a") == tables(run_corpus(union, options), tmp_path / "b")


SHARED = (
    "Officials said the bridge would stay closed to traffic until engineers had finished "
    "inspecting the damage caused by the collision with a cargo ship on Monday night."
)


def test_a_shingle_pushed_past_the_cap_drops_the_match_it_made(tmp_path: Path) -> None:
    """With a cap of two articles, two pages sharing a sentence match; a third page with the
    same sentence puts every shingle of it over the cap, so the union run aligns none of the
    three, and the store must drop the match it had."""
    options = Options(max_document_frequency=2, workers=1)
    for n, batch in ((0, "batch0"), (1, "batch0"), (2, "batch1")):
        for folder in (tmp_path / batch, tmp_path / "union"):
            folder.mkdir(exist_ok=True)
            (folder / f"page{n}.txt").write_text(f"{BODIES[n]}\n\n{SHARED}\n")
    db = tmp_path / "attrib.db"
    add_folder(db, tmp_path / "batch0", options)
    assert len(conclude_store(db, options).matches) == 1
    second = add_folder(db, tmp_path / "batch1", options)
    assert second.matches_dropped == 1
    assert conclude_store(db, options).matches == ()
    assert tables(conclude_store(db, options), tmp_path / "a") == tables(
        run_corpus(tmp_path / "union", options), tmp_path / "b"
    )


def test_adding_the_same_corpus_again_changes_nothing(tmp_path: Path) -> None:
    options = Options(workers=1)
    db = tmp_path / "attrib.db"
    add_folder(db, CORPUS, options)
    again = add_folder(db, CORPUS, options)
    assert (again.added, again.replaced, again.pairs_aligned) == (0, 0, 0)
    assert again.unchanged == 5


def test_an_interrupted_addition_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = Options(workers=1)
    _, batches = split(sorted(CORPUS.glob("*.txt")), 2, tmp_path)
    db = tmp_path / "attrib.db"
    add_folder(db, batches[0], options)
    before = tables(conclude_store(db, options), tmp_path / "before")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(realign, "align_pairs", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_folder(db, batches[1], options)
    assert tables(conclude_store(db, options), tmp_path / "after") == before


def test_a_store_built_with_other_settings_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "attrib.db"
    add_folder(db, CORPUS, Options(workers=1))
    with pytest.raises(StoreError, match="shingle_size=3 \\(asked 4\\)"):
        add_folder(db, CORPUS, Options(shingle_size=4))


def test_a_store_of_an_older_schema_is_refused_by_its_settings(tmp_path: Path) -> None:
    """Schema 1 had no copy key; opening it names the schema, not a missing column."""
    db = tmp_path / "attrib.db"
    add_folder(db, CORPUS, Options(workers=1))
    with sqlite3.connect(db) as connection:
        connection.execute("DROP INDEX articles_by_copy")
        connection.execute("ALTER TABLE articles DROP COLUMN copy_key")
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    for open_again in (
        lambda: add_folder(db, CORPUS, Options()),
        lambda: conclude_store(db, Options()),
    ):
        with pytest.raises(StoreError, match=f"schema 1, this one reads {SCHEMA_VERSION}"):
            open_again()


def test_a_file_that_is_not_a_store_is_named(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db: not an attrib store"):
        conclude_store(db, Options())
    assert db.read_text().startswith("these are my notes")


@pytest.mark.slow
def test_attrib_add_then_run_store_writes_what_a_full_run_writes(tmp_path: Path) -> None:
    union, batches = split(sorted(CORPUS.glob("*.txt")), 2, tmp_path)
    db = tmp_path / "attrib.db"
    first = runner.invoke(app, ["add", str(batches[0]), "--store", str(db)])
    assert first.exit_code == 0, first.output
    assert f"{db}: 3 articles added, 0 replaced, 0 unchanged" in first.output
    second = runner.invoke(
        app, ["run", str(batches[1]), "--store", str(db), "--out", str(tmp_path / "a")]
    )
    assert second.exit_code == 0, second.output
    again = runner.invoke(app, ["run", "--store", str(db), "--out", str(tmp_path / "b")])
    full = runner.invoke(app, ["run", str(union), "--out", str(tmp_path / "c"), "--no-pdf"])
    assert again.exit_code == full.exit_code == 0
    for name in TABLES:
        expected = (tmp_path / "c" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == expected, name
        assert (tmp_path / "b" / name).read_bytes() == expected, name
    assert sorted(p.name for p in (tmp_path / "a").glob("story-*.pdf"))


def test_run_needs_a_corpus_or_a_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "give a CORPUS folder, or --store" in result.output
    missing = runner.invoke(app, ["run", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "none.db: no such store (build one with `attrib add`)" in missing.output


def test_a_replaced_page_that_frees_a_shingle_makes_the_pair_it_now_joins(tmp_path: Path) -> None:
    """Three pages share a sentence, over a cap of two articles: no match. The third is then
    rewritten without it, so the sentence is back under the cap and the first two must now
    match, as a run on the rewritten corpus finds."""
    options = Options(max_document_frequency=2, workers=1)
    first, second = tmp_path / "batch0", tmp_path / "batch1"
    for folder in (first, second):
        folder.mkdir()
    for n in range(3):
        (first / f"page{n}.txt").write_text(f"{BODIES[n]}\n\n{SHARED}\n")
    (second / "page2.txt").write_text(f"{BODIES[2]}\n\n{BODIES[3]}\n")
    db = tmp_path / "attrib.db"
    add_folder(db, first, options)
    assert conclude_store(db, options).matches == ()
    again = add_folder(db, second, options)
    assert again.replaced == 1
    result = conclude_store(db, options)
    assert {(m.a, m.b) for m in result.matches} == {("page0:1", "page1:1")}
    union = tmp_path / "union"
    union.mkdir()
    for n in range(2):
        shutil.copy(first / f"page{n}.txt", union)
    shutil.copy(second / "page2.txt", union)
    assert tables(result, tmp_path / "a") == tables(run_corpus(union, options), tmp_path / "b")


CLOSING = "Our reporters in the region contributed to this story from three different cities."


def feed(folder: Path, outlets: list[str]) -> None:
    """One JSONL feed of seven pages; the first three carry the same closing line."""
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for n, outlet in enumerate(outlets):
        lines = [CLOSING] if n < 3 else []
        body = BODIES[n % 4].replace("on ", f"on day {n} ", 1)
        text = "\n\n".join([*lines, f"Story {n}", body])
        records.append({"id": f"page-{n}", "outlet": outlet, "text": text})
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_an_article_moved_to_another_outlet_changes_both_outlets_furniture(
    tmp_path: Path,
) -> None:
    """Seven Courier pages, three with the same closing line: under half, so not furniture. One
    page moves to another outlet: now three of six, half, so the line is furniture and the
    three pages must be cleaned again, as a run on the new feed does."""
    feed(tmp_path / "before", ["Courier"] * 7)
    feed(tmp_path / "after", ["Courier"] * 6 + ["Gazette"])
    options = Options(workers=1)
    db = tmp_path / "attrib.db"
    add_folder(db, tmp_path / "before", options)
    assert any(CLOSING in a.body for a in conclude_store(db, options).articles)
    again = add_folder(db, tmp_path / "after", options)
    assert (again.replaced, again.prepared_again) == (1, 3)
    result = conclude_store(db, options)
    assert not any(CLOSING in a.body for a in result.articles)
    scratch = run_corpus(tmp_path / "after", options)
    assert tables(result, tmp_path / "a") == tables(scratch, tmp_path / "b")


def test_an_id_already_stored_from_another_file_is_a_duplicate(tmp_path: Path) -> None:
    """As in one run over both feeds, the first file's article stays and the second is named."""
    options = Options(workers=1)
    for folder, name, body in (("one", "feed", BODIES[0]), ("two", "other", BODIES[1])):
        for where in (tmp_path / folder, tmp_path / "union"):
            where.mkdir(exist_ok=True)
            (where / f"{name}.jsonl").write_text(json.dumps({"id": "42", "text": body}) + "\n")
    db = tmp_path / "attrib.db"
    add_folder(db, tmp_path / "one", options)
    second = add_folder(db, tmp_path / "two", options)
    assert [(s.path, s.reason) for s in second.skipped] == [
        ("other.jsonl:1", "duplicate article id '42' (first in feed.jsonl:1)")
    ]
    result = conclude_store(db, options)
    assert tables(result, tmp_path / "a") == tables(
        run_corpus(tmp_path / "union", options), tmp_path / "b"
    )


def test_a_file_that_reads_cleanly_now_loses_its_old_skip(tmp_path: Path) -> None:
    options = Options(workers=1)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "page.txt").write_bytes(b"")
    db = tmp_path / "attrib.db"
    first = add_folder(db, folder, options)
    assert [s.path for s in first.skipped] == ["page.txt"]
    (folder / "page.txt").write_text(BODIES[0] + "\n")
    add_folder(db, folder, options)
    assert conclude_store(db, options).skipped == ()


def test_another_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match=r"other\.sqlite: not an attrib store"):
        conclude_store(other, Options())
    with pytest.raises(StoreError, match=r"other\.sqlite: not an attrib store"):
        add_folder(other, CORPUS, Options())
    assert other.read_bytes() == before


def test_a_text_file_added_beside_a_stored_page_of_the_same_name_is_kept(tmp_path: Path) -> None:
    """As in one run over both, the text file keeps its extension in its id."""
    options = Options(workers=1)
    seeds = sorted(CORPUS.glob("*.txt"))
    for folder, name, seed in (("one", "x.html", seeds[0]), ("two", "x.txt", seeds[1])):
        (tmp_path / folder).mkdir()
        text = seed.read_text(encoding="utf-8")
        body = (
            f"<html><body><article><p>{text}</p></article></body></html>"
            if name.endswith("html")
            else text
        )
        (tmp_path / folder / name).write_text(body, encoding="utf-8")
    db = tmp_path / "attrib.db"
    add_folder(db, tmp_path / "one", options)
    second = add_folder(db, tmp_path / "two", options)
    assert not second.skipped
    ids = [a.article_id for a in conclude_store(db, options).articles]
    assert sorted(ids) == ["x", "x.txt"]


def test_a_store_counts_shingles_as_a_run_does_for_common_source_links(tmp_path: Path) -> None:
    """Whether two stories share a source depends on how many articles hold the text
    (`families.common_source_matches`): a store reads that from its own shingles, so the
    eight Reuters filings, one templated line, and the two sharing an uncommon sentence give
    the same links added in batches as in one run."""
    rows = (REPO / "tests" / "fixtures" / "reuters-filings.jsonl").read_text("utf-8")
    files = []
    for row in map(json.loads, rows.splitlines()):
        path = tmp_path / f"{row['id']}.txt"
        path.write_text(row["text"], "utf-8")
        files.append(path)
    union, batches = split(files, 3, tmp_path)
    assert_batches_equal_union(union, batches, tmp_path, Options(workers=1))
    (tmp_path / "pair").mkdir()
    pair = split([files[3], files[7]], 2, tmp_path / "pair")
    result = assert_batches_equal_union(*pair, tmp_path / "pair", Options(workers=1))
    # Alone, the two share an uncommon sentence: a passage of one lists the other.
    assert b",r19833," in result["passages.csv"]
