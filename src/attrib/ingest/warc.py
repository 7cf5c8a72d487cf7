"""Web archives as corpus files: each HTML page a crawler saved in a `.warc` or `.warc.gz` file
becomes an article.

News crawls (Common Crawl's CC-NEWS, a newsroom's own crawler) come as WARC files of thousands
of HTTP responses each, often a gigabyte compressed, so a file is read as a stream with warcio,
one record at a time, and the size limit applies to each page as it does to each `.html` file.
A page is extracted exactly as a saved `.html` file is (`pages.article_from_html`), decoded
with the charset its server declared; the record adds what a saved page lacks: the URL it was
fetched from, the host that served it, and when it was crawled.

Only pages are articles: `response` records with status 200 and an HTML content type. Every
other record (`warcinfo`, `request`, `metadata`, `revisit`, images, redirects, errors) is passed
over without a word. A page that cannot be used becomes a `Skipped` naming its record; damage
that stops the file being read further keeps what was read and adds one `Skipped` for the rest.

Public API:
    warc_articles(path, relative, options): the articles, and skipped pages, of one WARC file.
    record_where(relative, number) / record_id(relative, number): how a record is named.
    is_page(record): whether a record is a page that should become an article.
    media_type(value), outlet_of(url), crawl_date(warc_date): the pure pieces of a record's
        metadata.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from attrib.errors import UnreadableArticle
from attrib.ingest.pages import article_from_html
from attrib.models import Article, Skipped
from attrib.options import Options

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN_BYTES = 1 << 16


class DamagedArchive(Exception):
    """The file's bytes stop making sense part-way (a cut-off or corrupt gzip member), so no
    record after this point can be trusted.

    `checked_at_end` marks a gzip member whose checksum or length failed: that is only known
    at the member's end, once its record has been read, so that record is suspect too.
    """

    def __init__(self, reason: str, checked_at_end: bool = False) -> None:
        super().__init__(reason)
        self.checked_at_end = checked_at_end


# How warcio's parser fails on a malformed record: its own errors, and an AttributeError when a
# mangled header leaves a response without WARC-Target-URI.
_PARSE_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, AttributeError)


WARC_SUFFIXES = (".warc", ".warc.gz")


def warc_stem(relative: str) -> str:
    """The file's corpus-relative path without `.warc` or `.warc.gz`, whatever their case."""
    for suffix in WARC_SUFFIXES:
        if relative.lower().endswith(suffix):
            return relative[: -len(suffix)]
    return relative


def record_where(relative: str, number: int) -> str:
    """Where a record is, as `articles.csv` and `skipped.csv` name it: `crawl.warc.gz#12`.

    `number` counts every record of the file from 1, `warcinfo` included, in the order
    `warcio index crawl.warc.gz` lists them, so line 12 of that listing gives the byte offset
    that `warcio extract` takes. `metadata.file_of` maps it back to the file, so a manifest row
    for the WARC file applies to all its pages, as one for a `.jsonl` file does to its lines.
    """
    return f"{relative}#{number}"


def record_id(relative: str, number: int) -> str:
    """A page's article id: the file's path without its suffix, `#`, and the record's number.

    It follows the rule for every other file (the id is where the article is) and says which
    record to open. It is unique within the corpus because paths are, the same every run
    because a file's records keep their order, and short enough to type for
    `attrib diff --corpus`. The URL would make a worse id: long, full of characters that
    shells and file names dislike, and not unique, since a crawl fetches an updated page again;
    it has its own column.
    """
    return f"{warc_stem(relative)}#{number}"


def media_type(value: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header: `text/html; charset="UTF-8"` gives
    ("text/html", "UTF-8"); a header without a charset gives None for it."""
    kind, *parameters = (value or "").split(";")
    charset = None
    for parameter in parameters:
        key, _, setting = parameter.partition("=")
        if key.strip().lower() == "charset" and setting.strip().strip("\"'"):
            charset = setting.strip().strip("\"'")
    return kind.strip().lower(), charset


def outlet_of(url: str) -> str:
    """The host that served a page, without a leading `www.`: the same for every page of a site,
    which is what cleaning groups an outlet's repeated lines by (a page's site name varies)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a mangled address such as `http://[x/`
        return ""
    return host.removeprefix("www.")


def crawl_date(warc_date: str | None) -> str:
    """The UTC day a record was crawled (`2019-10-01`), or "" when WARC-Date is missing or
    unreadable.

    The day only: it stands in for a page's own date, which trafilatura gives as a day, and a
    time of day would rank articles by when a crawler passed them rather than when they ran.
    WARC dates are UTC, with or without the `Z`.
    """
    try:
        moment = datetime.fromisoformat((warc_date or "").strip())
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


