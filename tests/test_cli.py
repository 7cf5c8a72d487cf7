"""The `attrib` command as a user runs it: outputs, determinism, safety, errors."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.models import CorpusResult
from attrib.options import Options
from attrib.output.files import safe_stem
from attrib.output.tables import (
    ARTICLE_COLUMNS,
    NUMERIC_COLUMNS,
    PASSAGE_COLUMNS,
    SKIPPED_COLUMNS,
)
from conftest import CORPUS, REPO

runner = CliRunner()
CONTRACT = {
    "articles.csv": [
        "article_id",
        "outlet",
        "published",
        "title",
        "words",
        "story_id",
        "credited_wires",
        "primary_origin",
        "origin_shares",
        "own_share",
    ],
    "passages.csv": [
        "article_id",
        "passage_id",
        "start",
        "end",
        "text",
        "origin",
        "confidence",
        "evidence",
        "family_id",
        "matched_articles",
    ],
    "skipped.csv": ["path", "reason"],
    "changes.csv": ["article_id", "reference_id", "kind", "words", "before", "after"],
}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_run_writes_the_contract_files_and_story_pdfs(demo_run: Path) -> None:
    for name, first_columns in CONTRACT.items():
        with (demo_run / name).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header[: len(first_columns)] == first_columns
    assert tuple(next(csv.reader((demo_run / "articles.csv").open()))) == ARTICLE_COLUMNS
    assert tuple(next(csv.reader((demo_run / "passages.csv").open()))) == PASSAGE_COLUMNS
    assert tuple(next(csv.reader((demo_run / "skipped.csv").open()))) == SKIPPED_COLUMNS
    pdfs = sorted(p.name for p in demo_run.glob("story-*.pdf"))
    assert pdfs == ["story-s2.pdf"]  # the Stuttgart story; the rest stand alone
    assert all((demo_run / p).read_bytes().startswith(b"%PDF") for p in pdfs)


def test_articles_csv_carries_manifest_and_shares(demo_run: Path) -> None:
    articles = {r["article_id"]: r for r in rows(demo_run / "articles.csv")}
    dw = articles["001_97affed9db608d73"]
    assert dw["outlet"] == "DW" and dw["published"] == "2016-05-04"
    assert dw["credited_wires"] == "AFP;Reuters;dpa"
    independent = articles["000_0e6aeb84361e53cd"]
    shares = dict(item.split(":") for item in independent["origin_shares"].split(";"))
    assert set(shares) == {"AFP", "Reuters"}
    assert abs(sum(map(float, shares.values())) + float(independent["own_share"]) - 1) < 0.02


def test_csv_is_byte_identical_across_runs(demo_run: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 0, result.output
    for name in CONTRACT:
        assert (tmp_path / name).read_bytes() == (demo_run / name).read_bytes(), name


@pytest.mark.slow
def test_csv_does_not_depend_on_the_order_the_files_are_listed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files listed by the file system in opposite orders (created in opposite
    orders, and `os.scandir` reversed on top) give the same bytes."""
    import os

    files = sorted(CORPUS.iterdir())
    for name, order in (("forward", files), ("backward", files[::-1])):
        (tmp_path / name).mkdir()
        for path in order:
            (tmp_path / name / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(app, ["run", str(tmp_path / "forward"), "-o", str(tmp_path / "f")])
    assert result.exit_code == 0, result.output
    scandir = os.scandir

    class Reversed(list):
        """What `os.scandir` returns, entries backwards; also its context manager."""

        def __enter__(self) -> Reversed:
            return self

        def __exit__(self, *exception: object) -> None:
            return None

    monkeypatch.setattr(os, "scandir", lambda path=".": Reversed(list(scandir(path))[::-1]))
    result = runner.invoke(app, ["run", str(tmp_path / "backward"), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    for name in [*CONTRACT, "outlets.csv"]:
        assert (tmp_path / "f" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_formula_cells_are_neutralised_unless_asked(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        '=HYPERLINK("http://example.invalid","click") is what the hostile page wrote here.\n',
        encoding="utf-8",
    )
    runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "safe"), "--no-pdf"])
    runner.invoke(
        app, ["run", str(corpus), "--out", str(tmp_path / "raw"), "--no-pdf", "--no-neutralise"]
    )
    assert rows(tmp_path / "safe" / "passages.csv")[0]["text"].startswith("'=HYPERLINK")
    assert rows(tmp_path / "raw" / "passages.csv")[0]["text"].startswith("=HYPERLINK")


def test_unreadable_file_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("The ministers met in Brussels on Thursday.\n")
    (corpus / "junk.txt").write_bytes(b"\x00\xff\x00binary")
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0
    assert "junk.txt" in result.output and "binary" in result.output
    assert rows(tmp_path / "out" / "skipped.csv") == [
        {"path": "junk.txt", "reason": "binary file (contains NUL bytes)"}
    ]
    assert [r["article_id"] for r in rows(tmp_path / "out" / "articles.csv")] == ["good"]


def test_missing_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope'}: no such folder"
    (tmp_path / "file.txt").write_text("x")
    as_file = runner.invoke(app, ["run", str(tmp_path / "file.txt")])
    assert as_file.output.strip() == f"Error: {tmp_path / 'file.txt'}: not a folder"


@pytest.mark.parametrize(
    "command",
    [
        ["add", "{corpus}", "--store", "{tmp}/attrib.db"],
        ["diff", "a", "b", "--corpus", "{corpus}"],
    ],
    ids=["add", "diff"],
)
def test_every_command_names_a_corpus_that_is_not_a_folder_alike(
    tmp_path: Path, command: list[str]
) -> None:
    """One check (`ingest.corpus.check_corpus_folder`), so `add` and `diff --corpus` say what `run`
    says, where `diff --corpus` once called a file 'no such folder'."""
    (tmp_path / "file.txt").write_text("x")
    cases = ((tmp_path / "nope", "no such folder"), (tmp_path / "file.txt", "not a folder"))
    for corpus, reason in cases:
        args = [part.format(corpus=corpus, tmp=tmp_path) for part in command]
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert result.output.strip() == f"Error: {corpus}: {reason}"


def test_diff_of_two_files_piped_is_plain_text() -> None:
    result = runner.invoke(
        app,
        [
            "diff",
            str(CORPUS / "003_220b5f207d8cf507.txt"),
            str(CORPUS / "000_0e6aeb84361e53cd.txt"),
            "--inline",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    assert "{+Mr+}" in result.output
    assert "[-display-]" in result.output and "{+show+}" in result.output


def test_diff_by_ids_in_a_corpus() -> None:
    result = runner.invoke(
        app, ["diff", "001_97affed9db608d73", "002_5848cd396b6217ca", "--corpus", str(CORPUS)]
    )
    assert result.exit_code == 0, result.output
    assert "This fight is far from over" in result.output
    missing = runner.invoke(app, ["diff", "001_97affed9db608d73", "nope", "--corpus", str(CORPUS)])
    assert missing.exit_code == 1 and "no article with id 'nope'" in missing.output


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert command.callback.__doc__, name
        assert f"attrib {name}" in readme, name


def test_reports_from_an_earlier_run_go_and_the_users_files_stay(tmp_path: Path) -> None:
    """What attrib wrote before and did not write again is removed (story ids are renumbered
    each run); files it never wrote stay, whatever their names."""
    from attrib.output.files import record_written

    stale = tmp_path / "story-s9.pdf"
    stale.write_bytes(b"%PDF-from an earlier run")
    record_written(tmp_path, ["story-s9.pdf", "wire-s9.txt"])
    mine = [tmp_path / "story-draft.pdf", tmp_path / "wire-reuters.txt", tmp_path / "notes.md"]
    for path in mine:
        path.write_text("the user's own")
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert all(path.read_text() == "the user's own" for path in mine)
    stories = sorted(p.name for p in tmp_path.glob("story-s*.pdf"))
    assert stories == ["story-s2.pdf"]


@pytest.mark.slow
def test_a_reports_folder_inside_the_corpus_is_never_read_back(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS.iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    for _ in range(2):
        result = runner.invoke(app, ["run", str(corpus), "-o", str(corpus / "reports")])
        assert result.exit_code == 0, result.output
        assert "5 articles" in result.output and "wrote 10 files" in result.output
        assert "skipped" not in result.output
    result = runner.invoke(app, ["run", str(corpus), "-o", str(corpus)])
    assert result.exit_code == 2 and "--out must not be CORPUS itself" in result.output


def test_changes_csv_names_each_kind_of_change(demo_run: Path) -> None:
    changes = rows(demo_run / "changes.csv")
    other = [c for c in changes if c["article_id"] == "002_5848cd396b6217ca"]
    kinds = {(c["kind"], c["before"], c["after"]) for c in other}
    assert ("localisation", "defense", "defence") in kinds
    assert ("house_style", "2", "two") in kinds
    assert ("rewording", "spending", "output") in kinds
    assert any(c["kind"] == "altered_quote" for c in changes)
    articles = {r["article_id"]: r for r in rows(demo_run / "articles.csv")}
    assert articles["002_5848cd396b6217ca"]["reference_id"] == "(reconstructed s2)"
    assert articles["001_97affed9db608d73"]["reference_id"] == "(reconstructed s2)"
    # Alone in their stories (The Independent shares one borrowed paragraph with 003): no
    # reference to compare with.
    for alone in ("000_0e6aeb84361e53cd", "003_220b5f207d8cf507", "004_b192e6a6c486ef08"):
        assert articles[alone]["reference_id"] == articles[alone]["added_share"] == ""
    # Read in the texts: DW makes Carter's reported "he was confident" a quote ("I am
    # confident"); 002's sentence that echoes "all must do more" is set against a reference
    # quote 002 prints whole in another passage: moved, not altered.
    assert articles["001_97affed9db608d73"]["altered_quotes"] == "1"
    assert articles["002_5848cd396b6217ca"]["altered_quotes"] == "0"


def test_two_workers_give_the_same_tables_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import attrib.engines.local

    monkeypatch.setattr(attrib.engines.local, "PAIRS_PER_TASK", 3)  # so the seeds need a pool
    for workers in ("1", "2"):
        out = tmp_path / workers
        result = runner.invoke(
            app, ["run", str(CORPUS), "--out", str(out), "--no-pdf", "--workers", workers]
        )
        assert result.exit_code == 0, result.output
    for name in CONTRACT:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_outlets_csv_adds_up_each_outlets_articles(demo_run: Path) -> None:
    outlets = {r["outlet"]: r for r in rows(demo_run / "outlets.csv")}
    articles = [r for r in rows(demo_run / "articles.csv") if r["kind"] == "outlet"]
    assert set(outlets) == {a["outlet"] for a in articles}
    for outlet, row in outlets.items():
        mine = [a for a in articles if a["outlet"] == outlet]
        assert int(row["articles"]) == len(mine)
        assert int(row["words"]) == sum(int(a["words"]) for a in mine)
        shares = (float(row[c]) for c in ("wire_share", "own_share", "unknown_share"))
        assert abs(sum(shares) - 1) <= 0.015
    independent = outlets["The Independent"]
    by_wire = dict(pair.split(":") for pair in independent["wire_shares"].split(";"))
    # It credits AFP only, so the Reuters paragraph it ran went out uncredited.
    assert independent["uncredited_wire_share"] == by_wire["Reuters"] != "0.00"
    # DW's sign-off names every wire its text came from, together: its text is agency copy,
    # but no one agency's.
    assert outlets["DW"]["uncredited_wire_share"] == "0.00"
    assert outlets["DW"]["wire_shares"] == "" and outlets["DW"]["joint_share"] == "1.00"


def test_jsonl_tables_hold_what_the_csv_tables_hold(tmp_path: Path) -> None:
    args = ["run", str(CORPUS), "--out", str(tmp_path), "--no-pdf", "--no-neutralise"]
    result = runner.invoke(app, [*args, "--format", "csv", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    for table in ("articles", "passages", "changes", "outlets", "skipped"):
        table_rows = rows(tmp_path / f"{table}.csv")
        lines = (tmp_path / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        assert len(records) == len(table_rows), table
        for record, row in zip(records, table_rows, strict=True):
            assert list(record) == list(row), table
            for column, value in record.items():
                if isinstance(value, dict):  # origin_shares, wire_shares: origin to share
                    cell = ";".join(f"{origin}:{share:.2f}" for origin, share in value.items())
                    assert cell == row[column], (table, column)
                elif isinstance(value, int | float):
                    assert float(row[column]) == value, (table, column)
                else:
                    assert (value or "") == row[column], (table, column)
    words = [json.loads(line)["words"] for line in (tmp_path / "articles.jsonl").open()]
    assert all(isinstance(w, int) for w in words)
    shares = [json.loads(line)["origin_shares"] for line in (tmp_path / "articles.jsonl").open()]
    assert {"AFP": 0.77, "Reuters": 0.23} in shares and {} in shares


def test_summary_prints_the_outlets_table_the_run_wrote(demo_run: Path) -> None:
    printed = runner.invoke(app, ["summary", "--corpus", str(CORPUS)], env={"COLUMNS": "160"})
    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    for row in rows(demo_run / "outlets.csv"):
        name = row["outlet"] or "(none)"
        line = next(line for line in lines if line.strip().startswith(name))
        by_wire = ", ".join(
            f"{wire} {round(float(share) * 100)}%"
            for wire, share in (pair.split(":") for pair in row["wire_shares"].split(";") if pair)
        )
        cells = line.split()
        assert by_wire in line
        # The last four columns: joint, uncredited, own, unknown.
        shares = ("joint_share", "uncredited_wire_share", "own_share", "unknown_share")
        assert cells[-4:] == [f"{round(float(row[c]) * 100)}%" for c in shares]
        assert f"{round(float(row['uncredited_wire_share']) * 100)}%" in cells
        assert row["articles"] in cells and row["words"] in cells


@pytest.mark.slow
def test_report_writes_only_the_story_and_the_article_asked_for(
    demo_run: Path, tmp_path: Path
) -> None:
    from test_pdf import pdf_text

    second = [a for a in rows(demo_run / "articles.csv") if a["story_id"] == "s2"]
    chosen = second[-1]["article_id"]
    asked = ["--story", "s2", "--article", chosen]
    result = runner.invoke(app, ["report", "--corpus", str(CORPUS), "-o", str(tmp_path), *asked])
    assert result.exit_code == 0, result.output
    article_pdf = f"article-{safe_stem(chosen)}.pdf"
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert written == sorted(["story-s2.pdf", article_pdf])
    # The story report compares every article with the reconstructed wire text; the article
    # report keeps the first page and only its own comparison.
    whole, alone = pdf_text(demo_run / "story-s2.pdf"), pdf_text(tmp_path / article_pdf)
    assert whole.count("compared with") == len(second) > 1
    assert alone.count("compared with") == 1
    assert f"The report of {second[-1]['outlet'] or chosen}" in alone
    assert pdf_text(tmp_path / "story-s2.pdf") == whole


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (["--story", "s9"], "no story 's9'"),
        (["--article", "nope"], "no article with id 'nope'"),
    ],
)
def test_report_of_something_the_run_lacks_is_a_one_line_error(
    asked: list[str], message: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["report", "--corpus", str(CORPUS), "-o", str(tmp_path), *asked])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_every_table_loads_in_pandas_with_no_options(tmp_path: Path) -> None:
    """What a researcher types first: `pd.read_csv(path)`, `pd.read_json(path, lines=True)`.
    Every row arrives, figures as numbers, and ids stay text."""
    import pandas as pd

    result = runner.invoke(
        app,
        [
            "run",
            str(CORPUS),
            "-o",
            str(tmp_path),
            "--no-pdf",
            "--format",
            "csv",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    for table in ["articles", "passages", "changes", "outlets", "skipped"]:
        frame = pd.read_csv(tmp_path / f"{table}.csv")
        assert len(frame) == len(rows(tmp_path / f"{table}.csv")), table
        lines = pd.read_json(tmp_path / f"{table}.jsonl", lines=True)
        assert len(lines) == len(frame), table
        for column in frame.columns.intersection(sorted(NUMERIC_COLUMNS)):
            assert pd.api.types.is_numeric_dtype(frame[column]), (table, column)
            assert pd.api.types.is_numeric_dtype(lines[column]), (table, column)
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert articles["article_id"].tolist() == [
        a["article_id"] for a in rows(tmp_path / "articles.csv")
    ]
    assert articles["words"].sum() > 1000 and articles["own_share"].between(0, 1).all()


def test_strict_stops_at_an_unreadable_file_and_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS.glob("*.txt"):
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out, store = tmp_path / "out", tmp_path / "attrib.db"

    result = runner.invoke(app, ["run", str(corpus), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "skipped photo.txt: binary file (a PNG image)" in result.output
    assert "Error: --strict: an input could not be read, so nothing was written" in result.output
    assert "(the first: photo.txt: binary file (a PNG image))" in result.output
    assert not out.exists()

    result = runner.invoke(app, ["add", str(corpus), "--store", str(store), "--strict"])
    assert result.exit_code == 1 and "--strict" in result.output
    assert not store.exists()  # refused before a new store was even created

    assert runner.invoke(app, ["add", str(corpus), "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["run", "--store", str(store), "-o", str(out), "--strict"])
    assert result.exit_code == 1 and "photo.txt" in result.output
    result = runner.invoke(app, ["run", str(corpus), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0  # without --strict the batch goes on
    assert rows(out / "skipped.csv") == [
        {"path": "photo.txt", "reason": "binary file (a PNG image)"}
    ]


def test_strict_add_refuses_an_id_already_stored_and_leaves_the_store(tmp_path: Path) -> None:
    """The store finds this skip itself (the first line came in an earlier batch), inside the
    addition's transaction, which --strict then rolls back."""
    seeds = sorted(CORPUS.glob("*.txt"))
    store = tmp_path / "attrib.db"
    for batch, name, seed in (("one", "feed", seeds[0]), ("two", "other", seeds[1])):
        (tmp_path / batch).mkdir()
        record = {"id": "42", "text": seed.read_text(encoding="utf-8")}
        (tmp_path / batch / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
    assert runner.invoke(app, ["add", str(tmp_path / "one"), "--store", str(store)]).exit_code == 0
    before = store.read_bytes()
    result = runner.invoke(app, ["add", str(tmp_path / "two"), "--store", str(store), "--strict"])
    assert result.exit_code == 1
    assert "skipped other.jsonl:1: duplicate article id '42'" in result.output
    assert store.read_bytes() == before


def test_show_summary_and_report_read_a_store_with_its_own_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store built with the difflib aligner and the Jaccard score is concluded with them by
    every view, without retyping the options (retyped differently, `attrib add` would refuse
    it): matches extended with another score would not be the store's."""
    from attrib.engines.store import result as kept_result

    store = tmp_path / "attrib.db"
    built = ["--aligner", "difflib", "--similarity", "jaccard"]
    added = runner.invoke(app, ["add", str(CORPUS), "--store", str(store), *built])
    assert added.exit_code == 0, added.output
    concluded_with: list[Options] = []
    conclude = kept_result.conclude

    def recording(*args: Any, **kwargs: Any) -> CorpusResult:
        concluded_with.append(args[2])
        return conclude(*args, **kwargs)

    monkeypatch.setattr(kept_result, "conclude", recording)
    for command in (
        ["show", "000_0e6aeb84361e53cd"],
        ["summary"],
        ["report", "--story", "s2", "-o", str(tmp_path / "out")],
    ):
        result = runner.invoke(app, [*command, "--store", str(store)])
        assert result.exit_code == 0, (command, result.output)
    assert [(o.aligner, o.similarity) for o in concluded_with] == [("difflib", "jaccard")] * 3
    assert (tmp_path / "out" / "story-s2.pdf").exists()


def test_an_out_folder_that_cannot_be_one_is_named_before_any_work(tmp_path: Path) -> None:
    taken = tmp_path / "reports"
    taken.write_text("not a folder")
    for command in (["run", str(CORPUS)], ["report", "--corpus", str(CORPUS)]):
        result = runner.invoke(app, [*command, "-o", str(taken)])
        assert result.exit_code == 1
        assert f"Error: {taken}: is a file, not a folder" in result.output
        assert "Traceback" not in result.output


def test_report_on_a_run_without_a_story_says_so(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "alone.txt").write_bytes((CORPUS / "004_b192e6a6c486ef08.txt").read_bytes())
    result = runner.invoke(app, ["report", "--corpus", str(corpus), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no two articles of this run share text" in result.output


def test_every_table_column_is_explained_in_a_readme_table() -> None:
    """The first cell of a README table row names the columns it explains (`a`, `b`)."""
    from attrib.output.tables import CHANGE_COLUMNS, OUTLET_COLUMNS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    explained = {
        name
        for line in readme.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])
    }
    columns = {*ARTICLE_COLUMNS, *PASSAGE_COLUMNS, *CHANGE_COLUMNS, *OUTLET_COLUMNS}
    assert sorted(columns - explained) == []


def test_a_page_saved_twice_counts_once_and_another_outlets_copy_counts(tmp_path: Path) -> None:
    """DW's seed article four times: run word for word by Le Soir and by DW, each page saved
    twice. All four are articles (`duplicate_of` names the first); each outlet published it
    once, though DW's copies point at Le Soir's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / "001_97affed9db608d73.txt").read_text(encoding="utf-8")
    for name in "abcd":
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "path,outlet\na.txt,Le Soir\nb.txt,DW\nc.txt,DW\nd.txt,Le Soir\n"
    )
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    articles = {r["article_id"]: r for r in rows(tmp_path / "out" / "articles.csv")}
    assert [articles[n]["duplicate_of"] for n in "abcd"] == ["", "a", "a", "a"]
    outlets = {r["outlet"]: r for r in rows(tmp_path / "out" / "outlets.csv")}
    assert outlets["DW"]["articles"] == outlets["Le Soir"]["articles"] == "1"
    assert outlets["DW"]["words"] == outlets["Le Soir"]["words"] == articles["a"]["words"]
