"""The per-story PDF report: the reference article beside each other article of a story.

Public API:
    `story_html(result, story)`: the report as HTML, before layout (goldens and tests use it).
    `write_story_pdf(result, story, path)`: the report as an A4 or Letter PDF, written
        atomically; with `article_id`, the report of one article of the story.
    `report_context(result, story)`: the `Report` dataclass the template formats.

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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined

from attrib.compare import Comparison, Row, RowStatus, compare, reference_article, status_summary
from attrib.files import write_atomic
from attrib.models import OWN, UNKNOWN, Attribution, CorpusResult, EditOp, Story
from attrib.reconstruct import StoryView, story_view
from attrib.render.charts import data_uri, shares_chart, timeline_chart
from attrib.render.figures import percent, shares_label
from attrib.render.safety import strip_control
from attrib.summary import ArticleSummary, changes_in_story, summarise_article

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

Mark = Literal["", "del", "ins", "rep"]
Side = Literal["left", "right"]

TEMPLATE = "story.html.j2"
STYLESHEET = "report.css"
# A story carried by hundreds of outlets would fill pages with its table and chart.
FIRST_PAGE_ARTICLES = 30
CHART_URI = "data:image/svg+xml;base64,"

# Which opcodes highlight which side: difflib's `delete` has text only on the left (a) side,
# `insert` only on the right (b) side, `replace` on both; `equal` is never highlighted.
_MARKS: dict[Side, dict[str, Mark]] = {
    "left": {"delete": "del", "replace": "rep"},
    "right": {"insert": "ins", "replace": "rep"},
}

# A row's status in a glyph that prints in greyscale; U+2212 MINUS SIGN is as wide as "+".
_STATUS_SYMBOL: dict[RowStatus, str] = {
    "same": "=",
    "changed": "~",
    "added": "+",
    "dropped": "\u2212",
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
    right passage's attribution (None when there is no right passage).
    """

    status: RowStatus
    symbol: str
    left: Cell | None
    right: Cell | None
    note: Note | None


@dataclass(frozen=True)
class ArticleLine:
    """One line of the first page's article table, figures already formatted for print."""

    article_id: str
    name: str
    title: str
    published: str
    credited: str
    shares: str
    own: str
    unknown: str
    added: str  # the change figures against the reference, "—" for the reference itself
    dropped: str
    changed: str
    altered_quotes: str
    is_reference: bool


