"""The per-story PDF report: the reference article beside each other article of a story.

Public API:
    `story_html(result, story)`: the report as HTML, before layout (goldens and tests use it).
    `write_story_pdf(result, story, path)`: the report as an A4 or Letter PDF, written
        atomically; with `article_id`, the report of one article of the story.
    `report_context(result, story)`: the `Report` dataclass the template formats.
    `story_title(result, story)`: a story's headline, shared with its web page.

The work is split so the template only formats: small pure functions turn a `CorpusResult`
into a `Report` (strings and tuples, highlights already cut into `Segment`s), and
`story.html.j2` walks it. Article text is data: the Jinja environment escapes everything and
the template never marks anything safe.

Hazard: WeasyPrint resolves `<img>`, `<link>`, `url()` and fonts through a URL fetcher. A report
is built from scraped pages, so any fetch would be an outgoing request chosen by a stranger.
Rendering passes `base_url=None` and a `RefusingFetcher` that raises for every URL, and the
stylesheet travels as a string, never as a link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined

from attrib.models import OWN, Attribution, CorpusResult, EditOp, Story
from attrib.output.figures import percent, shares_label
from attrib.output.files import write_atomic
from attrib.output.overview import (
    MARKS,
    ArticleLine,
    Elsewhere,
    Matrix,
    carried_line,
    did_line,
    elsewhere_lines,
    outlet_labels,
    passage_matrix,
    publication_order,
    published_column,
    reference_line,
    rows_of,
    story_line,
    timeline,
)
from attrib.output.safety import strip_control
from attrib.views.compare import Row, RowStatus, reference_article
from attrib.views.reconstruct import StoryView, story_view
from attrib.views.shares import ArticleChanges, ArticleSummary, changes_in_story, summarise_article

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.urls import URLFetcher

Mark = Literal["", "del", "ins", "rep"]
Side = Literal["left", "right"]

TEMPLATE = "story.html.j2"
UNTITLED = "(untitled)"
STYLESHEET = "report.css"
# A story carried by hundreds of outlets would fill pages with its table, and its matrix's
# columns would be too narrow to read: the first page tabulates the reference and 30 others.
FIRST_PAGE_ARTICLES = 30

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
class Report:
    """Everything `story.html.j2` prints, and nothing it must compute.

    Attributes:
        story_id: the story's id, shown in the heading and the running page header.
        doc_title: `<title>`, which becomes the PDF's metadata title.
        title: the reference's title, which names the story in the first page's heading.
        reference_name: the reference's outlet, or its id when the outlet is unknown.
        reference_label: the reference's name and id, e.g. 'Reuters (reuters/003)'.
        reference_note: one line saying which article is the reference and why.
        summary: the story in one sentence: how many ran it, first and last, and when.
        articles: the first page's lines, one per article, in order of publication.
        matrix: the reference's passages by outlets: who kept, edited, dropped or added what.
        sections: one per article other than the reference, in order of publication.
        reconstruction: the reconstructed wire text's sentences, each with the outlets that
            carry it; empty when the corpus holds the wire copy.
        unlisted: ids of the articles past the first `FIRST_PAGE_ARTICLES` to publish, which
            the first page names but does not tabulate (each still has its own comparison).
        focus: for the report of one article, a line saying which; empty for a whole story.
        elsewhere: the story's passages that articles of other stories carry too, with
            those stories; `elsewhere_more` counts the ones not listed.
    """

    story_id: str
    doc_title: str
    title: str
    reference_name: str
    reference_label: str
    reference_note: str
    summary: str
    articles: tuple[ArticleLine, ...]
    matrix: Matrix
    sections: tuple[Section, ...]
    reconstruction: tuple[tuple[str, str], ...] = ()
    unlisted: tuple[str, ...] = ()
    focus: str = ""
    elsewhere: tuple[Elsewhere, ...] = ()
    elsewhere_more: int = 0


# --- formatting --------------------------------------------------------------------------


def display_name(outlet: str, article_id: str) -> str:
    """What to call an article's publisher: its outlet, else its id (never an empty cell).
    Control characters go: they would reach the PDF."""
    return strip_control(outlet).strip() or strip_control(article_id)


def display_label(name: str, article_id: str) -> str:
    """Name and id for a reader who needs both, without saying the id twice when it is the name."""
    shown = strip_control(article_id)
    return shown if name == shown else f"{name} ({shown})"


def display_title(title: str) -> str:
    return strip_control(title).strip() or UNTITLED


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


# --- first page --------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """An article's change figures as printed, made once for its line and its section."""

    added: str = "—"
    dropped: str = "—"
    changed: str = "—"
    altered_quotes: str = "—"


