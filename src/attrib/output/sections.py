"""An article's section of the story report: its passages set side by side against the
reference's, highlighted, with runs kept word for word folded away.

Public API:
    `section(view, changed, label)`: one comparison as a print-ready `Section`.
    `Segment`, `Cell`, `Note`, `RowView`, `Fold`, `Section`: what `story.html.j2` prints of it.
    `Figures`, `figures_of(changed)`: an article's change figures as printed, shared with its
        line on the first page (`report_context`), so the two cannot disagree.
    `segments(text, spans)`, `row_view(result, row)`, `fold_rows(rows)`: the steps, for tests.

The rows come from `ArticleChanges.comparison`, the one comparison the tables are written from;
nothing here compares anything. Highlights are cut into `Segment`s here so the template only
formats, and control characters are stripped after cutting, so opcode offsets still point at
the right words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from attrib.models import Attribution, CorpusResult, EditOp
from attrib.output.figures import percent
from attrib.output.names import display_title
from attrib.output.overview import MARKS, rows_of
from attrib.output.safety import strip_control
from attrib.views.compare import Row, RowStatus
from attrib.views.shares import ArticleChanges

Mark = Literal["", "del", "ins", "rep"]
Side = Literal["left", "right"]

# Which opcodes highlight which side: difflib's `delete` has text only on the left (a) side,
# `insert` only on the right (b) side, `replace` on both; `equal` is never highlighted.
_MARKS: dict[Side, dict[str, Mark]] = {
    "left": {"delete": "del", "replace": "rep"},
    "right": {"insert": "ins", "replace": "rep"},
}

# A row's status in the glyph the matrix gives a passage (`overview.MARKS`).
_STATUS_SYMBOL: dict[RowStatus, str] = {
    "same": MARKS["kept"],
    "changed": MARKS["edited"],
    "added": MARKS["added"],
    "dropped": MARKS["dropped"],
}


@dataclass(frozen=True)
class Segment:
    """A run of a passage's text and its highlight: `""` unchanged, `del` only in the
    reference, `ins` only in the outlet, `rep` replaced (reference words struck on the left,
    outlet words underlined on the right)."""

    text: str
    mark: Mark = ""


@dataclass(frozen=True)
class Cell:
    """One side of a row: a passage cut into highlighted segments."""

    passage_id: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Note:
    """The attribution printed under an outlet's passage. `attributed` is False when the run
    has no attribution for the passage; the template then says "unattributed"."""

    attributed: bool
    origin: str = ""
    confidence: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class RowView:
    """One table row of an article section, built from a `compare.Row`.

    `left` is None for rows the outlet added, `right` None for rows it dropped; `note` is the
    right passage's attribution (None when there is no right passage). `identical`: both
    sides' text is the same character for character, so the row may print it once; a row
    "same" in its words may still differ in case, accents or punctuation, which both
    columns then show.
    """

    status: RowStatus
    symbol: str
    left: Cell | None
    right: Cell | None
    note: Note | None
    identical: bool = False


@dataclass(frozen=True)
class Fold:
    """A run of rows the outlet kept word for word, shown as one line: a comparison is read
    for what changed, and thirty identical pages hide it. `status` is always "folded"."""

    status: str
    symbol: str
    text: str


@dataclass(frozen=True)
class Section:
    """An article of the story set against the reference: who and what, word counts, rows.

    `outlet` also feeds the running page header, so it is kept apart from `title`.
    """

    article_id: str
    outlet: str
    title: str
    tally: str
    rows: tuple[RowView | Fold, ...]


@dataclass(frozen=True)
class Figures:
    """An article's change figures as printed, made once for its line and its section."""

    added: str = "—"
    dropped: str = "—"
    changed: str = "—"
    altered_quotes: str = "—"


# --- highlights --------------------------------------------------------------------------


def marked_spans(ops: Iterable[EditOp], side: Side) -> Iterator[tuple[int, int, Mark]]:
    """Character spans of one side's text to highlight, with their mark, from the opcodes."""
    marks = _MARKS[side]
    for op in ops:
        mark = marks.get(op.tag, "")
        start, end = (op.a_start, op.a_end) if side == "left" else (op.b_start, op.b_end)
        if mark and end > start:
            yield start, end, mark


