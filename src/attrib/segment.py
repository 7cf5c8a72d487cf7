"""Cut each body paragraph into passages: sentences, with offsets into the body.

Sentences, not paragraphs, are the unit because outlets re-paragraph wire copy freely: one
outlet's paragraph of two quotes is another's two paragraphs. Sentence boundaries come from
sentencex (Wikimedia's rule-based segmenter for ~300 languages), which keeps a quoted sentence
and its attribution together.
"""

from __future__ import annotations

from collections.abc import Iterator

from sentencex import get_sentence_boundaries

from attrib.models import CleanArticle, Passage

MIN_PASSAGE_WORDS = 3


def sentence_spans(text: str, language: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace trimmed."""
    try:
        boundaries = get_sentence_boundaries(language, text)
    except (KeyError, ValueError, LookupError):
        boundaries = get_sentence_boundaries("en", text)
    for boundary in boundaries:
        start, end = boundary["start_index"], boundary["end_index"]
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        yield start, start + len(stripped)


def merge_fragments(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Fold a sentence of under three words (`- Reuters`, `Ends.`) into the one before it,
    so that no passage is too short to align or attribute on its own."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and len(text[start:end].split()) < MIN_PASSAGE_WORDS:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def segment_article(article: CleanArticle, default_language: str = "en") -> tuple[Passage, ...]:
    language = article.article.language or default_language
    passages: list[Passage] = []
    for number, paragraph in enumerate(article.paragraphs):
        text = article.body[paragraph.start : paragraph.end]
        for start, end in merge_fragments(list(sentence_spans(text, language)), text):
            passages.append(
                Passage(
                    article_id=article.article_id,
                    index=len(passages),
                    paragraph=number,
                    start=paragraph.start + start,
                    end=paragraph.start + end,
                    text=text[start:end],
                )
            )
    return tuple(passages)
