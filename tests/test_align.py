"""Alignment, candidates and families on small texts written for the purpose, and on the seeds."""

from __future__ import annotations

import numpy as np
import pytest

from attrib.match.align import (
    align_passages,
    difflib_word_ops,
    numbers_disagree,
    rapidfuzz_word_ops,
)
from attrib.match.extend import extend_to_neighbours
from attrib.match.families import build_families, build_stories, kept_matches, link_articles
from attrib.match.shingles import (
    article_numbers,
    candidate_pairs,
    pairs_from_shingles,
    passage_shingles,
)
from attrib.models import CorpusResult, Passage
from attrib.options import Options
from attrib.text.tokens import numbers, tokenize, word_count

REUTERS = (
    "Carter's push came a day after France delivered a rebuke to President Barack Obama,"
    " "
    "demanding that Washington display a clearer commitment to resolving the crisis in "
    "Syria where Russia is tipping the military balance in favour of President Bashar "
    "Assad."
)
INDEPENDENT = (
    "Mr Carter’s push came a day after France delivered a rebuke to President Barack "
    "Obama, demanding that Washington show a clearer commitment to resolving the crisis "
    "in Syria where Russia is tipping the military balance in favor of President "
    "al-Bashar Assad."
)
OTHER = "German Chancellor Angela Merkel said in Ankara on Monday that Turkey wants Nato to help."


def passage(article_id: str, text: str, index: int = 0) -> Passage:
    return Passage(article_id, index, 0, 0, len(text), text)


