"""Read a corpus folder into articles: plain text, HTML pages, JSON Lines, web archives (WARC,
read record by record in `attrib.warc`), and a manifest.

Scraped corpora hold every encoding and every kind of breakage, so each file is decoded on its
own and a file that cannot become an article raises `UnreadableArticle`; `read_corpus` turns
that into a `Skipped` row and goes on with the batch.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import charset_normalizer
import trafilatura

from attrib.errors import UnreadableArticle
from attrib.models import Article, Skipped
from attrib.options import Options

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
MANIFEST_FIELDS = ("outlet", "published", "url", "title", "kind")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Python codecs a page may name that are not text encodings of a web page: they would turn
# escape sequences in the bytes into control or surrogate characters, or refuse everything.
NOT_PAGE_ENCODINGS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "unicode_escape", "raw_unicode_escape"}
)


def normalise_text(text: str) -> str:
    """One newline convention and composed Unicode, so offsets mean the same everywhere.

    Lone surrogates (a JSON feed's "\\ud800") are no text at all and could not be written to
    a CSV or a store, so they become U+FFFD, the replacement character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, path: str, declared: str | None = None) -> str:
    """Bytes to text: a BOM decides, then the `declared` charset (an HTTP header's), then strict
    UTF-8, then charset detection.

    A declared charset that does not decode the bytes is ignored rather than fatal: servers
    often misdeclare, and detection still reads the page. UTF-8 is tried before detection
    because detectors misread short UTF-8 files as cp1252; NUL bytes without a UTF-16/32 BOM mean
    a binary file, not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise UnreadableArticle(
                    path, f"invalid {encoding} after its BOM: {error.reason}"
                ) from error
    if b"\x00" in data:
        raise UnreadableArticle(path, "binary file (contains NUL bytes)")
    codec = declared_codec(declared)
    if codec is not None:
        try:
            return normalise_text(data.decode(codec))
        except UnicodeDecodeError:
            pass
    try:
        return normalise_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableArticle(path, "cannot detect the text encoding")
    return normalise_text(str(_prefer_web_default(matches, best)))


def declared_codec(charset: str | None) -> str | None:
    """The Python codec for a charset a server declared, or None when Python does not know it
    as a text encoding (`base64` is a codec too).

    Latin-1 and ASCII declarations mean windows-1252, as browsers read them (WHATWG): pages so
    labelled use its curly quotes and dashes in 0x80-0x9F.
    """
    if not charset or not charset.strip():
        return None
    try:
        name = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in NOT_PAGE_ENCODINGS:
        return None
    try:
        b"a".decode(name)  # bytes-to-bytes codecs refuse str.decode with a LookupError
    except LookupError:
        return None
    except UnicodeError:  # a decode error on one byte is fine; the `undefined` codec is not
        if name == "undefined":
            return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _prefer_web_default(
    matches: charset_normalizer.CharsetMatches, best: charset_normalizer.CharsetMatch
) -> charset_normalizer.CharsetMatch:
    """Among guesses that fit the bytes equally well, take windows-1252.

    Short Western European text decodes cleanly in many single-byte code pages, and the
    detector then picks one arbitrarily (cp1250 turns "à" into "ŕ"). windows-1252 is what the
    web means by Latin-1 (WHATWG), so it wins ties.
    """
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.percent_chaos <= best.percent_chaos
            and match.percent_coherence >= best.percent_coherence
        ):
            return match
    return best


def _require_text(text: str, path: str) -> str:
    if not text.strip():
        raise UnreadableArticle(path, "no text (empty or whitespace only)")
    return text


def article_from_text(data: bytes, article_id: str, path: str) -> Article:
    return Article(article_id=article_id, path=path, text=_require_text(decode(data, path), path))


def _extract(html: str) -> trafilatura.settings.Document | None:
    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if document is None or not (document.text or "").strip():
        return None
    return document


def article_from_html(
    data: bytes, article_id: str, path: str, charset: str | None = None
) -> Article:
    """Main text and metadata with trafilatura; comments and tables of links stay out.

    `charset` is what the server declared, when the page came with its HTTP headers (a WARC
    record); a saved `.html` file has none and its encoding is detected.
    """
    html = decode(data, path, charset)
    document = _extract(html)
    if document is None and "<body" not in html.casefold():
        # A bare fragment (`<p>…</p>`, a truncated page) parses once given a document around it.
        document = _extract(f"<html><body>{html}</body></html>")
    if document is None:
        raise UnreadableArticle(path, "no main text found in the HTML")
    return Article(
        article_id=article_id,
        path=path,
        text=normalise_text(document.text),
        outlet=document.sitename or "",
        published=document.date or "",
        url=document.url or "",
        title=document.title or "",
        language=document.language or "",
    )


def jsonl_records(
    lines: Iterable[bytes], path: str, max_line_bytes: int | None = None
) -> Iterator[tuple[str, dict | Skipped]]:
    """(where, record) for each non-blank line of a JSON Lines stream; a bad line comes back as
    `Skipped`. JSON text is UTF-8 by its standard, so no detection is done per line."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        if max_line_bytes is not None and len(raw) > max_line_bytes:
            yield (
                where,
                Skipped(where, f"line too large ({len(raw):,} bytes; limit {max_line_bytes:,})"),
            )
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield where, Skipped(where, "line is not UTF-8")
            continue
        except json.JSONDecodeError as error:
            yield where, Skipped(where, f"invalid JSON: {error.msg}")
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
    if not isinstance(body, str) or not body.strip():
        raise UnreadableArticle(where, "missing or empty 'text'")
    kind = record.get("kind") if record.get("kind") in ("wire", "outlet") else "outlet"

    def field(name: str) -> str:
        return _SURROGATE.sub("\ufffd", str(record.get(name) or ""))

    return Article(
        article_id=_SURROGATE.sub("\ufffd", str(article_id)),
        path=where,
        text=normalise_text(body),
        outlet=field("outlet"),
        published=field("published"),
        url=field("url"),
        title=field("title"),
        kind=kind,
        language=field("language"),
    )


