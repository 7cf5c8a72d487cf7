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

from attrib.engines.local import align_candidates, analyse
from attrib.engines.stages import prepare_article
from attrib.match.families import build_stories, common_source_matches, kept_matches, link_articles
from attrib.match.shingles import ShingleFrequency, article_shingles
from attrib.models import Article, CorpusResult, Match
from attrib.options import Options
from attrib.output.pdf import story_html
from attrib.output.report_context import report_context
from attrib.output.reports import write_reports
from attrib.text.clean import clean_article
from attrib.text.segment import segment_article
from attrib.text.tokens import word_count

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
# The Supreme Court's note on the defence minister's visit: Correio quotes it, Brasil 247
# reports its words unquoted.
CORREIO_NOTE = (
    "A reunião com o general estava marcada, inicialmente, para hoje, mas foi adiantada. "
    '"Durante o encontro, o Ministro da Defesa afirmou que as Forças Armadas estão '
    "comprometidas com a democracia brasileira e que os militares atuarão, no âmbito de suas "
    'competências, para que o processo eleitoral transcorra normalmente e sem incidentes", '
    "diz o comunicado do STF."
)
BRASIL_247 = (
    "247 – Embora o ministro da Defesa, Paulo Sergio Nogueira, tenha dito ao presidente do "
    "Supremo Tribunal Federal, Luiz Fux, que as forças armadas estão comprometidas com a "
    "democracia, o que se vê na prática é um pouco diferente."
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


def common_links(texts: list[str], options: Options = OPTIONS) -> tuple[Match, ...]:
    """The matches `common_source_matches` keeps among these articles, from the matches no
    story or borrowing keeps: what the rule itself decides."""
    articles = [Article(f"a{n}", f"a{n}.txt", t, f"outlet{n}") for n, t in enumerate(texts)]
    prepared = [prepare_article(a, frozenset(), options) for a in articles]
    passages = [p for a in prepared for p in a.passages]
    seeds, frequency = align_candidates(prepared, options)
    links = link_articles(passages, seeds, options)
    stories = build_stories([a.article_id for a in articles], links.same_story)
    kept = {(m.a, m.b) for m in kept_matches(passages, seeds, stories, links.borrowed)}
    dropped = [m for m in seeds if (m.a, m.b) not in kept]
    return common_source_matches(passages, dropped, stories, frequency, options)


def articles_linked(matches: tuple[Match, ...]) -> set[tuple[str, str]]:
    return {(m.a.split(":")[0], m.b.split(":")[0]) for m in matches}


def links_between_stories(result: CorpusResult) -> set[tuple[str, str]]:
    article_of = {p.passage_id: p.article_id for p in result.passages}
    story_of = {a: s.story_id for s in result.stories for a in s.article_ids}
    return {
        (article_of[m.a], article_of[m.b])
        for m in result.matches
        if story_of[article_of[m.a]] != story_of[article_of[m.b]]
    }


def test_a_statement_two_stories_quote_links_them_and_merges_nothing() -> None:
    # Twenty words of one paragraph: a borrowed paragraph, a link of its own kind.
    result = run(ST_LUCIA, ST_KITTS)
    assert len(result.stories) == 2
    assert links_between_stories(result) == {("a0", "a1")}
    assert common_links([ST_LUCIA, ST_KITTS]) == ()


def test_a_quotation_both_carry_is_a_common_source_though_six_words() -> None:
    assert articles_linked(common_links([CORREIO, GAZETA])) == {("a0", "a1")}
    result = run(CORREIO, GAZETA)
    assert len(result.stories) == 2
    assert links_between_stories(result) == {("a0", "a1")}


def test_the_words_of_a_quoted_note_reported_unquoted_are_a_common_source() -> None:
    assert articles_linked(common_links([CORREIO_NOTE, BRASIL_247])) == {("a0", "a1")}
    # The same nine words, quoted by neither, are under every bar.
    unquoted = CORREIO_NOTE.replace('"', "")
    assert common_links([unquoted, BRASIL_247]) == ()


def test_a_statement_many_outlets_ran_in_one_story_is_still_rare() -> None:
    """Counting stories, not articles: Correio's report as six outlets ran it (each adding a
    line of its own) is one story, and Gazeta's use of the senator's words still links."""
    copies = [
        f"{CORREIO}\n\nO senador falou a jornalistas depois da reunião número {n}."
        for n in range(6)
    ]
    result = run(*copies, GAZETA)
    assert len(result.stories) == 2
    assert {b for _, b in links_between_stories(result)} == {"a6"}


def test_a_templated_line_in_many_articles_is_a_stock_phrase() -> None:
    medical, arden = FILINGS["r15848"], FILINGS["r19833"]
    # Two filings alone share a rare sentence: as far as two articles show, one source.
    assert articles_linked(common_links([medical, arden])) == {("a0", "a1")}
    # Among eight, the same words are the wire's template, and the two are not linked.
    texts = [medical, arden, *(t for k, t in sorted(FILINGS.items()) if t not in (medical, arden))]
    assert ("a0", "a1") not in articles_linked(common_links(texts))
    assert ("a0", "a1") not in links_between_stories(run(*texts))
    # With the bar raised to eight stories, frequency no longer tells them apart.
    raised = Options(workers=1, common_source_max_stories=len(texts))
    assert ("a0", "a1") in articles_linked(common_links(texts, raised))


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


def two_stories_sharing_a_quote(correio: str = CORREIO) -> CorpusResult:
    """Each report as two outlets ran it (the second adds a line), so each story has a
    report, and the two share the senator's six quoted words."""
    return run(
        correio,
        correio + "\n\nO senador falou a jornalistas depois da reunião no Supremo.",
        GAZETA,
        GAZETA + "\n\nA Câmara deve votar o projeto na próxima semana, segundo líderes.",
    )


def quoted(result: CorpusResult, article_id: str) -> list[str]:
    return [p.passage_id for p in result.passages_of(article_id) if "pontuação jurídica" in p.text]


def test_the_tables_and_the_evidence_name_the_other_stories(tmp_path: Path) -> None:
    result = two_stories_sharing_a_quote()
    assert len(result.stories) == 2
    shared = {pid: result.other_stories[pid] for pid in result.other_stories}
    assert shared == {
        **{pid: ("a2", "a3") for a in ("a0", "a1") for pid in quoted(result, a)},
        **{pid: ("a0", "a1") for a in ("a2", "a3") for pid in quoted(result, a)},
    }
    [first] = quoted(result, "a0")
    assert result.attributions[first].evidence.endswith(
        "; shared with 2 articles of other stories (common source)"
    )
    write_reports(result, tmp_path, pdf=False, html=False)
    with (tmp_path / "passages.csv").open(encoding="utf-8") as handle:
        rows = {r["passage_id"]: r for r in csv.DictReader(handle)}
    assert rows[first]["other_stories"] == "a2;a3"
    assert {r["other_stories"] for pid, r in rows.items() if pid not in shared} == {""}
    with (tmp_path / "articles.csv").open(encoding="utf-8") as handle:
        articles = {r["article_id"]: r for r in csv.DictReader(handle)}
    for article_id, row in articles.items():
        passages = result.passages_of(article_id)
        words = sum(word_count(p.text) for p in passages)
        mine = sum(word_count(p.text) for p in passages if p.passage_id in shared)
        assert row["other_stories_share"] == f"{mine / words:.2f}" != "0.00"
    with (tmp_path / "outlets.csv").open(encoding="utf-8") as handle:
        outlets = {r["outlet"]: r for r in csv.DictReader(handle)}
    assert outlets["outlet0"]["other_stories_share"] == articles["a0"]["other_stories_share"]


def test_a_story_report_lists_what_other_stories_carry_too() -> None:
    result = two_stories_sharing_a_quote()
    gazeta = next(s for s in result.stories if "a2" in s.article_ids)
    other = result.story_of["a0"]
    report = report_context(result, gazeta)
    assert [(line.carried_by, line.stories) for line in report.elsewhere] == [
        ("outlet2, outlet3", f"{other} (outlet0, outlet1)")
    ]
    # The words both carry, without the half of a pair of quotation marks the run cuts.
    assert report.elsewhere[0].text == "uma pontuação jurídica, técnica e constitucional"
    page = story_html(result, gazeta)
    assert "Also in other stories" in page and f"also in {other} (outlet0, outlet1)" in page
    # A story sharing nothing prints no such section.
    alone = run(CORREIO, CORREIO + "\n\nO presidente do Senado falou depois da reunião.")
    assert "Also in other stories" not in story_html(alone, alone.stories[0])


def test_a_common_source_passes_a_credit_on_but_not_to_the_rest_of_the_article() -> None:
    """Correio under a Reuters dateline: Gazeta's passage holding the senator's six words
    inherits that credit, discounted by how little of the passage they are, as through any
    match; the rest of Gazeta's article does not become Reuters copy through its place."""
    dated = "BRASÍLIA, 4 Mai (Reuters) - " + CORREIO
    result = two_stories_sharing_a_quote(dated)
    [correio] = quoted(result, "a0")
    assert result.attributions[correio].origin == "Reuters"
    for article_id in ("a2", "a3"):
        [holder] = quoted(result, article_id)
        attribution = result.attributions[holder]
        assert attribution.origin == "Reuters", attribution.evidence
        assert "article dateline" in attribution.evidence
        assert attribution.confidence < result.attributions[correio].confidence
        for passage in result.passages_of(article_id):
            if passage.passage_id != holder:
                assert result.attributions[passage.passage_id].origin != "Reuters"
    # Uncredited on both sides, the shared words are others' too: unknown, never own.
    plain = two_stories_sharing_a_quote()
    for article_id in ("a2", "a3"):
        [holder] = quoted(plain, article_id)
        assert plain.attributions[holder].origin == "unknown"


def test_a_hint_does_not_travel_through_a_borrowed_paragraph() -> None:
    """St Lucia Times cites Reuters for the DEA complaint, which makes its other sentences a
    Reuters hint; the Observer shares only the governor's words with it (a borrowed
    paragraph), so they stay uncredited there rather than Reuters at second hand."""
    result = run(
        ST_LUCIA,
        ST_LUCIA + "\n\nThe premier was arrested in Miami on Thursday, officials said.",
        ST_KITTS,
        ST_KITTS + "\n\nThe governor said the inquiry report would be published within days.",
    )
    statement = [p for p in result.passages_of("a2") if "shocking" in p.text or "calm" in p.text]
    assert result.attributions["a0:1"].origin == "Reuters"
    assert statement
    for passage in statement:
        attribution = result.attributions[passage.passage_id]
        assert attribution.origin == "unknown", attribution.evidence
        assert attribution.evidence.endswith("articles of other stories")
