"""Terminal rendering: layout choice, edit cues and styles, and that article text stays data.

The fixture is a Reuters story (seed 003) set against The Independent's rewrite (seed 000):
one changed sentence ("display" -> "show", "favour" -> "favor", "Bashar" -> "al-Bashar"),
one sentence only the outlet has, one only the wire has, one both print verbatim.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from attrib.models import (
    Article,
    Attribution,
    CleanArticle,
    CorpusResult,
    EditOp,
    Passage,
    Story,
)
from attrib.output.terminal import (
    highlight,
    print_paged,
    render_diff,
    render_summary,
    strip_control,
)
from attrib.views.compare import Comparison, Row

GOLDENS = Path(__file__).parent / "goldens"

WIRE = "reuters/003"
OUTLET = "independent/000"

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
WIRE_DROPPED = (
    "Carter, speaking to reporters ahead of his talks, sought to draw a line between military "
    "and diplomatic efforts."
)
OUTLET_ADDED = (
    "NATO is considering joining the US-led coalition fighting Islamic State jihadists in Syria "
    "and Iraq, US Defence Secretary Ashton Carter said on Thursday."
)
SHARED = (
    "The talks take place as US Secretary of State John Kerry leads a diplomatic push in Munich "
    "to rescue imperiled peace efforts."
)
HOSTILE = (
    "Officials said \x1b]0;pwned\x07 the \x1b[2Jtalks \u202eedaced[bold]markup[/bold] would resume."
)

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def word_ops(left: str, right: str) -> tuple[EditOp, ...]:
    """difflib opcodes over whitespace-separated words, as character offsets of each text."""
    a = [m.span() for m in re.finditer(r"\S+", left)]
    b = [m.span() for m in re.finditer(r"\S+", right)]

    def span(tokens: list[tuple[int, int]], text: str, i: int, j: int) -> tuple[int, int]:
        if i == j:
            at = tokens[i][0] if i < len(tokens) else len(text)
            return at, at
        return tokens[i][0], tokens[j - 1][1]

    matcher = difflib.SequenceMatcher(
        a=[left[s:e] for s, e in a], b=[right[s:e] for s, e in b], autojunk=False
    )
    return tuple(
        EditOp(tag, *span(a, left, i1, i2), *span(b, right, j1, j2))  # type: ignore[arg-type]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def passage(article_id: str, index: int, text: str) -> Passage:
    return Passage(article_id, index, index, 0, len(text), text)


def clean(
    article_id: str, outlet: str, passages: list[Passage], kind: str = "outlet"
) -> CleanArticle:
    body = "\n\n".join(p.text for p in passages)
    article = Article(article_id, f"{article_id}.txt", body, outlet=outlet, kind=kind)  # type: ignore[arg-type]
    return CleanArticle(article, body, (), ())


def build(outlet_texts: list[str], wire_texts: list[str], rows_spec: list[tuple]) -> tuple:
    """A CorpusResult and Comparison from passage texts and (status, left idx, right idx)."""
    left = [passage(WIRE, i, t) for i, t in enumerate(wire_texts)]
    right = [passage(OUTLET, i, t) for i, t in enumerate(outlet_texts)]
    rows = []
    for status, li, ri in rows_spec:
        lp = left[li] if li is not None else None
        rp = right[ri] if ri is not None else None
        ops = word_ops(lp.text, rp.text) if lp and rp else ()
        rows.append(Row(status, lp, rp, ops, 1.0 if lp and rp else 0.0))
    attributions = {
        rp.passage_id: Attribution(rp.passage_id, origin, confidence, "test")
        for rp, (origin, confidence) in zip(
            right, [("own", 0.9), ("Reuters", 0.87), ("Reuters", 0.95)], strict=False
        )
    }
    result = CorpusResult(
        articles=(clean(OUTLET, "The Independent", right), clean(WIRE, "Reuters", left, "wire")),
        credits={},
        passages=(*right, *left),
        matches=(),
        families=(),
        stories=(Story("s1", (OUTLET, WIRE)),),
        attributions=attributions,
    )
    return result, Comparison(WIRE, OUTLET, tuple(rows))


@pytest.fixture
def story() -> tuple[CorpusResult, Comparison]:
    return build(
        [OUTLET_ADDED, OUTLET_CHANGED, SHARED],
        [WIRE_CHANGED, WIRE_DROPPED, SHARED],
        [("added", None, 0), ("changed", 0, 1), ("dropped", 1, None), ("same", 2, 2)],
    )


@pytest.fixture
def hostile() -> tuple[CorpusResult, Comparison]:
    wire = "Officials said the talks would resume."
    return build([HOSTILE], [wire], [("changed", 0, 0)])


def render(
    story: tuple[CorpusResult, Comparison],
    *,
    width: int = 80,
    colour: bool = False,
    terminal: bool | None = None,
    no_color: bool = False,
    side_by_side: bool | None = None,
) -> str:
    """Render into a string; `colour` means a truecolor terminal unless `terminal` says not."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour if terminal is None else terminal,
        no_color=no_color,
        legacy_windows=False,
    )
    result, comparison = story
    render_diff(comparison, result, console, side_by_side=side_by_side)
    return out.getvalue()


