"""Spelling and house style: the changes an outlet makes to every text it runs, told apart from
changes of wording.

UK and US spelling (favour/favor) is localisation; honorifics, an outlet's own names for
things (IS/ISIL/Islamic State), numbers as words or digits, name particles ("al-Assad"), case
and quote style are house style. The word lists are data (`data/house_style.toml`); this
module compiles them and holds the rules that read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from attrib.text.rules import read_rules
from attrib.text.tokens import tokenize

# How an editor names a change of words, weakest first (`changes.STRENGTH`).
WordKind = Literal["localisation", "house_style", "rewording", "altered_quote"]


@dataclass(frozen=True)
class SuffixRule:
    """A UK ending and its US form, for stems long enough not to pair unrelated words."""

    uk: str
    us: str
    min_stem: int
    stem_ends: str = ""

    def to_us(self, word: str) -> str | None:
        """The US form of `word` under this rule, or None when the rule does not apply."""
        if not word.endswith(self.uk):
            return None
        stem = word[: -len(self.uk)]
        if len(stem) < self.min_stem or (self.stem_ends and stem[-1] not in self.stem_ends):
            return None
        return stem + self.us


@dataclass(frozen=True)
class HouseStyle:
    """The spelling and house-style lists, compiled (see `data/house_style.toml`).

    Words and phrases are casefolded token tuples, as `tokenize` makes them; `names` maps each
    way of writing a name to one key per group; `exact_case` maps a folded word to the only
    spelling in which it is a name ("IS", not the verb "is").
    """

    spellings: Mapping[str, str]
    suffixes: tuple[SuffixRule, ...]
    honorifics: frozenset[str]
    determiners: frozenset[str]
    name_prefix: re.Pattern[str]
    symbols: Mapping[str, str]
    exact_case: Mapping[str, str]
    names: Mapping[tuple[str, ...], str]
    numbers: Mapping[str, str]
    longest_name: int = 0
    # Words already spelled: a corpus asks for the same words again and again, and each new
    # one tries every suffix rule.
    _spelled: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def us_spelling(self, word: str) -> str:
        """One spelling per word across UK and US forms, so variants compare equal."""
        spelled = self._spelled.get(word)
        if spelled is None:
            spelled = self._spelled[word] = self._us_form(word)
        return spelled

    def _us_form(self, word: str) -> str:
        if word in self.spellings:
            return self.spellings[word]
        for rule in self.suffixes:
            spelled = rule.to_us(word)
            if spelled is not None:
                return spelled
        return word

    def normalise(self, text: str) -> str:
        """Text with the writing conventions that hide inside or between words undone:
        name particles, digit grouping, dots in initialisms, signs for words."""
        text = self.name_prefix.sub("", text)
        text = _DIGIT_GROUP.sub("", text)
        text = _INITIALISM.sub(lambda m: m[0].replace(".", ""), text)
        for sign, word in self.symbols.items():
            text = text.replace(sign, f" {word} ")
        return text

    def name_at(self, raw: Sequence[str], folded: Sequence[str], i: int) -> tuple[str, int]:
        """The name key and length of the longest listed name starting at word `i`, or ("", 0)."""
        for length in range(min(self.longest_name, len(folded) - i), 0, -1):
            key = self.names.get(tuple(folded[i : i + length]))
            if key and all(
                self.exact_case.get(f, r) == r
                for f, r in zip(folded[i : i + length], raw[i : i + length], strict=True)
            ):
                return key, length
        return "", 0

    def canonical(self, text: str) -> tuple[str, ...]:
        """The words of `text` with every house-style and spelling choice made one way, so two
        versions that differ only in house style (or spelling) have the same canonical words."""
        text = self.normalise(text)
        tokens = tokenize(text)
        raw = [text[start:end] for start, end in tokens.spans]
        folded = tokens.words
        words: list[str] = []
        i = 0
        while i < len(folded):
            key, length = self.name_at(raw, folded, i)
            if length:
                words.append(key)
                i += length
                continue
            word = folded[i]
            i += 1
            if word not in self.honorifics and word not in self.determiners:
                words.append(self.numbers.get(word) or self.us_spelling(word))
        return tuple(words)

    def kind_of(self, before: str, after: str) -> WordKind:
        """How an editor would name the change from `before` to `after`, quotes aside."""
        old, new = tokenize(before).words, tokenize(after).words
        if old == new:
            return "house_style"  # case, punctuation or quote style only
        if tuple(map(self.us_spelling, old)) == tuple(map(self.us_spelling, new)):
            return "localisation"
        if self.canonical(before) == self.canonical(after):
            return "house_style"
        return "rewording"


# 10,000 / 10 000 (no-break or thin spaces) / 10000; a plain space is too often two numbers.
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u2009\u202f](?=\d{3}(?!\d))")


# U.S. / U.S / U.N. -> US / UN, but never 2.5
_INITIALISM = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\b\.?")


@cache
def load_house_style() -> HouseStyle:
    """The lists shipped in `data/house_style.toml`, compiled once per process."""
    return parse_house_style(read_rules("house_style.toml"))


def parse_house_style(data: Mapping[str, Any]) -> HouseStyle:
    """Compile the house-style lists; ValueError names a missing or malformed entry."""
    try:
        spelling, house = data["localisation"], data["house_style"]
        suffixes = tuple(SuffixRule(**rule) for rule in spelling["suffix"])
        pairs = {uk.casefold(): us.casefold() for uk, us in spelling["pairs"]}
        prefixes = "|".join(re.escape(p) for p in house["name_prefixes"])
        style = HouseStyle(
            spellings=pairs,
            # Longest endings first, so the most specific rule decides.
            suffixes=tuple(sorted(suffixes, key=lambda r: (-len(r.uk), r.uk))),
            honorifics=frozenset(w.casefold() for w in house["honorifics"]),
            determiners=frozenset(w.casefold() for w in house["determiners"]),
            name_prefix=re.compile(rf"(?i)\b(?:{prefixes})"),
            symbols=dict(house["symbols"]),
            exact_case={w.casefold(): w for w in house["exact_case"]},
            names={},
            numbers={w.casefold(): d for w, d in house["numbers"].items()},
        )
        groups = house["equivalents"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"house_style.toml: missing or malformed entry: {exc!r}") from exc
    names: dict[tuple[str, ...], str] = {}
    for group in groups:
        key = f"<{group[0].casefold()}>"  # angle brackets: never a word of a text
        for name in group:
            names[tokenize(style.normalise(name)).words] = key
    return replace(style, names=names, longest_name=max(map(len, names), default=0))
