"""Articles that are the same text: a page saved twice, another outlet's verbatim copy.

Verbatim republication is what attrib looks for, so a copy stays an article of its own; these
keys say which article it copies, and which pages are one publication read twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from attrib.ingest.jsonl import JSONL_SUFFIXES
from attrib.ingest.metadata import file_of
from attrib.models import Article


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
