"""The run as static web pages beside the PDFs: `index.html`, and `story-s1.html` for each
story of two or more articles, read from `file://` with no network and no server.

Public API:
    `story_page_html(report, nav, pdf)`: a story's page: the PDF's own `Report` through the
        PDF's own template (`story.html.j2`, extended by `story_page.html.j2`), with a screen
        stylesheet inlined and links to the index, the story's PDF and its neighbours.
    `index_html(index)`: the index page; `build_index(result, summaries, written)` its context.
    `story_links(result, stories)`, `page_navigation(links)`: the stories with a page in the
        index's order, and each page's previous and next story, known before any is written.
    `INDEX_NAME`, `story_page_name(story_id)`, `article_anchor(article_id)`: the names the
        pages link by, made only from ids.

A page is opened by someone who did not write the corpus, in the browser they use for
everything else, so three rules hold (`tests/test_html.py` checks each in Chromium):
- Article text reaches a page only through Jinja's autoescape. The only markup marked safe is
  attrib's own: the stylesheet and the filter script, read from the package (`Assets`).
- A Content-Security-Policy in each page allows that stylesheet and script by their hashes
  and nothing to be fetched, so a tag that slipped through would still load nothing and run
  nothing.
- Everything is visible without JavaScript; the index's script only reveals the filter and
  hides the rows it rules out.

The pages have no time stamp and every list has an explicit sort key: the same corpus gives
the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from markupsafe import Markup

from attrib.models import CorpusResult, Story, origin_wires
from attrib.output.figures import origin_label, percent
from attrib.output.files import safe_stem
from attrib.output.names import display_title
from attrib.output.pdf import STYLESHEET, environment, stylesheet_text
from attrib.output.report_context import Report, story_title
from attrib.output.safety import strip_control
from attrib.views.shares import ArticleShares, OutletShares, outlet_shares

INDEX_NAME = "index.html"
INDEX_TEMPLATE = "index.html.j2"
PAGE_TEMPLATE = "story_page.html.j2"
SCREEN_STYLESHEET = "site.css"
FILTER_SCRIPT = "filter.js"
NO_OUTLET = "(no outlet)"


def story_page_name(story_id: str) -> str:
    return f"story-{story_id}.html"


def story_pdf_name(story_id: str) -> str:
    return f"story-{story_id}.pdf"


def article_anchor(article_id: str) -> str:
    """The element id an article's comparison goes by on its story page. An article id is
    anyone's string (spaces, quotes, `#`); `safe_stem` makes it a valid, unique fragment."""
    return f"article-{safe_stem(strip_control(article_id))}"


# --- what every page carries -------------------------------------------------------------


@dataclass(frozen=True)
class Assets:
    """A page's inline stylesheet and script: attrib's own files, never article text, so
    they alone are marked safe. `policy` allows exactly these two and fetches nothing."""

    style: Markup
    script: Markup

    @property
    def policy(self) -> str:
        return content_policy(self.style, self.script)


def source_hash(text: str) -> str:
    """A CSP source expression allowing the inline element whose content is exactly `text`."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def content_policy(style: str, script: str) -> str:
    """Nothing from anywhere (`default-src 'none'`) but the page's own style and script by
    hash: no image, no inline handler, no `javascript:` URL, no other `<style>` or `<script>`
    can act even if one reached the page."""
    sources = [
        "default-src 'none'",
        f"style-src {source_hash(style)}",
        *([f"script-src {source_hash(script)}"] if script else []),
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(sources)


@cache
def asset_text(name: str) -> str:
    """One of the package's page assets (`site.css`, `filter.js`), read once per process."""
    return files("attrib.output").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def story_assets() -> Assets:
    """The PDF's stylesheet with the screen's rules after it: one look, two media."""
    style = f"{stylesheet_text()}\n/* {SCREEN_STYLESHEET}, after {STYLESHEET} */\n"
    return Assets(Markup(style + asset_text(SCREEN_STYLESHEET)), Markup(""))


@cache
def index_assets() -> Assets:
    return Assets(Markup(asset_text(SCREEN_STYLESHEET)), Markup(asset_text(FILTER_SCRIPT)))


# --- story pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryLink:
    """A story as another page names it: its id, its headline and its page."""

    story_id: str
    title: str
    href: str


@dataclass(frozen=True)
class StoryNav:
    """A story page's neighbours in the index's first order (largest story first)."""

    previous: StoryLink | None = None
    next: StoryLink | None = None


