"""Per-article figures shared by `articles.csv`, the terminal summary and the PDF first page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from attrib.ingest.copies import duplicates_of, repeated_pages
from attrib.models import OWN, UNKNOWN, CorpusResult, Story, is_joint, origin_wires
from attrib.text.credits import credited_wires
from attrib.text.tokens import word_count
from attrib.views.changes import Change, ChangeFigures, change_figures, classify_changes
from attrib.views.compare import Comparison, compare, reference_article
from attrib.views.reconstruct import StoryView, story_view


@dataclass(frozen=True)
class ArticleShares:
    """One row of `articles.csv`: who published it, its credits, where its words came from.

    `origin_shares` are (origin, share of the article's words) for wires and joint origins
    (`AFP|dpa|Reuters`, one of them), largest first; `own_share` is the outlet's own words;
    what is left is `unknown`.
    """

    article_id: str
    outlet: str
    published: str
    title: str
    words: int
    story_id: str
    credited_wires: tuple[str, ...]
    primary_origin: str
    origin_shares: tuple[tuple[str, float], ...]
    own_share: float
    kind: str = "outlet"
    reference_id: str = ""
    changes: ChangeFigures | None = None
    origin_words: tuple[tuple[str, int], ...] = ()  # every origin's words, own and unknown too
    duplicate_of: str = ""  # the first article with this text word for word, if another is
    repeat: bool = False  # a page its outlet published once, read twice (`repeated_pages`)
    outlet_source: str = ""  # where `outlet` came from: manifest, page, folder ("" unknown)
    other_stories_words: int = 0  # in passages that articles of other stories carry too

    @property
    def other_stories_share(self) -> float:
        return self.other_stories_words / self.words if self.words else 0.0

    @property
    def unknown_share(self) -> float:
        """Words carried by other articles too that nothing attributes: uncredited copy of
        unknown origin, not the outlet's own."""
        unknown = dict(self.origin_words).get(UNKNOWN, 0)
        return round(unknown / self.words, 2) if self.words else 0.0


@dataclass(frozen=True)
class OutletShares:
    """One row of `outlets.csv`: how much of what an outlet published came from each wire,
    and how much of that wire text went out without a credit to that wire, which is what a
    researcher measuring wire dependence, or an agency checking its credits, wants per outlet.
    """

    outlet: str
    articles: int
    words: int
    wire_words: tuple[tuple[str, int], ...]  # one wire each, largest first
    own_words: int
    uncredited_words: int
    # Words whose origin is joint: agency copy, but no one agency's, so in no wire's share.
    joint_words: int = 0
    other_stories_words: int = 0  # in passages articles of other stories carry too

    def share(self, words: int) -> float:
        return words / self.words if self.words else 0.0

    @property
    def wire_total(self) -> int:
        return sum(words for _, words in self.wire_words) + self.joint_words

    @property
    def unknown_words(self) -> int:
        return self.words - self.wire_total - self.own_words


@dataclass(frozen=True)
class ArticleChanges:
    """An article set against its story's reference: the rows, the classified changes, the
    shares. Computed once per run and shared by `articles.csv`, `changes.csv` and the PDF."""

    reference_id: str
    comparison: Comparison | None  # None once only the tables need it
    changes: tuple[Change, ...]
    figures: ChangeFigures


@dataclass(frozen=True)
class ComparedStory:
    """A story's view and every comparison with its reference (`changes_in_story`), made
    once per run and handed to every consumer: the tables, the PDF and the web page read these
    rows, so they cannot disagree, and no story is compared twice."""

    view: StoryView
    changes: dict[str, ArticleChanges]


def compare_story(result: CorpusResult, story: Story) -> ComparedStory:
    view = story_view(result, story)
    return ComparedStory(view, changes_in_story(view))


def story_changes(result: CorpusResult) -> dict[str, ArticleChanges]:
    """What each article of a story of two or more changed against the story's reference: its
    wire copy, or else its reconstructed wire text. For callers without a run's reports,
    which hand their `compare_story` results over instead."""
    found: dict[str, ArticleChanges] = {}
    for story in result.reported_stories:
        found.update(compare_story(result, story).changes)
    return found


def changes_in_story(story_view: StoryView) -> dict[str, ArticleChanges]:
    """`story_changes` for one story, from its view."""
    view = story_view.result
    story = view.stories[0]
    reference = reference_article(view, story)
    found: dict[str, ArticleChanges] = {}
    for article_id in story.article_ids:
        if article_id in (reference, story_view.reconstruction_id):
            continue
        comparison = compare(view, reference, article_id)
        changes = classify_changes(comparison)
        found[article_id] = ArticleChanges(
            reference, comparison, changes, change_figures(comparison, changes)
        )
    return found


def _shares(result: CorpusResult, article_id: str) -> tuple[int, dict[str, int]]:
    words_by_origin: dict[str, int] = {}
    total = 0
    for passage in result.passages_of(article_id):
        words = word_count(passage.text)
        total += words
        attribution = result.attributions.get(passage.passage_id)
        origin = attribution.origin if attribution else UNKNOWN
        words_by_origin[origin] = words_by_origin.get(origin, 0) + words
    return total, words_by_origin


def article_shares(
    result: CorpusResult,
    article_id: str,
    changed: ArticleChanges | None = None,
    duplicate_of: str = "",
    repeat: bool = False,
) -> ArticleShares:
    article = result.article(article_id)
    total, words_by_origin = _shares(result, article_id)
    wire_words = {o: w for o, w in words_by_origin.items() if o not in (OWN, UNKNOWN)}
    shares = tuple(
        (origin, round(words / total, 2))
        for origin, words in sorted(wire_words.items(), key=lambda item: (-item[1], item[0]))
    )
    primary = (
        max(words_by_origin.items(), key=lambda item: (item[1], item[0] != UNKNOWN, item[0]))[0]
        if words_by_origin
        else UNKNOWN
    )
    story_id = result.story_of.get(article_id, "")
    return ArticleShares(
        article_id=article_id,
        outlet=article.outlet,
        published=article.published,
        title=article.title,
        words=total,
        story_id=story_id,
        credited_wires=credited_wires(result.credits.get(article_id, ())),
        primary_origin=primary,
        origin_shares=shares,
        own_share=round(words_by_origin.get(OWN, 0) / total, 2) if total else 0.0,
        kind=article.article.kind,
        reference_id=changed.reference_id if changed else "",
        changes=changed.figures if changed else None,
        origin_words=tuple(sorted(words_by_origin.items())),
        duplicate_of=duplicate_of,
        repeat=repeat,
        outlet_source=article.article.outlet_source,
        other_stories_words=sum(
            word_count(p.text)
            for p in result.passages_of(article_id)
            if p.passage_id in result.other_stories
        ),
    )


def corpus_shares(
    result: CorpusResult, changed: dict[str, ArticleChanges] | None = None
) -> tuple[ArticleShares, ...]:
    changed = story_changes(result) if changed is None else changed
    copies = duplicates_of(a.article for a in result.articles)
    repeats = repeated_pages(a.article for a in result.articles)
    return tuple(
        article_shares(
            result,
            a.article_id,
            changed.get(a.article_id),
            copies.get(a.article_id, ""),
            a.article_id in repeats,
        )
        for a in result.articles
    )


def outlet_shares(summaries: Iterable[ArticleShares]) -> tuple[OutletShares, ...]:
    """Articles' words added up per outlet, by outlet name; reference wire copy is the
    agencies' own text, not an outlet's, so it is left out, and so is a known outlet's page
    read twice (`ArticleShares.repeat`): it published that text once."""
    by_outlet: dict[str, list[ArticleShares]] = {}
    for summary in summaries:
        if summary.kind == "outlet" and not summary.repeat:
            by_outlet.setdefault(summary.outlet, []).append(summary)
    return tuple(_outlet(outlet, by_outlet[outlet]) for outlet in sorted(by_outlet))


def _outlet(outlet: str, articles: Sequence[ArticleShares]) -> OutletShares:
    wire_words: Counter[str] = Counter()
    own = uncredited = joint = 0
    for article in articles:
        for origin, words in article.origin_words:
            if origin == OWN:
                own += words
            elif origin != UNKNOWN:
                if is_joint(origin):
                    joint += words
                else:
                    wire_words[origin] += words
                credited = set(origin_wires(origin)) & set(article.credited_wires)
                uncredited += 0 if credited else words
    return OutletShares(
        outlet=outlet,
        articles=len(articles),
        words=sum(a.words for a in articles),
        wire_words=tuple(sorted(wire_words.items(), key=lambda item: (-item[1], item[0]))),
        own_words=own,
        uncredited_words=uncredited,
        joint_words=joint,
        other_stories_words=sum(a.other_stories_words for a in articles),
    )
