"""Real Reuters-21578 wire copy: re-filed stories with identical bodies must align end to end.

passim found 1 of 49 such pairs (its alignment never starts near the document start); attrib
must find all of them, sentence for sentence. Needs ../shared/data (skips with a reason if not).
"""

from __future__ import annotations

import itertools
import sys
from collections import defaultdict

import pytest

from attrib.engines.local import analyse
from attrib.models import Article
from attrib.options import Options
from conftest import REPO, shared_data

sys.path.insert(0, str(REPO / "bench"))
import reuters


def identical_pairs(limit: int = 25) -> list[tuple[reuters.WireStory, reuters.WireStory]]:
    by_body: dict[tuple[str, ...], list[reuters.WireStory]] = defaultdict(list)
    for story in itertools.islice(reuters.wire_stories(shared_data("reuters21578")), 6000):
        by_body[story.paragraphs].append(story)
    pairs = [(group[0], group[1]) for group in by_body.values() if len(group) > 1]
    return pairs[:limit]


@pytest.mark.slow
def test_refiled_identical_stories_align_sentence_for_sentence() -> None:
    pairs = identical_pairs()
    assert len(pairs) >= 10
    articles = [
        Article(article_id=story.story_id, path=story.story_id, text="\n\n".join(story.paragraphs))
        for pair in pairs
        for story in pair
    ]
    result = analyse(articles, Options())
    perfect = {frozenset((m.a, m.b)) for m in result.matches if m.score == 1.0}
    for first, second in pairs:
        left = result.passages_of(first.story_id)
        right = result.passages_of(second.story_id)
        assert left and len(left) == len(right)
        for a, b in zip(left, right, strict=True):
            assert frozenset((a.passage_id, b.passage_id)) in perfect, (a.text, b.text)
        story = next(s for s in result.stories if first.story_id in s.article_ids)
        assert second.story_id in story.article_ids
