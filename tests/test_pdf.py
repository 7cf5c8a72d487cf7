"""The PDF story report: highlights, escaping, PDF structure, and that rendering fetches nothing.

The fixture is a Reuters story (seed 003) set against The Independent's rewrite (seed 000):
one changed sentence ("display" -> "show", "favour" -> "favor", "Mr" inserted), one verbatim,
one only the outlet has, one only the wire has, and a passage of hostile markup that points at
a loopback server, so a fetch would be seen.
"""

from __future__ import annotations

import random
import re
import sys
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import fields, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pypdfium2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import meta
from lxml import html as lxml_html
from pypdf import PdfReader

from attrib.engines.local import run_corpus
from attrib.match.align import align_passages
from attrib.models import (
    Article,
    Attribution,
    CleanArticle,
    CorpusResult,
    Credit,
    Family,
    Passage,
    Story,
)
from attrib.options import Options
from attrib.output import overview, pdf, sections
from attrib.output.figures import shares_label
from attrib.output.names import display_name
from attrib.output.pdf import (
    FetchRefused,
    environment,
    html_to_pdf,
    refusing_fetcher,
    story_html,
    write_story_pdf,
)
from attrib.output.report_context import FIRST_PAGE_ARTICLES, Report, report_context
from attrib.output.safety import strip_control
from attrib.output.sections import Segment, row_view, segments
from attrib.output.tables import change_cells
from attrib.views.shares import corpus_shares, story_changes
from conftest import REPO, shared_data

WIRE = "reuters/003"
OUTLET = "independent/000"
STORY = Story("s0001", (OUTLET, WIRE))

WIRE_CHANGED = (
    "Carter's push came a day after France delivered a rebuke to President Barack Obama, "
    "demanding that Washington display a clearer commitment to resolving the crisis in Syria "
    "where Russia is tipping the military balance in favour of President Bashar Assad."
)
OUTLET_CHANGED = (
    "Mr Carter's push came a day after France delivered a rebuke to President Barack Obama, "
    "demanding that Washington show a clearer commitment to resolving the crisis in Syria "
    "where Russia is tipping the military balance in favor of President al-Bashar Assad."
)
SHARED = (
    "The talks take place as US Secretary of State John Kerry leads a diplomatic push in Munich "
    "to rescue imperiled peace efforts."
)
WIRE_DROPPED = (
    "Carter, speaking to reporters ahead of his talks, sought to draw a line between military "
    "and diplomatic efforts."
)
OUTLET_ADDED = (
    "NATO is considering joining the US-led coalition fighting Islamic State jihadists in Syria "
    "and Iraq, US Defence Secretary Ashton Carter said on Thursday."
)
EVIDENCE = "matches Reuters wire copy (score 0.87)"
DEFAULT_URL = "http://127.0.0.1:9"


def hostile(url: str) -> str:
    """Markup a scraped page might carry; each element would make WeasyPrint fetch `url`."""
    return (
        f'Readers posted <img src="{url}/x.png"> and <script>alert(1)</script> and '
        f'<link rel="stylesheet" href="{url}/s.css"> under the story.'
    )


def passage(article_id: str, index: int, text: str, start: int = 0) -> Passage:
    return Passage(article_id, index, index, start, start + len(text), text)


def clean(article_id: str, outlet: str, title: str, kind: str, body: str) -> CleanArticle:
    article = Article(
        article_id=article_id,
        path=f"{article_id}.txt",
        text=body,
        outlet=outlet,
        published="2016-02-11",
        title=title,
        kind=kind,  # type: ignore[arg-type]
    )
    return CleanArticle(article, body, (), (), title=title, published="2016-02-11")


def build_result(url: str = DEFAULT_URL) -> CorpusResult:
    """Two articles of one story, aligned with the project's own aligner (difflib engine)."""
    wire_texts = (WIRE_CHANGED, SHARED, WIRE_DROPPED)
    outlet_texts = (OUTLET_ADDED, OUTLET_CHANGED, SHARED, hostile(url))
    wire_passages = tuple(passage(WIRE, i, t) for i, t in enumerate(wire_texts))
    outlet_passages = tuple(passage(OUTLET, i, t) for i, t in enumerate(outlet_texts))
    options = Options(aligner="difflib")
    matches = tuple(
        match
        for first, second in (
            (outlet_passages[1], wire_passages[0]),
            (outlet_passages[2], wire_passages[1]),
        )
        if (match := align_passages(first, second, options)) is not None
    )
    attributions = {
        f"{WIRE}:{i}": Attribution(f"{WIRE}:{i}", "Reuters", 0.97, "reference wire copy")
        for i in range(3)
    }
    attributions[f"{OUTLET}:0"] = Attribution(
        f"{OUTLET}:0", "own", 0.7, "no other article has it; no credit covers it"
    )
    attributions[f"{OUTLET}:1"] = Attribution(f"{OUTLET}:1", "Reuters", 0.87, EVIDENCE)
    attributions[f"{OUTLET}:2"] = Attribution(f"{OUTLET}:2", "Reuters", 1.0, EVIDENCE)
    # OUTLET:3 (the hostile passage) is deliberately unattributed.
    articles = (
        clean(
            OUTLET,
            "The Independent",
            f'Nato is considering joining fight against Isis <img src="{url}/title.png">',
            "outlet",
            "\n\n".join(outlet_texts),
        ),
        clean(
            WIRE,
            "Reuters",
            "US urges allies to accelerate anti-IS campaign",
            "wire",
            "\n\n".join(wire_texts),
        ),
    )
    credits = {
        OUTLET: (Credit("AFP", "inline", "paragraph", 0, 10, "told AFP", 1),),
        WIRE: (Credit("Reuters", "marker", "paragraph", 0, 10, "- Reuters", 1),),
    }
    return CorpusResult(
        articles=articles,
        credits=credits,
        passages=outlet_passages + wire_passages,
        matches=matches,
        families=tuple(Family(f"f{i}", (m.a, m.b)) for i, m in enumerate(matches)),
        stories=(STORY,),
        attributions=attributions,
    )