@dataclass(frozen=True)
class Placed:
    """Where an article stands on the first page: its matrix key, whether its label needs its
    id, and its time after the first with its dot's class on the timeline."""

    key: str
    label_has_id: bool
    published: str
    after: str
    tick: str


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


def origins_text(summary: ArticleSummary) -> str:
    """Where its words came from, in the CSV's rounding: wires and joint origins, own, unknown."""
    rest = (("own", summary.own_share), ("unknown", summary.unknown_share))
    shares = [*summary.origin_shares, *((name, share) for name, share in rest if share)]
    return shares_label(shares, " · ") or "—"


def own_added(result: CorpusResult, changed: ArticleChanges | None) -> int:
    """Added passages attributed to the outlet itself."""
    rows = rows_of(changed.comparison if changed else None)
    return sum(
        row.status == "added"
        and row.right is not None
        and (found := result.attributions.get(row.right.passage_id)) is not None
        and found.origin == OWN
        for row in rows
    )


def article_line(
    result: CorpusResult,
    summary: ArticleSummary,
    changed: ArticleChanges | None,
    placed: Placed,
    story_title: str,
) -> ArticleLine:
    """`placed`: its key in the matrix, its label, its time and place on the timeline."""
    figures = figures_of(changed)
    title = display_title(summary.title)
    return ArticleLine(
        key=placed.key,
        article_id=strip_control(summary.article_id),
        name=display_name(summary.outlet, summary.article_id),
        shown_id=strip_control(summary.article_id) if placed.label_has_id else "",
        title="" if title == story_title else title,
        published=placed.published,
        after=placed.after,
        tick=placed.tick,
        credited=", ".join(summary.credited_wires) or "—",
        origins=origins_text(summary),
        added=figures.added,
        dropped=figures.dropped,
        changed=figures.changed,
        altered_quotes=figures.altered_quotes,
        did=(
            did_line(summary, changed, own_added(result, changed))
            if changed is not None
            else reference_line(summary, reference_reason(result, summary.article_id))
        ),
        is_reference=changed is None,
    )


def reference_reason(result: CorpusResult, reference_id: str) -> str:
    """Why `compare.reference_article` chose this article, in the words of its rule."""
    if result.article(reference_id).is_wire_copy:
        return "wire copy"
    return "most text shared with the others"


