"""JSON Lines feeds to articles, one record a line, read as a stream.

A feed can be larger than memory, and one line of it larger than the size limit (a 200 MB
record, a binary file without a newline): lines are read in bounded blocks, and a line over
the limit is measured, named and passed over without ever being held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from attrib.errors import UnreadableArticle
from attrib.ingest.decoding import has_text, normalise_text, without_surrogates
from attrib.ingest.metadata import date_problem, kind_problem
from attrib.ingest.published import normalise_published
from attrib.models import Article, ArticleKind, Skipped

JSONL_SUFFIXES = (".jsonl",)


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
) -> Iterator[tuple[str, dict[str, Any] | Skipped]]:
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


def article_from_record(record: dict[str, Any], where: str) -> Article:
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
    kind: ArticleKind = "wire" if record_value(record, "kind").casefold() == "wire" else "outlet"

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


def record_value(record: dict[str, Any], name: str) -> str:
    return without_surrogates(str(record.get(name) or "")).strip()


def record_problems(record: dict[str, Any]) -> list[str]:
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
