"""Web archives (.warc, .warc.gz) as corpus files: pages become articles, other records are
passed over, and damage costs only the records it touches.

The WARC files are written here with warcio, from real news pages (the Scrapinghub article
extraction benchmark in ../shared/data, with its ground-truth bodies) and from inline pages
for the tests that need no shared data.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from attrib.engines.local import run_corpus
from attrib.ingest.corpus import read_corpus
from attrib.ingest.decoding import decode
from attrib.ingest.metadata import file_of
from attrib.ingest.warc import crawl_date, media_type, outlet_of, record_id, warc_articles
from attrib.models import Article, Skipped
from attrib.options import Options
from conftest import SHARED_DATA, shared_data

BENCHMARK = "scrapinghub_article_extraction_benchmark"
CRAWLED = "2019-11-21T08:30:00Z"
PAGES = 20

# Word overlap of the extracted text with the benchmark's ground-truth bodies, on the first 20
# pages by id, measured 2026-11-22: recall mean 0.998 (lowest page 0.970), precision mean
# 0.947 (lowest 0.622, a page whose extraction keeps a sidebar). Floors sit a little below.
RECALL_MEAN_FLOOR = 0.97
RECALL_PAGE_FLOOR = 0.93
PRECISION_MEAN_FLOOR = 0.90

WIRE_STORY = [
    "Dock workers at the port of Antwerp walked out on Tuesday over a plan to cut night "
    "shifts, halting container traffic at Europe's second-busiest port, union officials said.",
    "About 2,000 members of the ABVV transport union joined the 24-hour strike, which began "
    "at six in the morning and left more than thirty ships waiting at anchor in the Scheldt.",
    "The port authority said it regretted the action and had offered to keep talking about "
    "the schedule, which it says is needed to compete with Rotterdam and Hamburg.",
    "Shipping lines warned that delays could last into next week even if the strike ends on "
    "time, as vessels diverted to other ports would need several days to return.",
]
OTHER_STORY = [
    "The city council of Ghent approved a new cycling plan on Monday evening that will close "
    "three more streets in the historic centre to cars from the spring.",
    "Shopkeepers in the affected streets said they feared losing customers, while residents' "
    "groups welcomed the plan and asked for more bicycle parking near the station.",
]


def news_page(title: str, paragraphs: Iterable[str]) -> bytes:
    """A news page as outlets serve them: navigation, the article, a footer; no date anywhere."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Scheldt Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© Scheldt Courier. All rights reserved.</footer></body></html>"
    ).encode()


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: Iterable[tuple[str, str]] = (),
    warc_headers: dict[str, str] | None = None,
) -> ArcWarcRecord:
    """An HTTP response record as a crawler writes it, crawled at `CRAWLED`."""
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CRAWLED, **(warc_headers or {})},
    )


def request(writer: WARCWriter, url: str) -> ArcWarcRecord:
    headers = StatusAndHeaders(
        f"GET {urlsplit(url).path or '/'} HTTP/1.1",
        [("Host", urlsplit(url).netloc), ("User-Agent", "test-crawler")],
        is_http_request=True,
    )
    return writer.create_warc_record(url, "request", http_headers=headers)


def write_warc(path: Path, records: Callable[[WARCWriter], Iterable[ArcWarcRecord]]) -> list[int]:
    """Write records, each as its own gzip member when the name ends `.gz`; returns where each
    record starts in the file."""
    starts = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for record in records(writer):
            starts.append(stream.tell())
            writer.write_record(record)
    return starts


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def overlap(truth: str, extracted: str) -> tuple[float, float]:
    """(recall, precision) of the extracted words against the ground-truth body's."""
    expected, got = words(truth), words(extracted)
    common = sum((expected & got).values())
    return common / max(1, sum(expected.values())), common / max(1, sum(got.values()))


