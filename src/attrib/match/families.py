"""Group matches into families (one text, many versions) and articles into stories.

Both are connected components: a family is the passages linked by matches, a story the articles
linked by any match. Ids are numbered in the order of each component's first member (by
article id, then passage index), so the same corpus always gives the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from attrib.match.align import shares_a_quote
from attrib.match.shingles import ShingleFrequency, article_shingles, shingles
from attrib.models import EditOp, Family, Match, Passage, Story
from attrib.options import Options, StoryThresholds
from attrib.text.clean import is_title_case
from attrib.text.quotes import quote_spans
from attrib.text.tokens import tokenize, word_count


class DisjointSet:
    """Union-find with path halving; members are any hashable ids."""

    def __init__(self, members: Iterable[Hashable] = ()) -> None:
        self.parent: dict[Hashable, Hashable] = {m: m for m in members}

    def find(self, member: Hashable) -> Hashable:
        self.parent.setdefault(member, member)
        while self.parent[member] != member:
            self.parent[member] = self.parent[self.parent[member]]
            member = self.parent[member]
        return member

    def union(self, first: Hashable, second: Hashable) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            self.parent[root_b] = root_a

    def groups(self) -> list[list[Hashable]]:
        grouped: dict[Hashable, list[Hashable]] = {}
        for member in self.parent:
            grouped.setdefault(self.find(member), []).append(member)
        return list(grouped.values())


def _passage_key(passage: Passage) -> tuple[str, int]:
    return passage.article_id, passage.index


def build_families(passages: Sequence[Passage], matches: Sequence[Match]) -> tuple[Family, ...]:
    by_id = {p.passage_id: p for p in passages}
    sets = DisjointSet()
    for match in matches:
        sets.union(match.a, match.b)
    groups = sorted(
        (sorted((by_id[str(m)] for m in group), key=_passage_key) for group in sets.groups()),
        key=lambda members: _passage_key(members[0]),
    )
    width = len(str(len(groups)))
    return tuple(
        Family(f"f{n:0{width}d}", tuple(p.passage_id for p in members))
        for n, members in enumerate(groups, start=1)
    )


@dataclass(frozen=True)
class ArticleLinks:
    """How matched articles relate.

    `same_story`: pairs sharing enough text to be one story. `borrowed`: pairs that are not,
    but where one carries a whole passage of the other (a wire paragraph in an outlet's own
    article, a mosaic): their matches are kept as evidence without merging two stories.
    """

    same_story: tuple[tuple[str, str], ...]
    borrowed: frozenset[tuple[str, str]]


def link_articles(
    passages: Sequence[Passage],
    matches: Sequence[Match],
    options: Options,
    wire_copy: Collection[str] = (),
) -> ArticleLinks:
    """Sort matched article pairs into one story, a borrowing, or neither.

    One shared stock sentence ("The company did not respond to a request for comment") or a
    templated earnings line must not chain unrelated articles into one giant story: a pair is
    one story only when it shares `story_min_shared_words` matched words (or most of a shorter
    article than that) that are also `story_min_shared_share` of the shorter article, spread
    over two paragraphs of each, or half the shorter article, or all of either's paragraphs:
    one paragraph shared by articles that both have more (a mosaic, a background paragraph)
    is borrowed, so that a story never grows through one paragraph. A pair that shares less
    but holds one passage of `story_min_passage_words` words, or one close match to reference
    wire copy (the record of what the agency sent), borrowed that passage too: two stories,
    one link. Rows of figures anyone could print count only beside prose or a
    distinctive row (`distinctive_row`), so identical dividend rows never link two companies;
    a results table shared (`table_story_rows` rows, one of them distinctive) is one story
    whatever notes surround it, while one row alone may be a figure quoted in another story.
    """
    sizes = article_sizes(passages)
    same_story: list[tuple[str, str]] = []
    borrowed: set[tuple[str, str]] = set()
    for (first, second), tally in sorted(
        tally_pairs(passages, matches, options, wire_copy).items()
    ):
        if not tally.counted:
            continue  # rows of figures anyone could print, and nothing else
        link = pair_link(tally, sizes[first], sizes[second], options)
        if link == STORY:
            same_story.append((first, second))
        elif link == BORROWED or tally.whole_passage:
            borrowed.add((first, second))
    return ArticleLinks(tuple(same_story), frozenset(borrowed))


STORY, BORROWED = "story", "borrowed"


@dataclass(frozen=True)
class ArticleSize:
    words: int
    paragraphs: int


def article_sizes(passages: Sequence[Passage]) -> dict[str, ArticleSize]:
    """Each article's words and paragraphs holding passages, what shares are measured by."""
    words: dict[str, int] = {}
    held: dict[str, set[int]] = {}
    for passage in passages:
        words[passage.article_id] = words.get(passage.article_id, 0) + word_count(passage.text)
        held.setdefault(passage.article_id, set()).add(passage.paragraph)
    return {article: ArticleSize(words[article], len(held[article])) for article in words}