def styled_words(output: str) -> dict[str, set[str]]:
    """Word -> SGR parameters in force where it is printed (after the last escape before it)."""
    found: dict[str, set[str]] = {}
    for match in re.finditer(r"\x1b\[([0-9;]*)m([^\x1b]*)", output):
        params = set(match.group(1).split(";"))
        for word in re.findall(r"[\w'-]+", match.group(2)):
            found.setdefault(word, set()).update(params)
    return found


# strip_control ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x1b[2Jb", "a[2Jb"),  # CSI loses its ESC: the screen is not cleared
        ("a\x1b]0;pwned\x07b", "a]0;pwnedb"),  # OSC title change loses ESC and BEL
        ("a\x9b31mb", "a31mb"),  # C1 CSI
        ("a\rb\bc\x00d\x7fe", "abcde"),  # overwrite, backspace, NUL, DEL
        ("a\u202eb\u202ac\u2066d\u2069e\u200ff", "abcdef"),  # bidi overrides, isolates, mark
        ("a\ufeffb\u00adc", "abc"),  # BOM, soft hyphen
        ("a\tb\nc", "a b\nc"),  # tab becomes a space, newline stays
        ("a\u2028b", "a\nb"),  # line separator means a newline
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb",
        ),  # ZWNJ/ZWJ
        ("caf\u00e9 [bold]x[/bold] \u00a0\u2014", "caf\u00e9 [bold]x[/bold] \u00a0\u2014"),
    ],
)
def test_strip_control(raw: str, expected: str) -> None:
    assert strip_control(raw) == expected


def test_highlight_cuts_at_raw_offsets_before_cleaning() -> None:
    # A removed control character before the edit must not shift the markers.
    left, right = "x\x07\x07 display y", "x\x07\x07 show y"
    ops = word_ops(left, right)
    assert highlight(left, ops, "left", cues=True).plain == "x [-display-] y"
    assert highlight(right, ops, "right", cues=True).plain == "x {+show+} y"
    assert highlight(left, ops, "left").plain == "x display y"


def test_highlight_styles_only_the_edited_words() -> None:
    ops = word_ops("a display b c", "a show b")
    left = highlight("a display b c", ops, "left")
    styled = {left.plain[s.start : s.end]: str(s.style) for s in left.spans}
    assert styled == {"display": "yellow strike", "c": "red strike"}
    right = highlight("a show b", ops, "right")
    assert {right.plain[s.start : s.end]: str(s.style) for s in right.spans} == {
        "show": "yellow underline"
    }


# layout ----------------------------------------------------------------------------------


def test_narrow_console_prints_inline(story) -> None:
    out = render(story, width=80)
    assert f"--- {WIRE}" in out
    assert f"+++ {OUTLET}" in out
    assert "|" not in out


def test_wide_console_prints_side_by_side(story) -> None:
    out = render(story, width=160)
    header = next(line for line in out.splitlines() if WIRE in line)
    assert OUTLET in header  # both ids head columns of one line
    assert "--- " not in out
    assert "| {+Mr+} Carter's push" in out


def test_side_by_side_flag_overrides_width(story) -> None:
    assert f"--- {WIRE}" in render(story, width=160, side_by_side=False)
    assert "--- " not in render(story, width=80, side_by_side=True)


# plain output keeps the edits as text ----------------------------------------------------


@pytest.mark.parametrize("side_by_side", [False, True])
@pytest.mark.parametrize(
    "console_kind",
    [
        {"colour": False},  # no colour system
        {"colour": True, "terminal": False},  # piped to a file
        {"colour": True, "no_color": True},  # NO_COLOR on a terminal
    ],
)
def test_plain_output_marks_edits_with_cues(story, side_by_side, console_kind) -> None:
    out = render(story, width=200, side_by_side=side_by_side, **console_kind)
    for cue in ("[-display-]", "{+show+}", "[-favour-]", "{+favor+}", "{+Mr+}"):
        assert cue in out
    assert "[-Bashar-]" in out and "{+al-Bashar+}" in out
    assert "clearer commitment to resolving the crisis" in out  # unchanged words, both sides
    assert "[-clearer" not in out and "{+clearer" not in out
    assert "{+NATO is considering" in out  # the added passage
    assert "[-Carter, speaking to reporters" in out  # the dropped passage
    assert "The talks take place" in out  # the verbatim passage


