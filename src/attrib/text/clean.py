"""Take page furniture out of an article and keep the prose body, with offsets.

Scraped pages carry navigation, donation appeals, comment prompts, tags, captions, bylines and
repeated titles. Each paragraph is classified on its own (a line of a web page; the joined lines
of hard-wrapped text, see `paragraphs.py`): a paragraph matching a furniture rule of
`data/boilerplate.toml` goes, and so does any that is not prose (headings, bylines, bare
dates): only sentences are worth aligning. A second pass over a whole outlet drops paragraphs
its articles repeat, which catches the furniture no rule names. Nothing else is rewritten: each
kept paragraph's verbatim runs map its offsets back to the text as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from attrib.ingest.published import published_on_line
from attrib.models import Article, CleanArticle, Paragraph, Removal
from attrib.options import FurnitureThresholds, ReadingThresholds
from attrib.text.language import detect_language
from attrib.text.paragraphs import Line, hard_wrapped, paragraph_lines, scanned
from attrib.text.rules import read_rules

BODY_SEPARATOR = "\n\n"
DEFAULT = FurnitureThresholds()
READING = ReadingThresholds()

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_CREDIT_TAIL = re.compile(r"\s+[-–—]{1,2}(\s*[A-Z][\w.]*(\s+[A-Z][\w.]*)?)?\s*$")
_QUOTED = re.compile(r"[\"“„«][^\"”“«»]*[\"”»]")
_READER = re.compile(r"\b(you|your|yours|we|us|our|please)\b", re.IGNORECASE)
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_FIGURE = re.compile(r"^[(<$£€+-]*\d[\d.,/:%)>-]*$")
LINKS = "links"
_LISTED_AFTER_HEADING = re.compile(r":\s*\S")


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled furniture patterns by category, in the data file's order."""

    categories: tuple[tuple[str, re.Pattern[str]], ...]
    reader_address: frozenset[str]

    def category(self, line: str, limits: FurnitureThresholds = DEFAULT) -> str | None:
        """The first furniture category whose pattern the line matches, honouring the rule that
        appeals and prompts must address the reader when they are long prose."""
        for name, pattern in self.categories:
            if not pattern.search(line):
                continue
            if (
                name in self.reader_address
                and is_long_prose(line, limits)
                and not addresses_reader(line)
            ):
                continue
            return name
        return None


@cache
def load_furniture_rules() -> FurnitureRules:
    data = read_rules("boilerplate.toml")
    # One alternation per category: a search per category rather than per pattern.
    categories = tuple(
        (name, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))
        for name, patterns in data["furniture"].items()
    )
    return FurnitureRules(categories, frozenset(data.get("reader_address", ())))


def word_total(line: str) -> int:
    return len(line.split())


def is_prose(line: str, limits: FurnitureThresholds = DEFAULT) -> bool:
    """A sentence-like line: ends as sentences end (a trailing `- Reuters` marker aside),
    or is long enough that missing punctuation is an OCR or markup accident."""
    words = word_total(line)
    if words >= limits.long_prose_words:
        return True
    if words < limits.prose_min_words:
        return False
    return bool(_TERMINAL.search(_CREDIT_TAIL.sub("", line)))


def is_table_row(line: str, limits: FurnitureThresholds = DEFAULT) -> bool:
    """A row of figures (`Shr 39 cts vs 26 cts`, `Net 3,466,000 vs 1,913,000`, a results
    list): not prose, yet not furniture either. At least two figures, a quarter of its words
    (`Qtly div 12 cts vs 12 cts prior`)."""
    words = line.split()
    figures = sum(1 for word in words if _FIGURE.match(word))
    return (
        figures >= limits.table_min_figures
        and figures >= limits.table_figure_share * len(words)
        and not is_prose(line, limits)
    )


def is_long_prose(line: str, limits: FurnitureThresholds = DEFAULT) -> bool:
    return word_total(line) > limits.short_line_words and is_prose(line, limits)


def addresses_reader(line: str) -> bool:
    """Speaks to the reader outside quotation marks, as appeals and prompts do."""
    return bool(_READER.search(_QUOTED.sub(" ", line)))


def parse_date(line: str) -> str:
    """ISO date of a short header line such as `BRUSSELS, February 11, 2016`, with its time
    when the line gives one (`published.published_on_line`), or ''."""
    if word_total(line) > 10 or not (_MONTH.search(line) and _YEAR.search(line)):
        return ""
    return published_on_line(line)


