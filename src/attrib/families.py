"""Group matches into families (one text, many versions) and articles into stories.

Both are connected components: a family is the passages linked by matches, a story the articles
linked by any match. Ids are numbered in the order of each component's first member (by
article id, then passage index), so the same corpus always gives the same ids.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from attrib.models import Family, Match, Passage, Story


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


def linked_articles(
    passages: Sequence[Passage], matches: Sequence[Match], min_words: int, min_share: float
) -> list[tuple[str, str]]:
    """Pairs of articles that share enough text to be one story.

    One shared sentence is not enough: a stock line ("The company did not respond to a request
    for comment") or a templated earnings sentence would chain unrelated articles into one
    giant story. A pair must share `min_words` matched words and `min_share` of the shorter
    article's words.
    """
    by_id = {p.passage_id: p for p in passages}
    words: dict[str, int] = {}
    for passage in passages:
        words[passage.article_id] = words.get(passage.article_id, 0) + len(passage.text.split())
    shared: dict[tuple[str, str], int] = {}
    for match in matches:
        pair = tuple(sorted((by_id[match.a].article_id, by_id[match.b].article_id)))
        shared[pair] = shared.get(pair, 0) + match.matched_words  # type: ignore[index]
    return sorted(
        (a, b)
        for (a, b), count in shared.items()
        if count >= min_words and count >= min_share * min(words[a], words[b])
    )


def build_stories(
    article_ids: Sequence[str],
    passages: Sequence[Passage],
    matches: Sequence[Match],
    min_words: int = 20,
    min_share: float = 0.15,
) -> tuple[Story, ...]:
    """Every article is in exactly one story; an article that shares too little with any
    other is alone in its own."""
    sets = DisjointSet(article_ids)
    for first, second in linked_articles(passages, matches, min_words, min_share):
        sets.union(first, second)
    groups = sorted(sorted(str(a) for a in group) for group in sets.groups())
    width = len(str(len(groups)))
    return tuple(
        Story(f"s{n:0{width}d}", tuple(members)) for n, members in enumerate(groups, start=1)
    )