def report_context(
    result: CorpusResult,
    story: Story,
    view: StoryView | None = None,
    article_id: str | None = None,
) -> Report:
    """Everything the template needs for one story, computed once, in print-ready strings.
    `view` is the story's `story_view`, when the caller has it already.

    With `article_id`, the report of that article alone: the same first page, then only its
    comparison with the reference. The reference itself has no comparison of its own, so its
    report keeps every section: they are the comparisons it is the reference of.
    """
    whole = view or story_view(result, story)
    view, reconstructed = whole.result, whole.reconstruction_id
    reference_id = reference_article(view, view.stories[0])
    reference = view.article(reference_id)
    changed = changes_in_story(whole)
    everyone = [a for a in story.article_ids if a != reference_id or not reconstructed]
    ordered = publication_order(summarise_article(result, a, changed.get(a)) for a in everyone)
    labels = outlet_labels(result, story.article_ids)
    name = display_name(reference.outlet, reference_id)
    label = name if reconstructed else display_label(name, reference_id)
    title = story_title(result, story)
    listed, unlisted = first_page_split(ordered, changed)
    lines = first_page_lines(result, listed, changed, labels, title)
    columns = [
        (line.key, labels[s.article_id], s.article_id)
        for line, s in zip(lines, listed, strict=True)
        if not line.is_reference
    ]
    shown = [s.article_id for s in ordered if s.article_id in changed]
    shown = shown if article_id in (None, reference_id) else [article_id]
    elsewhere, elsewhere_more = elsewhere_lines(result, story, labels)
    return Report(
        story_id=story.story_id,
        doc_title=f"Story {story.story_id}: {title}",
        title=title,
        reference_name=name,
        reference_label=label,
        reference_note=(
            "Reference: the story's reconstructed wire text (the corpus holds no agency "
            "original); every other article is shown against it."
            if reconstructed
            else f"Reference: {label}, chosen as {reference_reason(view, reference_id)}; every "
            "other article is shown against it."
        ),
        summary=story_line(ordered, labels),
        articles=lines,
        matrix=passage_matrix(view, reference_id, columns, changed),
        unlisted=tuple(strip_control(s.article_id) for s in unlisted),
        sections=tuple(section(view, changed[a], labels[a]) for a in shown),
        focus=focus_line(result, article_id, reference_id, reconstructed),
        reconstruction=reconstruction_lines(view, reconstructed, labels, ordered),
        elsewhere=elsewhere,
        elsewhere_more=elsewhere_more,
    )


def first_page_split(
    ordered: Sequence[ArticleSummary], changed: Mapping[str, ArticleChanges]
) -> tuple[list[ArticleSummary], list[ArticleSummary]]:
    """The articles the first page tabulates (the reference, and the first
    `FIRST_PAGE_ARTICLES` others to publish) and the rest, which it only names."""
    others = [s.article_id for s in ordered if s.article_id in changed]
    kept = set(others[:FIRST_PAGE_ARTICLES])
    listed = [s for s in ordered if s.article_id in kept or s.article_id not in changed]
    return listed, [s for s in ordered if s.article_id in changed and s.article_id not in kept]


def story_title(result: CorpusResult, story: Story) -> str:
    """The headline a story goes by: its reference article's (the corpus's, never the
    reconstructed text's), or, when the reference has none (wire copy is often filed
    without), the first other title by article id: "(untitled)" names nothing."""
    reference = reference_article(result, story)
    ordered = [reference, *sorted(a for a in story.article_ids if a != reference)]
    titles = (display_title(result.article(a).title) for a in ordered)
    return next((t for t in titles if t != UNTITLED), UNTITLED)


def first_page_lines(
    result: CorpusResult,
    ordered: Sequence[ArticleSummary],
    changed: Mapping[str, ArticleChanges],
    labels: Mapping[str, str],
    story_title: str,
) -> tuple[ArticleLine, ...]:
    """A line per article in publication order; outlets numbered for the matrix's columns."""
    times = timeline([s.published for s in ordered])
    shown = published_column([s.published for s in ordered])
    lines = []
    outlets = iter(range(1, len(ordered) + 1))
    for summary, published, (after, tick) in zip(ordered, shown, times, strict=True):
        article = summary.article_id
        placed = Placed(
            key=str(next(outlets)) if article in changed else "ref",
            label_has_id=labels[article] != display_name(summary.outlet, article),
            published=published,
            after=after,
            tick=tick,
        )
        lines.append(article_line(result, summary, changed.get(article), placed, story_title))
    return tuple(lines)


def focus_line(
    result: CorpusResult, article_id: str | None, reference_id: str, reconstructed: str | None
) -> str:
    """What an article's report is about, or "" for a story's."""
    if article_id is None:
        return ""
    article = result.article(article_id)
    label = display_label(display_name(article.outlet, article_id), article_id)
    if article_id == reference_id and not reconstructed:
        return f"The report of {label}, the story's reference: every comparison with it follows."
    return f"The report of {label} alone: its comparison with the reference follows."


