"""Read a corpus folder into articles: plain text, HTML pages, JSON Lines, web archives (WARC,
read record by record in `attrib.ingest.warc`), and a manifest.

Scraped corpora hold every encoding and every kind of breakage, so each file is decoded on its
own and a file that cannot become an article raises `UnreadableArticle`; `read_corpus` turns
that into a `Skipped` row and goes on with the batch. What is read: any BOM, UTF-16 without
one, UTF-8 with stray bytes of another encoding, CRLF, NUL padding inside text, truncated HTML.
What is skipped, and named: binary files, empty or whitespace-only files, files over the size
limit (checked before reading; a JSON Lines feed is limited per line, a WARC per record),
pages with no main text (saying so when their elements nest past the parser's limit), bad
feed lines, a feed line with an id already seen, the same page reached twice (`gather`), and
manifest rows that cannot be used.

An article's outlet is the manifest's, else the page's own (its site name, a WARC record's
host, a feed record's `outlet`), else the first folder under the corpus root (`outlet_choice`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import lxml.etree
import lxml.html
import trafilatura

from attrib.errors import CorpusNotFound, SkippedWhenStrict, UnreadableArticle
from attrib.ingest.decoding import (
    decode,
    has_text,
    meta_charset,
    normalise_text,
    without_surrogates,
)
from attrib.ingest.published import normalise_published
from attrib.models import Article, Skipped
from attrib.options import Options
from attrib.output.files import WRITTEN_LIST
from attrib.pool import Track, in_pool, no_progress, worker_count

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
MANIFEST_FIELDS = ("outlet", "published", "url", "title", "kind", "language")


def _require_text(text: str, path: str) -> str:
    if not has_text(text):
        raise UnreadableArticle(path, "no text (empty or whitespace only)")
    return text


def article_from_text(data: bytes, article_id: str, path: str) -> Article:
    return Article(article_id=article_id, path=path, text=_require_text(decode(data, path), path))


# htmldate as trafilatura calls it, but asked for the time too; a page that gives only a date
# comes back at midnight without an offset, which `page_published` reads as a date alone.
DATE_PARAMS = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


# What htmldate finds without reading the page's text (meta tags, JSON-LD, the URL): quick.
# Its extensive search, which a page without such a date falls to, parses date-like strings
# with dateparser (0.14 s a page measured); pointless when the manifest gives the date.
QUICK_DATE_PARAMS = {**DATE_PARAMS, "extensive_search": False}


def page_published(found: str | None) -> str:
    """A page's own publication date, with its time when the page gives one."""
    if not found:
        return ""
    if found.endswith("T00:00:00"):
        return normalise_published(found[: -len("T00:00:00")])
    return normalise_published(found)


def _extract(
    html: str, path: str, dates: dict[str, object] = DATE_PARAMS
) -> trafilatura.settings.Document | None:
    """trafilatura's main text and metadata of a page, or None when it finds no text.

    trafilatura catches its parser's failures itself; what it lets through on a hostile page
    (a ValueError or lxml error from a malformed tree, a RecursionError from walking one)
    names the page instead of stopping the run.
    """
    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True, date_extraction_params=dates
        )
    except (ValueError, RecursionError, lxml.etree.LxmlError) as error:
        raise UnreadableArticle(
            path, f"the HTML could not be parsed ({type(error).__name__}: {one_line(error)})"
        ) from error
    if document is None or not (document.text or "").strip():
        return None
    return document


def one_line(error: BaseException, limit: int = 200) -> str:
    """An exception's message on one line and cut short, for a `skipped.csv` reason."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_from_html(
    data: bytes, article_id: str, path: str, charset: str | None = None, dated: bool = False
) -> Article:
    """Main text and metadata with trafilatura; comments and tables of links stay out.

    `charset` is what the server declared, when the page came with its HTTP headers (a WARC
    record); a saved `.html` file has none, and its own `<meta charset>` is the hint. `dated`:
    the manifest gives the date, so the page is not searched for one.
    """
    html = _require_text(decode(data, path, charset, meta_charset(data)), path)
    dates = QUICK_DATE_PARAMS if dated else DATE_PARAMS
    document = _extract(html, path, dates)
    if document is None and "<body" not in html.casefold():
        # A bare fragment (`<p>…</p>`, a truncated page) parses once given a document around it.
        document = _extract(f"<html><body>{html}</body></html>", path, dates)
    if document is None:
        depth = too_deep(html)
        reason = f"; its elements nest deeper than {depth}, where the parser stops" if depth else ""
        raise UnreadableArticle(path, f"no main text found in the HTML{reason}")
    return Article(
        article_id=article_id,
        path=path,
        text=normalise_text(document.text),
        outlet=document.sitename or "",
        published="" if dated else page_published(document.date),
        url=document.url or "",
        title=document.title or "",
        language=document.language or "",
    )


def too_deep(html: str) -> int | None:
    """The depth at which lxml (and so trafilatura) stopped reading a page, or None.

    libxml2 refuses to nest elements deeper than 256 and drops the rest of the document; no
    real page comes near (the 1,214 pages of `bench/eval_pages.py` all stay under), but a
    hostile or broken one (thousands of unclosed `<div>`s) does. Asked only of pages whose
    main text was not found, to say why.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except lxml.etree.ParserError:
        return None
    for entry in parser.error_log:
        found = _DEPTH_ERROR.search(entry.message)
        if found:
            return int(found.group(1))
    return None


