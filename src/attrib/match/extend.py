"""Seed and extend: the matches found next to known matches (`extend_to_neighbours`). Each
pair of articles extends on its own, so an engine may share the pairs out
(`engines.stages.Extend`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from attrib.match.align import align_passages
from attrib.models import Match, Passage, split_passage_id
from attrib.options import Options
from attrib.text.tokens import numbers


def extend_to_neighbours(
    passages: Sequence[Passage], matches: Iterable[Match], options: Options
) -> list[Match]:
    """Matches found next to known matches, with a lower bar for how many words agree.

    A short sentence ("He did not elaborate.") shares no rare shingle and too few words to be
    a match on its own; next to matched sentences in both articles it is the same text. So,
    seed and extend: from each match, the passages just before and just after it in both
    articles are aligned with `min_match_words` lowered to 2 (but 80% of the shorter must
    match, `StoryThresholds.neighbour_*`, and the numbers must be the same: "Shares rose 2
    pct" is not "Shares fell 3 pct"), and so on along new matches. Extension never leaves the
    two articles of its seed, so each pair of articles is extended on its own
    (`Neighbours.extend`), in any order.
    """
    neighbours = Neighbours.of(passages)
    return [
        m for group in seeds_by_article_pair(matches) for m in neighbours.extend(group, options)
    ]


def seeds_by_article_pair(matches: Iterable[Match]) -> list[list[Match]]:
    """Matches grouped by the two articles they join, groups in a fixed order."""
    groups: dict[tuple[str, str], list[Match]] = {}
    for m in matches:
        key = _in_order(split_passage_id(m.a)[0], split_passage_id(m.b)[0])
        groups.setdefault(key, []).append(m)
    return [groups[key] for key in sorted(groups)]


def _in_order(x: str, y: str) -> tuple[str, str]:
    """Two ids sorted: one key for a pair, whichever way round it was found."""
    return (x, y) if x <= y else (y, x)


@dataclass(frozen=True)
class Neighbours:
    """Passages by position in their article and by id, for walking from a match to the
    sentences on either side of it."""

    by_position: dict[tuple[str, int], Passage]
    by_id: dict[str, Passage]

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> Neighbours:
        return cls(
            {(p.article_id, p.index): p for p in passages},
            {p.passage_id: p for p in passages},
        )

    def extend(self, seeds: Sequence[Match], options: Options) -> list[Match]:
        """The matches extension finds from seeds that all join the same two articles."""
        relaxed = replace(
            options,
            min_match_words=options.stories.neighbour_min_match_words,
            min_containment=options.stories.neighbour_min_containment,
            min_shared_run=10**9,
        )
        known = {(m.a, m.b) for m in seeds}
        found: list[Match] = []
        queue = sorted(known)
        while queue:
            a_id, b_id = queue.pop()
            a, b = self.by_id[a_id], self.by_id[b_id]
            for step in (-1, 1):
                left = self.by_position.get((a.article_id, a.index + step))
                right = self.by_position.get((b.article_id, b.index + step))
                if left is None or right is None:
                    continue
                pair = _in_order(left.passage_id, right.passage_id)
                if pair in known:
                    continue
                known.add(pair)
                if numbers(left.text) != numbers(right.text):
                    continue
                match = align_passages(left, right, relaxed)
                if match is not None:
                    found.append(match)
                    queue.append((match.a, match.b))
        return found
