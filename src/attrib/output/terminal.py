"""Terminal rendering: the side-by-side diff of `attrib diff` and the per-article summary.

Public API:
    strip_control(text) -> str: from `attrib.output.safety`, re-exported for the CLI.
    highlight(text, ops, side, cues=...) -> Text: one passage with its edits marked.
    render_diff(comparison, result, console, side_by_side=None): print a `Comparison`.
    summary_sheet(summaries) -> Sheet: the rows of the Articles table (`attrib.output.fit`
        prints a sheet to fit the terminal, whole when piped, or as TSV).
    summary_table(summaries) -> Table: the Articles table at full width.
    render_summary(summaries, console): print the Articles table, fitted, first rows only.
    render_article(result, article_id, console): print an article marked by origin.
    outlet_sheet(outlets) -> Sheet: the per-outlet figures of `outlets.csv`.
    outlet_table(outlets) -> Table: the Outlets table at full width.
    print_paged(draw, console, pager): output taller than the terminal through a pager.

Article text is data from strangers. Two rules keep it from acting on the terminal:
every string from an article passes `strip_control` (no escape sequences, no bidi
overrides), and it reaches rich only inside `Text` objects, never interpolated into a markup
string, so "[bold]x[/bold]" in an article prints literally (the job `rich.markup.escape`
would do, without the risk of forgetting a call).

Edits are shown two ways. On a colour terminal, styles: deleted words red and struck through
on the left, inserted words green and underlined on the right, replaced words yellow (struck
on the left, underlined on the right). Without colour (`NO_COLOR`, output piped to a file,
no colour system) the same spans are wrapped in git's word-diff cues, `[-deleted-]` and
`{+inserted+}`, so a file or a grep keeps every edit. Added and dropped passages are one
insertion or deletion covering the whole passage, so they carry the same cues. Plain tables
are drawn in ASCII so the file reads the same in any encoding or font.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.console import Console, Group, RenderableType
from rich.pager import SystemPager
from rich.table import Table
from rich.text import Text

from attrib.models import OWN, UNKNOWN, Attribution, CorpusResult, EditOp, Passage, is_joint
from attrib.output.figures import origin_colours, percent, shares_label
from attrib.output.fit import ColumnSpec, Sheet, print_table, sheet_table
from attrib.output.safety import strip_control
from attrib.views.compare import Comparison, Row, words_by_status

if TYPE_CHECKING:
    # Annotation only: the summary module pulls in credit parsing, which a diff never needs.
    from attrib.views.shares import ArticleShares, OutletShares

Side = Literal["left", "right"]

#: Below this console width the two columns get too narrow to read: show one row under another.
SIDE_BY_SIDE_MIN_WIDTH = 100

#: Stands in the empty cell of an added or dropped row.
EMPTY_CELL = "\u2014"

#: (tag, side) -> (colour style, opening cue, closing cue). Equal spans are not listed.
_MARKS: dict[tuple[str, Side], tuple[str, str, str]] = {
    ("delete", "left"): ("red strike", "[-", "-]"),
    ("replace", "left"): ("yellow strike", "[-", "-]"),
    ("insert", "right"): ("green underline", "{+", "+}"),
    ("replace", "right"): ("yellow underline", "{+", "+}"),
}

_EMPTY_STYLE = "dim"


def is_plain(console: Console) -> bool:
    """Whether edits need textual cues because styles will not (or should not) show."""
    return console.no_color or not console.is_terminal or console.color_system is None


def _marked_spans(
    text: str, ops: Sequence[EditOp], side: Side
) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, tag or None) covering `text` in order; tag None is unmarked text.

    Offsets are clamped and overlaps skipped so malformed opcodes misdraw, never crash.
    """
    cursor = 0
    spans = sorted(
        (op.a_start, op.a_end, op.tag) if side == "left" else (op.b_start, op.b_end, op.tag)
        for op in ops
    )
    for start, end, tag in spans:
        start, end = max(start, cursor), min(end, len(text))
        if (tag, side) not in _MARKS or start >= end:
            continue
        if start > cursor:
            yield cursor, start, None
        yield start, end, tag
        cursor = end
    if cursor < len(text):
        yield cursor, len(text), None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to its non-blank core, so cues hug words: "[-a-] b", not "[-a -]b"."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def highlight(text: str, ops: Sequence[EditOp], side: Side, *, cues: bool = False) -> Text:
    """One passage as rich `Text` with the edits on its `side` styled and, if `cues`, marked.

    Offsets in `ops` index the raw passage, so the text is cut at them first and each piece
    cleaned by `strip_control` afterwards; cleaning first would shift every offset after a
    removed character.

    >>> highlight("a display b", [EditOp("replace", 2, 9, 2, 6)], "left", cues=True).plain
    'a [-display-] b'
    """
    out = Text()
    for start, end, tag in _marked_spans(text, ops, side):
        if tag is None:
            out.append(strip_control(text[start:end]))
            continue
        style, opening, closing = _MARKS[(tag, side)]
        core_start, core_end = _trim(text, start, end)
        out.append(strip_control(text[start:core_start]))
        marked = strip_control(text[core_start:core_end])
        if cues:
            marked = f"{opening}{marked}{closing}"
        out.append(marked, style=style)
        out.append(strip_control(text[core_end:end]))
    return out