def test_plain_inline_prefixes_rows(story) -> None:
    lines = render(story, width=400, side_by_side=False).splitlines()
    assert f"+ {{+{OUTLET_ADDED}+}}" in lines
    assert f"- [-{WIRE_DROPPED}-]" in lines
    assert f"  {SHARED}" in lines
    assert any(line.startswith("- Carter's push") and "[-display-]" in line for line in lines)
    assert any(line.startswith("+ {+Mr+} Carter's push") for line in lines)


def test_side_by_side_marks_empty_cells(story) -> None:
    out = render(story, width=200, side_by_side=True)
    added = next(line for line in out.splitlines() if "NATO is considering" in line)
    dropped = next(line for line in out.splitlines() if "Carter, speaking" in line)
    assert added.index("\u2014") < added.index("NATO")
    assert dropped.index("Carter, speaking") < dropped.index("\u2014")


@pytest.mark.parametrize("side_by_side", [False, True])
def test_attribution_shown_under_outlet_passages(story, side_by_side) -> None:
    out = render(story, width=200, side_by_side=side_by_side)
    assert "origin Reuters \u00b7 confidence 0.87" in out
    assert "origin own \u00b7 confidence 0.90" in out
    assert "origin Reuters \u00b7 confidence 0.95" in out


# colour ----------------------------------------------------------------------------------


@pytest.mark.parametrize("side_by_side", [False, True])
def test_colour_output_styles_edits_without_cues(story, side_by_side) -> None:
    out = render(story, width=200, colour=True, side_by_side=side_by_side)
    styles = styled_words(out)
    assert {"9"} <= styles["display"]  # struck through on the reference side
    assert {"4"} <= styles["show"]  # underlined on the outlet side
    assert "9" not in styles.get("clearer", set()) and "4" not in styles.get("clearer", set())
    assert {"4"} <= styles["NATO"]  # added passage underlined
    assert {"9"} <= styles["speaking"]  # dropped passage struck
    assert "[-display-]" not in out and "{+show+}" not in out


def test_ops_from_the_real_aligner_render_as_cues() -> None:
    from attrib.match.align import align_passages
    from attrib.options import Options
    from attrib.views.compare import compare

    left, right = passage(WIRE, 0, WIRE_CHANGED), passage(OUTLET, 0, OUTLET_CHANGED)
    match = align_passages(left, right, Options())
    assert match is not None
    result = CorpusResult(
        articles=(clean(OUTLET, "The Independent", [right]), clean(WIRE, "Reuters", [left])),
        credits={},
        passages=(right, left),
        matches=(match,),
        families=(),
        stories=(),
        attributions={},
    )
    out = render((result, compare(result, WIRE, OUTLET)), width=400, side_by_side=False)
    for cue in ("[-display-]", "{+show+}", "[-favour-]", "{+favor+}", "{+Mr+}"):
        assert cue in out


# article text is data --------------------------------------------------------------------


@pytest.mark.parametrize("side_by_side", [False, True])
@pytest.mark.parametrize("colour", [False, True])
def test_hostile_text_cannot_drive_the_terminal(hostile, side_by_side, colour) -> None:
    out = render(hostile, width=200, colour=colour, side_by_side=side_by_side)
    assert "\x07" not in out
    assert "\u202e" not in out
    assert "\x1b]" not in out
    assert "\x1b[2J" not in out
    if not colour:
        assert "\x1b" not in out
    else:
        assert {m.group(0) for m in re.finditer(r"\x1b[^m]*m", out)} <= {
            m.group(0) for m in SGR.finditer(out)
        }
    plain = SGR.sub("", out)
    assert "[bold]markup[/bold]" in plain
    assert "pwned" in plain  # the data itself is still shown, only defused


def test_hostile_article_ids_print_literally() -> None:
    left = passage("[red]wire[/red]\x1b[2J", 0, "a b")
    right = passage("outlet\u202e", 0, "a c")
    result = CorpusResult((), {}, (left, right), (), (), (), {})
    comparison = Comparison(
        left.article_id, right.article_id, (Row("changed", left, right, word_ops("a b", "a c")),)
    )
    out = render((result, comparison), width=80)
    assert "--- [red]wire[/red][2J" in out
    assert "+++ outlet\n" in out


# summary ---------------------------------------------------------------------------------


