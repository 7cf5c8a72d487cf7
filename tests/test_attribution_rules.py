"""The attribution rules one at a time: placement among passages of known origin, wire-copy
voiding, the hint tier, joint credits and calibration.

Most tests call the stage's small functions on hand-built passages, so that a broken rule
shows as itself rather than as a changed end result; a few run whole articles through
`analyse` to show the rule survives the pipeline. Sentences are from the seed articles.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from attrib.attribution import calibration
from attrib.attribution.calibration import calibrated, kind_of
from attrib.attribution.decide import decide, not_in_wire_copy
from attrib.attribution.evidence import (
    ARTICLE,
    ARTICLE_CREDIT_CONFIDENCE,
    HINT,
    HINT_CONFIDENCE,
    INSERTED_CONFIDENCE,
    PASSAGE,
    Evidence,
    article_credits,
    inherited,
)
from attrib.attribution.placement import sequence_evidence
from attrib.engines.local import analyse
from attrib.models import OWN, UNKNOWN, Article, Attribution, CorpusResult, Credit, Passage
from attrib.options import Options

W1 = (
    "NATO is considering joining the US-led coalition fighting Islamic State jihadists in "
    "Syria and Iraq, US Defence Secretary Ashton Carter said on Thursday."
)
W2 = (
    "The US-led alliance comprises 60 countries and has conducted some 12,000 airstrikes in "
    "Syria and Iraq since September 2014."
)
W3 = (
    "IS had been in retreat since December, when the Iraqi army recaptured Ramadi, the "
    "largest city in the western region of the country."
)
OWN_LINE = (
    "Our correspondent in Brussels watched the ministers arrive in the rain as protesters "
    "gathered outside the headquarters."
)
QUOTED = (
    '"There is no monopoly on good ideas," a senior US defence official told AFP, speaking '
    "on condition of anonymity."
)


def article(article_id: str, text: str, **fields: str) -> Article:
    return Article(article_id=article_id, path=f"{article_id}.txt", text=text, **fields)


def passages(article_id: str, *texts: str) -> list[Passage]:
    """One passage per paragraph, laid out as the segmenter would in a body of such
    paragraphs joined by blank lines."""
    found, start = [], 0
    for index, text in enumerate(texts):
        found.append(Passage(article_id, index, index, start, start + len(text), text))
        start += len(text) + 2
    return found


def called(passage: Passage, origin: str) -> Attribution:
    return Attribution(passage.passage_id, origin, 0.99, f"first pass: {origin}")


def attribution(result: CorpusResult, article_id: str, index: int) -> Attribution:
    return result.attributions[result.passages_of(article_id)[index].passage_id]


# --- sequence_evidence: where a passage sits among passages of known origin ---------------


def test_a_gap_another_version_runs_side_by_side_was_inserted_by_the_outlet() -> None:
    """Wire copy runs W1 then W2; the paper has its own line between them. The paper added it:
    had the agency sent it, the wire copy would hold it between the two."""
    paper = passages("paper", W1, OWN_LINE, W2)
    wire = passages("afp", W1, W2)
    matched = {"paper:0": [(wire[0], 1.0)], "paper:2": [(wire[1], 1.0)]}
    first = {p.passage_id: called(p, "AFP") for p in (paper[0], paper[2])}
    found = sequence_evidence(paper, matched, first)
    assert set(found) == {"paper:1"}
    inserted = found["paper:1"]
    assert (inserted.wire, inserted.tier) == (OWN, PASSAGE)
    assert inserted.confidence == INSERTED_CONFIDENCE
    assert "afp" in inserted.reason


def test_a_gap_no_version_closes_goes_with_the_rest_of_the_article() -> None:
    """The wire copy has W3 between W1 and W2 where the paper has its line: the paper may have
    swapped a sentence, so nothing says the line is its own; the article's copy speaks for it,
    and only at the article tier, not as if the passage itself were credited."""
    paper = passages("paper", W1, OWN_LINE, W2)
    wire = passages("afp", W1, W3, W2)
    matched = {"paper:0": [(wire[0], 1.0)], "paper:2": [(wire[2], 1.0)]}
    first = {p.passage_id: called(p, "AFP") for p in (paper[0], paper[2])}
    rest = sequence_evidence(paper, matched, first)["paper:1"]
    assert (rest.wire, rest.tier, rest.of_passage) == ("AFP", ARTICLE, False)
    assert rest.confidence < INSERTED_CONFIDENCE


def test_the_rest_of_the_article_speaks_by_majority_and_as_a_hint_when_little_matched() -> None:
    """A head the other outlets trimmed takes the wire most matched passages were given, the
    surer the larger that majority; when less than half the article is matched copy, its rest
    is only a hint."""
    wire = passages("src", W1, W2, W3)
    paper = passages("paper", OWN_LINE, W1, W2, W3)
    matched = {f"paper:{i + 1}": [(wire[i], 1.0)] for i in range(3)}
    unanimous = {p.passage_id: called(p, "AFP") for p in paper[1:]}
    split = unanimous | {"paper:3": called(paper[3], "Reuters")}
    whole = sequence_evidence(paper, matched, unanimous)["paper:0"]
    majority = sequence_evidence(paper, matched, split)["paper:0"]
    assert whole.wire == majority.wire == "AFP"
    assert whole.tier == majority.tier == ARTICLE
    assert majority.confidence < whole.confidence
    assert "2 of 3 matched passages" in majority.reason

    # The same head in a long article of which one passage is matched: a hint, and weaker.
    long = passages("paper", OWN_LINE, W1, W2, W3, OWN_LINE, OWN_LINE)
    one = {"paper:1": [(wire[0], 1.0)]}
    thin = sequence_evidence(long, one, {"paper:1": called(long[1], "AFP")})
    assert thin["paper:0"].tier == HINT
    assert thin["paper:0"].confidence < whole.confidence
    assert thin["paper:5"] == thin["paper:2"]  # every unmatched run hears the same rest


def test_passages_of_unknown_or_own_origin_say_nothing_of_their_neighbours() -> None:
    """Only passages of known origin place the ones around them: matched text nobody credits
    (`unknown`) must not make the rest of the article anybody's."""
    wire = passages("other", W1, W2)
    paper = passages("paper", OWN_LINE, W1, W2)
    matched = {"paper:1": [(wire[0], 1.0)], "paper:2": [(wire[1], 1.0)]}
    first = {"paper:1": called(paper[1], UNKNOWN), "paper:2": called(paper[2], UNKNOWN)}
    assert sequence_evidence(paper, matched, first) == {}


