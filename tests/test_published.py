"""Publication times: to the minute, in UTC when the source gives an offset, a date alone when
it gives none; and whoever ran a passage first is told by the time, not the day."""

from __future__ import annotations

from pathlib import Path

from attrib.engines.local import analyse
from attrib.ingest.corpus import read_corpus
from attrib.ingest.pages import article_from_html
from attrib.ingest.published import normalise_published, published_on_line
from attrib.models import Article
from attrib.options import Options

# One paragraph of the seeds' Reuters copy (corpus/003), as two outlets both ran it uncredited.
SHARED = (
    "The US is pressing allies to contribute more to a US-led military campaign against Islamic "
    "State that it says must be accelerated, regardless of the fate of diplomatic efforts to "
    "end Syria's civil war."
)


def test_iso_values_keep_their_time_in_utc_and_dates_stay_dates() -> None:
    assert normalise_published("2016-02-11") == "2016-02-11"
    assert normalise_published("2016-02-11T14:30+01:00") == "2016-02-11T13:30Z"
    assert normalise_published("2016-02-11T14:16:00-0500") == "2016-02-11T19:16Z"
    assert normalise_published("2016-02-11T14:30:15") == "2016-02-11T14:30"  # no zone given


def test_header_lines_give_their_time_when_they_have_one() -> None:
    assert published_on_line("Thursday 11 February 2016 14:16 EST") == "2016-02-11T19:16Z"
    assert published_on_line("BRUSSELS, February 11, 2016") == "2016-02-11"
    assert published_on_line("Ministers meet in May 2016") == ""


def test_a_pages_own_metadata_gives_the_time() -> None:
    page = (
        "<html><head><title>t</title>"
        '<meta property="article:published_time" content="2016-02-11T14:16:00-05:00">'
        f"</head><body><article><p>{SHARED}</p></article></body></html>"
    )
    assert article_from_html(page.encode(), "a", "a.html").published == "2016-02-11T19:16Z"
    dated_only = page.replace("2016-02-11T14:16:00-05:00", "2016-02-11")
    assert article_from_html(dated_only.encode(), "a", "a.html").published == "2016-02-11"


def test_a_manifest_time_with_an_offset_is_written_in_utc(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHARED, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,published\na.txt,Le Soir,2016-02-11T14:30+01:00\n", encoding="utf-8"
    )
    articles, skipped = read_corpus(tmp_path, Options())
    assert not skipped and articles[0].published == "2016-02-11T13:30Z"


def test_who_ran_it_first_is_told_by_the_time_across_zones() -> None:
    """14:16 in New York is later than 18:30 in London: by the day they tie, by the text of
    the clock the New York page would come first."""
    result = analyse(
        [
            Article("ny", "ny.txt", f"Thursday 11 February 2016 14:16 EST\n\n{SHARED}\n"),
            Article("london", "london.txt", f"11 February 2016 18:30 GMT\n\n{SHARED}\n"),
        ],
        Options(),
    )
    assert result.article("ny").published == "2016-02-11T19:16Z"
    assert result.article("london").published == "2016-02-11T18:30Z"
    later = result.attributions[result.passages_of("ny")[0].passage_id]
    assert "london ran it first (2016-02-11T18:30Z)" in later.evidence


def test_a_zone_the_table_does_not_know_leaves_the_time_as_given() -> None:
    """ "ET" could be guessed; a guess would order pages wrongly, and dateutil warns (and will
    one day raise) on a zone it does not know."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert published_on_line("February 11, 2016 10:05 AM ET") == "2016-02-11T10:05"
