"""Rebuild the wire story behind a story whose agency original is not in the corpus.

Each family of aligned passages is one sentence of the reconstruction. Sentences are ordered
as the outlets agree: for every two families, the order most articles that carry both put them
in (a Copeland ranking, so a re-ordered paragraph in one outlet is outvoted by the others).
Within a sentence, the version closest to all the others is the starting text, and a word is
changed, added or removed only where a strict majority of the versions agree on it, so one
outlet's house style or rewording never reaches the reconstruction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from attrib.match.align import known_match, rapidfuzz_word_ops
from attrib.models import (
    Article,
    CleanArticle,
    CorpusResult,
    Family,
    Paragraph,
    Passage,
    Story,
)
from attrib.text.tokens import tokenize


@dataclass(frozen=True)
class ReconstructedSentence:
    """One sentence of the reconstruction: the family it stands for, its text, and the
    articles whose versions it was built from."""

    family_id: str
    text: str
    carried_by: tuple[str, ...]
    versions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReconstructedWire:
    """The best estimate of the agency text behind a story, sentence by sentence in order."""

    story_id: str
    sentences: tuple[ReconstructedSentence, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sentences) + "\n"


def story_families(result: CorpusResult, story: Story) -> list[Family]:
    """The story's families, each cut to its versions inside the story (a borrowed passage's
    family reaches into another story), kept when two or more articles carry it."""
    members = set(story.article_ids)
    by_id = result.passages_by_id
    found = []
    for family in result.families_by_story.get(story.story_id, ()):
        inside = tuple(p for p in family.passage_ids if by_id[p].article_id in members)
        if len({by_id[p].article_id for p in inside}) > 1:
            found.append(Family(family.family_id, inside))
    return found


def agreed_order(families: Sequence[Family], by_id: dict[str, Passage]) -> list[Family]:
    """Families sorted by how many others the outlets mostly put after them; ties by mean
    position, then id."""
    position: dict[tuple[str, str], int] = {}
    for family in families:
        for pid in family.passage_ids:
            passage = by_id[pid]
            key = (family.family_id, passage.article_id)
            position[key] = min(position.get(key, passage.index), passage.index)
    articles_of = {
        f.family_id: {a for (fid, a) in position if fid == f.family_id} for f in families
    }
    wins: Counter[str] = Counter()
    for first in families:
        for second in families:
            if first.family_id >= second.family_id:
                continue
            both = articles_of[first.family_id] & articles_of[second.family_id]
            ahead = sum(position[first.family_id, a] < position[second.family_id, a] for a in both)
            if ahead * 2 > len(both):
                wins[first.family_id] += 1
            elif ahead * 2 < len(both):
                wins[second.family_id] += 1
    mean = {
        f.family_id: sum(by_id[p].index for p in f.passage_ids) / len(f.passage_ids)
        for f in families
    }
    return sorted(families, key=lambda f: (-wins[f.family_id], mean[f.family_id], f.family_id))


def medoid(versions: Sequence[Passage], result: CorpusResult) -> Passage:
    """The version sharing the most words, in order, with the others, from the matches the
    run already has (no new alignments: a family can have hundreds of versions)."""
    ids = {v.passage_id for v in versions}

    def shared(one: Passage) -> int:
        return sum(
            m.matched_words
            for m in result.matches_of.get(one.passage_id, ())
            if m.other(one.passage_id) in ids
        )

    return max(versions, key=lambda v: (shared(v), -len(v.text), v.passage_id))


def majority_text(versions: Sequence[Passage], result: CorpusResult) -> str:
    """The medoid version, with each edit that a strict majority of versions make to it."""
    base = medoid(versions, result)
    words = tokenize(base.text)
    votes: Counter[tuple[int, int, str]] = Counter()
    for other in versions:
        if other is base:
            continue
        theirs = tokenize(other.text)
        for tag, a1, a2, b1, b2 in rapidfuzz_word_ops(words.words, theirs.words):
            if tag == "equal":
                continue
            replacement = (
                other.text[theirs.spans[b1][0] : theirs.spans[b2 - 1][1]] if b2 > b1 else ""
            )
            votes[a1, a2, replacement] += 1
    edits = sorted(
        (key for key, count in votes.items() if count * 2 > len(versions)),
        key=lambda k: (k[0], k[1]),
    )
    text = base.text
    for a1, a2, replacement in reversed(_non_overlapping(edits)):
        if a2 > a1:
            start, end = words.spans[a1][0], words.spans[a2 - 1][1]
        elif a1 < len(words.spans):  # an insertion before word a1
            start = end = words.spans[a1][0]
            replacement = f"{replacement} " if replacement else replacement
        else:  # an insertion after the last word, before any closing punctuation
            start = end = words.spans[-1][1] if words.spans else len(text)
            replacement = f" {replacement}" if replacement else replacement
        text = text[:start] + replacement + text[end:]
    return " ".join(text.split())


def _non_overlapping(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The edits that can all be applied: votes for different replacements of overlapping
    words cannot both win, and of two that start at the same word, the first sorted wins."""
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or (edit[0] >= kept[-1][1] and edit[0] != kept[-1][0]):
            kept.append(edit)
    return kept