def articles_from_jsonl(
    lines: Iterable[bytes], path: str, max_record_bytes: int
) -> Iterator[Article | Skipped]:
    """One article per line, read as a stream so a feed of any size fits in memory; a bad or
    oversized line is skipped and named, the others are kept."""
    for where, record in jsonl_records(lines, path, max_record_bytes):
        if isinstance(record, Skipped):
            yield record
            continue
        try:
            yield article_from_record(record, where)
        except UnreadableArticle as error:
            yield Skipped(error.path, error.reason)


def read_manifest(root: Path) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    """Metadata by relative path (forward slashes), from `manifest.csv` or `manifest.jsonl`,
    and the manifest rows that could not be used."""
    for name in MANIFEST_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            return {}, [Skipped(name, f"cannot read: {error.strerror or error}")]
        rows: list[tuple[str, dict]] = []
        problems: list[Skipped] = []
        if name.endswith(".csv"):
            try:
                text = decode(data, name)
            except UnreadableArticle as error:
                return {}, [Skipped(name, error.reason)]
            reader = csv.DictReader(text.splitlines())
            rows = [(f"{name}:{n}", row) for n, row in enumerate(reader, start=2)]
        else:
            for where, record in jsonl_records(data.splitlines(), name):
                if isinstance(record, Skipped):
                    problems.append(record)
                else:
                    rows.append((where, record))
        return manifest_entries(rows, problems)
    return {}, []


def manifest_entries(
    rows: Iterable[tuple[str, dict]], problems: list[Skipped]
) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    entries: dict[str, dict[str, str]] = {}
    for where, row in rows:
        listed = str(row.get("path") or "").strip().replace("\\", "/")
        if not listed:
            problems.append(Skipped(where, "manifest row without a 'path'"))
            continue
        if listed in entries:
            problems.append(Skipped(where, f"'{listed}' is listed twice; the first row is used"))
            continue
        entries[listed] = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
    return entries, problems


def with_metadata(article: Article, metadata: dict[str, str]) -> Article:
    """Manifest values override what the page itself said; empty manifest cells do not."""
    updates = {key: value for key, value in metadata.items() if value and key != "kind"}
    if metadata.get("kind") in ("wire", "outlet"):
        updates["kind"] = metadata["kind"]
    return replace(article, **updates)


