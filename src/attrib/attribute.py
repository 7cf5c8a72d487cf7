"""Give every passage an origin (a wire, `own` or `unknown`), a confidence and the evidence.

Evidence comes in three tiers, and a higher tier always wins over a lower one, whatever the
confidences (the rules and numbers are documented in ARCHITECTURE.md):

2. passage level: the passage is reference wire copy, a credit covers its paragraph or quote
   (`- Reuters`, `told AFP`), or it matches a passage whose origin a credit established;
1. article level: a dateline, sign-off or paragraph marker elsewhere in its article;
0. a hint: the article credits a wire only inside one quote ("according to AFP").

Evidence is first gathered for each passage from its own article only, then shared along
families: a passage inherits the best own evidence of the other versions of its text, which
keeps one credited copy from being outvoted by the uncredited ones and avoids circular
reasoning. Disagreeing evidence lowers the confidence and is named in the evidence text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from attrib.credits import WireList
from attrib.models import OWN, UNKNOWN, Attribution, CleanArticle, Credit, Family, Match, Passage

PASSAGE, ARTICLE, HINT = 2, 1, 0
WIRE_COPY_CONFIDENCE = 0.99
PASSAGE_CREDIT_CONFIDENCE = 0.9
ARTICLE_CREDIT_CONFIDENCE = 0.75
HINT_CONFIDENCE = 0.5
INHERITED_DISCOUNT = 0.95
CONFLICT_FACTOR = 0.7
OWN_CONFIDENCE = 0.6
UNCREDITED_SHARED_CONFIDENCE = 0.3
KIND_NAMES = {
    "dateline": "dateline",
    "signoff": "sign-off",
    "marker": "paragraph marker",
    "inline": "quote credit",
}


@dataclass(frozen=True)
class Evidence:
    wire: str
    tier: int
    confidence: float
    reason: str

    @property
    def rank(self) -> tuple[int, float, str]:
        return self.tier, self.confidence, self.wire


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def canonical_wire(name: str, wires: WireList) -> str:
    """The wire list's short name for `name` (an outlet field such as 'Agence France-Presse'),
    or `name` itself when the list does not know it."""
    folded = name.casefold().strip()
    for wire in wires.wires:
        if folded == wire.name.casefold() or folded in (a.casefold() for a in wire.aliases):
            return wire.name
    return name.strip()


def body_offset(article: CleanArticle, credit: Credit) -> int | None:
    """Where a credit in the raw text stands in the body, if its line was kept."""
    if credit.paragraph is None:
        return None
    paragraph = article.paragraphs[credit.paragraph]
    return paragraph.start + (credit.start - paragraph.raw_start)


def passage_credits(
    passage: Passage, article: CleanArticle, credits: Sequence[Credit]
) -> list[Evidence]:
    """Credits whose scope covers this passage: its paragraph's marker, or a quote credit
    written inside the passage itself."""
    found = []
    for credit in credits:
        if credit.scope == "paragraph" and credit.paragraph == passage.paragraph:
            found.append(Evidence(credit.wire, PASSAGE, PASSAGE_CREDIT_CONFIDENCE,
                                  f"paragraph ends {quote(credit.text)}"))
        elif credit.scope == "quote":
            offset = body_offset(article, credit)
            if offset is not None and passage.start <= offset < passage.end:
                found.append(Evidence(credit.wire, PASSAGE, PASSAGE_CREDIT_CONFIDENCE,
                                      f"quote credit {quote(credit.text)}"))
    return found


def article_credits(credits: Sequence[Credit]) -> list[Evidence]:
    """What the article as a whole says of its source.

    Datelines, sign-offs and paragraph markers credit the article's copy. When several wires
    are named (`(AFP, Reuters, dpa)`) the first named is taken, as desks list the main source
    first, at a confidence divided by the square root of how many were named. A quote credit
    alone is only a hint.
    """
    strong = [c for c in credits if c.kind in ("dateline", "signoff", "marker")]
    if strong:
        wires = list(dict.fromkeys(c.wire for c in strong))
        first = strong[0]
        reason = f"article {KIND_NAMES[first.kind]} {quote(first.text)}"
        if len(wires) > 1:
            reason += f" credits {', '.join(wires)}; first named taken"
        confidence = ARTICLE_CREDIT_CONFIDENCE / len(wires) ** 0.5
        return [Evidence(wires[0], ARTICLE, round(confidence, 4), reason)]
    hints = list(dict.fromkeys(c.wire for c in credits if c.kind == "inline"))
    return [Evidence(w, HINT, HINT_CONFIDENCE, f"article quotes {w} elsewhere") for w in hints]


def own_evidence(
    passage: Passage,
    article: CleanArticle,
    credits: Sequence[Credit],
    wires: WireList,
    article_level: Sequence[Evidence],
) -> list[Evidence]:
    """Evidence for a passage from its own article alone, best first."""
    if article.is_wire_copy:
        wire = canonical_wire(article.outlet, wires) if article.outlet else UNKNOWN
        return [Evidence(wire, PASSAGE, WIRE_COPY_CONFIDENCE, "reference wire copy")]
    found = passage_credits(passage, article, credits) + list(article_level)
    return sorted(found, key=lambda e: e.rank, reverse=True)


def inherited(
    passage: Passage,
    family: Family,
    own: Mapping[str, list[Evidence]],
    best_score: Mapping[str, float],
) -> list[Evidence]:
    """The best own evidence of every other version of this text, discounted by how closely
    this passage matches its family. Established origins (tier 1 or 2) count as passage-level
    evidence here: the words themselves were credited somewhere."""
    found = []
    for other in family.passage_ids:
        if other.rsplit(":", 1)[0] == passage.article_id or not own.get(other):
            continue
        source = own[other][0]
        tier = PASSAGE if source.tier >= ARTICLE else HINT
        confidence = source.confidence * INHERITED_DISCOUNT * best_score.get(passage.passage_id, 1)
        found.append(Evidence(source.wire, tier, round(confidence, 4),
                              f"matches {other} ({source.wire}: {source.reason})"))
    return found


def decide(candidates: list[Evidence], shared: bool) -> tuple[str, float, str]:
    """Pick the best evidence; a competing wire at the same tier lowers the confidence."""
    if not candidates:
        if shared:
            return UNKNOWN, UNCREDITED_SHARED_CONFIDENCE, "shared with other outlets; no credit"
        return OWN, OWN_CONFIDENCE, "no credit and no match: the outlet's own text"
    ranked = sorted(candidates, key=lambda e: e.rank, reverse=True)
    best = ranked[0]
    rivals = [e for e in ranked[1:] if e.wire != best.wire]
    confidence, evidence = best.confidence, best.reason
    if rivals:
        rival = rivals[0]
        factor = CONFLICT_FACTOR if rival.tier == best.tier else 0.9
        confidence *= factor
        evidence += f"; outranks {rival.wire} ({rival.reason})"
    return best.wire, round(confidence, 2), evidence


def attribute(
    articles: Sequence[CleanArticle],
    credits: Mapping[str, Sequence[Credit]],
    passages: Sequence[Passage],
    matches: Sequence[Match],
    families: Sequence[Family],
    wires: WireList,
) -> dict[str, Attribution]:
    by_article = {a.article_id: a for a in articles}
    text_credits = {
        article_id: [c for c in found if c.is_text_credit] for article_id, found in credits.items()
    }
    article_level = {a: article_credits(text_credits.get(a, [])) for a in by_article}
    own = {
        p.passage_id: own_evidence(p, by_article[p.article_id], text_credits.get(p.article_id, []),
                                   wires, article_level[p.article_id])
        for p in passages
    }
    best_score: dict[str, float] = {}
    for match in matches:
        for pid in (match.a, match.b):
            best_score[pid] = max(best_score.get(pid, 0.0), match.score)
    family_of = {pid: family for family in families for pid in family.passage_ids}
    result = {}
    for passage in passages:
        family = family_of.get(passage.passage_id)
        candidates = list(own[passage.passage_id])
        if family is not None:
            candidates += inherited(passage, family, own, best_score)
        origin, confidence, evidence = decide(candidates, shared=family is not None)
        result[passage.passage_id] = Attribution(passage.passage_id, origin, confidence, evidence)
    return result