def split(items: Iterable[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    items = list(items)
    return (
        [item for item in items if isinstance(item, Article)],
        [item for item in items if isinstance(item, Skipped)],
    )


# --- the pure pieces -------------------------------------------------------------------------


def test_media_type_and_charset() -> None:
    assert media_type('text/html; charset="ISO-8859-1"') == ("text/html", "ISO-8859-1")
    assert media_type("Application/XHTML+XML") == ("application/xhtml+xml", None)
    assert media_type(None) == ("", None)


def test_outlet_is_the_host_without_www() -> None:
    assert outlet_of("https://www.wsj.com/articles/x?mod=1") == "wsj.com"
    assert outlet_of("http://WWW.Example.co.uk:8080/a") == "example.co.uk"
    assert outlet_of("https://news.sky.com/story") == "news.sky.com"
    assert outlet_of("http://[broken/") == ""


def test_crawl_date_is_the_utc_day() -> None:
    assert crawl_date("2019-11-21T08:30:00Z") == "2019-11-21"
    assert crawl_date("2019-11-21T23:30:00.123456-02:00") == "2019-11-22"
    assert crawl_date("") == crawl_date(None) == crawl_date("yesterday") == ""


def test_record_ids_and_locations() -> None:
    assert record_id("cc/CC-NEWS-20191121.warc.gz", 7) == "cc/CC-NEWS-20191121#7"
    assert record_id("crawl.WARC", 3) == "crawl#3"
    assert file_of("cc/CC-NEWS-20191121.warc.gz#7") == "cc/CC-NEWS-20191121.warc.gz"
    assert file_of("feed.jsonl:12") == "feed.jsonl"


def test_declared_charset_reads_what_detection_would_guess() -> None:
    text = "Забастовка в порту"
    assert decode(text.encode("koi8-r"), "x", "KOI8-R") == text
    # Latin-1 and ASCII labels mean windows-1252, as browsers read them.
    for label in ("iso-8859-1", "us-ascii"):
        assert decode("“Quote” – dash".encode("cp1252"), "x", label) == "“Quote” – dash"
    # A label Python does not know, or one the bytes do not fit, leaves it to detection.
    assert decode("naïve".encode(), "x", "no-such-charset") == "naïve"
    assert decode("Le café crème".encode("cp1252"), "x", "utf-8") == "Le café crème"


# --- real pages ------------------------------------------------------------------------------


def require_benchmark() -> Path:
    folder = SHARED_DATA / BENCHMARK
    if os.environ.get("CI") and not folder.exists():
        pytest.fail(f"CI must have {folder} to check WARC extraction on real pages")
    return shared_data(BENCHMARK)


@pytest.fixture(scope="module")
def benchmark_pages() -> list[tuple[str, str, str, bytes]]:
    """(page id, url, ground-truth body, html bytes) of the first pages by id."""
    folder = require_benchmark()
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            page,
            truth[page]["url"],
            truth[page]["articleBody"],
            gzip.decompress((folder / "html" / f"{page}.html.gz").read_bytes()),
        )
        for page in sorted(truth)[:PAGES]
    ]


@pytest.mark.slow
def test_real_pages_in_a_warc_read_as_their_html_files(
    benchmark_pages: list[tuple[str, str, str, bytes]], tmp_path: Path
) -> None:
    corpus, saved = tmp_path / "corpus", tmp_path / "saved"
    corpus.mkdir()
    saved.mkdir()
    first_url = benchmark_pages[0][1]

    def records(writer: WARCWriter) -> Iterator[ArcWarcRecord]:
        yield writer.create_warcinfo_record("news.warc.gz", {"software": "attrib tests"})
        yield request(writer, first_url)
        for number, (_, url, _, html) in enumerate(benchmark_pages):
            # Pages with and without a declared charset, and one served as XHTML.
            kind = ("text/html; charset=UTF-8", "text/html", "application/xhtml+xml")[number % 3]
            yield response(writer, url, html, kind)
        yield response(
            writer, "https://www.wsj.com/photo.jpg", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"
        )
        yield response(
            writer, "https://www.wsj.com/gone", benchmark_pages[1][3], status="404 Not Found"
        )
        yield writer.create_revisit_record(
            first_url, "sha1:AAAA", first_url, CRAWLED, http_headers=None
        )
        yield writer.create_warc_record(
            first_url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n")
        )

    write_warc(corpus / "news.warc.gz", records)
    for page, _, _, html in benchmark_pages:
        (saved / f"{page}.html").write_bytes(html)

    articles, skipped = read_corpus(corpus, Options())
    as_html = {a.article_id: a for a in read_corpus(saved, Options())[0]}

    assert skipped == []
    # Records 1 and 2 are warcinfo and request; the pages follow in order.
    assert [a.article_id for a in articles] == [f"news#{n + 3}" for n in range(PAGES)]
    recalls, precisions = [], []
    for article, (page, url, truth, _) in zip(articles, benchmark_pages, strict=True):
        html = as_html[page]
        assert article.path == f"news.warc.gz#{article.article_id.split('#')[1]}"
        assert article.url == url
        assert article.outlet == outlet_of(url) and not article.outlet.startswith("www.")
        assert article.published == (html.published or CRAWLED[:10])
        # A date, or a time to the minute (in UTC when the page gives its zone).
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z?)?", article.published)
        assert (article.text, article.title, article.language) == (
            html.text,
            html.title,
            html.language,
        )
        recall, precision = overlap(truth, article.text)
        recalls.append(recall)
        precisions.append(precision)
    assert {a.outlet for a in articles} >= {"wsj.com", "nytimes.com", "venturebeat.com"}
    assert sum(recalls) / len(recalls) >= RECALL_MEAN_FLOOR
    assert min(recalls) >= RECALL_PAGE_FLOOR
    assert sum(precisions) / len(precisions) >= PRECISION_MEAN_FLOOR


