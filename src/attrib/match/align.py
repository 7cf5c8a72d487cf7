"""Word-level alignment of two passages, in difflib's opcode model.

Words are compared after folding case, quote style (straight vs curly apostrophes), accents
and ligatures, so `Carter’s` and `carter's` are one word; a figure is one word (`1,200,000`),
and figures are content, compared however they are grouped (`1.200.000`). In a scan's OCR
(articles that split words at line ends, `paragraphs.scanned`), a word one misread letter away
from its counterpart inside a run that agrees (`Dslacroix`, `Delacroix`) counts as matched,
and the numbers rule takes figures a digit apart as one and forgives figures lost to letters
(`figures_agreeing`); in clean text a letter that differs is an edit (`praecipium`,
`praecipuum` in two templated notices) and a figure another fact. Raw Reuters-21578 is wrapped
but not scanned (8 of 8,992 stories split a compound at a line end): its templated sentences
(`Balances in tax and loan note accounts fell to 9.706 billion dlrs`) differ by figures alone.
The opcodes are computed by rapidfuzz's `Indel.opcodes` (an exact longest common
subsequence, ~10x faster than difflib) and then put in difflib's shape: a deletion next to an
insertion between the same two equal runs is one `replace`. `aligner="difflib"` computes them
with SequenceMatcher instead; the tests check the two agree on how many words match.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from typing import cast

import textdistance
from rapidfuzz.distance import Hamming, Indel

from attrib.models import EditOp, Match, OpTag, Passage
from attrib.options import AlignmentThresholds, Options
from attrib.text.quotes import quote_spans
from attrib.text.tokens import Tokens, folded_words, numbers, tokenize, words_of

# Letter pairs that spell one word two ways (realise/realize, licence/license) are spelling,
# which `changes` reports, not a letter a scanner misread.
_SPELLING_PAIRS = frozenset({frozenset("sz"), frozenset("cs"), frozenset("ae"), frozenset("yi")})

WordOp = tuple[OpTag, int, int, int, int]
DEFAULT = AlignmentThresholds()


def difflib_word_ops(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[WordOp]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.get_opcodes()  # a list of tuples made for this call alone


def rapidfuzz_word_ops(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[WordOp]:
    """Indel opcodes with each run of deletions and insertions between equal runs merged."""
    ops: list[WordOp] = []
    # `as_list` gives plain tuples in difflib's shape (its stub says Opcode objects); read as
    # tuples, the hot loop of alignment makes no attribute lookups.
    for tag, a1, a2, b1, b2 in cast(list[WordOp], Indel.opcodes(a, b).as_list()):
        if ops and tag != "equal" and ops[-1][0] != "equal":
            _, pa1, _, pb1, _ = ops[-1]
            ops[-1] = ("replace", pa1, a2, pb1, b2)
        else:
            ops.append((tag, a1, a2, b1, b2))
    return [_retag(op) for op in ops]


def _retag(op: WordOp) -> WordOp:
    tag, a1, a2, b1, b2 = op
    if tag == "replace" and a1 == a2:
        return ("insert", a1, a2, b1, b2)
    if tag == "replace" and b1 == b2:
        return ("delete", a1, a2, b1, b2)
    return op


def word_ops(a: Sequence[Hashable], b: Sequence[Hashable], aligner: str) -> list[WordOp]:
    """Opcodes over any sequences whose equal items are equal words (strings, or the codes of
    `folded_words`): both engines see only equality."""
    return difflib_word_ops(a, b) if aligner == "difflib" else rapidfuzz_word_ops(a, b)


def _char_range(spans: tuple[tuple[int, int], ...], first: int, last: int) -> tuple[int, int]:
    """Characters covered by words [first, last); an empty range sits where word `first` starts."""
    if first < last:
        return spans[first][0], spans[last - 1][1]
    if first < len(spans):
        return spans[first][0], spans[first][0]
    end = spans[-1][1] if spans else 0
    return end, end


def char_ops(ops: list[WordOp], a: Tokens, b: Tokens) -> tuple[EditOp, ...]:
    """Word-index opcodes as character offsets into each passage's text."""
    result = []
    for tag, a1, a2, b1, b2 in ops:
        a_start, a_end = _char_range(a.spans, a1, a2)
        b_start, b_end = _char_range(b.spans, b1, b2)
        result.append(EditOp(tag, a_start, a_end, b_start, b_end))
    return tuple(result)


