"""Who published each article: the manifest, else the page's own metadata, else the first
folder under the corpus root, with `outlet_source` saying which (issue 14, "outlets").

The corpora are the seed pages (real news text, `corpus/`) laid out as researchers save them:
one folder per outlet, with and without a manifest, beside a saved HTML page, a JSON Lines
feed and a web archive that name their own outlet.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from attrib.engines.local import run_corpus
from attrib.ingest.copies import repeated_pages
from attrib.ingest.corpus import read_corpus
from attrib.ingest.metadata import folder_outlet, outlet_choice
from attrib.models import Article
from attrib.options import Options
from attrib.output.reports import write_reports
from conftest import CORPUS
from test_warc import news_page, response, write_warc

INDEPENDENT = "000_0e6aeb84361e53cd.txt"
DW = "001_97affed9db608d73.txt"
STUTTGART_OTHER = "002_5848cd396b6217ca.txt"
REUTERS_MARKED = "003_220b5f207d8cf507.txt"
NEW_ARAB = "004_b192e6a6c486ef08.txt"
LOCAL = Options(workers=1)


def seed(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def paragraphs(name: str) -> list[str]:
    """A seed's paragraphs after its headline lines: the article as a page would carry it."""
    return [p for p in seed(name).split("\n\n")[2:] if p.strip()]


