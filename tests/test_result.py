"""The run's result kept in `attrib.db`: every view reads the finished run, without the corpus
and without analysing it again, and sees exactly what the run's tables say."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.engines.local import run_corpus
from attrib.engines.store.addition import add_corpus
from attrib.engines.store.result import conclude_store, read_result, save_result
from attrib.errors import StoreError
from attrib.models import RESULT_NAME, CorpusResult
from attrib.options import Options
from attrib.output.reports import write_reports
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


def two_batches(folder: Path) -> tuple[Path, Path]:
    """The seeds in two folders: the first three articles, then the other two."""
    first, second = folder / "first", folder / "second"
    seeds = sorted(CORPUS.glob("*.txt"))
    for batch, paths in ((first, seeds[:3]), (second, seeds[3:])):
        batch.mkdir()
        for path in paths:
            shutil.copy(path, batch / path.name)
    return first, second


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


@pytest.mark.slow
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
    first, second = two_batches(tmp_path)
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


def test_show_and_summary_print_json_for_programs(finished_run: Path) -> None:
    shown = runner.invoke(app, ["show", ARTICLE, "-o", str(finished_run), "--json"])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)
    assert record["outlet"] == "DW" and record["credited_wires"] == ["AFP", "Reuters", "dpa"]
    assert {p["origin"] for p in record["passages"]} == {"AFP|dpa|Reuters"}
    assert all(0 < p["confidence"] <= 1 and p["evidence"] for p in record["passages"])
    summary = runner.invoke(app, ["summary", "-o", str(finished_run), "--json"])
    outlets = {o["outlet"]: o for o in json.loads(summary.output)}
    assert outlets["The Independent"]["wire_shares"] == {"AFP": 0.77, "Reuters": 0.23}
    assert outlets["DW"]["joint_share"] == 1.0


def test_show_takes_the_file_the_run_read_or_a_file_alone(
    finished_run: Path, tmp_path: Path
) -> None:
    # The run's corpus is gone; a file with the same name elsewhere is still the run's article.
    copy = tmp_path / "corpus" / f"{ARTICLE}.txt"
    copy.parent.mkdir()
    shutil.copy(CORPUS / f"{ARTICLE}.txt", copy)
    shown = runner.invoke(app, ["show", str(copy), "-o", str(finished_run), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["story_id"] == "s2"  # the run's story, with its partner
    alone = tmp_path / "elsewhere.txt"
    shutil.copy(CORPUS / f"{ARTICLE}.txt", alone)
    shown = runner.invoke(app, ["show", str(alone), "-o", str(finished_run), "--json"])
    record = json.loads(shown.output)
    assert record["article_id"] == "elsewhere" and record["outlet"] == ""
    assert {p["origin"] for p in record["passages"]} == {"AFP|dpa|Reuters"}  # its own sign-off


def test_cli_conventions(finished_run: Path, tmp_path: Path) -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and re.fullmatch(r"attrib \d+\.\d+\.\d+\S*\n", version.output)
    for command in ([], ["run"], ["show"], ["summary"], ["report"], ["diff"], ["add"]):
        helped = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "80"})
        assert helped.exit_code == 0 and "Usage: " in helped.output, command
        assert max(len(line) for line in helped.output.splitlines()) <= 80, command
    run_help = runner.invoke(app, ["run", "-h"], env={"COLUMNS": "80"}).output
    assert "--aligner <rapidfuzz|difflib>" in run_help and "--format <csv|jsonl>" in run_help
    wrong = runner.invoke(app, ["show", ARTICLE, "-o", str(finished_run), "--aligner", "fast"])
    assert wrong.exit_code == 2 and "'rapidfuzz', 'difflib'" in wrong.output
    quiet = runner.invoke(app, ["run", str(CORPUS), "-o", str(tmp_path), "--no-pdf", "-q"])
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert (tmp_path / "articles.csv").exists() and (tmp_path / RESULT_NAME).exists()


def test_a_long_story_report_is_announced(tmp_path: Path) -> None:
    from attrib.output.reports import long_reports

    result = read_result_of_seeds(tmp_path)
    assert long_reports(result) == []
    assert long_reports(result, pages=2) == [("s2", 2, 3)]  # 2 articles, 1.5 pages each


def test_run_without_pages_writes_no_html(tmp_path: Path) -> None:
    done = runner.invoke(app, ["run", str(CORPUS), "-o", str(tmp_path), "--no-pdf", "--no-html"])
    assert done.exit_code == 0, done.output
    assert not list(tmp_path.glob("*.html")) and not list(tmp_path.glob("*.pdf"))
    assert "wrote 7 files" in done.output  # five tables, the wire text, attrib.db


def read_result_of_seeds(folder: Path) -> CorpusResult:
    options = Options(workers=1)
    save_result(folder / RESULT_NAME, run_corpus(CORPUS, options), options)
    return read_result(folder / RESULT_NAME)


def test_a_run_never_overwrites_a_store_in_its_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    add_corpus(out / RESULT_NAME, CORPUS, Options(workers=1))
    before = (out / RESULT_NAME).read_bytes()
    for command in (
        ["run", str(CORPUS), "-o", str(out)],
        ["run", "--store", str(out / RESULT_NAME), "-o", str(out)],
    ):
        done = runner.invoke(app, [*command, "--no-pdf"])
        assert done.exit_code == 1 and "was not written by attrib run here" in done.output
    assert (out / RESULT_NAME).read_bytes() == before
    assert not (out / "articles.csv").exists()


def test_a_conclusion_overtaken_by_an_addition_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attrib.engines.store import result as kept_result

    options = Options(workers=1)
    first, second = two_batches(tmp_path)
    db = tmp_path / "attrib.db"
    add_corpus(db, first, options)
    conclude = kept_result.conclude

    def overtaken(*args: object, **kwargs: object) -> CorpusResult:
        add_corpus(db, second, options)  # another process adds while this one concludes
        return conclude(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kept_result, "conclude", overtaken)
    assert len(conclude_store(db, options).articles) == 3
    monkeypatch.setattr(kept_result, "conclude", conclude)
    assert len(read_result(db).articles) == 5  # not the three-article conclusion


def test_a_result_of_another_schema_is_named_not_read(finished_run: Path, tmp_path: Path) -> None:
    old = tmp_path / RESULT_NAME
    shutil.copy(finished_run / RESULT_NAME, old)
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="made by another version of attrib"):
        read_result(old)
    shown = runner.invoke(app, ["summary", "--store", str(old)])
    assert shown.exit_code == 1 and "Traceback" not in shown.output


def test_settings_a_finished_run_keeps_are_refused_without_a_corpus(finished_run: Path) -> None:
    done = runner.invoke(app, ["summary", "-o", str(finished_run), "--aligner", "difflib"])
    assert done.exit_code == 2 and "apply with --corpus" in done.output


def test_a_file_with_the_name_but_not_the_text_of_a_run_article_is_analysed_alone(
    finished_run: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / f"{ARTICLE}.txt"
    other.parent.mkdir()
    other.write_text("Cats sleep sixteen hours a day, a study by AFP found.\n", encoding="utf-8")
    shown = runner.invoke(app, ["show", str(other), "-o", str(finished_run), "--json"])
    record = json.loads(shown.output)
    assert record["story_id"] != "s2" and "Cats sleep" in record["passages"][0]["text"]


def test_json_escapes_what_would_act_on_a_terminal() -> None:
    from attrib.output.records import json_text

    hostile = "x\u202ey\x1b[31m\x9b\u2028z é"
    text = json_text({"title": hostile})
    assert json.loads(text)["title"] == hostile and "é" in text
    assert not any(c in text for c in ("\u202e", "\x1b", "\x9b", "\u2028"))


def test_pages_without_pdfs_have_the_whole_first_page(finished_run: Path) -> None:
    page = (finished_run / "story-s2.html").read_text(encoding="utf-8")  # a --no-pdf run
    assert "Passage by outlet" in page and "Wire shares" in page
