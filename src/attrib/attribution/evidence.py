"""The reasons a passage may name an origin, and what each is worth.

Kept apart from `decide` so that the rules that read evidence out of an article (its credits,
reference wire copy, the versions of its text in other articles) can be read and tested without
the machinery that weighs them; the tiers and confidences here are the numbers ARCHITECTURE.md
documents, in one table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from attrib.ingest.published import Moment
from attrib.models import (
    UNKNOWN,
    CleanArticle,
    Credit,
    Passage,
    is_joint,
    joint_origin,
)
from attrib.text.wires import WireList

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
