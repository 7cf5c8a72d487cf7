"""Hostile and broken input (issue 6): every file becomes articles or one clear line naming the
file and the reason, and the batch goes on.

Each case is built in `tmp_path` from the real seed pages of `corpus/`, read as `attrib run`
reads it (`read_corpus`, `run_corpus`, or the CLI), and the test says what must come out:
which files are read (UTF-16, CRLF, NUL padding, mixed encodings, truncated HTML) and, for the
rest, the exact reason `skipped.csv` gives.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.engines.local import run_corpus
from attrib.ingest.copies import duplicates_of
from attrib.ingest.corpus import read_corpus
from attrib.ingest.decoding import decode, meta_charset, normalise_text
from attrib.models import Article
from attrib.options import Options
from conftest import CORPUS

runner = CliRunner()
SEEDS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}
# The Independent's page: curly double quotes and no-break spaces.
INDEPENDENT = SEEDS["000_0e6aeb84361e53cd"]
# A page with curly single and double quotes (cp1252 has them all at 0x91-0x94).
QUOTES = SEEDS["002_5848cd396b6217ca"]
LIMIT = Options().max_file_bytes


def read(folder: Path, **options: int) -> tuple[dict[str, Article], dict[str, str]]:
    """Articles by id and skip reasons by path, as `attrib run` reads the folder."""
    articles, skipped = read_corpus(folder, Options(**options))
    return {a.article_id: a for a in articles}, {s.path: s.reason for s in skipped}


def page(text: str, title: str = "Carter wants more from the coalition") -> str:
    """A web page whose article body is `text`, one `<p>` per paragraph."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def assert_only_skip(folder: Path, name: str, data: bytes, reason: str) -> None:
    """Beside a good page, the file `name` holding `data` is skipped for `reason`, alone."""
    (folder / "good.txt").write_text(INDEPENDENT, encoding="utf-8")
    (folder / name).write_bytes(data)
    articles, skipped = read(folder)
    assert list(articles) == ["good"]
    assert skipped == {name: reason}


def body(article: Article) -> str:
    return " ".join(article.text.split())


# --- binary, empty, blank ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
            "binary file (a PNG image)",
        ),
        (
            "page.html",
            gzip.compress(page(INDEPENDENT).encode()),
            "binary file (gzip-compressed data)",
        ),
        ("report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document)"),
        ("dump.txt", bytes(range(256)) * 8, "binary file (contains NUL bytes)"),
        (
            "tty.txt",
            b"\x1b[1m\x01\x02\x03\x04\x05\x06 log \x07\x08" * 50,
            "binary file (47% of its bytes are control characters)",
        ),
    ],
    ids=["png", "gzip", "pdf", "bytes", "controls"],
)
def test_binary_files_are_named_by_what_they_are(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    assert_only_skip(tmp_path, name, data, reason)


def test_nul_padding_inside_a_real_page_is_dropped_not_fatal(tmp_path: Path) -> None:
    """A real news page (lostiempos.com, in trafilatura's evaluation set) carries 22 NUL bytes
    after an image tag; it is text and must be read, without the NULs."""
    data = INDEPENDENT.encode("utf-8")
    middle = data.index(b"Carter")
    (tmp_path / "padded.txt").write_bytes(data[:middle] + b"\x00" * 11 + data[middle:])
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": "Nato\u0000 allies met in Brussels on Thursday."}) + "\n"
    )
    articles, skipped = read(tmp_path)
    assert skipped == {}
    assert articles["padded"].text == normalise_text(INDEPENDENT)
    assert articles["f1"].text == "Nato allies met in Brussels on Thursday."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "no text (empty or whitespace only)"),
        ("empty.html", b"", "no text (empty or whitespace only)"),
        (
            "blank.txt",
            " \n\t\r\n\u00a0\u200b\ufeff \n".encode(),
            "no text (empty or whitespace only)",
        ),
        (
            "blank16.txt",
            codecs.BOM_UTF16_LE + "  \r\n ".encode("utf-16-le"),
            "no text (empty or whitespace only)",
        ),
        ("bare.html", b"<html><body><div> </div></body></html>", "no main text found in the HTML"),
        ("empty.jsonl", b"\n  \n", "no records (empty, or blank lines only)"),
    ],
    ids=["empty-txt", "empty-html", "blank-txt", "blank-utf16", "bare-html", "blank-jsonl"],
)
def test_empty_and_blank_files_are_named(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    assert_only_skip(tmp_path, name, data, reason)


# --- encodings and newlines -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: text.encode("utf-16-le"),  # no BOM: a NUL in every other byte, one side
        lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-16"),
        lambda text: text.replace("\n", "\r").encode("cp1252"),
    ],
    ids=[
        "utf16le-bom",
        "utf16be-bom",
        "utf16le-no-bom",
        "utf8-bom-crlf",
        "utf16-crlf",
        "cp1252-cr",
    ],
)
def test_other_encodings_and_newlines_read_as_the_same_text(tmp_path: Path, encode) -> None:
    """Read, not skipped: a text file gives the seed's text exactly, a page its article."""
    (tmp_path / "page.txt").write_bytes(encode(QUOTES))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_bytes(encode(page(INDEPENDENT)))
    articles, skipped = read(tmp_path)
    assert skipped == {}
    assert articles["page"].text == normalise_text(QUOTES)
    html = articles["site/page"]
    assert "\r" not in html.text
    assert " ".join(INDEPENDENT.split()) in body(html)
    assert html.title == "Carter wants more from the coalition"


