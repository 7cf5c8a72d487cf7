"""Segmentation into sentence passages, and properties of alignment on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.match.align import align_passages
from attrib.models import Article, Passage
from attrib.options import Options, PassageThresholds
from attrib.text.clean import clean_article
from attrib.text.segment import segment_article
from attrib.text.tokens import tokenize
from conftest import CORPUS

LIMITS = PassageThresholds()
MAX_PASSAGE_WORDS = LIMITS.max_words
CUT_SLACK_WORDS = LIMITS.cut_slack_words

TEXT = (
    "\"It's going to take more to win. We're going to win, but we all need to do more,\" "
    'Carter told reporters. "This fight is far from over and there are great risks."\n\n'
    "The head of the agency said Iraqi forces were unlikely to retake Mosul this year. - Reuters"
)


def passages_of(text: str) -> tuple[Passage, ...]:
    cleaned = clean_article(Article(article_id="a", path="a.txt", text=text))
    return segment_article(cleaned)


def test_sentences_keep_a_quote_with_its_speaker_and_fold_fragments() -> None:
    passages = passages_of(TEXT)
    assert [p.text for p in passages] == [
        "\"It's going to take more to win. We're going to win, but we all need to do more,\" "
        "Carter told reporters.",
        '"This fight is far from over and there are great risks."',
        "The head of the agency said Iraqi forces were unlikely to retake Mosul this year. "
        "- Reuters",
    ]
    assert [p.paragraph for p in passages] == [0, 0, 1]
    assert [p.passage_id for p in passages] == ["a:0", "a:1", "a:2"]


words = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8)
sentences = st.lists(words, min_size=1, max_size=30).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_offsets_always_index_the_cleaned_body(text: str) -> None:
    cleaned = clean_article(Article(article_id="x", path="x.txt", text=text))
    for passage in segment_article(cleaned):
        assert cleaned.body[passage.start : passage.end] == passage.text


@settings(max_examples=60, deadline=None)
@given(sentences)
def test_a_passage_aligns_with_itself_in_one_full_match(text: str) -> None:
    first, second = Passage("a", 0, 0, 0, len(text), text), Passage("b", 0, 0, 0, len(text), text)
    match = align_passages(first, second, Options(min_match_words=1))
    assert match is not None and match.score == 1.0
    assert match.matched_words == len(tokenize(text).words)
    assert [op.tag for op in match.ops] == ["equal"]


@settings(max_examples=60, deadline=None)
@given(sentences, sentences)
def test_alignment_is_symmetric(one: str, two: str) -> None:
    a, b = Passage("a", 0, 0, 0, len(one), one), Passage("b", 0, 0, 0, len(two), two)
    assert align_passages(a, b, Options()) == align_passages(b, a, Options())


def test_a_run_on_page_is_cut_into_passages_of_sentence_length() -> None:
    """A real Reuters story with its full stops removed is one 'sentence' of ~400 words; it
    becomes passages of at most MAX_PASSAGE_WORDS plus the slack either side, in order,
    covering every word, cut after a comma where one is near."""
    seed = CORPUS / "003_220b5f207d8cf507.txt"
    paragraphs = [p for p in seed.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    run_on = " ".join(paragraphs).replace(". ", " ").replace(".", "")
    words = run_on.split()
    assert len(words) > 2 * MAX_PASSAGE_WORDS
    passages = passages_of(run_on)
    assert len(passages) >= 3
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS + 2 * CUT_SLACK_WORDS for p in passages)
    assert [w for p in passages for w in p.text.split()] == words
    assert any(p.text.endswith(",") for p in passages[:-1])


def sentence_of(words: int) -> str:
    """One sentence of exactly `words` words, with a comma every seven."""
    body = " ".join(f"talks{n}," if n % 7 == 6 else f"talks{n}" for n in range(words - 2))
    return f"The minister {body}."


def test_a_sentence_is_cut_only_past_the_cap() -> None:
    assert [p.text for p in passages_of(sentence_of(MAX_PASSAGE_WORDS))] == [
        sentence_of(MAX_PASSAGE_WORDS)
    ]
    pieces = passages_of(sentence_of(MAX_PASSAGE_WORDS + 1))
    assert len(pieces) == 2 and all(p.text.endswith((",", ".")) for p in pieces)
    assert " ".join(p.text for p in pieces) == sentence_of(MAX_PASSAGE_WORDS + 1)