def is_title_case(line: str, share: float = DEFAULT.title_case_share) -> bool:
    """A headline in Title Case ("Taiwan Proposes To Invest One Billion Dlrs In U.S."), which
    ends with a full stop only by accident of an abbreviation."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= share


def classify(
    lines: Sequence[Line],
    rules: FurnitureRules,
    dropped: frozenset[str],
    title: str = "",
    text: str = "",
    limits: FurnitureThresholds = DEFAULT,
) -> list[str]:
    """A reason for each line to go, or '' to keep it as body. `text` is what the lines were
    read from: where it sets blocks apart with blank lines, a list heading takes the short
    lines of its block."""
    reasons: list[str] = []
    seen: set[str] = set()
    listing = False
    previous_end: int | None = None
    blocks = "\n\n" in text
    title_key = title.casefold().strip()
    for line in lines:
        key = line.text.casefold()
        if key in dropped:
            reason = "repeated across the outlet"
        elif title_key and key == title_key:
            reason = "title"
        elif category := rules.category(line.text, limits):
            reason = category
        elif key in seen:
            reason = "repeated line"
        elif is_table_row(line.text, limits) and not parse_date(line.text):
            reason = ""  # a row of figures: kept as a table passage
        elif not is_prose(line.text, limits) or _title_line(line.text, limits):
            reason = "date" if parse_date(line.text) else "heading"
        else:
            reason = ""
        seen.add(key)
        # Text extracted from HTML has no blank lines, so no blocks to tell a list by.
        same_block = (
            blocks and previous_end is not None and text.count("\n", previous_end, line.start) <= 1
        )
        if listing and (
            reason == "heading"
            or (same_block and not reason and not is_long_prose(line.text, limits))
        ):
            # One headline of the list above ("Most read", then one a line), and in the same
            # block a short one that looks like a sentence or a row ("Honda shifts some
            # production to u.s.", "Canada GDP rises 3.1 pct in 1986"); a blank line would set
            # a paragraph or a results table apart.
            reason = LINKS
        previous_end = line.end
        # A list heading alone ("Most read", "Lesen Sie auch:") opens a list of one a line.
        # (a headline inside the list may hold a colon: "Das E-Werk: Standort Zwickau ...").
        listing = reason == LINKS and (listing or not _LISTED_AFTER_HEADING.search(line.text))
        reasons.append(reason)
    return drop_sandwiched(reasons, rules.reader_address)


def drop_sandwiched(reasons: list[str], categories: Iterable[str]) -> list[str]:
    """A prose line between two appeal (or two prompt) lines belongs to the same box."""
    wanted = set(categories)
    result = list(reasons)
    for index in range(1, len(reasons) - 1):
        before, after = reasons[index - 1], reasons[index + 1]
        if not reasons[index] and before == after and before in wanted:
            result[index] = before
    return result


def _title_line(line: str, limits: FurnitureThresholds) -> bool:
    """A short line in Title Case: a headline, even when it ends as a sentence."""
    return word_total(line) < limits.title_line_max_words and is_title_case(
        line, limits.title_case_share
    )


def infer_title(lines: Sequence[Line], reasons: Sequence[str]) -> tuple[str, int]:
    """The first heading of three or more words above the body, and its line index (-1 if
    none): below the body stand sign-offs, not headlines."""
    for index, (line, reason) in enumerate(zip(lines, reasons, strict=True)):
        if not reason:
            break
        if reason == "heading" and word_total(line.text) >= 3:
            return line.text, index
    return "", -1


def infer_published(lines: Sequence[Line], reasons: Sequence[str], title_index: int) -> str:
    """The first date line after the title (before it stand today's date on many pages)."""
    dated = [
        (i, parse_date(line.text))
        for i, (line, r) in enumerate(zip(lines, reasons, strict=True))
        if r == "date"
    ]
    after = [date for i, date in dated if i > title_index and date]
    before = [date for i, date in dated if date]
    return (after or before or [""])[0]


# Two lower-case letters before the capital: a name such as McDonald's is not two words.
_GLUED_CREDIT = re.compile(r"^(?:©|\(c\))\s*(?:\S+\s+){0,3}?[^\W\d_]*[a-z]{2}(?=[A-Z][a-z]+\b)")


def unglue_credit(line: Line, limits: FurnitureThresholds = DEFAULT) -> list[Line]:
    """A picture credit the page extractor joined to the paragraph after it (`© NordexHamburg
    (iwr-pressedienst) - Die vermehrte …`: the caption `© Nordex`, then the release's
    dateline), cut where its last word runs into a capital when what follows is long prose:
    the credit then goes as furniture and the paragraph stays. A copyright notice is not
    glued to prose, and stays whole."""
    glued = _GLUED_CREDIT.match(line.text)
    if line.pieces or glued is None or not is_long_prose(line.text[glued.end() :], limits):
        return [line]
    cut = glued.end()
    return [
        Line(line.start, line.start + cut, line.text[:cut]),
        Line(line.start + cut, line.end, line.text[cut:]),
    ]


def clean_article(
    article: Article,
    dropped_lines: frozenset[str] = frozenset(),
    rules: FurnitureRules | None = None,
    limits: FurnitureThresholds = DEFAULT,
    reading: ReadingThresholds = READING,
) -> CleanArticle:
    """The prose body of one article; `dropped_lines` are casefolded lines its outlet repeats."""
    rules = rules or load_furniture_rules()
    wrapped = hard_wrapped(article.text, reading)
    lines = [
        part
        for line in paragraph_lines(article.text, wrapped, reading)
        for part in unglue_credit(line, limits)
    ]
    reasons = classify(lines, rules, dropped_lines, article.title, article.text, limits)
    title, title_index = infer_title(lines, reasons)
    paragraphs: list[Paragraph] = []
    removed: list[Removal] = []
    body_parts: list[str] = []
    position = 0
    for line, reason in zip(lines, reasons, strict=True):
        if reason:
            removed.append(Removal(line.start, line.end, reason))
            continue
        if body_parts:
            position += len(BODY_SEPARATOR)
        pieces = tuple((position + offset, raw, length) for offset, raw, length in line.pieces)
        table = is_table_row(line.text, limits)
        paragraphs.append(Paragraph(position, position + len(line.text), line.start, pieces, table))
        body_parts.append(line.text)
        position += len(line.text)
    return CleanArticle(
        article=article,
        body=BODY_SEPARATOR.join(body_parts),
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        title=article.title or title,
        published=article.published or infer_published(lines, reasons, title_index),
        language=article.language or detect_language(BODY_SEPARATOR.join(body_parts), reading),
        wrapped=wrapped,
        scanned=wrapped and scanned(article.text),
    )


def line_keys(article: Article, reading: ReadingThresholds = READING) -> set[str]:
    """The distinct lines of an article as outlet repetition counts them."""
    return {line.text.casefold() for line in paragraph_lines(article.text, None, reading)}


def repeated_line_floor(outlet_articles: int, limits: FurnitureThresholds = DEFAULT) -> float:
    """How many of an outlet's articles must carry a line for it to be furniture."""
    return max(limits.repeat_min_articles, limits.repeat_min_share * outlet_articles)


def outlet_repeated_lines(
    articles: Sequence[Article],
    limits: FurnitureThresholds = DEFAULT,
    reading: ReadingThresholds = READING,
) -> dict[str, frozenset[str]]:
    """Lines an outlet prints in many of its articles: furniture no rule names.

    A line must recur in at least three articles and half of the outlet's articles
    (`repeated_line_floor`), so that a wire paragraph an outlet ran twice (a story and its
    update) is not mistaken for furniture.
    """
    keyed = ((a.outlet, line_keys(a, reading)) for a in articles if a.outlet)
    return repeated_lines(keyed, limits)


def repeated_lines(
    keyed: Iterable[tuple[str, set[str]]], limits: FurnitureThresholds = DEFAULT
) -> dict[str, frozenset[str]]:
    """`outlet_repeated_lines` from each article's outlet and `line_keys`, which an engine
    may compute on its workers."""
    counts: dict[str, Counter[str]] = {}
    articles: Counter[str] = Counter()
    for outlet, keys in keyed:
        counts.setdefault(outlet, Counter()).update(keys)
        articles[outlet] += 1
    floors = {outlet: repeated_line_floor(count, limits) for outlet, count in articles.items()}
    return {
        outlet: frozenset(key for key, count in found.items() if count >= floors[outlet])
        for outlet, found in counts.items()
    }


def clean_corpus(articles: Sequence[Article]) -> list[CleanArticle]:
    repeated = outlet_repeated_lines(articles)
    rules = load_furniture_rules()
    return [
        clean_article(article, repeated.get(article.outlet, frozenset()), rules)
        for article in articles
    ]
