"""Words as every stage counts and compares them.

Words are compared after folding case, quote style (straight vs curly apostrophes), accents
and ligatures, so `Carter’s` and `carter's` are one word; a figure is one word (`1,200,000`),
and figures are content, compared however they are grouped (`1.200.000`). Shingles,
alignment, the comparison views and the shares all count words here, so that a share and a
matched run are in one unit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

# A figure is one word however it is grouped (`1,200,000`, `172.850,000`, `3,5`, `450m`,
# `1990's`): split at its separators, `000` would be a figure shared by any two amounts in the
# thousands. Signs stay out of it, as outlets write `$1.2 billion` for `1.2 billion dlrs` and
# `5.3%` for `5.3 pct`.
_WORD = re.compile(r"\d+(?:[.,]\d+)*\w*(?:['’]\w+)*|\w+(?:['’]\w+)*")
_DIGIT = re.compile(r"\d")
_GROUPS = re.compile(r"[.,]")
_FOLD = str.maketrans({"’": "'", "‘": "'", "œ": "oe", "æ": "ae"})


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text, folded for comparison, with their character spans; `figures`: the
    words with a digit, grouping folded (`fold_figure`), sorted."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    figures: tuple[str, ...] = ()


def word_count(text: str) -> int:
    """Words as alignment counts them, so shares and matched words are in one unit."""
    return len(_WORD.findall(text))


def fold_figure(figure: str) -> str:
    """A figure written the same however its digits are grouped: `1,200,000`, `1.200.000` and
    `1200000` are one number, `3,5` (French) and `3.5` another. Separators followed by groups
    of three digits group (a first group of `0` never does: `0.125`); a last separator
    followed by one, two or four digits and more is the decimal mark, but a comma before four
    digits (`3,1987` in `Sept. 3,1987`) is no mark one can read, and stays as written."""
    groups = _GROUPS.split(figure)
    if len(groups) == 1:
        return figure
    whole, last = groups[:-1], groups[-1]
    digits = len(last) - len(last.lstrip("0123456789"))
    if not all(len(group) == 3 for group in whole[1:]):
        return figure
    if digits == 3 and whole[0] != "0":
        return "".join(groups)
    if digits > 3 and figure[len(figure) - len(last) - 1] == ",":
        return figure
    return "".join(whole) + "." + last


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word as alignment compares it: case, quote style, accents and ligatures folded, as
    OCR and plain-text exports lose or garble accents (`Crômieux`, `Cromieux`). A figure's
    grouping stays as written (`10,000` to `10000` is a house-style change); the numbers rule
    compares figures folded (`fold_figure`)."""
    folded = word.casefold().translate(_FOLD)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def tokenize(text: str) -> Tokens:
    spans = tuple(m.span() for m in _WORD.finditer(text))
    words = tuple(fold_word(text[s:e]) for s, e in spans)
    figures = tuple(sorted(fold_figure(w) for w in words if _DIGIT.search(w)))
    return Tokens(words, spans, figures)


# Every distinct folded word this process has met, and its code (`folded_words`). Filled by
# one thread: a process's workers are processes, never threads.
_CODES: dict[str, int] = {}
_WORDS: list[str] = []


def _code(word: str) -> int:
    code = _CODES.get(word)
    if code is None:
        code = _CODES[word] = len(_WORDS)
        _WORDS.append(word)
    return code


@cache
def folded_words(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """A passage's folded words as codes, one small integer per distinct word in this
    process, and its figures, kept for the life of the process: an alignment worker meets each
    passage in many pairs, scattered over the corpus, and a compact entry per passage costs
    far less memory than `tokenize`'s spans would. Codes, not strings: rapidfuzz lines up
    integers in half the time it takes over strings (about 5 against 11 us a pair of Reuters
    paragraphs), and equal words have equal codes, so the opcodes are the same."""
    tokens = tokenize(text)
    return tuple(_code(w) for w in tokens.words), tokens.figures


def words_of(codes: Sequence[int]) -> tuple[str, ...]:
    """The words `folded_words` coded, for what needs their letters."""
    return tuple(_WORDS[code] for code in codes)


def numbers(text: str) -> tuple[str, ...]:
    """The figures of a passage, grouping folded (`fold_figure`) and sorted: the facts it
    reports."""
    return folded_words(text)[1]
