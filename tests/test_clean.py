"""Cleaning: furniture out, prose in, offsets kept, outlet-wide repeats dropped."""

from __future__ import annotations

from attrib.models import Article
from attrib.text.clean import (
    clean_article,
    clean_corpus,
    is_prose,
    load_furniture_rules,
    parse_date,
)

PAGE = """Skip to content
Home

Ministers pledge more to coalition

By Jane Reporter
Published 12:04

March 3, 2016

Defence ministers pledged on Thursday to send more aircraft to the coalition fighting in Syria.

Image: Getty Images/AFP/J. Doe

Support our journalism

We rely on readers like you. Your donation keeps our reporters in the field and our site free.

Subscribe to our newsletter

The pledge came after Washington asked allies to do more, officials said. - Reuters

Tags: Syria | NATO
Read more: other stories
"""


def make(text: str, outlet: str = "", article_id: str = "a") -> Article:
    return Article(article_id=article_id, path=f"{article_id}.txt", text=text, outlet=outlet)


def test_page_furniture_is_removed_and_prose_kept() -> None:
    cleaned = clean_article(make(PAGE))
    assert cleaned.body == (
        "Defence ministers pledged on Thursday to send more aircraft to the coalition fighting "
        "in Syria.\n\nThe pledge came after Washington asked allies to do more, officials said. "
        "- Reuters"
    )
    reasons = {PAGE[r.start : r.end]: r.reason for r in cleaned.removed}
    assert reasons["Skip to content"] == "navigation"
    assert reasons["Image: Getty Images/AFP/J. Doe"] == "caption"
    assert (
        reasons[
            "We rely on readers like you. Your donation keeps our reporters in the "
            "field and our site free."
        ]
        == "appeal"
    )
    assert reasons["Tags: Syria | NATO"] == "tags"
    assert reasons["Ministers pledge more to coalition"] == "heading"


def test_title_and_date_inferred_from_the_header() -> None:
    cleaned = clean_article(make(PAGE))
    assert cleaned.title == "Ministers pledge more to coalition"
    assert cleaned.published == "2016-03-03"


def test_paragraph_offsets_map_back_to_the_raw_text() -> None:
    cleaned = clean_article(make(PAGE))
    for paragraph in cleaned.paragraphs:
        length = paragraph.end - paragraph.start
        assert (
            cleaned.body[paragraph.start : paragraph.end]
            == PAGE[paragraph.raw_start : paragraph.raw_start + length]
        )


def test_news_that_mentions_donations_is_not_an_appeal() -> None:
    text = (
        "The charity said donations had fallen by a third since the war began, and that it "
        "would subscribe to the new government scheme for aid workers in the region."
    )
    assert clean_article(make(text)).body == text


def test_lines_an_outlet_repeats_are_dropped_but_not_shared_wire_text() -> None:
    promo = "Download the Daily Courier app for the latest headlines and alerts today."
    articles = [
        make(
            f"Story number {n} tells of a different event in another city entirely.\n\n{promo}",
            outlet="Courier",
            article_id=f"c{n}",
        )
        for n in range(4)
    ]
    other = make(
        f"An unrelated outlet story about the same ministers meeting.\n\n{promo}",
        outlet="Gazette",
        article_id="g1",
    )
    cleaned = {c.article_id: c for c in clean_corpus([*articles, other])}
    assert promo not in cleaned["c0"].body
    assert cleaned["c0"].body.startswith("Story number 0")
    assert promo in cleaned["g1"].body


def test_prose_and_dates() -> None:
    assert is_prose("The talks ended on Thursday.")
    assert is_prose("The head of the agency spoke this week about the war in Iraq. -")
    assert not is_prose("WARPLANES, TRAINING")
    assert not is_prose("Andrew Buncombe")
    assert parse_date("BRUSSELS, February 11, 2016") == "2016-02-11"
    # The Independent's header line (a seed): 14:16 Eastern is 19:16 UTC.
    assert parse_date("Thursday 11 February 2016 14:16 EST") == "2016-02-11T19:16Z"
    assert parse_date("Ministers meet in May") == ""
    assert parse_date("May 2016") == ""
    assert parse_date("Stock market 2016 outlook report") == ""