_DEPTH_ERROR = re.compile(r"Excessive depth in document: (\d+)")


@dataclass(frozen=True)
class LongLine:
    """A line over the size limit: only its length is kept, never its bytes."""

    size: int


def bounded_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[bytes | LongLine]:
    """The lines of a seekable binary stream, newline included, never holding more than one
    line of at most `max_line_bytes` in memory: a longer line (a 200 MB feed on one line, a
    binary file with no newline) is measured in blocks and comes back as its length.

    A line longer than one block is measured first and read whole only once it is known to
    fit, so memory stays at the limit rather than growing with the line.
    """
    while True:
        start = stream.tell()
        line = stream.readline(_LINE_BLOCK)
        if not line:
            return
        if line.endswith(b"\n") or len(line) < _LINE_BLOCK:
            size = len(line)
        else:
            size = len(line) + _measure_rest(stream)
            if size <= max_line_bytes:
                stream.seek(start)
                line = stream.read(size)
        yield line if size <= max_line_bytes else LongLine(size)


def _measure_rest(stream: BinaryIO) -> int:
    """Bytes up to and including the next newline (or the end), read past in blocks."""
    size = 0
    while block := stream.readline(_LINE_BLOCK):
        size += len(block)
        if block.endswith(b"\n"):
            break
    return size


_LINE_BLOCK = 1 << 20


