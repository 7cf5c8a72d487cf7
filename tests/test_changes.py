"""What each outlet changed, on real sentence pairs from the seed articles in `corpus/`.

Each pair is two outlets' versions of one wire sentence as published (003 is Reuters copy, 000
The Independent, 001 DW, 002 Al Arabiya, 004 The New Arab). Where a test needs an edit the
seeds do not have, it makes one to a real sentence and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from attrib.match.align import align_passages
from attrib.models import Passage
from attrib.options import Options
from attrib.text.tokens import word_count
from attrib.views.changes import Change, change_figures, classify_changes, quoted_spans
from attrib.views.compare import Comparison, Row, is_verbatim, oriented_ops
from attrib.views.house_style import load_house_style

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# 003 (Reuters) and 000 (The Independent)
REUTERS_PUSH = (
    "Carter's push came a day after France delivered a rebuke to President Barack Obama, "
    "demanding that Washington display a clearer commitment to resolving the crisis in Syria "
    "where Russia is tipping the military balance in favour of President Bashar Assad."
)
INDEPENDENT_PUSH = (
    "Mr Carter's push came a day after France delivered a rebuke to President Barack Obama, "
    "demanding that Washington show a clearer commitment to resolving the crisis in Syria "
    "where Russia is tipping the military balance in favor of President al-Bashar Assad."
)
# 001 (DW) and 002 (Al Arabiya)
DW_WIN = (
    "\"It's going to take more to win. We're going to win, but we all need to do more,\" "
    "Carter told reporters."
)
ARABIYA_WIN = (
    "“It’s going to take more to win. We’re going to win but we all need to do more,” "
    "Carter told reporters."
)
DW_CALL = (
    "Carter's call comes a week after President Barack Obama urged members of NATO to "
    "increase their defense spending to meet the alliance's target of 2 percent of spending."
)
ARABIYA_CALL = (
    "Carter’s call to step up the fight came a week after US President Barack Obama "
    "reiterated a long-standing demand for members of NATO to increase their defence spending "
    "to meet the alliance’s target of two percent of output."
)
DW_CONFIDENT = (
    '"I am confident that today\'s meeting will produce additional military commitments," '
    "Carter said at the meeting, which took place at the US European Command headquarters in "
    "Stuttgart."
)
ARABIYA_CONFIDENT = (
    "Speaking after the talks with counterparts from Australia, Britain, Canada, Denmark, "
    "France, Germany, Italy, New Zealand, Norway and Spain, Carter said he was “confident that "
    "today's meeting will produce additional military commitments.”"
)
DW_LEAD = (
    "US Defense Secretary Ashton Carter has said countries need to offer more military "
    'resources to the fight against "Islamic State" militants.'
)
# 003 (Reuters) and 000 (The Independent)
REUTERS_MINISTERS = (
    "US Defence Secretary Ash Carter is due to start talks on Thursday afternoon in Brussels "
    "with more than two dozen defence ministers, including from key ally Saudi Arabia, which "
    "has held out the possibility of sending special forces into Syria."
)
REUTERS_FOCUS = (
    '"Our focus here is going to be on counter-ISIL and that campaign will go on because ISIL '
    'must be defeated, will be defeated, whatever happens with the Syrian civil war," Carter '
    "told reporters, using an acronym for Islamic State."
)
# 004 (The New Arab)
NEW_ARAB_STRIKES = (
    "The assessment comes after the coalition has carried out more than 10,000 air strikes in "
    "Iraq and Syria at a cost to the United States of nearly $6 billion."
)
NEW_ARAB_TERRITORY = (
    "The Pentagon estimates IS has lost about 40 percent of the territory it once held in Iraq, "
    "and about 10 percent of the land it claimed in Syria."
)
# 000 (The Independent): a sentence of its own, in no other seed
INDEPENDENT_OWN = (
    "The coalition already includes all 28 NATO member states individually, but not the "
    "alliance in its own right."
)


def passage(article_id: str, text: str, index: int = 0) -> Passage:
    return Passage(article_id, index, index, 0, len(text), text)


def row(before: str, after: str, left_index: int = 0, right_index: int = 0) -> Row:
    """The row `compare` would make for two versions of a sentence: ops from the aligner."""
    left, right = passage("ref", before, left_index), passage("out", after, right_index)
    match = align_passages(left, right, Options())
    assert match is not None, "the two versions must align"
    ops = oriented_ops(match, left.passage_id)
    return Row("same" if is_verbatim(ops) else "changed", left, right, ops, match.score)


def changes_of(*rows: Row) -> tuple[Change, ...]:
    return classify_changes(Comparison("ref", "out", rows))


def kinds(before: str, after: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.before, c.after) for c in changes_of(row(before, after))]


# ---------------------------------------------------------------------------------------------
# Word changes inside a kept passage


def test_each_edit_of_a_reused_sentence_gets_its_own_kind() -> None:
    assert kinds(REUTERS_PUSH, INDEPENDENT_PUSH) == [
        ("house_style", "", "Mr"),
        ("rewording", "display", "show"),
        ("localisation", "favour", "favor"),
        ("house_style", "", "al"),
    ]


def test_changes_name_both_articles_and_passages() -> None:
    first = changes_of(row(REUTERS_PUSH, INDEPENDENT_PUSH, 2, 5))[0]
    assert (first.article_id, first.reference_id) == ("out", "ref")
    assert (first.left_passage, first.right_passage) == ("ref:2", "out:5")
    assert first.words == 1


def test_punctuation_and_quote_style_alone_change_nothing() -> None:
    same = row(DW_WIN, ARABIYA_WIN)
    assert same.status == "same"
    as_changed = Row("changed", same.left, same.right, same.ops)
    assert changes_of(same) == () == changes_of(as_changed)
    assert load_house_style().kind_of("\"It's", "“It’s") == "house_style"


def test_a_changed_word_inside_quotes_is_an_altered_quote() -> None:
    # Hand edit of DW's quote: "We're going to win" -> "We will win".
    edited = ARABIYA_WIN.replace("We’re going to win", "We will win")
    assert kinds(DW_WIN, edited) == [("altered_quote", "We're going to", "We will")]


def test_a_quote_cut_and_rephrased_around_is_an_altered_quote_and_a_rewording() -> None:
    assert [(c.kind, c.words) for c in changes_of(row(DW_CONFIDENT, ARABIYA_CONFIDENT))] == [
        ("altered_quote", 23),  # "I am" went, the outlet's framing came in
        ("rewording", 16),  # the attribution after the quote was dropped
    ]


def test_a_deletion_across_a_quotation_mark_is_cut_there() -> None:
    """DW runs the attribution between two quotes; Al Arabiya joins them and attributes after.
    The aligner pairs DW's "referring to" with Al Arabiya's quoted "To accelerate", so DW's
    quoted "To" is deleted along with the attribution: only that word is an altered quote."""
    dw = (
        'But "allowing ISIL safe haven would carry even greater risk," he added, referring to '
        'IS by an alternate acronym. "To accelerate ISIL\'s lasting defeat, all must do more."'
    )
    arabiya = (
        "But “allowing ISIL safe haven would carry even greater risk. To accelerate ISIL’s "
        "lasting defeat, all must do more,” he said, using another acronym for the Islamic State "
        "group."
    )
    assert kinds(dw, arabiya) == [
        ("rewording", "he added, referring", ""),
        ("rewording", "IS by an alternate acronym", ""),
        ("altered_quote", "To", ""),
        ("rewording", "", "he said, using another acronym for the Islamic State group"),
    ]


def test_an_altered_quote_wins_over_house_style_inside_the_quote() -> None:
    # Hand edit: an outlet swaps the acronym the speaker used for its own.
    edited = REUTERS_FOCUS.replace("counter-ISIL", "counter-ISIS")
    assert kinds(REUTERS_FOCUS, edited) == [("altered_quote", "ISIL", "ISIS")]
    outside = REUTERS_FOCUS.replace("for Islamic State.", "for ISIS.")
    assert kinds(REUTERS_FOCUS, outside) == [("house_style", "Islamic State", "ISIS")]


def test_a_name_in_scare_quotes_is_house_style_not_a_quote() -> None:
    # DW writes "Islamic State" in quotation marks as a matter of style.
    after = DW_LEAD.replace('"Islamic State"', "ISIS")
    assert kinds(DW_LEAD, after) == [("house_style", "Islamic State", "ISIS")]


def test_numbers_as_words_and_spelling_variants() -> None:
    found = {(kind, before, after) for kind, before, after in kinds(DW_CALL, ARABIYA_CALL)}
    assert ("house_style", "2", "two") in found
    assert ("localisation", "defense", "defence") in found
    assert ("rewording", "spending", "output") in found


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("more than 10,000 air strikes", "more than 10000 air strikes"),
        ("about 40 percent of the territory", "about 40 per cent of the territory"),
        ("about 40 percent of the territory", "about 40% of the territory"),
        ("cost to the United States of", "cost to the U.S. of"),
        ("The Pentagon estimates IS has lost", "The Pentagon estimates Islamic State has lost"),
    ],
)
def test_house_style_conventions_in_real_sentences(before: str, after: str) -> None:
    text = NEW_ARAB_STRIKES + " " + NEW_ARAB_TERRITORY
    assert before in text
    changes = changes_of(row(text, text.replace(before, after)))
    assert [c.kind for c in changes] == ["house_style"]


def test_a_one_to_one_replace_mixing_kinds_is_split_per_word() -> None:
    # Hand edit of 003: "defence ministers" -> "defense chiefs" is one replace of two words.
    edited = REUTERS_MINISTERS.replace("defence ministers", "defense chiefs")
    assert kinds(REUTERS_MINISTERS, edited) == [
        ("localisation", "defence", "defense"),
        ("rewording", "ministers", "chiefs"),
    ]
    # One kind throughout: one change, not one per word.
    firmer = REUTERS_PUSH.replace("clearer commitment", "firmer pledge")
    assert kinds(REUTERS_PUSH, firmer) == [
        ("rewording", "clearer commitment", "firmer pledge"),
    ]


def test_inserted_honorific_or_article_is_house_style_other_insertions_rewording() -> None:
    assert kinds(REUTERS_PUSH, "Mr " + REUTERS_PUSH) == [("house_style", "", "Mr")]
    with_the = REUTERS_PUSH.replace("to President Barack", "to the President Barack")
    assert kinds(REUTERS_PUSH, with_the) == [("house_style", "", "the")]
    also = REUTERS_PUSH.replace("push came", "push also came")
    assert kinds(REUTERS_PUSH, also) == [("rewording", "", "also")]


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("favour", "favor"),
        ("defence", "defense"),
        ("organisation", "organization"),
        ("recognised", "recognized"),
        ("centre", "center"),
        ("travelled", "traveled"),
        ("programme", "program"),
        ("honourable", "honorable"),
        ("analysed", "analyzed"),
        ("catalogue", "catalog"),
        ("Labour", "labor"),
    ],
)
def test_spelling_variants_are_localisation(uk: str, us: str) -> None:
    assert load_house_style().kind_of(uk, us) == "localisation"


@pytest.mark.parametrize(
    ("one", "other"),
    [("filled", "filed"), ("four", "for"), ("advice", "advise"), ("entire", "entier")],
)
def test_look_alike_words_are_not_spelling_variants(one: str, other: str) -> None:
    assert load_house_style().kind_of(one, other) == "rewording"


def test_everyday_words_are_not_names() -> None:
    style = load_house_style()
    assert style.kind_of("IS", "Islamic State") == "house_style"
    assert style.kind_of("is", "Islamic State") == "rewording"


def test_every_listed_spelling_pair_and_name_is_recognised() -> None:
    """The data file and the rules agree: nothing listed is shadowed by another entry."""
    style = load_house_style()
    assert all(style.kind_of(uk, us) == "localisation" for uk, us in style.spellings.items())
    groups: dict[str, list[tuple[str, ...]]] = {}
    for words, key in style.names.items():
        groups.setdefault(key, []).append(words)
    for key, names in groups.items():
        first = " ".join(names[0])
        for name in names[1:]:
            assert style.canonical(" ".join(name).upper()) == style.canonical(first), key


# ---------------------------------------------------------------------------------------------
# Quotes


SPLIT_OPEN = "But “allowing ISIL safe haven would carry even greater risk."
SPLIT_CLOSE = "To accelerate ISIL’s lasting defeat, all must do more,” he said."


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (DW_WIN, [DW_WIN[: DW_WIN.index(" Carter")]]),
        (ARABIYA_CONFIDENT, [ARABIYA_CONFIDENT[ARABIYA_CONFIDENT.index("“") :]]),
        # 002 splits a quote across two sentences: open to the end, then from the start.
        (SPLIT_OPEN, [SPLIT_OPEN[4:]]),
        (SPLIT_CLOSE, [SPLIT_CLOSE[: SPLIT_CLOSE.index(" he said")]]),
        ("the alliance’s target of two percent", []),
        ("« Nous devons faire plus » a dit Carter.", ["« Nous devons faire plus »"]),
        ("„Wir müssen mehr tun“, sagte Carter.", ["„Wir müssen mehr tun“"]),
        ("He called it ‘unacceptable’ on Thursday.", ["‘unacceptable’"]),
        ('In the ‘90s, he said "we will".', ['"we will"']),
        ('At a meeting of the anti-"Islamic State" (IS) coalition', []),
    ],
)
def test_quoted_spans(text: str, quoted: list[str]) -> None:
    assert [text[start:end] for start, end in quoted_spans(text)] == quoted


# ---------------------------------------------------------------------------------------------
# Whole passages: added, dropped, trimmed


def reuters_sentences() -> list[str]:
    """The first ten prose paragraphs of the Reuters seed (003), each one sentence."""
    text = next(CORPUS.glob("003_*.txt")).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if len(line.split()) > 12][:10]


def test_passages_cut_from_the_bottom_are_trimmed_others_dropped_own_added() -> None:
    sentences = reuters_sentences()
    assert len(sentences) == 10
    # The outlet keeps the first six but the fourth, adds a sentence of its own, cuts the rest.
    kept = [0, 1, 2, 4, 5]
    rows = [row(sentences[i], sentences[i], i, n) for n, i in enumerate(kept)]
    rows.insert(3, Row("dropped", passage("ref", sentences[3], 3), None))
    rows.append(Row("added", None, passage("out", INDEPENDENT_OWN, len(kept))))
    rows += [Row("dropped", passage("ref", sentences[i], i), None) for i in range(6, 10)]
    found = changes_of(*rows)
    assert [(c.kind, c.left_passage, c.right_passage) for c in found] == [
        ("dropped", "ref:3", ""),
        ("added", "", "out:5"),
        ("trimmed", "ref:6", ""),
        ("trimmed", "ref:7", ""),
        ("trimmed", "ref:8", ""),
        ("trimmed", "ref:9", ""),
    ]
    assert found[1].after == INDEPENDENT_OWN and found[1].words == 18
    assert found[2].before == sentences[6] and found[2].words == word_count(sentences[6])


def test_nothing_kept_means_nothing_trimmed() -> None:
    sentences = reuters_sentences()[:2]
    rows = [Row("dropped", passage("ref", text, i), None) for i, text in enumerate(sentences)]
    assert [c.kind for c in changes_of(*rows)] == ["dropped", "dropped"]


# ---------------------------------------------------------------------------------------------
# Summary


def test_summary_shares_by_hand() -> None:
    kept = row(REUTERS_PUSH, INDEPENDENT_PUSH, 0, 0)
    dropped = Row("dropped", passage("ref", NEW_ARAB_STRIKES, 1), None)
    added = Row("added", None, passage("out", INDEPENDENT_OWN, 1))
    comparison = Comparison("ref", "out", (kept, dropped, added))
    summary = change_figures(comparison, classify_changes(comparison))
    # Outlet: 42 words in the kept sentence (2 inserted: Mr, al; 2 replaced: show, favor)
    # plus 18 of its own. Reference: 40 in the kept sentence plus 29 dropped ("10,000" and
    # "$6" are a word each, as alignment counts them).
    assert (word_count(INDEPENDENT_PUSH), word_count(INDEPENDENT_OWN)) == (42, 18)
    assert (word_count(REUTERS_PUSH), word_count(NEW_ARAB_STRIKES)) == (40, 29)
    assert summary.added_share == pytest.approx((18 + 2) / (42 + 18))
    assert summary.dropped_share == pytest.approx(29 / (40 + 29))
    assert summary.changed_share == pytest.approx((2 + 2) / (42 + 18))
    assert summary.altered_quotes == 0


def test_summary_counts_altered_quotes_and_deleted_words() -> None:
    comparison = Comparison("ref", "out", (row(DW_CONFIDENT, ARABIYA_CONFIDENT),))
    changes = classify_changes(comparison)
    summary = change_figures(comparison, changes)
    assert summary.altered_quotes == 1
    # 16 words of DW's attribution deleted, out of its 27.
    assert word_count(DW_CONFIDENT) == 27
    assert summary.dropped_share == pytest.approx(16 / 27)
    assert change_figures(comparison, ()).altered_quotes == 0


def test_empty_comparison_has_zero_shares() -> None:
    summary = change_figures(Comparison("ref", "out", ()), ())
    assert summary == type(summary)(0.0, 0.0, 0.0, 0)


def test_a_passage_split_in_two_moves_its_words_and_counts_once() -> None:
    """DW in the seeds splits one reference sentence over two of its own: each row deletes
    what the other keeps. Those words moved; the quote in them was not altered, and the
    reference's words count once in the shares."""
    reference = (
        "Speaking after the talks with his counterparts from Australia, Britain, Canada and "
        "France, Carter said he was \"confident that today's meeting will produce additional "
        'military commitments."'
    )
    first = (
        "Speaking after the talks with his counterparts from Australia, Britain, Canada and "
        "France, the Pentagon chief made his case."
    )
    second = (
        "\"I am confident that today's meeting will produce additional military "
        'commitments," Carter said at the meeting in Stuttgart.'
    )
    rows = (row(reference, first, 0, 0), row(reference, second, 0, 1))
    assert rows[0].left == rows[1].left
    found = changes_of(*rows)
    quotes = [c for c in found if c.kind == "altered_quote"]
    # Only what neither row keeps: "Carter said he was" made the quote's own "I am".
    assert [(c.before, c.after) for c in quotes] == [("Carter said he was", "I am")]
    assert not any("confident" in c.before for c in found if not c.after)
    assert not any("Australia" in c.before for c in found if not c.after)
    # The reference's words count once in the shares, however many rows show them.
    later = "The ministers agreed to send more aircraft and crews to the region next month."
    trimmed = row(
        later, "The ministers agreed to send more aircraft and crews to the region.", 1, 2
    )
    every = (*rows, trimmed)
    summary = change_figures(Comparison("ref", "out", every), changes_of(*every))
    assert summary.dropped_share == pytest.approx(2 / (word_count(reference) + word_count(later)))
