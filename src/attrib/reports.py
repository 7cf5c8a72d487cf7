"""Write a run's outputs into a folder: the CSV tables, and for each story of 2+ articles a
PDF report and, without wire copy, its reconstructed wire text.

File names come only from ids attrib made (`story-s1.pdf`, `wire-s1.txt`), never from article
text. A story whose PDF fails is reported and the others are still written; files an earlier
run left under ids this run no longer has are removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from attrib.files import write_atomic
from attrib.models import CorpusResult
from attrib.pipeline import Track, no_progress
from attrib.reconstruct import StoryView
from attrib.render.pdf import write_story_pdf
from attrib.render.tables import write_tables
from attrib.summary import ArticleSummary, story_changes, story_views, summarise


@dataclass(frozen=True)
class ReportFiles:
    tables: list[Path]
    pdfs: list[Path]
    failures: list[tuple[str, str]] = field(default_factory=list)


def write_reports(
    result: CorpusResult,
    out: Path,
    *,
    neutralise_cells: bool = True,
    pdf: bool = True,
    track: Track = no_progress,
) -> tuple[ReportFiles, tuple[ArticleSummary, ...]]:
    views = story_views(result)
    changed = story_changes(result, views)
    summaries = summarise(result, changed)
    tables = write_tables(result, summaries, changed, out, neutralise_cells)
    pdfs: list[Path] = []
    failures: list[tuple[str, str]] = []
    stories = result.reported_stories if pdf else ()
    for story in track(stories, "Writing PDF reports", len(stories)):
        path = out / f"story-{story.story_id}.pdf"
        try:
            write_story_pdf(result, story, path, view=views[story.story_id])
        except Exception as error:  # the edge: one bad story must not stop the others
            failures.append((path.name, f"{type(error).__name__}: {error}"))
            continue
        pdfs.append(path)
    texts = write_reconstructions(views, out)
    remove_stale_reports(out, {p.name for p in [*pdfs, *texts]} | {name for name, _ in failures})
    return ReportFiles([*tables, *texts], pdfs, failures), summaries


def write_reconstructions(views: Mapping[str, StoryView], out: Path) -> list[Path]:
    """`wire-<story>.txt` for each story of two or more articles without wire copy."""
    written = []
    for story_id, view in sorted(views.items()):
        if view.reconstruction_id is not None:
            path = out / f"wire-{story_id}.txt"
            write_atomic(path, view.result.article(view.reconstruction_id).article.text)
            written.append(path)
    return written


def remove_stale_reports(out: Path, current: set[str]) -> None:
    """Story ids are renumbered on every run, so an earlier run's `story-*.pdf` would sit
    beside this run's and describe other articles under the same name: remove them."""
    for pattern in ("story-*.pdf", "wire-*.txt"):
        for path in out.glob(pattern):
            if path.name not in current:
                path.unlink(missing_ok=True)
