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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from attrib.attribution.calibration import calibrated
from attrib.ingest.published import Moment, read_published
from attrib.models import (
    OWN,
    UNKNOWN,
    Attribution,
    CleanArticle,
    Credit,
    Match,
    Passage,
    Story,
    is_joint,
    joint_origin,
    origin_wires,
)
from attrib.text.credits import WireList

PASSAGE, ARTICLE, HINT = 2, 1, 0
WIRE_COPY_CONFIDENCE = 0.99
PASSAGE_CREDIT_CONFIDENCE = 0.9
ARTICLE_CREDIT_CONFIDENCE = 0.75
HINT_CONFIDENCE = 0.5
INHERITED_DISCOUNT = 0.95
CONFLICT_FACTOR = 0.7
OWN_CONFIDENCE = 0.6
UNCREDITED_SHARED_CONFIDENCE = 0.3
INSERTED_CONFIDENCE = 0.7
REST_OF_ARTICLE_CONFIDENCE = 0.6
KIND_NAMES = {
    "dateline": "dateline",
    "signoff": "sign-off",
    "byline": "byline",
    "combined": "combined credit",
    "marker": "paragraph marker",
    "source": "in-text source",
    "quote": "quote credit",
}
HINT_VERBS = {"source": "cites", "quote": "quotes"}
# Credits that speak for the whole article: where the copy came from, not who was asked.
ARTICLE_KINDS = frozenset({"dateline", "signoff", "byline", "combined"})


@dataclass(frozen=True)
class Evidence:
    """One reason to name an origin: the wire (or `own`), how strong a kind of reason it is
    (`tier`: passage, article or hint), a raw confidence, and the reason in words."""

    wire: str
    tier: int
    confidence: float
    reason: str
    # Whether it speaks of this passage (its own credit, a match), so that it may narrow a
    # joint credit to one wire; where a passage stands in its article does not.
    of_passage: bool = True

    @property
    def rank(self) -> tuple[int, float, str]:
        return self.tier, self.confidence, self.wire


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def canonical_wire(name: str, wires: WireList) -> str | None:
    """The wire list's short name for `name` (an outlet field such as 'Agence France-Presse'),
    or None when the list does not know it: only listed wires are origins."""
    folded = " ".join(name.split()).casefold()
    for alias, canonical in wires.names.items():
        if alias.casefold() == folded:
            return canonical
    return None


def wire_copy_evidence(
    article: CleanArticle, article_level: Sequence[Evidence], wires: WireList
) -> list[Evidence]:
    """Reference wire copy names its wire by its outlet field, or else by its own dateline or
    sign-off; copy whose wire cannot be named is treated like any other article."""
    wire = canonical_wire(article.outlet, wires) if article.outlet else None
    if (
        wire is None
        and article_level
        and article_level[0].tier == ARTICLE
        and not is_joint(article_level[0].wire)
    ):
        wire = article_level[0].wire
    if wire is None:
        return []
    return [Evidence(wire, PASSAGE, WIRE_COPY_CONFIDENCE, f"reference wire copy ({wire})")]


def body_offset(article: CleanArticle, credit: Credit) -> int | None:
    """Where a credit in the raw text stands in the body, if its line was kept."""
    if credit.paragraph is None:
        return None
    return article.paragraphs[credit.paragraph].body_offset(credit.start)


def passage_credits(
    passage: Passage, article: CleanArticle, credits: Sequence[Credit]
) -> list[Evidence]:
    """Credits whose scope covers this passage: its paragraph's marker or dateline, or an
    in-text source or quote credit written inside the passage itself."""
    found = []
    for credit in credits:
        if credit.kind == "dateline" and credit.paragraph == passage.paragraph:
            found.append(
                Evidence(
                    credit.wire,
                    PASSAGE,
                    PASSAGE_CREDIT_CONFIDENCE,
                    f"dateline {quote(credit.text)} opens its paragraph",
                )
            )
        elif credit.scope == "paragraph" and credit.paragraph == passage.paragraph:
            found.append(
                Evidence(
                    credit.wire,
                    PASSAGE,
                    PASSAGE_CREDIT_CONFIDENCE,
                    f"paragraph ends {quote(credit.text)}",
                )
            )
        elif credit.scope == "quote":
            offset = body_offset(article, credit)
            if offset is not None and passage.start <= offset < passage.end:
                found.append(
                    Evidence(
                        credit.wire,
                        PASSAGE,
                        PASSAGE_CREDIT_CONFIDENCE,
                        f"{KIND_NAMES[credit.kind]} {quote(credit.text)}",
                    )
                )
    return found


