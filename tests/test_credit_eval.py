"""Credit detection quality on labelled real text, pinned (issue 3).

`bench/eval_credits.py` scores attrib's credits against AG News (English, silver labels) and
impresso (French and German newspapers 1840-2000, OCR, hand-annotated); the floors below sit a
little under what it measured, per dataset, split, language and level, so CI fails when quality
drops. They need ../shared/data and skip, saying so, without it. The scorer itself is tested on
small inputs first, so the figures can be trusted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from attrib.models import Credit
from attrib.text.wires import load_wire_list
from conftest import REPO, shared_data

sys.path.insert(0, str(REPO / "bench"))
import eval_credits as ev

# (dataset, split, language, level) -> F1 floor; the measured F1 is in the comment.
FLOORS = {
    ("AG News", "test", "en", "document"): 0.97,  # 0.995: P 0.991, R 1.000
    # Hand-labelled even rows (issue 12), all and per form; a form of negatives scores 1.0
    # while it draws no false credit. Before issue 12 the whole set scored F1 0.897.
    ("AG hand", "even", "en", "all"): 0.96,  # 0.987: P 1.000, R 0.974
    ("AG hand", "even", "en", "byline"): 0.85,  # 0.889 (5 rows)
    ("AG hand", "even", "en", "combined"): 0.90,  # 0.944
    ("AG hand", "even", "en", "dateline"): 0.97,  # 1.000
    ("AG hand", "even", "en", "intext"): 0.93,  # 0.980
    ("AG hand", "even", "en", "quote"): 0.99,  # 1.000 (2 rows)
    ("AG hand", "even", "en", "simple_prefix"): 0.99,  # 1.000
    ("AG hand", "even", "en", "none"): 1.0,
    ("AG hand", "even", "en", "other_meaning"): 1.0,
    ("AG hand", "even", "en", "photo"): 1.0,
    ("AG hand", "even", "en", "poll"): 1.0,
    ("AG hand", "even", "en", "product"): 1.0,
    ("AG hand", "even", "en", "subject"): 1.0,
    ("impresso", "dev", "fr", "document"): 0.92,  # 0.945
    ("impresso", "dev", "fr", "mention"): 0.90,  # 0.929
    ("impresso", "dev", "de", "document"): 0.88,  # 0.909
    ("impresso", "dev", "de", "mention"): 0.90,  # 0.923
    ("impresso", "test", "fr", "document"): 0.89,  # 0.914 (held out)
    ("impresso", "test", "fr", "mention"): 0.86,  # 0.881 (held out)
    ("impresso", "test", "de", "document"): 0.83,  # 0.850 (held out)
    ("impresso", "test", "de", "mention"): 0.88,  # 0.901 (held out)
}


@pytest.fixture(scope="module")
def rows() -> dict[tuple[str, str, str, str], ev.Row]:
    shared_data("ag_news_test", "agency_credited_subset.csv")
    shared_data("ag_news_test", "test.csv")
    shared_data("impresso_newsagency", "data", "annotated_data")
    return {(r.dataset, r.split, r.language, r.level): r for r in ev.evaluate()}


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(FLOORS), ids=lambda key: "-".join(key))
def test_credit_f1_stays_above_its_floor(
    rows: dict[tuple[str, str, str, str], ev.Row], key: tuple[str, str, str, str]
) -> None:
    counts = rows[key].counts
    assert counts.f1 >= FLOORS[key], (
        f"{' '.join(key)}: F1 {counts.f1:.3f} (P {counts.precision:.3f}, R {counts.recall:.3f})"
        f" fell below {FLOORS[key]}; run `python bench/eval_credits.py --errors`"
    )


@pytest.mark.slow
def test_hand_labelled_credits_are_precise(
    rows: dict[tuple[str, str, str, str], ev.Row],
) -> None:
    """Issue 12's goal: F1 >= 0.93 with precision >= 0.97 on the hand-labelled rows."""
    counts = rows["AG hand", "even", "en", "all"].counts
    assert counts.precision >= 0.97 and counts.f1 >= 0.93
    assert rows["AG hand", "even", "en", "all"].examples >= 300


# Rows no floor can pin: the one hand-labelled sign-off row, "CREDIT: Canadian Press,
# Reuters" in a headline, which attrib does not read (0.000); the labeller doubted it too.
UNPINNED = {("AG hand", "even", "en", "signoff")}


@pytest.mark.slow
def test_every_row_of_the_report_has_a_floor(
    rows: dict[tuple[str, str, str, str], ev.Row],
) -> None:
    assert set(rows) == set(FLOORS) | UNPINNED
    assert rows["AG News", "test", "en", "document"].examples == 967 + ev.NEGATIVES


# --- the scorer on small inputs -------------------------------------------------------------

COLUMNS = (
    "TOKEN NE-COARSE-LIT NE-COARSE-METO NE-FINE-LIT NE-FINE-METO NE-FINE-COMP NE-NESTED "
    "NEL-LIT NEL-METO RENDER SEG OCR-INFO MISC"
)


def token(text: str, agency: str = "", render: str = "_") -> str:
    """One TSV row: a token, its agency tag ("B-Havas", "I-UP-UPI") and its RENDER flags."""
    tag = f"{agency[:2]}org.ent.pressagency.{agency[2:]}" if agency else "O"
    fields = [text, tag[:5] if agency else "O", "O", tag, "O", "O", "O", "_", "_", render]
    return "\t".join([*fields, "_", "_", "_"]) + "\n"


