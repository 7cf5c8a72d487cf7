"""Plain frozen dataclasses that move between pipeline stages.

Every offset is a character offset: `Credit` and `Removal` offsets index `Article.text` (the
decoded, newline-normalised text as read), `Paragraph` and `Passage`
offsets index `CleanArticle.body`, and `EditOp` offsets index the two passages' own text. That
lets every renderer point back at the words a decision was made on.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Literal, TypeGuard

import numpy as np

ArticleKind = Literal["outlet", "wire"]
CreditKind = Literal[
    "dateline", "signoff", "byline", "combined", "marker", "source", "quote", "photo"
]
CreditScope = Literal["article", "paragraph", "quote", "none"]
OpTag = Literal["equal", "replace", "delete", "insert"]

OWN = "own"
UNKNOWN = "unknown"
# A joint origin names the wires an article credits together when nothing tells which of them
# wrote a passage ("AFP|dpa|Reuters", from "(AFP, Reuters, dpa)"): the claim is "one of these".
JOINT_SEPARATOR = "|"
# The list of files attrib wrote into an output folder (`attrib.output.files`). Only these are
# ever removed as stale, and a folder holding it is never read as part of a corpus (`ingest`).
WRITTEN_LIST = ".attrib-written"
# A run's result in its output folder, in the store's format, read back by the views.
RESULT_NAME = "attrib.db"


def is_article_kind(value: str) -> TypeGuard[ArticleKind]:
    """Whether a manifest's or a feed's `kind` names one attrib knows, so it may stand as one."""
    return value in ("outlet", "wire")


def joint_origin(wires: Iterable[str]) -> str:
    """The one spelling of a set of wires as an origin: sorted, so that "(Reuters, AFP)" and
    "(AFP, Reuters)" count as the same origin; a single wire is itself."""
    return JOINT_SEPARATOR.join(sorted(set(wires), key=str.casefold))


def origin_wires(origin: str) -> tuple[str, ...]:
    """The wires an origin may be: one for a wire, several for a joint origin."""
    return tuple(origin.split(JOINT_SEPARATOR))


def is_joint(origin: str) -> bool:
    return JOINT_SEPARATOR in origin


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from the corpus, before cleaning.

    `outlet_source` says where `outlet` came from: "manifest", "page" (the page's own metadata,
    a WARC record's host, a feed record's field), "folder" (the first folder under the corpus
    root), or "" when no outlet is known. It is last, with a default, so that articles
    serialised before it existed still load.
    """

    article_id: str
    path: str
    text: str
    outlet: str = ""
    published: str = ""
    url: str = ""
    title: str = ""
    kind: ArticleKind = "outlet"
    language: str = ""
    outlet_source: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input file, or one record of it, that could not be processed, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of `Article.text` that cleaning left out of the body, with the rule that did it."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: `start`/`end` in the body, `raw_start` where it stands in the text.

    A paragraph joined from hard-wrapped lines is not one verbatim run of the text: `pieces`
    then lists its runs, each (body offset, text offset, length), with a space or nothing (a
    hyphen that split a word) between them. Empty `pieces` mean one run. `table`: a row of
    figures, kept as one passage, never split into sentences.
    """

    start: int
    end: int
    raw_start: int
    pieces: tuple[tuple[int, int, int], ...] = ()
    table: bool = False

    def runs(self) -> tuple[tuple[int, int, int], ...]:
        """The verbatim runs, (body offset, text offset, length), one for an unjoined line."""
        return self.pieces or ((self.start, self.raw_start, self.end - self.start),)

    def raw_offset(self, offset: int, *, end: bool = False) -> int:
        """Where a body offset of this paragraph stands in the text. A start that falls between
        two runs moves to the next run, an end to the previous one, so a span covers exactly
        the characters its words were read from."""
        runs = self.runs()
        for index, (body, raw, length) in enumerate(runs):
            if offset < body:
                if index == 0:
                    return raw
                previous = runs[index - 1]
                return previous[1] + previous[2] if end else raw
            last = index == len(runs) - 1
            if offset < body + length or (offset == body + length and (end or last)):
                return raw + offset - body
        body, raw, length = runs[-1]
        return raw + length

    @property
    def raw_end(self) -> int:
        return self.raw_offset(self.end, end=True)

    def body_offset(self, raw_offset: int) -> int:
        """Where a text offset inside this paragraph stands in the body: the end of a run maps
        to the run's end, any later offset before the next run (a line break, indentation, a
        dropped hyphen) to the next run's start."""
        for body, raw, length in self.runs():
            if raw_offset < raw:
                return body
            if raw_offset <= raw + length:
                return body + raw_offset - raw
        return self.end


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article with page furniture removed.

    `body` is the kept paragraphs joined by blank lines; `title` and `published` fall back to
    what cleaning inferred from the page when the corpus metadata left them empty, `language`
    to the language detected in the body ('' when unclear). `wrapped`: the text is hard-wrapped
    (see `paragraphs.hard_wrapped`); `scanned`: and a scan's OCR (`paragraphs.scanned`).
    """

    article: Article
    body: str
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    title: str = ""
    published: str = ""
    language: str = ""
    wrapped: bool = False
    scanned: bool = False

    @property
    def article_id(self) -> str:
        return self.article.article_id

    @property
    def outlet(self) -> str:
        return self.article.outlet

    @property
    def is_wire_copy(self) -> bool:
        return self.article.kind == "wire"

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Where a body span (a passage's `start`, `end`) stands in the article's text."""
        index = bisect_right(self.paragraphs, start, key=attrgetter("start")) - 1
        paragraph = self.paragraphs[index]
        return paragraph.raw_offset(start), paragraph.raw_offset(end, end=True)


