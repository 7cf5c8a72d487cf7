"""What every passage of a run is weighed against, gathered once.

Both `placement` and `decide` read it, so it sits below them: with it inside `decide`,
`placement` and `decide` would import each other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from attrib.attribution.evidence import (
    Evidence,
    article_credits,
    own_evidence,
    wire_copy_evidence,
)
from attrib.ingest.published import Moment, read_published
from attrib.models import CleanArticle, Credit, Match, Passage, Story
from attrib.text.wires import WireList


@dataclass(frozen=True)
class Ground:
    """What every passage is weighed against, gathered once per run.

    `own`: each passage's evidence from its own article; `matched`: the passages it matches,
    with scores; `copy_wire`: each reference wire copy's agency; `story_wires`: the agencies
    whose copy stands in each article's story; `last_in_copy`: per (article, agency), the last
    passage of the article that agency's copy holds; `published`: each article's date as
    given, `moments` as read once (`read_published`), not once per passage that compares it;
    `story_of`: each article's story; `sources`: the passages each one shares with other
    stories through a common source, kept apart from `matched`.
    """

    own: dict[str, list[Evidence]]
    matched: dict[str, list[tuple[Passage, float]]]
    copy_wire: dict[str, str]
    story_wires: dict[str, set[str]]
    last_in_copy: dict[tuple[str, str], int]
    published: dict[str, str]
    moments: dict[str, Moment | None]
    story_of: dict[str, str]
    sources: dict[str, list[tuple[Passage, float]]]

    @classmethod
    def of(
        cls,
        articles: Sequence[CleanArticle],
        credits: Mapping[str, Sequence[Credit]],
        passages: Sequence[Passage],
        matches: Sequence[Match],
        wires: WireList,
        stories: Sequence[Story],
        common: Collection[tuple[str, str]] = (),
    ) -> Ground:
        by_article = {a.article_id: a for a in articles}
        text_credits = {
            article_id: [c for c in found if c.is_text_credit]
            for article_id, found in credits.items()
        }
        article_level = {a: article_credits(text_credits.get(a, [])) for a in by_article}
        own = {
            p.passage_id: own_evidence(
                p,
                by_article[p.article_id],
                text_credits.get(p.article_id, []),
                wires,
                article_level[p.article_id],
            )
            for p in passages
        }
        common = set(common)
        matched = matched_passages(passages, [m for m in matches if (m.a, m.b) not in common])
        sources = matched_passages(passages, [m for m in matches if (m.a, m.b) in common])
        copy_wire = {
            a.article_id: copy[0].wire
            for a in articles
            if a.is_wire_copy
            and (copy := wire_copy_evidence(a, article_level[a.article_id], wires))
        }
        return cls(
            own=own,
            matched=matched,
            copy_wire=copy_wire,
            story_wires=wires_in_story(stories, copy_wire),
            last_in_copy=last_in_copy(passages, matched, copy_wire),
            published={a.article_id: a.published for a in articles},
            moments={a.article_id: read_published(a.published) for a in articles},
            story_of={a: story.story_id for story in stories for a in story.article_ids},
            sources=sources,
        )


def matched_passages(
    passages: Sequence[Passage], matches: Sequence[Match]
) -> dict[str, list[tuple[Passage, float]]]:
    by_id = {p.passage_id: p for p in passages}
    matched: dict[str, list[tuple[Passage, float]]] = {}
    for match in matches:
        matched.setdefault(match.a, []).append((by_id[match.b], match.score))
        matched.setdefault(match.b, []).append((by_id[match.a], match.score))
    return matched


def wires_in_story(stories: Sequence[Story], copy_wire: Mapping[str, str]) -> dict[str, set[str]]:
    """For each article, the agencies whose reference copy stands in its story."""
    story_wires: dict[str, set[str]] = {}
    for story in stories:
        found = {copy_wire[a] for a in story.article_ids if a in copy_wire}
        for article_id in story.article_ids:
            story_wires[article_id] = found
    return story_wires


def last_in_copy(
    passages: Sequence[Passage],
    matched: Mapping[str, list[tuple[Passage, float]]],
    copy_wire: Mapping[str, str],
) -> dict[tuple[str, str], int]:
    """Per (outlet article, agency), the index of its last passage that agency's copy holds."""
    last: dict[tuple[str, str], int] = {}
    for passage in passages:
        for other, _ in matched.get(passage.passage_id, []):
            if other.article_id in copy_wire and passage.article_id not in copy_wire:
                key = (passage.article_id, copy_wire[other.article_id])
                last[key] = max(last.get(key, -1), passage.index)
    return last
