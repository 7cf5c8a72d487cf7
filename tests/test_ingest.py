"""Reading a corpus folder: encodings, formats, manifest, and files that cannot be read."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from attrib.errors import UnreadableArticle
from attrib.ingest.corpus import read_corpus
from attrib.ingest.decoding import decode
from attrib.options import Options

SENTENCE = "Le ministre a déclaré jeudi à Bruxelles que l'alliance ferait davantage."


def read(folder: Path, **options: int):
    return read_corpus(folder, Options(**options))


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        SENTENCE.encode("cp1252"),
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16-bom"],
)
def test_decode_detects_encodings(data: bytes) -> None:
    assert decode(data, "x.txt") == SENTENCE


@pytest.mark.parametrize(
    "text", ["crème brûlée, naïve, coût", "Face à la crise, le ministre a déclaré jeudi."]
)
def test_short_western_text_in_cp1252_is_not_read_as_cp1250(text: str) -> None:
    assert decode(text.encode("cp1252"), "x.txt") == text


def test_decode_normalises_newlines() -> None:
    assert decode(b"one\r\ntwo\rthree\n", "x.txt") == "one\ntwo\nthree\n"


def test_decode_refuses_binary() -> None:
    with pytest.raises(UnreadableArticle, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")


def test_folder_of_mixed_formats(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Talks in Brussels</title></head><body><article>"
        "<h1>Talks in Brussels</h1><p>Defence ministers met in Brussels on Thursday to discuss "
        "the campaign against Islamic State and pledged more support for the coalition.</p>"
        "<p>The talks came a day after France rebuked Washington over its Syria policy and "
        "demanded a clearer commitment to ending the war.</p></article></body></html>",
        encoding="utf-8",
    )
    records = [
        {"id": "w1", "text": SENTENCE, "outlet": "AFP", "kind": "wire"},
        {"id": "w2", "text": "Second wire story about the ministers and the coalition."},
    ]
    (tmp_path / "wires.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n{not json\n", encoding="utf-8"
    )
    articles, skipped = read(tmp_path)
    by_id = {a.article_id: a for a in articles}
    assert sorted(by_id) == ["b", "sub/a", "w1", "w2"]
    assert by_id["w1"].kind == "wire" and by_id["w1"].outlet == "AFP"
    assert by_id["w1"].outlet_source == "page" and by_id["w2"].outlet_source == ""
    assert (by_id["sub/a"].outlet, by_id["sub/a"].outlet_source) == ("sub", "folder")
    assert "Defence ministers met in Brussels" in by_id["b"].text
    assert by_id["b"].title == "Talks in Brussels"
    assert [s.path for s in skipped] == ["wires.jsonl:3"]
    assert "invalid JSON" in skipped[0].reason


def test_manifest_metadata_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,published,url,title,kind\n"
        "a.txt,Le Soir,2016-02-11,,Alliance,wire\n"
        "gone.txt,X,,,,\n",
        encoding="utf-8",
    )
    articles, skipped = read(tmp_path)
    assert articles[0].outlet == "Le Soir" and articles[0].kind == "wire"
    assert articles[0].outlet_source == "manifest"
    assert articles[0].published == "2016-02-11"
    assert [(s.path, s.reason) for s in skipped] == [
        ("gone.txt", "named in the manifest but not found in the corpus")
    ]


def test_unreadable_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "big.txt").write_text(SENTENCE * 10, encoding="utf-8")
    articles, skipped = read(tmp_path, max_file_bytes=200)
    assert [a.article_id for a in articles] == ["good"]
    reasons = {s.path: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "notes.pdf", "big.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "unsupported" in reasons["notes.pdf"]
    assert "too large" in reasons["big.txt"]


def test_a_text_file_beside_a_page_of_the_same_name_keeps_its_extension(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a.htm").write_text(f"<p>{SENTENCE}</p>", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [(a.article_id, a.path) for a in articles] == [("a", "a.htm"), ("a.txt", "a.txt")]
    assert skipped == []


def test_manifest_problems_are_named_and_jsonl_files_take_their_row(tmp_path: Path) -> None:
    records = [{"id": "w1", "text": SENTENCE}, {"id": "w2", "text": SENTENCE + " Encore."}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    (tmp_path / "manifest.jsonl").write_text(
        '{"path": "feed.jsonl", "outlet": "AFP", "kind": "wire"}\n'
        "[1, 2]\n"
        "{broken\n"
        '{"path": "feed.jsonl", "outlet": "Reuters"}\n',
        encoding="utf-8",
    )
    articles, skipped = read(tmp_path)
    assert [(a.article_id, a.outlet, a.kind) for a in articles] == [
        ("w1", "AFP", "wire"),
        ("w2", "AFP", "wire"),
    ]
    assert [(s.path, s.reason.split(":")[0]) for s in skipped] == [
        ("manifest.jsonl:2", "line is not a JSON object"),
        ("manifest.jsonl:3", "invalid JSON"),
        ("manifest.jsonl:4", "'feed.jsonl' is listed twice; the first row is used"),
    ]


def test_jsonl_is_limited_per_record_not_per_file(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{n}", "text": SENTENCE}) for n in range(20)]
    lines.append(json.dumps({"id": "huge", "text": "word " * 200}))
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, skipped = read(tmp_path, max_file_bytes=500)
    assert len(articles) == 20
    assert [s.path for s in skipped] == ["feed.jsonl:21"]
    assert skipped[0].reason.startswith("line too large")


def test_reading_on_several_cores_gives_the_same_corpus(tmp_path: Path) -> None:
    """Files are read in runs on all cores; the corpus (order, ids, skips) must not depend on
    how many: three runs of files here, pages, text, a duplicate id and a file that fails."""
    from conftest import CORPUS

    seeds = sorted(CORPUS.glob("*.txt"))
    for n in range(130):
        seed = seeds[n % len(seeds)].read_text(encoding="utf-8")
        if n % 3:
            (tmp_path / f"{n:03d}.txt").write_text(seed, encoding="utf-8")
        else:
            body = "".join(f"<p>{line}</p>" for line in seed.splitlines() if line.strip())
            page = f"<html><head><title>Page {n}</title></head><body><article>{body}</article>"
            (tmp_path / f"{n:03d}.html").write_text(page + "</body></html>", encoding="utf-8")
    (tmp_path / "007.html").write_text("<html><body><p>same id as 007.txt</p></body></html>")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe")
    pids: list[int] = []
    alone = read_corpus(tmp_path, Options(workers=1), meanwhile=lambda: pids.append(os.getpid()))
    shared = read_corpus(tmp_path, Options(workers=2), meanwhile=lambda: pids.append(os.getpid()))
    assert alone == shared
    # The parent's own work (compiling the wire list in a run) happens once each time, here.
    assert pids == [os.getpid(), os.getpid()]
    articles, skipped = shared
    assert len(articles) >= 130 and [a.article_id for a in articles] == sorted(
        a.article_id for a in articles
    )
    assert any(s.path == "bad.txt" for s in skipped)


def test_a_page_the_manifest_dates_is_read_alike_without_the_date_search(tmp_path: Path) -> None:
    """With the manifest's date, a page is not searched for one (htmldate's extensive search,
    the costly part of reading pages that carry no date of their own); all else is the same."""
    page = (
        "<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
        f"<p>{SENTENCE}</p><p>{SENTENCE} Encore.</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    undated, _ = read(tmp_path)
    (tmp_path / "manifest.csv").write_text("path,published\na.html,2016-02-11\n")
    dated, _ = read(tmp_path)
    assert dated[0].published == "2016-02-11"
    assert (dated[0].text, dated[0].title) == (undated[0].text, undated[0].title)
