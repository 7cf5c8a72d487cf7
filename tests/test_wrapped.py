"""Hard-wrapped text (1987 wire copy, OCR of newspaper columns): lines joined into paragraphs,
line-end hyphens removed only where they split a word, and every offset still pointing at the
characters as read. Fixtures are real text as distributed (tests/fixtures/wrapped/README.md);
the floors at the end run on the shared data and skip without it."""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.engines.local import analyse
from attrib.match.align import (
    align_passages,
    figures_agreeing,
    misread,
    misread_figure,
    misread_words,
    numbers_disagree,
)
from attrib.match.families import distinctive_row
from attrib.models import Article, CleanArticle, Passage
from attrib.options import Options
from attrib.text.clean import clean_article
from attrib.text.paragraphs import hard_wrapped, paragraph_lines, scanned
from attrib.text.segment import segment_article
from attrib.text.tokens import numbers, tokenize
from conftest import REPO, shared_data

FIXTURES = REPO / "tests" / "fixtures" / "wrapped"
runner = CliRunner()


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def cleaned(name: str) -> CleanArticle:
    return clean_article(Article(name, name, fixture(name)))


def paragraphs(article: CleanArticle) -> list[str]:
    return [article.body[p.start : p.end] for p in article.paragraphs]


def words(text: str) -> list[str]:
    """The words of a text with line-end hyphens taken out, as a reader sees them."""
    return re.findall(r"\w+", re.sub(r"-\s*\n\s*(?=[a-zà-ÿ])", "", text))


def test_reuters_paragraphs_open_on_the_indent() -> None:
    article = cleaned("reuters-r12006.txt")
    assert paragraphs(article) == [
        "Insurance group Guardian Royal Exchange Plc <GREX.L> said it would expand its life"
        " assurance business and push further into European markets, but that U.K. Underwriting"
        " losses remained a heavy drag on profits.",
        "Earlier, the group had announced sharply increased pre-tax profits of 143.8 mln stg for"
        " calendar 1986, versus 3.5 mln the previous year.",
        '"We are anxious to develop our life assurance business," group managing director Peter'
        ' Dugdale told a news conference. "If we have a thrust for the coming years, it is'
        ' probably best to spend more time on life in the U.K. And abroad," he said.',
    ]
    assert [r.reason for r in article.removed] == ["heading"]  # " Reuter", the sign-off


def test_a_short_story_without_indents_is_one_paragraph_and_its_sign_off_another() -> None:
    article = cleaned("reuters-r12004.txt")
    assert len(article.paragraphs) == 1
    assert article.body.startswith("Luxtec Corp said it has reduced the exercise price")
    assert article.body.endswith("through June 30.")


def test_table_rows_stay_rows_and_the_note_is_prose() -> None:
    article = cleaned("reuters-r12005.txt")
    assert paragraphs(article) == [
        "Oper net 94.4 mln vs 74.1 mln",
        "Revs 1.3 bilion vs 1.2 billion",
        "NOTE: THL is parent to SCOA Industries Inc, acquired in a leveraged buyout in December"
        " 1985.",
    ]
    assert [p.table for p in article.paragraphs] == [True, True, False]
    assert [p.table for p in segment_article(article)] == [True, True, False]


# Two companies' dividend notices (Reuters-21578 style, written for this test): the same rows
# of figures, different companies; and one company's results re-filed word for word.
DIVIDEND = (
    "{company} said its board declared a regular quarterly dividend payable on May 15 to\n"
    "holders of record on April 30, and said it expected no change in its payout policy.\n"
    "    Qtly div 12 cts vs 12 cts prior\n"
    "    Pay May 15\n"
    "    Record April 30\n"
    " Reuter\n"
)


