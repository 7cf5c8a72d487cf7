"""One comparison, three views: a run lines each article up against its story's reference once,
and the tables, the PDF and the web page all read that one comparison.

Comparing is most of a report's work before layout (`compare.compare`, then
`classify_changes`, for every article of a story); doing it again per view costs time and
would let the views disagree if the two computations ever drifted.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from attrib.models import CorpusResult
from attrib.output.reports import requested_reports, write_pdf_reports, write_reports
from attrib.views import compare as compare_module
from attrib.views.compare import Comparison

Pairs = Counter[tuple[str, str]]


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Pairs:
    """Every (reference, article) pair `compare.compare` is called with, counted wherever the
    function was imported to (any `attrib` module holding it as `compare`)."""
    original = compare_module.compare
    pairs: Pairs = Counter()

    def counting(result: CorpusResult, left_id: str, right_id: str) -> Comparison:
        pairs[left_id, right_id] += 1
        return original(result, left_id, right_id)

    for name, module in list(sys.modules.items()):
        if name.startswith("attrib") and getattr(module, "compare", None) is original:
            monkeypatch.setattr(module, "compare", counting)
    return pairs


def once_each(pairs: Pairs, result: CorpusResult) -> None:
    """Every article of a story of two or more is compared with its reference (the story's
    reconstructed wire text, or an article of the story), and no pair more than once."""
    reported = {a for story in result.reported_stories for a in story.article_ids}
    assert reported, "the seed corpus should have a story of two or more articles"
    compared = {right for _, right in pairs} | ({left for left, _ in pairs} & reported)
    assert compared == reported, dict(pairs)
    assert set(pairs.values()) == {1}, dict(pairs)


def test_writing_tables_pdfs_and_pages_compares_each_pair_once(
    seed_result: CorpusResult, compared: Pairs, tmp_path: Path
) -> None:
    """`attrib run`'s reports: tables, a PDF and a page per story, the index."""
    files, _ = write_reports(seed_result, tmp_path, pdf=True, html=True, workers=1)
    assert files.pdfs and files.pages and not files.failures
    once_each(compared, seed_result)


@pytest.mark.slow
def test_writing_a_story_and_its_articles_reports_compares_each_pair_once(
    seed_result: CorpusResult, compared: Pairs, tmp_path: Path
) -> None:
    """`attrib report --story s --article a …`: reports of one story share its comparisons."""
    stories = seed_result.reported_stories
    articles = [a for story in stories for a in story.article_ids]
    asked = requested_reports(seed_result, [s.story_id for s in stories], articles)
    files = write_pdf_reports(seed_result, asked, tmp_path, workers=1)
    assert [p.name for p in files.pdfs] == [a.file_name for a in asked]
    once_each(compared, seed_result)