def is_page(record: ArcWarcRecord) -> bool:
    """A `response` with status 200 and an HTML body: the only records that are articles."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind, _ = media_type(record.http_headers.get_header("Content-Type"))
    return record.http_headers.get_statuscode() == "200" and kind in HTML_TYPES


class _StrictReader:
    """A file read for warcio that fails loudly where the bytes break.

    warcio takes an EOFError while reading a record's headers for the clean end of the file,
    so a file cut off in its last record would lose that record without a word; errors become
    `DamagedArchive` here, which it lets through. Reads go through `read1`, one underlying read
    at a time, so the records before the break reach warcio before the error does (a full
    `read` of a block would lose them with it).
    """

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read1(size)
        except EOFError as error:
            raise DamagedArchive("the file ends inside a gzip member (cut off)") from error
        except (zlib.error, gzip.BadGzipFile) as error:
            # The messages of the checks Python's gzip makes at a member's end.
            at_end = str(error).startswith(("CRC check failed", "Incorrect length"))
            raise DamagedArchive(f"not valid gzip data ({error})", at_end) from error

    def tell(self) -> int:
        return self._stream.tell()


@contextmanager
def open_archive(path: Path) -> Iterator[_StrictReader]:
    """The file's WARC bytes, a `.warc.gz` decompressed here rather than by warcio.

    Python's gzip checks each member's CRC and length and raises on a cut-off member, where
    warcio's own reader prints zlib errors to stderr and stops as if the file had ended; it
    also reads a file gzipped whole rather than record by record, which warcio refuses.
    """
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as stream:
            yield _StrictReader(stream)
    else:
        with path.open("rb") as stream:
            yield _StrictReader(stream)


def records(stream: _StrictReader) -> Iterator[ArcWarcRecord]:
    """warcio's records of a stream; a record its parser cannot read raises `DamagedArchive`,
    since warcio cannot go on past it (the iterator is finished once it has raised)."""
    iterator = ArchiveIterator(stream)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except _PARSE_ERRORS as error:
            message = str(error).strip().splitlines()
            raise DamagedArchive(
                f"a record does not parse ({message[0] if message else type(error).__name__})"
            ) from error
        yield record


def _cut_short(record: ArcWarcRecord) -> bool:
    """Whether the file ended before the record's Content-Length (a plain `.warc` cut off
    mid-record reads as a shorter record, not as an error). Reads the record to its end."""
    while record.raw_stream.read(_DRAIN_BYTES):
        pass
    return isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0


def read_page(record: ArcWarcRecord, where: str, limit: int) -> bytes:
    """The page's bytes, with HTTP chunking and compression undone; `UnreadableArticle` when
    the page is larger than `limit`, compressed in a way warcio cannot undo, or cut short.

    At most `limit` + 1 bytes are read, so a huge page costs no memory before it is refused.
    """
    if record.payload_length > limit:  # -1 when the record does not say
        raise UnreadableArticle(
            where, f"page too large ({record.payload_length:,} bytes; limit {limit:,})"
        )
    encoding = (record.http_headers.get_header("Content-Encoding") or "identity").lower()
    if encoding != "identity" and encoding not in BufferedReader.get_supported_decompressors():
        raise UnreadableArticle(where, f"page compressed as {encoding!r}, which cannot be read")
    data = cast(bytes, record.content_stream().read(limit + 1))  # warcio is untyped
    if len(data) > limit:
        raise UnreadableArticle(where, f"page too large (over {limit:,} bytes once decompressed)")
    if _cut_short(record):
        raise UnreadableArticle(where, "record cut short: the file ends inside it")
    return data


def page_article(record: ArcWarcRecord, where: str, article_id: str, limit: int) -> Article:
    """A page record as an article: extracted as an `.html` file is, then given the URL it was
    fetched from, its host as outlet, and the crawl day when the page states no date."""
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        # Part of a page would pass for an outlet trimming the wire story.
        raise UnreadableArticle(
            where, f"the crawler saved only part of this page (WARC-Truncated: {truncated})"
        )
    _, charset = media_type(record.http_headers.get_header("Content-Type"))
    article = article_from_html(read_page(record, where, limit), article_id, where, charset)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return replace(
        article,
        url=url,
        outlet=outlet_of(url),
        published=article.published or crawl_date(record.rec_headers.get_header("WARC-Date")),
    )


def record_item(
    record: ArcWarcRecord, relative: str, number: int, limit: int
) -> Article | Skipped | None:
    """The article a record holds, a `Skipped` saying why a page or a mangled record cannot
    be one, or None for the records that are not pages."""
    where = record_where(relative, number)
    if record.rec_type is None:
        # warcio parses a cut-off header block as a record without a type.
        return Skipped(where, "not a WARC record (no WARC-Type)")
    if not is_page(record):
        return None
    try:
        return page_article(record, where, record_id(relative, number), limit)
    except UnreadableArticle as error:
        return Skipped(error.path, error.reason)


def warc_articles(path: Path, relative: str, options: Options) -> Iterator[Article | Skipped]:
    """The articles in one WARC file, in record order, and a `Skipped` for each page that
    cannot be one.

    Damage that stops the file being read (a cut-off or corrupt gzip member, a record whose
    headers do not parse) keeps what was read and ends with one `Skipped` naming the first
    record not given out. Each record's item is held back until the next record has parsed,
    because a gzip member's checksum is checked at its end, after its record was read: a page
    whose bytes were garbled is dropped with the damage rather than passed on. A file with no
    records at all is named too, as an empty `.txt` is.
    """
    pending: Article | Skipped | None = None  # the last record's item, not given out yet
    reading, between = 1, True  # the record being read; True until its headers have parsed
    try:
        with open_archive(path) as stream:
            for number, record in enumerate(records(stream), start=1):
                if pending is not None:
                    yield pending
                pending, reading, between = None, number, False
                pending = record_item(record, relative, number, options.max_file_bytes)
                reading, between = number + 1, True
    except DamagedArchive as error:
        # Between records, a failed end-of-member check is most likely the last record's
        # member (else a garbled header of the next): the last record goes with the damage.
        first_bad = reading - 1 if between and reading > 1 and error.checked_at_end else reading
        if pending is not None and first_bad == reading:
            yield pending
        yield Skipped(
            record_where(relative, first_bad),
            f"damaged WARC, not read from this record on: {error}",
        )
        return
    if pending is not None:
        yield pending
    elif reading == 1:
        yield Skipped(relative, "no WARC records in the file (empty)")