def reconstruct_story(result: CorpusResult, story: Story) -> ReconstructedWire | None:
    """The best estimate of the wire text behind a story, or None when the corpus holds the
    wire copy itself or the story has a single article."""
    if len(story.article_ids) < 2 or any(result.article(a).is_wire_copy for a in story.article_ids):
        return None
    by_id = result.passages_by_id
    sentences = []
    for family in agreed_order(story_families(result, story), by_id):
        versions = [by_id[p] for p in family.passage_ids]
        sentences.append(
            ReconstructedSentence(
                family.family_id,
                majority_text(versions, result),
                tuple(sorted({v.article_id for v in versions})),
                family.passage_ids,
            )
        )
    return ReconstructedWire(story.story_id, tuple(sentences)) if sentences else None


def reconstruction_id(story_id: str) -> str:
    """The id the reconstructed text goes by in a story view; no file path can produce it."""
    return f"(reconstructed {story_id})"


def as_article(wire: ReconstructedWire) -> tuple[CleanArticle, tuple[Passage, ...]]:
    """The reconstruction as a wire-copy article of one passage per sentence."""
    article_id = reconstruction_id(wire.story_id)
    paragraphs, passages, position = [], [], 0
    for index, sentence in enumerate(wire.sentences):
        end = position + len(sentence.text)
        paragraphs.append(Paragraph(position, end, position))
        passages.append(Passage(article_id, index, index, position, end, sentence.text))
        position = end + 2
    article = Article(
        article_id=article_id,
        path="",
        text=wire.text,
        outlet="reconstructed wire text",
        title=f"Reconstructed wire text of story {wire.story_id}",
        kind="wire",
    )
    body = "\n\n".join(s.text for s in wire.sentences)
    return CleanArticle(article, body, tuple(paragraphs), (), article.title), tuple(passages)


@dataclass(frozen=True)
class StoryView:
    """One story on its own, as reports need it: `result` holds just the story's articles,
    passages and matches, plus its reconstructed wire text as an article matched to every
    version of each sentence; `reconstruction_id` names that article (None when the story
    has wire copy or no shared text)."""

    result: CorpusResult
    reconstruction_id: str | None


def story_view(result: CorpusResult, story: Story) -> StoryView:
    """The story's `StoryView`: the unit the PDF, `changes.csv` and `wire-<story>.txt` use."""
    by_id = result.passages_by_id
    passages = [p for a in story.article_ids for p in result.passages_of(a)]
    own_ids = {p.passage_id for p in passages}
    matches = {
        (m.a, m.b): m
        for p in passages
        for m in result.matches_of.get(p.passage_id, ())
        if m.a in own_ids and m.b in own_ids
    }
    articles = [result.article(a) for a in story.article_ids]
    wire = reconstruct_story(result, story)
    reference = None
    if wire is not None:
        article, sentences = as_article(wire)
        for sentence, rebuilt in zip(wire.sentences, sentences, strict=True):
            for pid in sentence.versions:
                match = known_match(rebuilt, by_id[pid])
                matches[match.a, match.b] = match
        articles.insert(0, article)
        passages = [*sentences, *passages]
        reference = article.article_id
    view = CorpusResult(
        articles=tuple(articles),
        credits=result.credits,
        passages=tuple(passages),
        matches=tuple(matches[k] for k in sorted(matches)),
        families=(),
        stories=(Story(story.story_id, tuple(a.article_id for a in articles)),),
        attributions=result.attributions,
        skipped=(),
    )
    return StoryView(view, reference)