def test_a_declared_legacy_charset_gives_the_same_text(
    benchmark_pages: list[tuple[str, str, str, bytes]], tmp_path: Path
) -> None:
    """A page served in windows-1252 (characters outside it as character references) reads
    as the same text as its UTF-8 original."""
    _, url, _, html = benchmark_pages[1]
    legacy = html.decode("utf-8").encode("cp1252", errors="xmlcharrefreplace")
    assert legacy != html
    path = tmp_path / "legacy.warc.gz"
    write_warc(
        path, lambda writer: [response(writer, url, legacy, "text/html; charset=windows-1252")]
    )
    (article,) = warc_articles(path, path.name, Options())
    (tmp_path / "original.html").write_bytes(html)
    original = read_corpus(tmp_path, Options())[0]
    assert [a.article_id for a in original] == ["legacy#1", "original"]
    assert article.text == original[1].text


# --- inline pages, end to end ----------------------------------------------------------------


def test_a_warc_page_aligns_with_a_text_copy_in_the_same_corpus(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "crawl.warc.gz",
        lambda writer: [
            writer.create_warcinfo_record("crawl.warc.gz", {"software": "attrib tests"}),
            response(
                writer,
                "https://www.scheldtcourier.be/news/antwerp-dock-strike",
                news_page("Antwerp dockers strike over night shifts", WIRE_STORY),
            ),
            response(
                writer,
                "https://www.scheldtcourier.be/news/ghent-cycling-plan",
                news_page("Ghent closes more streets to cars", OTHER_STORY),
            ),
        ],
    )
    copy = [
        "Antwerp port hit by strike",
        "",
        WIRE_STORY[0].replace("walked out on Tuesday", "went on strike on Tuesday"),
        "",
        WIRE_STORY[1],
        "",
        WIRE_STORY[2] + " - Reuters",
    ]
    (tmp_path / "gazette.txt").write_text("\n".join(copy) + "\n", encoding="utf-8")

    result = run_corpus(tmp_path, Options(workers=1))

    assert result.skipped == ()
    page = result.article("crawl#2").article
    assert page.path == "crawl.warc.gz#2"
    assert page.url == "https://www.scheldtcourier.be/news/antwerp-dock-strike"
    assert page.outlet == "scheldtcourier.be"
    assert page.published == "2019-11-21"  # the page states no date: the crawl's day
    assert page.title.startswith("Antwerp dockers strike")
    assert "Europe's second-busiest port" in page.text and "All rights reserved" not in page.text
    pairs = {
        frozenset(result.passages_by_id[p].article_id for p in (m.a, m.b)) for m in result.matches
    }
    assert frozenset({"crawl#2", "gazette"}) in pairs
    assert not any("crawl#3" in pair for pair in pairs)
    assert result.story_of["crawl#2"] == result.story_of["gazette"] != result.story_of["crawl#3"]


def test_manifest_row_for_a_warc_file_applies_to_its_pages(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "wire.warc",
        lambda writer: [
            response(writer, "https://agency.example/a", news_page("Strike", WIRE_STORY)),
            response(writer, "https://agency.example/b", news_page("Cycling", OTHER_STORY)),
        ],
    )
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,published,url,title,kind\nwire.warc,Agency,,,,wire\n", encoding="utf-8"
    )
    articles, skipped = read_corpus(tmp_path, Options())
    assert skipped == []
    assert [(a.article_id, a.outlet, a.kind) for a in articles] == [
        ("wire#1", "Agency", "wire"),
        ("wire#2", "Agency", "wire"),
    ]


# --- damage ----------------------------------------------------------------------------------