def file_of(where: str) -> str:
    """The corpus file a path, a `feed.jsonl:12` line or a `crawl.warc.gz#7` record points into."""
    for mark in (":", "#"):
        head, _, number = where.rpartition(mark)
        if head and number.isdigit():
            return head
    return where


def corpus_files(root: Path) -> list[Path]:
    """Every file under root that is not hidden and not the manifest, in a stable order."""
    files = [
        path
        for path in root.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.relative_to(root).as_posix() not in MANIFEST_NAMES
    ]
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


def is_warc(name: str) -> bool:
    """A web archive by its name: `.warc.gz` has two suffixes, so `Path.suffix` alone says `.gz`."""
    return name.lower().endswith(WARC_SUFFIXES)


def read_file(path: Path, root: Path, options: Options) -> Iterator[Article | Skipped]:
    """Articles in one corpus file; failures come back as `Skipped`, never as exceptions."""
    relative = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    article_id = relative[: -len(path.suffix)] if path.suffix else relative
    try:
        if is_warc(path.name):
            # Imported here because warc builds on this module's decoding and extraction.
            # Streamed record by record, so the size limit applies to each page, not the file.
            from attrib.warc import warc_articles

            yield from warc_articles(path, relative, options)
            return
        if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES:
            raise UnreadableArticle(relative, f"unsupported file type '{suffix or path.name}'")
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from articles_from_jsonl(stream, relative, options.max_file_bytes)
            return
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise UnreadableArticle(
                relative, f"file too large ({size:,} bytes; limit {options.max_file_bytes:,})"
            )
        data = path.read_bytes()
        if suffix in HTML_SUFFIXES:
            yield article_from_html(data, article_id, relative)
        else:
            yield article_from_text(data, article_id, relative)
    except UnreadableArticle as error:
        yield Skipped(error.path, error.reason)
    except OSError as error:
        yield Skipped(relative, f"cannot read: {error.strerror or error}")


def read_corpus(
    root: Path,
    options: Options,
    progress: Callable[[Sequence[Path]], Iterable[Path]] = lambda files: files,
) -> tuple[list[Article], list[Skipped]]:
    """All articles of a corpus folder, with manifest metadata applied, and what was skipped.

    `progress` wraps the file list, for a front end that shows how far reading has got.
    """
    manifest, skipped = read_manifest(root)
    items = (
        item for path in progress(corpus_files(root)) for item in read_file(path, root, options)
    )
    articles, rejected = gather(items, manifest)
    return articles, [*skipped, *rejected]


def gather(
    items: Iterable[Article | Skipped], manifest: dict[str, dict[str, str]]
) -> tuple[list[Article], list[Skipped]]:
    """What `read_file` gave for every corpus file, in file order, as a corpus: articles with
    manifest metadata applied, and what was skipped. An engine that reads files elsewhere
    (Spark executors) brings their items back here so both engines agree.

    Article ids must be unique: a later file with an id already seen is skipped and named.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.article_id in seen:
            skipped.append(
                Skipped(
                    item.path,
                    f"duplicate article id {item.article_id!r} (first in {seen[item.article_id]})",
                )
            )
        else:
            seen[item.article_id] = item.path
            articles.append(with_metadata(item, manifest.get(file_of(item.path), {})))
    read = {file_of(a.path) for a in articles} | {file_of(s.path) for s in skipped}
    for listed in sorted(set(manifest) - read):
        skipped.append(Skipped(listed, "named in the manifest but not found in the corpus"))
    return articles, skipped


def read_article(path: Path, options: Options) -> Article:
    """The one article in a single file (as `attrib diff` takes them), or an error that names
    the path as the user typed it."""
    if path.is_dir():
        raise UnreadableArticle(str(path), "is a folder; give a file, or ids with --corpus")
    if not path.is_file():
        raise UnreadableArticle(str(path), "no such file")
    found = list(read_file(path, path.parent, options))
    for item in found:
        if isinstance(item, Skipped):
            raise UnreadableArticle(str(path), item.reason)
    if len(found) != 1:
        raise UnreadableArticle(
            str(path), f"holds {len(found)} articles; give their ids with --corpus"
        )
    return found[0]  # type: ignore[return-value]
