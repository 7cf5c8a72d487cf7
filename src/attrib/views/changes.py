"""What each outlet changed: every difference between a reference article and an outlet's
version of it, named the way an editor would name it.

Public API:
    ChangeKind: the names below.
    Change: one difference, with the passages and the words on each side.
    ChangeFigures: an outlet article's added, dropped and changed shares and altered quotes.
    classify_changes(comparison): the Changes of one `Comparison`, in reading order.
    change_figures(comparison, changes): the `ChangeFigures` of those Changes.
    word_kind(row, a_start, a_end, b_start, b_end): the kind of one change of words in a row.
    quoted_spans(text): where the direct quotes of a passage stand.

The kinds, from the passage level down:

- `added`, `dropped`: a passage only one side has. Dropped passages after the last one the
  outlet kept are `trimmed`: agencies write in inverted pyramid and outlets cut from the
  bottom to fit, so a short version is not a decision about any one of those sentences.
- `altered_quote`: changed words inside quotation marks, in either version. Journalists care
  about these most, so the kind wins over every other.
- `rewording`: any other change of words.
- `house_style`: what an outlet does to every text it runs: honorifics ("Mr Carter"), its own
  names for things (IS/ISIL/Islamic State, US/U.S.), numbers as words or digits, articles
  around names, Arabic name particles ("al-Assad"), case and quote style.
- `localisation`: UK vs US spelling (favour/favor, defence/defense, organise/organize).

Words are compared the way alignment compares them (`attrib.text.tokens.tokenize`: case and quote
style folded), so a change of case or of straight vs curly quotes alone makes no opcode and no
Change. Spelling and house style are told from rewording by `attrib.views.house_style`.

Example:
    >>> from attrib.views.compare import Comparison, Row
    >>> from attrib.models import EditOp, Passage
    >>> ref = Passage("wire", 0, 0, 0, 18, "in favour of Assad")
    >>> out = Passage("site", 0, 0, 0, 17, "in favor of Assad")
    >>> row = Row("changed", ref, out, (EditOp("equal", 0, 2, 0, 2),
    ...     EditOp("replace", 3, 9, 3, 8), EditOp("equal", 10, 18, 9, 17)))
    >>> [c.kind for c in classify_changes(Comparison("wire", "site", (row,)))]
    ['localisation']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from attrib.models import EditOp
from attrib.text.quotes import quote_spans
from attrib.text.tokens import tokenize, word_count
from attrib.views.compare import Comparison, Row
from attrib.views.house_style import WordKind, load_house_style

ChangeKind = Literal[
    "added", "dropped", "trimmed", "localisation", "house_style", "rewording", "altered_quote"
]
# A change mixing kinds is named by the strongest kind in it: what a reader must know first.
STRENGTH: dict[WordKind, int] = {
    "localisation": 0,
    "house_style": 1,
    "rewording": 2,
    "altered_quote": 3,
}


@dataclass(frozen=True)
class Change:
    """One difference between the reference (left) and the outlet's article (right).

    `left_passage`/`right_passage` are passage ids, "" on the side that has no passage (added,
    dropped, trimmed). `before`/`after` are the words as each side writes them, "" where a side
    has none. `words` counts the outlet's words, or the reference's when the outlet has none
    (dropped, trimmed, words deleted inside a passage).
    """

    article_id: str
    reference_id: str
    kind: ChangeKind
    left_passage: str
    right_passage: str
    before: str
    after: str
    words: int


@dataclass(frozen=True)
class ChangeFigures:
    """How much of an outlet's article differs from the reference, as shares of words.

    Attributes:
        added_share: the outlet's words in added passages or inserted into kept ones, over all
            the outlet's words.
        dropped_share: the reference's words in dropped or trimmed passages or deleted from
            kept ones, over all the reference's words.
        changed_share: the outlet's words replaced or inserted inside kept passages, over all
            the outlet's words.
        altered_quotes: how many changes are `altered_quote`.
    """

    added_share: float
    dropped_share: float
    changed_share: float
    altered_quotes: int


# ---------------------------------------------------------------------------------------------
# Quotes


@lru_cache(maxsize=65536)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of `text` that are direct quotes, quotation marks included.

    Handles straight and curly double quotes, „German“ quotes, «guillemets» and ‘single
    quotes’. A name in scare quotes (DW's `"Islamic State"`) is a naming convention, not
    someone's words: spans holding only a name from the house-style list are left out.
    """
    style = load_house_style()
    spans = []
    for start, end in quote_spans(text):
        inner = style.canonical(text[start:end])
        if len(inner) == 1 and inner[0].startswith("<"):
            continue
        spans.append((start, end))
    return tuple(spans)


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Whether characters [start, end) overlap a quote; an empty range holds no words."""
    return start < end and any(s < end and start < e for s, e in quoted_spans(text))


# ---------------------------------------------------------------------------------------------
# Classification


def _widen(text: str, start: int, end: int) -> str:
    """`text[start:end]` with the non-word characters around it up to the nearest words, so
    signs and particles that are not words ("%", "al-", the dots of "U.S.") are seen too."""
    spans = tokenize(text).spans
    low = max((e for _, e in spans if e <= start), default=0)
    high = min((s for s, _ in spans if s >= end), default=len(text))
    return text[low:high]


def word_kind(row: Row, a_start: int, a_end: int, b_start: int, b_end: int) -> WordKind:
    """The kind of a change of the row's left characters [a_start, a_end) into the right's
    [b_start, b_end): an altered quote if either side's words are quoted, else by the lists."""
    assert row.left is not None and row.right is not None
    left, right = row.left.text, row.right.text
    if _in_quotes(left, a_start, a_end) or _in_quotes(right, b_start, b_end):
        return "altered_quote"
    return load_house_style().kind_of(_widen(left, a_start, a_end), _widen(right, b_start, b_end))