# --- wire-copy voiding: an article's credit does not cover text its agency never sent ------


def test_an_article_credit_for_a_wire_whose_copy_lacks_the_passage_is_void() -> None:
    dateline = Evidence("AFP", ARTICLE, 0.75, "article dateline 'BRUSSELS (AFP) -'")
    marker = Evidence("AFP", PASSAGE, 0.9, "paragraph ends '- AFP'")
    joint = Evidence("AFP|Reuters", ARTICLE, 0.75, "article sign-off credits AFP, Reuters")
    kept, voided = not_in_wire_copy([dateline], {"AFP"})
    assert (kept, voided) == ([], ["AFP"])
    # A credit on the passage itself outranks what the copy lacks: it is the outlet's word.
    assert not_in_wire_copy([marker, dateline], {"AFP"}) == ([marker], ["AFP"])
    # A wire whose copy is not missing the passage keeps its claim.
    assert not_in_wire_copy([dateline], {"Reuters"}) == ([dateline], [])
    # A joint claim stays whole while one of its wires may still have sent the passage.
    assert not_in_wire_copy([joint], {"AFP"}) == ([joint], [])
    assert not_in_wire_copy([joint], {"AFP", "Reuters"}) == ([], ["AFP|Reuters"])


def test_an_outlets_own_lead_under_an_agency_dateline_is_not_that_agencys() -> None:
    """The paper puts AFP's dateline on its own lead; AFP's copy, in the same story, starts
    with the next sentence. The dateline does not make the lead AFP's."""
    result = analyse(
        [
            article("afp", f"{W1}\n\n{W2}", outlet="Agence France-Presse", kind="wire"),
            article("paper", f"BRUSSELS (AFP) - {OWN_LINE}\n\n{W1}\n\n{W2}"),
        ],
        Options(),
    )
    lead = attribution(result, "paper", 0)
    assert lead.origin == OWN
    assert "not in the AFP wire copy of its story" in lead.evidence
    assert [attribution(result, "paper", i).origin for i in (1, 2)] == ["AFP", "AFP"]


