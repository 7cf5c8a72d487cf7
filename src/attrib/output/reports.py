"""Write a run's outputs into a folder: the CSV tables, and for each story of 2+ articles a
PDF report, a web page (`html`) and, without wire copy, its reconstructed wire text,
then `index.html` over all stories (`write_reports`, for `attrib run`); or only the PDFs
someone asks for, a story's or one article's (`requested_reports` and `write_pdf_reports`,
for `attrib report`).

Each story is compared once (`shares.compare_story`): its tables' changes, its PDF and its page
are drawn from those comparisons, the PDF and page from one `Report`
(`report_context.report_context`); `attrib report` writes all the PDFs asked of a story from
one comparison too. `html=False` leaves the pages out.

File names come only from ids attrib made (`story-s1.pdf`, `story-s1.html`, `wire-s1.txt`),
never from article text; an article's report is named by `files.safe_stem` of its id. A
story whose PDF or page fails is reported and the others are still written; files an earlier
run left under ids this run no longer has are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from attrib.engines.store.result import save_result
from attrib.errors import ArticleNotFound, ArticleNotInStory, NothingToReport, StoryNotFound
from attrib.models import RESULT_NAME, CorpusResult, Story
from attrib.options import Options
from attrib.output.files import (
    check_result_target,
    output_lock,
    prepare_out,
    publish,
    record_written,
    safe_stem,
    staged,
    write_atomic,
    written_before,
)
from attrib.output.html import (
    INDEX_NAME,
    StoryNav,
    build_index,
    index_html,
    page_navigation,
    story_links,
    story_page_html,
    story_page_name,
)
from attrib.output.pdf import Paper, html_to_pdf, render_html, story_html
from attrib.output.report_context import report_context
from attrib.output.tables import TableFormat, write_tables
from attrib.pool import Track, in_pool, no_progress, worker_count
from attrib.views.shares import (
    ArticleChanges,
    ArticleShares,
    ComparedStory,
    compare_story,
    corpus_shares,
)


@dataclass(frozen=True)
class ReportFiles:
    tables: list[Path]
    pdfs: list[Path]
    failures: list[tuple[str, str]] = field(default_factory=list)
    result: Path | None = None  # the run's whole result (`store.result.save_result`), for the views
    pages: list[Path] = field(default_factory=list)  # `index.html` last, after the stories'


@dataclass(frozen=True)
class StoryReport:
    """What one story contributes to a run's reports, computed apart from the others."""

    story_id: str
    changes: dict[str, ArticleChanges]
    wire_text: Path | None
    pdf: Path | None
    page: Path | None
    failures: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportRequest:
    """One PDF `attrib report` writes: a story's, or one article's within its story."""

    story: Story
    article_id: str | None = None

    @property
    def file_name(self) -> str:
        if self.article_id is None:
            return f"story-{self.story.story_id}.pdf"
        return f"article-{safe_stem(self.article_id)}.pdf"


ARTICLES_PER_TASK = 400


def write_reports(
    result: CorpusResult,
    out: Path,
    *,
    neutralise_cells: bool = True,
    pdf: bool = True,
    track: Track = no_progress,
    workers: int = 0,
    formats: Sequence[TableFormat] = ("csv",),
    paper: Paper = "a4",
    options: Options | None = None,
    html: bool = True,
) -> tuple[ReportFiles, tuple[ArticleShares, ...]]:
    """Every story's view, changes, wire text, PDF and page on all cores; then the tables,
    the index page, and with the run's `options`, its whole result for `attrib show` and the
    other views to read. All is written into a staging folder and renamed into `out` at the
    end (`files.staged`)."""
    if options is not None:
        check_result_target(out)
    stories = result.reported_stories
    tasks = _story_tasks(stories)
    _index(result)  # built once here, inherited by forked workers
    navs = page_navigation(story_links(result, stories)) if html else None
    with staged(out) as staging:
        reports = [
            report
            for chunk in in_pool(
                _report_stories,
                (result, staging, paper if pdf else None, navs),
                tasks,
                worker_count(workers),
                track,
                "Writing story reports",
            )
            for report in chunk
        ]
        changed = {k: v for r in reports for k, v in r.changes.items()}
        summaries = corpus_shares(result, changed)
        tables = write_tables(result, summaries, changed, staging, neutralise_cells, formats)
        pdfs = [r.pdf.name for r in reports if r.pdf is not None]
        pages = [r.page.name for r in reports if r.page is not None]
        if html:
            pages.append(write_index(result, summaries, staging, [*pdfs, *pages]).name)
        texts = sorted(r.wire_text.name for r in reports if r.wire_text is not None)
        failures = [failure for r in reports for failure in r.failures]
        kept = []
        if options is not None:
            save_result(staging / RESULT_NAME, result, options)
            kept = [RESULT_NAME]
        tabled = [*(t.name for t in tables), *texts]
        written = _publish_run(staging, out, tabled, pdfs, pages, kept, failures)
    return written, summaries