def test_a_corpus_saved_as_utf16_with_crlf_gives_the_same_passages(tmp_path: Path) -> None:
    """The whole analysis, not only the reading: what Windows Notepad saves is the same corpus."""
    plain, windows = tmp_path / "plain", tmp_path / "windows"
    plain.mkdir()
    windows.mkdir()
    for name, text in SEEDS.items():
        (plain / f"{name}.txt").write_text(text, encoding="utf-8")
        (windows / f"{name}.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    options = Options(workers=1)
    expected, found = run_corpus(plain, options), run_corpus(windows, options)
    assert [(p.passage_id, p.text) for p in found.passages] == [
        (p.passage_id, p.text) for p in expected.passages
    ]
    assert len(found.matches) == len(expected.matches) > 0


def test_utf8_with_a_damaged_byte_keeps_the_rest_of_its_utf8(tmp_path: Path) -> None:
    """One cut character (a right quote's last byte lost) used to send the whole file to the
    detector, which read every other quote as two wrong characters."""
    data = QUOTES.encode("utf-8")
    cut = data.index("’".encode()) + 2
    (tmp_path / "cut.txt").write_bytes(data[:cut] + data[cut + 1 :])
    articles, skipped = read(tmp_path)
    assert skipped == {}
    text = articles["cut"].text
    assert text.count("’") == QUOTES.count("’") - 1
    assert text.count("“") == QUOTES.count("“") > 0
    assert "â€" in text  # the two bytes left of the cut quote, as windows-1252 reads them


def test_mixed_encodings_in_one_file_read_each_part_right(tmp_path: Path) -> None:
    """A UTF-8 page with a cp1252 paragraph pasted in (or the other way round)."""
    paragraphs = QUOTES.split("\n\n")
    half = len(paragraphs) // 2
    first, second = "\n\n".join(paragraphs[:half]), "\n\n".join(paragraphs[half:])
    assert "“" in first and "’" in second
    for encodings in (("utf-8", "cp1252"), ("cp1252", "utf-8")):
        data = first.encode(encodings[0]) + b"\n\n" + second.encode(encodings[1])
        (tmp_path / "mixed.txt").write_bytes(data)
        articles, skipped = read(tmp_path)
        assert skipped == {}
        assert articles["mixed"].text == normalise_text(QUOTES), encodings


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń. Sekcja PODRÓŻE przyszłość Polski, powiedział minister.", "cp1250"),
        ("Телеканал «НТВ» сообщил, что в среду в Брюсселе министры обороны НАТО.", "cp1251"),
    ],
)
def test_single_byte_text_is_not_taken_for_broken_utf8(
    tmp_path: Path, text: str, encoding: str
) -> None:
    """ "ÓŻ" in cp1250 and "В»" in cp1251 happen to be valid UTF-8 pairs (a real Polish page has
    "PODRÓŻE" in its menu); the rest of such a file is not UTF-8 at all."""
    (tmp_path / "page.txt").write_bytes(text.encode(encoding))
    articles, skipped = read(tmp_path)
    assert skipped == {}
    assert articles["page"].text == text


