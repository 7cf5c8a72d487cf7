"""What the store holds, as JSON: data another tool can read, never code to unpickle."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, fields
from typing import TYPE_CHECKING

import numpy as np

from attrib.ingest.copies import same_copy
from attrib.models import (
    Article,
    CleanArticle,
    Credit,
    EditOp,
    Match,
    Paragraph,
    Passage,
    PreparedArticle,
    Removal,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def article_row(
    prepared: PreparedArticle, encoded: str | None = None
) -> tuple[str, str, str, str, bytes, str, bytes]:
    """A prepared article as a row of the `articles` table: its shingles as one uint64 blob and
    their counts per passage (empty in a run's result, which keeps no index)."""
    shingles = prepared.shingles
    grams = np.concatenate(shingles) if shingles else np.empty(0, dtype=np.uint64)
    article = prepared.article
    return (
        article.article_id,
        article.outlet,
        json.dumps(asdict(article.article), sort_keys=True),
        encoded if encoded is not None else encode_prepared(prepared),
        grams.astype(np.uint64).tobytes(),
        json.dumps([len(g) for g in shingles]),
        same_copy(article.article),
    )


def encode_prepared(prepared: PreparedArticle) -> str:
    """JSON of everything the conclusion needs (not the shingles, stored as a blob), so a
    store is data another tool can read, never code to unpickle."""
    cleaned = prepared.article
    return json.dumps(
        {
            "article": asdict(cleaned.article),
            "body": cleaned.body,
            "paragraphs": [_values(p) for p in cleaned.paragraphs],
            "removed": [_values(r) for r in cleaned.removed],
            "title": cleaned.title,
            "published": cleaned.published,
            "language": cleaned.language,
            "wrapped": cleaned.wrapped,
            "scanned": cleaned.scanned,
            "credits": [_values(c) for c in prepared.credits],
            "passages": [[p.index, p.paragraph, p.start, p.end] for p in prepared.passages],
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def decode_prepared(encoded: str) -> PreparedArticle:
    data = json.loads(encoded)
    article = Article(**data["article"])
    cleaned = CleanArticle(
        article=article,
        body=data["body"],
        paragraphs=tuple(decode_paragraph(*p) for p in data["paragraphs"]),
        removed=tuple(Removal(*r) for r in data["removed"]),
        title=data["title"],
        published=data["published"],
        language=data["language"],
        wrapped=data["wrapped"],
        scanned=data["scanned"],
    )
    body = cleaned.body
    passages = tuple(
        Passage(
            article.article_id,
            index,
            paragraph,
            start,
            end,
            body[start:end],
            cleaned.scanned,
            cleaned.paragraphs[paragraph].table,
        )
        for index, paragraph, start, end in data["passages"]
    )
    credits = tuple(Credit(*c) for c in data["credits"])
    return PreparedArticle(cleaned, credits, passages, ())


def encode_match(match: Match) -> str:
    return json.dumps(
        [match.a, match.b, match.score, match.matched_words, [_values(op) for op in match.ops]]
    )


def decode_match(encoded: str) -> Match:
    a, b, score, matched, ops = json.loads(encoded)
    return Match.of(a, b, score, matched, (EditOp(*op) for op in ops))


def decode_paragraph(
    start: int, end: int, raw_start: int, pieces: list[list[int]], table: bool
) -> Paragraph:
    runs = tuple((body, raw, length) for body, raw, length in pieces)
    return Paragraph(start, end, raw_start, runs, table)


def _values(item: DataclassInstance) -> list[object]:
    return [getattr(item, name) for name in _field_names(type(item))]


@functools.cache
def _field_names(kind: type[DataclassInstance]) -> tuple[str, ...]:
    """A dataclass's field names, looked up once per class: a run encodes hundreds of
    thousands of paragraphs, credits and removals, and `fields` is slow."""
    return tuple(f.name for f in fields(kind))