def test_shared_text_is_voided_inside_the_copy_but_not_past_its_end() -> None:
    """A passage the paper shares with another outlet, under the paper's AFP dateline: where
    AFP's copy runs on both sides of it, AFP did not send it; past the end of AFP's copy, the
    copy may be an earlier, shorter version, and the dateline stands."""
    inside = analyse(
        [
            article("afp", f"{W1}\n\n{W3}", outlet="Agence France-Presse", kind="wire"),
            article("paper", f"BRUSSELS (AFP) - {W1}\n\n{W2}\n\n{W3}"),
            article("other", W2),
        ],
        Options(),
    )
    middle = attribution(inside, "paper", 1)
    assert middle.origin != "AFP"
    assert "not in the AFP wire copy" in middle.evidence
    past = analyse(
        [
            article("afp", W1, outlet="Agence France-Presse", kind="wire"),
            article("paper", f"BRUSSELS (AFP) - {W1}\n\n{W2}"),
            article("other", W2),
        ],
        Options(),
    )
    tail = attribution(past, "paper", 1)
    assert tail.origin == "AFP" and "not in the AFP wire copy" not in tail.evidence


# --- the hint tier: "told AFP" names a source asked, not the copy's origin ----------------


def told_afp(paragraph: int) -> Credit:
    start = QUOTED.index("told AFP")
    return Credit("AFP", "quote", "quote", start, start + 8, "told AFP", paragraph)


def test_an_in_text_source_is_only_a_hint_for_the_rest_of_its_article() -> None:
    (hint,) = article_credits([told_afp(1)])
    assert (hint.wire, hint.tier, hint.confidence) == ("AFP", HINT, HINT_CONFIDENCE)
    assert HINT_CONFIDENCE < ARTICLE_CREDIT_CONFIDENCE
    # Beside a credit of the copy, the source asked adds nothing at article level.
    dateline = Credit("Reuters", "dateline", "article", 0, 17, "LONDON (Reuters) -")
    assert [e.wire for e in article_credits([dateline, told_afp(1)])] == ["Reuters"]


def test_a_hint_loses_to_any_credit_whatever_the_confidences() -> None:
    hint = Evidence("AFP", HINT, 0.99, "article quotes AFP elsewhere")
    weak = Evidence("Reuters", ARTICLE, 0.3, "matches x:0 (Reuters: article dateline)")
    origin, confidence, evidence = decide([hint, weak])
    assert origin == "Reuters" and "outranks AFP" in evidence
    assert confidence < weak.confidence  # the lower-tier rival still costs something


def test_a_hint_travels_along_matches_within_a_story_but_not_across_stories() -> None:
    """A borrowed paragraph or a common source links two stories; that the other article
    quotes AFP somewhere says nothing of text it shares with this one. Its credit does."""
    mine = passages("mine", W2)[0]
    theirs = passages("theirs", W2)[0]
    hint = Evidence("AFP", HINT, HINT_CONFIDENCE, "article quotes AFP elsewhere")
    credit = Evidence("AFP", ARTICLE, ARTICLE_CREDIT_CONFIDENCE, "article sign-off '(AFP)'")
    same = {"mine": "s1", "theirs": "s1"}
    apart = {"mine": "s1", "theirs": "s2"}
    for own, story_of, travels in [
        ({"theirs:0": [hint]}, same, True),
        ({"theirs:0": [hint]}, apart, False),
        ({"theirs:0": [credit]}, apart, True),
    ]:
        found = inherited(mine, [(theirs, 1.0)], own, story_of)
        assert [e.tier for e in found] == ([own["theirs:0"][0].tier] if travels else [])


def test_a_quote_credit_covers_its_passage_and_only_hints_at_the_others() -> None:
    single = analyse([article("q", f"{W1}\n\n{QUOTED}\n\n{OWN_LINE}")], Options())
    signed = analyse([article("s", f"{W1}\n\n{QUOTED}\n\n{OWN_LINE}\n\n(AFP)")], Options())
    quoted, elsewhere = attribution(single, "q", 1), attribution(single, "q", 0)
    assert quoted.origin == elsewhere.origin == "AFP"
    assert "quote credit 'told AFP'" in quoted.evidence
    assert "elsewhere" in elsewhere.evidence
    assert elsewhere.confidence < quoted.confidence
    assert elsewhere.confidence < attribution(signed, "s", 0).confidence


# --- several wires named: a joint origin, weaker than one named wire -----------------------