def three_stories(writer: WARCWriter) -> list[ArcWarcRecord]:
    return [
        writer.create_warcinfo_record("x", {"software": "attrib tests"}),
        response(writer, "https://example.org/1", news_page("Strike", WIRE_STORY)),
        response(writer, "https://example.org/2", news_page("Cycling", OTHER_STORY)),
        response(writer, "https://example.org/3", news_page("Strike again", WIRE_STORY[::-1])),
    ]


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_a_file_cut_mid_record_keeps_the_records_before(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    starts = write_warc(path, three_stories)
    data = path.read_bytes()
    path.write_bytes(data[: (starts[-1] + len(data)) // 2])  # halfway into the last record

    articles, skipped = split(warc_articles(path, name, Options()))

    assert [a.article_id for a in articles] == ["cut#2", "cut#3"]
    assert [s.path for s in skipped] == [f"{name}#4"]
    assert "cut off" in skipped[0].reason or "cut short" in skipped[0].reason


def test_corrupt_gzip_keeps_the_records_before(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    starts = write_warc(path, three_stories)
    data = bytearray(path.read_bytes())
    middle = (starts[2] + starts[3]) // 2
    data[middle : middle + 8] = b"\x00" * 8  # deflate data of record 3 overwritten
    path.write_bytes(bytes(data))

    articles, skipped = split(warc_articles(path, path.name, Options()))

    assert [a.article_id for a in articles] == ["bad#2"]
    assert [s.path for s in skipped] == ["bad.warc.gz#3"]
    assert skipped[0].reason.startswith("damaged WARC, not read from this record on")


def test_a_page_over_the_size_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    def records(writer: WARCWriter) -> list[ArcWarcRecord]:
        big = news_page("Strike", WIRE_STORY * 20)
        return [
            response(writer, "https://example.org/1", news_page("Cycling", OTHER_STORY)),
            response(writer, "https://example.org/2", big),
            response(writer, "https://example.org/3", news_page("Strike", WIRE_STORY)),
        ]

    write_warc(tmp_path / "big.warc.gz", records)
    (tmp_path / "small.txt").write_text(OTHER_STORY[0], encoding="utf-8")

    articles, skipped = read_corpus(tmp_path, Options(max_file_bytes=5_000))

    assert [a.article_id for a in articles] == ["big#1", "big#3", "small"]
    assert [s.path for s in skipped] == ["big.warc.gz#2"]
    assert "too large" in skipped[0].reason and "limit 5,000" in skipped[0].reason


def test_compressed_pages_are_read_and_partial_pages_named(tmp_path: Path) -> None:
    page = news_page("Strike", WIRE_STORY)
    write_warc(
        tmp_path / "crawl.warc.gz",
        lambda writer: [
            response(
                writer,
                "https://example.org/1",
                gzip.compress(page),
                extra=[("Content-Encoding", "gzip")],
            ),
            response(
                writer,
                "https://example.org/2",
                page[: len(page) // 2],
                warc_headers={"WARC-Truncated": "length"},
            ),
        ],
    )
    articles, skipped = read_corpus(tmp_path, Options())
    assert [a.article_id for a in articles] == ["crawl#1"]
    assert WIRE_STORY[1] in articles[0].text
    assert [(s.path, s.reason) for s in skipped] == [
        ("crawl.warc.gz#2", "the crawler saved only part of this page (WARC-Truncated: length)")
    ]


@pytest.mark.parametrize("data", [b"", gzip.compress(b"")], ids=["zero-bytes", "empty-gzip"])
def test_an_empty_warc_is_named_not_a_crash(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "empty.warc.gz").write_bytes(data)
    assert read_corpus(tmp_path, Options()) == (
        [],
        [Skipped("empty.warc.gz", "no WARC records in the file (empty)")],
    )


def test_a_file_that_is_not_a_warc_is_skipped_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "plain.warc.gz").write_bytes(b"WARC/1.0\r\nnot gzip at all")
    (tmp_path / "notes.warc").write_text("Shopping list: bread, milk.\n", encoding="utf-8")
    articles, skipped = read_corpus(tmp_path, Options())
    assert articles == []
    reasons = {s.path: s.reason for s in skipped}
    assert set(reasons) == {"plain.warc.gz#1", "notes.warc#1"}
    assert "not valid gzip" in reasons["plain.warc.gz#1"]
    assert "does not parse" in reasons["notes.warc#1"]