@pytest.fixture(scope="module")
def result() -> CorpusResult:
    return build_result()


@pytest.fixture(scope="module")
def page(result: CorpusResult) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(story_html(result, STORY))


def flat(text: str) -> str:
    """Text with every run of whitespace as one space, so line wrapping does not matter."""
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return flat(" ".join(p.extract_text() for p in reader.pages))


def outline_titles(outline: list) -> list[str]:
    titles: list[str] = []
    for item in outline:
        if isinstance(item, list):
            titles.extend(outline_titles(item))
        else:
            titles.append(item.title)
    return titles


# --- highlights ----------------------------------------------------------------------------


def marked(page: lxml_html.HtmlElement, status: str, side: str, tag: str, mark: str) -> list[str]:
    path = f'//table[@class="compare"]//tr[@class="{status}"]/td[@class="{side}"]//{tag}'
    return [element.text_content() for element in page.xpath(f'{path}[@class="{mark}"]')]


def test_replaced_words_are_struck_left_and_underlined_right(
    page: lxml_html.HtmlElement,
) -> None:
    assert "show" in marked(page, "changed", "right", "ins", "rep")
    assert "display" in marked(page, "changed", "left", "del", "rep")
    assert "favor" in marked(page, "changed", "right", "ins", "rep")
    assert "favour" in marked(page, "changed", "left", "del", "rep")


def test_inserted_word_is_marked_inserted_only_on_the_right(page: lxml_html.HtmlElement) -> None:
    assert "Mr" in marked(page, "changed", "right", "ins", "ins")
    assert page.xpath('//td[@class="left"]//ins') == []
    assert page.xpath('//td[@class="right"]//del') == []


def test_unchanged_words_are_not_highlighted(page: lxml_html.HtmlElement) -> None:
    highlighted = " ".join(
        page.xpath('//table[@class="compare"]//*[self::ins or self::del]/text()')
    )
    assert "Washington" not in highlighted
    assert "Kerry" not in highlighted


def test_cells_keep_the_whole_passage_text(page: lxml_html.HtmlElement) -> None:
    changed = page.xpath('//tr[@class="changed"]')[0]
    assert changed.xpath('td[@class="left"]/p')[0].text_content() == WIRE_CHANGED
    assert changed.xpath('td[@class="right"]/p[@class="passage"]')[0].text_content() == (
        OUTLET_CHANGED
    )


def test_added_and_dropped_rows_have_placeholders(page: lxml_html.HtmlElement) -> None:
    added = page.xpath('//tr[@class="added"]')
    dropped = page.xpath('//tr[@class="dropped"]')
    assert [row.xpath('td[@class="left placeholder"]')[0].text for row in added] == [
        "— not in the reference —"
    ] * 2
    assert [row.xpath('td[@class="right placeholder"]')[0].text for row in dropped] == [
        "— dropped —"
    ]
    assert WIRE_DROPPED in dropped[0].text_content()


def test_rows_follow_the_outlet_with_dropped_text_in_place(page: lxml_html.HtmlElement) -> None:
    statuses = [row.get("class") for row in page.xpath('//table[@class="compare"]/tbody/tr')]
    assert statuses == ["added", "changed", "same", "dropped", "added"]


def test_attribution_notes_under_outlet_passages(page: lxml_html.HtmlElement) -> None:
    cells = '//td[@class="right" or @class="both"]'
    notes = [
        flat(n.text_content())
        for n in page.xpath(f'{cells}/p[@class="note" or @class="note unattributed"]')
    ]
    assert notes == [
        "own · 70% · no other article has it; no credit covers it",
        f"Reuters · 87% · {EVIDENCE}",
        f"Reuters · 100% · {EVIDENCE}",
        "unattributed",
    ]


# --- first page ----------------------------------------------------------------------------