def _whole(passage: Passage, tag: Literal["insert", "delete"]) -> tuple[EditOp, ...]:
    """An added or dropped passage as one edit spanning all of it."""
    size = len(passage.text)
    return (EditOp(tag, 0, size, 0, size),)


def row_ops(row: Row) -> tuple[EditOp, ...]:
    """The row's opcodes, treating an added passage as inserted and a dropped one as deleted."""
    if row.status == "added" and row.right is not None:
        return _whole(row.right, "insert")
    if row.status == "dropped" and row.left is not None:
        return _whole(row.left, "delete")
    return row.ops


def attribution_label(attribution: Attribution | None) -> Text | None:
    """The dim line under a passage: where it came from and how sure the run is."""
    if attribution is None:
        return None
    origin = strip_control(attribution.origin)
    return Text(f"origin {origin} \u00b7 confidence {attribution.confidence:.2f}", style="dim")


def _cell(
    passage: Passage | None,
    ops: Sequence[EditOp],
    side: Side,
    cues: bool,
    attribution: Attribution | None = None,
) -> RenderableType:
    """A table cell: the highlighted passage, its attribution line, or a dash when empty."""
    if passage is None:
        return Text(EMPTY_CELL, style=_EMPTY_STYLE)
    body = highlight(passage.text, ops, side, cues=cues)
    label = attribution_label(attribution)
    return body if label is None else Group(body, label)


def _header(article_id: str) -> Text:
    return Text(strip_control(article_id), style="bold")


def side_by_side_table(comparison: Comparison, result: CorpusResult, cues: bool) -> Table:
    """Reference on the left, outlet on the right, one table row per `Row`."""
    table = Table(box=box.ASCII if cues else box.SQUARE, show_lines=True, expand=True)
    table.add_column(_header(comparison.left_id), ratio=1)
    table.add_column(_header(comparison.right_id), ratio=1)
    for row in comparison.rows:
        ops = row_ops(row)
        attribution = result.attributions.get(row.right.passage_id) if row.right else None
        table.add_row(
            _cell(row.left, ops, "left", cues),
            _cell(row.right, ops, "right", cues, attribution),
        )
    return table


def hang(prefix: str, body: Text, console: Console) -> Text:
    """`body` wrapped after a diff prefix, later lines indented under the text.

    Wrapped here rather than by a grid so lines carry no padding: piped output has no
    trailing blanks, and a line of the file is a line of the diff.
    """
    indent = " " * len(prefix)
    width = max(console.width - len(prefix), 10)
    lines = body.wrap(console, width)
    out = Text()
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        out.append(prefix if number == 0 else indent)
        out.append_text(line.copy())
        out.rstrip()
    return out


def inline_block(row: Row, result: CorpusResult, cues: bool, console: Console) -> list[Text]:
    """One row in unified-diff form: `- ` reference, `+ ` outlet, `  ` when the two agree."""
    ops = row_ops(row)
    attribution = result.attributions.get(row.right.passage_id) if row.right else None
    label = attribution_label(attribution)
    parts: list[Text] = []
    if row.status == "same" and row.right is not None:
        parts.append(hang("  ", highlight(row.right.text, ops, "right", cues=cues), console))
    else:
        if row.left is not None:
            parts.append(hang("- ", highlight(row.left.text, ops, "left", cues=cues), console))
        if row.right is not None:
            parts.append(hang("+ ", highlight(row.right.text, ops, "right", cues=cues), console))
    if label is not None:
        parts.append(hang("  ", label, console))
    return parts