def _publish_run(
    staging: Path,
    out: Path,
    tables: Sequence[str],
    pdfs: Sequence[str],
    pages: Sequence[str],
    kept: Sequence[str],
    failures: list[tuple[str, str]],
) -> ReportFiles:
    """The staged files renamed into `out`, the run's result (`kept`) last, and what an
    earlier run left there that this one did not write again removed."""
    # The earlier result goes first and this one comes last: a run killed while publishing
    # leaves no result beside tables it does not describe (the views then say so).
    (out / RESULT_NAME).unlink(missing_ok=True)
    tables_written = publish(staging, out, tables)
    pdfs_written = publish(staging, out, pdfs)
    pages_written = publish(staging, out, pages)
    written = ReportFiles(
        tables=tables_written,
        pdfs=pdfs_written,
        failures=failures,
        result=next(iter(publish(staging, out, kept)), None),
        pages=pages_written,
    )
    # A story whose PDF or page failed loses the earlier run's file of that name too: it
    # would describe other articles (ids are renumbered each run).
    names = {p.name for p in [*written.tables, *written.pdfs, *written.pages]} | set(kept)
    remove_stale_reports(out, names)
    return written


def _index(result: CorpusResult) -> None:
    for index in ("passages_by_id", "matches_of", "story_of", "_articles_by_id"):
        getattr(result, index)
    result.passages_of("")


# Pages of a story PDF per article, measured on the compact report (issue 15): 0.7 to 1.0 on
# generated stories of 10 to 30 outlets, whose near-identical copies fold away; 2.0 on the
# seeds' edited two-article story. Reckoned high, so the warning comes early, not late.
PAGES_PER_ARTICLE = 1.5
LONG_REPORT_PAGES = 100


def long_reports(
    result: CorpusResult, pages: int = LONG_REPORT_PAGES
) -> list[tuple[str, int, int]]:
    """(story id, articles, pages about) of each story whose PDF will run past `pages`: a
    front end warns before minutes go into one report."""
    found = []
    for story in result.reported_stories:
        estimate = round(len(story.article_ids) * PAGES_PER_ARTICLE)
        if estimate > pages:
            found.append((story.story_id, len(story.article_ids), estimate))
    return found


def _story_tasks(stories: Sequence[Story]) -> list[list[Story]]:
    """Stories in runs of about `ARTICLES_PER_TASK` articles, in order."""
    tasks: list[list[Story]] = [[]]
    size = 0
    for story in stories:
        if size >= ARTICLES_PER_TASK:
            tasks.append([])
            size = 0
        tasks[-1].append(story)
        size += len(story.article_ids)
    return tasks if tasks[0] else []


def write_index(
    result: CorpusResult, summaries: Sequence[ArticleShares], out: Path, written: Sequence[str]
) -> Path:
    """`index.html` over every story of the run, linking to the `written` files beside it."""
    path = out / INDEX_NAME
    write_atomic(path, index_html(build_index(result, summaries, set(written))))
    return path


def _report_stories(
    shared: tuple[CorpusResult, Path, Paper | None, Mapping[str, StoryNav] | None],
    stories: Sequence[Story],
) -> list[StoryReport]:
    result, out, paper, navs = shared
    return [
        _report_story(result, story, out, paper, None if navs is None else navs[story.story_id])
        for story in stories
    ]


def _report_story(
    result: CorpusResult, story: Story, out: Path, paper: Paper | None, nav: StoryNav | None
) -> StoryReport:
    """`paper` None: no PDF; `nav` None: no page. The story is compared here, once, for its
    tables, its PDF and its page."""
    compared = compare_story(result, story)
    view = compared.view
    wire_text = None
    if view.reconstruction_id is not None:
        wire_text = out / f"wire-{story.story_id}.txt"
        write_atomic(wire_text, view.result.article(view.reconstruction_id).article.text)
    pdf, page, failures = _story_files(result, story, compared, out, paper, nav)
    # The side-by-side rows stay behind: the tables need only the changes and figures.
    slim = {k: replace(v, comparison=None) for k, v in compared.changes.items()}
    return StoryReport(story.story_id, slim, wire_text, pdf, page, failures)


def _story_files(
    result: CorpusResult,
    story: Story,
    compared: ComparedStory,
    out: Path,
    paper: Paper | None,
    nav: StoryNav | None,
) -> tuple[Path | None, Path | None, tuple[tuple[str, str], ...]]:
    """The story's PDF and page, each or neither, from one `Report`, and what failed."""
    pdf_path = out / ReportRequest(story).file_name
    page_path = out / story_page_name(story.story_id)
    wanted = [p for p, want in ((pdf_path, paper), (page_path, nav)) if want is not None]
    if not wanted:
        return None, None, ()
    try:
        report = report_context(result, story, compared)
    except Exception as error:  # the edge, per story
        return None, None, tuple((p.name, _reason(error)) for p in wanted)
    pdf = page = None
    failures = []
    if paper is not None:
        pdf, failure = _attempt(pdf_path, lambda: html_to_pdf(render_html(report), paper=paper))
        failures += [failure] if failure else []
    if nav is not None:
        shown = pdf.name if pdf is not None else ""
        page, failure = _attempt(page_path, lambda: story_page_html(report, nav, shown))
        failures += [failure] if failure else []
    return pdf, page, tuple(failures)