def test_identical_rows_of_figures_never_make_a_story() -> None:
    first = DIVIDEND.format(company="Acme Mining Corp")
    second = DIVIDEND.format(company="Zenith Textile Inc").replace(
        "and said it expected no change in its payout policy",
        "after a year in which its sales rose by a fifth in Europe",
    )
    result = analyse([Article("a", "a", first), Article("b", "b", second)], Options())
    assert [p.table for p in result.passages_of("a")] == [False, True]
    assert len(result.stories) == 2
    assert not result.matches  # the rows are the same, the stories are not


def test_a_results_table_refiled_with_another_note_is_one_story() -> None:
    """Rows no other company would print (`Net 3,466,000 vs 1,913,000`) link two copies of
    one results table even when the notes under them differ."""
    table = "Shr 39 cts vs 26 cts\n    Net 3,466,000 vs 1,913,000\n    Revs 27.7 mln vs 19.4 mln\n"
    first = table + "    Note: period ended February 28.\n Reuter\n"
    second = table + "    The company said the quarter included a gain on a sale.\n Reuter\n"
    result = analyse([Article("a", "a", first), Article("b", "b", second)], Options())
    assert len(result.stories) == 1
    rows = [m for m in result.matches if result.passages_by_id[m.a].table]
    assert len(rows) == 3


def test_one_row_quoted_in_another_story_does_not_merge_it() -> None:
    """Two rows shared, one distinctive, make a re-filed table one story; a distinctive row
    alone may be a figure another story quotes, and a header of years is no distinctive row."""
    table = "Shr 39 cts vs 26 cts\n    Net 3,466,000 vs 1,913,000\n    Revs 27.7 mln vs 19.4 mln\n"
    story = DIVIDEND.format(company="Zenith Textile Inc")
    quoting = story.replace(" Reuter\n", "    Net 3,466,000 vs 1,913,000\n Reuter\n")
    result = analyse([Article("a", "a", table), Article("b", "b", quoting)], Options())
    assert len(result.stories) == 2
    header = "    1987 1986\n"
    acme = header + "    Shr 12 cts vs 10 cts\n    Net 1,200,000 vs 900,000\n"
    zenith = header + "    Shr 12 cts vs 10 cts\n    Net 7,300,000 vs 6,100,000\n"
    result = analyse([Article("a", "a", acme), Article("b", "b", zenith)], Options())
    assert len(result.stories) == 2


def test_rows_of_common_figures_are_not_distinctive() -> None:
    assert distinctive_row("Net 3,466,000 vs 1,913,000")
    assert distinctive_row("Revs 236.1 mln vs 256.2 mln")
    assert not distinctive_row("Revs 27.7 mln vs 19.4 mln")
    assert not distinctive_row("Qtly div 12 cts vs 12 cts prior")
    assert not distinctive_row("Shr 39 cts vs 26 cts")
    assert not distinctive_row("1987 1986")


def test_identical_tables_align_inside_one_story() -> None:
    text = fixture("reuters-r12005.txt")
    result = analyse([Article("a", "a", text), Article("b", "b", text)], Options())
    assert len(result.stories) == 1
    matched = {frozenset((m.a, m.b)) for m in result.matches if m.score == 1.0}
    for left, right in zip(result.passages_of("a"), result.passages_of("b"), strict=True):
        assert frozenset((left.passage_id, right.passage_id)) in matched


def test_a_row_with_another_figure_is_another_row() -> None:
    row = Passage("a", 0, 0, 0, 30, "Qtly div 12 cts vs 12 cts prior", table=True)
    other = Passage("b", 0, 0, 0, 30, "Qtly div 15 cts vs 12 cts prior", table=True)
    prose = Passage("c", 0, 0, 0, 30, "Qtly div 12 cts vs 12 cts prior", table=False)
    assert align_passages(row, replace(row, article_id="b"), Options()) is not None
    assert align_passages(row, other, Options()) is None
    assert align_passages(row, prose, Options()) is None


def test_ocr_column_joins_words_split_at_line_ends() -> None:
    article = cleaned("impresso-GDL-1900-01-02-a-i0067.txt")
    body = article.body
    for joined in ("Madame Dunant-Vaucher", "Crômieux", "A. Martin,", "affection le 29"):
        assert joined in body
    assert "Ma- dame" not in body and "Crô-" not in body
    # Every word of the column is in the body once the line-end hyphens are gone.
    assert words(body) == words(article.article.text)


