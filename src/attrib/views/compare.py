"""Line up one article against a reference article, passage by passage, for the renderers.

The PDF report, the terminal diff and the changes summaries all show the same thing: the
reference (wire copy, or the story's best-connected article) on the left, an outlet's text on
the right, each row a passage that is the same, changed, added by the outlet or dropped by it.
Computing the rows once here keeps the three views in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from attrib.models import CorpusResult, EditOp, Match, OpTag, Passage, Story
from attrib.text.tokens import word_count

RowStatus = Literal["same", "changed", "added", "dropped"]
# How each status reads in a summary line: whole passages, unlike the word-level shares of
# `articles.csv` (an edited passage counts all its words here, only its edited ones there).
STATUS_WORDS: dict[RowStatus, str] = {
    "same": "in passages kept word for word",
    "changed": "in edited passages",
    "added": "in passages not in the reference",
    "dropped": "in passages it dropped",
}


def words_by_status(comparison: Comparison) -> str:
    """'words in passages kept word for word 77 · in edited passages 75 · …'."""
    return "words " + " · ".join(
        f"{label} {comparison.words(status)}" for status, label in STATUS_WORDS.items()
    )


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side view. `ops` go from `left.text` to `right.text`."""

    status: RowStatus
    left: Passage | None
    right: Passage | None
    ops: tuple[EditOp, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class Comparison:
    """An article (`right_id`) set against a reference article (`left_id`)."""

    left_id: str
    right_id: str
    rows: tuple[Row, ...]

    def words(self, status: RowStatus) -> int:
        """Words of the outlet's text (or, for `dropped`, of the reference) in rows of `status`."""
        side = "left" if status == "dropped" else "right"
        return sum(word_count(getattr(row, side).text) for row in self.rows if row.status == status)


def flip(ops: tuple[EditOp, ...]) -> tuple[EditOp, ...]:
    """The same opcodes read from b to a: inserts become deletes and offsets swap sides."""
    swapped: dict[OpTag, OpTag] = {"insert": "delete", "delete": "insert"}
    return tuple(
        EditOp(swapped.get(op.tag, op.tag), op.b_start, op.b_end, op.a_start, op.a_end)
        for op in ops
    )


def oriented_ops(match: Match, left_id: str) -> tuple[EditOp, ...]:
    """The match's opcodes going from passage `left_id` to the other passage."""
    return match.ops if match.a == left_id else flip(match.ops)


def is_verbatim(ops: tuple[EditOp, ...]) -> bool:
    return all(op.tag == "equal" for op in ops)


def _best_matches(
    result: CorpusResult, left_id: str, right_id: str
) -> dict[str, tuple[Match, str]]:
    """For each passage of the right article, its best-scoring match in the left article
    (ties: more matched words, then the earlier passage)."""
    by_id = result.passages_by_id
    best: dict[str, tuple[Match, str]] = {}
    for passage in result.passages_of(right_id):
        mine = passage.passage_id
        options = [
            (match, theirs)
            for match in result.matches_of.get(mine, ())
            if by_id[theirs := match.other(mine)].article_id == left_id
        ]
        if options:
            best[mine] = max(
                options, key=lambda o: (o[0].score, o[0].matched_words, -by_id[o[1]].index)
            )
    return best


def compare(result: CorpusResult, left_id: str, right_id: str) -> Comparison:
    """Rows of `right_id` in its own order, with the left article's dropped passages slotted
    in after the row that shows their predecessor, so both texts read top to bottom."""
    by_id = result.passages_by_id
    best = _best_matches(result, left_id, right_id)
    rows: list[Row] = []
    shown_left: set[str] = set()
    for passage in result.passages_of(right_id):
        found = best.get(passage.passage_id)
        if found is None:
            rows.append(Row("added", None, passage))
            continue
        match, left_pid = found
        ops = oriented_ops(match, left_pid)
        status: RowStatus = "same" if is_verbatim(ops) else "changed"
        rows.append(Row(status, by_id[left_pid], passage, ops, match.score))
        shown_left.add(left_pid)
    for dropped in result.passages_of(left_id):
        if dropped.passage_id in shown_left:
            continue
        at = 0
        for position, row in enumerate(rows):
            if row.left is not None and row.left.index < dropped.index:
                at = position + 1
        rows.insert(at, Row("dropped", dropped, None))
    return Comparison(left_id, right_id, tuple(rows))


def reference_article(result: CorpusResult, story: Story) -> str:
    """The article a story's others are shown against.

    Reference wire copy wins; otherwise the article sharing the most matched words with the
    rest of the story, then the one carrying the most text credits (in a two-article story
    both share the same words, and the credited copy is the better stand-in for the wire),
    then the smallest id, so reports are deterministic.
    """
    wire_copies = [a for a in story.article_ids if result.article(a).is_wire_copy]
    if wire_copies:
        return min(wire_copies)
    shared = {
        a: sum(
            m.matched_words
            for p in result.passages_of(a)
            for m in result.matches_of.get(p.passage_id, ())
        )
        for a in story.article_ids
    }
    credited = {
        a: sum(c.is_text_credit for c in result.credits.get(a, ())) for a in story.article_ids
    }
    return min(story.article_ids, key=lambda a: (-shared[a], -credited[a], a))