# Lines of real pages in trafilatura_eval (`../shared/data`, Apache-2.0; the pages belong to
# their publishers): automobilwoche.de, thepointsguy.com, dw.com, redtri.com, kulturkaufhaus.de.
LINK_LISTS = "\n".join(
    [
        "Workers at the plant voted on Tuesday to accept the company's offer of a two-year wage "
        "deal, the union said.",
        "",
        "Lesen Sie auch:",
        "Turbulente Woche für VW-Chef Diess",
        "Das E-Werk: Standort Zwickau ist Vorreiter im VW-Konzern",
        "VW-Absatz steigt 2021 um 3,5 Prozent",
        "",
        "Net 3,466,000 vs 1,913,000",
        "",
        "Related: Alaska Airlines delays full Oneworld membership to early 2021",
        "",
        "Read more: Looted colonial art: Germany to set up new contact office",
        "",
        "RELATED STORIES | 44 Clean Jokes for Kids, by Kids! | Riddle Me This: 19 Amazing "
        "Riddles for Kids | 23 Super Silly Birthday Jokes for Kids",
        "",
        "Ihr braucht: A3 Papier (am besten Aquarellpapier, aber reguläres funktioniert auch) • "
        "Schere • Wasserfarben oder Aquarellfarben • einen Pinsel • ein Glas Wasser und etwas "
        "Zeit für die Kinder.",
        "",
    ]
)


def test_lists_of_other_stories_go_as_links_and_a_list_of_things_stays() -> None:
    """Every page lists other headlines; kept, two pages listing one headline share its words."""
    cleaned = clean_article(make(LINK_LISTS))
    reasons = {LINK_LISTS[r.start : r.end]: r.reason for r in cleaned.removed}
    for line in (
        "Lesen Sie auch:",
        "Turbulente Woche für VW-Chef Diess",
        "Related: Alaska Airlines delays full Oneworld membership to early 2021",
        "Read more: Looted colonial art: Germany to set up new contact office",
    ):
        assert reasons[line] == "links", line
    # A listed headline with figures is no table row; a row a blank line sets apart is.
    assert reasons["VW-Absatz steigt 2021 um 3,5 Prozent"] == "links"
    assert "Net 3,466,000 vs 1,913,000" in cleaned.body
    listed = next(line for line in reasons if line.startswith("RELATED STORIES |"))
    assert reasons[listed] == "links"
    assert "Ihr braucht: A3 Papier" in cleaned.body  # one-word items: not headlines
    assert cleaned.body.startswith("Workers at the plant voted")
    rules = load_furniture_rules()
    for prose in (
        "More from the interview: the minister said he would resign.",
        "Also read the full report, he said: it was clear.",
        "Trending stocks fell sharply on Monday after the report, traders said.",
        "Lire aussi : la réforme a été adoptée.",
        "More from the interview: growth reached 3.1 pct in 1986.",
    ):
        assert rules.category(prose) is None, prose


def test_a_subheading_like_a_list_heading_keeps_the_paragraphs_under_it() -> None:
    """Text extracted from HTML has one paragraph a line and no blank lines: there, a heading
    such as "More from Westminster" opens no list of the short paragraphs that follow."""
    text = "\n".join(
        [
            "The prime minister resigned on Tuesday after losing a confidence vote in parliament.",
            "More from Westminster",
            "The party will pick a successor next week.",
            "Markets rose on the news.",
        ]
    )
    cleaned = clean_article(make(text))
    assert "The party will pick a successor next week." in cleaned.body
    assert "Markets rose on the news." in cleaned.body


# Calendar widgets as two booking pages of trafilatura_eval print them (mueritzurlauber.de,
# villacc.de; ../shared/data/trafilatura_eval, Apache-2.0, the pages belong to their
# publishers): on both, trafilatura keeps the widget in the main text, and the day numbers
# linked the two pages as if they shared a text.
CALENDARS = (
    "Oktober 2020 Mo Di Mi Do Fr Sa So 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 "
    "19 20 21 22 23 24 25 26 27 28 29 30 31 November 2020 Mo Di Mi Do Fr Sa So 01 02 03 04",
    "| | January 2021 | | Su | Mo | Tu | We | Th | Fr | Sa | |  |  |  |  |  | 1 | 2 | | 3 | 4 "
    "| 5 | 6 | 7 | 8 | 9 | | 10 | 11 | 12 | 13 | 14 | 15 | 16 | | 17 | 18 | 19 | 20 | 21 |",
    "Janvier 2021 Lu Ma Me Je Ve Sa Di 1 2 3 4 5 6 7 8 9 10",
)


def test_a_calendar_widget_is_furniture_and_dates_in_prose_are_not() -> None:
    rules = load_furniture_rules()
    assert [rules.category(line) for line in CALENDARS] == ["calendar"] * 3
    prose = (
        "The ferry sails Mo, Di and Fr at 9 and 17, Sa and So at 10, 12, 14, 16 and 18 o'clock.",
        "Mo Di Mi Do Fr Sa So",  # a week's names without its days
        "Results: 12 14 17 21 28 30 31 and 4 in the bonus draw.",
    )
    assert [rules.category(line) for line in prose] == [None, None, None]


