"""Cut each body paragraph into passages: sentences, with offsets into the body.

Sentences, not paragraphs, are the unit because outlets re-paragraph wire copy freely: one
outlet's paragraph of two quotes is another's two paragraphs. Sentence boundaries come from
sentencex (Wikimedia's rule-based segmenter for ~300 languages), which keeps a quoted sentence
and its attribution together. A "sentence" far longer than any news sentence (a page with no
full stops, a list run together) is cut into pieces: as one passage it would align with dozens
of real sentences at once and fill a report's row with text that row is not about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from sentencex import get_sentence_boundaries

from attrib.models import CleanArticle, Passage
from attrib.options import PassageThresholds
from attrib.text.rules import read_rules

DEFAULT = PassageThresholds()
_CLAUSE_END = (",", ";", ":")
# The word before a sentence's final full stop, standing alone (not the `S` of `U.S.`).
_LAST_WORD = re.compile(r"(?:^|[\s(«\"'„“])([^\W\d_]+)\.$")


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


@cache
def load_abbreviations() -> dict[str, frozenset[str]]:
    data = read_rules("abbreviations.toml")
    return {language: frozenset(words) for language, words in data["abbreviations"].items()}


def ends_in_abbreviation(sentence: str, language: str) -> bool:
    """Whether a sentence the splitter cut ends in an initial (`J.`) or one of the language's
    abbreviations (French `M.`, `MM.`), so that what follows belongs to it."""
    found = _LAST_WORD.search(sentence)
    if found is None:
        return False
    word = found.group(1)
    abbreviations = load_abbreviations().get(language, frozenset())
    return (len(word) == 1 and word.isupper()) or word in abbreviations


def join_abbreviations(
    spans: list[tuple[int, int]], text: str, language: str
) -> list[tuple[int, int]]:
    """Sentences rejoined after an initial or abbreviation, in the languages of
    `data/abbreviations.toml`; others as sentencex split them (it knows English initials, and
    `World War I.` ends a sentence)."""
    if language not in load_abbreviations():
        return spans
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and ends_in_abbreviation(text[joined[-1][0] : joined[-1][1]], language):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def merge_fragments(
    spans: list[tuple[int, int]], text: str, min_words: int = DEFAULT.min_words
) -> list[tuple[int, int]]:
    """Fold a sentence of under `min_words` (three) words (`- Reuters`, `Ends.`) into the one
    before it, so that no passage is too short to align or attribute on its own."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and len(text[start:end].split()) < min_words:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def split_long(
    spans: list[tuple[int, int]], text: str, limits: PassageThresholds = DEFAULT
) -> list[tuple[int, int]]:
    """Cut each span of more than `max_words` words into pieces of about equal length, each
    cut after the clause-ending word nearest its mark (from `cut_slack_words` words before it
    to one fewer after), else at the mark itself."""
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
        count = -(-len(words) // limits.max_words)
        if count <= 1:
            pieces.append((start, end))
            continue
        cuts = [0]
        for k in range(1, count):
            mark = round(k * len(words) / count)
            slack = limits.cut_slack_words
            near = range(max(cuts[-1] + 1, mark - slack), mark + slack)
            ends_clause = [i for i in near if text[words[i - 1][1] - 1] in _CLAUSE_END]
            cuts.append(min(ends_clause, key=lambda i: (abs(i - mark), i), default=mark))
        cuts.append(len(words))
        pieces.extend((words[a][0], words[b - 1][1]) for a, b in pairwise(cuts))
    return pieces


def segment_article(
    article: CleanArticle, default_language: str = "en", limits: PassageThresholds = DEFAULT
) -> tuple[Passage, ...]:
    language = article.language or default_language
    passages: list[Passage] = []
    for number, paragraph in enumerate(article.paragraphs):
        text = article.body[paragraph.start : paragraph.end]
        if paragraph.table:
            spans = [(0, len(text))]
        else:
            sentences = join_abbreviations(list(sentence_spans(text, language)), text, language)
            spans = split_long(merge_fragments(sentences, text, limits.min_words), text, limits)
        for start, end in spans:
            passages.append(
                Passage(
                    article_id=article.article_id,
                    index=len(passages),
                    paragraph=number,
                    start=paragraph.start + start,
                    end=paragraph.start + end,
                    text=text[start:end],
                    scanned=article.scanned,
                    table=paragraph.table,
                )
            )
    return tuple(passages)