@dataclass
class PairTally:
    """What two articles share, counted over their matches; each pair of sets is (the first
    article's, the second's), the articles in id order."""

    words: int = 0  # matched words, rows of figures anyone could print included
    counted: bool = False  # a match of prose or of a distinctive row
    whole_passage: bool = False  # a long passage, or a close match to wire copy
    paragraphs: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))
    rows: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    distinctive: bool = False  # a row no other company would print


def tally_pairs(
    passages: Sequence[Passage],
    matches: Sequence[Match],
    options: Options,
    wire_copy: Collection[str],
) -> dict[tuple[str, str], PairTally]:
    """What each matched pair of articles shares (`PairTally`)."""
    by_id = {p.passage_id: p for p in passages}
    limits = options.stories
    tallies: dict[tuple[str, str], PairTally] = {}
    for match in matches:
        left, right = by_id[match.a], by_id[match.b]
        if right.article_id < left.article_id:
            left, right = right, left
        tally = tallies.setdefault((left.article_id, right.article_id), PairTally())
        tally.words += match.matched_words
        if left.table:
            tally.rows[0].add(left.passage_id)
            tally.rows[1].add(right.passage_id)
            # Rows of figures that any company could print (`Qtly div 12 cts vs 12 cts prior`)
            # count only beside prose or a row whose figures no other company would share.
            if not distinctive_row(by_id[match.a].text, limits.distinctive_digits):
                continue
            tally.distinctive = True
        tally.counted = True
        tally.paragraphs[0].add(left.paragraph)
        tally.paragraphs[1].add(right.paragraph)
        close_to_wire = (
            (left.article_id in wire_copy or right.article_id in wire_copy)
            and match.matched_words >= limits.wire_copy_min_words
            and match.score >= limits.wire_copy_min_score
        )
        if close_to_wire or match.matched_words >= options.story_min_passage_words:
            tally.whole_passage = True
    return tallies


def pair_link(
    tally: PairTally, first: ArticleSize, second: ArticleSize, options: Options
) -> str | None:
    """`STORY`, `BORROWED` (one paragraph of articles that both have more, and not most of
    either: a mosaic, a background paragraph) or None, by the rules of `link_articles`."""
    limits = options.stories
    shorter = min(first.words, second.words)
    if tally.distinctive and min(map(len, tally.rows)) >= limits.table_story_rows:
        return STORY
    if tally.words < min(options.story_min_shared_words, limits.mostly_share * shorter):
        return None
    if tally.words < options.story_min_shared_share * shorter:
        return None
    mine, theirs = tally.paragraphs
    if (
        min(len(mine), len(theirs)) >= 2
        or tally.words >= limits.one_paragraph_story_share * shorter
        or len(mine) == first.paragraphs
        or len(theirs) == second.paragraphs
    ):
        return STORY
    return BORROWED


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def distinctive_row(text: str, min_digits: int = StoryThresholds.distinctive_digits) -> bool:
    """A row of figures with one of `min_digits` (four) digits or more (`Net 8,919,000 vs
    8,158,000`, `Revs 236.1 mln`): another company's results would not repeat it, as they
    repeat `12 cts`. A year is no such figure: every results table of 1987 heads its columns
    `1987 1986`."""
    return any(
        sum(c.isdigit() for c in figure) >= min_digits and not _YEAR.fullmatch(figure)
        for figure in text.split()
    )


def build_stories(
    article_ids: Sequence[str], links: Sequence[tuple[str, str]]
) -> tuple[Story, ...]:
    """Every article is in exactly one story; an article linked to none is alone in its own."""
    sets = DisjointSet(article_ids)
    for first, second in links:
        sets.union(first, second)
    groups = sorted(sorted(str(a) for a in group) for group in sets.groups())
    width = len(str(len(groups)))
    return tuple(
        Story(f"s{n:0{width}d}", tuple(members)) for n, members in enumerate(groups, start=1)
    )


def kept_matches(
    passages: Sequence[Passage],
    matches: Sequence[Match],
    stories: Sequence[Story],
    borrowed: Collection[tuple[str, str]],
) -> tuple[Match, ...]:
    """Matches within a story, or between articles where one borrowed a passage of the other;
    the rest are stock phrases."""
    story_of = {a: s.story_id for s in stories for a in s.article_ids}
    article_of = {p.passage_id: p.article_id for p in passages}
    kept = []
    for match in matches:
        first, second = sorted((article_of[match.a], article_of[match.b]))
        if story_of[first] == story_of[second] or (first, second) in borrowed:
            kept.append(match)
    return tuple(kept)