def test_render_summary_lists_outlets_and_shares_by_story() -> None:
    from attrib.views.shares import ArticleShares

    def summary(article_id: str, outlet: str, story_id: str, shares, own: float):
        return ArticleShares(
            article_id=article_id,
            outlet=outlet,
            published="2016-02-11",
            title="t",
            words=120,
            story_id=story_id,
            credited_wires=("AFP", "Reuters"),
            primary_origin=shares[0][0] if shares else "own",
            origin_shares=shares,
            own_share=own,
        )

    summaries = [
        summary("zz/lonely", "Blog\x1b[2J", "", (), 1.0),
        summary(
            "independent/000", "The Independent", "s2", (("AFP", 0.62), ("Reuters", 0.3)), 0.08
        ),
        summary("dw/001", "DW", "s1", (("Reuters", 0.5),), 0.5),
        summary("aa/002", "[b]Al[/b]", "s2", (("AFP", 0.9),), 0.1),
    ]
    out = io.StringIO()
    render_summary(summaries, Console(file=out, width=220, color_system=None))
    text = out.getvalue()
    assert "AFP 62%, Reuters 30%" in text
    assert "The Independent" in text and "[b]Al[/b]" in text
    assert "AFP, Reuters" in text  # credited wires
    assert "\x1b" not in text
    order = [text.index(a) for a in ("dw/001", "aa/002", "independent/000", "zz/lonely")]
    assert order == sorted(order)
    row = next(line for line in text.splitlines() if "independent/000" in line)
    assert re.search(r"\b120\b", row) and re.search(r"\b8%", row)


# golden file -----------------------------------------------------------------------------


def test_plain_inline_matches_golden(story, request) -> None:
    out = render(story, width=80, side_by_side=False)
    golden = GOLDENS / "terminal_inline.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), "missing golden: run pytest with --update-goldens"
    assert out == golden.read_text(encoding="utf-8")


def test_summary_shows_a_screenful_and_points_to_the_csv() -> None:
    from attrib.views.shares import ArticleShares

    summaries = [
        ArticleShares(f"a{n:03d}", "Outlet", "", "", 10, "s1", (), "own", (), 1.0)
        for n in range(45)
    ]
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render_summary(summaries, console, limit=40)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "a039" in output and "a040" not in output
    assert "… and 5 more articles in articles.csv" in output


def test_show_marks_every_passage_with_its_origin_and_evidence() -> None:
    from typer.testing import CliRunner

    from attrib.cli import app
    from attrib.engines.local import run_corpus
    from attrib.options import Options
    from conftest import CORPUS

    shown = CliRunner().invoke(app, ["show", "000_0e6aeb84361e53cd", "--corpus", str(CORPUS)])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[1] == "The Independent · 2016-02-11 · credits AFP"  # the photo credit is no credit
    carter = next(n for n, line in enumerate(lines) if "Mr Carter's push came" in line)
    # The confidence is the calibration table's, refitted as the rules change.
    assert re.match(r"\[Reuters 0\.\d\d\] Mr Carter's push came a day after France", lines[carter])
    evidence = next(line for line in lines[carter:] if line.startswith("    "))
    assert evidence.startswith("    matches 003_220b5f207d8cf507:2 (Reuters")
    labels = [line for line in lines if line.startswith("[")]
    passages = run_corpus(CORPUS, Options()).passages_of("000_0e6aeb84361e53cd")
    assert len(labels) == len(passages) and all("\x1b" not in line for line in lines)
    missing = CliRunner().invoke(app, ["show", "nope", "--corpus", str(CORPUS)])
    assert missing.exit_code == 1 and "no article with id 'nope'" in missing.output


def lines_of(count: int):
    def draw(console: Console) -> None:
        for number in range(count):
            console.print(f"line {number}", style="red", highlight=False)

    return draw


@pytest.mark.parametrize(("count", "paged"), [(30, True), (5, False)])
def test_output_taller_than_the_terminal_goes_through_the_pager(count: int, paged: bool) -> None:
    screen = io.StringIO()
    console = Console(
        file=screen, force_terminal=True, height=10, width=40, color_system="standard"
    )
    pages: list[str] = []
    print_paged(lines_of(count), console, pages.append)
    shown = pages[0] if paged else screen.getvalue()
    assert len(pages) == int(paged) and (screen.getvalue() == "") == paged
    assert "line 0" in shown and f"line {count - 1}" in shown
    assert "\x1b[31m" in shown  # the colours reach the pager (less -R) as they would the screen


def test_piped_output_and_no_pager_are_never_paged() -> None:
    pages: list[str] = []
    for console, pager in [
        (Console(file=io.StringIO(), height=10), pages.append),  # not a terminal
        (Console(file=io.StringIO(), force_terminal=True, height=10), None),  # --no-pager
    ]:
        print_paged(lines_of(30), console, pager)
        assert "line 29" in console.file.getvalue()  # type: ignore[attr-defined]
    assert pages == []
