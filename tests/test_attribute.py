"""Attribution rules end to end on small corpora written for each rule."""

from __future__ import annotations

from attrib.engines.local import analyse
from attrib.models import Article, CorpusResult
from attrib.options import Options

WIRE_1 = (
    "Defence ministers from the coalition pledged on Thursday to send more aircraft and "
    "trainers to Iraq after Washington pressed its allies for a bigger effort."
)
WIRE_2 = (
    "The head of the alliance said the mission in the Aegean Sea would target the "
    "criminal networks smuggling migrants from Turkey to the Greek islands."
)
OWN_LINE = (
    "Our correspondent in Brussels watched the ministers arrive in the rain as "
    "protesters gathered outside the headquarters."
)


def article(article_id: str, text: str, **fields: str) -> Article:
    return Article(article_id=article_id, path=f"{article_id}.txt", text=text, **fields)


def origins(result: CorpusResult, article_id: str) -> list[str]:
    return [result.attributions[p.passage_id].origin for p in result.passages_of(article_id)]


def test_reference_wire_copy_wins_and_reaches_uncredited_copies() -> None:
    result = analyse(
        [
            article("afp", f"{WIRE_1}\n\n{WIRE_2}", outlet="Agence France-Presse", kind="wire"),
            article("paper", f"{WIRE_1}\n\n{OWN_LINE}"),
        ],
        Options(),
    )
    assert origins(result, "afp") == ["AFP", "AFP"]
    assert origins(result, "paper") == ["AFP", "own"]
    copied = result.attributions[result.passages_of("paper")[0].passage_id]
    assert copied.confidence >= 0.9 and "reference wire copy" in copied.evidence


def test_paragraph_marker_outranks_the_article_dateline() -> None:
    text = f"BRUSSELS (AFP) - {WIRE_1}\n\n{WIRE_2} - Reuters"
    result = analyse([article("mix", text)], Options())
    assert origins(result, "mix") == ["AFP", "Reuters"]


def test_photo_credit_is_never_text_evidence() -> None:
    text = f"Image: Getty Images/AFP/J. Doe\n\n{OWN_LINE}"
    result = analyse([article("pic", text)], Options())
    assert origins(result, "pic") == ["own"]


def test_shared_text_nobody_credits_is_unknown() -> None:
    result = analyse([article("one", f"{WIRE_1}\n\n{OWN_LINE}"), article("two", WIRE_1)], Options())
    assert origins(result, "one") == ["unknown", "own"]
    assert origins(result, "two") == ["unknown"]


def test_conflicting_credits_lower_the_confidence_and_are_named() -> None:
    result = analyse(
        [
            article("a", f"{WIRE_1} - Reuters"),
            article("b", f"{WIRE_1} - AFP"),
            article("c", f"{WIRE_2} - AFP"),
        ],
        Options(),
    )
    conflicted = result.attributions[result.passages_of("a")[0].passage_id]
    clean = result.attributions[result.passages_of("c")[0].passage_id]
    assert conflicted.origin == "Reuters"
    assert conflicted.confidence < clean.confidence
    assert "AFP" in conflicted.evidence


def test_wire_copy_without_a_named_wire_uses_its_own_credit_or_is_not_evidence() -> None:
    result = analyse(
        [
            article("dated", f"BRUSSELS (AFP) - {WIRE_1}", kind="wire"),
            article("copy", WIRE_1),
            article("anon", WIRE_2, kind="wire", outlet="Some Feed"),
            article("copy2", WIRE_2),
        ],
        Options(),
    )
    assert origins(result, "dated") == ["AFP"]
    assert origins(result, "copy") == ["AFP"]
    assert origins(result, "anon") == ["unknown"]
    assert origins(result, "copy2") == ["unknown"]


