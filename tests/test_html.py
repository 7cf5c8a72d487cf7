"""The static HTML report (`index.html`, `story-s2.html`) as a reader meets it: opened from
`file://` in headless Chromium, at desktop and phone widths, with and without JavaScript, and
from a corpus whose headlines and outlets are markup.

The browser is Debian's Chromium (`make test` installs it as root) driven by playwright with
`executable_path`, so nothing is downloaded. Without it the browser tests skip with the reason;
under CI (`CI` set) they fail instead, so they cannot silently stop running. The tests that
read the files alone run everywhere.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from attrib.cli import app
from attrib.output import html
from attrib.output.files import record_written
from conftest import CORPUS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

runner = CliRunner()
CHROMIUM = Path("/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
HOSTILE_TITLES = {
    "001_97affed9db608d73.txt": "<script>alert(1)</script>",
    "002_5848cd396b6217ca.txt": "<img src=x onerror=alert(2)>",
}
HOSTILE_OUTLET = "</style><script>alert(3)</script>"
# An article id comes from its file name: it reaches the page as text and as an anchor.
HOSTILE_FILE = ("002_5848cd396b6217ca.txt", '002 x"><b onmouseover=alert(5)>.txt')


def attrib_run(corpus: Path, out: Path, *options: str) -> Path:
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return attrib_run(CORPUS, tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, with headlines and an outlet that are markup, through the manifest, and a
    file name that is markup too."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    (corpus / HOSTILE_FILE[0]).rename(corpus / HOSTILE_FILE[1])
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["title"] = HOSTILE_TITLES.get(row["path"], row["title"])
        if row["path"] in HOSTILE_TITLES:
            row["outlet"] = HOSTILE_OUTLET
        if row["path"] == HOSTILE_FILE[0]:
            row["path"] = HOSTILE_FILE[1]
    with (corpus / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return attrib_run(corpus, tmp_path_factory.mktemp("hostile-pages"), "--no-pdf")


def pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


# --- in the browser ------------------------------------------------------------------------


def missing_browser() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs playwright: pip install -e '.[dev]'"
    if not CHROMIUM.exists():
        return f"needs Chromium at {CHROMIUM}: apt-get install chromium (make test does, as root)"
    return ""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = missing_browser()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must run the HTML report in a browser; {reason}")
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@dataclass
class Visit:
    """A page opened in its own browser context, with everything it did that a report must
    not: console errors, uncaught exceptions, dialogs (a script that ran), and requests."""

    page: Page
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def outside(self, folder: Path) -> list[str]:
        """Requests for anything but a file in `folder`."""
        return [url for url in self.requests if not allowed(url, folder)]


def allowed(url: str, folder: Path) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc:
        return False
    return Path(unquote(parts.path)).resolve().is_relative_to(folder.resolve())


@pytest.fixture
def visit(browser: Browser) -> Iterator[Any]:
    contexts = []

    def open_page(path: Path, viewport: dict = DESKTOP, javascript: bool = True) -> Visit:
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        seen = Visit(context.new_page())
        seen.page.on("request", lambda request: seen.requests.append(request.url))
        seen.page.on("console", lambda message: on_console(seen, message))
        seen.page.on("pageerror", lambda error: seen.problems.append(f"page error: {error}"))
        seen.page.on("dialog", lambda dialog: on_dialog(seen, dialog))
        seen.page.goto(path.as_uri())
        return seen

    yield open_page
    for context in contexts:
        context.close()


def on_console(seen: Visit, message: Any) -> None:
    """Errors and warnings: a refused fetch, a policy violation and a bad script all log one."""
    if message.type in ("error", "warning"):
        seen.problems.append(f"console {message.type}: {message.text}")


def on_dialog(seen: Visit, dialog: Any) -> None:
    seen.problems.append(f"dialog: {dialog.message}")
    dialog.dismiss()


def visible_rows(page: Page, selector: str = "tr.article") -> int:
    return page.locator(f"{selector}:visible").count()


def test_the_harness_sees_a_fetch_a_script_and_an_error(tmp_path: Path, visit: Any) -> None:
    """What the other tests assert is absent, shown present on a page with no policy."""
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<img src="http://127.0.0.1:9/x.png"><script>alert("ran"); missing();</script>'
    )
    seen = visit(probe)
    assert seen.outside(tmp_path) == ["http://127.0.0.1:9/x.png"]
    assert any("dialog: ran" in p for p in seen.problems)
    assert any("missing is not defined" in p for p in seen.problems)


def test_every_page_loads_with_no_error_and_fetches_nothing_outside_the_folder(
    seed_pages: Path, visit: Any
) -> None:
    for path in pages(seed_pages):
        seen = visit(path)
        assert seen.problems == [], path.name
        assert seen.outside(seed_pages) == [], path.name
        assert seen.requests, "the request log saw nothing: is it recording?"


def test_the_outlet_filter_hides_the_other_outlets_rows(seed_pages: Path, visit: Any) -> None:
    page = visit(seed_pages / html.INDEX_NAME).page
    assert page.locator("#filters").is_visible()
    assert visible_rows(page) == 5
    page.select_option("#filter-outlet", "DW")
    assert visible_rows(page) == 1
    assert page.locator("tr.article:visible td.outlet").all_inner_texts() == ["DW"]
    assert visible_rows(page, "tbody.story") == 1  # the stories without DW go too
    assert visible_rows(page, "table.timeline tbody tr") == 1  # in both lists
    assert "1 of 4 stories shown" in page.locator("#filter-status").inner_text()
    page.select_option("#filter-outlet", label=html.NO_OUTLET)  # the three seeds without one
    assert visible_rows(page) == 3
    page.click("button[type=reset]")
    # The form's reset handler filters after the reset itself, on the next task.
    page.wait_for_function("() => !document.querySelector('tr.article[hidden]')")
    assert visible_rows(page) == 5


def test_a_story_shows_only_while_one_article_matches_both_choices(
    tmp_path: Path, visit: Any
) -> None:
    """A story of Herald's article carrying AFP and Courier's carrying dpa has no article of
    Herald's with dpa: it must go for that pair, though its outlets and agencies, taken
    together, include both."""

    def article(n: int, outlet: str, wire: str) -> html.ArticleEntry:
        filters = html.filters([outlet], [wire])
        return html.ArticleEntry(f"a{n}", outlet, "Title", "—", wire, False, "", filters)

    story = html.StoryEntry(
        "s1", "Title", "—", (article(1, "Herald", "AFP"), article(2, "Courier", "dpa")), "", ""
    )
    index = html.Index(
        assets=html.index_assets(),
        overview="",
        by_size=(story,),
        by_time=(story,),
        outlets=(),
        outlet_choices=(html.Choice("Courier", "Courier"), html.Choice("Herald", "Herald")),
        wire_choices=(html.Choice("AFP", "AFP"), html.Choice("dpa", "dpa")),
    )
    (tmp_path / html.INDEX_NAME).write_text(html.index_html(index), encoding="utf-8")
    seen = visit(tmp_path / html.INDEX_NAME)
    page = seen.page
    page.select_option("#filter-outlet", "Herald")
    assert (visible_rows(page), visible_rows(page, "tbody.story")) == (1, 1)
    page.select_option("#filter-wire", "dpa")
    assert visible_rows(page) == 0
    assert visible_rows(page, "tbody.story") == 0
    assert visible_rows(page, "table.timeline tbody tr") == 0
    assert "0 of 1 stories shown" in page.locator("#filter-status").inner_text()
    assert seen.problems == []


def test_the_agency_filter_keeps_the_rows_that_carry_or_credit_it(
    seed_pages: Path, visit: Any
) -> None:
    page = visit(seed_pages / html.INDEX_NAME).page
    page.select_option("#filter-wire", "dpa")
    rows = page.locator("tr.article:visible")
    assert 0 < rows.count() < 5
    for n in range(rows.count()):
        assert "dpa" in json.loads(rows.nth(n).get_attribute("data-wires") or "[]")


def test_without_javascript_every_row_shows_and_the_filter_stays_hidden(
    seed_pages: Path, visit: Any
) -> None:
    page = visit(seed_pages / html.INDEX_NAME, javascript=False).page
    assert not page.locator("#filters").is_visible()
    assert visible_rows(page) == 5
    assert visible_rows(page, "tbody.story") == 4


def assert_links_resolve(page: Page, folder: Path) -> list[str]:
    """Every link on `page` leads to a file in `folder` and, with a fragment, to an element
    of that file with that id; the links, as the browser resolved them."""
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for link in links:
        parts = urlsplit(link)
        target = Path(unquote(parts.path))
        assert parts.scheme == "file" and target.is_file(), link
        assert target.parent.resolve() == folder.resolve(), link
        if parts.fragment and target.suffix == ".html":
            ids = lxml_html.parse(str(target)).xpath("//@id")
            assert unquote(parts.fragment) in ids, link
    return links


def test_index_links_lead_to_pages_and_anchors_that_exist(seed_pages: Path, visit: Any) -> None:
    page = visit(seed_pages / html.INDEX_NAME).page
    links = assert_links_resolve(page, seed_pages)
    assert [link for link in links if re.search(r"/story-s\d+\.html", link)], links
    # Every article of the story with a page links to its place there.
    assert page.locator("tbody#story-s2 tr.article a").count() == 2


def test_story_page_links_back_and_to_its_pdf(seed_pages: Path, visit: Any) -> None:
    page = visit(seed_pages / "story-s2.html").page
    assert page.title().startswith("Story s2: ")
    for name in (html.INDEX_NAME, "story-s2.pdf"):
        assert page.locator(f'a[href="{name}"]').count() == 2  # above and below
        assert (seed_pages / name).is_file()
    page.click(f'nav.site-nav a[href="{html.INDEX_NAME}"] >> nth=0')
    assert page.url.endswith(f"/{html.INDEX_NAME}")


def test_hostile_headlines_show_as_text_and_run_nothing(hostile_pages: Path, visit: Any) -> None:
    for path in pages(hostile_pages):
        seen = visit(path)
        page = seen.page
        text = page.locator("body").inner_text()
        for title in HOSTILE_TITLES.values():
            assert title in text, path.name
        assert HOSTILE_OUTLET in text, path.name
        assert Path(HOSTILE_FILE[1]).stem in text, path.name
        assert seen.problems == [], path.name
        assert seen.outside(hostile_pages) == [], path.name
        # No element came from the data: the pages have no image at all.
        assert page.locator("img").count() == 0, path.name
        assert page.locator("[onerror], [onmouseover]").count() == 0
        assert page.locator("script").count() == (1 if path.name == html.INDEX_NAME else 0)
        assert_links_resolve(page, hostile_pages)
    story = visit(hostile_pages / "story-s2.html").page
    assert any(t in story.title() for t in HOSTILE_TITLES.values())


@pytest.mark.slow
@pytest.mark.parametrize("name", [html.INDEX_NAME, "story-s2.html"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_fit_the_screen_at_desktop_and_phone_width(
    seed_pages: Path, visit: Any, tmp_path: Path, name: str, viewport: dict
) -> None:
    """A wide table scrolls in its own box; the page itself never scrolls sideways. The
    screenshots are kept in tmp_path for a person to look at."""
    page = visit(seed_pages / name, viewport=viewport).page
    shot = tmp_path / f"{Path(name).stem}-{viewport['width']}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{name} is {width}px wide in a {inner}px window"
    # On a phone the stories list is cards that fit; only the wide tables scroll in a box.
    if viewport is PHONE and name == html.INDEX_NAME:
        cards = page.eval_on_selector("table.stories", "t => t.parentElement.scrollWidth")
        assert cards <= page.eval_on_selector("table.stories", "t => t.parentElement.clientWidth")
    # Nothing a reader needs is cut off: no text smaller than 11px.
    smallest = page.evaluate(
        """Math.min(...Array.from(document.querySelectorAll('body *'))
            .filter(e => e.offsetParent && e.childNodes.length &&
                    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.data.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 11, f"{name}: text at {smallest}px"


# --- the files themselves ------------------------------------------------------------------


def test_run_writes_an_index_and_a_page_per_story_of_two_or_more(seed_pages: Path) -> None:
    names = sorted(p.name for p in pages(seed_pages))
    assert names == ["index.html", "story-s2.html"]  # the Stuttgart story; the rest stand alone
    index = lxml_html.parse(str(seed_pages / html.INDEX_NAME)).getroot()
    assert len(index.xpath("//table[@class='stories']/tbody")) == 4  # every story is listed
    assert len(index.xpath("//table[@class='timeline']/tbody/tr")) == 4
    assert {a.text for a in index.xpath("//table[@class='outlets']//td[@class='outlet']")} == {
        "DW",
        "The Independent",
        html.NO_OUTLET,
    }


def test_policy_allows_exactly_the_inline_style_and_script(seed_pages: Path) -> None:
    for path in pages(seed_pages):
        page = lxml_html.parse(str(path)).getroot()
        policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
        assert "default-src 'none'" in policy and "img-src" not in policy
        for element in ("style", "script"):
            for inline in page.xpath(f"//{element}"):
                text = inline.text or ""
                digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
                assert f"{element}-src 'sha256-{digest}'" in policy, (path.name, element)


def test_pages_refer_only_to_files_beside_them_and_data(seed_pages: Path) -> None:
    for path in pages(seed_pages):
        page = lxml_html.parse(str(path)).getroot()
        for url in page.xpath("//@href | //@src | //@action | //@srcset"):
            parts = urlsplit(url)
            if parts.scheme == "data":
                continue
            assert not parts.scheme and not parts.netloc and "/" not in parts.path, url
        assert page.xpath("//link") == []


def test_pages_are_the_same_bytes_every_run_and_written_without_pdfs(
    seed_pages: Path, tmp_path: Path
) -> None:
    first = attrib_run(CORPUS, tmp_path / "one", "--no-pdf", "--workers", "1")
    second = attrib_run(CORPUS, tmp_path / "two", "--no-pdf", "--workers", "2")
    assert [p.name for p in pages(first)] == ["index.html", "story-s2.html"]
    for path in pages(first):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    # With PDFs, the pages only gain the links to them.
    assert b'href="story-s2.pdf"' in (seed_pages / "story-s2.html").read_bytes()
    assert b'href="story-s2.pdf"' not in (first / "story-s2.html").read_bytes()


def test_an_earlier_runs_pages_are_removed(tmp_path: Path) -> None:
    (tmp_path / "story-s9.html").write_text("from an earlier run")
    record_written(tmp_path, ["story-s9.html", "index.html"])
    attrib_run(CORPUS, tmp_path, "--no-pdf")
    assert not (tmp_path / "story-s9.html").exists()
    assert "story-s2.html" in (tmp_path / ".attrib-written").read_text().split()


def test_story_page_is_the_pdf_template_with_the_screens_additions(seed_pages: Path) -> None:
    page = (seed_pages / "story-s2.html").read_text(encoding="utf-8")
    pdf_css = files("attrib.output").joinpath("templates", "report.css").read_text()
    assert pdf_css in page  # one stylesheet for both, the screen's rules after it
    assert '<section class="article">' in page and 'class="compare"' in page


@pytest.mark.parametrize(
    "dataclass",
    [
        *(html.Index, html.StoryEntry, html.ArticleEntry, html.OutletEntry, html.Filters),
        *(html.Choice, html.Assets, html.StoryPage, html.StoryNav, html.StoryLink),
    ],
)
def test_templates_use_every_context_field(dataclass: type) -> None:
    folder = Path(str(files("attrib.output").joinpath("templates")))
    text = " ".join(p.read_text() for p in folder.rglob("*.j2"))
    assert [f.name for f in fields(dataclass) if f".{f.name}" not in text] == []