# Furniture two pairs of trafilatura_eval pages share (../shared/data/trafilatura_eval,
# Apache-2.0, the pages belong to their publishers): comment rules of two sister sites
# (kyffhaeuser-nachrichten.de, nnz-online.de) and of laola1.at, and an app prompt on two
# nationnews.com pages. Kept, each linked its two pages as if they shared a source.
COMMENT_RULES = (
    "Beachten Sie, dass die Redaktion unpassende, inhaltlose oder beleidigende Kommentare "
    "entfernen kann und wird.",
    "Die Kommentare der User geben nicht notwendigerweise die Meinung der LAOLA1-Redaktion "
    "wieder. LAOLA1 behält sich vor, ohne Angabe von Gründen Kommentare zu löschen, "
    "insbesondere wenn diese straf- oder zivilrechtliche Normen verletzen.",
)
APP_PROMPT = (
    "For the latest stories and breaking news updates download the Nationnews apps for iOS "
    "and Android."
)


def test_comment_rules_and_app_prompts_are_furniture_and_news_of_them_is_not() -> None:
    rules = load_furniture_rules()
    assert [rules.category(line) for line in COMMENT_RULES] == ["moderation"] * 2
    assert rules.category(APP_PROMPT) == "promotion"
    news = (
        "Facebook said on Tuesday it would remove comments that praise the attack, and "
        "reserves its position on the posts already shared.",
        "Israel reserves the right to respond to the comments made by Iranian officials, the "
        "foreign ministry said.",
        "Die Bundesregierung will Plattformen verpflichten, strafbare Kommentare schneller zu "
        "löschen, sagte die Ministerin.",
        "Die Redaktion des Kölner Stadt-Anzeigers kündigte an, beleidigende Kommentare künftig "
        "konsequent zu löschen.",
        "For the latest quarter, the company said downloads of its apps rose 12 percent.",
        "For more than a decade, fans who follow the band on Instagram have speculated about a "
        "reunion.",
    )
    assert [rules.category(line) for line in news] == [None] * len(news)


# A press release as the IWR press service's page prints it (iwr.de, trafilatura_eval): the
# extractor joins the picture credit "© Nordex" to the release's first paragraph.
GLUED = (
    "© NordexHamburg (iwr-pressedienst) - Die vermehrte Stromerzeugung aus erneuerbaren "
    "Energien hat einen erheblichen Einfluss auf das elektrische Netz. Windenergieanlagen "
    "speisen den Strom über leistungselektronische Umrichter ins Netz ein."
)


def test_a_picture_credit_glued_to_a_paragraph_goes_and_the_paragraph_stays() -> None:
    text = f"Nordex testet Netzstabilität\n\n{GLUED}\n\n© 2022 IWR. Alle Rechte vorbehalten."
    cleaned = clean_article(make(text))
    assert cleaned.body.split("\n\n")[-1].startswith("Hamburg (iwr-pressedienst) - Die")
    removed = [(text[r.start : r.end], r.reason) for r in cleaned.removed]
    assert ("© Nordex", "tags") in removed
    # A copyright notice glued to nothing goes whole, as before.
    assert ("© 2022 IWR. Alle Rechte vorbehalten.", "tags") in removed
    # Names with an inner capital (McDonald's) are not split off a short credit line.
    prose = "The restaurant opened in March with forty staff, the company said on Monday."
    notice = (
        "© McDonald's Corporation 2023. McDonald's, the Golden Arches and the Happy Meal are "
        "trademarks of McDonald's Corporation and its affiliates, used with permission here."
    )
    for credit in ("© McDonald's", notice):
        assert clean_article(make(f"Title\n\n{prose}\n\n{credit}")).body == prose


def test_copyright_footers_in_any_script_are_furniture_and_news_of_rights_is_not() -> None:
    rules = load_furniture_rules()
    footers = (
        # The AP's footer under its copy on a station's page (wsvn.com, trafilatura_eval).
        "This material may not be published, broadcast, rewritten or redistributed.",
        # The footer issue 16 names, as Korean news sites print it, and Japanese/Chinese ones.
        "ⓒ 한국경제신문, 무단전재 및 재배포금지",
        "<저작권자 © 연합뉴스, 무단 전재-재배포 금지>",
        "記事・写真の無断転載を禁じます。",
        "版权所有 未经许可不得转载",
    )
    assert [rules.category(line) for line in footers] == ["tags"] * len(footers)
    news = (
        "The judge ruled the report may not be published until the trial ends, lawyers said.",
        "The material may not be published until the inquiry ends, the judge ruled on Tuesday.",
        "Publishers said the material was reproduced without permission on several sites.",
        # Piracy news in the same scripts: words of the formulas, not the formulas.
        "경찰은 영화를 무단 복제해 유포한 혐의로 20대를 구속했다.",
        "漫画を無断転載した海賊版サイトの運営者が逮捕された。",
        "黑客未经授权访问了该银行的系统。",
        "版权所有者起诉了这家网站。",
    )
    assert [rules.category(line) for line in news] == [None] * len(news)