@dataclass(frozen=True)
class StoryPage:
    """What `story_page.html.j2` adds to the PDF's `Report`.

    Attributes:
        assets: the inline stylesheet (the PDF's, then the screen's) and the page's policy.
        index: the index page, relative to this one.
        pdf: the story's PDF beside the page, "" when the run wrote none.
        nav: the previous and next stories.
        anchors: each comparison's element id, by `Section.article_id`.
        table_anchor: the reference's element id, on the articles table ("" when the
            reference is the reconstructed wire text, which the index does not list).
    """

    assets: Assets
    index: str
    pdf: str
    nav: StoryNav
    anchors: Mapping[str, str]
    table_anchor: str


def by_size(stories: Iterable[Story]) -> list[Story]:
    """Largest story first, then by id: the index's first order, and the pages'."""
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.story_id))


def story_links(result: CorpusResult, stories: Iterable[Story]) -> tuple[StoryLink, ...]:
    return tuple(
        StoryLink(s.story_id, story_title(result, s), story_page_name(s.story_id))
        for s in by_size(stories)
    )


def page_navigation(links: Sequence[StoryLink]) -> dict[str, StoryNav]:
    """Each page's neighbours, decided before any page is written: pages are written on
    several processes at once, and each must know where its links lead."""
    padded = [None, *links, None]
    return {link.story_id: StoryNav(padded[n], padded[n + 2]) for n, link in enumerate(links)}


def table_anchor(report: Report) -> str:
    """The reference has no comparison of its own, so the index's link to it lands on the
    articles table, where its line is."""
    sectioned = {s.article_id for s in report.sections}
    return next(
        (
            article_anchor(line.article_id)
            for line in report.articles
            if line.is_reference and line.article_id not in sectioned
        ),
        "",
    )


def story_page_html(report: Report, nav: StoryNav, pdf: str = "") -> str:
    """One story's page. `report` is the PDF's own context, so page and PDF cannot differ."""
    page = StoryPage(
        assets=story_assets(),
        index=INDEX_NAME,
        pdf=pdf,
        nav=nav,
        anchors={s.article_id: article_anchor(s.article_id) for s in report.sections},
        table_anchor=table_anchor(report),
    )
    return environment().get_template(PAGE_TEMPLATE).render(report=report, page=page)


# --- the index ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the index's filter matches a row on, as JSON lists for `data-` attributes: the
    outlets (by their `outlets.csv` name) and the agencies (wires its text came from, or it
    credits). A story is shown while one of its articles is: it has no filters of its own, or
    an outlet's article without AFP and another with would show it for "that outlet and AFP"."""

    outlets: str
    wires: str


@dataclass(frozen=True)
class ArticleEntry:
    """One article under its story in the index, figures formatted for reading."""

    article_id: str
    outlet: str
    title: str
    published: str
    origin: str
    wire_copy: bool  # an agency's own copy in the corpus, not an outlet's article
    href: str  # its place on the story page, "" when the story has none
    filters: Filters


@dataclass(frozen=True)
class StoryEntry:
    story_id: str
    title: str
    first_published: str
    articles: tuple[ArticleEntry, ...]  # earliest first, undated last
    href: str  # the story page, "" for a story of one article (no page, as no PDF)
    pdf: str  # the story's PDF, "" when none was written


@dataclass(frozen=True)
class OutletEntry:
    """One row of `outlets.csv` in percents, as `attrib summary` prints it."""

    outlet: str
    articles: str
    words: str
    wire_share: str
    wire_shares: str
    joint_share: str
    uncredited_share: str
    own_share: str
    unknown_share: str
    filters: Filters


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Index:
    """Everything `index.html.j2` prints.

    Attributes:
        assets: the screen stylesheet and the filter script, and the policy allowing them.
        overview: one sentence of counts.
        by_size: every story, largest first, each with its articles.
        by_time: the same stories, earliest first publication first, undated last.
        outlets: `outlets.csv`'s rows.
        outlet_choices, wire_choices: the filter's options.
    """

    assets: Assets
    overview: str
    by_size: tuple[StoryEntry, ...]
    by_time: tuple[StoryEntry, ...]
    outlets: tuple[OutletEntry, ...]
    outlet_choices: tuple[Choice, ...]
    wire_choices: tuple[Choice, ...]


def outlet_key(outlet: str) -> str:
    """An outlet as the filter and `outlets.csv` group it ("" when unknown)."""
    return strip_control(outlet).strip()


def article_wires(summary: ArticleShares) -> set[str]:
    """The agencies an article draws on: the wires of its origins, joint ones split, and the
    wires it credits, so "AFP" finds both the copy it shows and the copy it admits to."""
    carried = {w for origin, _ in summary.origin_shares for w in origin_wires(origin)}
    return {strip_control(w) for w in carried | set(summary.credited_wires)}


def filters(outlets: Iterable[str], wires: Iterable[str]) -> Filters:
    def listed(values: Iterable[str]) -> str:
        return json.dumps(sorted(set(values), key=_name_order), ensure_ascii=False)

    return Filters(listed(outlets), listed(wires))


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def _time_order(published: str) -> tuple[bool, str]:
    """Dated first, earliest first: `published` is ISO 8601 (`published.py`), so text order
    is time order."""
    return (not published, published)


