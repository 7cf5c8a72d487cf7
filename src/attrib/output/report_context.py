"""A story's report as data: the `Report` that `story.html.j2` prints, for the PDF and the
story's web page alike.

Public API:
    `report_context(result, story, compared, article_id)`: the `Report`, from the story's
        comparisons (`shares.compare_story`), computed once per run and shared with the tables.
    `story_title(result, story)`: a story's headline, shared with its web page.
    `FIRST_PAGE_ARTICLES`: how many articles the first page tabulates.

Small pure functions turn a `CorpusResult` into strings and tuples, so the template only
formats: the first page here (with `overview` for its lines, matrix and timeline), one
`sections.Section` per comparison after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from attrib.models import OWN, CorpusResult, Story
from attrib.output.figures import shares_label
from attrib.output.names import UNTITLED, display_label, display_name, display_title
from attrib.output.overview import (
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
from attrib.output.sections import Section, figures_of, section
from attrib.views.compare import reference_article
from attrib.views.shares import (
    ArticleChanges,
    ArticleShares,
    ComparedStory,
    article_shares,
    compare_story,
)

# A story carried by hundreds of outlets would fill pages with its table, and its matrix's
# columns would be too narrow to read: the first page tabulates the reference and 30 others.
FIRST_PAGE_ARTICLES = 30


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


@dataclass(frozen=True)
class Placed:
    """Where an article stands on the first page: its matrix key, whether its label needs its
    id, and its time after the first with its dot's class on the timeline."""

    key: str
    label_has_id: bool
    published: str
    after: str
    tick: str


def origins_text(summary: ArticleShares) -> str:
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
    summary: ArticleShares,
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
    compared: ComparedStory | None = None,
    article_id: str | None = None,
) -> Report:
    """Everything the template needs for one story, in print-ready strings. `compared` is the
    story's view and comparisons (`shares.compare_story`): a run computes them once and hands
    them to the tables, the PDF and the page; without them (a test, one report) they are
    computed here.

    With `article_id`, the report of that article alone: the same first page, then only its
    comparison with the reference. The reference itself has no comparison of its own, so its
    report keeps every section: they are the comparisons it is the reference of.
    """
    compared = compare_story(result, story) if compared is None else compared
    view, reconstructed = compared.view.result, compared.view.reconstruction_id
    changed = compared.changes
    reference_id = reference_article(view, view.stories[0])
    reference = view.article(reference_id)
    everyone = [a for a in story.article_ids if a != reference_id or not reconstructed]
    ordered = publication_order(article_shares(result, a, changed.get(a)) for a in everyone)
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
        reference_note=reference_note(view, reference_id, label, reconstructed),
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


def reference_note(
    view: CorpusResult, reference_id: str, label: str, reconstructed: str | None
) -> str:
    """One line saying which article every comparison is set against, and why that one."""
    if reconstructed:
        return (
            "Reference: the story's reconstructed wire text (the corpus holds no agency "
            "original); every other article is shown against it."
        )
    return (
        f"Reference: {label}, chosen as {reference_reason(view, reference_id)}; every "
        "other article is shown against it."
    )


def first_page_split(
    ordered: Sequence[ArticleShares], changed: Mapping[str, ArticleChanges]
) -> tuple[list[ArticleShares], list[ArticleShares]]:
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
    ordered: Sequence[ArticleShares],
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
    ordered: Sequence[ArticleShares],
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
