"""Read a corpus folder into articles: each file by the reader of its kind (`READERS`: plain
text and HTML pages in `pages`, JSON Lines in `jsonl`, web archives in `warc`), then the
manifest's metadata (`manifest`, `metadata`) over the whole corpus (`gather`).

Scraped corpora hold every encoding and every kind of breakage, so each file is decoded on its
own and a file that cannot become an article raises `UnreadableArticle`; `read_corpus` turns
that into a `Skipped` row and goes on with the batch. What is read: any BOM, UTF-16 without
one, UTF-8 with stray bytes of another encoding, CRLF, NUL padding inside text, truncated HTML.
What is skipped, and named: binary files, empty or whitespace-only files, files over the size
limit (checked before reading; a JSON Lines feed is limited per line, a WARC per record),
pages with no main text (saying so when their elements nest past the parser's limit), bad
feed lines, a feed line with an id already seen, the same page reached twice (`gather`), and
manifest rows that cannot be used.

"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from attrib.errors import CorpusNotFound, UnreadableArticle
from attrib.ingest.copies import same_copy
from attrib.ingest.jsonl import JSONL_SUFFIXES, articles_from_jsonl, bounded_lines
from attrib.ingest.manifest import MANIFEST_NAMES, read_manifest
from attrib.ingest.metadata import file_of, folder_outlet, with_metadata
from attrib.ingest.pages import article_from_html, article_from_text
from attrib.ingest.warc import WARC_SUFFIXES, warc_articles
from attrib.models import WRITTEN_LIST, Article, Skipped
from attrib.options import Options
from attrib.pool import Track, in_pool, no_progress, worker_count


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
    try:
        refuse_special_file(path, root, relative)
        reader = reader_for(path.name)
        if reader is None:
            raise UnreadableArticle(
                relative, f"unsupported file type '{path.suffix.lower() or path.name}'"
            )
        yield from reader(path, relative, options, dated)
    except UnreadableArticle as error:
        yield Skipped(error.path, error.reason)
    except OSError as error:
        yield Skipped(relative, f"cannot read: {error.strerror or error}")


# A reader turns one corpus file into its articles (and the parts of it it skipped), given the
# file, its corpus-relative path, the options and whether the manifest dates it; a file it
# cannot read at all raises `UnreadableArticle` or `OSError`.
Reader = Callable[[Path, str, Options, bool], Iterator[Article | Skipped]]


def read_text_file(path: Path, relative: str, options: Options, dated: bool) -> Iterator[Article]:
    yield article_from_text(_read_limited(path, relative, options), _stem(path, relative), relative)


def read_html_file(path: Path, relative: str, options: Options, dated: bool) -> Iterator[Article]:
    data = _read_limited(path, relative, options)
    yield article_from_html(data, _stem(path, relative), relative, dated=dated)


def read_jsonl_file(
    path: Path, relative: str, options: Options, dated: bool
) -> Iterator[Article | Skipped]:
    """Streamed line by line, so the size limit applies to each record, not the feed."""
    with path.open("rb") as stream:
        lines = bounded_lines(stream, options.max_file_bytes)
        yield from articles_from_jsonl(lines, relative, options.max_file_bytes)


def read_warc_file(
    path: Path, relative: str, options: Options, dated: bool
) -> Iterator[Article | Skipped]:
    """Streamed record by record, so the size limit applies to each page, not the archive."""
    yield from warc_articles(path, relative, options)


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    **dict.fromkeys(JSONL_SUFFIXES, read_jsonl_file),
    **dict.fromkeys(WARC_SUFFIXES, read_warc_file),
}


def reader_for(name: str) -> Reader | None:
    """The reader of a file by its name's ending (`.warc.gz` has two suffixes, so `Path.suffix`
    alone would say `.gz`), or None for a kind of file attrib does not read."""
    lowered = name.lower()
    return next((read for suffix, read in READERS.items() if lowered.endswith(suffix)), None)


def _stem(path: Path, relative: str) -> str:
    """A file's article id: its corpus-relative path without the suffix."""
    return relative[: -len(path.suffix)] if path.suffix else relative


def _read_limited(path: Path, relative: str, options: Options) -> bytes:
    """A whole file's bytes, once its size is known to be within the limit."""
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise UnreadableArticle(
            relative, f"file too large ({size:,} bytes; limit {options.max_file_bytes:,})"
        )
    return path.read_bytes()


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
            read = not any(part.startswith(".") for part in inside.parts) and bool(
                reader_for(inside.name)
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
        item = claim_id(item, seen.get)
        if isinstance(item, Skipped):
            skipped.append(item)
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


def claim_id(article: Article, taken: Callable[[str], str | None]) -> Article | Skipped:
    """The article under the id it may have, or why it may have none. `taken(article_id)`
    is the path of the article that holds the id already, or None: a whole file then keeps
    its extension in its id (`x.txt` beside `x.html`), anything else (a feed line whose
    producer gave the id twice) is a duplicate, and the first stays. Every engine, and the
    store against what it holds, decides ids by this rule."""
    first = taken(article.article_id)
    if first is not None and file_of(article.path) == article.path:
        article = replace(article, article_id=article.path)
        first = taken(article.article_id)
    if first is not None:
        return Skipped(
            article.path, f"duplicate article id {article.article_id!r} (first in {first})"
        )
    return article


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
    articles: list[Article] = []
    for item in found:
        if isinstance(item, Skipped):
            line = item.path[len(file_of(item.path)) :]  # `:3` of `feed.jsonl:3`, else ""
            raise UnreadableArticle(f"{path}{line}", item.reason)
        articles.append(item)
    if len(articles) != 1:
        raise UnreadableArticle(
            str(path), f"holds {len(articles)} articles; give their ids with --corpus"
        )
    return articles[0]