def reconstruction_lines(
    view: CorpusResult,
    reconstructed: str | None,
    labels: Mapping[str, str],
    ordered: Sequence[ArticleSummary],
) -> tuple[tuple[str, str], ...]:
    """Each reconstructed sentence and the outlets whose versions it was built from, by name
    and in publication order (an id only where one outlet ran two of the story's articles)."""
    if reconstructed is None:
        return ()
    by_id = view.passages_by_id
    everyone = [labels[s.article_id] for s in ordered]
    lines = []
    for sentence in view.passages_of(reconstructed):
        carriers = {
            by_id[m.other(sentence.passage_id)].article_id
            for m in view.matches_of.get(sentence.passage_id, ())
        }
        named = [labels[s.article_id] for s in ordered if s.article_id in carriers]
        lines.append((sentence.text, carried_line(named, everyone)))
    return tuple(lines)


# --- HTML and PDF ------------------------------------------------------------------------


@cache
def environment() -> Environment:
    """The report's Jinja environment: autoescaped, and strict, so a template that names a
    field the `Report` lacks fails loudly instead of printing an empty cell."""
    return Environment(
        loader=PackageLoader("attrib.output", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    return environment().get_template(TEMPLATE).render(report=report)


def story_html(
    result: CorpusResult,
    story: Story,
    view: StoryView | None = None,
    article_id: str | None = None,
) -> str:
    """The report of one story (or of one of its articles) as HTML, before PDF layout (the
    stylesheet is not inlined)."""
    return render_html(report_context(result, story, view, article_id))


@cache
def stylesheet_text() -> str:
    """The report stylesheet, read once per process (a run writes thousands of PDFs)."""
    return files("attrib.output").joinpath("templates", STYLESHEET).read_text(encoding="utf-8")


class FetchRefused(ValueError):
    """Raised for every URL WeasyPrint asks for: the report must fetch nothing."""


@cache
def _refusing_fetcher_class() -> type[URLFetcher]:
    # WeasyPrint is imported lazily: loading it (Pango, fontconfig) takes about a second, which
    # commands that never write a PDF should not pay just for importing this module.
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that refuses every URL and records what was asked.

        WeasyPrint calls `fetch` for images, stylesheets, fonts and attachments; raising makes
        it skip the resource with a warning. `asked` lets tests prove nothing was requested.
        """

        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []

        def fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]
            self.asked.append(url)
            raise FetchRefused(f"attrib reports fetch nothing; refused {url}")

    return RefusingFetcher


def refusing_fetcher() -> URLFetcher:
    """A fresh `RefusingFetcher` (see `_refusing_fetcher_class`)."""
    return _refusing_fetcher_class()()


Paper = Literal["a4", "letter"]


@cache
def parsed_stylesheets(paper: Paper) -> list[CSS]:
    """The report stylesheet parsed once per process and paper, not once per PDF. It names no
    URL, so the refusing fetcher it is parsed with is never asked for anything."""
    from weasyprint import CSS

    sheets = [stylesheet_text(), *(["@page { size: letter; }"] if paper == "letter" else [])]
    return [CSS(string=sheet, base_url=None, url_fetcher=refusing_fetcher()) for sheet in sheets]


def html_to_pdf(html: str, fetcher: URLFetcher | None = None, paper: Paper = "a4") -> bytes:
    """Lay out `html` with the report stylesheet and return the PDF bytes, fetching nothing.
    The stylesheet is laid out for A4; US Letter only changes the page size."""
    from weasyprint import HTML

    fetcher = fetcher if fetcher is not None else refusing_fetcher()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=parsed_stylesheets(paper))
    assert pdf is not None  # write_pdf returns bytes when given no target
    return pdf


def write_story_pdf(
    result: CorpusResult,
    story: Story,
    path: Path,
    *,
    fetcher: URLFetcher | None = None,
    view: StoryView | None = None,
    paper: Paper = "a4",
    article_id: str | None = None,
) -> None:
    """Render one story's report, or one of its articles' (`report_context`), to `path` (an
    A4 or Letter PDF), atomically.

    `fetcher` is for tests that count requests; it defaults to a fresh `RefusingFetcher`.
    """
    html = story_html(result, story, view, article_id)
    write_atomic(Path(path), html_to_pdf(html, fetcher, paper))