def similarity(a: Sequence[Hashable], b: Sequence[Hashable], matched: int, measure: str) -> float:
    """`containment`: matched words over the shorter passage. Any other name is looked up in
    textdistance and applied to the word lists, so a user can try Jaccard or Sørensen-Dice."""
    if measure == "containment":
        shorter = min(len(a), len(b))
        return matched / shorter if shorter else 0.0
    algorithm = getattr(textdistance, measure, None)
    if algorithm is None or not hasattr(algorithm, "normalized_similarity"):
        raise ValueError(f"unknown similarity measure {measure!r}")
    return float(algorithm.normalized_similarity(a, b))


def _score(a: tuple[int, ...], b: tuple[int, ...], matched: int, measure: str) -> float:
    """`similarity` of two passages' coded words (`folded_words`): containment only counts
    them, another measure may read their letters."""
    if measure == "containment":
        return similarity(a, b, matched, measure)
    return similarity(words_of(a), words_of(b), matched, measure)


def quotations(text: str) -> list[tuple[str, ...]]:
    """Folded words of each quotation in a passage."""
    return [tokenize(text[start:end]).words for start, end in quote_spans(text)]


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


def shares_a_quote(first: str, second: str, min_words: int = DEFAULT.min_quote_words) -> bool:
    """Whether a quotation of `min_words` or more of one passage stands, word for word,
    inside a quotation of the other."""
    theirs = quotations(second)
    return any(
        len(quote) >= min_words and any(_contains(other, quote) for other in theirs)
        for quote in quotations(first)
    ) or any(
        len(quote) >= min_words and any(_contains(mine, quote) for mine in quotations(first))
        for quote in theirs
    )


def misread_figure(first: str, second: str, min_digits: int = DEFAULT.misread_min_digits) -> bool:
    """Two readings of one printed figure that differ by one digit a scanner misread
    (`3967 voix contre 2706`, `contre 2106`): figures of `min_digits` or more, as a one-digit
    figure differs from any other by one digit."""
    return (
        len(first) == len(second) >= min_digits
        and first.isascii()
        and first.isdecimal()
        and second.isascii()
        and second.isdecimal()
        and Hamming.distance(first, second) == 1
    )


def figures_agreeing(
    a: Sequence[str], b: Sequence[str], scanned: bool, min_digits: int = DEFAULT.misread_min_digits
) -> tuple[int, int]:
    """(figures the two passages share, figures that should agree), the same whichever
    passage comes first. In clean text every figure of either should agree. In scanned text
    only as many as the passage with fewer figures has, since OCR garbles figures into letters
    (`1901` read `i : oi`) but does not invent them, and a misread pair (`2706`, `2106`)
    counts as shared, each figure in one pair at most."""
    first, second = set(a), set(b)
    shared = len(first & second)
    if not scanned:
        return shared, len(first | second)
    pairs = sorted(
        (min(x, y), max(x, y))
        for x in first - second
        for y in second - first
        if misread_figure(x, y, min_digits)
    )
    used: set[str] = set()
    for x, y in pairs:
        if x not in used and y not in used:
            used |= {x, y}
            shared += 1
    return shared, min(len(first), len(second))


def numbers_disagree(
    a: Sequence[str],
    b: Sequence[str],
    scanned: bool = False,
    min_digits: int = DEFAULT.misread_min_digits,
) -> bool:
    """Both passages give figures and fewer than half of them agree: a templated sentence
    ("Net includes pretax gain of 7,400,000 dlrs") reporting another company's results."""
    if not a or not b:
        return False
    shared, distinct = figures_agreeing(a, b, scanned, min_digits)
    return shared / distinct < 0.5