def article_entry(summary: ArticleShares, href: str) -> ArticleEntry:
    return ArticleEntry(
        article_id=strip_control(summary.article_id),
        outlet=outlet_key(summary.outlet) or NO_OUTLET,
        title=display_title(summary.title),
        published=summary.published or "—",
        origin=origin_label(summary.primary_origin),
        wire_copy=summary.kind == "wire",
        href=f"{href}#{article_anchor(summary.article_id)}" if href else "",
        filters=filters([outlet_key(summary.outlet)], article_wires(summary)),
    )


def story_entry(
    result: CorpusResult,
    story: Story,
    summaries: Mapping[str, ArticleShares],
    written: Collection[str],
) -> StoryEntry:
    members = sorted(
        (summaries[a] for a in story.article_ids),
        key=lambda s: (*_time_order(s.published), s.article_id),
    )
    page = story_page_name(story.story_id)
    href = page if page in written else ""
    return StoryEntry(
        story_id=story.story_id,
        title=story_title(result, story),
        first_published=first_published(story, summaries) or "—",
        articles=tuple(article_entry(s, href) for s in members),
        href=href,
        pdf=name if (name := story_pdf_name(story.story_id)) in written else "",
    )


def first_published(story: Story, summaries: Mapping[str, ArticleShares]) -> str:
    """When the story's first article was published, "" when none of them says."""
    dated = (summaries[a].published for a in story.article_ids)
    return min((published for published in dated if published), default="")


def outlet_entry(outlet: OutletShares, wires: Iterable[str]) -> OutletEntry:
    return OutletEntry(
        outlet=outlet_key(outlet.outlet) or NO_OUTLET,
        articles=str(outlet.articles),
        words=f"{outlet.words:,}",
        wire_share=percent(outlet.share(outlet.wire_total)),
        wire_shares=", ".join(
            f"{wire} {percent(outlet.share(words))}" for wire, words in outlet.wire_words
        )
        or "—",
        joint_share=percent(outlet.share(outlet.joint_words)),
        uncredited_share=percent(outlet.share(outlet.uncredited_words)),
        own_share=percent(outlet.share(outlet.own_words)),
        unknown_share=percent(outlet.share(outlet.unknown_words)),
        filters=filters([outlet_key(outlet.outlet)], wires),
    )


def counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def overview(result: CorpusResult, outlets: int, wire_copies: int) -> str:
    """The run in one sentence. Outlets are counted as `outlets.csv` lists them, so the
    agencies' own copy is counted apart, not as outlets."""
    paged = len(result.reported_stories)
    copies = f" ({wire_copies} of them agency wire copy)" if wire_copies else ""
    return (
        f"{counted(len(result.articles), 'article', 'articles')}{copies} in "
        f"{counted(len(result.stories), 'story', 'stories')}, from "
        f"{counted(outlets, 'outlet', 'outlets')}; "
        f"{counted(paged, 'story has', 'stories have')} two or more articles, and a page "
        "comparing them."
    )


def build_index(
    result: CorpusResult, summaries: Sequence[ArticleShares], written: Collection[str]
) -> Index:
    """The index of a run. `written` names the files beside it (`story-s1.html`,
    `story-s1.pdf`): a story links only to what exists."""
    by_article = {s.article_id: s for s in summaries}
    entries = {s.story_id: story_entry(result, s, by_article, written) for s in result.stories}
    by_time = sorted(
        result.stories,
        key=lambda s: (*_time_order(first_published(s, by_article)), s.story_id),
    )
    wires_of: dict[str, set[str]] = {}
    for s in summaries:
        wires_of.setdefault(s.outlet, set()).update(article_wires(s))
    outlet_rows = outlet_shares(summaries)
    keys = {outlet_key(s.outlet) for s in summaries}
    wire_copies = sum(s.kind == "wire" for s in summaries)
    return Index(
        assets=index_assets(),
        overview=overview(result, len(outlet_rows), wire_copies),
        by_size=tuple(entries[s.story_id] for s in by_size(result.stories)),
        by_time=tuple(entries[s.story_id] for s in by_time),
        outlets=tuple(outlet_entry(o, wires_of.get(o.outlet, ())) for o in outlet_rows),
        outlet_choices=tuple(Choice(k, k or NO_OUTLET) for k in sorted(keys, key=_name_order)),
        wire_choices=tuple(
            Choice(w, w)
            for w in sorted({w for s in summaries for w in article_wires(s)}, key=_name_order)
        ),
    )


def index_html(index: Index) -> str:
    return environment().get_template(INDEX_TEMPLATE).render(index=index)
