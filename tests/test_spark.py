"""The Spark engine (`attrib run --engine spark`) writes the same bytes as the local engine.

One Spark context (`local[2]`) serves the module: starting one costs seconds. Needs pyspark
(`pip install -e '.[spark]'`) and Java 17, and ../shared/data for the Reuters corpus: outside
CI a missing one skips with the reason; under CI (`CI` set) it fails, so the engines' agreement
cannot silently stop being checked.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.engines.local import prepare_corpus, run_corpus
from attrib.engines.spark import (
    SparkUnavailable,
    candidate_pairs,
    passage_offsets,
    passage_table,
    run_on,
    run_spark,
    spark_context,
)
from attrib.ingest.corpus import read_corpus
from attrib.match.shingles import pairs_from_shingles
from attrib.models import CorpusResult
from attrib.options import Options
from attrib.output.reports import write_reports
from conftest import REPO, SHARED_DATA
from test_warc import three_stories, write_warc

if TYPE_CHECKING:
    from pyspark import SparkContext

sys.path.insert(0, str(REPO / "bench"))
import reuters

runner = CliRunner()
# One process for the local engine here: forking a pool beside the JVM's gateway threads
# is asking for trouble, and the tables do not depend on the worker count (test_cli).
LOCAL = Options(workers=1)


def require(what: str, present: bool, how: str) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have {what} to check the Spark engine ({how})")
    pytest.skip(f"needs {what} ({how})")


def has_pyspark() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkContext]:
    require("pyspark", has_pyspark(), "pip install -e '.[spark]'")
    with ExitStack() as stack:
        try:
            context = stack.enter_context(spark_context("local[2]"))
        except SparkUnavailable as error:
            require("a Spark that starts", False, str(error))
        yield context


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, bare_seeds: Path) -> Path:
    """The five seed pages, 60 outlet copies of real Reuters stories, and what makes reading
    and cleaning differ per file: outlets from a manifest (so outlets' repeated lines are
    dropped), a manifest row for a missing file, a binary file, a JSONL feed with a bad line
    and an id the seeds already have, and a WARC of three pages."""
    require(
        "../shared/data/reuters21578",
        (SHARED_DATA / "reuters21578").exists(),
        "the shared evaluation data beside the clone",
    )
    folder = tmp_path_factory.mktemp("spark-corpus")
    for path in bare_seeds.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    assert reuters.write_corpus(folder, 60, copies=3) == 60
    copies = sorted(folder.glob("reut2-*.txt"))
    # Outlets of six articles: their page furniture recurs often enough to be dropped.
    rows = [{"path": path.name, "outlet": f"Outlet {k % 10}"} for k, path in enumerate(copies)]
    rows.append({"path": "gone.txt", "outlet": "Nobody"})
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["path", "outlet"])
        writer.writeheader()
        writer.writerows(rows)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    seed = (bare_seeds / "003_220b5f207d8cf507.txt").read_text(encoding="utf-8")
    feed = [
        json.dumps({"id": "feed-1", "text": seed, "outlet": "Feed"}),
        "{not json",
        json.dumps({"id": "000_0e6aeb84361e53cd", "text": seed}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", three_stories)  # web-archive input, both engines
    # Two Reuters filings sharing a sentence rare in the corpus: a common-source link, which
    # depends on how many articles hold a shingle (each engine counts it its own way).
    filings = (REPO / "tests" / "fixtures" / "reuters-filings.jsonl").read_text("utf-8")
    for row in map(json.loads, filings.splitlines()):
        if row["id"] in ("r15848", "r19833"):
            (folder / f"filing-{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    return folder


def report_files(result: CorpusResult, out: Path) -> dict[str, bytes]:
    write_reports(result, out, pdf=False, workers=1)  # no fork beside the JVM gateway
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


@pytest.mark.slow
def test_spark_writes_byte_identical_reports(
    spark: SparkContext, corpus: Path, tmp_path: Path
) -> None:
    local = run_corpus(corpus, LOCAL)
    on_spark = run_on(spark, corpus, LOCAL)
    expected = report_files(local, tmp_path / "local")
    written = report_files(on_spark, tmp_path / "spark")
    assert sorted(written) == sorted(expected)
    for name, content in expected.items():
        assert written[name] == content, name
    # The corpus exercises what it is meant to: matches, outlets' furniture, skipped rows.
    assert len(local.articles) == 71 and len(local.matches) > 300
    assert any("(common source)" in a.evidence for a in local.attributions.values())
    removed = {r.reason for a in local.articles for r in a.removed}
    assert "repeated across the outlet" in removed
    skipped = expected["skipped.csv"].decode()
    for reason in ("duplicate article id", "invalid JSON", "binary file", "not found"):
        assert reason in skipped


@pytest.mark.slow
def test_spark_candidate_pairs_equal_the_numpy_index(spark: SparkContext, corpus: Path) -> None:
    articles, _ = read_corpus(corpus, LOCAL)
    prepared = prepare_corpus(articles, LOCAL)
    grams = [g for p in prepared for g in p.shingles]
    article_of = np.repeat(np.arange(len(prepared)), [len(p.passages) for p in prepared])
    located = passage_table(
        spark.parallelize(list(enumerate(prepared)), 4),
        spark.broadcast(passage_offsets(prepared)),
    )
    for options in (LOCAL, Options(max_document_frequency=3, min_shared_shingles=6)):
        expected = pairs_from_shingles(grams, article_of, options).tolist()
        found = sorted(candidate_pairs(located, options).collect())
        assert expected and [list(pair) for pair in found] == expected


@pytest.mark.slow
def test_cli_runs_on_spark(spark: SparkContext, bare_seeds: Path, tmp_path: Path) -> None:
    args = ["run", str(bare_seeds), "--no-pdf", "--engine", "spark", "--spark-master", "local[2]"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "spark")])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output
    expected = report_files(run_corpus(bare_seeds, LOCAL), tmp_path / "local")
    for name in ("articles.csv", "passages.csv", "changes.csv", "outlets.csv", "skipped.csv"):
        assert (tmp_path / "spark" / name).read_bytes() == expected[name], name


def test_without_pyspark_the_error_says_what_to_install(
    bare_seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    with pytest.raises(SparkUnavailable, match=r"install attrib\[spark\]"):
        run_spark(bare_seeds, Options())
    result = runner.invoke(
        app, ["run", str(bare_seeds), "--engine", "spark", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "Error: cannot run the Spark engine: pyspark is not installed" in result.output