def og_page(site_name: str, name: str) -> str:
    """A saved page of the seed `name` that names its site in `og:site_name`."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs(name))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Pentagon chief</title>"
        f"<meta property='og:site_name' content='{site_name}'></head>"
        f"<body><article><h1>Pentagon chief</h1>{body}</article></body></html>"
    )


def put(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def outlet_folders(root: Path) -> Path:
    """Seeds saved one folder per outlet, no manifest: a text file one folder down, one three
    folders down, one in the root; a page naming its site; a feed, one record naming its
    outlet and one not; a crawl of a DW page."""
    put(root, f"dw/{DW}", seed(DW))
    put(root, f"independent/2016/02/{INDEPENDENT}", seed(INDEPENDENT))
    put(root, REUTERS_MARKED, seed(REUTERS_MARKED))
    put(root, "saved/page.html", og_page("The New Arab", NEW_ARAB))
    records = [
        {"id": "feed-1", "text": seed(STUTTGART_OTHER), "outlet": "Middle East Eye"},
        {"id": "feed-2", "text": "\n\n".join(reversed(paragraphs(STUTTGART_OTHER)))},
    ]
    put(root, "feeds/feed.jsonl", "".join(json.dumps(r) + "\n" for r in records))

    def crawl(writer: WARCWriter) -> list:
        return [response(writer, "https://www.dw.com/en/a-1", news_page("US", paragraphs(DW)))]

    (root / "crawls").mkdir()
    write_warc(root / "crawls" / "crawl.warc.gz", crawl)
    return root


def outlets(root: Path) -> dict[str, tuple[str, str]]:
    articles, skipped = read_corpus(root, LOCAL)
    assert skipped == []
    return {a.article_id: (a.outlet, a.outlet_source) for a in articles}


def test_without_a_manifest_folders_name_outlets_the_page_did_not(tmp_path: Path) -> None:
    assert outlets(outlet_folders(tmp_path)) == {
        "dw/001_97affed9db608d73": ("dw", "folder"),
        "independent/2016/02/000_0e6aeb84361e53cd": ("independent", "folder"),
        "003_220b5f207d8cf507": ("", ""),  # directly in the root: no folder, no outlet
        "saved/page": ("The New Arab", "page"),  # og:site_name wins over the folder
        "feed-1": ("Middle East Eye", "page"),  # a record's own `outlet` is the page's
        "feed-2": ("feeds", "folder"),
        "crawls/crawl#1": ("dw.com", "page"),  # a record's host
    }


def test_the_manifest_wins_over_page_and_folder(tmp_path: Path) -> None:
    root = outlet_folders(tmp_path)
    put(
        root,
        "manifest.csv",
        "path,outlet,published\n"
        f"dw/{DW},Deutsche Welle,\n"
        "saved/page.html,Al-Araby Al-Jadeed,\n"
        "feeds/feed.jsonl,Feed Co,\n"
        f"{REUTERS_MARKED},,2016-02-11\n",  # an empty outlet cell names no outlet
    )
    assert outlets(root) == {
        "dw/001_97affed9db608d73": ("Deutsche Welle", "manifest"),
        "independent/2016/02/000_0e6aeb84361e53cd": ("independent", "folder"),
        "003_220b5f207d8cf507": ("", ""),
        "saved/page": ("Al-Araby Al-Jadeed", "manifest"),
        "feed-1": ("Feed Co", "manifest"),
        "feed-2": ("Feed Co", "manifest"),
        "crawls/crawl#1": ("dw.com", "page"),
    }


def report_rows(root: Path, out: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    write_reports(run_corpus(root, LOCAL), out, pdf=False, workers=1)
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = {row["article_id"]: row for row in reader}
        return list(reader.fieldnames or ()), rows


def test_articles_csv_adds_new_columns_last_and_the_same_bytes_each_run(tmp_path: Path) -> None:
    root = outlet_folders(tmp_path / "corpus")
    header, rows = report_rows(root, tmp_path / "first")
    assert header[-3:] == ["duplicate_of", "outlet_source", "other_stories_share"]
    assert header[:2] == ["article_id", "outlet"]  # existing consumers' columns stay put
    assert {a: (r["outlet"], r["outlet_source"]) for a, r in rows.items()} == outlets(root)
    report_rows(root, tmp_path / "second")
    for name in ("articles.csv", "passages.csv", "outlets.csv", "skipped.csv"):
        first = (tmp_path / "first" / name).read_bytes()
        assert (tmp_path / "second" / name).read_bytes() == first, name


def test_a_folder_outlets_page_saved_twice_counts_once(tmp_path: Path) -> None:
    """DW's seed saved twice under `dw/`, once under `bbc/` and twice in the root: `dw`'s
    second copy is a repeat, `bbc`'s copy is its own publication, and copies with no outlet
    known are never repeats."""
    for relative in ("dw/a.txt", "dw/b.txt", "bbc/c.txt", "d.txt", "e.txt"):
        put(tmp_path / "corpus", relative, seed(DW))
    articles, _ = read_corpus(tmp_path / "corpus", LOCAL)
    assert repeated_pages(articles) == {"dw/b"}
    _, rows = report_rows(tmp_path / "corpus", tmp_path / "out")
    # Every copy is still an article, pointing at the first in id order.
    assert {a: r["duplicate_of"] for a, r in rows.items()} == {
        "bbc/c": "",
        "d": "bbc/c",
        "dw/a": "bbc/c",
        "dw/b": "bbc/c",
        "e": "bbc/c",
    }
    with (tmp_path / "out" / "outlets.csv").open(encoding="utf-8", newline="") as handle:
        counted = {row["outlet"]: row["articles"] for row in csv.DictReader(handle)}
    assert counted == {"": "2", "bbc": "1", "dw": "1"}


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        ("dw/x.txt", "dw"),
        ("dw/sub/x.txt", "dw"),
        ("x.txt", ""),
        ("afp/feed.jsonl:12", "afp"),
        ("crawls/cc-news.warc.gz#7", "crawls"),
        ("feed.jsonl:3", ""),
        ("Le Soir/x.html", "Le Soir"),
    ],
)
def test_the_first_folder_under_the_root_is_the_folder_outlet(path: str, folder: str) -> None:
    assert folder_outlet(path) == folder


@pytest.mark.parametrize(
    ("manifest", "page", "folder", "chosen"),
    [
        ("DW", "Deutsche Welle", "dw", ("DW", "manifest")),
        ("", "Deutsche Welle", "dw", ("Deutsche Welle", "page")),
        ("", "", "dw", ("dw", "folder")),
        ("", "", "", ("", "")),
    ],
)
def test_outlet_choice_order(
    manifest: str, page: str, folder: str, chosen: tuple[str, str]
) -> None:
    assert outlet_choice(manifest, page, folder) == chosen


def test_an_article_serialised_before_outlet_source_still_loads() -> None:
    old = asdict(Article("a", "a.txt", "Text.", outlet="DW"))
    del old["outlet_source"]
    assert Article(**json.loads(json.dumps(old))).outlet_source == ""


@pytest.mark.slow
def test_spark_reads_folder_outlets_as_the_local_engine_does(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    from attrib.engines.spark import SparkUnavailable, read_on, spark_context

    root = outlet_folders(tmp_path)
    try:
        with spark_context("local[1]") as context:
            on_spark = read_on(context, root, LOCAL)
    except SparkUnavailable as error:
        pytest.skip(str(error))
    assert on_spark == read_corpus(root, LOCAL)
