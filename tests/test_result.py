"""The run's result kept in `attrib.db`: every view reads the finished run, without the corpus
and without analysing it again, and sees exactly what the run's tables say."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.errors import StoreError
from attrib.options import Options
from attrib.pipeline import run_corpus
from attrib.reports import write_reports
from attrib.store.addition import add_corpus
from attrib.store.result import RESULT_NAME, conclude_store, read_result, save_result
from conftest import CORPUS

runner = CliRunner()
TABLES = ("articles.csv", "passages.csv", "changes.csv", "outlets.csv", "skipped.csv")
ARTICLE = "001_97affed9db608d73"  # DW, signed off "jbh/sms (AFP, Reuters, dpa)"
OTHER = "002_5848cd396b6217ca"  # the article that shares its text


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`attrib run` on a copy of the seeds, and the copy deleted afterwards."""
    root = tmp_path_factory.mktemp("run")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    done = runner.invoke(app, ["run", str(corpus), "-o", str(root / "reports"), "--no-pdf"])
    assert done.exit_code == 0, done.output
    shutil.rmtree(corpus)
    return root / "reports"


def tables_of(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in TABLES}


def test_the_result_read_back_writes_the_same_tables(finished_run: Path, tmp_path: Path) -> None:
    result = read_result(finished_run / RESULT_NAME)
    write_reports(result, tmp_path / "again", pdf=False)
    assert tables_of(tmp_path / "again") == tables_of(finished_run)
    assert len(result.stories) == 4 and len(result.articles) == 5


def test_the_result_read_back_equals_the_result_computed(tmp_path: Path) -> None:
    options = Options(workers=1)
    computed = run_corpus(CORPUS, options)
    save_result(tmp_path / RESULT_NAME, computed, options)
    kept = read_result(tmp_path / RESULT_NAME)
    assert kept.articles == computed.articles
    assert kept.passages == computed.passages and kept.credits == computed.credits
    assert kept.matches == computed.matches and kept.families == computed.families
    assert kept.stories == computed.stories
    assert list(kept.attributions.items()) == list(computed.attributions.items())


def test_views_read_the_run_without_its_corpus(finished_run: Path) -> None:
    shown = runner.invoke(app, ["show", ARTICLE, "-o", str(finished_run), "--no-pager"])
    assert shown.exit_code == 0, shown.output
    assert "DW · 2016-05-04 · credits AFP, Reuters, dpa" in shown.output
    assert "[AFP|dpa|Reuters" in shown.output and "US Defense Secretary" in shown.output
    summary = runner.invoke(app, ["summary", "-o", str(finished_run)])
    assert summary.exit_code == 0, summary.output
    assert "Outlets" in summary.output and "DW" in summary.output
    diff = runner.invoke(app, ["diff", ARTICLE, OTHER, "-o", str(finished_run), "--no-pager"])
    assert diff.exit_code == 0, diff.output
    report = runner.invoke(app, ["report", "--story", "s2", "-o", str(finished_run)])
    assert report.exit_code == 0, report.output
    assert (finished_run / "story-s2.pdf").stat().st_size > 10_000


def test_a_view_names_an_unknown_id_and_a_folder_without_a_run(
    finished_run: Path, tmp_path: Path
) -> None:
    unknown = runner.invoke(app, ["show", "no-such-article", "-o", str(finished_run)])
    assert unknown.exit_code == 1
    assert "no article with id 'no-such-article'" in unknown.output
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = runner.invoke(app, ["summary", "-o", str(empty)])
    assert missing.exit_code == 1
    assert f"{empty}: no finished run here" in missing.output
    assert "Traceback" not in missing.output


def test_nothing_is_added_to_a_runs_result(finished_run: Path, tmp_path: Path) -> None:
    kept = tmp_path / RESULT_NAME
    shutil.copy(finished_run / RESULT_NAME, kept)
    before = kept.read_bytes()
    with pytest.raises(StoreError, match="a run's result, not a store"):
        add_corpus(kept, CORPUS, Options(workers=1))
    assert kept.read_bytes() == before


def test_a_store_keeps_its_conclusion_until_the_next_addition(tmp_path: Path) -> None:
    options = Options(workers=1)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    for path in seeds[:3]:
        shutil.copy(path, first / path.name)
    for path in seeds[3:]:
        shutil.copy(path, second / path.name)
    db = tmp_path / "attrib.db"
    add_corpus(db, first, options)
    concluded = conclude_store(db, options)
    assert read_result(db) == concluded
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM stories").fetchone()[0] > 0
    add_corpus(db, second, options)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
    assert len(read_result(db).articles) == 5  # concluded again over all five


def test_summary_prints_tsv_and_full_rows_when_piped(finished_run: Path) -> None:
    tsv = runner.invoke(app, ["summary", "-o", str(finished_run), "--format", "tsv"])
    assert tsv.exit_code == 0, tsv.output
    lines = tsv.output.splitlines()
    assert lines[0].split("\t")[:4] == ["outlet", "articles", "words", "wire"]
    assert {line.split("\t")[0] for line in lines[1:]} == {"(none)", "DW", "The Independent"}
    assert len({line.count("\t") for line in lines}) == 1
    piped = runner.invoke(app, ["summary", "-o", str(finished_run)])  # not a terminal
    assert "The Independent" in piped.output and "…" not in piped.output
    assert "unknown" in piped.output.splitlines()[1]  # every column, on one header line