def test_a_page_is_read_in_the_charset_it_names() -> None:
    """A saved page has no HTTP header; its `<meta charset>` says how it is encoded, and a
    detector guessing alone reads short Polish as Latin-1 ("pomagaę, æeby")."""
    polish = "Jak pomagać, żeby nie zaszkodzić? Poradnik w pigułce."
    head = b'<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'
    assert meta_charset(head + b"</head>") == "ISO-8859-2"
    assert meta_charset(b"<meta charset='utf-8'>") == "utf-8"
    assert meta_charset(b" " * 9000 + b"<meta charset='utf-8'>") is None
    assert decode(polish.encode("iso-8859-2"), "p.html", hinted="ISO-8859-2") == polish
    # A hint never overrides valid UTF-8: templates label UTF-8 pages ISO-8859-1.
    assert decode(polish.encode(), "p.html", hinted="ISO-8859-1") == polish
    # Markup that says UTF-16 was readable as ASCII, so it is not UTF-16.
    french = "Crème brûlée, a-t-il ajouté."
    assert decode(french.encode("cp1252"), "p.html", hinted="utf-16") == french


def test_random_bytes_that_no_encoding_reads_are_named(tmp_path: Path) -> None:
    noise = bytes((n * 7919 + 13) % 128 + 128 for n in range(5000))
    (tmp_path / "noise.txt").write_bytes(noise)
    assert read(tmp_path)[1] == {"noise.txt": "cannot detect the text encoding"}


# --- HTML ---------------------------------------------------------------------------------------


def test_truncated_html_keeps_what_came_before_the_cut(tmp_path: Path) -> None:
    """Cut inside a tag, with no document around it, or inside a character (a download cut
    at a byte count): the text before the cut is read, its curly quotes intact."""
    html = page(INDEPENDENT)
    cut = html.index("Mr Carter's push") + 40
    (tmp_path / "cut.html").write_text(html[:cut] + "<a hre", encoding="utf-8")
    (tmp_path / "fragment.html").write_text(html[html.index("<p>") : cut], encoding="utf-8")
    data = html.encode("utf-8")
    (tmp_path / "mid-character.html").write_bytes(data[: data.index(b"\xe2\x80\x9d") + 1])
    articles, skipped = read(tmp_path)
    assert skipped == {}
    for article in articles.values():
        assert "NATO is considering joining the US-led coalition" in article.text
        assert "“Thanks to the leadership" in article.text
    assert "Mr Carter's push came a day after" in articles["cut"].text
    assert "Mr Carter's push came a day after" in articles["fragment"].text


def test_deeply_nested_html_is_named_not_a_recursion_error(tmp_path: Path) -> None:
    """100,000 nested `<div>`s: libxml2 stops at 256 levels, and nothing in attrib recurses
    over the tree. Text above the nesting is read; text only inside it is lost, and said so."""
    depth = 100_000
    inside = f"<html><body>{'<div>' * depth}<p>{QUOTES}</p>{'</div>' * depth}</body></html>"
    above = page(INDEPENDENT).replace("</article>", "</article>" + "<div>" * depth)
    (tmp_path / "inside.html").write_text(inside, encoding="utf-8")
    (tmp_path / "above.html").write_text(above, encoding="utf-8")
    started = time.perf_counter()
    result = run_corpus(tmp_path, Options(workers=1))
    assert time.perf_counter() - started < 30
    assert [(s.path, s.reason) for s in result.skipped] == [
        (
            "inside.html",
            "no main text found in the HTML; its elements nest deeper than 256, "
            "where the parser stops",
        )
    ]
    [article] = result.articles
    assert article.article_id == "above"
    assert "Mr Carter's push came a day after" in article.body


# --- size -------------------------------------------------------------------------------------