def test_first_page_lists_articles_in_order_of_publication(page: lxml_html.HtmlElement) -> None:
    """Both are dated the same day, so ties go by id; the reference is marked, not numbered."""
    rows = page.xpath('//table[@class="articles"]/tbody/tr')
    cells = [[flat(td.text_content()) for td in row.xpath("td")] for row in rows]
    assert [row.get("class") for row in rows] == [None, "reference"]
    assert cells[0][:3] == [
        "1",
        "2016-02-11",
        'The Independent Nato is considering joining fight against Isis <img src="'
        f'{DEFAULT_URL}/title.png">',
    ]
    # Words as alignment counts them (the hostile passage's markup splits into many; 127.0.0.1
    # is one): Reuters 64 of 115 words, own 24; the unattributed hostile one counts in neither.
    assert cells[0][4] == "Reuters 56% · own 21% · unknown 23% credits: AFP"
    assert cells[1][:3] == ["ref", "2016-02-11", "Reuters reference"]  # its title is the story's
    assert cells[1][3:] == [
        "The reference, chosen as wire copy.",
        "Reuters 100% credits: Reuters",
        *["—"] * 4,
    ]


def test_each_outlet_has_a_line_saying_what_it_did(page: lxml_html.HtmlElement) -> None:
    """Only claims the rows and shares support: one verbatim, one edited, the last reference
    passage dropped, two added of which one attributed to the outlet, AFP credited for
    Reuters copy."""
    did = page.xpath('//table[@class="articles"]/tbody/tr[1]/td[@class="did"]')[0].text_content()
    assert did == (
        "Ran Reuters copy (56% of its words, uncredited), credits AFP; kept 1 reference passage "
        "word for word, edited 1; dropped the last passage; added 2 passages not in the "
        "reference (1 its own)."
    )


def test_first_page_gives_the_change_figures_articles_csv_gives(
    result: CorpusResult, page: lxml_html.HtmlElement
) -> None:
    """The same figures as the CSV's cells (`change_cells`), in whole percents."""
    summary = next(
        s for s in corpus_shares(result, story_changes(result)) if s.article_id == OUTLET
    )
    added, dropped, changed, quotes = change_cells(summary.changes)
    row = page.xpath('//table[@class="articles"]/tbody/tr')[0]
    shown = [flat(td.text_content()) for td in row.xpath('td[@class="num"]')]
    expected = [f"{round(float(cell) * 100)}%" for cell in (added, dropped, changed)]
    assert shown == [*expected, str(quotes)]
    assert shown != ["0%", "0%", "0%", "0"]


def test_each_comparison_gives_its_first_page_figures(seed_result: CorpusResult) -> None:
    """One source: a comparison's header states the shares its first-page line states, and
    says that a share dropped counts words cut from kept passages (the demo's DW drops 20% of
    the reference's words and no whole passage, which once read as a contradiction)."""
    checked = 0
    for story in seed_result.reported_stories:
        report = report_context(seed_result, story)
        lines = {line.article_id: line for line in report.articles}
        for section in report.sections:
            line = lines[section.article_id]
            assert (
                f"not in the reference {line.added} · dropped {line.dropped} of the reference's "
                f"(whole passages and words cut from kept ones) · changed {line.changed} · "
                f"altered quotes {line.altered_quotes}." in section.tally
            )
            checked += 1
    assert checked >= 2


def test_reference_note_says_why(page: lxml_html.HtmlElement) -> None:
    note = page.xpath('//p[@class="reference-note"]')[0].text_content()
    assert note.startswith("Reference: Reuters (reuters/003), chosen as wire copy")


def without_wire_copy(result: CorpusResult) -> CorpusResult:
    """The same result with every article an outlet's: no reference wire copy."""
    return CorpusResult(
        articles=tuple(
            CleanArticle(replace(a.article, kind="outlet"), a.body, (), (), a.title)
            for a in result.articles
        ),
        credits=result.credits,
        passages=result.passages,
        matches=result.matches,
        families=result.families,
        stories=result.stories,
        attributions=result.attributions,
    )


def test_reference_without_wire_copy_is_the_reconstructed_wire_text(
    result: CorpusResult,
) -> None:
    outlet_only = without_wire_copy(result)
    report = report_context(outlet_only, STORY)
    assert "reconstructed wire text" in report.reference_note
    assert [s.article_id for s in report.sections] == ["independent/000", "reuters/003"]


def test_shares_and_names_are_formatted_for_print() -> None:
    # Whole percents of the two decimals the CSV prints: 0.615 is "0.61" there, 0.225 "0.23".
    assert f"{0.615:.2f}" == "0.61" and f"{0.225:.2f}" == "0.23"
    shares = (("AFP", 0.615), ("Reuters", 0.225), ("dpa", 0.1))
    assert shares_label(list(shares), " · ") == "AFP 61% · Reuters 23% · dpa 10%"
    assert display_name("  ", "dw/123") == "dw/123"


# --- escaping and the template contract ----------------------------------------------------


def test_article_text_is_escaped(result: CorpusResult) -> None:
    html = story_html(result, STORY)
    assert "&lt;img src=" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The report draws its timeline and matrix in text and CSS: it has no image at all.
    assert "<img" not in html
    assert "<script" not in html
    assert "<link" not in html
    page = lxml_html.document_fromstring(html)
    assert page.xpath("//script | //link | //img") == []