@dataclass(frozen=True)
class Section:
    """An article of the story set against the reference: who and what, word counts, rows.

    `outlet` also feeds the running page header, so it is kept apart from `title`.
    """

    article_id: str
    outlet: str
    title: str
    tally: str
    rows: tuple[RowView, ...]


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
        articles: the first page's table, reference first, then by article id.
        sections: one per article other than the reference, in story order.
        reconstruction: the reconstructed wire text's sentences, each with the articles that
            carry it; empty when the corpus holds the wire copy.
        shares_chart: a `data:` URI of the SVG bar chart of each article's words by origin.
        timeline_chart: the same of the publication timeline; empty under two dated articles.
        unlisted: ids of the articles past the first `FIRST_PAGE_ARTICLES`, which the first
            page names but does not tabulate (each still has its own comparison pages).
        focus: for the report of one article, a line saying which; empty for a whole story.
    """

    story_id: str
    doc_title: str
    title: str
    reference_name: str
    reference_label: str
    reference_note: str
    articles: tuple[ArticleLine, ...]
    sections: tuple[Section, ...]
    reconstruction: tuple[tuple[str, str], ...] = ()
    shares_chart: str = ""
    timeline_chart: str = ""
    unlisted: tuple[str, ...] = ()
    focus: str = ""


# --- formatting --------------------------------------------------------------------------


def format_shares(shares: Iterable[tuple[str, float]]) -> str:
    """Wire shares for print, largest first as given: 'AFP 62% · Reuters 10%', or '—'."""
    return shares_label(list(shares), " · ") or "—"


def display_name(outlet: str, article_id: str) -> str:
    """What to call an article's publisher: its outlet, else its id (never an empty cell).
    Control characters go: they would reach the PDF, and break the chart's SVG, which XML
    forbids them in."""
    return strip_control(outlet).strip() or strip_control(article_id)


def display_label(name: str, article_id: str) -> str:
    """Name and id for a reader who needs both, without saying the id twice when it is the name."""
    shown = strip_control(article_id)
    return shown if name == shown else f"{name} ({shown})"


def display_title(title: str) -> str:
    return strip_control(title).strip() or "(untitled)"


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
    return RowView(row.status, _STATUS_SYMBOL[row.status], left, right, note)


def tally(comparison: Comparison) -> str:
    """Words per row status, in the words the terminal uses too (`compare.status_summary`)."""
    return status_summary(comparison)


def section(result: CorpusResult, reference_id: str, article_id: str) -> Section:
    article = result.article(article_id)
    name = display_name(article.outlet, article_id)
    comparison = compare(result, reference_id, article_id)
    return Section(
        article_id=strip_control(article_id),
        outlet=name,
        title=display_title(article.title),
        tally=tally(comparison),
        rows=tuple(row_view(result, row) for row in comparison.rows),
    )


# --- first page --------------------------------------------------------------------------


def article_line(summary: ArticleSummary, reference_id: str) -> ArticleLine:
    figures = summary.changes
    return ArticleLine(
        article_id=strip_control(summary.article_id),
        name=display_name(summary.outlet, summary.article_id),
        title=display_title(summary.title),
        published=summary.published or "—",
        credited=", ".join(summary.credited_wires) or "—",
        shares=format_shares(summary.origin_shares),
        own=percent(summary.own_share),
        unknown=percent(summary.unknown_share),
        added=percent(figures.added_share) if figures else "—",
        dropped=percent(figures.dropped_share) if figures else "—",
        changed=percent(figures.changed_share) if figures else "—",
        altered_quotes=str(figures.altered_quotes) if figures else "—",
        is_reference=summary.article_id == reference_id,
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
    charts: bool = True,
) -> Report:
    """Everything the template needs for one story, computed once, in print-ready strings.
    `view` is the story's `story_view`, when the caller has it already. `charts` False leaves
    the charts out (drawing them is most of a report's cost; their figures are in its table).

    With `article_id`, the report of that article alone: the same first page, then only its
    comparison with the reference. The reference itself has no comparison of its own, so its
    report keeps every section: they are the comparisons it is the reference of.
    """
    whole = view or story_view(result, story)
    view, reconstructed = whole.result, whole.reconstruction_id
    reference_id = reference_article(view, view.stories[0])
    reference = view.article(reference_id)
    name = display_name(reference.outlet, reference_id)
    label = name if reconstructed else display_label(name, reference_id)
    others = tuple(a for a in story.article_ids if a != reference_id)
    everyone = others if reconstructed else (reference_id, *sorted(others))
    listed, unlisted = everyone[:FIRST_PAGE_ARTICLES], everyone[FIRST_PAGE_ARTICLES:]
    changed = changes_in_story(whole)
    summaries = [summarise_article(result, a, changed.get(a)) for a in listed]
    lines = tuple(article_line(s, reference_id) for s in summaries)
    named = list(zip(lines, summaries, strict=True))
    headline = result.article(reference_article(result, story)) if reconstructed else reference
    title = display_title(headline.title)
    shown = others if article_id in (None, reference_id) else (article_id,)
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
        articles=lines,
        unlisted=tuple(strip_control(a) for a in unlisted),
        sections=tuple(section(view, reference_id, a) for a in shown),
        focus=focus_line(result, article_id, reference_id, reconstructed),
        reconstruction=reconstruction_lines(view, reconstructed),
        shares_chart=(
            data_uri(shares_chart([(ln.name, word_shares(s)) for ln, s in named])) if charts else ""
        ),
        timeline_chart=timeline_uri([(ln.name, s.published) for ln, s in named]) if charts else "",
    )


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


def word_shares(summary: ArticleSummary) -> list[tuple[str, float]]:
    """Each origin's share of the article's words: wires largest first, then own, unknown."""
    words = dict(summary.origin_words)
    total = sum(words.values()) or 1
    wires = sorted((o for o in words if o not in (OWN, UNKNOWN)), key=lambda o: (-words[o], o))
    return [(o, words[o] / total) for o in [*wires, OWN, UNKNOWN] if words.get(o)]


def timeline_uri(points: list[tuple[str, str]]) -> str:
    svg = timeline_chart(points)
    return data_uri(svg) if svg else ""


def reconstruction_lines(
    view: CorpusResult, reconstructed: str | None
) -> tuple[tuple[str, str], ...]:
    """Each reconstructed sentence and the articles whose versions it was built from."""
    if reconstructed is None:
        return ()
    by_id = view.passages_by_id
    lines = []
    for sentence in view.passages_of(reconstructed):
        carriers = sorted(
            {
                strip_control(by_id[m.other(sentence.passage_id)].article_id)
                for m in view.matches_of.get(sentence.passage_id, ())
            }
        )
        lines.append((sentence.text, f"carried by {len(carriers)}: {', '.join(carriers)}"))
    return tuple(lines)


# --- HTML and PDF ------------------------------------------------------------------------


@cache
def environment() -> Environment:
    """The report's Jinja environment: autoescaped, and strict, so a template that names a
    field the `Report` lacks fails loudly instead of printing an empty cell."""
    return Environment(
        loader=PackageLoader("attrib.render", "templates"),
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
    return files("attrib.render").joinpath("templates", STYLESHEET).read_text(encoding="utf-8")


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
            if url.startswith(CHART_URI):  # attrib's own charts, inside the document
                return super().fetch(url, headers)
            self.asked.append(url)
            raise FetchRefused(f"attrib reports fetch nothing; refused {url}")

    return RefusingFetcher


def refusing_fetcher() -> URLFetcher:
    """A fresh `RefusingFetcher` (see `_refusing_fetcher_class`)."""
    return _refusing_fetcher_class()()


Paper = Literal["a4", "letter"]


def html_to_pdf(html: str, fetcher: URLFetcher | None = None, paper: Paper = "a4") -> bytes:
    """Lay out `html` with the report stylesheet and return the PDF bytes, fetching nothing.
    The stylesheet is laid out for A4; US Letter only changes the page size."""
    from weasyprint import CSS, HTML

    fetcher = fetcher if fetcher is not None else refusing_fetcher()
    sheets = [stylesheet_text(), *(["@page { size: letter; }"] if paper == "letter" else [])]
    css = [CSS(string=sheet, base_url=None, url_fetcher=fetcher) for sheet in sheets]
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=css)
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