def sparse(path: Path, size: int, head: bytes = b"", tail: bytes = b"") -> None:
    """A file of `size` bytes written without writing them: a hole between `head` and `tail`."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.seek(size - len(tail))
        handle.write(tail)
        handle.truncate(size)


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Text and HTML are checked by size first; a feed is read line by line, holding at most
    one line up to the limit, so a 200 MB line is named without ever being in memory."""
    size = 200_000_000
    sparse(tmp_path / "huge.txt", size, head=INDEPENDENT.encode())
    sparse(tmp_path / "huge.html", size, head=page(INDEPENDENT).encode())
    sparse(tmp_path / "manifest.csv", size, head=b"path,outlet\nhuge.txt,The Independent\n")
    good = [json.dumps({"id": f"f{n}", "text": SEEDS[k]}) for n, k in enumerate(sorted(SEEDS)[:2])]
    sparse(
        tmp_path / "feed.jsonl",
        size,
        head=f"{good[0]}\n".encode(),
        tail=f"\n{good[1]}\n".encode(),
    )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        articles, skipped = read(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 20
    assert peak < LIMIT + 10_000_000  # one line at the limit, never the 200 MB
    too_large = f"file too large ({size:,} bytes; limit {LIMIT:,})"
    line = size - len(good[0]) - len(good[1]) - 2
    assert skipped == {
        "manifest.csv": too_large,
        "huge.txt": too_large,
        "huge.html": too_large,
        "feed.jsonl:2": f"line too large ({line:,} bytes; limit {LIMIT:,})",
    }
    assert sorted(articles) == ["f0", "f1"]


# --- feeds, manifests, duplicates -------------------------------------------------------------


def test_a_feeds_bad_lines_are_named_by_line_and_the_others_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": INDEPENDENT, "outlet": "The Independent"}).encode(),
        b'{"id": "a2", "text": "unterminated',
        b"[1, 2, 3]",
        json.dumps({"id": "a4", "text": "Crème brûlée"}, ensure_ascii=False).encode("cp1252"),
        json.dumps({"id": "a5", "text": "   "}).encode(),
        json.dumps({"text": QUOTES}).encode(),
        b"",
        json.dumps({"id": "a8", "text": QUOTES}).encode(),
    ]
    (tmp_path / "feed.jsonl").write_bytes(b"\r\n".join(lines))
    articles, skipped = read(tmp_path)
    assert sorted(articles) == ["a1", "a8"]
    assert articles["a1"].outlet == "The Independent"
    assert skipped == {
        "feed.jsonl:2": "invalid JSON: Unterminated string starting at (column 22)",
        "feed.jsonl:3": "line is not a JSON object",
        "feed.jsonl:4": "line is not UTF-8",
        "feed.jsonl:5": "empty 'text'",
        "feed.jsonl:6": "missing 'id'",
    }


def test_manifest_problems_are_named_and_the_rest_of_the_row_applies(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        (tmp_path / f"{name}.txt").write_text(SEEDS[sorted(SEEDS)["abcd".index(name)]])
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,published,kind\n"
        "a.txt,The Independent,11/02/2016,outlet\n"
        "b.txt,Reuters,2016-02-11T14:30:00+01:00,Wire\n"
        "c.txt,DW,2016-05-04,agency\n"
        "gone.txt,Nobody,2016-05-04,\n"
        ",Orphan,,\n"
        "d.txt,,2016-13-45,\n",
        encoding="utf-8",
    )
    articles, skipped = read(tmp_path)
    assert (articles["a"].outlet, articles["a"].published) == ("The Independent", "")
    assert (articles["b"].published, articles["b"].kind) == ("2016-02-11T13:30Z", "wire")  # in UTC
    assert (articles["c"].outlet, articles["c"].kind) == ("DW", "outlet")
    assert articles["d"].published == ""
    assert skipped == {
        "manifest.csv:2": "bad date '11/02/2016' (want YYYY-MM-DD or an ISO date-time) for "
        "'a.txt'; ignored",
        "manifest.csv:4": "unknown kind 'agency' (want wire or outlet) for 'c.txt'; ignored",
        "manifest.csv:6": "manifest row without a 'path'",
        "manifest.csv:7": "bad date '2016-13-45' (want YYYY-MM-DD or an ISO date-time) for "
        "'d.txt'; ignored",
        "gone.txt": "named in the manifest but not found in the corpus",
    }


def test_a_manifest_without_a_path_column_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(INDEPENDENT)
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,The Independent\nb.txt,DW\n")
    articles, skipped = read(tmp_path)
    assert articles["a"].outlet == ""
    assert skipped == {"manifest.csv": "no 'path' column (its columns: file, outlet)"}