# An OCR'd column (it splits a word every few lines) and Reuters wire copy (it never splits
# a word: its line-end hyphens are compounds), each with one line-end hyphen under test.
COLUMN = (
    "Le conseil d'administration de la compa-\n"
    "gnie du gaz a décidé hier de porter le\n"
    "prix du mètre cube à vingt centimes. Les\n"
    "abonnés en ont été informés par une let-\n"
    "tre du directeur, qui rappelle que la {}-\n"
    "{} des tarifs n'avait pas eu lieu depuis\n"
    "dix ans et que le conseil ne pouvait plus at-\n"
    "tendre davantage pour équilibrer ses comptes."
)
WIRE = (
    "The Bundesbank said the {}-\n"
    "{} index of the mark rose two pct in March, while the\n"
    "dollar fell against most currencies in quiet trading.\n"
)


def joined(text: str) -> str:
    return " ".join(line.text for line in paragraph_lines(text))


@pytest.mark.parametrize(
    ("text", "halves", "expected"),
    [
        (COLUMN, ("révi", "sion"), "la révision des tarifs"),  # syllables: one word
        (COLUMN, ("anti", "IS"), "la anti-IS des tarifs"),  # before a capital
        (COLUMN, ("1987", "88"), "la 1987-88 des tarifs"),  # a number, no space added
        (COLUMN, ("hausse", "et"), "la hausse- et des tarifs"),  # before a conjunction
        (WIRE, ("trade", "weighted"), "the trade-weighted index"),  # wire copy: a compound
        (WIRE, ("land", "and"), "the land- and index"),
    ],
)
def test_a_line_end_hyphen_goes_only_inside_a_word(
    text: str, halves: tuple[str, str], expected: str
) -> None:
    assert expected in joined(text.format(*halves))
    assert "compagnie du gaz" in joined(COLUMN.format("révi", "sion"))


def test_the_text_itself_shows_a_compound() -> None:
    column = COLUMN.format("porte", "parole") + " Le porte-parole a confirmé la chose."
    assert "la porte-parole des tarifs" in joined(column)
    column = COLUMN.format("porte", "monnaie") + " Le portemonnaie était vide ce matin."
    assert "la portemonnaie des tarifs" in joined(column)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_passage_maps_back_to_the_characters_it_was_read_from(name: str) -> None:
    article = cleaned(name)
    raw = article.article.text
    passages = segment_article(article)
    assert passages
    for passage in passages:
        start, end = article.raw_span(passage.start, passage.end)
        assert words(raw[start:end]) == words(passage.text)
        assert raw[start] == passage.text[0] and raw[end - 1] == passage.text[-1]


def test_a_hyphen_split_word_spans_both_halves() -> None:
    article = cleaned("impresso-GDL-1900-01-02-a-i0067.txt")
    raw = article.article.text
    at = article.body.index("Crômieux")
    paragraph = article.paragraphs[0]
    start = paragraph.raw_offset(at)
    end = paragraph.raw_offset(at + len("Crômieux"), end=True)
    assert raw[start:end] == "Crô-\nmieux"


def test_wrapped_copies_of_one_column_align_end_to_end() -> None:
    """The same wire story wrapped at two widths (as two papers set it) aligns sentence for
    sentence; line by line it shares nothing."""
    text = " ".join(fixture("reuters-r12006.txt").split()[:-1])
    narrow = re.sub(r"(.{1,38})(\s|$)", r"\1\n", text)
    wide = re.sub(r"(.{1,66})(\s|$)", r"\1\n", text)
    result = analyse(
        [Article("narrow", "narrow.txt", narrow), Article("wide", "wide.txt", wide)], Options()
    )
    narrow_passages = result.passages_of("narrow")
    assert len(narrow_passages) == len(result.passages_of("wide")) >= 4
    matched = {pid for m in result.matches for pid in (m.a, m.b) if m.score == 1.0}
    assert all(p.passage_id in matched for p in narrow_passages)


