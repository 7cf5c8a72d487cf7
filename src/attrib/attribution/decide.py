"""Give every passage an origin (a wire, `own` or `unknown`), a confidence and the evidence.

Evidence comes in three tiers, and a higher tier always wins over a lower one, whatever the
confidences (the rules and numbers are documented in ARCHITECTURE.md):

2. passage level: the passage is reference wire copy, a credit covers its paragraph or quote
   (`- Reuters`, `told AFP`), or it matches a passage whose origin a credit established;
1. article level: a dateline, sign-off or paragraph marker elsewhere in its article;
0. a hint: the article credits a wire only inside one quote ("according to AFP").

Evidence is first gathered for each passage from its own article only, then shared along
matches: a passage inherits the best own evidence of the versions of its text it matches, which
keeps one credited copy from being outvoted by the uncredited ones and avoids circular
reasoning. Disagreeing evidence lowers the confidence and is named in the evidence text.

The evidence is read in `evidence` (a passage's own article, wire copy, matches) and
`placement` (where a passage stands among passages of known origin); this module weighs it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from attrib.attribution.calibration import calibrated
from attrib.attribution.evidence import (
    ARTICLE,
    CONFLICT_FACTOR,
    OWN_CONFIDENCE,
    PASSAGE,
    Evidence,
    inherited,
    uncredited_shared,
)
from attrib.attribution.ground import Ground
from attrib.attribution.placement import placement_evidence
from attrib.models import (
    OWN,
    Attribution,
    CleanArticle,
    Credit,
    Match,
    Passage,
    Story,
    is_joint,
    origin_wires,
)
from attrib.text.wires import WireList


def agrees(first: str, second: str) -> bool:
    """Two origins that may both be true: the same, or one of the wires of a joint origin."""
    mine, theirs = set(origin_wires(first)), set(origin_wires(second))
    return mine <= theirs or theirs <= mine


def separating(joint: Evidence, ranked: Sequence[Evidence]) -> Evidence:
    """The best evidence that names one wire of a joint credit for this passage (its own
    marker or in-text source, a match to that wire's copy or to an article crediting it
    alone), else the joint credit. A hint does not separate: "according to AFP" elsewhere in
    the article says nothing of this passage."""
    members = set(origin_wires(joint.wire))
    for evidence in ranked:
        if (
            evidence.of_passage
            and evidence.tier >= ARTICLE
            and not is_joint(evidence.wire)
            and evidence.wire in members
        ):
            return replace(
                evidence, reason=f"{evidence.reason}; one of the joint credit {joint.wire}"
            )
    return joint


def decide(candidates: list[Evidence]) -> tuple[str, float, str]:
    """Pick the best evidence; a competing wire at the same tier lowers the confidence, a
    joint credit that holds the wire does not. With none, text no other outlet carries is the
    outlet's own."""
    if not candidates:
        return OWN, OWN_CONFIDENCE, "no credit and no match: the outlet's own text"
    ranked = sorted(candidates, key=lambda e: e.rank, reverse=True)
    best = separating(ranked[0], ranked) if is_joint(ranked[0].wire) else ranked[0]
    rivals = [e for e in ranked if not agrees(e.wire, best.wire)]
    confidence, evidence = best.confidence, best.reason
    if rivals:
        rival = rivals[0]
        factor = CONFLICT_FACTOR if rival.tier == best.tier else 0.9
        confidence *= factor
        evidence += f"; outranks {rival.wire} ({rival.reason})"
    return best.wire, round(confidence, 2), evidence


def not_in_wire_copy(
    candidates: list[Evidence], absent: set[str]
) -> tuple[list[Evidence], list[str]]:
    """Article-level claims for a wire whose copy is in the story but lacks this passage,
    though it covers text on both sides of it, are void: the agency's own text is the record
    of what it sent, and this is not in it. A joint claim stays whole while any of its wires
    is left: narrowed to the others ("dpa|Reuters"), it called more passages wrong on the
    generated corpora (a reworded passage that missed its copy is still that agency's)."""
    kept = [e for e in candidates if e.tier == PASSAGE or not set(origin_wires(e.wire)) <= absent]
    voided = sorted({e.wire for e in candidates if e not in kept})
    return kept, voided