def _words_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in tokenize(text).spans if start <= s and e <= end]


def _pair_runs(row: Row, op: EditOp) -> list[tuple[WordKind, int, int, int, int]]:
    """A replace of n words by n words, split into runs of word pairs of one kind, so that
    "defence ministers" -> "defense chiefs" is a localisation and a rewording. Pairs whose
    words are the same break runs and are not changes. Empty when the op is not 1:1."""
    assert row.left is not None and row.right is not None
    olds = _words_in(row.left.text, op.a_start, op.a_end)
    news = _words_in(row.right.text, op.b_start, op.b_end)
    if len(olds) != len(news) or len(olds) < 2:
        return []
    runs: list[tuple[WordKind, int, int, int, int]] = []
    joinable = False
    for (a1, a2), (b1, b2) in zip(olds, news, strict=True):
        if tokenize(row.left.text[a1:a2]).words == tokenize(row.right.text[b1:b2]).words:
            joinable = False
            continue
        kind = word_kind(row, a1, a2, b1, b2)
        if joinable and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1], a2, runs[-1][3], b2)
        else:
            runs.append((kind, a1, a2, b1, b2))
        joinable = True
    return runs


def _change(
    comparison: Comparison,
    row: Row,
    kind: ChangeKind,
    span: tuple[int, int, int, int] = (0, 0, 0, 0),
) -> Change:
    """A Change for a row: the whole passages when `kind` is added/dropped/trimmed, else
    the characters `span` = (a_start, a_end, b_start, b_end) of its two passages."""
    left, right = row.left, row.right
    if kind in ("added", "dropped", "trimmed"):
        before = left.text if left else ""
        after = right.text if right else ""
    else:
        assert left is not None and right is not None
        before, after = left.text[span[0] : span[1]], right.text[span[2] : span[3]]
    return Change(
        article_id=comparison.right_id,
        reference_id=comparison.left_id,
        kind=kind,
        left_passage=left.passage_id if left else "",
        right_passage=right.passage_id if right else "",
        before=before,
        after=after,
        words=word_count(after) or word_count(before),
    )


def _quote_runs(row: Row, op: EditOp) -> list[tuple[int, int, int, int]]:
    """An insert or delete cut where its words go in or out of quotation marks, so a deleted
    attribution and the quoted word after it are a rewording and an altered quote."""
    assert row.left is not None and row.right is not None
    inserted = op.tag == "insert"
    text = row.right.text if inserted else row.left.text
    start, end = (op.b_start, op.b_end) if inserted else (op.a_start, op.a_end)
    runs: list[tuple[bool, int, int]] = []
    for s, e in _words_in(text, start, end):
        quoted = _in_quotes(text, s, e)
        if runs and runs[-1][0] == quoted:
            runs[-1] = (quoted, runs[-1][1], e)
        else:
            runs.append((quoted, s, e))
    if inserted:
        return [(op.a_start, op.a_end, s, e) for _, s, e in runs]
    return [(s, e, op.b_start, op.b_end) for _, s, e in runs]


def _op_changes(comparison: Comparison, row: Row, op: EditOp) -> list[Change]:
    """The Changes of one non-equal opcode of a changed row: one, or one per run of words of
    one kind when an insert or delete crosses a quotation mark, or when a 1:1 replace mixes
    kinds (and so is not wholly one of the weaker kinds)."""
    span = (op.a_start, op.a_end, op.b_start, op.b_end)
    if op.tag in ("insert", "delete"):
        spans = _quote_runs(row, op) or [span]
        return [_change(comparison, row, word_kind(row, *part), part) for part in spans]
    kind = word_kind(row, *span)
    if op.tag == "replace" and kind in ("rewording", "altered_quote"):
        runs = _pair_runs(row, op)
        if len({run[0] for run in runs}) > 1:
            return [_change(comparison, row, run[0], run[1:]) for run in runs]
    return [_change(comparison, row, kind, span)]