# Two short OCR'd items (Gazette de Lausanne, 1900-10-08 and 1900-12-03; passages of passim
# clusters 8589935024 and 77309412076, even ids; impresso CC BY-NC 4.0): few lines go on in
# lower case, but a hyphen splits `Lourenço-`/`Marquez`, and specks open lines (`. samedi`).
KRUGER = (
    "Le Gelderland est attendu à Lourenço-\nMarquez vers le 10 octobre. Le président\n"
    "Krûger s'embarquera à son bord et ira à\nBruxelles où il établira sa résidence chez\n"
    "M. Frickie. Son petit-fils et la femme de ce\ndernier doivent "
)
PREFETS = (
    "Les préfets du canton de Berne ont eu\n. samedi leur réunion annuelle. M. Klay, direc-\n"
    "teur du département de justice, a fait une con-\nférence sur le projet de loi créant un "
    "tribunal\n^ 'administration. Une discussion animée a\n. abouti au vœu qu'une procédure "
    "bien définie\nJÛt fixée poar les procès administratifs.\nZURICH. — Vendredi soir, "
)


@pytest.mark.parametrize("text", [KRUGER, PREFETS])
def test_a_short_ocr_column_is_wrapped_and_kept(text: str) -> None:
    assert hard_wrapped(text)
    article = clean_article(Article("x", "x", text))
    assert len(article.body.split()) >= 0.9 * len(text.split())


def test_a_list_of_items_with_bullets_is_no_column() -> None:
    items = (
        "Au menu de lundi et mardi\n- soupe aux légumes du jardin\n- pain de campagne et fromage\n"
    )
    assert not hard_wrapped(items)


# --- bad input --------------------------------------------------------------------------------


def test_text_all_on_one_line_is_kept_as_it_was() -> None:
    text = " ".join(fixture("reuters-r12006.txt").split()[:-1])
    article = clean_article(Article("x", "x", text))
    assert article.body == text


def test_every_line_indented_reads_as_a_column() -> None:
    text = "".join(f"    {line}\n" for line in fixture("reuters-r12004.txt").splitlines()[:3])
    assert hard_wrapped(text)
    article = clean_article(Article("x", "x", text))
    assert len(article.paragraphs) == 1 and article.body.endswith("June 30.")


def test_ocr_garbage_keeps_the_prose_around_it_and_names_what_it_drops() -> None:
    text = fixture("impresso-GDL-1900-01-02-a-i0067.txt")
    garbage = "»  ^ _ | ; i1 ! ' ~ » ^\n.:: ;; ,, ' \"\n"
    article = clean_article(Article("x", "x", garbage + text))
    assert "Crômieux" in article.body
    assert article.removed and all(r.reason for r in article.removed)
    covered = [(p.raw_start, p.raw_end) for p in article.paragraphs] + [
        (r.start, r.end) for r in article.removed
    ]
    for line in re.finditer(r"\S[^\n]*", garbage + text):
        assert any(s <= line.start() and line.end() <= e for s, e in covered), line.group()


def test_wrapped_and_unwrapped_paragraphs_in_one_file() -> None:
    wrapped = fixture("reuters-r12006.txt").rsplit(" Reuter", 1)[0]
    one_line = (
        "The group said its general insurance business in the United States returned to"
        " profit in the second half of the year, helped by higher premium rates."
    )
    text = f"{one_line}\n{wrapped}"
    article = clean_article(Article("x", "x", text))
    assert paragraphs(article)[0] == one_line
    assert len(article.paragraphs) == 4
    assert "Exchange Plc <GREX.L> said" in article.body


# --- real data, as distributed (needs ../shared/data) -----------------------------------------


@pytest.fixture(scope="module")
def eval_real():
    sys.path.insert(0, str(REPO / "bench"))
    import eval_real

    return eval_real


