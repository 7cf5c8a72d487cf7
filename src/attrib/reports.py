"""Write a run's outputs into a folder: the CSV tables, and for each story of 2+ articles a
PDF report and, without wire copy, its reconstructed wire text (`write_reports`, for
`attrib run`); or only the PDFs someone asks for, a story's or one article's
(`requested_reports` and `write_pdf_reports`, for `attrib report`).

File names come only from ids attrib made (`story-s1.pdf`, `wire-s1.txt`), never from article
text; an article's report is named by `files.safe_stem` of its id. A story whose PDF fails
is reported and the others are still written; files an earlier run left under ids this run
no longer has are removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from attrib.errors import ArticleNotFound, ArticleNotInStory, NothingToReport, StoryNotFound
from attrib.files import (
    output_lock,
    prepare_out,
    publish,
    record_written,
    safe_stem,
    staged,
    write_atomic,
    written_before,
)
from attrib.models import CorpusResult, Story
from attrib.options import Options
from attrib.pool import Track, in_pool, no_progress, worker_count
from attrib.reconstruct import StoryView, story_view
from attrib.render.pdf import Paper, write_story_pdf
from attrib.render.tables import TableFormat, write_tables
from attrib.store.result import RESULT_NAME, save_result
from attrib.summary import ArticleChanges, ArticleSummary, changes_in_story, summarise


@dataclass(frozen=True)
class ReportFiles:
    tables: list[Path]
    pdfs: list[Path]
    failures: list[tuple[str, str]] = field(default_factory=list)
    result: Path | None = None  # the run's whole result (`store.save_result`), for the views


@dataclass(frozen=True)
class StoryReport:
    """What one story contributes to a run's reports, computed apart from the others."""

    story_id: str
    changes: dict[str, ArticleChanges]
    wire_text: Path | None
    pdf: Path | None
    failure: tuple[str, str] | None


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
) -> tuple[ReportFiles, tuple[ArticleSummary, ...]]:
    """Every story's view, changes, wire text and PDF on all cores; then the tables, and with
    the run's `options`, its whole result for `attrib show` and the other views to read. All
    is written into a staging folder and renamed into `out` at the end (`files.staged`)."""
    stories = result.reported_stories
    _index(result)  # built once here, inherited by forked workers
    with staged(out) as staging:
        reports = [
            report
            for chunk in in_pool(
                _report_stories,
                (result, staging, paper if pdf else None),
                _story_tasks(stories),
                worker_count(workers),
                track,
                "Writing story reports",
            )
            for report in chunk
        ]
        changed = {k: v for r in reports for k, v in r.changes.items()}
        summaries = summarise(result, changed)
        tables = write_tables(result, summaries, changed, staging, neutralise_cells, formats)
        pdfs = [r.pdf.name for r in reports if r.pdf is not None]
        texts = sorted(r.wire_text.name for r in reports if r.wire_text is not None)
        failures = [r.failure for r in reports if r.failure is not None]
        kept = []
        if options is not None:
            save_result(staging / RESULT_NAME, result, options)
            kept = [RESULT_NAME]
        written = ReportFiles(
            tables=publish(staging, out, [*(t.name for t in tables), *texts]),
            pdfs=publish(staging, out, pdfs),
            failures=failures,
            result=next(iter(publish(staging, out, kept)), None),
        )
        # A story whose PDF failed loses the earlier run's file of that name too: it would
        # describe other articles (ids are renumbered each run).
        names = {p.name for p in [*written.tables, *written.pdfs]} | set(kept)
        remove_stale_reports(out, names)
    return written, summaries


def _index(result: CorpusResult) -> None:
    for index in ("passages_by_id", "matches_of", "story_of", "_articles_by_id"):
        getattr(result, index)
    result.passages_of("")


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


def _report_stories(
    shared: tuple[CorpusResult, Path, Paper | None], stories: Sequence[Story]
) -> list[StoryReport]:
    result, out, paper = shared
    return [_report_story(result, story, out, paper) for story in stories]


def _report_story(
    result: CorpusResult, story: Story, out: Path, paper: Paper | None
) -> StoryReport:
    """`paper` None: no PDF."""
    view = story_view(result, story)
    changes = changes_in_story(view)
    wire_text = None
    if view.reconstruction_id is not None:
        wire_text = out / f"wire-{story.story_id}.txt"
        write_atomic(wire_text, view.result.article(view.reconstruction_id).article.text)
    written, failure = None, None
    if paper is not None:
        written, failure = _write_pdf(result, ReportRequest(story), out, paper, view)
    # The side-by-side rows stay behind: the tables need only the changes and figures.
    slim = {k: replace(v, comparison=None) for k, v in changes.items()}
    return StoryReport(story.story_id, slim, wire_text, written, failure)


def _write_pdf(
    result: CorpusResult,
    asked: ReportRequest,
    out: Path,
    paper: Paper,
    view: StoryView | None = None,
) -> tuple[Path | None, tuple[str, str] | None]:
    """The PDF written, or the failure that stopped it: one bad story must not stop the others."""
    path = out / asked.file_name
    try:
        write_story_pdf(
            result, asked.story, path, view=view, paper=paper, article_id=asked.article_id
        )
    except Exception as error:  # the edge, per report
        return None, (path.name, f"{type(error).__name__}: {error}")
    return path, None


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
    """The PDFs asked for, on all cores; nothing else in `out` is touched."""
    prepare_out(out)
    _index(result)
    with output_lock(out):
        done = in_pool(
            _report_pdf,
            (result, out, paper),
            asked,
            worker_count(workers),
            track,
            "Writing reports",
        )
        pdfs = [path for path, _ in done if path is not None]
        record_written(out, written_before(out) | {path.name for path in pdfs})
    return ReportFiles(
        tables=[], pdfs=pdfs, failures=[failure for _, failure in done if failure is not None]
    )


def _report_pdf(
    shared: tuple[CorpusResult, Path, Paper], asked: ReportRequest
) -> tuple[Path | None, tuple[str, str] | None]:
    result, out, paper = shared
    return _write_pdf(result, asked, out, paper)


def remove_stale_reports(out: Path, current: set[str]) -> None:
    """Story ids are renumbered on every run, so an earlier run's `story-s9.pdf` would sit
    beside this run's and describe other articles under the same name: remove what attrib
    wrote there before (`files.WRITTEN_LIST`) and this run did not write again, article
    reports included. A file attrib did not write is never touched, whatever its name."""
    for name in sorted(written_before(out) - current):
        if "/" not in name and not name.startswith("."):
            (out / name).unlink(missing_ok=True)
    record_written(out, current)