NO_SPACE, LINE_END = "NoSpaceAfter", "EndOfLine"
TSV = "".join(
    [
        f"# global.columns = {COLUMNS}\n# language = fr\n",
        "# document_id = doc-1\n# news-agency-as-source = Q2826560\n",
        token("PARIS", render=NO_SPACE),
        token(","),
        token("14", render=NO_SPACE),
        token("."),
        token("(", render=NO_SPACE),
        token("Havas", "B-Havas", NO_SPACE),
        token(".", render=NO_SPACE),
        token(")"),
        token("—"),
        token("Le"),
        token("roi", render=LINE_END),
        token("est"),
        token("parti", render=NO_SPACE),
        token(".", render=LINE_END),
        "# document_id = doc-2\n# news-agency-as-source = unk\n",
        token("Rome", render=NO_SPACE),
        token(","),
        token("2", render=NO_SPACE),
        token("."),
        token("(", render=NO_SPACE),
        token("United", "B-UP-UPI"),
        token("Press", "I-UP-UPI", NO_SPACE),
        token(")"),
        token("—"),
        token("Le"),
        token("pape"),
        token("(", render=NO_SPACE),
        token("ag", "B-ag", NO_SPACE),
        token(".", "I-ag", NO_SPACE),
        token(")", render=LINE_END),
    ]
)


@pytest.fixture
def impresso_folder(tmp_path: Path) -> Path:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "newsagency-data-dev-fr.tsv").write_text(TSV, encoding="utf-8")
    return tmp_path


def test_impresso_text_is_rebuilt_from_tokens_with_its_spaces_and_line_breaks(
    impresso_folder: Path,
) -> None:
    first, second = ev.impresso_examples("fr", "dev", impresso_folder)
    assert first.example_id == "doc-1"
    assert first.text == "PARIS, 14. (Havas.) — Le roi\nest parti.\n"
    assert first.gold == {"Havas"}
    (mention,) = first.mentions
    assert first.text[mention.start : mention.end] == "Havas"
    # "ag." names no agency: a mention, never gold; a multi-token mention spans its tokens.
    assert second.gold == {"UPI"}
    assert second.text == "Rome, 2. (United Press) — Le pape (ag.)\n"
    assert [(second.text[m.start : m.end], m.wire) for m in second.mentions] == [
        ("United Press", "UPI"),
        ("ag.", None),
    ]


def test_impresso_documents_are_scored_as_attrib_reads_them(impresso_folder: Path) -> None:
    examples = ev.impresso_examples("fr", "dev", impresso_folder)
    document, mention = ev.score(
        "impresso", "dev", "fr", examples, ev.IMPRESSO_LABELS.values(), load_wire_list(), True
    )
    assert (document.counts.tp, document.counts.fp, document.counts.fn) == (2, 0, 0)
    assert (mention.counts.tp, mention.counts.fp, mention.counts.fn) == (2, 0, 0)


def credit(wire: str, start: int, end: int) -> Credit:
    return Credit(wire, "dateline", "article", start, end, "x" * (end - start))


def test_document_counts_leave_out_wires_the_labels_cannot_name() -> None:
    example = ev.Example("e", "text", frozenset({"AFP", "AP"}))
    credits = [credit("AFP", 0, 1), credit("Reuters", 1, 2), credit("PAT", 2, 3)]
    counts, errors = ev.document_counts(example, credits, ["AFP", "AP", "Reuters"])
    assert counts == ev.Counts(tp=1, fp=1, fn=1, other=1)
    assert errors == ["e: missed AP", "e: false Reuters"]
    assert (counts.precision, counts.recall, counts.f1) == (0.5, 0.5, 0.5)
    assert ev.Counts().f1 == 1.0  # nothing to find, nothing found
    assert ev.Counts(1, 0, 0) + ev.Counts(0, 1, 2, 3) == ev.Counts(1, 1, 2, 3)


def test_mention_counts_match_by_overlap_and_forgive_unnamed_agencies() -> None:
    mentions = (ev.Mention(10, 15, "Havas"), ev.Mention(30, 33, None), ev.Mention(50, 53, "AFP"))
    example = ev.Example("e", "x" * 60, frozenset({"Havas", "AFP"}), mentions)
    credits = [credit("Havas", 5, 20), credit("Reuters", 29, 34), credit("Reuters", 40, 45)]
    counts, errors = ev.mention_counts(example, credits, ["Havas", "AFP", "Reuters"])
    assert counts == ev.Counts(tp=1, fp=1, fn=1, other=0)
    assert [error.split(" ")[1] for error in errors] == ["missed", "false"]


def test_ag_news_negatives_name_no_labelled_agency(tmp_path: Path) -> None:
    (tmp_path / "agency_credited_subset.csv").write_text(
        "row_index,class_label,agency,credit_in_title,credit_in_description,title_stripped,"
        "description_stripped,title_original,description_original\n"
        "0,1,Canadian Press,,Canadian Press,T,D,Title one,Canadian Press - VANCOUVER (CP) - D\n",
        encoding="utf-8",
    )
    (tmp_path / "test.csv").write_text(
        "label,title,description\n"
        '1,Title one,"Canadian Press - VANCOUVER (CP) - D"\n'
        '2,Oil rises,"TEHRAN (Reuters) - Oil rose."\n'
        '3,Markets calm,"Stocks were flat on Monday."\n',
        encoding="utf-8",
    )
    examples = ev.ag_news_examples(tmp_path, negatives=0)
    assert [(e.example_id, sorted(e.gold)) for e in examples] == [("ag-0", ["CP"]), ("ag-2", [])]
    assert examples[0].text == "Title one\n\nCanadian Press - VANCOUVER (CP) - D"


def test_the_report_skips_cleanly_without_the_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(ev, "DATA", tmp_path / "absent")
    assert ev.main([]) == 0
    assert "skipped: the evaluation data is not at" in capsys.readouterr().out