@pytest.mark.slow
def test_raw_reuters_keeps_its_words_and_links_every_twin(eval_real) -> None:
    shared_data("reuters21578", "reut2-011.sgm.gz")
    scores = eval_real.evaluate_reuters(["reut2-011.sgm.gz"])
    assert scores.stories > 900 and scores.twin_pairs >= 10
    assert scores.kept_share >= 0.97  # 0.975 measured; 0.196 before paragraphs were joined
    assert scores.twins_linked == scores.twin_pairs
    assert scores.twins_at_95 == 2 * scores.twin_pairs


@pytest.mark.slow
def test_impresso_reuse_between_papers_is_found(eval_real) -> None:
    shared_data("impresso_passim_textreuse_1900")
    scores, _, _ = eval_real.evaluate_impresso(limit=300)
    assert scores.clusters == 300
    assert scores.found_either / scores.clusters >= 0.86  # 0.877 measured; 0.007 before joining


# --- OCR-tolerant matching ---------------------------------------------------------------------

# Two OCR readings of one notice (Journal de Genève and Gazette de Lausanne, 1900; passim
# cluster 84, impresso CC BY-NC 4.0) with a misread letter and a dropped accent, and the
# clean-text pair of templated Eurobond notices (Reuters-21578) that differ by one letter too.
OCR_A = "M. et Mme J. Delacroix et leurs enfants font part à leurs amis de la perte cruelle."
OCR_B = "M. et Mme J. Dslacroix et leurs enfants font part a leurs amis de la perte cruelle."


def ocr_passage(article_id: str, text: str, scanned: bool) -> Passage:
    return Passage(article_id, 0, 0, 0, len(text), text, scanned)


def test_a_misread_letter_matches_in_scanned_text_only() -> None:
    ocr = align_passages(ocr_passage("a", OCR_A, True), ocr_passage("b", OCR_B, True), Options())
    clean = align_passages(
        ocr_passage("a", OCR_A, False), ocr_passage("b", OCR_B, False), Options()
    )
    assert ocr is not None and clean is not None
    words = len(tokenize(OCR_A).words)
    assert ocr.matched_words == words  # `à`/`a` folded, `Dslacroix` forgiven
    assert clean.matched_words == words - 1  # in clean text a changed letter is an edit


def test_ocr_columns_are_scanned_and_wire_copy_is_not() -> None:
    """Both OCR'd columns split words at line ends; the wrapped Reuters stories never do."""
    for name in ("impresso-GDL-1900-01-02-a-i0067.txt", "impresso-JDG-1900-01-01-a-i0060.txt"):
        article = clean_article(Article(name, name, fixture(name)))
        assert article.wrapped and article.scanned
    for name in ("reuters-r12004.txt", "reuters-r12005.txt", "reuters-r12006.txt"):
        article = clean_article(Article(name, name, fixture(name)))
        assert article.wrapped and not article.scanned
    assert not scanned("land-\nand sea-based forces\nwere sent")  # a held-over hyphen


# One sentence as the two papers printed it (Gazette de Lausanne and Journal de Genève,
# 1900-10-11; passim cluster 42949674390, an even id; impresso CC BY-NC 4.0), line-end hyphens
# joined: the Journal's OCR read 2706 as 2106 and garbled 350,000 into letters.
ARTH_GDL = (
    "L'assemblée des actionnaires du chemin de fer de l'Arth-Righi, réunie mardi à Zurich, a "
    "repoussé par 3967 voix contre 2706 la proposition du conseil d'administration de distribuer "
    "aux actions de priorité un dividende de 4 1 / 2 % et a décidé de contracter un emprunt de "
    "350,000 fr. en deuxième hypothèque."
)
ARTH_JDG = (
    "L'assemblée des actionnaires du chemin de fer de l'Arth-Righi, réunie mardi, a repoussé, "
    "par 3967 vois contre 2106, la proposition d, u conseil d'administration de distribuer- aux "
    "actions de priorité un dividende de 4 1 / 2 «/, et a deoicjé de contracter un emprunt de "
    "3 SQ, ÛOP fr. en deuxième hypothèque."
)