def replay(ops: list, a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Apply opcodes to a, as difflib documents them, to check they really turn a into b."""
    out: list[str] = []
    for tag, a1, a2, b1, b2 in ops:
        out.extend(a[a1:a2] if tag == "equal" else b[b1:b2])
    return tuple(out)


def test_tokens_fold_case_and_curly_quotes() -> None:
    assert tokenize("Carter’s PUSH").words == tokenize("carter's push").words


def test_a_figure_is_one_word_however_it_is_grouped() -> None:
    assert tokenize("12,000 airstrikes").words == ("12,000", "airstrikes")
    assert tokenize("rose 12.5% to $450m in the 1990's").words == (
        "rose", "12.5", "to", "450m", "in", "the", "1990's",
    )  # fmt: skip
    # Outlets write signs for words: the figures agree.
    assert numbers("$1.2 billion from $900 million") == numbers("1.2 bln dlrs from 900 mln dlrs")
    assert numbers("rose 5.3%") == numbers("rose 5.3 pct")
    # A first group of 0 is a decimal; a comma before four digits is read as written.
    assert numbers("0.125") == numbers("0,125") == ("0.125",)
    assert numbers("7,125 shares") == ("7125",)
    assert numbers("Sept. 3,1987") == ("3,1987",)
    # Grouped any way, a figure is the same figure to the numbers rule.
    assert numbers("1.200.000") == numbers("1,200,000") == numbers("1200000") == ("1200000",)
    assert numbers("3,5 millions") == numbers("3.5 millions") == ("3.5",)
    assert tokenize("in 2020. Then 1, 2").words == ("in", "2020", "then", "1", "2")
    assert word_count("Net 1,200,000 vs 900,000") == 4


# A templated results sentence (Reuters-21578 style): most words agree, the figures carry the
# news. Split at their commas, 1,200,000 and 2,200,000 shared `200` and `000`, so the figures
# seemed to agree.
TEMPLATE = "The company said its net profit rose to {} dlrs from {} dlrs in the first quarter."


def test_a_sentence_with_other_figures_is_another_fact() -> None:
    first = passage("q1", TEMPLATE.format("1,200,000", "900,000"))
    other = passage("q2", TEMPLATE.format("2,200,000", "1,900,000"))
    same = passage("q3", TEMPLATE.format("1.200.000", "900.000"))
    assert numbers_disagree(numbers(first.text), numbers(other.text))
    assert align_passages(first, other, Options()) is None
    assert not numbers_disagree(numbers(first.text), numbers(same.text))
    assert align_passages(first, same, Options()) is not None


def test_decimals_and_percentages_are_whole_figures_to_the_numbers_rule() -> None:
    """Split at the point, 12.5% and 2.5% shared the figure `5`, and 3.5 and 13.5 too. The
    passages share shingles (`inflation rose to`, `the office said`), so the rule, not the
    candidate index, tells them apart."""
    rose = passage("a", "Inflation rose to 12.5% in March, the office said.")
    lower = passage("b", "Inflation rose to 2.5% in March, the office said.")
    pct = passage("c", "Inflation rose to 12.5 pct in March, the office said.")
    assert candidate_pairs([rose, lower, pct], Options()).tolist() == [[0, 1], [0, 2], [1, 2]]
    assert numbers(rose.text) == numbers(pct.text) == ("12.5",)
    assert numbers_disagree(numbers(rose.text), numbers(lower.text))
    assert align_passages(rose, lower, Options()) is None
    assert align_passages(rose, pct, Options()) is not None
    assert numbers_disagree(numbers("a rise of 3.5 points"), numbers("a rise of 13.5 points"))
    assert not numbers_disagree(numbers("a rise of 3.5 points"), numbers("a rise of 3,5 points"))


def test_lightly_edited_copy_aligns_with_word_level_edits() -> None:
    match = align_passages(passage("ind", INDEPENDENT), passage("reu", REUTERS), Options())
    assert match is not None
    assert match.a == "ind:0" and match.score > 0.85
    changed = {
        (INDEPENDENT[op.a_start : op.a_end], REUTERS[op.b_start : op.b_end])
        for op in match.ops
        if op.tag != "equal"
    }
    assert ("Mr", "") in changed
    assert ("show", "display") in changed
    assert ("favor", "favour") in changed
    assert ("al-Bashar", "Bashar") in changed or ("al", "") in changed


def test_match_is_the_same_whichever_passage_comes_first() -> None:
    options = Options()
    forward = align_passages(passage("ind", INDEPENDENT), passage("reu", REUTERS), options)
    backward = align_passages(passage("reu", REUTERS), passage("ind", INDEPENDENT), options)
    assert forward == backward


def test_identical_passages_align_end_to_end() -> None:
    match = align_passages(passage("a", REUTERS), passage("b", REUTERS), Options())
    assert match is not None and match.score == 1.0
    assert [op.tag for op in match.ops] == ["equal"]
    assert (match.ops[0].a_start, match.ops[0].a_end) == (0, len(REUTERS) - 1)


def test_unrelated_passages_do_not_align() -> None:
    assert align_passages(passage("a", REUTERS), passage("b", OTHER), Options()) is None


def test_quote_folded_into_a_longer_sentence_aligns_on_the_quote() -> None:
    dw = (
        '"I am confident that today\'s meeting will produce additional military commitments," '
        "Carter said at the meeting, which took place at the US European Command headquarters."
    )
    other = (
        "Speaking after the talks with counterparts from Australia, Britain and Canada, "
        "Carter said he was “confident that today's meeting will produce additional military "
        "commitments.”"
    )
    assert align_passages(passage("dw", dw), passage("aa", other), Options()) is not None
    strict = Options(min_shared_run=50)
    assert align_passages(passage("dw", dw), passage("aa", other), strict) is not None
    unquoted = other.replace("“", "").replace("”", "")
    assert align_passages(passage("dw", dw), passage("aa", unquoted), strict) is None


@pytest.mark.parametrize("pair", [(INDEPENDENT, REUTERS), (REUTERS, OTHER), (OTHER, OTHER)])
def test_rapidfuzz_and_difflib_opcodes_both_rebuild_the_text(pair: tuple[str, str]) -> None:
    a, b = (tokenize(text).words for text in pair)
    for ops in (difflib_word_ops(a, b), rapidfuzz_word_ops(a, b)):
        assert replay(ops, a, b) == b
        assert [op[1] for op in ops] == sorted(op[1] for op in ops)


def test_rapidfuzz_and_difflib_agree_on_the_seed_pairs(seed_result: CorpusResult) -> None:
    """rapidfuzz finds the longest common subsequence; difflib's greedy longest-block search
    finds the same on lightly edited copy and never more. Both aligners must accept the same
    seed matches."""
    passages = seed_result.passages
    agreeing = 0
    pairs = candidate_pairs(passages, Options()).tolist()
    for i, j in pairs:
        a, b = tokenize(passages[i].text).words, tokenize(passages[j].text).words
        fast = sum(o[2] - o[1] for o in rapidfuzz_word_ops(a, b) if o[0] == "equal")
        slow = sum(o[2] - o[1] for o in difflib_word_ops(a, b) if o[0] == "equal")
        assert slow <= fast
        agreeing += slow == fast
    assert agreeing >= 0.8 * len(pairs)
    for aligner in ("rapidfuzz", "difflib"):
        options = Options(aligner=aligner)
        aligned = (align_passages(passages[i], passages[j], options) for i, j in pairs)
        found = {(m.a, m.b) for m in aligned if m}
        assert found == {(m.a, m.b) for m in seed_result.matches}


def test_candidates_skip_same_article_and_overly_common_shingles() -> None:
    stock = "said in a statement on Thursday that the talks would continue"
    passages = [passage(f"art{n}", f"Story {n} official {stock}.") for n in range(5)]
    passages.append(passage("art0", REUTERS, index=1))
    passages.append(passage("art9", INDEPENDENT))
    everything = [tuple(p) for p in candidate_pairs(passages, Options()).tolist()]
    assert (5, 6) in everything
    assert all(passages[i].article_id != passages[j].article_id for i, j in everything)
    capped = candidate_pairs(passages, Options(max_document_frequency=3))
    assert capped.tolist() == [[5, 6]]


def test_families_and_stories_are_connected_components() -> None:
    a, b, c = passage("x", REUTERS), passage("y", INDEPENDENT), passage("z", REUTERS)
    options = Options()
    matches = [m for m in (align_passages(a, b, options), align_passages(b, c, options)) if m]
    families = build_families([a, b, c], matches)
    assert [f.passage_ids for f in families] == [("x:0", "y:0", "z:0")]
    links = link_articles([a, b, c], matches, options)
    assert links.same_story == (("x", "y"), ("y", "z"))
    stories = build_stories(["w", "x", "y", "z"], links.same_story)
    assert [s.article_ids for s in stories] == [("w",), ("x", "y", "z")]
    assert [s.story_id for s in stories] == ["s1", "s2"]


def test_one_shared_stock_sentence_does_not_make_a_story() -> None:
    stock = "The company did not respond to a request for comment on Friday."
    first = [passage("a", REUTERS, 0), passage("a", stock, 1)]
    second = [passage("b", OTHER, 0), passage("b", stock, 1)]
    passages = [*first, *second]
    options = Options()
    matches = [m for m in (align_passages(first[1], second[1], options),) if m]
    assert matches, "the stock sentence itself is a match"
    links = link_articles(passages, matches, options)
    assert links.same_story == () and links.borrowed == frozenset()
    stories = build_stories(["a", "b"], [])
    assert kept_matches(passages, matches, stories, links.borrowed) == ()


def test_a_borrowed_wire_paragraph_links_articles_without_merging_stories() -> None:
    own = [
        passage("o", f"Our own reporting on a different subject entirely, part {n} of it.", n)
        for n in range(30)
    ]
    borrowed = passage("o", REUTERS, 30)
    wire = passage("w", REUTERS)
    rest_of_wire = [
        passage("w", f"The wire story goes on with paragraph {n} about the Syrian talks.", n)
        for n in range(1, 30)
    ]
    passages = [*own, borrowed, wire, *rest_of_wire]
    options = Options()
    matches = [m for m in (align_passages(borrowed, wire, options),) if m]
    links = link_articles(passages, matches, options, wire_copy={"w"})
    assert links.same_story == ()
    assert links.borrowed == frozenset({("o", "w")})
    stories = build_stories(["o", "w"], links.same_story)
    assert len(stories) == 2
    assert kept_matches(passages, matches, stories, links.borrowed) == tuple(matches)


def test_one_paragraph_shared_by_longer_articles_links_them_but_makes_no_story() -> None:
    """The seeds' case: The Independent runs AFP copy and one Reuters paragraph. Articles that
    share one paragraph and otherwise nothing are two stories (a mosaic would chain every
    story it borrows from); two paragraphs shared, or a brief shared whole, make one."""
    afp = [
        "NATO is considering joining the US-led coalition fighting Islamic State jihadists.",
        "The coalition already includes all 28 NATO member states individually, officials said.",
        "Mr Carter spoke with more than two dozen defence ministers, including Saudi Arabia's.",
    ]
    reuters = [
        "US Defence Secretary Ash Carter is due to start talks in Brussels on Thursday.",
        "The talks take place as US Secretary of State John Kerry leads a push in Munich.",
        "Carter plans to offer a long list of required military capabilities, officials said.",
    ]

    def article(article_id: str, texts: list[str]) -> list[Passage]:
        return [Passage(article_id, n, n, 0, len(text), text) for n, text in enumerate(texts)]

    options = Options()

    def links_between(first: list[Passage], second: list[Passage]) -> tuple:
        found = [align_passages(a, b, options) for a in first for b in second]
        links = link_articles([*first, *second], [m for m in found if m], options)
        return links.same_story, links.borrowed

    independent = article("i", [afp[0], INDEPENDENT, afp[1], afp[2]])
    wire = article("r", [reuters[0], REUTERS, reuters[1], reuters[2]])
    assert links_between(independent, wire) == ((), frozenset({("i", "r")}))
    both = article("i", [afp[0], INDEPENDENT, reuters[1], afp[1], afp[2]])
    assert links_between(both, wire) == ((("i", "r"),), frozenset())
    brief = article("b", [INDEPENDENT])
    assert links_between(brief, wire) == ((("b", "r"),), frozenset())


def test_extension_reaches_short_neighbours_but_not_different_numbers() -> None:
    options = Options()
    left = [
        passage("a", REUTERS, 0),
        passage("a", "He did not elaborate.", 1),
        passage("a", "Shares rose 2 pct.", 2),
    ]
    right = [
        passage("b", INDEPENDENT, 0),
        passage("b", "He did not elaborate.", 1),
        passage("b", "Shares fell 3 pct.", 2),
    ]
    seed = align_passages(left[0], right[0], options)
    assert seed is not None
    found = extend_to_neighbours([*left, *right], [seed], options)
    assert [(m.a, m.b) for m in found] == [("a:1", "b:1")]


def test_numbers_are_content_so_different_results_do_not_pair() -> None:
    first = passage("q1", "Shr 12 cts vs 10 cts Net 1,200,000 vs 900,000 Revs 5.1 mln vs 4.2 mln")
    second = passage("q2", "Shr 45 cts vs 38 cts Net 7,300,000 vs 6,100,000 Revs 9.8 mln")
    same = passage("q3", "Shr 12 cts vs 10 cts Net 1,200,000 vs 900,000 Revs 5.1 mln vs 4.2 mln")
    pairs = candidate_pairs([first, second, same], Options())
    assert pairs.tolist() == [[0, 2]]


def test_candidates_for_focused_passages_are_the_full_search_restricted(
    seed_result: CorpusResult,
) -> None:
    """The incremental store asks only for pairs with a new passage; they must be exactly the
    pairs a full search finds that have one."""
    passages = seed_result.passages
    options = Options()
    grams = [passage_shingles(p, options.shingle_size) for p in passages]
    articles = article_numbers([p.article_id for p in passages])
    full = pairs_from_shingles(grams, articles, options)
    assert len(full) > 10
    focus = np.zeros(len(passages), dtype=bool)
    focus[articles == articles[-1]] = True
    focused = pairs_from_shingles(grams, articles, options, focus=focus)
    expected = full[focus[full[:, 0]] | focus[full[:, 1]]]
    assert 0 < len(focused) < len(full)
    assert focused.tolist() == expected.tolist()