def inline_view(
    comparison: Comparison, result: CorpusResult, cues: bool, console: Console
) -> Group:
    """`--- reference` / `+++ outlet` headers, then one block per row, blank lines between."""
    parts: list[RenderableType] = [
        Text.assemble("--- ", _header(comparison.left_id)),
        Text.assemble("+++ ", _header(comparison.right_id)),
    ]
    for row in comparison.rows:
        parts.append(Text())
        parts.extend(inline_block(row, result, cues, console))
    return Group(*parts)


def totals_line(comparison: Comparison) -> Text:
    """Word counts per row status, so the size of each kind of change is read at a glance."""
    return Text(words_by_status(comparison), style="dim")


def render_diff(
    comparison: Comparison,
    result: CorpusResult,
    console: Console,
    *,
    side_by_side: bool | None = None,
) -> None:
    """Print `comparison`: side by side on a console of 100+ columns unless told otherwise.

    `result` supplies the origin and confidence shown under each outlet passage.
    """
    wide = console.width >= SIDE_BY_SIDE_MIN_WIDTH if side_by_side is None else side_by_side
    cues = is_plain(console)
    if wide:
        console.print(side_by_side_table(comparison, result, cues))
    else:
        console.print(inline_view(comparison, result, cues, console))
    console.print(totals_line(comparison))


def shares_text(shares: Sequence[tuple[str, float]]) -> str:
    """Origin shares largest first, as in the summary: "AFP 62%, Reuters 31%"."""
    return shares_label(shares, ", ")


def _summary_key(summary: ArticleShares) -> tuple[bool, str, str]:
    """Story, then article id; articles in no story (empty id) after every story."""
    return (not summary.story_id, summary.story_id, summary.article_id)


#: The Articles table. Cut with an ellipsis: text (outlet, headline, credits). Never cut: the
#: id, the date and the figures, wire shares included ("Reuters 2…" would misread as 2%).
_ARTICLE_COLUMNS = (
    ColumnSpec("article"),
    ColumnSpec("outlet", shorten_to=10),
    ColumnSpec("published"),
    ColumnSpec("headline", shorten_to=20),
    ColumnSpec("words", "right"),
    ColumnSpec("story"),
    ColumnSpec("credits", shorten_to=8),
    ColumnSpec("wire shares"),
    ColumnSpec("own", "right"),
    ColumnSpec("unknown", "right"),
)

#: Least important first. Last to go: where the words came from (wire shares) and who ran
#: them (outlet); the id, to pass to `attrib show`, is never dropped. Credits outlast the
#: headline because set beside the shares they show copy that went out uncredited.
_ARTICLE_DROP_FIRST = (
    *("unknown", "words", "published", "headline", "own", "credits", "story"),
    *("wire shares", "outlet"),
)


def summary_sheet(summaries: Sequence[ArticleShares]) -> Sheet:
    """One row per article, grouped by story, with the `articles.csv` figures a reader scans
    first: the rows behind the Articles table and its TSV."""
    rows = tuple(
        (
            summary.article_id,
            summary.outlet,
            summary.published,
            summary.title,
            str(summary.words),
            summary.story_id,
            ", ".join(summary.credited_wires),
            shares_text(summary.origin_shares),
            percent(summary.own_share),
            percent(summary.unknown_share),
        )
        for summary in sorted(summaries, key=_summary_key)
    )
    return Sheet("Articles", _ARTICLE_COLUMNS, rows, _ARTICLE_DROP_FIRST)


def summary_table(summaries: Sequence[ArticleShares]) -> Table:
    """The Articles table whole, every column at full width; `print_table(summary_sheet(...))`
    fits it to a terminal instead."""
    return sheet_table(summary_sheet(summaries))


SUMMARY_ROWS = 40


def render_summary(
    summaries: Sequence[ArticleShares], console: Console, limit: int = SUMMARY_ROWS
) -> None:
    """Print the per-article summary of one run, grouped by story: the first `limit` rows, as a
    terminal is no place for thousands (they are all in articles.csv)."""
    shown = sorted(summaries, key=_summary_key)[:limit]
    print_table(summary_sheet(shown), console)
    if len(summaries) > limit:
        console.print(
            Text(f"… and {len(summaries) - limit} more articles in articles.csv", style="dim")
        )


def origin_styles(origins: Sequence[str]) -> dict[str, str]:
    """A style per origin: its colour in every view (`figures.origin_colour`), bold for a
    wire; a joint origin italic too, a cue that needs no colour vision."""
    cues = {OWN: "", UNKNOWN: ""}
    return {
        origin: f"{colour} {cues.get(origin, 'italic' if is_joint(origin) else 'bold')}".strip()
        for origin, colour in origin_colours(origins).items()
    }