def test_document_has_language_and_title(page: lxml_html.HtmlElement) -> None:
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == (
        "Story s0001: US urges allies to accelerate anti-IS campaign"
    )


def test_template_reads_only_the_report_dataclass() -> None:
    env = environment()
    source = env.loader.get_source(env, "story.html.j2")[0]  # type: ignore[union-attr]
    assert meta.find_undeclared_variables(env.parse(source)) == {"report"}


def test_templates_never_mark_data_safe() -> None:
    folder = files("attrib.output").joinpath("templates")
    sources = [p.read_text() for p in Path(str(folder)).rglob("*.j2")]
    assert len(sources) >= 2
    assert not [s for s in sources if "|safe" in s.replace(" ", "") or "autoescape false" in s]


@pytest.mark.parametrize(
    "dataclass",
    [
        *(Report, overview.ArticleLine, overview.Matrix, overview.MatrixRow, overview.MatrixCell),
        *(sections.Section, sections.RowView, sections.Fold, sections.Cell, sections.Note, Segment),
    ],
)
def test_templates_use_every_context_field(dataclass: type) -> None:
    """A field the templates ignore is dead weight or a forgotten column; StrictUndefined
    already fails the other way round (a field the template wants but the dataclass lacks)."""
    folder = Path(str(files("attrib.output").joinpath("templates")))
    text = " ".join(p.read_text() for p in folder.rglob("*.j2"))
    assert [f.name for f in fields(dataclass) if f".{f.name}" not in text] == []


# --- highlight segments --------------------------------------------------------------------


def test_segments_fill_gaps_and_clamp_bad_offsets() -> None:
    """Overlaps go to the span that starts (then ends) first; spans past the end are cut."""
    assert segments("ab cd ef", [(3, 5, "ins"), (3, 4, "del"), (6, 99, "rep"), (-3, 0, "del")]) == (
        Segment("ab "),
        Segment("c", "del"),
        Segment("d", "ins"),
        Segment(" "),
        Segment("ef", "rep"),
    )


@given(
    st.text(max_size=40),
    st.lists(
        st.tuples(st.integers(-5, 50), st.integers(-5, 50), st.sampled_from(["del", "ins", "rep"])),
        max_size=6,
    ),
)
def test_segments_never_lose_or_repeat_text(text: str, spans: list) -> None:
    cut = segments(text, spans)
    assert "".join(s.text for s in cut) == strip_control(text)
    assert all(s.text for s in cut)
    assert all(a.mark != b.mark for a, b in pairwise(cut))


# --- the PDF -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_path(result: CorpusResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "story-s0001.pdf"
    write_story_pdf(result, STORY, path)
    return path


