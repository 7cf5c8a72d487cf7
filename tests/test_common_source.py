"""Text two stories share from one source (issue 16): kept as a link between their passages,
never as one story, and told from stock phrases by length and by how many articles hold it.

Excerpts of real pages from trafilatura_eval (../shared/data/trafilatura_eval, Apache-2.0,
the pages belong to their publishers: stluciatimes.com, thestkittsnevisobserver.com,
correiobraziliense.com.br, gazetadopovo.com.br, eawag.ch), each cut to a few paragraphs, and
eight Reuters-21578 stories whole (`fixtures/reuters-filings.jsonl`; Distribution 1.0, free
for research, D. D. Lewis).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from attrib.candidates import ShingleFrequency, article_shingles
from attrib.clean import clean_article
from attrib.models import Article, CorpusResult
from attrib.options import Options
from attrib.pipeline import analyse
from attrib.render.pdf import report_context, story_html
from attrib.reports import write_reports
from attrib.segment import segment_article

OPTIONS = Options(workers=1)
FIXTURES = Path(__file__).parent / "fixtures"

# One statement of the BVI governor, quoted by two stories on the premier's arrest.
ST_LUCIA = (
    "Reuters News Agency reported that a DEA complaint said Fahie had agreed to allow an "
    "informant, posing as a member of Mexico's Sinaloa drug cartel, to use BVI ports to ship "
    "cocaine in return for a payment of $500,000.\n\n"
    "\u201cI realise this will be shocking news for people in the Territory. And I would call "
    "for calm at this time,\u201d BVI Governor John Rankin said in a statement.\n\n"
    "British Foreign Secretary Elizabeth Truss said she was appalled by these serious "
    "allegations."
)
ST_KITTS = (
    "The remit of the Commission of Inquiry focused on governance and corruption, and was not "
    "a criminal investigation into the illegal drug trade.\n\n"
    "I realise this will be shocking news for people in the Territory. And I would call for "
    "calm at this time.\n\n"
    "The Honourable Deputy Premier Natalio Wheatley will remain Acting Premier of the "
    "Territory. I will discuss with him and Cabinet the way forward."
)
# Senate president Pacheco's six quoted words, in two reports of different days.
CORREIO = (
    "Sobre a cassação do deputado bolsonarista, o senador afirmou que mantém o posicionamento "
    "de que o Congresso deve ser o responsável por decidir sobre a inelegibilidade do "
    'político. "Não houve crítica ao STF pela cassação. (…) Fiz apenas uma pontuação '
    "jurídica, técnica e constitucional que está longe de ser uma crítica à decisão "
    'judicial", ressaltou.'
)
GAZETA = (
    "O senador reiterou seu posicionamento de que a cassação de mandato parlamentar é uma "
    "competência do Congresso e ponderou não se tratar de uma crítica, mas de uma "
    '"pontuação jurídica, técnica e constitucional". Ele também disse que o Parlamento não '
    "pode sustar a graça constitucional concedida por Bolsonaro ao deputado federal."
)
# Eight Reuters stories of 1987 on companies' filings (reut2-014 to reut2-020, as distributed),
# each opening with one templated line.
FILINGS = {
    row["id"]: row["text"]
    for row in map(json.loads, (FIXTURES / "reuters-filings.jsonl").read_text("utf-8").splitlines())
}


def run(*texts: str) -> CorpusResult:
    articles = [
        Article(article_id=f"a{n}", path=f"a{n}.txt", text=text, outlet=f"outlet{n}")
        for n, text in enumerate(texts)
    ]
    return analyse(articles, OPTIONS)


def links_between_stories(result: CorpusResult) -> set[tuple[str, str]]:
    article_of = {p.passage_id: p.article_id for p in result.passages}
    story_of = {a: s.story_id for s in result.stories for a in s.article_ids}
    return {
        (article_of[m.a], article_of[m.b])
        for m in result.matches
        if story_of[article_of[m.a]] != story_of[article_of[m.b]]
    }


def test_a_statement_two_stories_quote_links_them_and_merges_nothing() -> None:
    result = run(ST_LUCIA, ST_KITTS)
    assert len(result.stories) == 2
    assert links_between_stories(result) == {("a0", "a1")}


def test_a_quotation_both_carry_is_a_common_source_though_six_words() -> None:
    result = run(CORREIO, GAZETA)
    assert len(result.stories) == 2
    assert links_between_stories(result) == {("a0", "a1")}


def test_a_templated_line_in_many_articles_is_a_stock_phrase() -> None:
    medical, arden = FILINGS["r15848"], FILINGS["r19833"]
    # Two filings alone share a rare sentence: as far as two articles show, one source.
    assert links_between_stories(run(medical, arden)) == {("a0", "a1")}
    # Among eight, the same words are the wire's template, and the two are not linked.
    texts = [medical, arden, *(t for k, t in sorted(FILINGS.items()) if t not in (medical, arden))]
    assert not {("a0", "a1")} & links_between_stories(run(*texts))
    # With the bar raised to eight articles, frequency no longer tells them apart.
    raised = Options(workers=1, common_source_max_articles=len(texts))
    articles = [Article(f"a{n}", f"a{n}.txt", t, f"o{n}") for n, t in enumerate(texts)]
    assert ("a0", "a1") in links_between_stories(analyse(articles, raised))


def test_a_long_name_two_pages_cite_is_no_source() -> None:
    eawag = (
        "Eine soeben in der Zeitschrift PNAS (Proceedings of the National Academy of Sciences "
        "of the United States of America) veröffentlichte Studie von Forschenden der Eawag und "
        "der ETH Zürich zeigt nun, wie Effizienzunterschiede erklärt werden können."
    )
    wikipedia = (
        'Murray-McIntosh, Rosalind P.; Penny, David (1998). "Testing migration patterns and '
        'estimating founding population size in Polynesia". Proceedings of the National '
        "Academy of Sciences of the United States of America. 95 (15): 9047-52."
    )
    assert links_between_stories(run(eawag, wikipedia)) == set()


def test_shingle_frequency_counts_articles_not_passages() -> None:
    texts = [ST_LUCIA, ST_KITTS, ST_KITTS + "\n\n" + ST_KITTS.split("\n\n")[1]]
    grams = [
        article_shingles(segment_article(clean_article(Article(f"a{n}", "x", t)), "en"), 3)
        for n, t in enumerate(texts)
    ]
    frequency = ShingleFrequency.of_articles(grams)
    shared = np.intersect1d(np.concatenate(grams[0]), np.concatenate(grams[1]))
    # The statement is in all three articles, the third holding it twice; counted once there.
    assert len(shared) and set(frequency.of(shared).tolist()) == {3}
    # A shingle of one article alone is in one article.
    only_first = np.setdiff1d(np.concatenate(grams[0]), np.concatenate(grams[1]))
    assert set(frequency.of(only_first).tolist()) == {1}


def test_the_tables_and_the_evidence_name_the_other_stories(tmp_path: Path) -> None:
    result = run(ST_LUCIA, ST_KITTS)
    statement = [p for p in result.passages if "shocking" in p.text or "call for" in p.text]
    assert {p.passage_id: (p.article_id == "a0") for p in statement} == {
        "a0:1": True,  # one sentence in St Lucia Times, two passages in the Observer
        "a1:1": False,
        "a1:2": False,
    }
    other = {"a0": "a1", "a1": "a0"}
    assert result.other_stories == {p.passage_id: (other[p.article_id],) for p in statement}
    assert result.attributions["a0:1"].evidence.endswith(
        "; shared with 1 article of other stories (common source)"
    )
    assert "other stories" not in result.attributions["a0:0"].evidence
    write_reports(result, tmp_path, pdf=False, html=False)
    with (tmp_path / "passages.csv").open(encoding="utf-8") as handle:
        rows = {r["passage_id"]: r for r in csv.DictReader(handle)}
    assert rows["a0:1"]["other_stories"] == "a1" and rows["a0:0"]["other_stories"] == ""
    with (tmp_path / "articles.csv").open(encoding="utf-8") as handle:
        articles = {r["article_id"]: r for r in csv.DictReader(handle)}
    words = {a: sum(len(p.text.split()) for p in result.passages_of(a)) for a in ("a0", "a1")}
    for article_id, row in articles.items():
        shared = sum(len(p.text.split()) for p in statement if p.article_id == article_id)
        expected = shared / words[article_id]
        assert abs(float(row["other_stories_share"]) - expected) < 0.01
    with (tmp_path / "outlets.csv").open(encoding="utf-8") as handle:
        outlets = {r["outlet"]: r for r in csv.DictReader(handle)}
    assert outlets["outlet0"]["other_stories_share"] == articles["a0"]["other_stories_share"]


def two_stories_sharing_a_statement() -> CorpusResult:
    """Each report of the arrest as two outlets ran it (the second adds a line), so each
    story has a report; St Lucia Times cites Reuters for another sentence."""
    return run(
        ST_LUCIA,
        ST_LUCIA + "\n\nThe premier was arrested in Miami on Thursday, officials said.",
        ST_KITTS,
        ST_KITTS + "\n\nThe governor said the inquiry report would be published within days.",
    )


def test_a_story_report_lists_what_other_stories_carry_too() -> None:
    result = two_stories_sharing_a_statement()
    assert len(result.stories) == 2
    observer = next(s for s in result.stories if "a2" in s.article_ids)
    other = result.story_of["a0"]
    report = report_context(result, observer)
    assert [(line.carried_by, line.stories) for line in report.elsewhere] == [
        ("outlet2, outlet3", f"{other} (outlet0, outlet1)")
    ] * 2
    assert report.elsewhere[0].text.startswith("I realise this will be shocking news")
    page = story_html(result, observer)
    assert "Also in other stories" in page and f"also in {other} (outlet0, outlet1)" in page
    # A story sharing nothing prints no such section.
    alone = run(CORREIO, CORREIO + "\n\nO presidente do Senado falou depois da reunião.")
    assert "Also in other stories" not in story_html(alone, alone.stories[0])


def test_a_hint_does_not_travel_to_another_story() -> None:
    """St Lucia Times cites Reuters for the DEA complaint, which makes its other sentences a
    Reuters hint; the Observer's story shares only the governor's words with it, so they stay
    uncredited there rather than becoming Reuters at second hand."""
    result = two_stories_sharing_a_statement()
    statement = [p for p in result.passages_of("a2") if "shocking" in p.text or "calm" in p.text]
    assert statement
    for passage in statement:
        attribution = result.attributions[passage.passage_id]
        assert attribution.origin != "Reuters", attribution.evidence
        assert "other stories (common source)" in attribution.evidence
    assert result.attributions["a0:1"].origin == "Reuters"