def test_a_manifest_cell_past_the_csv_field_limit_is_named(tmp_path: Path) -> None:
    """An unclosed quote swallows the rest of the file into one cell; the csv module refuses
    a cell over 128 KiB, which used to end the whole run."""
    (tmp_path / "a.txt").write_text(INDEPENDENT)
    rows = "".join(f"p{n}.txt,Outlet {n}\n" for n in range(20_000))
    (tmp_path / "manifest.csv").write_text(f'path,outlet\na.txt,"The Independent\n{rows}')
    articles, skipped = read(tmp_path)
    assert list(articles) == ["a"]
    assert skipped == {
        "manifest.csv:2": "unreadable CSV (field larger than field limit (131072)); "
        "the rest is not used"
    }


def test_duplicate_ids_are_named_with_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(INDEPENDENT)
    (tmp_path / "a.html").write_text(page(QUOTES))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "a", "text": SEEDS["001_97affed9db608d73"]})
    )
    articles, skipped = read(tmp_path)
    # Two files of one name are two articles (the later keeps its extension); a feed's ids are
    # its producer's, so a second `a` there is named.
    assert list(articles) == ["a", "a.txt"] and articles["a"].path == "a.html"
    assert skipped == {"feed.jsonl:1": "duplicate article id 'a' (first in a.html)"}


def test_the_same_text_twice_is_kept_and_named_as_a_copy(tmp_path: Path) -> None:
    """Verbatim republication is what attrib looks for: every copy is an article, and
    `duplicates_of` names the first with the same words (by text, not bytes: saved again as
    UTF-16 with CRLF, or with other white space), whatever its outlet, kind or source. Only
    the same page reached twice (same URL, same text) is read once."""
    (tmp_path / "a.txt").write_text(QUOTES, encoding="utf-8")
    (tmp_path / "b.txt").write_text(QUOTES, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(QUOTES.replace("\n", "\r\n").encode("utf-16"))
    (tmp_path / "d.txt").write_text(QUOTES.replace("\n\n", "\n \n") + "\n\n", encoding="utf-8")
    (tmp_path / "e.html").write_text(page(INDEPENDENT), encoding="utf-8")
    (tmp_path / "f.txt").write_text(QUOTES, encoding="utf-8")
    (tmp_path / "g.txt").write_text(QUOTES, encoding="utf-8")
    (tmp_path / "h.txt").write_text(QUOTES, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "i", "text": QUOTES}))
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,kind,url\nf.txt,Le Soir,,https://lesoir.be/1\ng.txt,,wire,\n"
        "h.txt,Le Soir,,https://lesoir.be/1\n",
        encoding="utf-8",
    )
    articles, skipped = read(tmp_path)
    assert sorted(articles) == ["a", "b", "c", "d", "e", "f", "g", "i"]
    assert skipped == {"h.txt": "the same page as f.txt (same URL and text); read once"}
    # The reference wire copy (g) is the one the others copy, whatever the file order.
    assert duplicates_of(articles.values()) == {name: "g" for name in "abcdfi"}


# --- the command line ---------------------------------------------------------------------------