@dataclass(frozen=True, slots=True)
class Credit:
    """A statement in an article of where its text (or a picture) came from.

    `wire` is a canonical wire name from the wire list, or for photo credits the picture
    agency as written (Getty Images...). `paragraph` is the body paragraph the credit covers
    when its scope is a paragraph or a quote, else None.
    """

    wire: str
    kind: CreditKind
    scope: CreditScope
    start: int
    end: int
    text: str
    paragraph: int | None = None

    @property
    def is_text_credit(self) -> bool:
        """A photo credit says who took a picture, never who wrote the words."""
        return self.kind != "photo"


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence run of an article's body, the unit that is aligned and attributed.

    `scanned` says its article is a scan's OCR (see `paragraphs.scanned`), where alignment
    forgives a misread letter or figure (`align.misread_words`, `align.figures_agreeing`).
    `table`: a row of figures, which aligns only with a row of the same figures and links two
    stories only as `families.link_articles` allows."""

    article_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    scanned: bool = False
    table: bool = False

    @property
    def passage_id(self) -> str:
        return f"{self.article_id}:{self.index}"


def split_passage_id(passage_id: str) -> tuple[str, int]:
    """The article id and index a `Passage.passage_id` was made from."""
    article_id, _, index = passage_id.rpartition(":")
    return article_id, int(index)


@dataclass(frozen=True, slots=True)
class EditOp:
    """One difflib-style opcode between two passages, in character offsets of each passage."""

    tag: OpTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """One article made ready for alignment: cleaned, its credits read, cut into passages,
    and each passage's shingle hashes (a sorted uint64 array) for the candidate index."""

    article: CleanArticle
    credits: tuple[Credit, ...]
    passages: tuple[Passage, ...]
    shingles: tuple[np.ndarray, ...]


_OP_TAGS: tuple[OpTag, ...] = ("equal", "replace", "delete", "insert")
_OP_CODES = {tag: code for code, tag in enumerate(_OP_TAGS)}


def pack_ops(ops: Iterable[EditOp]) -> bytes:
    """Opcodes as five 32-bit integers each: a corpus holds millions of matches, and a tuple
    of objects per match would take most of the memory a run needs."""
    values = array("i")
    for op in ops:
        values.extend((_OP_CODES[op.tag], op.a_start, op.a_end, op.b_start, op.b_end))
    return values.tobytes()


def unpack_ops(packed: bytes) -> tuple[EditOp, ...]:
    values = array("i")
    values.frombytes(packed)
    return tuple(
        EditOp(_OP_TAGS[values[k]], values[k + 1], values[k + 2], values[k + 3], values[k + 4])
        for k in range(0, len(values), 5)
    )


@dataclass(frozen=True, slots=True)
class Match:
    """Two passages from different articles that are versions of the same text.

    `a` sorts before `b` by passage id, so a match is stored once whichever way it was found.
    `matched_words` counts words the two share in order; `score` is that count over the
    shorter passage's words (containment: a wire sentence sits inside a longer rewrite).
    The edit opcodes are kept packed (`ops` unpacks them); build one with `Match.of`.
    """

    a: str
    b: str
    score: float
    matched_words: int
    packed_ops: bytes

    @classmethod
    def of(cls, a: str, b: str, score: float, matched_words: int, ops: Iterable[EditOp]) -> Match:
        return cls(sys.intern(a), sys.intern(b), score, matched_words, pack_ops(ops))

    @property
    def ops(self) -> tuple[EditOp, ...]:
        return unpack_ops(self.packed_ops)

    def other(self, passage_id: str) -> str:
        """The passage this match pairs with `passage_id`."""
        return self.b if self.a == passage_id else self.a

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Passage ids come back from worker processes as new strings, one pair per match;
        # interned, the corpus's matches share one copy of each id.
        return _unpickle_match, (self.a, self.b, self.score, self.matched_words, self.packed_ops)


