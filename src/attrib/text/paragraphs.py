"""Paragraphs from the lines of a text, whether it breaks lines at paragraphs or inside them.

Web pages put one paragraph on a line. Wire copy of the 1980s, plain-text exports and OCR of
newspaper columns break lines every 40 to 70 characters, inside sentences and inside words, and
mark paragraphs by an indented first line, a blank line, or a short last line ending a sentence.
Judged line by line, such text is a pile of headings; so a hard-wrapped text has its lines joined
into paragraphs first, and everything after (furniture, prose, sentences) sees paragraphs.

Joining rewrites the text: a line break becomes a space, and a hyphen that only split a word
across two lines goes ("compa-" + "gnie"). A `Line` therefore keeps the verbatim pieces it was
joined from, so every offset still maps back to the characters as read.

Text that is not hard-wrapped comes out one line a paragraph, exactly as it was.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from attrib.options import ReadingThresholds

# Hard wrapping: a line ending inside a sentence, the next going on in lower case
# (`ReadingThresholds` says how many make a text hard-wrapped).
_WRAP_END = re.compile(r"[\w,;-]$")
DEFAULT = ReadingThresholds()
# A sentence ends on one of these, and any closing quotes or brackets after it.
_SENTENCE_ENDS = ".!?…:"
_CLOSERS = "\"'”’»)]"
_OPENS_PARAGRAPH = re.compile(r"[^\W_a-zß-ÿ]|[\"'“„«‘(—–-]")
_WORD_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_HYPHEN_END = re.compile(r"[^\W_]-$")  # a word or a number going on: not a dash, not `--`
_CONJUNCTIONS = frozenset({"and", "or", "nor", "et", "ou", "und", "oder", "e", "o", "y"})
_FIRST_WORD = re.compile(r"[^\W\d_]+")
# The first letter of a line, after specks OCR reads as punctuation (not a list's bullet).
_FIRST_LETTER = re.compile(r"[.,'`^|!:;\s]{0,4}([^\W\d_])")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# The end-of-line tests below run on every line of a corpus: a search for a pattern anchored
# at `$` tries every position of the line, so each looks at the line's end alone.


def ends_sentence(line: str) -> bool:
    """Whether `line` ends a sentence: a full stop, `!`, `?`, `…` or `:`, then any closing
    quotes or brackets."""
    bare = line.rstrip(_CLOSERS)
    return bool(bare) and bare[-1] in _SENTENCE_ENDS


def _wraps(line: str) -> bool:
    """Whether `line` ends in a word, a comma or a hyphen: it may go on on the next line."""
    return _WRAP_END.search(line, max(0, len(line) - 1)) is not None


def _hyphen_end(line: str) -> bool:
    """Whether `line` ends in a hyphen after a letter or a digit (not a dash, not `--`)."""
    return _HYPHEN_END.search(line, max(0, len(line) - 2)) is not None


def _word_hyphen_end(line: str) -> re.Match[str] | None:
    """The word a hyphen ending `line` follows, if it follows letters."""
    return _WORD_HYPHEN_END.search(line) if line.endswith("-") else None


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the text, or a paragraph joined from several: `start`/`end` span it in the
    text; `text` is its words, lines joined. `pieces` are the verbatim runs it was joined from,
    each (offset in `text`, offset in the raw text, length); empty when `text` is one line as
    read."""

    start: int
    end: int
    text: str
    pieces: tuple[tuple[int, int, int], ...] = ()