def _attempt(
    path: Path, content: Callable[[], bytes | str]
) -> tuple[Path | None, tuple[str, str] | None]:
    """`path` written, or the failure that stopped it: one bad story must not stop the others."""
    try:
        write_atomic(path, content())
    except Exception as error:  # the edge, per file
        return None, (path.name, _reason(error))
    return path, None


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def requested_reports(
    result: CorpusResult, story_ids: Sequence[str] = (), article_ids: Sequence[str] = ()
) -> list[ReportRequest]:
    """The reports named by story id (as `articles.csv` gives them) and by article id, in
    that order; every story of two or more articles when nothing is named."""
    stories = {story.story_id: story for story in result.reported_stories}
    if not story_ids and not article_ids:
        if not stories:
            raise NothingToReport()
        return [ReportRequest(story) for story in stories.values()]
    asked = []
    for story_id in dict.fromkeys(story_ids):
        if story_id not in stories:
            raise StoryNotFound(story_id)
        asked.append(ReportRequest(stories[story_id]))
    for article_id in dict.fromkeys(article_ids):
        if article_id not in result.story_of:
            raise ArticleNotFound(article_id)
        story = stories.get(result.story_of[article_id])
        if story is None:
            raise ArticleNotInStory(article_id)
        asked.append(ReportRequest(story, article_id))
    return asked


def write_pdf_reports(
    result: CorpusResult,
    asked: Sequence[ReportRequest],
    out: Path,
    *,
    paper: Paper = "a4",
    workers: int = 0,
    track: Track = no_progress,
) -> ReportFiles:
    """The PDFs asked for, on all cores, in the order asked; nothing else in `out` is touched.
    The reports of one story are written by one task, from one comparison of the story."""
    prepare_out(out)
    _index(result)
    groups = _by_story(asked)
    with output_lock(out):
        written = in_pool(
            _report_pdfs,
            (result, out, paper),
            [tuple(asked[at] for at in group) for group in groups],
            worker_count(workers),
            track,
            "Writing reports",
        )
        positions = [at for group in groups for at in group]
        outcomes = [outcome for story in written for outcome in story]
        placed = sorted(zip(positions, outcomes, strict=True), key=lambda pair: pair[0])
        done = [outcome for _, outcome in placed]
        pdfs = [path for path, _ in done if path is not None]
        record_written(out, written_before(out) | {path.name for path in pdfs})
    return ReportFiles(
        tables=[], pdfs=pdfs, failures=[failure for _, failure in done if failure is not None]
    )


def _by_story(asked: Sequence[ReportRequest]) -> list[list[int]]:
    """The positions of the requests, grouped by story in the order stories are first asked."""
    groups: dict[str, list[int]] = {}
    for at, request in enumerate(asked):
        groups.setdefault(request.story.story_id, []).append(at)
    return list(groups.values())


def _report_pdfs(
    shared: tuple[CorpusResult, Path, Paper], asked: Sequence[ReportRequest]
) -> list[tuple[Path | None, tuple[str, str] | None]]:
    """The requested PDFs of one story written, each or the failure that stopped it: one bad
    report must not stop the others. The story is compared once for all of them."""
    result, out, paper = shared
    story = asked[0].story
    try:
        compared = compare_story(result, story)
    except Exception as error:  # the edge, per story
        return [(None, (request.file_name, _reason(error))) for request in asked]
    return [_report_pdf(result, compared, request, out, paper) for request in asked]


def _report_pdf(
    result: CorpusResult, compared: ComparedStory, asked: ReportRequest, out: Path, paper: Paper
) -> tuple[Path | None, tuple[str, str] | None]:
    return _attempt(
        out / asked.file_name,
        lambda: html_to_pdf(
            story_html(result, asked.story, compared, asked.article_id), paper=paper
        ),
    )


def remove_stale_reports(out: Path, current: set[str]) -> None:
    """Story ids are renumbered on every run, so an earlier run's `story-s9.pdf` would sit
    beside this run's and describe other articles under the same name: remove what attrib
    wrote there before (`models.WRITTEN_LIST`) and this run did not write again, article
    reports included. A file attrib did not write is never touched, whatever its name."""
    for name in sorted(written_before(out) - current):
        if "/" not in name and not name.startswith("."):
            (out / name).unlink(missing_ok=True)
    record_written(out, current)