def article_credits(credits: Sequence[Credit]) -> list[Evidence]:
    """What the article as a whole says of its source.

    Datelines, sign-offs, bylines, combined credits and paragraph markers credit the article's
    copy. When they name several wires (`(AFP, Reuters, dpa)`), nothing in the credit says
    which wrote which sentence, so the origin is the joint one, "one of these"
    (`AFP|dpa|Reuters`), until a passage's own evidence names one of them (`decide`). An
    in-text source or a quote credit covers its own passage; for the rest of the article it is
    only a hint.
    """
    # A paragraph marker speaks for the article only where no article-wide credit (dateline,
    # sign-off, byline, combined credit) does: in a
    # mosaic, "- Reuters" under one paragraph must not dilute the article's AFP dateline.
    strong = [c for c in credits if c.kind in ARTICLE_KINDS] or [
        c for c in credits if c.kind == "marker"
    ]
    if strong:
        wires = list(dict.fromkeys(c.wire for c in strong))
        if len(wires) == 1:
            reason = f"article {KIND_NAMES[strong[0].kind]} {quote(strong[0].text)}"
        else:
            kinds = " and ".join(dict.fromkeys(KIND_NAMES[c.kind] for c in strong))
            reason = f"article {kinds} credits {', '.join(wires)} jointly"
        return [Evidence(joint_origin(wires), ARTICLE, ARTICLE_CREDIT_CONFIDENCE, reason)]
    hints: dict[str, str] = {}
    for credit in credits:
        if credit.scope == "quote":
            hints.setdefault(credit.wire, credit.kind)
    return [
        Evidence(w, HINT, HINT_CONFIDENCE, f"article {HINT_VERBS[kind]} {w} elsewhere")
        for w, kind in hints.items()
    ]


def own_evidence(
    passage: Passage,
    article: CleanArticle,
    credits: Sequence[Credit],
    wires: WireList,
    article_level: Sequence[Evidence],
) -> list[Evidence]:
    """Evidence for a passage from its own article alone, best first."""
    if article.is_wire_copy and (copy := wire_copy_evidence(article, article_level, wires)):
        return copy
    found = passage_credits(passage, article, credits) + list(article_level)
    return sorted(found, key=lambda e: e.rank, reverse=True)


def inherited(
    passage: Passage,
    matched: Sequence[tuple[Passage, float]],
    own: Mapping[str, list[Evidence]],
    story_of: Mapping[str, str] | None = None,
) -> list[Evidence]:
    """The best own evidence of each passage this one matches in another article, discounted
    by how closely they match, at the tier it has there: another article's blanket credit must
    not outrank this article's own dateline. Only direct matches count, so a stock sentence
    shared across stories never carries an origin from one to another. Across stories (a
    common source, a borrowed paragraph) only a credit travels: that the other article cites
    an agency elsewhere (a hint) says nothing of text another story shares with it."""
    story_of = story_of or {}
    found = []
    for other, score in matched:
        if other.article_id == passage.article_id or not own.get(other.passage_id):
            continue
        source = own[other.passage_id][0]
        tier = source.tier
        if tier == HINT and story_of.get(other.article_id) != story_of.get(passage.article_id):
            continue
        confidence = source.confidence * INHERITED_DISCOUNT * score
        found.append(
            Evidence(
                source.wire,
                tier,
                round(confidence, 4),
                f"matches {other.passage_id} ({source.wire}: {source.reason})",
            )
        )
    return found


def unmatched_runs(
    passages: Sequence[Passage], matched: Mapping[str, Sequence]
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


def uncredited_shared(
    passage: Passage,
    sharing: Sequence[str],
    published: Mapping[str, str],
    moments: Mapping[str, Moment | None],
) -> tuple[str, float, str]:
    """Text that other outlets carry and nobody credits: the origin is unknown, and the
    evidence says who ran it first, since a passage cannot originate in an article published
    after the one it was copied into, or that the dates cannot tell (missing, or a day beside
    a time of that day). Running it first does not make it the outlet's own: outlets publish
    the same uncredited wire story within minutes of each other."""
    others = sorted(set(sharing))
    read = {a: moments.get(a) for a in [passage.article_id, *others]}
    shared = f"shared with {', '.join(others)}; no credit"
    undated = sorted(a for a, t in read.items() if t is None)
    if undated:
        return (
            UNKNOWN,
            UNCREDITED_SHARED_CONFIDENCE,
            f"{shared}; no date for {', '.join(undated)}, so who ran it first is unknown",
        )
    times = {a: t for a, t in read.items() if t is not None}
    mine = times[passage.article_id]
    earlier = [a for a in others if times[a].before(mine)]
    if earlier:
        first = min(earlier, key=lambda a: (times[a].when, a))
        return (
            UNKNOWN,
            UNCREDITED_SHARED_CONFIDENCE,
            f"{shared}; {first} ran it first ({published[first]})",
        )
    if all(mine.before(times[a]) for a in others):
        return (
            UNKNOWN,
            UNCREDITED_SHARED_CONFIDENCE,
            f"no credit; first published here ({published[passage.article_id]}), later "
            f"carried by {', '.join(others)}",
        )
    same = [a for a in others if times[a] == mine and mine.precision != "day"]
    if same:
        return (
            UNKNOWN,
            UNCREDITED_SHARED_CONFIDENCE,
            f"{shared}; {same[0]} ran it at the same time",
        )
    return (
        UNKNOWN,
        UNCREDITED_SHARED_CONFIDENCE,
        f"{shared}; their dates cannot tell who ran it first",
    )


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
