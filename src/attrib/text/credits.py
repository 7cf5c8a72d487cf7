"""Credits: where an article says its words, or its pictures, came from.

Public API: `detect_credits(article, wires)`, sorted by (start, end, wire);
`credited_wires(credits)`. The wire list they read is `attrib.text.wires`.

Credits are searched line by line in the raw text, because cleaning drops the lines that carry
most of them (sign-offs, captions, the "(AFP)" under a headline). Body paragraphs only tell a
line where it stands, which decides what it means: "(AFP)" under a headline credits a picture,
below the text it signs the copy off, closing a paragraph it marks that paragraph. Hard-wrapped
text (OCR of newspaper columns, 1980s wire copy) breaks lines inside sentences and has no
caption area to tell apart: every line above the last paragraph is read as running text. The
rules (kind, positions, regex templates) live in the data file; only lines naming an agency
are matched against them: O(text + naming lines x patterns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from attrib.models import CleanArticle, Credit, CreditKind
from attrib.text.wires import ACRONYM, NOT_A_CREDIT, SCOPES, Position, WireList

# Prose credits may start on the line before, across a hard wrap.
PROSE_KINDS = frozenset({"source", "quote"})


@dataclass(frozen=True)
class _Line:
    """A line of the raw text that names an agency: stripped, its offset, where it stands (one
    position; in hard-wrapped text "body" and, below the last paragraph, "after" too), and in
    hard-wrapped text the line before it with the break (`context`), which a prose credit may
    start on: "à l'agence\nHavas dit"."""

    start: int
    text: str
    positions: frozenset[Position]
    paragraph: int | None
    context: str = ""


def detect_credits(article: CleanArticle, wires: WireList) -> tuple[Credit, ...]:
    """Every credit in the article's raw text, sorted by (start, end, wire).

    A statement naming one agency gives one credit spanning the statement ("BRUSSELS
    (Reuters) -"); one naming a list gives a credit per wire spanning its name, so sorting
    keeps the list's order. Always `credit.text == article.article.text[start:end]`.
    """
    found = [credit for line in _lines(article, wires) for credit in _line_credits(line, wires)]
    return tuple(sorted(found, key=lambda credit: (credit.start, credit.end, credit.wire)))


def credited_wires(credits: Iterable[Credit]) -> tuple[str, ...]:
    """Wires credited for the text (never for a picture), deduplicated, first seen first."""
    return tuple(dict.fromkeys(credit.wire for credit in credits if credit.is_text_credit))


def _lines(article: CleanArticle, wires: WireList) -> Iterator[_Line]:
    """The lines that name an agency, as every credit does; other lines are never matched."""
    raw = article.article.text
    spans = [(p.raw_start, p.raw_end) for p in article.paragraphs]
    # A name split by a line break ("Agence\nHavas") names both lines.
    found = [raw.rfind("\n", 0, i) + 1 for m in _naming(raw, wires) for i in (m.start(), m.end())]
    title = " ".join(article.title.split())  # the line cleaning took for the headline
    for line_start in sorted(set(found)):
        line_end = raw.find("\n", line_start)
        line = raw[line_start : line_end if line_end >= 0 else len(raw)]
        start, text = line_start + len(line) - len(line.lstrip()), line.strip()
        position, paragraph = _place(start, start + len(text), spans)
        last = not raw[start + len(text) :].strip()
        positions = _positions(position, article.wrapped, last)
        if title and position != "body" and " ".join(text.split()) == title:
            positions, title = positions | {"title"}, ""
        context = _context(raw, line_start, start) if article.wrapped else ""
        yield _Line(start, text, positions, paragraph, context)


def _positions(position: Position, wrapped: bool, last: bool) -> frozenset[Position]:
    """The positions rules see a line at. Hard-wrapped text has no caption area to tell apart:
    every line is running text ("body"), and below the last paragraph, or last of all, it may
    also sign the copy off ("after")."""
    if not wrapped:
        return frozenset({position})
    return frozenset({"body", "after"} if position == "after" or last else {"body"})


def _context(raw: str, line_start: int, start: int) -> str:
    """The line before the one at `line_start`, from its first character to `start`, with
    the line break; empty when that line is blank or there is none."""
    if line_start == 0:
        return ""
    before = raw[raw.rfind("\n", 0, line_start - 1) + 1 : start]
    return before.lstrip() if before.strip() else ""


def _naming(raw: str, wires: WireList) -> Iterator[re.Match[str]]:
    """Where the text names an agency: an alias, a picture agency, or a tag ("ats", "Havas",
    "D. N. B.")."""
    yield from wires.agency_pattern.finditer(raw)
    yield from wires.tag_pattern.finditer(raw)


def _place(start: int, end: int, spans: list[tuple[int, int]]) -> tuple[Position, int | None]:
    """Where a line stands. Overlap, not equality, ties it to a paragraph, so a cleaner that
    strips a little more or less than `str.strip` still lands on the right one."""
    for index, (p_start, p_end) in enumerate(spans):
        if start < p_end and p_start < end:
            return "body", index
    if spans and end <= min(p_start for p_start, _ in spans):
        return "before", None
    if spans and start >= max(p_end for _, p_end in spans):
        return "after", None
    return "between", None  # also every line of an article with no body: never a sign-off


def _line_credits(line: _Line, wires: WireList) -> Iterator[Credit]:
    claimed: list[tuple[int, int]] = []
    for rule in wires.rules:
        if not line.positions & rule.where:
            continue
        # A prose credit may start on the line before, across a hard wrap; it must reach into
        # this line, or it was the line before's to find.
        text = line.context + line.text if rule.kind in PROSE_KINDS else line.text
        base, own = line.start - (len(text) - len(line.text)), len(text) - len(line.text)
        # Within a rule the longest match wins: "berichtet die Nachrichtenagentur Reuters"
        # says more than "Nachrichtenagentur Reuters" and credits the same wire the same way.
        matches = [
            match
            for pattern in rule.patterns
            for match in pattern.finditer(text)
            if match.end() > own
        ]
        for match in sorted(matches, key=lambda m: (m.start() - m.end(), m.start())):
            start, end = base + match.start(), base + match.end()
            if start == end or any(start < e and s < end for s, e in claimed):
                continue
            if rule.kind == NOT_A_CREDIT:
                claimed.append((start, end))
                continue
            credits = _credits(match, rule.kind, line.paragraph, base, wires)
            if credits:
                claimed.append((start, end))
                yield from credits


def _defines_acronym(text: str, match: re.Match[str]) -> bool:
    """Whether a match is only a bracketed acronym right after the words it abbreviates: "the
    Palestinian Authority (PA)" defines PA and credits nothing."""
    acronym = match.group().strip("()[]{}., ")
    if not ACRONYM.fullmatch(acronym):
        return False
    words = re.findall(r"[^\W\d_]+", text[: match.start()])[-len(acronym) :]
    return "".join(word[0] for word in words) == acronym


def _credits(
    match: re.Match[str], kind: CreditKind, paragraph: int | None, base: int, wires: WireList
) -> list[Credit]:
    """The credits one match makes; `base` is the offset in the raw text of the matched text."""
    text = match.string
    if kind != "photo" and _defines_acronym(text, match):
        return []
    group = "names" if "names" in match.re.groupindex and match.start("names") >= 0 else 0
    names_start, names_end = match.span(group)
    segment = text[names_start:names_end]
    named: dict[str, tuple[int, int]] = {}
    # A picture credit is read for wire aliases only; a text credit for tags too: "(ats)".
    names = wires.wire_pattern if kind == "photo" else wires.tag_pattern
    for found in names.finditer(segment):
        span = (names_start + found.start(), names_start + found.end())
        named.setdefault(wires.canonical(found.group()), span)
    if kind == "photo":
        # A picture credit names one source: the wire in it if any ("Getty Images/AFP" is an
        # AFP picture), else the picture agency as written, else nothing ("Image: J. Smith").
        agency = wires.agency_pattern.search(segment)
        wire = next(iter(named), " ".join(agency.group().split()) if agency else None)
        named = {wire: match.span()} if wire else {}
    elif len(named) == 1:
        named = {wire: match.span() for wire in named}
    scope = SCOPES[kind]
    covered = paragraph if scope in ("paragraph", "quote") else None
    return [
        Credit(wire, kind, scope, base + s, base + e, text[s:e], covered)
        for wire, (s, e) in named.items()
    ]