def signoff(wire: str, start: int) -> Credit:
    return Credit(wire, "signoff", "article", start, start + len(wire), wire)


def test_a_credit_naming_several_wires_gives_their_joint_origin() -> None:
    (joint,) = article_credits([signoff("AFP", 1), signoff("Reuters", 6), signoff("dpa", 15)])
    assert (joint.wire, joint.tier) == ("AFP|dpa|Reuters", ARTICLE)
    assert "jointly" in joint.reason
    (swapped,) = article_credits([signoff("dpa", 1), signoff("AFP", 6), signoff("Reuters", 11)])
    assert swapped.wire == joint.wire
    # Two kinds of credit that disagree are joint too: neither says which wrote what.
    dateline = Credit("AFP", "dateline", "article", 0, 16, "BRUSSELS (AFP) -")
    (mixed,) = article_credits([dateline, signoff("Reuters", 400)])
    assert mixed.wire == "AFP|Reuters" and "dateline and sign-off" in mixed.reason


def test_a_joint_signoff_is_weaker_than_one_wire_and_narrowed_by_a_match() -> None:
    """DW signs "(AFP, Reuters, dpa)": its passages are one of the three, called with less
    confidence than the same passages under one agency's sign-off, except the one another
    article's dpa dateline names."""
    body = f"{W1}\n\n{W2}\n\n{OWN_LINE}"
    joint = analyse(
        [article("dw", f"{body}\n\n(AFP, Reuters, dpa)"), article("dpa", f"BERLIN (dpa) - {W2}")],
        Options(),
    )
    single = analyse([article("one", f"{body}\n\n(AFP)")], Options())
    lead, matched = attribution(joint, "dw", 0), attribution(joint, "dw", 1)
    assert lead.origin == attribution(joint, "dw", 2).origin == "AFP|dpa|Reuters"
    assert lead.confidence < attribution(single, "one", 0).confidence
    assert matched.origin == "dpa" and "one of the joint credit" in matched.evidence


# --- calibrated(): the fitted step table --------------------------------------------------

EXAMPLES = {"wire": "AFP", "joint": "AFP|Reuters", "own": OWN, "unknown": UNKNOWN}


def fitted_tables() -> dict[str, dict[str, list[float]]]:
    source = resources.files("attrib.data").joinpath("calibration.toml")
    return tomllib.loads(source.read_text("utf-8"))


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_each_bound_of_the_table_maps_to_its_observed_share(kind: str) -> None:
    """Raw confidences up to and including a bound take that step's value; just above it,
    the next step's."""
    table = fitted_tables()[kind]
    origin = EXAMPLES[kind]
    assert kind_of(origin) == kind
    upper, observed = table["upper"], table["calibrated"]
    for i, bound in enumerate(upper):
        assert calibrated(origin, bound) == observed[i]
        above = min(i + 1, len(upper) - 1)
        assert calibrated(origin, bound + 1e-9) == observed[above]
    # Below the first bound is the first step; past the last, the last.
    assert calibrated(origin, 0.0) == observed[0]
    assert calibrated(origin, 1.5) == observed[-1]


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_a_higher_raw_confidence_is_never_called_less_likely_right(kind: str) -> None:
    grid = [i / 200 for i in range(201)]
    values = [calibrated(EXAMPLES[kind], raw) for raw in grid]
    assert values == sorted(values)


def test_without_a_fitted_table_raw_confidences_pass_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calibration, "load_calibration", lambda: None)
    assert calibrated("AFP", 0.37) == 0.37
    assert calibrated(OWN, 0.6) == 0.6


def test_the_pipeline_reports_each_raw_confidence_through_its_table() -> None:
    corpus = [
        article("afp", f"{W1}\n\n{W2}", outlet="Agence France-Presse", kind="wire"),
        article("paper", f"BRUSSELS (AFP) - {OWN_LINE}\n\n{W1}\n\n{W3}\n\n(AFP, Reuters)"),
        article("other", f"{W3}\n\n{QUOTED}"),
    ]
    raw = analyse(corpus, Options(calibrate=False)).attributions
    final = analyse(corpus, Options()).attributions
    assert raw.keys() == final.keys()
    for pid, attribution_ in final.items():
        assert attribution_.origin == raw[pid].origin
        assert attribution_.confidence == round(calibrated(raw[pid].origin, raw[pid].confidence), 2)
    assert any(final[p].confidence != raw[p].confidence for p in final)