def test_figures_ocr_misread_or_lost_still_agree_in_scanned_text_only() -> None:
    assert misread_figure("2706", "2106") and not misread_figure("2706", "2160")
    assert not misread_figure("12", "13")  # any two short figures are a digit apart
    gdl, jdg = numbers(ARTH_GDL), numbers(ARTH_JDG)
    # Clean text: 4 of the 8 figures agree. Scanned: 2706 is 2106, and 350,000 is lost,
    # so 5 of the Journal's 6 figures agree.
    assert figures_agreeing(gdl, jdg, scanned=False) == (4, 8)
    assert figures_agreeing(gdl, jdg, scanned=True) == (5, 6)
    assert align_passages(
        ocr_passage("a", ARTH_GDL, True), ocr_passage("b", ARTH_JDG, True), Options()
    )
    # Which passage comes first changes nothing, and a figure pairs with one other at most.
    assert figures_agreeing(["1901", "1907", "5"], ["1902", "6", "7"], scanned=True) == (1, 3)
    assert figures_agreeing(["1902", "6", "7"], ["1901", "1907", "5"], scanned=True) == (1, 3)
    # The death notice of the fixtures: `29 courant` read `2 ? courant`, `New York` read
    # `New Y 01 k`.
    gdl = numbers(fixture("impresso-GDL-1900-01-02-a-i0067.txt"))
    jdg = numbers(fixture("impresso-JDG-1900-01-01-a-i0060.txt"))
    assert numbers_disagree(gdl, jdg) and not numbers_disagree(gdl, jdg, scanned=True)


def test_two_ocr_readings_of_one_death_notice_are_one_story() -> None:
    """The notice's date reads `29 courant` in one paper and `2 ? courant` in the other."""
    names = ("impresso-GDL-1900-01-02-a-i0067.txt", "impresso-JDG-1900-01-01-a-i0060.txt")
    result = analyse([Article(n, n, fixture(n)) for n in names], Options())
    assert len(result.stories) == 1
    assert sum(m.matched_words for m in result.matches) >= 30