def attribute(
    articles: Sequence[CleanArticle],
    credits: Mapping[str, Sequence[Credit]],
    passages: Sequence[Passage],
    matches: Sequence[Match],
    wires: WireList,
    stories: Sequence[Story] = (),
    calibrate: bool = True,
    common: Collection[tuple[str, str]] = (),
) -> dict[str, Attribution]:
    """Origin, confidence and evidence for every passage.

    Two passes: the first from credits and matches alone; the second adds what a passage's
    place in its article says (`sequence_evidence`), which needs the first pass's origins of
    the matched passages around it. Confidences are calibrated last. `common` are the
    matches (as (a, b) pairs) that link two stories through a common source: they name no
    origin by themselves (`attribute_passage`).
    """
    ground = Ground.of(articles, credits, passages, matches, wires, stories, common)
    first_pass = attribute_all(passages, ground, {})
    # What a common source passes on stays with the passage that shares it: the origins the
    # places of other passages are read from are the ones it would have without.
    sharing = [p for p in passages if p.passage_id in ground.sources]
    placed = first_pass | attribute_all(sharing, replace(ground, sources={}), {})
    extra = placement_evidence(passages, ground, placed)
    # A passage its place says nothing about keeps its first-pass attribution.
    final = first_pass | attribute_all(
        [p for p in passages if p.passage_id in extra], ground, extra
    )
    if not calibrate:
        return final
    return {
        pid: replace(a, confidence=round(calibrated(a.origin, a.confidence), 2))
        for pid, a in final.items()
    }


def attribute_all(
    passages: Sequence[Passage], ground: Ground, extra: Mapping[str, Evidence]
) -> dict[str, Attribution]:
    return {p.passage_id: attribute_passage(p, ground, extra.get(p.passage_id)) for p in passages}


def attribute_passage(passage: Passage, ground: Ground, extra: Evidence | None) -> Attribution:
    """One passage's attribution from its own evidence, what it inherits from the passages it
    matches, and `extra` (what its place in its article says, on the second pass).

    Text shared with another story through a common source names no origin by itself: the
    other article's credit is inherited as through any match (a hint is not, `inherited`),
    but the link says nothing of the passages around it (`placement_evidence` does not see
    it), and text others carry is never the outlet's own."""
    neighbours = ground.matched.get(passage.passage_id, [])
    sources = ground.sources.get(passage.passage_id, [])
    candidates = ground.own[passage.passage_id] + inherited(
        passage, [*neighbours, *sources], ground.own, ground.story_of
    )
    if extra is not None:
        candidates.append(extra)
    voided: list[str] = []
    if passage.article_id not in ground.copy_wire:
        seen_in = {
            ground.copy_wire[p.article_id]
            for p, _ in neighbours
            if p.article_id in ground.copy_wire
        }
        # Past the last passage the copy covers, the copy may be an earlier, shorter version:
        # there, text other outlets also carry is the later version's.
        absent = {
            wire
            for wire in ground.story_wires.get(passage.article_id, set()) - seen_in
            if not neighbours
            or ground.last_in_copy.get((passage.article_id, wire), -1) > passage.index
        }
        candidates, voided = not_in_wire_copy(candidates, absent)
    sharing = [p.article_id for p, _ in [*neighbours, *sources]]
    origin, confidence, evidence = decide(candidates)
    # Text other articles carry is no outlet's own: uncredited, with who ran it first.
    if sharing and (not candidates or (origin == OWN and sources)):
        origin, confidence, evidence = uncredited_shared(
            passage, sharing, ground.published, ground.moments
        )
    if voided:
        evidence += f"; not in the {', '.join(voided)} wire copy of its story"
    return Attribution(
        passage.passage_id, origin, confidence, evidence + other_stories_note(passage, ground)
    )


def other_stories_note(passage: Passage, ground: Ground) -> str:
    """What the evidence says of articles of other stories that carry the passage: a
    paragraph one of them borrowed, or a source they share."""
    mine = ground.story_of.get(passage.article_id)
    shared = [
        *ground.matched.get(passage.passage_id, []),
        *ground.sources.get(passage.passage_id, []),
    ]
    others = {p.article_id for p, _ in shared if ground.story_of.get(p.article_id) != mine}
    if not others:
        return ""
    articles = "article" if len(others) == 1 else "articles"
    source = " (common source)" if ground.sources.get(passage.passage_id) else ""
    return f"; shared with {len(others)} {articles} of other stories{source}"
