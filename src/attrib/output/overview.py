"""The story report's first page: who ran the story, when, and what each outlet did with it.

Public API:
    `ArticleLine`, `Matrix`, `MatrixRow`, `MatrixCell`: what the first page prints.
    `outlet_labels(result, article_ids)`: what to call each article: its outlet, with its id
        only where two articles of the story share a name (or the outlet is unknown).
    `publication_order(summaries)`: earliest day first, times before a date alone, undated
        last, then by id.
    `timeline(published)`: each article's time after the first, and its place on the strip;
        `published_column(published)`: the times as the table prints them.
    `story_line(ordered, labels)`: the story in one sentence.
    `did_line(summary, changed, own_added)`, `reference_line(summary, reason)`: one sentence
        of what an outlet did to the story, or why the reference is the reference.
    `carried_line(labels, everyone)`: who carries a sentence of the reconstructed wire text.
    `passage_matrix(view, reference_id, columns, changed)`: reference passages by outlets.
    `elsewhere_lines(result, story, labels)`: the words of the story that articles of other
        stories carry too, and which stories.

Every figure here is read from the objects the tables are written from (`ArticleShares`,
`shares.ArticleChanges`), so the first page cannot say something `articles.csv` and the
comparisons do not. Claims are counts of passages and shares of words, nothing inferred;
times are compared only as precisely as their sources give them (`published.Moment`).
The timeline and the matrix are drawn with text and CSS classes, not images: they cost
nothing to lay out, print in greyscale, and reflow on a phone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from attrib.ingest.published import Moment, read_published
from attrib.models import CorpusResult, Story, origin_wires
from attrib.output.figures import percent
from attrib.output.safety import strip_control
from attrib.views.compare import Comparison, Row
from attrib.views.shares import ArticleChanges, ArticleShares

TIMELINE_STEPS = 20  # the strip's resolution: a dot every 5% of the story's time span
SNIPPET_CHARS = 56  # of a reference passage, as the matrix's row label

# Each cell of the matrix in a glyph and a shade that tell the four apart in greyscale; the
# glyphs are the comparisons' row markers, so one key reads both.
MARKS: dict[str, str] = {"kept": "=", "edited": "~", "dropped": "\u2212", "added": "+"}


@dataclass(frozen=True)
class ArticleLine:
    """One outlet's line of the first page, figures already formatted for print.

    `key` names the article's column in the matrix ("1", "2", …; "ref" for the reference);
    `shown_id` is its id when its name alone would not tell it apart, else "". `title` is its
    headline when that differs from the story's. `after` and `tick` place it on the timeline
    ("+1:37" after the first, a CSS class for its dot); both "" when it has no date.
    """

    key: str
    article_id: str
    name: str
    shown_id: str
    title: str
    published: str
    after: str
    tick: str
    credited: str
    origins: str
    added: str  # the change figures against the reference, "—" for the reference itself
    dropped: str
    changed: str
    altered_quotes: str
    did: str
    is_reference: bool


@dataclass(frozen=True)
class MatrixCell:
    """What one outlet did with one reference passage: `mark` (kept, edited, dropped, added,
    or "" for nothing) and the glyph that says so without colour."""

    mark: str
    glyph: str


@dataclass(frozen=True)
class MatrixRow:
    """A reference passage: its number, its first words, how many outlets ran it, a cell each."""

    number: str
    text: str
    carried: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class Matrix:
    """Reference passages by outlets. `keys` head the columns (the lines' `key`s), `names`
    say whose they are; `added` is the last row: passages an outlet has beyond the reference
    (empty when no outlet has any)."""

    keys: tuple[str, ...]
    names: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    added: tuple[MatrixCell, ...]


# --- names -------------------------------------------------------------------------------


def outlet_labels(result: CorpusResult, article_ids: Iterable[str]) -> dict[str, str]:
    """Each article's outlet, and its id too where the outlet alone would name two articles
    of the story or none: a reader needs the name, the id only to tell copies apart."""
    ids = list(article_ids)
    names = {a: strip_control(result.article(a).outlet).strip() for a in ids}
    counts = Counter(names.values())
    return {a: label(name, strip_control(a), counts[name]) for a, name in names.items()}


def label(name: str, article_id: str, sharing: int) -> str:
    if not name:
        return article_id
    return name if sharing == 1 else f"{name} ({article_id})"


def carried_line(labels: Sequence[str], everyone: Sequence[str]) -> str:
    """Who carries a reconstructed sentence, in the fewest names: all, all but a few, or the few."""
    count, total = len(labels), len(everyone)
    if count == total and total > 1:
        return f"carried by all {total}"
    missing = [name for name in everyone if name not in labels]
    if count > total / 2 and len(missing) < count:
        return f"carried by {count} of {total}: all but {', '.join(missing)}"
    return f"carried by {count}: {', '.join(labels)}"


# --- time --------------------------------------------------------------------------------


def order_key(moment: Moment | None, article_id: str) -> tuple[bool, date, bool, datetime, str]:
    """Earliest day first; within a day, times before a date alone (which could be any hour),
    undated last, ties by id."""
    if moment is None:
        return (True, date.max, True, datetime.min, article_id)
    day_only = moment.precision == "day"
    return (False, moment.when.date(), day_only, moment.when, article_id)


def publication_order(summaries: Iterable[ArticleShares]) -> list[ArticleShares]:
    """The order the story went out in, as far as the dates tell (`order_key`)."""
    return sorted(summaries, key=lambda s: order_key(read_published(s.published), s.article_id))


def shown_time(published: str) -> str:
    """'2016-02-11 14:16', '2016-02-11 19:16 UTC' or '2016-02-11': a time a person reads."""
    if not published:
        return "—"
    text = strip_control(published).replace("T", " ", 1)
    return text[:-1] + " UTC" if text.endswith("Z") else text


def published_column(published: Sequence[str]) -> list[str]:
    """`shown_time` of each, the date left out where the line above gave the same one: a
    column of twelve identical dates hides the times that tell the outlets apart."""
    shown, day = [], ""
    for text in map(shown_time, published):
        date, _, time = text.partition(" ")
        shown.append(time if date == day and time else text)
        day = date
    return shown


def elapsed(minutes: int) -> str:
    """'+0:37', '+26:05', '+3 d': hours and minutes up to two days, then days."""
    if minutes >= 48 * 60:
        return f"+{minutes // (24 * 60)} d"
    return f"+{minutes // 60}:{minutes % 60:02d}"


def timeline(published: Sequence[str]) -> list[tuple[str, str]]:
    """(time after the first, CSS class of its dot on the strip) for each time given, in
    publication order; ("", "") without a date. Times count from the first article with a time
    of day, and only times of its precision do (`published.Moment`: a local time of unknown
    zone and a UTC time do not compare to the minute, and a date alone has no hour); it is
    "first" only when nothing is dated before it or at the same minute. The strip spans the
    first day or time to the last; a date alone stands at its midnight."""
    moments = [read_published(p) for p in published]
    dated = [m for m in moments if m is not None]
    if not dated:
        return [("", "")] * len(moments)
    origin = next((m for m in dated if m.precision != "day"), None)
    start = min(m.when for m in dated)
    span = (max(m.when for m in dated) - start).total_seconds()
    alike = [m for m in dated if origin is not None and m.precision == origin.precision]
    first = origin is dated[0] and [m.when for m in alike].count(origin.when) == 1
    placed = []
    for found in moments:
        if found is None:
            placed.append(("", ""))
            continue
        step = round(TIMELINE_STEPS * (found.when - start).total_seconds() / span) if span else 0
        after = ""
        if origin is not None and found.precision == origin.precision:
            minutes = int((found.when - origin.when).total_seconds() // 60)
            after = "first" if found is origin and first else elapsed(minutes)
        placed.append((after, f"t{step}"))
    return placed


# --- what each outlet did ----------------------------------------------------------------


def counted(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def origin_clause(summary: ArticleShares) -> str:
    """Whose copy it ran and whether it said so, from its origin shares and its credits."""
    credited = set(summary.credited_wires)
    said: set[str] = set()
    parts = []
    for origin, share in summary.origin_shares[:2]:
        wires = origin_wires(origin)
        said.update(wires)
        label = " or ".join([", ".join(wires[:-1]), wires[-1]]) if len(wires) > 1 else wires[0]
        credit = "credited" if credited & set(wires) else "uncredited"
        parts.append(f"{label} copy ({percent(share)} of its words, {credit})")
    if not parts and summary.unknown_share:
        credit = "" if credited else "uncredited "
        parts.append(f"{credit}copy other outlets carry too ({percent(summary.unknown_share)})")
    clauses = [f"ran {' and '.join(parts)}"] if parts else []
    if extra := [w for w in summary.credited_wires if w not in said]:
        clauses.append(f"credits {', '.join(extra)}")
    return ", ".join(clauses)


def change_clauses(changed: ArticleChanges, own_added: int) -> list[str]:
    """What it kept, dropped, added and changed against the reference: kept and edited in
    reference passages, as the matrix counts them (an outlet that split one passage in two
    kept one), added in its own passages."""
    rows = Counter(row.status for row in rows_of(changed.comparison))
    marks = Counter(passage_marks(changed.comparison).values())
    kinds = Counter(change.kind for change in changed.changes)
    if set(rows) == {"same"}:
        return ["ran the reference word for word"]
    clauses = [f"kept {counted(marks['kept'], 'reference passage')} word for word"]
    if marks["edited"]:
        clauses[0] += f", edited {marks['edited']}"
    if dropped := dropped_clause(kinds["trimmed"], kinds["dropped"]):
        clauses.append(dropped)
    if added := rows["added"]:
        own = "of its own" if own_added == added else "not in the reference"
        note = f" ({own_added} its own)" if 0 < own_added < added else ""
        clauses.append(f"added {counted(added, 'passage')} {own}{note}")
    if quotes := changed.figures.altered_quotes:
        clauses.append(f"altered {counted(quotes, 'quote')}")
    return clauses


def dropped_clause(trimmed: int, dropped: int) -> str:
    """'dropped the last 4 passages and 2 others': trimmed from the bottom is told apart, as
    cutting to fit is not a decision about those sentences (`changes.classify_changes`)."""
    last = "the last passage" if trimmed == 1 else f"the last {trimmed} passages"
    if trimmed and dropped:
        return f"dropped {last} and {counted(dropped, 'other')}"
    if trimmed:
        return f"dropped {last}"
    return f"dropped {counted(dropped, 'passage')}" if dropped else ""


def rows_of(comparison: Comparison | None) -> tuple[Row, ...]:
    """A comparison's rows; none for an article with no comparison (the reference)."""
    return comparison.rows if comparison is not None else ()


def did_line(summary: ArticleShares, changed: ArticleChanges | None, own_added: int) -> str:
    """One sentence: whose copy, what it kept, dropped, added and altered. A reader scanning
    thirty outlets reads these, not thirty comparisons."""
    clauses = [origin_clause(summary)]
    if changed is not None:
        clauses += change_clauses(changed, own_added)
    return sentence(clauses)


def reference_line(summary: ArticleShares, reason: str) -> str:
    """The reference's sentence: why it is the reference, and, for an outlet's article, whose
    copy it ran (wire copy is its agency's by definition)."""
    origin = "" if summary.kind == "wire" else origin_clause(summary)
    return sentence([f"the reference, chosen as {reason}", origin])


def sentence(clauses: Sequence[str]) -> str:
    text = "; ".join(clause for clause in clauses if clause)
    return (text[:1].upper() + text[1:] + ".") if text else "—"


# --- the matrix --------------------------------------------------------------------------


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first words of a passage, cut at a word and marked as cut: a row's label."""
    text = " ".join(strip_control(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:") + "…"


def passage_marks(comparison: Comparison | None) -> dict[str, str]:
    """Each reference passage the outlet kept: "kept" if any of its versions is word for word,
    else "edited". Those it lacks are dropped."""
    marks: dict[str, str] = {}
    for row in rows_of(comparison):
        if row.left is not None and row.right is not None:
            mark = "kept" if row.status == "same" else "edited"
            if marks.get(row.left.passage_id) != "kept":
                marks[row.left.passage_id] = mark
    return marks


def cell(mark: str, count: int = 0) -> MatrixCell:
    if mark == "added":
        return MatrixCell("added", f"+{count}") if count else MatrixCell("", "")
    return MatrixCell(mark, MARKS[mark])


def passage_matrix(
    view: CorpusResult,
    reference_id: str,
    columns: Sequence[tuple[str, str, str]],
    changed: Mapping[str, ArticleChanges],
) -> Matrix:
    """Reference passages (rows, in the reference's order) by outlets (`columns`: key, name,
    article id, in publication order): kept, edited or dropped; a last row counts what each
    added. The reference's own column would be all "kept", so it has none."""
    marks = [passage_marks(changed[a].comparison) for _, _, a in columns]
    rows = []
    for passage in view.passages_of(reference_id):
        cells = tuple(cell(m.get(passage.passage_id, "dropped")) for m in marks)
        ran = sum(c.mark != "dropped" for c in cells)
        rows.append(MatrixRow(str(passage.index + 1), snippet(passage.text), str(ran), cells))
    added = tuple(
        cell("added", sum(r.status == "added" for r in rows_of(changed[a].comparison)))
        for _, _, a in columns
    )
    added = added if any(c.mark for c in added) else ()
    return Matrix(
        keys=tuple(k for k, _, _ in columns),
        names=tuple(n for _, n, _ in columns),
        rows=tuple(rows),
        added=added,
    )


def story_line(ordered: Sequence[ArticleShares], labels: Mapping[str, str]) -> str:
    """The story in one sentence: how many ran it, and who was first and last out when the
    dates can tell (one precision, no tie); else the days it ran on."""
    outlets = [s for s in ordered if s.kind != "wire"]
    copies = len(ordered) - len(outlets)
    names = {name for s in outlets if (name := strip_control(s.outlet).strip())}
    unnamed = sum(not strip_control(s.outlet).strip() for s in outlets)
    text = f"{counted(len(outlets), 'article')} from {counted(len(names), 'outlet')}"
    if unnamed:  # an article naming no outlet is no outlet of its own
        named = len(outlets) - unnamed
        text = f"{counted(len(outlets), 'article')}: {named} from {counted(len(names), 'outlet')}"
        text += f", {unnamed} naming no outlet"
    text += f" and {counted(copies, 'agency copy', 'agency copies')}" if copies else ""
    dated = [(s, m) for s in ordered if (m := read_published(s.published)) is not None]
    if len(dated) < 2:
        return text + "."
    (first, start), (last, end) = dated[0], dated[-1]
    same_clock = len({m.precision for _, m in dated}) == 1 and start.precision != "day"
    alone = [m.when for _, m in dated].count(start.when) == 1
    if not (same_clock and alone):
        days = sorted({m.when.date() for _, m in dated})
        when = f"on {days[0]}" if len(days) == 1 else f"between {days[0]} and {days[-1]}"
        return f"{text}; published {when}."
    gap = elapsed(int((end.when - start.when).total_seconds() // 60))[1:]
    return (
        f"{text}; first out {shown_time(first.published)} ({labels[first.article_id]}), "
        f"last {shown_time(last.published)} ({labels[last.article_id]}), {gap} later."
    )


# --- other stories -----------------------------------------------------------------------

ELSEWHERE_LINES = 12  # listed on a story's report; the rest are counted, and in passages.csv
ELSEWHERE_CHARS = 120
_QUOTE_MARKS = re.compile('["“”„«»]')


@dataclass(frozen=True)
class Elsewhere:
    """Text of the story that articles of other stories carry too: the words they share,
    who in the story ran them, and the other stories with their outlets (`s12 (BBC, DW)`)."""

    text: str
    carried_by: str
    stories: str


def elsewhere_lines(
    result: CorpusResult, story: Story, labels: Mapping[str, str]
) -> tuple[tuple[Elsewhere, ...], int]:
    """What the story shares with other stories, one line per shared run of words (one
    several of the story's outlets ran is listed once), in the order of the story's
    articles; and how many more there are than the report lists."""
    mine = set(story.article_ids)
    found: dict[str, tuple[str, list[str], set[str]]] = {}
    for article_id in story.article_ids:
        for passage in result.passages_of(article_id):
            others = [a for a in result.other_stories.get(passage.passage_id, ()) if a not in mine]
            if not others:
                continue
            text = shared_run(result, passage.passage_id, mine)
            key = " ".join(text.split()).casefold()
            _, carriers, elsewhere = found.setdefault(key, (text, [], set()))
            carriers.append(labels[article_id])
            elsewhere.update(others)
    lines = [
        Elsewhere(
            snippet(strip_control(text), ELSEWHERE_CHARS),
            ", ".join(dict.fromkeys(carriers)),
            stories_label(result, elsewhere),
        )
        for text, carriers, elsewhere in found.values()
    ]
    return tuple(lines[:ELSEWHERE_LINES]), max(0, len(lines) - ELSEWHERE_LINES)


def shared_run(result: CorpusResult, passage_id: str, story: set[str]) -> str:
    """The longest run of words a passage shares word for word with an article outside
    `story` (its own story's articles): what the other stories carry of it."""
    passage = result.passages_by_id[passage_id]
    runs = [
        (op.a_start, op.a_end) if match.a == passage_id else (op.b_start, op.b_end)
        for match in result.matches_of.get(passage_id, ())
        if result.passages_by_id[match.other(passage_id)].article_id not in story
        for op in match.ops
        if op.tag == "equal"
    ]
    start, end = max(runs, key=lambda r: r[1] - r[0], default=(0, len(passage.text)))
    run = passage.text[start:end]
    # A run may begin or end inside a quotation: half a pair of marks would misquote it.
    return _QUOTE_MARKS.sub("", run) if len(_QUOTE_MARKS.findall(run)) % 2 else run


def stories_label(result: CorpusResult, article_ids: Iterable[str]) -> str:
    """Other stories by id, each with its articles' outlets: `s12 (BBC, DW); s40 (Le Monde)`."""
    by_story: dict[str, list[str]] = {}
    for article_id in sorted(article_ids):
        name = strip_control(result.article(article_id).outlet).strip()
        by_story.setdefault(result.story_of[article_id], []).append(
            name or strip_control(article_id)
        )
    return "; ".join(
        f"{story_id} ({', '.join(dict.fromkeys(names))})"
        for story_id, names in sorted(by_story.items())
    )