def _last_kept(rows: Sequence[Row]) -> int | None:
    """Index in the reference of the last passage the outlet kept, or None if it kept none."""
    kept = [row.left.index for row in rows if row.left and row.status in ("same", "changed")]
    return max(kept, default=None)


def _kept_in_other_rows(rows: Sequence[Row]) -> dict[int, list[tuple[int, int]]]:
    """For each row (by index) whose reference passage other rows show too, the reference
    characters those rows keep (their equal opcodes). An outlet that split one reference
    passage over two of its own shows it in two rows, each deleting what the other keeps:
    those words were moved, not dropped, and a quote among them was not altered."""
    shown: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.left is not None and row.right is not None:
            shown.setdefault(row.left.passage_id, []).append(index)
    return {
        index: [
            (op.a_start, op.a_end)
            for other in indexes
            if other != index
            for op in rows[other].ops
            if op.tag == "equal"
        ]
        for indexes in shown.values()
        if len(indexes) > 1
        for index in indexes
    }


def _not_kept(row: Row, op: EditOp, kept: Sequence[tuple[int, int]]) -> list[EditOp]:
    """An opcode without the reference words another row of the passage keeps: a deletion
    becomes one per run of words left, a replacement replaces only the words from the first
    to the last left (or, with none left, inserts its own)."""
    assert row.left is not None
    words = _words_in(row.left.text, op.a_start, op.a_end)
    left = [not any(a <= start and end <= b for a, b in kept) for start, end in words]
    if op.tag == "replace":
        mine = [span for span, is_left in zip(words, left, strict=True) if is_left]
        if not mine:
            return [EditOp("insert", op.a_start, op.a_start, op.b_start, op.b_end)]
        return [replace(op, a_start=mine[0][0], a_end=mine[-1][1])]
    runs: list[EditOp] = []
    joined = False
    for (start, end), is_left in zip(words, left, strict=True):
        if not is_left:
            joined = False
        elif joined:
            runs[-1] = replace(runs[-1], a_end=end)
        else:
            runs.append(EditOp("delete", start, end, op.b_start, op.b_end))
            joined = True
    return runs


def classify_changes(comparison: Comparison) -> tuple[Change, ...]:
    """Every change from the reference to the outlet's article, in the rows' reading order.

    One Change per added passage and per dropped one (`trimmed` when it comes after the last
    passage the outlet kept), and one per non-equal opcode of a changed passage, named by
    `word_kind`; a 1:1 replace that mixes kinds is split into runs of word pairs of one kind.
    Words of a reference passage that another row of the comparison keeps moved there: they
    are not changes of this row (`_kept_in_other_rows`).
    Time: linear in the words of the rows (each opcode looks at its own words), times the
    equal runs of the other rows for a passage the outlet split.
    """
    last_kept = _last_kept(comparison.rows)
    elsewhere = _kept_in_other_rows(comparison.rows)
    changes: list[Change] = []
    for index, row in enumerate(comparison.rows):
        if row.status == "added":
            changes.append(_change(comparison, row, "added"))
        elif row.status == "dropped":
            assert row.left is not None
            trimmed = last_kept is not None and row.left.index > last_kept
            changes.append(_change(comparison, row, "trimmed" if trimmed else "dropped"))
        elif row.status == "changed":
            for op in row.ops:
                if op.tag == "equal":
                    continue
                moved = op.tag in ("delete", "replace") and index in elsewhere
                for part in _not_kept(row, op, elsewhere[index]) if moved else [op]:
                    changes.extend(_op_changes(comparison, row, part))
    return tuple(changes)


# ---------------------------------------------------------------------------------------------
# Summary


def _inside_row(change: Change) -> bool:
    """A change of words inside a kept passage (both sides have a passage)."""
    return bool(change.left_passage and change.right_passage)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def change_figures(comparison: Comparison, changes: Sequence[Change]) -> ChangeFigures:
    """Shares of words added, dropped and changed, and the number of altered quotes.

    Totals come from the comparison (all the outlet's and the reference's words), the parts
    from `changes`, so a caller may count a filtered list. Inserted words count both as
    added and as changed: they are the outlet's own words inside a passage it kept.
    """
    outlet = sum(word_count(row.right.text) for row in comparison.rows if row.right)
    # A reference passage an outlet split over two of its own is shown in two rows: once here.
    shown = {row.left.passage_id: row.left for row in comparison.rows if row.left}
    reference = sum(word_count(passage.text) for passage in shown.values())
    inside = [c for c in changes if _inside_row(c)]
    added = sum(c.words for c in changes if c.kind == "added")
    added += sum(c.words for c in inside if not c.before)
    dropped = sum(c.words for c in changes if c.kind in ("dropped", "trimmed"))
    dropped += sum(c.words for c in inside if not c.after)
    changed = sum(c.words for c in inside if c.after)
    return ChangeFigures(
        added_share=_share(added, outlet),
        dropped_share=_share(dropped, reference),
        changed_share=_share(changed, outlet),
        altered_quotes=sum(c.kind == "altered_quote" for c in changes),
    )