def test_pdf_text_has_both_columns_in_reading_order(pdf_path: Path) -> None:
    """The comparison, after the first page (whose matrix names passages by their first
    words): reference before outlet, row by row."""
    text = pdf_text(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = text[text.index("Reference: Reuters The Independent") :]
    order = [
        "NATO is considering",
        "Washington display",
        "Mr Carter",
        "Washington show",
        "John Kerry",
        "Carter, speaking",
    ]
    positions = [text.find(words) for words in order]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
    assert EVIDENCE in text
    assert "— not in the reference —" in text and "— dropped —" in text


def test_pdf_has_running_header_and_page_numbers(pdf_path: Path) -> None:
    reader = PdfReader(pdf_path)
    assert len(reader.pages) == 2
    for number, page in enumerate(reader.pages, start=1):
        text = flat(page.extract_text())
        assert "attrib · story s0001" in text
        assert f"page {number} of 2" in text


@pytest.mark.slow
def test_every_highlight_of_the_seed_reports_is_in_the_pdf_in_reading_order(
    seed_result: CorpusResult, tmp_path: Path
) -> None:
    """Real text: each section's highlighted runs, reference side before outlet side row by
    row, are found one after another in the PDF's extracted text (pypdf reads a table row's
    left cell before its right one), so nothing marked is lost or shuffled by the layout."""
    found = 0
    for story in seed_result.reported_stories:
        report = report_context(seed_result, story)
        path = tmp_path / f"{story.story_id}.pdf"
        write_story_pdf(seed_result, story, path)
        # Without spaces: a line may break after "anti-", which the extraction keeps.
        text, position = "".join(pdf_text(path).split()), 0
        for section in report.sections:
            position = text.index("".join(section.title.split()), position)
            for row in section.rows:
                for cell in (row.left, row.right):
                    for segment in cell.segments if cell else ():
                        if segment.mark and len(words := "".join(segment.text.split())) > 1:
                            position = text.index(words, position) + len(words)
                            found += 1
    assert found >= 10


def test_pdf_has_bookmarks_and_title(pdf_path: Path) -> None:
    reader = PdfReader(pdf_path)
    titles = outline_titles(reader.outline)
    assert any(t.startswith("The Independent — Nato is considering") for t in titles), titles
    assert any(t.startswith("Story s0001") for t in titles), titles
    assert reader.metadata is not None
    assert reader.metadata.title == "Story s0001: US urges allies to accelerate anti-IS campaign"


def test_long_words_wrap_inside_the_page(tmp_path: Path) -> None:
    """`overflow-wrap: anywhere` keeps an unbroken 400-character token inside its column."""
    long_word = "x" * 400
    result = build_result()
    passages = tuple(
        p if p.passage_id != f"{OUTLET}:3" else passage(OUTLET, 3, f"See {long_word} now.")
        for p in result.passages
    )
    result = CorpusResult(
        result.articles,
        result.credits,
        passages,
        result.matches,
        result.families,
        result.stories,
        result.attributions,
    )
    path = tmp_path / "long.pdf"
    write_story_pdf(result, STORY, path)
    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            width = page.get_width()
            textpage = page.get_textpage()
            chars = range(textpage.count_chars())
            rights = [
                textpage.get_charbox(i)[2]
                for i in chars
                if not textpage.get_text_range(i, 1).isspace()  # pdfium adds line ends
            ]
            assert len(rights) > 400
            assert max(rights) <= width - 13 * 72 / 25.4 + 1  # inside the right page margin
    finally:
        document.close()


# --- a long pair ---------------------------------------------------------------------------

MARGIN_PT = 13 * 72 / 25.4  # the stylesheet's left and right page margin


def long_pair(folder: Path) -> Path:
    """A 2,300-word wire story (two Reuters-21578 commodity stories of 1987 run together) and
    an outlet's copy of it: three paragraphs dropped, some words changed, one line added."""
    reuters_dir = shared_data("reuters21578")
    sys.path.insert(0, str(REPO / "bench"))
    import reuters

    wanted = ("reut2-011-223", "reut2-006-656")
    found = {s.story_id: s for s in reuters.wire_stories(reuters_dir) if s.story_id in wanted}
    paragraphs = [p for story_id in wanted for p in found[story_id].paragraphs]
    rng = random.Random(5)
    copy = [
        " ".join(w.upper() if rng.random() < 0.04 else w for w in paragraph.split())
        for n, paragraph in enumerate(paragraphs)
        if n not in (3, 4, 20)
    ]
    copy.insert(10, "Our correspondent in Geneva adds that the talks will resume next month.")
    folder.mkdir()
    wire = "Commodity pacts\n\nLONDON, March 12 - " + "\n\n".join(paragraphs)
    (folder / "wire.txt").write_text(wire + "\n", encoding="utf-8")
    outlet = "Commodity pacts: prices low\n\n" + "\n\n".join(copy)
    (folder / "outlet.txt").write_text(outlet + "\n", encoding="utf-8")
    return folder


def glyph_boxes(page: pypdfium2.PdfPage) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(index in the text, box) of every glyph drawn on the page; pdfium's line ends are not."""
    textpage = page.get_textpage()
    return [
        (i, textpage.get_charbox(i))
        for i in range(textpage.count_chars())
        if not textpage.get_text_range(i, 1).isspace()
    ]


def overlapping_glyphs(boxes: list[tuple[int, tuple[float, float, float, float]]]) -> int:
    """Pairs of glyphs drawn over each other by more than 30% of the smaller one, neighbours in
    the text excepted (a ligature's letters share a box), found through a 10-point grid."""
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (_, (left, bottom, _, _)) in enumerate(boxes):
        grid[int(left // 10), int(bottom // 10)].append(k)
    clashes = 0
    for k, (i, (left, bottom, right, top)) in enumerate(boxes):
        near = (
            grid.get((int(left // 10) + dx, int(bottom // 10) + dy), ())
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )
        for j in (j for cell in near for j in cell if j > k and abs(boxes[j][0] - i) > 2):
            other_left, other_bottom, other_right, other_top = boxes[j][1]
            width = min(right, other_right) - max(left, other_left)
            height = min(top, other_top) - max(bottom, other_bottom)
            smaller = min(
                (right - left) * (top - bottom),
                (other_right - other_left) * (other_top - other_bottom),
            )
            clashes += width > 0 and height > 0 and width * height > 0.3 * smaller
    return clashes


@pytest.mark.slow
def test_a_2000_word_pair_stays_readable(tmp_path: Path) -> None:
    """No glyph drawn over another, none outside the page margins, no word of either article
    clipped away: what a reader checks by eye, on every page of a long pair."""
    folder = long_pair(tmp_path / "pair")
    result = run_corpus(folder, Options())
    (story,) = result.reported_stories
    path = tmp_path / "pair.pdf"
    write_story_pdf(result, story, path)
    document = pypdfium2.PdfDocument(path)
    try:
        assert len(document) > 5
        for page in document:
            boxes = glyph_boxes(page)
            assert overlapping_glyphs(boxes) == 0
            width, height = page.get_size()
            assert all(left >= MARGIN_PT - 1 for _, (left, _, _, _) in boxes)
            assert all(right <= width - MARGIN_PT + 1 for _, (_, _, right, _) in boxes)
            assert all(bottom >= 0 and top <= height for _, (_, bottom, _, top) in boxes)
    finally:
        document.close()
    # Every word the comparison shows (runs kept word for word are folded into a line each)
    # is in the PDF, and the folds account for the passages not shown.
    shown = set(re.findall(r"\w+", pdf_text(path)))
    rows = [row for section in report_context(result, story).sections for row in section.rows]
    cells = [c for r in rows if isinstance(r, sections.RowView) for c in (r.left, r.right) if c]
    words = {w for c in cells for s in c.segments for w in re.findall(r"\w+", s.text)}
    assert len(words) > 200 and words - shown == set()
    folds = [r for r in rows if isinstance(r, sections.Fold)]
    assert folds and all(f.text in pdf_text(path) for f in folds)


# --- fetching nothing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/x.png", "https://example.org/f.woff", "file:///etc/passwd"]
)
def test_refusing_fetcher_raises_for_every_url(url: str) -> None:
    fetcher = refusing_fetcher()
    with pytest.raises(FetchRefused):
        fetcher(url)
    assert fetcher.asked == [url]  # type: ignore[attr-defined]


class Loopback:
    """A local HTTP server on an ephemeral port that counts the requests it receives."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.paths.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Loopback:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


def test_loopback_harness_sees_a_fetch(loopback: Loopback) -> None:
    """Control: WeasyPrint's own fetcher does request the page's image, so zero requests in
    the tests below means nothing was fetched, not that the harness is deaf."""
    from weasyprint import HTML

    HTML(string=f'<img src="{loopback.url}/control.png">').write_pdf()
    assert loopback.paths == ["/control.png"]


def test_report_with_hostile_text_fetches_nothing(loopback: Loopback, tmp_path: Path) -> None:
    result = build_result(loopback.url)
    assert loopback.url in story_html(result, STORY)
    fetcher = refusing_fetcher()
    write_story_pdf(result, STORY, tmp_path / "story.pdf", fetcher=fetcher)
    assert loopback.paths == []
    assert fetcher.asked == []  # type: ignore[attr-defined]


def test_markup_that_asks_for_urls_is_refused(loopback: Loopback) -> None:
    """Even if markup reached the renderer unescaped, the fetcher would refuse its URLs."""
    fetcher = refusing_fetcher()
    html_to_pdf(
        f'<html><head><link rel="stylesheet" href="{loopback.url}/s.css"></head>'
        f'<body><img src="{loopback.url}/x.png"></body></html>',
        fetcher,
    )
    assert loopback.paths == []
    assert sorted(fetcher.asked) == [f"{loopback.url}/s.css", f"{loopback.url}/x.png"]  # type: ignore[attr-defined]


def test_bidi_overrides_and_escapes_never_reach_the_report() -> None:
    hostile = "Ministers met\u202e in Brussels\x1b[2J on Thursday."
    cut = segments(hostile, [(0, 9, "rep")])
    shown = "".join(s.text for s in cut)
    assert "\u202e" not in shown and "\x1b" not in shown
    assert shown == "Ministers met in Brussels[2J on Thursday."


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_pdf_page_size_follows_the_paper(
    result: CorpusResult, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    path = tmp_path / f"{paper}.pdf"
    write_story_pdf(result, STORY, path, paper=paper)  # type: ignore[arg-type]
    pages = PdfReader(path).pages
    assert len(pages) > 1
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == size for p in pages
    )


def test_a_row_prints_once_only_when_both_sides_are_the_same_text(result: CorpusResult) -> None:
    """ "Same" rows agree in their words; case, accents and punctuation may still differ, and a
    reader comparing the two must see both."""
    from attrib.models import EditOp
    from attrib.views.compare import Row

    left = passage("w", 0, "He said: the talks went well.")
    equal = (EditOp("equal", 0, len(left.text), 0, len(left.text)),)
    twin = row_view(result, Row("same", left, passage("o", 0, left.text), equal))
    punctuated = row_view(
        result, Row("same", left, passage("o", 0, "He said, the talks went well"), equal)
    )
    assert twin.identical and not punctuated.identical


def test_the_timeline_places_each_article_by_its_time() -> None:
    """Offsets from the first time of day, a dot in twentieths of the span; a date alone has
    no hour to count from, an undated article no place at all, and a UTC time does not count
    from a local one of unknown zone."""
    published = ["2016-02-11T06:00", "2016-02-11T09:30", "2016-02-11", "", "2016-02-12T06:00"]
    assert overview.timeline(published) == [
        ("first", "t4"),  # the strip starts at the date alone's midnight
        ("+3:30", "t6"),
        ("", "t0"),
        ("", ""),
        ("+24:00", "t20"),
    ]
    mixed = ["2016-02-11T13:30Z", "2016-02-11T14:16", "2016-02-12"]
    assert [after for after, _ in overview.timeline(mixed)] == ["first", "", ""]
    # Only dates, or two at the same minute: nobody is "first".
    assert overview.timeline(["2016-02-11", "2016-02-13"]) == [("", "t0"), ("", "t20")]
    tied = overview.timeline(["2016-02-11T06:00", "2016-02-11T06:00", "2016-02-11T07:00"])
    assert [after for after, _ in tied] == ["+0:00", "+0:00", "+1:00"]
    assert overview.elapsed(3 * 24 * 60 + 5) == "+3 d"
    assert overview.published_column(["2016-02-11T07:00", "2016-02-11T09:30Z", "2016-02-12"]) == [
        "2016-02-11 07:00",
        "09:30 UTC",
        "2016-02-12",
    ]


def test_the_matrix_marks_each_reference_passage_for_each_outlet(result: CorpusResult) -> None:
    """The wire's three passages: edited, kept, dropped by The Independent, which also has two
    passages the wire lacks."""
    matrix = report_context(result, STORY).matrix
    assert matrix.keys == ("1",) and matrix.names == ("The Independent",)
    assert [(r.number, r.carried, [c.mark for c in r.cells]) for r in matrix.rows] == [
        ("1", "1", ["edited"]),
        ("2", "1", ["kept"]),
        ("3", "0", ["dropped"]),
    ]
    assert [r.cells[0].glyph for r in matrix.rows] == ["~", "=", "\u2212"]
    assert matrix.rows[2].text == "Carter, speaking to reporters ahead of his talks…"
    assert [(c.mark, c.glyph) for c in matrix.added] == [("added", "+2")]


def fold_input(statuses: str) -> list[sections.RowView]:
    """Rows from a string of status letters: s(ame), c(hanged), a(dded), d(ropped)."""
    names = {"s": "same", "c": "changed", "a": "added", "d": "dropped"}
    return [sections.RowView(names[k], "", None, None, None) for k in statuses]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("statuses", "shown"),
    [
        ("sssscssss", "F3 s c s F3"),
        ("ssscsssdsss", "F2 s c s s s d s F2"),
        ("ssss", "Fall4"),
        ("s", "s"),
        ("scs", "s c s"),
        ("sscss", "s s c s s"),
        ("dddd", "d d d d"),
    ],
)
def test_identical_rows_fold_with_a_row_of_context(statuses: str, shown: str) -> None:
    """A run of two or more identical rows folds, but for one row beside each change."""
    folded = sections.fold_rows(fold_input(statuses))
    got = [
        (f"Fall{r.text.split()[1]}" if r.text.startswith("All") else f"F{r.text.split()[0]}")
        if isinstance(r, sections.Fold)
        else r.status[0]
        for r in folded
    ]
    assert " ".join(got) == shown
    for row in folded:
        if isinstance(row, sections.Fold):
            assert row.text.endswith("passages word for word as the reference")


@pytest.mark.slow
def test_a_story_of_many_outlets_lists_the_rest_after_the_first_page_table(
    tmp_path: Path,
) -> None:
    """Thirty-five copies of one seed article: the first page's table stops at the first thirty,
    and the other five are named under the table (each still gets its comparison pages)."""
    seed = (REPO / "corpus" / "003_220b5f207d8cf507.txt").read_text(encoding="utf-8")
    for n in range(35):
        (tmp_path / f"copy{n:02d}.txt").write_text(seed.replace("Carter", f"Carter ({n})", 1))
    many = run_corpus(tmp_path, Options(workers=1))
    story = max(many.stories, key=lambda s: len(s.article_ids))
    assert len(story.article_ids) == 35
    report = report_context(many, story)
    assert len(report.articles) == FIRST_PAGE_ARTICLES
    assert len(report.unlisted) == 35 - FIRST_PAGE_ARTICLES
    listed = {line.article_id for line in report.articles}
    assert listed.isdisjoint(report.unlisted) and len(report.sections) >= 34
    page = lxml_html.document_fromstring(pdf.render_html(report))
    note = flat(page.xpath('//p[@class="unlisted"]')[0].text_content())
    assert note.startswith("… and 5 more articles") and note.endswith(report.unlisted[-1])


# --- golden report ---------------------------------------------------------------------------

GOLDEN_REPORT = Path(__file__).parent / "goldens" / "story_report.html"


def test_report_html_matches_golden(result: CorpusResult, request: pytest.FixtureRequest) -> None:
    """The whole report as HTML before layout: a change to what a reader sees shows up here as
    a diff to review, and `pytest --update-goldens` accepts it."""
    html = story_html(result, STORY)
    if request.config.getoption("--update-goldens"):
        GOLDEN_REPORT.write_text(html, encoding="utf-8")
    assert GOLDEN_REPORT.exists(), "missing golden: run pytest with --update-goldens"
    assert html == GOLDEN_REPORT.read_text(encoding="utf-8")


def test_the_report_is_the_same_every_time(result: CorpusResult) -> None:
    assert story_html(result, STORY) == story_html(result, STORY)


# --- many outlets ----------------------------------------------------------------------------

WIRE_SENTENCES = tuple(
    f"Sentence {n} of the wire story says that ministers from {n + 2} countries met in "
    f"Brussels on Thursday to discuss a plan worth {n * 3 + 1} billion euros, officials said."
    for n in range(10)
)
LONG_OUTLET = "The Extraordinarily Long-Named Evening Chronicle and Advertiser of Northumberland"


def outlet_copy(k: int) -> tuple[str, str, tuple[str, ...]]:
    """Outlet `k`'s id, name and passages: trimmed from the bottom by k % 4 passages, one word
    changed in passage k % 10, a passage of its own every third outlet. Outlets 1 and 2 share a
    name, so only their ids tell them apart, and those ids are long paths."""
    name = "Le Matin" if k in (1, 2) else f"{LONG_OUTLET} {k}"
    article_id = f"outlets/le-matin/2016/02/11/a-very-long-article-identifier-{k:02d}"
    texts = list(WIRE_SENTENCES[: len(WIRE_SENTENCES) - k % 4])
    texts[k % len(texts)] = texts[k % len(texts)].replace("met in", "gathered in")
    if k % 3 == 0:
        texts.insert(1, f"Our correspondent number {k} adds that nobody expects a deal soon.")
    return article_id, name, tuple(texts)


def many_outlets(count: int) -> tuple[CorpusResult, Story]:
    """A wire story and `count` outlets' copies of it, aligned in-process (the difflib aligner,
    one pair per passage), published minutes apart: no corpus, no pipeline."""
    options = Options(aligner="difflib")
    wire = tuple(passage(WIRE, i, t) for i, t in enumerate(WIRE_SENTENCES))
    articles = [
        clean(WIRE, "Reuters", "Ministers meet on plan", "wire", "\n\n".join(WIRE_SENTENCES))
    ]
    passages, matches = list(wire), []
    attributions = {p.passage_id: Attribution(p.passage_id, "Reuters", 0.97, "wire") for p in wire}
    for k in range(count):
        article_id, name, texts = outlet_copy(k)
        mine = tuple(passage(article_id, i, t) for i, t in enumerate(texts))
        body = "\n\n".join(texts)
        copy = clean(article_id, name, "Ministers meet on plan", "outlet", body)
        when = f"2016-02-11T{6 + k * 31 // 60:02d}:{k * 31 % 60:02d}"
        articles.append(
            replace(copy, article=replace(copy.article, published=when), published=when)
        )
        passages.extend(mine)
        for own in mine:
            found = [m for w in wire if (m := align_passages(own, w, options)) is not None]
            matches.extend(found[:1])
            origin = "Reuters" if found else "own"
            attributions[own.passage_id] = Attribution(own.passage_id, origin, 0.9, "test")
    story = Story("s1", tuple(a.article.article_id for a in articles))
    result = CorpusResult(
        articles=tuple(articles),
        credits={},
        passages=tuple(passages),
        matches=tuple(matches),
        families=(),
        stories=(story,),
        attributions=attributions,
    )
    return result, story


@pytest.mark.slow
@pytest.mark.parametrize("outlets", [2, 12, 30])
def test_nothing_is_clipped_at_any_number_of_outlets(outlets: int, tmp_path: Path) -> None:
    """Every character of the report lies inside its page's margins, left and right, and on
    its page, top and bottom: the matrix's thirty columns, long outlet names, long ids told
    apart, the running header. And the report stays compact: under 1.2 pages per article."""
    result, story = many_outlets(outlets)
    report = report_context(result, story)
    assert len(report.matrix.keys) == outlets
    path = tmp_path / "many.pdf"
    write_story_pdf(result, story, path)
    document = pypdfium2.PdfDocument(path)
    try:
        pages = len(document)
        for page in document:
            boxes = glyph_boxes(page)
            width, height = page.get_size()
            assert boxes
            assert all(left >= MARGIN_PT - 1 for _, (left, _, _, _) in boxes)
            assert all(right <= width - MARGIN_PT + 1 for _, (_, _, right, _) in boxes)
            assert all(bottom >= 0 and top <= height for _, (_, bottom, _, top) in boxes)
            assert overlapping_glyphs(boxes) == 0
    finally:
        document.close()
    assert pages <= 1.2 * (outlets + 1)
    text = pdf_text(path)
    for key in report.matrix.keys:  # every column is headed
        assert f" {key} " in text
    assert "Le Matin" in text and "a-very-long-article-identifier-01" in text


def test_ids_show_only_where_an_outlet_ran_two_articles() -> None:
    result, story = many_outlets(4)
    lines = {line.name: line for line in report_context(result, story).articles}
    assert lines[f"{LONG_OUTLET} 3"].shown_id == ""
    matin = [line for line in report_context(result, story).articles if line.name == "Le Matin"]
    assert [line.shown_id for line in matin] == [
        "outlets/le-matin/2016/02/11/a-very-long-article-identifier-01",
        "outlets/le-matin/2016/02/11/a-very-long-article-identifier-02",
    ]


def test_carried_by_names_outlets_not_ids(result: CorpusResult) -> None:
    """Without wire copy the reference is the reconstructed text; each of its sentences says
    which outlets carry it, by name, in the fewest words."""
    outlet_only = without_wire_copy(result)
    carried = [line for _, line in report_context(outlet_only, STORY).reconstruction]
    assert carried and all(WIRE not in line and OUTLET not in line for line in carried)
    assert "carried by all 2" in carried
    assert overview.carried_line(["A", "B", "C"], ["A", "B", "C", "D"]) == (
        "carried by 3 of 4: all but D"
    )
    assert overview.carried_line(["B"], ["A", "B", "C"]) == "carried by 1: B"
