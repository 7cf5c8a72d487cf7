"""Evidence from where a passage stands among passages of known origin.

It needs the first pass's origins of the matched passages around a passage, so it is a second
pass of its own, apart from the evidence a passage's own article and matches give at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from attrib.attribution.evidence import (
    ARTICLE,
    HINT,
    INSERTED_CONFIDENCE,
    PASSAGE,
    REST_OF_ARTICLE_CONFIDENCE,
    Evidence,
)
from attrib.attribution.ground import Ground
from attrib.models import OWN, UNKNOWN, Attribution, Passage


def unmatched_runs(
    passages: Sequence[Passage], matched: Mapping[str, Sequence[tuple[Passage, float]]]
) -> list[tuple[int, int]]:
    """[start, end) index ranges of consecutive passages that match nothing elsewhere."""
    runs, start = [], None
    for i, passage in enumerate([*passages, None]):
        if passage is not None and not matched.get(passage.passage_id):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def side_by_side_elsewhere(
    before: Passage, after: Passage, matched: Mapping[str, Sequence[tuple[Passage, float]]]
) -> str | None:
    """An article that runs, one right after the other, versions of the two passages around a
    gap: then the gap was inserted by this outlet, not dropped by that one."""
    follows = {(p.article_id, p.index) for p, _ in matched.get(after.passage_id, ())}
    for other, _ in sorted(matched.get(before.passage_id, ()), key=lambda m: m[0].passage_id):
        if (other.article_id, other.index + 1) in follows:
            return other.article_id
    return None


def sequence_evidence(
    passages: Sequence[Passage],
    matched: Mapping[str, Sequence[tuple[Passage, float]]],
    first_pass: Mapping[str, Attribution],
) -> dict[str, Evidence]:
    """Evidence for passages that match nothing, from where they stand in their article.

    A run of such passages between two passages that another version carries side by side was
    inserted: the outlet's own. Any other run (an article's head or tail, which other outlets
    may have trimmed) most likely came with the rest of the article: the wire most of its
    matched passages were attributed to, at a confidence scaled by that majority and, when
    less than half of the article is matched, only as a hint scaled by how much is.
    """
    origins = [
        first_pass[p.passage_id].origin
        for p in passages
        if matched.get(p.passage_id) and first_pass[p.passage_id].origin not in (OWN, UNKNOWN)
    ]
    counts = Counter(origins)
    majority = min(counts, key=lambda o: (-counts[o], o)) if counts else None
    found: dict[str, Evidence] = {}
    for start, end in unmatched_runs(passages, matched):
        around = (passages[start - 1], passages[end]) if start and end < len(passages) else None
        other = side_by_side_elsewhere(*around, matched) if around else None
        if other is not None:
            evidence = Evidence(
                OWN,
                PASSAGE,
                INSERTED_CONFIDENCE,
                f"inserted between passages that {other} runs side by side",
            )
        elif majority is not None:
            share = counts[majority] / len(origins)
            # Most of the article must be matched copy for its rest to speak for the gaps.
            coverage = len(origins) / len(passages)
            evidence = Evidence(
                majority,
                ARTICLE if coverage >= 0.5 else HINT,
                round(REST_OF_ARTICLE_CONFIDENCE * share * min(1.0, 2 * coverage), 4),
                f"the rest of its article is {majority} copy "
                f"({counts[majority]} of {len(origins)} matched passages)",
                of_passage=False,
            )
        else:
            continue
        for passage in passages[start:end]:
            found[passage.passage_id] = evidence
    return found


def placement_evidence(
    passages: Sequence[Passage], ground: Ground, first_pass: Mapping[str, Attribution]
) -> dict[str, Evidence]:
    """What each outlet passage's place among its article's matched passages says
    (`sequence_evidence`), from the first pass's origins."""
    by_article: dict[str, list[Passage]] = {}
    for passage in passages:
        by_article.setdefault(passage.article_id, []).append(passage)
    extra: dict[str, Evidence] = {}
    for article_id, members in by_article.items():
        if article_id not in ground.copy_wire:
            extra.update(sequence_evidence(members, ground.matched, first_pass))
    return extra
