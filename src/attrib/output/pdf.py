"""The per-story PDF report: a story's `Report` through `story.html.j2`, laid out by WeasyPrint.

Public API:
    `story_html(result, story)`: the report as HTML, before layout (goldens and tests use it).
    `write_story_pdf(result, story, path)`: the report as an A4 or Letter PDF, written
        atomically; with `article_id`, the report of one article of the story.
    `render_html(report)`, `html_to_pdf(html)`: the two steps, for a `Report` made once and
        printed twice (the PDF and the story's web page, `reports`).
    `environment()`, `stylesheet_text()`: the Jinja environment and stylesheet the web pages
        share (`html`).

What a report says is built in `report_context` (the first page) and `sections` (the
comparisons); this module only renders it. Article text is data: the Jinja environment escapes
everything and the template never marks anything safe.

Hazard: WeasyPrint resolves `<img>`, `<link>`, `url()` and fonts through a URL fetcher. A report
is built from scraped pages, so any fetch would be an outgoing request chosen by a stranger.
Rendering passes `base_url=None` and a `RefusingFetcher` that raises for every URL, and the
stylesheet travels as a string, never as a link.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

from jinja2 import Environment, PackageLoader, StrictUndefined

from attrib.models import CorpusResult, Story
from attrib.output.files import write_atomic
from attrib.output.report_context import Report, report_context
from attrib.views.shares import ComparedStory

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.urls import URLFetcher

TEMPLATE = "story.html.j2"
STYLESHEET = "report.css"


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

    # A subclass, not a function: WeasyPrint reads attributes URLFetcher's __init__ sets.
    class RefusingFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that refuses every URL and records what was asked.

        WeasyPrint calls `fetch` for images, stylesheets, fonts and attachments; raising makes
        it skip the resource with a warning. `asked` lets tests prove nothing was requested.
        """

        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []

        def fetch(self, url: str, headers: object = None) -> NoReturn:
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
    return document.write_pdf(stylesheets=parsed_stylesheets(paper))


def story_html(
    result: CorpusResult,
    story: Story,
    compared: ComparedStory | None = None,
    article_id: str | None = None,
) -> str:
    """The report of one story (or of one of its articles) as HTML, before PDF layout (the
    stylesheet is not inlined). `compared`: the story's comparisons, when the caller has them
    (`report_context`)."""
    return render_html(report_context(result, story, compared, article_id))


def write_story_pdf(
    result: CorpusResult,
    story: Story,
    path: Path,
    *,
    fetcher: URLFetcher | None = None,
    compared: ComparedStory | None = None,
    paper: Paper = "a4",
    article_id: str | None = None,
) -> None:
    """Render one story's report, or one of its articles' (`report_context`), to `path` (an
    A4 or Letter PDF), atomically.

    `fetcher` is for tests that count requests; it defaults to a fresh `RefusingFetcher`.
    """
    html = story_html(result, story, compared, article_id)
    write_atomic(Path(path), html_to_pdf(html, fetcher, paper))