def test_uncredited_shared_text_says_who_ran_it_first_or_that_dates_are_missing() -> None:
    dated = analyse(
        [
            article("late", WIRE_1, published="2016-02-11T15:00"),
            article("early", WIRE_1, published="2016-02-11T09:30"),
        ],
        Options(),
    )
    late = dated.attributions[dated.passages_of("late")[0].passage_id]
    early = dated.attributions[dated.passages_of("early")[0].passage_id]
    assert late.origin == early.origin == "unknown"
    assert "early ran it first (2016-02-11T09:30)" in late.evidence
    assert "first published here" in early.evidence
    undated = analyse([article("a", WIRE_1), article("b", WIRE_1, published="2016")], Options())
    evidence = undated.attributions[undated.passages_of("b")[0].passage_id].evidence
    assert "no date for a, b" in evidence


def test_another_articles_blanket_credit_does_not_beat_this_articles_dateline() -> None:
    result = analyse(
        [
            article("dated", f"LONDON (Reuters) - {WIRE_1}\n\n{WIRE_2}"),
            article("signed", f"{WIRE_1}\n\n{OWN_LINE}\n\n(AFP)"),
        ],
        Options(),
    )
    assert origins(result, "dated")[0] == "Reuters"


def test_a_paragraph_marker_does_not_dilute_the_articles_dateline() -> None:
    result = analyse(
        [article("mix", f"PARIS (AFP) - {WIRE_1}\n\n{OWN_LINE}\n\n{WIRE_2} - Reuters")], Options()
    )
    assert origins(result, "mix") == ["AFP", "AFP", "Reuters"]


def test_publication_times_compare_only_as_precisely_as_both_give_them() -> None:
    from attrib.ingest.published import read_published

    morning = read_published("2016-02-11T09:30Z")
    assert read_published("2016-02-11T10:30+01:00") == morning
    assert read_published("11/02/2016") is None
    day = read_published("2016-02-11")
    assert day is not None and morning is not None
    # A dateline's day beside a page's time of that day: neither is knowably first.
    assert not day.before(morning) and not morning.before(day)
    assert read_published("2016-02-10").before(morning)  # type: ignore[union-attr]
    tied = analyse(
        [
            article("x", WIRE_1, published="2016-02-11T14:00+00:00"),
            article("y", WIRE_1, published="2016-02-11T15:00+01:00"),
        ],
        Options(),
    )
    evidence = tied.attributions[tied.passages_of("x")[0].passage_id].evidence
    assert "y ran it at the same time" in evidence
    mixed = analyse(
        [
            article("x", WIRE_1, published="2016-02-11"),
            article("y", WIRE_1, published="2016-02-11T09:30Z"),
        ],
        Options(),
    )
    for article_id in ("x", "y"):
        evidence = mixed.attributions[mixed.passages_of(article_id)[0].passage_id].evidence
        assert "their dates cannot tell who ran it first" in evidence


def test_a_joint_credit_is_narrowed_only_by_evidence_about_the_passage() -> None:
    """DW's "(AFP, Reuters, dpa)": a match to dpa-credited copy names dpa, without counting
    the joint credit as a rival; where the passage stands, or a hint elsewhere, does not."""
    from attrib.attribution.decide import decide
    from attrib.attribution.evidence import ARTICLE, HINT, Evidence

    joint = Evidence("AFP|dpa|Reuters", ARTICLE, 0.75, "article sign-off credits them jointly")
    match = Evidence("dpa", ARTICLE, 0.7, "matches x:1 (dpa: article dateline '(dpa)')")
    origin, confidence, evidence = decide([joint, match])
    assert (origin, confidence) == ("dpa", 0.7) and "outranks" not in evidence
    place = Evidence("dpa", ARTICLE, 0.6, "the rest of its article is dpa copy", of_passage=False)
    hint = Evidence("AFP", HINT, 0.5, "article cites AFP elsewhere")
    assert decide([joint, place])[0] == decide([joint, hint])[0] == "AFP|dpa|Reuters"
    other = Evidence("AP", ARTICLE, 0.7, "matches y:1 (AP: article dateline '(AP)')")
    origin, confidence, evidence = decide([joint, other])
    assert origin == "AFP|dpa|Reuters" and confidence < 0.75 and "outranks AP" in evidence