def split_lines(text: str) -> list[Line]:
    """Non-blank physical lines with the offsets of their stripped text."""
    lines = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped[0])
            lines.append(Line(start, start + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def _wrap_breaks(lines: Sequence[str]) -> tuple[int, int]:
    """(breaks inside a sentence, pairs of adjacent non-blank lines)."""
    pairs = [(a, b) for a, b in itertools.pairwise(lines) if a and b]
    breaks = sum(1 for a, b in pairs if _wraps(a) and b[0].islower())
    return breaks, len(pairs)


def _column_breaks(lines: Sequence[str]) -> int:
    """Breaks inside a sentence as a short OCR'd column shows them: the next line may open on
    specks the scanner read as punctuation (`. samedi`, `^ 'administration`), and a word
    split by a hyphen goes on in any case (`Lourenço-` + `Marquez`)."""
    breaks = 0
    for a, b in itertools.pairwise(lines):
        if not (a and b):
            continue
        first = _FIRST_LETTER.match(b)
        if first is None:
            continue
        hyphen = _word_hyphen_end(a) is not None and first.start(1) == 0
        breaks += hyphen or (_wraps(a) and first.group(1).islower())
    return breaks


def hard_wrapped(text: str, limits: ReadingThresholds = DEFAULT) -> bool:
    """Whether the text breaks its lines inside sentences, as OCR of newspaper columns and old
    wire copy do: at least `wrap_min_breaks` lines, and `wrap_min_share` of all pairs of
    adjacent lines, end in a word, comma or hyphen with the next line going on in lower case;
    or, in a text of short lines of four words or more on average, a third of the pairs or
    (paragraphs opening on an indented line) one, counting the breaks a short OCR'd column
    shows (`_column_breaks`). Web pages, one paragraph a line, have next to none."""
    raw_lines = text.split("\n")
    lines = [line.strip() for line in raw_lines]
    breaks, pairs = _wrap_breaks(lines)
    if breaks >= limits.wrap_min_breaks and breaks >= limits.wrap_min_share * pairs:
        return True
    words = [len(line.split()) for line in lines if line]
    breaks = _column_breaks(lines)  # every break `_wrap_breaks` counts, and a column's
    return (
        breaks >= limits.short_text_min_breaks
        and sum(words) >= limits.wrapped_min_words * len(words)
        and max(map(len, lines), default=0) <= limits.wrapped_max_line
        and (
            breaks >= limits.short_text_min_share * pairs
            or _indents_paragraphs(split_lines(text), text)
        )
    )


def hyphen_halves(left: str, right: str) -> tuple[str, str] | None:
    """The two halves (casefolded) a hyphen ending `left` may have split between lines: a
    letter and a hyphen, the next line going on in lower case, not with a conjunction (`land-`
    + `and sea-based`); None when the hyphen cannot split a word there."""
    stem = _word_hyphen_end(left)
    rest = _FIRST_WORD.match(right)
    if stem is None or rest is None or not rest.group()[0].islower():
        return None
    second = rest.group().casefold()
    return None if second in _CONJUNCTIONS else (stem.group(1).casefold(), second)


def scanned(text: str) -> bool:
    """Whether a hard-wrapped text splits a word at a line end (`hyphen_halves`): print set in
    columns, so a scan read by OCR, which misreads letters and figures. Wire copy sent by wire
    breaks lines between words (8 of Reuters-21578's 8,992 development stories hold such a
    line end, a compound: `trade-`/`weighted`); a newspaper column of 1900 splits a word every
    few lines (5,391 of impresso's 6,330 rebuilt articles)."""
    lines = [line.text for line in split_lines(text)]
    return any(hyphen_halves(left, right) for left, right in itertools.pairwise(lines))


def _indent(line: Line, text: str) -> int:
    return line.start - (text.rfind("\n", 0, line.start) + 1)


def _indents_paragraphs(lines: Sequence[Line], text: str) -> bool:
    """Some lines are indented deeper than the text's margin and go on, unindented, on the
    next line: paragraphs marked by their first line."""
    margin = min((_indent(line, text) for line in lines), default=0)
    return any(
        _indent(a, text) > margin and _indent(b, text) == margin
        for a, b in itertools.pairwise(lines)
        if text.count("\n", a.end, b.start) == 1
    )


@dataclass(frozen=True)
class Layout:
    """What marks a paragraph in one wrapped text."""

    margin: int
    indented: bool
    width: float
    limits: ReadingThresholds = DEFAULT


def _layout(lines: Sequence[Line], text: str, limits: ReadingThresholds) -> Layout:
    indents = [_indent(line, text) for line in lines]
    lengths = sorted(len(line.text) for line in lines)
    # The usual length of a full line: the upper quartile, as last lines and headings are short.
    width = lengths[(3 * len(lengths)) // 4] if lengths else 0
    return Layout(min(indents, default=0), _indents_paragraphs(lines, text), width, limits)


def starts_paragraph(
    before: Line, line: Line, text: str, layout: Layout, heading_above: bool = False
) -> bool:
    """Whether `line` opens a paragraph rather than going on with the one `before` it.
    `heading_above`: `before` opened its own paragraph, as a heading does (a line in capitals
    inside a notice, `C. BRAND-NEURY`, goes on with its paragraph)."""
    if text.count("\n", before.end, line.start) > 1:
        return True  # a blank line
    if any(stands_alone(one, layout) for one in (before, line)):
        return True
    if in_capitals(line) and ends_sentence(before.text):
        return True  # a heading after a paragraph (`GENÈVE`)
    if heading_above and in_capitals(before) and _OPENS_PARAGRAPH.match(line.text):
        return True  # the heading above a paragraph (`CONFÉDÉRATION SUISSE` / `Le Conseil…`)
    indented = _indent(line, text) > layout.margin
    if layout.indented:
        return indented
    return ends_sentence(before.text) and (
        indented
        or (
            len(before.text) < layout.limits.short_last_line * layout.width
            and bool(_OPENS_PARAGRAPH.match(line.text))
        )
    )


def in_capitals(line: Line) -> bool:
    """A line in capitals: a heading, or a name inside a notice (`C. BRAND-NEURY`), which
    goes on with the line before it unless that line ended a sentence."""
    return any(c.isalpha() for c in line.text) and not any(c.islower() for c in line.text)


def stands_alone(line: Line, layout: Layout) -> bool:
    """A line that is no line of a column: longer than the column (a paragraph of a web page
    in a file that also holds wrapped text), or mostly symbols, not letters or digits (OCR of a
    rule or a smudge): it must not drag the prose it touches into furniture, or itself into
    prose."""
    limits = layout.limits
    if len(line.text) > max(limits.wrapped_max_line, limits.unwrapped_width * layout.width):
        return True
    visible = line.text.replace(" ", "")
    return sum(map(str.isalnum, visible)) < limits.noise_letters * len(visible)


@dataclass(frozen=True)
class Hyphenation:
    """What one text says about its line-end hyphens: the words it writes (compounds whole, not
    the halves a line break split), and whether it splits words at line ends at all. Wire copy
    does not (the 25 line-end hyphens in the 8,992 stories of Reuters-21578's development files
    are all compounds: `trade-`/`weighted`, `land-`/`and space-based`); OCR'd columns split a
    word every few lines."""

    vocabulary: frozenset[str]
    splits_words: bool

    @classmethod
    def of(cls, lines: Sequence[Line], limits: ReadingThresholds = DEFAULT) -> Hyphenation:
        words: set[str] = set()
        hyphens = 0
        # Each line with the one before it, None before the first.
        for before, line in zip([None, *lines], lines, strict=False):
            found = _WORDS.findall(line.text)
            if found and _word_hyphen_end(line.text):
                found.pop()
                hyphens += 1
            if found and before is not None and _word_hyphen_end(before.text):
                found.pop(0)
            words.update(w.casefold() for w in found)
        splits = hyphens >= max(limits.split_min_hyphens, limits.split_min_share * len(lines))
        return cls(frozenset(words), splits)

    def split(self, left: str, right: str) -> bool:
        """Whether a hyphen ending `left` only split a word across lines, and so goes when the
        lines are joined. No dictionary knows every language and every OCR'd name, so the text
        decides: the hyphen stays before a capital or a digit (`anti-` + `IS`, `al-` +
        `Assad`) and before a conjunction (`land-` + `and sea-based`); it goes when the text
        writes the joined word elsewhere; it stays when the text writes the compound with a
        hyphen elsewhere, uses both halves as words of their own (`trade-` + `weighted`), or
        never splits words at line ends; otherwise the halves are one word (`compa-` +
        `gnie`)."""
        halves_of = hyphen_halves(left, right)
        if halves_of is None:
            return False
        first, second = halves_of
        if f"{first}{second}" in self.vocabulary:
            return True
        compound = f"{first}-{second}" in self.vocabulary
        halves = first in self.vocabulary and second in self.vocabulary
        return self.splits_words and not (compound or halves)


def _conjunction_first(text: str) -> bool:
    """A line opening on a conjunction, after a hyphen that is held over (`land-` + `and
    sea-based`): the hyphen stays, and so does the space."""
    first = _FIRST_WORD.match(text)
    return first is not None and first.group().casefold() in _CONJUNCTIONS


def join_lines(lines: Sequence[Line], hyphenation: Hyphenation) -> Line:
    """One paragraph of `lines`, each line's text kept verbatim as a piece (its offsets
    relative to the paragraph's text). Lines are joined by a space, or by nothing after a
    hyphen ending a word or number (`al-` + `Assad`, `1987-` + `88`; but `land- and`), which
    goes too when it split a word."""
    if len(lines) == 1:
        return lines[0]
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    length = 0
    for line in lines:
        if parts:
            before = parts[-1]
            if hyphenation.split(before, line.text):
                parts[-1] = before[:-1]
                offset, raw, size = pieces[-1]
                pieces[-1] = (offset, raw, size - 1)
                length -= 1
            elif not _hyphen_end(before) or _conjunction_first(line.text):
                parts.append(" ")
                length += 1
        pieces.append((length, line.start, len(line.text)))
        parts.append(line.text)
        length += len(line.text)
    return Line(lines[0].start, lines[-1].end, "".join(parts), tuple(pieces))


def paragraph_lines(
    text: str, wrapped: bool | None = None, limits: ReadingThresholds = DEFAULT
) -> list[Line]:
    """The paragraphs of a text: its lines, joined where it is hard-wrapped (`wrapped`, when
    the caller already knows)."""
    lines = split_lines(text)
    if len(lines) < 2 or not (hard_wrapped(text, limits) if wrapped is None else wrapped):
        return lines
    layout = _layout(lines, text, limits)
    hyphenation = Hyphenation.of(lines, limits)
    groups: list[list[Line]] = [[lines[0]]]
    for before, line in itertools.pairwise(lines):
        if starts_paragraph(before, line, text, layout, heading_above=len(groups[-1]) == 1):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [join_lines(group, hyphenation) for group in groups]