def _unpickle_match(a: str, b: str, score: float, matched: int, packed: bytes) -> Match:
    return Match(sys.intern(a), sys.intern(b), score, matched, packed)


@dataclass(frozen=True, slots=True)
class Family:
    """All passages, across articles, that are versions of one text (connected matches)."""

    family_id: str
    passage_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles linked by matches: the unit of a report."""

    story_id: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The likely origin of one passage, how sure we are, and why, in words a person reads."""

    passage_id: str
    origin: str
    confidence: float
    evidence: str


@dataclass(frozen=True)
class CorpusResult:
    """Everything one run computed, keyed for the renderers.

    Tuples are in a stable order (article id, then passage index) so every output that walks
    them is deterministic.
    """

    articles: tuple[CleanArticle, ...]
    credits: dict[str, tuple[Credit, ...]]
    passages: tuple[Passage, ...]
    matches: tuple[Match, ...]
    families: tuple[Family, ...]
    stories: tuple[Story, ...]
    attributions: dict[str, Attribution]
    skipped: tuple[Skipped, ...] = field(default=())

    @cached_property
    def _articles_by_id(self) -> dict[str, CleanArticle]:
        return {article.article_id: article for article in self.articles}

    @cached_property
    def _passages_by_article(self) -> dict[str, tuple[Passage, ...]]:
        grouped: dict[str, list[Passage]] = {}
        for passage in self.passages:
            grouped.setdefault(passage.article_id, []).append(passage)
        return {article_id: tuple(group) for article_id, group in grouped.items()}

    @cached_property
    def passages_by_id(self) -> dict[str, Passage]:
        return {passage.passage_id: passage for passage in self.passages}

    @cached_property
    def matches_of(self) -> dict[str, tuple[Match, ...]]:
        """Matches by passage id, each listed under both of its passages."""
        grouped: dict[str, list[Match]] = {}
        for match in self.matches:
            grouped.setdefault(match.a, []).append(match)
            grouped.setdefault(match.b, []).append(match)
        return {pid: tuple(group) for pid, group in grouped.items()}

    @cached_property
    def story_of(self) -> dict[str, str]:
        """Story id by article id."""
        return {a: story.story_id for story in self.stories for a in story.article_ids}

    @cached_property
    def other_stories(self) -> dict[str, tuple[str, ...]]:
        """For each passage matched in articles of other stories (a common source, a borrowed
        paragraph), those articles, in id order."""
        found: dict[str, set[str]] = {}
        for match in self.matches:
            first = self.passages_by_id[match.a].article_id
            second = self.passages_by_id[match.b].article_id
            if self.story_of[first] != self.story_of[second]:
                found.setdefault(match.a, set()).add(second)
                found.setdefault(match.b, set()).add(first)
        return {pid: tuple(sorted(articles)) for pid, articles in found.items()}

    @cached_property
    def family_of(self) -> dict[str, Family]:
        """Family by passage id, for passages that have one."""
        return {pid: family for family in self.families for pid in family.passage_ids}

    @cached_property
    def families_by_story(self) -> dict[str, tuple[Family, ...]]:
        """Families under each story any of their passages is in (a borrowed passage's family
        spans two), for per-story work in one pass."""
        grouped: dict[str, list[Family]] = {}
        for family in self.families:
            stories = {self.story_of[self.passages_by_id[p].article_id] for p in family.passage_ids}
            for story_id in sorted(stories):
                grouped.setdefault(story_id, []).append(family)
        return {story_id: tuple(group) for story_id, group in grouped.items()}

    @property
    def reported_stories(self) -> tuple[Story, ...]:
        """Stories of two or more articles: the ones with a report, a comparison and, without
        wire copy, a reconstruction."""
        return tuple(story for story in self.stories if len(story.article_ids) > 1)

    def article(self, article_id: str) -> CleanArticle:
        """The cleaned article with this id; KeyError if the run has none."""
        return self._articles_by_id[article_id]

    def passages_of(self, article_id: str) -> tuple[Passage, ...]:
        return self._passages_by_article.get(article_id, ())

    def article_at(self, path: str) -> str | None:
        """The id of the article read from the file at `path` as a user typed it
        (`corpus/dw/a.txt`: the run knows it as `dw/a.txt` under its corpus), if exactly one
        article's file ends that path; None when none does, or a feed's several records do."""
        typed = Path(path).resolve().as_posix()
        found = [
            a.article_id
            for a in self.articles
            if typed == a.article.path or typed.endswith(f"/{a.article.path}")
        ]
        return found[0] if len(found) == 1 else None