def test_a_misread_letter_needs_agreeing_words_around_it() -> None:
    assert misread("delacroix", "dslacroix") and misread("praecipium", "praecipuum")
    assert not misread("realise", "realize")  # a spelling, not a misreading
    assert not misread("senat", "senats")  # a letter more is an edit, not a misreading
    assert not misread("cantons", "canton5")  # a digit is a figure
    agreeing = [("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2), ("equal", 2, 3, 2, 3)]
    a, b = ("xx", "delacroix", "yy"), ("xx", "dslacroix", "yy")
    assert misread_words(a, b, agreeing) == 1
    # The same two words with nothing agreeing around them: another name, not a misreading.
    assert misread_words(("delacroix",), ("dslacroix",), [("replace", 0, 1, 0, 1)]) == 0
    # Three words in a row replaced: a rewrite, whatever their letters.
    long = [("equal", 0, 1, 0, 1), ("replace", 1, 4, 1, 4), ("equal", 4, 5, 4, 5)]
    a = ("xx", "delacroix", "dupontel", "martinet", "yy")
    b = ("xx", "dslacroix", "duponteI", "martinot", "yy")
    assert misread_words(a, b, long) == 0


def test_digit_grouping_does_not_make_figures_differ() -> None:
    assert numbers("a loss of 172.850,000 francs") == numbers("a loss of 172,850,000 francs")
    assert numbers("a loss of 172,850,000 francs") != numbers("a loss of 172,850,001 francs")


# --- language ------------------------------------------------------------------------------------

# German: a sentence of Deutsche Welle-style copy written for this test; French: the fixtures.
GERMAN = (
    "Der Bundesrat hat am 3. März beschlossen, die Vorlage z. B. an Dr. Müller zu senden. "
    "Die Sitzung dauerte bis 18 Uhr. Er sagte, die Lage sei ernst."
)


def test_language_is_detected_from_the_body_and_a_manifest_wins() -> None:
    assert cleaned("impresso-GDL-1900-01-02-a-i0067.txt").language == "fr"
    assert cleaned("reuters-r12006.txt").language == "en"
    assert clean_article(Article("x", "x", GERMAN)).language == "de"
    assert clean_article(Article("x", "x", GERMAN, language="fr")).language == "fr"
    assert clean_article(Article("x", "x", "Shr 12 cts vs 10 cts.")).language == ""


def test_french_and_german_sentences_split_where_sentences_end() -> None:
    french = clean_article(
        Article(
            "x",
            "x",
            "Le conseil a entendu M. Ador et MM. Ernest et Edouard Vaucher. La séance est "
            "levée à six heures. Mme J. Delacroix n'était pas là.",
        )
    )
    assert french.language == "fr"
    assert [p.text for p in segment_article(french)] == [
        "Le conseil a entendu M. Ador et MM. Ernest et Edouard Vaucher.",
        "La séance est levée à six heures.",
        "Mme J. Delacroix n'était pas là.",
    ]
    german = clean_article(Article("x", "x", GERMAN))
    assert [p.text for p in segment_article(german)] == [
        "Der Bundesrat hat am 3. März beschlossen, die Vorlage z. B. an Dr. Müller zu senden.",
        "Die Sitzung dauerte bis 18 Uhr.",
        "Er sagte, die Lage sei ernst.",
    ]


def test_articles_csv_gives_the_manifest_or_detected_language(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("impresso-GDL-1900-01-02-a-i0067.txt", "reuters-r12006.txt"):
        (corpus / name).write_text(fixture(name), "utf-8")
    (corpus / "german.txt").write_text(GERMAN, "utf-8")
    (corpus / "manifest.csv").write_text("path,language\nreuters-r12006.txt,xx\n", "utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-pdf"]).exit_code == 0
    with open(out / "articles.csv", newline="", encoding="utf-8") as handle:
        languages = {row["article_id"]: row["language"] for row in csv.DictReader(handle)}
    assert languages == {
        "german": "de",
        "impresso-GDL-1900-01-02-a-i0067": "fr",
        "reuters-r12006": "xx",  # the manifest's word, even where detection says English
    }


def test_a_saved_on_header_is_not_the_date_and_a_wrapped_first_line_not_the_title() -> None:
    text = "Saved on 27 April 2024, 10:12\n\nFebruary 11, 2016\n\n" + fixture("reuters-r12006.txt")
    article = clean_article(Article("x", "x", text))
    assert article.published == "2016-02-11"
    assert "capture" in {r.reason for r in article.removed}
    for prose in (
        "Captured on video, the collapse of the bridge was shown on every channel that night.",
        "Retrieved from the rubble hours later, the driver was taken to hospital in Berne.",
        "Printed in red ink, the notice was posted on the door of the town hall on Monday.",
    ):
        assert clean_article(Article("x", "x", prose)).body == prose


def test_headings_in_capitals_stand_alone_in_an_ocr_column() -> None:
    column = (
        "CONFÉDÉRATION SUISSE\n"
        "Le Conseil fédéral a nommé hier le nouveau\n"
        "directeur des postes, qui entrera en fonctions\n"
        "le premier janvier prochain à Berne.\n"
        "GENÈVE\n"
        "Le Grand Conseil a siégé hier soir sous la\n"
        "présidence de M. Ador et a voté le budget.\n"
    )
    article = clean_article(Article("x", "x", column))
    assert paragraphs(article) == [
        "Le Conseil fédéral a nommé hier le nouveau directeur des postes, qui entrera en"
        " fonctions le premier janvier prochain à Berne.",
        "Le Grand Conseil a siégé hier soir sous la présidence de M. Ador et a voté le budget.",
    ]
    assert cleaned("reuters-r12006.txt").title == ""  # its first line is the lead, not a title