def article_view(result: CorpusResult, article_id: str, console: Console) -> Group:
    """An article as published, each passage opened by its origin and confidence in brackets
    (`[Reuters 0.92]`, which a pipe or a grep keeps) and coloured by origin on a terminal,
    with the evidence under it; a blank line between paragraphs."""
    cleaned = result.article(article_id)
    credits = result.credits.get(article_id, ())
    wires = ", ".join(dict.fromkeys(c.wire for c in credits if c.is_text_credit))
    facts = " · ".join(
        p for p in (cleaned.outlet, cleaned.published, f"credits {wires}" if wires else "") if p
    )
    parts: list[RenderableType] = [_header(article_id)]
    if facts:
        parts.append(Text(strip_control(facts), style="dim"))
    passages = result.passages_of(article_id)
    attributions = [result.attributions.get(p.passage_id) for p in passages]
    styles = origin_styles([a.origin for a in attributions if a is not None])
    paragraph = None
    for passage, attribution in zip(passages, attributions, strict=True):
        if passage.paragraph != paragraph:
            parts.append(Text())
            paragraph = passage.paragraph
        origin = attribution.origin if attribution else "unknown"
        confidence = f" {attribution.confidence:.2f}" if attribution else ""
        style = styles.get(origin, "")
        label = f"[{strip_control(origin)}{confidence}] "
        body = Text(label, style=f"bold {style}".strip())
        body.append(Text(strip_control(passage.text), style=style))
        parts.append(hang("", body, console))
        if attribution and attribution.evidence:
            evidence = Text(strip_control(attribution.evidence), style="dim")
            parts.append(hang("    ", evidence, console))
    return Group(*parts)


def render_article(result: CorpusResult, article_id: str, console: Console) -> None:
    console.print(article_view(result, article_id, console))


#: The Outlets table: the outlet names the row, so it is cut, never dropped; the figures
#: (by wire included) are shown whole or not at all.
_OUTLET_COLUMNS = (
    ColumnSpec("outlet", shorten_to=12),
    ColumnSpec("articles", "right"),
    ColumnSpec("words", "right"),
    ColumnSpec("wire", "right"),
    ColumnSpec("by wire"),
    ColumnSpec("joint", "right"),
    ColumnSpec("uncredited", "right"),
    ColumnSpec("own", "right"),
    ColumnSpec("unknown", "right"),
)

#: Least important first: counts before shares; last to go are the wire share, split by wire
#: and joint (without the joint share, a jointly credited outlet's wire share has no parts).
_OUTLET_DROP_FIRST = (
    *("words", "articles", "unknown", "own", "uncredited", "joint", "by wire", "wire"),
)


def outlet_sheet(outlets: Sequence[OutletShares]) -> Sheet:
    """One row per outlet with the `outlets.csv` figures: how much of it is wire copy, and
    how much of that went out uncredited. The rows behind the Outlets table and its TSV."""
    rows = tuple(
        (
            o.outlet or "(none)",
            str(o.articles),
            str(o.words),
            percent(o.share(o.wire_total)),
            ", ".join(f"{name} {percent(o.share(words))}" for name, words in o.wire_words),
            percent(o.share(o.joint_words)),
            percent(o.share(o.uncredited_words)),
            percent(o.share(o.own_words)),
            percent(o.share(o.unknown_words)),
        )
        for o in outlets
    )
    return Sheet("Outlets", _OUTLET_COLUMNS, rows, _OUTLET_DROP_FIRST)


def outlet_table(outlets: Sequence[OutletShares]) -> Table:
    """The Outlets table whole, every column at full width; `print_table(outlet_sheet(...))`
    fits it to a terminal instead."""
    return sheet_table(outlet_sheet(outlets))


def system_pager(text: str) -> None:
    """The user's pager ($PAGER, else `less`), told to pass colours through unless the user
    set `LESS` themselves: without -R, less would print the escapes as `ESC[31m` litter."""
    os.environ.setdefault("LESS", "-R")
    SystemPager().show(text)


def print_paged(
    draw: Callable[[Console], None],
    console: Console,
    pager: Callable[[str], None] | None = system_pager,
) -> None:
    """Print what `draw` prints, through `pager` when it is taller than the terminal.

    Only on a terminal: piped or redirected output is never paged, so scripts and files get
    every line at once. `pager` None turns paging off (`--no-pager`).
    """
    if pager is None or not console.is_terminal:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
        console.file.flush()
    else:
        pager(text)