def _aligned(
    first: Passage, second: Passage, aligner: str, limits: AlignmentThresholds
) -> tuple[Passage, Passage, tuple[int, ...], tuple[int, ...], list[WordOp], int]:
    """The pair in id order, their words' codes, the word opcodes and how many words match."""
    if second.passage_id < first.passage_id:
        first, second = second, first
    a, b = folded_words(first.text)[0], folded_words(second.text)[0]
    ops = word_ops(a, b, aligner)
    matched = sum(a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal")
    if first.scanned or second.scanned:
        matched += misread_words(words_of(a), words_of(b), ops, limits)
    return first, second, a, b, ops, matched


def misread(first: str, second: str, min_letters: int = DEFAULT.misread_min_letters) -> bool:
    """Two spellings of one word, of `min_letters` or more, that differ by one substituted
    letter a scanner misread (OCR's `Dslacroix` for `Delacroix`)."""
    if len(first) != len(second) or len(first) < min_letters:
        return False
    if not (first.isalpha() and second.isalpha()) or Hamming.distance(first, second) != 1:
        return False
    x, y = next((x, y) for x, y in zip(first, second, strict=True) if x != y)
    return frozenset((x, y)) not in _SPELLING_PAIRS


def misread_words(
    a: Sequence[str],
    b: Sequence[str],
    ops: Sequence[WordOp],
    limits: AlignmentThresholds = DEFAULT,
) -> int:
    """Words of short `replace` runs, between two runs that agree (or a run and the passage's
    edge), each one misread letter away from its counterpart: they count as matched words."""
    found = 0
    for index, (tag, a1, a2, b1, b2) in enumerate(ops):
        if tag != "replace" or a2 - a1 != b2 - b1 or a2 - a1 > limits.misread_max_words:
            continue
        before = ops[index - 1][0] if index else None
        after = ops[index + 1][0] if index + 1 < len(ops) else None
        if "equal" not in (before, after):
            continue
        if all(misread(a[a1 + k], b[b1 + k], limits.misread_min_letters) for k in range(a2 - a1)):
            found += a2 - a1
    return found


def _match(first: Passage, second: Passage, score: float, matched: int, ops: list[WordOp]) -> Match:
    edits = char_ops(ops, tokenize(first.text), tokenize(second.text))
    return Match.of(first.passage_id, second.passage_id, round(score, 4), matched, edits)


def align_passages(first: Passage, second: Passage, options: Options) -> Match | None:
    """A match between two passages, or None when too few words line up.

    Enough is `min_match_words` in order covering `min_containment` of the shorter passage,
    or, for a quote an outlet folded into a longer sentence of its own, an unbroken run of
    `min_shared_run` words, or a whole quotation of `min_quote_words` words that both carry
    (quotes are copied verbatim even when the sentence around them is not). Numbers are
    content: a short passage whose numbers differ from the other's is another fact ("No bids,
    26 ov May" is not "No bids, 43 ov May"), and so is a longer one whose figures mostly
    differ, unless the rest is nearly word for word (a casualty figure updated in a new lead).
    A row of figures aligns only with a row, decided by `same_table_row` alone (a row may be
    four words: `Net 3,466,000 vs 1,913,000`).

    The pair is stored with the smaller passage id as `a`, so it does not matter which of
    the two was asked first.
    """
    if first.table != second.table:
        return None
    limits = options.alignment
    first, second, a, b, ops, matched = _aligned(first, second, options.aligner, limits)
    figures_a, figures_b = numbers(first.text), numbers(second.text)
    if first.table:
        # A row is short (`Net 3,466,000 vs 1,913,000` is four words): its figures decide.
        if not same_table_row(a, b, matched, figures_a == figures_b, limits):
            return None
        return _match(first, second, _score(a, b, matched, options.similarity), matched, ops)
    if matched < options.min_match_words:
        return None
    scanned = first.scanned or second.scanned
    if min(len(a), len(b)) < limits.short_passage_words and figures_a != figures_b:
        shared, distinct = figures_agreeing(
            figures_a, figures_b, scanned, limits.misread_min_digits
        )
        if shared < distinct:
            return None
    containment = _score(a, b, matched, "containment")
    if containment < limits.same_text_containment and numbers_disagree(
        figures_a, figures_b, scanned, limits.misread_min_digits
    ):
        return None
    # No equal run at all when no word matches and `min_match_words` is 0.
    longest_run = max((a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal"), default=0)
    if (
        containment < options.min_containment
        and longest_run < options.min_shared_run
        and not shares_a_quote(first.text, second.text, limits.min_quote_words)
    ):
        return None
    return _match(first, second, _score(a, b, matched, options.similarity), matched, ops)


def same_table_row(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    matched: int,
    same_figures: bool,
    limits: AlignmentThresholds = DEFAULT,
) -> bool:
    """Two rows of figures are one only when every figure agrees and half their words or more
    (outlets write `mln` as `million`): `Qtly div 15 cts vs 12 cts prior` is another
    company's dividend."""
    return same_figures and matched >= limits.table_min_containment * max(len(a), len(b))


def known_match(
    first: Passage,
    second: Passage,
    aligner: str = "rapidfuzz",
    limits: AlignmentThresholds = DEFAULT,
) -> Match:
    """The word-level match of two passages already known to be versions of one text (a
    reconstructed sentence and the versions it was built from), with no bar to clear."""
    first, second, a, b, ops, matched = _aligned(first, second, aligner, limits)
    return _match(first, second, _score(a, b, matched, "containment"), matched, ops)