def broken_corpus(folder: Path) -> dict[str, str]:
    """One file of each kind of trouble beside two good pages; returns the skips expected."""
    folder.mkdir()
    (folder / "good.txt").write_text(INDEPENDENT, encoding="utf-8")
    (folder / "windows.txt").write_bytes(QUOTES.replace("\n", "\r\n").encode("utf-16"))
    (folder / "reprint.txt").write_text(INDEPENDENT, encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.html").write_bytes(b"")
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 5000 + "<p>Deep.</p>")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": SEEDS["003_220b5f207d8cf507"]}) + "\n{oops\n"
    )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "manifest.csv").write_text("path,published\ngood.txt,yesterday\ngone.txt,\n")
    return {
        "manifest.csv:2": "bad date 'yesterday' (want YYYY-MM-DD or an ISO date-time) for "
        "'good.txt'; ignored",
        "empty.html": "no text (empty or whitespace only)",
        "feed.jsonl:2": "invalid JSON: Expecting property name enclosed in double quotes "
        "(column 2)",
        "nested.html": "no main text found in the HTML; its elements nest deeper than 256, "
        "where the parser stops",
        "notes.docx": "unsupported file type '.docx'",
        "photo.txt": "binary file (a PNG image)",
        "gone.txt": "named in the manifest but not found in the corpus",
    }


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_cli_names_each_problem_on_one_line_and_goes_on(tmp_path: Path) -> None:
    expected = broken_corpus(tmp_path / "corpus")
    result = runner.invoke(
        app, ["run", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--no-pdf"]
    )
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert sorted(said) == sorted(f"skipped {path}: {reason}" for path, reason in expected.items())
    written = {row["path"]: row["reason"] for row in csv_rows(tmp_path / "out" / "skipped.csv")}
    assert written == expected
    ids = [row["article_id"] for row in csv_rows(tmp_path / "out" / "articles.csv")]
    assert ids == ["f1", "good", "reprint", "windows"]


def test_the_store_skips_what_a_full_run_skips(tmp_path: Path) -> None:
    """`attrib run --store` reads through the same `gather`, so its tables are the same."""
    broken_corpus(tmp_path / "corpus")
    corpus = str(tmp_path / "corpus")
    for args in (
        ["--out", str(tmp_path / "full")],
        ["--store", str(tmp_path / "db"), "--out", str(tmp_path / "stored")],
    ):
        result = runner.invoke(app, ["run", corpus, "--no-pdf", *args])
        assert result.exit_code == 0, result.output
    for table in ("articles.csv", "skipped.csv", "passages.csv"):
        assert (tmp_path / "full" / table).read_bytes() == (
            tmp_path / "stored" / table
        ).read_bytes()


def test_a_copy_added_in_a_later_batch_is_kept_as_in_one_run(tmp_path: Path) -> None:
    for batch, name in (("one", "a.txt"), ("two", "b.txt")):
        (tmp_path / batch).mkdir()
        (tmp_path / batch / name).write_text(INDEPENDENT)
    db = str(tmp_path / "attrib.db")
    for batch in ("one", "two"):
        runner.invoke(app, ["add", str(tmp_path / batch), "--store", db])
    result = runner.invoke(app, ["run", "--store", db, "--out", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert csv_rows(tmp_path / "out" / "skipped.csv") == []
    articles = {row["article_id"]: row for row in csv_rows(tmp_path / "out" / "articles.csv")}
    assert articles["a"]["duplicate_of"] == "" and articles["b"]["duplicate_of"] == "a"


# --- links, special files, names -------------------------------------------------------------


def test_links_out_of_the_corpus_and_special_files_are_named_not_read(tmp_path: Path) -> None:
    """A link to a private file would put its text into the reports; a FIFO would hang."""
    import os

    secret = tmp_path / "private.txt"
    secret.write_text("My bank password is hunter2, said the reporter on Thursday.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(INDEPENDENT, encoding="utf-8")
    (corpus / "inside.txt").symlink_to(corpus / "good.txt")
    (corpus / "innocent.txt").symlink_to(secret)
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(corpus / "pipe.txt")
    articles, skipped = read(corpus)
    assert "hunter2" not in " ".join(a.text for a in articles.values())
    assert skipped == {
        "innocent.txt": "a link to a file outside the corpus; not read",
        "dangling.txt": "a link to nothing",
        "pipe.txt": "not a regular file (a FIFO, socket or device)",
        # The same file reached twice is one publication:
        "inside.txt": "a link to good.txt, which is read once as itself",
    }


def test_a_file_name_with_a_newline_is_one_line_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(INDEPENDENT, encoding="utf-8")
    (tmp_path / "two\nlines.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "skipped two\\nlines.txt: no text (empty or whitespace only)\n" in result.output


def test_a_feed_lines_unusable_date_and_kind_are_named_and_the_article_kept(
    tmp_path: Path,
) -> None:
    record = {"id": "f1", "text": QUOTES, "published": "11/02/2016", "kind": "telegraph"}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    articles, skipped = read_corpus(tmp_path, Options())
    assert articles[0].published == "" and articles[0].kind == "outlet"
    assert [(s.path, s.reason) for s in skipped] == [
        ("feed.jsonl:1", "bad date '11/02/2016' (want YYYY-MM-DD or an ISO date-time); ignored"),
        ("feed.jsonl:1", "unknown kind 'telegraph' (want wire or outlet); ignored"),
    ]


def test_control_characters_never_reach_the_csv(tmp_path: Path) -> None:
    record = {"id": "f\x00\x1b[2J1", "text": "Carter\x1b]0;owned\x07 said " + QUOTES}
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "feed.jsonl").write_text(json.dumps(record) + "\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(tmp_path / "corpus"), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    for table in out.glob("*.csv"):
        data = table.read_bytes()
        assert not any(byte < 32 and byte not in b"\n" for byte in data), table.name
    assert "f[2J1" in (out / "articles.csv").read_text(encoding="utf-8")