def common_source_matches(
    passages: Sequence[Passage],
    dropped: Sequence[Match],
    stories: Sequence[Story],
    frequency: ShingleFrequency,
    options: Options,
) -> tuple[Match, ...]:
    """The matches between articles of different stories (`dropped` by `kept_matches`) whose
    shared text has one source: a statement, a press release, a quotation two stories print.

    Two stories share such text word for word, and stock phrases too ("did not immediately
    respond to a request for comment"); what tells them apart is how long the shared run is
    and how many stories hold it. A run counts when it is `common_source_min_run` words
    long, or a quotation both carry (one's whole quotation, of `min_quote_words` words or
    more, inside the other's), or `min_shared_run` words of one side's quotation (the other
    reports the quoted words); when it is not a name in Title Case; and when, in the median,
    its shingles are held by at most `common_source_max_stories` stories (`StoryHolders`): a
    templated line ("said it filed a registration statement with the Securities and Exchange
    Commission") is in dozens. Such a link joins no stories and claims no origin.
    """
    by_id = {p.passage_id: p for p in passages}
    holders = StoryHolders.of(passages, stories, frequency, options.shingle_size)
    return tuple(
        match
        for match in dropped
        if not by_id[match.a].table
        and any(
            common_source_run(by_id[match.a], by_id[match.b], op, holders, options)
            for op in match.ops
            if op.tag == "equal"
        )
    )


@dataclass
class StoryHolders:
    """How many stories hold a run's shingles, for two stories that share it: the two, and
    every article outside them that holds it counted as a story of its own (an upper bound
    the corpus's article counts give). Counting stories, not articles, keeps a statement
    that ten outlets ran in one story as rare as it is. Each story's own counts are made
    from its passages when first asked, the same in every engine."""

    frequency: ShingleFrequency
    story_of: dict[str, str]
    members: dict[str, tuple[str, ...]]
    passages_of: dict[str, list[Passage]]
    shingle_size: int
    counted: dict[str, ShingleFrequency]

    @classmethod
    def of(
        cls,
        passages: Sequence[Passage],
        stories: Sequence[Story],
        frequency: ShingleFrequency,
        shingle_size: int,
    ) -> StoryHolders:
        passages_of: dict[str, list[Passage]] = {}
        for passage in passages:
            passages_of.setdefault(passage.article_id, []).append(passage)
        return cls(
            frequency,
            {a: s.story_id for s in stories for a in s.article_ids},
            {s.story_id: s.article_ids for s in stories},
            passages_of,
            shingle_size,
            {},
        )

    def in_story(self, story_id: str) -> ShingleFrequency:
        if story_id not in self.counted:
            self.counted[story_id] = ShingleFrequency.of_articles(
                (
                    article_shingles(self.passages_of.get(a, []), self.shingle_size)
                    for a in self.members[story_id]
                ),
                least=1,
            )
        return self.counted[story_id]

    def stories(
        self, first: Passage, second: Passage, hashes: npt.NDArray[np.uint64]
    ) -> npt.NDArray[np.int64]:
        """Stories holding each shingle of `hashes`, which `first` and `second` share."""
        mine = {self.story_of[first.article_id], self.story_of[second.article_id]}
        inside = sum(self.in_story(story).of(hashes, missing=0) for story in mine)
        outside: npt.NDArray[np.int64] = np.maximum(self.frequency.of(hashes) - inside, 0)
        return len(mine) + outside


def common_source_run(
    first: Passage, second: Passage, run: EditOp, holders: StoryHolders, options: Options
) -> bool:
    """Whether one run of words two passages share is long or quoted enough, and rare
    enough, to come from one source (`common_source_matches`)."""
    text = first.text[run.a_start : run.a_end]
    words = tokenize(text).words
    if len(words) < options.alignment.min_quote_words:  # the shortest run any rule keeps
        return False
    if len(words) < options.common_source_min_run and not quoted_enough(
        first, second, run, options
    ):
        return False
    # A long name ("Proceedings of the National Academy of Sciences of the United States of
    # America") is shared by coincidence, as any two pages citing it do.
    if is_title_case(text, options.furniture.title_case_share):
        return False
    held = holders.stories(first, second, shingles(words, options.shingle_size))
    return bool(np.median(held) <= options.common_source_max_stories)


def quoted_enough(first: Passage, second: Passage, run: EditOp, options: Options) -> bool:
    """A run shorter than a sentence counts when it is a quotation both carry, or
    `min_shared_run` words of one side's quotation that the other reports."""
    quoted = (
        quoted_words(first.text, run.a_start, run.a_end),
        quoted_words(second.text, run.b_start, run.b_end),
    )
    least = options.alignment.min_quote_words
    return max(quoted) >= options.min_shared_run or (
        min(quoted) >= least and shares_a_quote(first.text, second.text, least)
    )


def quoted_words(text: str, start: int, end: int) -> int:
    """Words of `text[start:end]` inside a quotation."""
    return sum(
        word_count(text[max(start, q_start) : min(end, q_end)])
        for q_start, q_end in quote_spans(text)
        if q_start < end and start < q_end
    )