def segments(text: str, spans: Iterable[tuple[int, int, Mark]]) -> tuple[Segment, ...]:
    """Cut `text` into runs, highlighting `spans` and leaving the rest plain.

    Text between spans is plain whether or not an `equal` opcode covers it: a word-level
    aligner may leave the whitespace between words outside every opcode, and no text may be
    lost for that. Spans are clamped to the text and overlaps are cut at the first span, so
    offsets from a buggy aligner can never raise or repeat words. Control and bidi characters
    are removed after cutting, so offsets still point at the right words.
    """
    cut: list[Segment] = []
    position = 0
    for start, end, mark in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            cut.append(Segment(strip_control(text[position:start])))
        cut.append(Segment(strip_control(text[start:end]), mark))
        position = end
    if position < len(text):
        cut.append(Segment(strip_control(text[position:])))
    return merge_segments(run for run in cut if run.text)


def merge_segments(runs: Iterable[Segment]) -> tuple[Segment, ...]:
    """Join neighbouring runs with the same mark, so a highlight is one element, not many."""
    merged: list[Segment] = []
    for run in runs:
        if merged and merged[-1].mark == run.mark:
            merged[-1] = Segment(merged[-1].text + run.text, run.mark)
        else:
            merged.append(run)
    return tuple(merged)


# --- rows and sections -------------------------------------------------------------------


def note_for(attribution: Attribution | None) -> Note:
    if attribution is None:
        return Note(attributed=False)
    return Note(
        attributed=True,
        origin=attribution.origin,
        confidence=percent(attribution.confidence),
        evidence=attribution.evidence,
    )


def row_view(result: CorpusResult, row: Row) -> RowView:
    """A compared row ready for print: both sides highlighted, the outlet side's attribution."""
    left = right = None
    note = None
    if row.left is not None:
        spans = marked_spans(row.ops, "left")
        left = Cell(row.left.passage_id, segments(row.left.text, spans))
    if row.right is not None:
        spans = marked_spans(row.ops, "right")
        right = Cell(row.right.passage_id, segments(row.right.text, spans))
        note = note_for(result.attributions.get(row.right.passage_id))
    identical = row.left is not None and row.right is not None and row.left.text == row.right.text
    return RowView(row.status, _STATUS_SYMBOL[row.status], left, right, note, identical)


CONTEXT_ROWS = 1  # identical rows kept beside each change, so it reads in its place


def fold_rows(rows: Sequence[RowView]) -> tuple[RowView | Fold, ...]:
    """Runs of rows kept word for word as one line each, but for `CONTEXT_ROWS` either side of
    every changed, added or dropped row. A run of one stays a row: folding it saves nothing."""
    shown = {
        near
        for at, row in enumerate(rows)
        if row.status != "same"
        for near in range(at - CONTEXT_ROWS, at + CONTEXT_ROWS + 1)
    }
    folded: list[RowView | Fold] = []
    run: list[RowView] = []
    for at, row in enumerate([*rows, None]):
        if row is not None and at not in shown:
            run.append(row)
            continue
        folded.extend(run if len(run) < 2 else [fold(len(run), len(run) == len(rows))])
        run = []
        if row is not None:
            folded.append(row)
    return tuple(folded)


def fold(count: int, everything: bool) -> Fold:
    whole = "All " if everything else ""
    return Fold(
        "folded", _STATUS_SYMBOL["same"], f"{whole}{count} passages word for word as the reference"
    )


def figures_of(changed: ArticleChanges | None) -> Figures:
    if changed is None:
        return Figures()
    found = changed.figures
    return Figures(
        percent(found.added_share),
        percent(found.dropped_share),
        percent(found.changed_share),
        str(found.altered_quotes),
    )


def tally(changed: ArticleChanges, figures: Figures) -> str:
    """The section's figures: row counts, then the first page's shares, in the first page's
    words, so the two cannot seem to disagree (a share dropped counts words cut from kept
    passages too, which no dropped row shows)."""
    rows = Counter(row.status for row in rows_of(changed.comparison))
    return (
        f"Its passages: {rows['same']} word for word · {rows['changed']} edited · "
        f"{rows['added']} not in the reference. Reference passages dropped whole: "
        f"{rows['dropped']}. Words: "
        f"not in the reference {figures.added} · dropped {figures.dropped} of the reference's "
        f"(whole passages and words cut from kept ones) · changed {figures.changed} · altered "
        f"quotes {figures.altered_quotes}."
    )


def section(view: CorpusResult, changed: ArticleChanges, label: str) -> Section:
    """One comparison, from the rows the first page's figures were counted from."""
    article_id = changed.comparison.right_id if changed.comparison else ""
    article = view.article(article_id)
    rows = rows_of(changed.comparison)
    return Section(
        article_id=strip_control(article_id),
        outlet=label,
        title=display_title(article.title),
        tally=tally(changed, figures_of(changed)),
        rows=fold_rows([row_view(view, row) for row in rows]),
    )