def jsonl_records(
    lines: Iterable[bytes | LongLine], path: str, max_line_bytes: int | None = None
) -> Iterator[tuple[str, dict | Skipped]]:
    """(where, record) for each non-blank line of a JSON Lines stream; a bad line comes back as
    `Skipped`. JSON text is UTF-8 by its standard, so no detection is done per line."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        size = raw.size if isinstance(raw, LongLine) else len(raw)
        if max_line_bytes is not None and size > max_line_bytes:
            limit = f"limit {max_line_bytes:,}"
            yield where, Skipped(where, f"line too large ({size:,} bytes; {limit})")
            continue
        if isinstance(raw, LongLine) or not raw.strip():
            continue
        try:
            text = raw.rstrip(b"\r\n").decode("utf-8-sig" if number == 1 else "utf-8")
            record = json.loads(text)
        except UnicodeDecodeError:
            yield where, Skipped(where, "line is not UTF-8")
            continue
        except json.JSONDecodeError as error:
            yield where, Skipped(where, f"invalid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield where, Skipped(where, "line is not a JSON object")
            continue
        yield where, record


def article_from_record(record: dict, where: str) -> Article:
    article_id, body = record.get("id"), record.get("text")
    if isinstance(article_id, bool) or not isinstance(article_id, str | int):
        raise UnreadableArticle(where, "missing 'id'")
    if not str(article_id).strip():
        raise UnreadableArticle(where, "missing 'id'")
    if body is None:
        raise UnreadableArticle(where, "missing 'text'")
    if not isinstance(body, str):
        raise UnreadableArticle(where, f"'text' is a JSON {type(body).__name__}, not a string")
    if not has_text(body):
        raise UnreadableArticle(where, "empty 'text'")
    kind = "wire" if record_value(record, "kind").casefold() == "wire" else "outlet"

    def field(name: str) -> str:
        value = record_value(record, name)
        if name != "published":
            return value
        return "" if date_problem(value) else normalise_published(value)

    return Article(
        article_id=without_surrogates(str(article_id)),
        path=where,
        text=normalise_text(body),
        outlet=field("outlet"),
        published=field("published"),
        url=field("url"),
        title=field("title"),
        kind=kind,
        language=field("language"),
    )


def record_value(record: dict, name: str) -> str:
    return without_surrogates(str(record.get(name) or "")).strip()


def record_problems(record: dict) -> list[str]:
    """A feed line's unusable `published` or `kind`, named as a manifest's would be: the
    article is kept, without the value (a date that cannot be read, `kind` "telegraph")."""
    found = (
        date_problem(record_value(record, "published")),
        kind_problem(record_value(record, "kind").casefold()),
    )
    return [problem for problem in found if problem]


def articles_from_jsonl(
    lines: Iterable[bytes | LongLine], path: str, max_record_bytes: int
) -> Iterator[Article | Skipped]:
    """One article per line, read as a stream so a feed of any size fits in memory; a bad or
    oversized line is skipped and named, the others are kept. A feed without a single record
    is named too, as an empty text file is."""
    empty = True
    for where, record in jsonl_records(lines, path, max_record_bytes):
        empty = False
        if isinstance(record, Skipped):
            yield record
            continue
        try:
            article = article_from_record(record, where)
        except UnreadableArticle as error:
            yield Skipped(error.path, error.reason)
            continue
        for problem in record_problems(record):
            yield Skipped(where, f"{problem}; ignored")
        yield article
    if empty:
        yield Skipped(path, "no records (empty, or blank lines only)")


def read_manifest(
    root: Path, max_bytes: int = Options.max_file_bytes
) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    """Metadata by relative path (forward slashes), from `manifest.csv` or `manifest.jsonl`,
    and the manifest rows that could not be used (or used only in part)."""
    for name in MANIFEST_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                return {}, [Skipped(name, f"file too large ({size:,} bytes; limit {max_bytes:,})")]
            data = path.read_bytes()
        except OSError as error:
            return {}, [Skipped(name, f"cannot read: {error.strerror or error}")]
        if name.endswith(".csv"):
            try:
                rows, problems = manifest_csv_rows(decode(data, name), name)
            except UnreadableArticle as error:
                return {}, [Skipped(name, error.reason)]
        else:
            rows, problems = [], []
            for where, record in jsonl_records(data.splitlines(), name):
                if isinstance(record, Skipped):
                    problems.append(record)
                else:
                    rows.append((where, record))
        return manifest_entries(rows, problems)
    return {}, []


def manifest_csv_rows(text: str, name: str) -> tuple[list[tuple[str, dict]], list[Skipped]]:
    """(where, row) for each row of a CSV manifest, where being the line the row starts on.

    A manifest without a `path` column is one problem, not one per row. A row the csv module
    refuses (a cell over its 128 KiB field limit, as an unclosed quote makes) ends the reading
    there, named: what follows an unclosed quote cannot be trusted to be rows."""
    reader = csv.DictReader(text.splitlines())
    if "path" not in (reader.fieldnames or ()):
        shown = ", ".join(reader.fieldnames or ()) or "none"
        raise UnreadableArticle(name, f"no 'path' column (its columns: {shown})")
    rows: list[tuple[str, dict]] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            rows.append((f"{name}:{start}", row))
            start = reader.line_num + 1
    except csv.Error as error:
        return rows, [Skipped(f"{name}:{start}", f"unreadable CSV ({error}); the rest is not used")]
    return rows, []


def manifest_entries(
    rows: Iterable[tuple[str, dict]], problems: list[Skipped]
) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    """The usable part of each manifest row, by path. A bad `published` or `kind` cell is
    named and left out, so the page's own date (or the default kind) stands, rather than a
    value no reader can use: attribution compares dates to say who ran a text first."""
    entries: dict[str, dict[str, str]] = {}
    for where, row in rows:
        listed = str(row.get("path") or "").strip().replace("\\", "/")
        if not listed:
            problems.append(Skipped(where, "manifest row without a 'path'"))
            continue
        if listed in entries:
            problems.append(Skipped(where, f"'{listed}' is listed twice; the first row is used"))
            continue
        entry = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
        entry["kind"] = entry["kind"].casefold()
        for key, check in (("published", date_problem), ("kind", kind_problem)):
            problem = check(entry[key])
            if problem:
                problems.append(Skipped(where, f"{problem} for '{listed}'; ignored"))
                entry[key] = ""
        entries[listed] = entry
    return entries, problems


def date_problem(value: str) -> str | None:
    """Why a manifest date is unusable, or None: it must be an ISO date or date-time
    (`2016-02-11`, `2016-02-11T14:30+01:00`), as `articles.csv` gives dates and as attribution
    compares them; `11/02/2016` could be either of two days."""
    if not value:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"bad date {value!r} (want YYYY-MM-DD or an ISO date-time)"
    return None


def kind_problem(value: str) -> str | None:
    if value and value not in ("wire", "outlet"):
        return f"unknown kind {value!r} (want wire or outlet)"
    return None


def with_metadata(article: Article, metadata: dict[str, str], folder: str = "") -> Article:
    """Manifest values override what the page itself said; empty manifest cells do not. The
    outlet, with where it came from, is chosen by `outlet_choice`: `folder` names the outlet
    only when neither the manifest nor the page does."""
    updates = {k: v for k, v in metadata.items() if v and k not in ("kind", "outlet")}
    if "published" in updates:
        updates["published"] = normalise_published(updates["published"])
    if metadata.get("kind") in ("wire", "outlet"):
        updates["kind"] = metadata["kind"]
    outlet, source = outlet_choice(metadata.get("outlet", ""), article.outlet, folder)
    return replace(article, **updates, outlet=outlet, outlet_source=source)


def outlet_choice(manifest: str, page: str, folder: str) -> tuple[str, str]:
    """(outlet, where it came from): the manifest's, else the page's own, else the folder's;
    ("", "") when none names one.

    The manifest is what the researcher said, so it wins; a page's site name (or a record's
    host) is the publisher's own word for itself, and wins over a folder name, which is only
    how someone saved the files (`corpus/june/` names a month, not a publisher).
    """
    for source, outlet in (("manifest", manifest), ("page", page), ("folder", folder)):
        if outlet:
            return outlet, source
    return "", ""


def folder_outlet(path: str) -> str:
    """The first folder under the corpus root of the file an article is in (`dw/sub/x.txt`,
    `dw/feed.jsonl:3` give `dw`), or "" for a file directly in the root.

    A corpus saved one folder per outlet (`corpus/dw/`, `corpus/bbc/`) says who published
    each file without a manifest; only the first folder counts, since deeper ones are how
    an outlet's files were sorted (by day, by section), not who published them.
    """
    head, separator, _ = file_of(path).partition("/")
    return without_surrogates(head).strip() if separator else ""


def file_of(where: str) -> str:
    """The corpus file a path, a `feed.jsonl:12` line or a `crawl.warc.gz#7` record points into."""
    for mark in (":", "#"):
        head, _, number = where.rpartition(mark)
        if head and number.isdigit():
            return head
    return where


def corpus_files(root: Path) -> list[Path]:
    """Every entry under root that is not a folder, not hidden, not the manifest and not in a
    folder attrib wrote reports into (`reports/` inside the corpus would otherwise be read
    back as articles on the next run), in a stable order. Links, FIFOs and devices are listed
    too, so that `read_file` names them rather than leaving them out unsaid."""
    entries = list(root.rglob("*"))  # one walk of the tree, not one per question asked of it
    outputs = {path.parent for path in entries if path.name == WRITTEN_LIST} - {root}
    files = [
        path
        for path in entries
        if not path.is_dir()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.relative_to(root).as_posix() not in MANIFEST_NAMES
        and not outputs.intersection(path.parents)
    ]
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


def is_warc(name: str) -> bool:
    """A web archive by its name: `.warc.gz` has two suffixes, so `Path.suffix` alone says `.gz`."""
    return name.lower().endswith(WARC_SUFFIXES)


def read_file(
    path: Path, root: Path, options: Options, dated: bool = False
) -> Iterator[Article | Skipped]:
    """Articles in one corpus file, as the file itself describes them (an outlet it names is
    the page's: `outlet_source` "page"); failures come back as `Skipped`, never as exceptions.
    The manifest and the folder are the corpus's, applied by `gather`; `dated`: the manifest
    gives the file's date, which a page is then not searched for."""
    for item in _file_items(path, root, options, dated):
        yield item if isinstance(item, Skipped) else from_page(item)


def from_page(article: Article) -> Article:
    """An article whose outlet, if it has one, is what its own file said (a page's site name,
    a WARC record's host, a feed record's `outlet`)."""
    return replace(article, outlet_source="page" if article.outlet else "")


def _file_items(
    path: Path, root: Path, options: Options, dated: bool
) -> Iterator[Article | Skipped]:
    relative = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    article_id = relative[: -len(path.suffix)] if path.suffix else relative
    try:
        refuse_special_file(path, root, relative)
        if is_warc(path.name):
            # Imported here because warc builds on this module's decoding and extraction.
            # Streamed record by record, so the size limit applies to each page, not the file.
            from attrib.ingest.warc import warc_articles

            yield from warc_articles(path, relative, options)
            return
        if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES:
            raise UnreadableArticle(relative, f"unsupported file type '{suffix or path.name}'")
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                lines = bounded_lines(stream, options.max_file_bytes)
                yield from articles_from_jsonl(lines, relative, options.max_file_bytes)
            return
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise UnreadableArticle(
                relative, f"file too large ({size:,} bytes; limit {options.max_file_bytes:,})"
            )
        data = path.read_bytes()
        if suffix in HTML_SUFFIXES:
            yield article_from_html(data, article_id, relative, dated=dated)
        else:
            yield article_from_text(data, article_id, relative)
    except UnreadableArticle as error:
        yield Skipped(error.path, error.reason)
    except OSError as error:
        yield Skipped(relative, f"cannot read: {error.strerror or error}")


def refuse_special_file(path: Path, root: Path, relative: str) -> None:
    """Only regular files inside the corpus are read, once: a link out of it (to `/etc/passwd`,
    to a private file) would put that file's text into the reports, a link to a corpus file
    would count one publication twice, and a FIFO or device would hang or never end."""
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            raise UnreadableArticle(relative, "a link to nothing")
        if not target.is_relative_to(root.resolve()):
            raise UnreadableArticle(relative, "a link to a file outside the corpus; not read")
        if target.is_file():
            # The same file reached twice: its text is one publication, read as the file, when
            # the file is one the corpus reads.
            inside = target.relative_to(root.resolve())
            read = not any(part.startswith(".") for part in inside.parts) and (
                inside.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
                or is_warc(inside.name)
            )
            said = "which is read once as itself" if read else "which the corpus does not read"
            raise UnreadableArticle(relative, f"a link to {inside.as_posix()}, {said}")
    if not path.is_file():
        raise UnreadableArticle(relative, "not a regular file (a FIFO, socket or device)")


FILES_PER_TASK = 50  # a task's files: a page takes ~10 ms to extract, a text file far less


def check_corpus_folder(root: Path) -> None:
    """A corpus is a folder: one that is missing, or a file, is named as such, in the same
    words from every command and engine."""
    if not root.is_dir():
        raise CorpusNotFound(str(root), "not a folder" if root.exists() else "no such folder")


def read_corpus(
    root: Path,
    options: Options,
    track: Track = no_progress,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """All articles of a corpus folder, with manifest metadata applied, and what was skipped.

    Files are read on all cores (`options.workers`), in runs of `FILES_PER_TASK`; what each
    gives comes back in file order, so the corpus is the same for any number of workers.
    `meanwhile` runs in this process as the workers read (`in_pool`).
    """
    check_corpus_folder(root)
    manifest, skipped = read_manifest(root, options.max_file_bytes)
    files = corpus_files(root)
    tasks = [files[k : k + FILES_PER_TASK] for k in range(0, len(files), FILES_PER_TASK)]
    dated = frozenset(path for path, entry in manifest.items() if entry.get("published"))
    done = in_pool(
        _read_files,
        (root, options, dated),
        tasks,
        worker_count(options.workers),
        track,
        "Reading articles",
        meanwhile,
    )
    articles, rejected = gather((item for items in done for item in items), manifest)
    return articles, [*skipped, *rejected]


def _read_files(
    shared: tuple[Path, Options, frozenset[str]], paths: Sequence[Path]
) -> list[Article | Skipped]:
    root, options, dated = shared
    return [
        item
        for path in paths
        for item in read_file(path, root, options, path.relative_to(root).as_posix() in dated)
    ]


def gather(
    items: Iterable[Article | Skipped], manifest: dict[str, dict[str, str]]
) -> tuple[list[Article], list[Skipped]]:
    """What `read_file` gave for every corpus file, in file order, as a corpus: articles with
    manifest metadata and folder outlets applied (`with_metadata`), and what was skipped. An
    engine that reads files elsewhere (Spark executors) brings their items back here so both
    engines agree.

    Article ids must be unique. A file whose id another file took (`x.txt` beside `x.html`)
    keeps its extension in its id (`x.txt`); a feed line's id is its producer's, and a second
    one is skipped and named. A second file with the same text as an earlier one is an article
    of its own (verbatim republication is what attrib looks for; `duplicates_of` names the
    first); only the same page reached twice, the same URL with the same text (a crawl that
    fetched it twice), is read once.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    pages: dict[tuple[str, bytes], str] = {}
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if item.article_id in seen and file_of(item.path) == item.path:
            item = replace(item, article_id=item.path)
        if item.article_id in seen:
            first = seen[item.article_id]
            reason = f"duplicate article id {item.article_id!r} (first in {first})"
            skipped.append(Skipped(item.path, reason))
            continue
        entry = manifest.get(file_of(item.path), {})
        article = with_metadata(item, entry, folder_outlet(item.path))
        if article.url:
            first = pages.setdefault((article.url, same_copy(article)), article.path)
            if first != article.path:
                reason = f"the same page as {first} (same URL and text); read once"
                skipped.append(Skipped(article.path, reason))
                continue
        seen[article.article_id] = article.path
        articles.append(article)
    read = {file_of(a.path) for a in articles} | {file_of(s.path) for s in skipped}
    for listed in sorted(set(manifest) - read):
        skipped.append(Skipped(listed, "named in the manifest but not found in the corpus"))
    return articles, skipped


def repeated_pages(articles: Iterable[Article]) -> set[str]:
    """Articles that repeat word for word an article of the same known outlet and kind: one
    publication read twice (a page saved twice), counted once in `outlets.csv`. An outlet
    named by a file's folder is known as any other (`dw/a.txt` and `dw/b.txt` with the same
    text are one page of `dw`). A copy between outlets, or where no outlet is known, is a
    publication of its own, and so is a feed's record: its id is its producer's, who says it
    is an article of its own (a wire story filed twice, a story run in two sections)."""
    seen: set[bytes] = set()
    found: set[str] = set()
    for article in sorted(articles, key=_copy_order):
        if from_feed(article):
            continue
        key = same_copy(article)
        if article.outlet and key in seen:
            found.add(article.article_id)
        seen.add(key)
    return found


def from_feed(article: Article) -> bool:
    """Whether an article is a line of a JSON Lines feed (its path `feed.jsonl:12`)."""
    file = file_of(article.path)
    return file != article.path and file.lower().endswith(JSONL_SUFFIXES)


def _copy_order(article: Article) -> tuple[bool, str]:
    """Reference wire copy first (an outlet's verbatim copy is a copy of the agency's), then
    by article id."""
    return article.kind != "wire", article.article_id


def duplicates_of(articles: Iterable[Article]) -> dict[str, str]:
    """For each article whose text another has word for word (up to white space), the id of
    the first (`_copy_order`): another outlet's verbatim copy, or one outlet's page saved
    twice."""
    first: dict[bytes, str] = {}
    found: dict[str, str] = {}
    for article in sorted(articles, key=_copy_order):
        key = text_key(article.text)
        if key in first:
            found[article.article_id] = first[key]
        else:
            first[key] = article.article_id
    return found


def refuse_skips(skipped: Sequence[Skipped], options: Options) -> None:
    """With `options.strict`, any skip stops the run here, before hours of work on the rest."""
    if options.strict and skipped:
        raise SkippedWhenStrict(skipped)


def text_key(text: str, *context: str) -> bytes:
    """A digest two texts share when they are the same word for word, up to white space (the
    same page saved as UTF-8 and as UTF-16, with CRLF and LF, or as `.html` and as `.txt`),
    and their `context` is the same."""
    key = "\x00".join((*context, " ".join(text.split())))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def same_copy(article: Article) -> bytes:
    """A key two articles share when one is a second copy of the other from the same outlet
    and of the same kind: AFP's wire and Le Soir's verbatim copy of it stay two keys. Kept in
    the store for each article, and with the URL it tells a page crawled twice."""
    return text_key(article.text, article.kind, article.outlet)


def read_article(path: Path, options: Options) -> Article:
    """The one article in a single file (as `attrib diff` takes them), or an error that names
    the path as the user typed it."""
    if path.is_dir():
        raise UnreadableArticle(str(path), "is a folder; give a file, or ids with --corpus")
    if not path.exists():
        raise UnreadableArticle(str(path), "no such file")
    # A file named on the command line is read wherever a link to it points: the user chose it.
    target = path.resolve()
    found = list(read_file(target, target.parent, options))
    for item in found:
        if isinstance(item, Skipped):
            line = item.path[len(file_of(item.path)) :]  # `:3` of `feed.jsonl:3`, else ""
            raise UnreadableArticle(f"{path}{line}", item.reason)
    if len(found) != 1:
        raise UnreadableArticle(
            str(path), f"holds {len(found)} articles; give their ids with --corpus"
        )
    return found[0]  # type: ignore[return-value]
