"""Tables that fit (issue 14): the Articles and Outlets tables of the seeds at 60, 80, 120 and
200 columns on a terminal and piped, and as TSV.

On a terminal no line may be longer than the console and no id, date or figure may be cut
or split; text columns are cut with an ellipsis and whole columns dropped, least important
first. Piped output is never cut: every column, every full row. The TSV has the same rows.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from attrib.engines.local import run_corpus
from attrib.options import Options
from attrib.output.fit import (
    ColumnSpec,
    Sheet,
    fit_widths,
    natural_width,
    print_table,
    sheet_table,
    to_tsv,
)
from attrib.output.terminal import (
    outlet_sheet,
    outlet_table,
    render_summary,
    summary_sheet,
    summary_table,
)
from attrib.views.shares import ArticleShares, OutletShares, corpus_shares, outlet_shares
from conftest import CORPUS

WIDTHS = (60, 80, 120, 200)
ID = re.compile(r"\b\d{3}_[0-9a-f]+")
PERCENT = re.compile(r"(?<![\w%])\d+%")


@pytest.fixture(scope="module")
def articles() -> tuple[ArticleShares, ...]:
    """The five seed articles as `attrib run` summarises them (with the manifest's outlets)."""
    return tuple(corpus_shares(run_corpus(CORPUS, Options()), {}))


@pytest.fixture(scope="module")
def outlets(articles) -> tuple[OutletShares, ...]:
    return outlet_shares(articles)


def printed(sheet: Sheet, width: int | None) -> str:
    """What `print_table` writes: on a colourless terminal `width` wide, or, for None, piped
    to a file (where rich would assume 80 columns)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=80 if width is None else width,
        force_terminal=width is not None,
        color_system=None,
        legacy_windows=False,
    )
    print_table(sheet, console)
    return out.getvalue()


def headers_shown(text: str, sheet: Sheet) -> list[str]:
    """The column headers on the header line (the line under the title), in order."""
    line = text.splitlines()[1]
    cells = re.split(r"\s{2,}", line.strip())
    assert set(cells) <= {c.header for c in sheet.columns}, line
    return cells


def row_line(text: str, key: str) -> str:
    """The one line holding `key` (an article id or an outlet name)."""
    (line,) = [line for line in text.splitlines() if key in line]
    return line


def percents(*cells: str) -> set[str]:
    return {p for cell in cells for p in PERCENT.findall(cell)}


# terminal: fits, and ids, dates and figures stay whole -----------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["articles", "outlets"])
def test_no_line_is_longer_than_the_terminal(articles, outlets, which, width) -> None:
    sheet = summary_sheet(articles) if which == "articles" else outlet_sheet(outlets)
    text = printed(sheet, width)
    assert text.count("\n") == len(sheet.rows) + 3  # title, header, rule, rows: no folding
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_every_article_id_is_whole_on_one_line(articles, width) -> None:
    text = printed(summary_sheet(articles), width)
    assert headers_shown(text, summary_sheet(articles))[0] == "article"
    for summary in articles:
        row_line(text, summary.article_id)
    fragments = ID.findall(text)
    assert sorted(fragments) == sorted(s.article_id for s in articles)  # no piece of an id


@pytest.mark.parametrize("width", WIDTHS)
def test_dates_and_figures_are_never_split(articles, width) -> None:
    sheet = summary_sheet(articles)
    text = printed(sheet, width)
    shown = headers_shown(text, sheet)
    assert re.findall(r"\d{4}-\d\d\S*", text) == re.findall(r"\d{4}-\d\d-\d\d\b", text)
    rows = {row[0]: row for row in sheet.rows}
    for summary in articles:
        row = rows[summary.article_id]
        line = row_line(text, summary.article_id)
        if "published" in shown and summary.published:
            assert summary.published in line
        if "words" in shown:
            assert re.search(rf"(?<!\d){summary.words}(?!\d)", line)
        # Every figure printed is one of the row's, whole: "23%" never becomes "2…" or "3%".
        assert percents(line) <= percents(*row), line
        if "wire shares" in shown:
            assert row[shown_index(sheet, "wire shares")] in line


@pytest.mark.parametrize("which", ["articles", "outlets"])
def test_every_width_between_keeps_ids_dates_and_figures_whole(articles, outlets, which) -> None:
    """A sweep, for the widths where a column is just squeezed in at its narrowest."""
    sheet = summary_sheet(articles) if which == "articles" else outlet_sheet(outlets)
    for width in range(40, 215):
        text = printed(sheet, width)
        shown = headers_shown(text, sheet)
        assert max(cell_len(line) for line in text.splitlines()) <= width, width
        for row in sheet.rows:
            line = row_line(text, row[0][:8])
            for header, cell in zip((c.header for c in sheet.columns), row, strict=True):
                kept_whole = sheet.columns[shown_index(sheet, header)].shorten_to is None
                if header in shown and kept_whole:
                    assert cell in line, (width, header, line)


def shown_index(sheet: Sheet, header: str) -> int:
    return [c.header for c in sheet.columns].index(header)


@pytest.mark.parametrize("width", WIDTHS)
def test_outlet_figures_are_never_split(outlets, width) -> None:
    sheet = outlet_sheet(outlets)
    text = printed(sheet, width)
    shown = headers_shown(text, sheet)
    for row in sheet.rows:
        line = row_line(text, row[0][:8])
        assert percents(line) <= percents(*row), line
        for header in ("articles", "words", "wire", "uncredited", "by wire"):
            if header in shown:
                assert row[shown_index(sheet, header)] in line, (header, line)


def test_narrow_terminals_drop_the_least_important_columns(articles, outlets) -> None:
    sheet = summary_sheet(articles)
    at = {width: headers_shown(printed(sheet, width), sheet) for width in WIDTHS}
    assert at[200] == [c.header for c in sheet.columns]
    for dropped in ("published", "unknown", "headline", "words"):
        assert dropped not in at[60] and dropped in at[200]
    assert at[60][0] == "article" and "wire shares" in at[60]
    for narrow, wide in itertools.pairwise(WIDTHS):
        assert set(at[narrow]) <= set(at[wide])  # a wider terminal never shows less
    for shown in at.values():  # what goes is always the head of the list: least important
        dropped = {c.header for c in sheet.columns} - set(shown)
        assert dropped == set(sheet.drop_first[: len(dropped)])
    outlet = outlet_sheet(outlets)
    shown = headers_shown(printed(outlet, 60), outlet)
    assert shown[0] == "outlet" and "unknown" not in shown and "wire" in shown
    assert "unknown" in headers_shown(printed(outlet, 200), outlet)


def test_text_is_cut_with_an_ellipsis_before_columns_go(articles) -> None:
    text = printed(summary_sheet(articles), 80)
    line = row_line(text, "000_0e6aeb84361e53cd")
    assert "The Independent" not in line and re.search(r"\bThe Inde\w*…", line)
    assert "The Independent" in printed(summary_sheet(articles), 200)


def test_the_id_is_kept_when_nothing_else_fits(articles) -> None:
    text = printed(summary_sheet(articles), 30)
    assert headers_shown(text, summary_sheet(articles)) == ["article"]
    assert sorted(ID.findall(text)) == sorted(s.article_id for s in articles)


def test_render_summary_fits_the_terminal_and_points_to_the_csv(articles) -> None:
    out = io.StringIO()
    console = Console(file=out, width=60, force_terminal=True, color_system=None)
    render_summary(articles, console, limit=3)
    lines = out.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= 60
    assert len(ID.findall(out.getvalue())) == 3
    assert lines[-1] == "… and 2 more articles in articles.csv"


# piped: full rows ------------------------------------------------------------------------


def test_piped_articles_are_full_rows(articles) -> None:
    sheet = summary_sheet(articles)
    text = printed(sheet, None)
    assert headers_shown(text, sheet) == [c.header for c in sheet.columns]
    assert "…" not in text
    for summary in articles:
        line = row_line(text, summary.article_id)
        assert summary.title and summary.title in line
        assert summary.outlet in line and str(summary.words) in line
    assert max(len(line) for line in text.splitlines()) > 80  # not folded to rich's default
    assert text.count("\n") == len(articles) + 3


def test_piped_outlets_are_full_rows(outlets) -> None:
    sheet = outlet_sheet(outlets)
    text = printed(sheet, None)
    assert headers_shown(text, sheet) == [c.header for c in sheet.columns]
    for row in sheet.rows:
        line = row_line(text, row[0])
        assert all(cell in line for cell in row)


def test_whole_tables_keep_their_old_names(articles, outlets) -> None:
    console = Console(file=io.StringIO())
    for table, sheet in (
        (summary_table(articles), summary_sheet(articles)),
        (outlet_table(outlets), outlet_sheet(outlets)),
    ):
        assert len(table.columns) == len(sheet.columns) and table.row_count == len(sheet.rows)
        assert natural_width(table, console) == natural_width(sheet_table(sheet), console)


# TSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["articles", "outlets"])
def test_tsv_has_a_header_and_one_line_per_row(articles, outlets, which) -> None:
    sheet = summary_sheet(articles) if which == "articles" else outlet_sheet(outlets)
    lines = to_tsv(sheet).splitlines()
    assert len(lines) == len(sheet.rows) + 1
    assert lines[0].split("\t") == [c.header for c in sheet.columns]
    assert {len(line.split("\t")) for line in lines} == {len(sheet.columns)}
    piped = printed(sheet, None)
    for line in lines[1:]:  # the table and the TSV show the same cells
        fields = line.split("\t")
        shown = row_line(piped, fields[0])
        assert all(field in shown for field in fields)


def test_tsv_survives_a_hostile_headline(articles) -> None:
    title = "Tab\there, line\nthere,\r\nESC \x1b[31mred\x1b[0m and \u202ebidi"
    hostile = [dataclasses.replace(articles[0], title=title), *articles[1:]]
    sheet = summary_sheet(hostile)
    tsv = to_tsv(sheet)
    lines = tsv.splitlines()
    assert len(lines) == len(hostile) + 1 and tsv.endswith("\n")
    assert {len(line.split("\t")) for line in lines} == {len(sheet.columns)}
    assert not {"\x1b", "\r", "\u202e"} & set(tsv)
    row = next(line for line in lines if line.startswith(articles[0].article_id))
    assert row.split("\t")[3] == "Tab here, line there, ESC [31mred[0m and bidi"
    for width in (None, 80):
        text = printed(sheet, width)
        assert text.count("\n") == len(hostile) + 3 and "\x1b" not in text


# the fitting rule itself -----------------------------------------------------------------


def plain_measure(widths) -> int:
    """A table whose columns are separated by one space and have no border."""
    return sum(widths.values()) + len(widths) - 1


def test_fit_widths_drops_in_order_and_never_the_rest() -> None:
    natural, floors = [10, 8, 6, 4], [10, 8, 3, 4]
    assert fit_widths(natural, floors, [3, 2, 1], 31, plain_measure) == {
        0: 10,
        1: 8,
        2: 6,
        3: 4,
    }
    assert fit_widths(natural, floors, [3, 2, 1], 28, plain_measure) == {0: 10, 1: 8, 2: 3, 3: 4}
    assert fit_widths(natural, floors, [3, 2, 1], 27, plain_measure) == {0: 10, 1: 8, 2: 6}
    assert fit_widths(natural, floors, [3, 2, 1], 20, plain_measure) == {0: 10, 1: 8}
    assert fit_widths(natural, floors, [3, 2, 1], 5, plain_measure) == {0: 10}


def test_fit_widths_gives_room_to_the_narrowest_cut_column_first() -> None:
    # Two cut columns, 4 and 20 wide at full length: the short one is made whole first.
    assert fit_widths([4, 20], [2, 2], [], 13, plain_measure) == {0: 4, 1: 8}


def test_a_sheet_refuses_ragged_rows_and_unknown_columns() -> None:
    columns = (ColumnSpec("id"), ColumnSpec("name", shorten_to=4))
    with pytest.raises(ValueError, match="row 0 has 1 cells for 2 columns"):
        Sheet("t", columns, (("a",),))
    with pytest.raises(ValueError, match="drop_first names no column: \\['nmae'\\]"):
        Sheet("t", columns, (), ("nmae",))
    with pytest.raises(ValueError, match="shorten_to must be at least 2"):
        ColumnSpec("x", shorten_to=1)
