"""Reconstructed wire text: order by agreement, words by majority."""

from __future__ import annotations

from attrib.engines.local import analyse
from attrib.models import Article
from attrib.options import Options
from attrib.views.reconstruct import reconstruct_story

FIRST = (
    "Carter's push came a day after France delivered a rebuke to President Barack Obama, "
    "demanding that Washington display a clearer commitment to resolving the crisis."
)
SECOND = (
    "The talks take place as US Secretary of State John Kerry leads a diplomatic push in "
    "Munich to rescue imperiled peace efforts around the city of Aleppo."
)
THIRD = (
    "The head of the US Defense Intelligence Agency cautioned this week that Iraqi forces "
    "were unlikely to recapture Mosul this year, despite hopes by Baghdad."
)


def article(article_id: str, *paragraphs: str) -> Article:
    return Article(article_id=article_id, path=article_id, text="\n\n".join(paragraphs))


def test_majority_words_and_agreed_order() -> None:
    house = FIRST.replace("Carter's", "Mr Carter's")
    result = analyse(
        [
            article("a", FIRST, SECOND, THIRD),
            article("b", FIRST.replace("display", "show"), SECOND, THIRD),
            article("c", house, THIRD, SECOND),
            article("d", FIRST, SECOND),
        ],
        Options(),
    )
    (story,) = [s for s in result.stories if len(s.article_ids) > 1]
    wire = reconstruct_story(result, story)
    assert wire is not None
    assert [s.text for s in wire.sentences] == [FIRST, SECOND, THIRD]
    assert wire.sentences[0].carried_by == ("a", "b", "c", "d")
    assert wire.text.endswith("despite hopes by Baghdad.\n")


def test_no_reconstruction_when_the_wire_copy_is_there() -> None:
    result = analyse(
        [
            Article(article_id="w", path="w", text=FIRST, outlet="Reuters", kind="wire"),
            article("a", FIRST),
        ],
        Options(),
    )
    assert reconstruct_story(result, result.stories[0]) is None


def test_words_most_versions_add_at_the_end_go_before_the_full_stop() -> None:
    base = "The defence minister left the meeting in Brussels early on Thursday afternoon."
    longer = base[:-1] + " with his aides."
    result = analyse([article("a", base), article("b", longer), article("c", longer)], Options())
    wire = reconstruct_story(result, result.stories[0])
    assert wire is not None
    assert wire.sentences[0].text == longer
