"""Every threshold lives in `Options`: a store records each one that shapes what it holds and
refuses to be added to under another value, and each threshold group reaches the stage that
reads it (a value changed in `Options` changes what that stage does)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import pytest

import attrib
from attrib.engines.stages import prepare_article
from attrib.engines.store.addition import add_articles
from attrib.engines.store.schema import NOT_STORED, open_store, stored_options
from attrib.errors import StoreError
from attrib.match.align import align_passages
from attrib.match.extend import extend_to_neighbours
from attrib.models import Article, Passage
from attrib.options import (
    AlignmentThresholds,
    FurnitureThresholds,
    Options,
    PassageThresholds,
    ReadingThresholds,
    StoryThresholds,
)

DEFAULTS = Options()


def settings() -> Iterator[tuple[str, str | None]]:
    """(option, field of its group or None) for every setting `Options` has."""
    for option in fields(Options):
        value = getattr(DEFAULTS, option.name)
        if is_dataclass(value):
            yield from ((option.name, part.name) for part in fields(value))
        else:
            yield option.name, None


def key(option: str, part: str | None) -> str:
    return f"{option}.{part}" if part else option


def other_value(value: Any) -> Any:
    """A valid value other than `value`, of its type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return round(value * 0.9, 4)
    return {"rapidfuzz": "difflib", "containment": "jaccard", "en": "de"}[value]


def changed(option: str, part: str | None) -> Options:
    """The default options with one setting changed."""
    if part is None:
        return replace(DEFAULTS, **{option: other_value(getattr(DEFAULTS, option))})
    group = getattr(DEFAULTS, option)
    return replace(
        DEFAULTS, **{option: replace(group, **{part: other_value(getattr(group, part))})}
    )


STORED = [s for s in settings() if s[0] not in NOT_STORED]
UNSTORED = [s for s in settings() if s[0] in NOT_STORED]
ARTICLE = Article(
    "dw-1",
    "dw-1.txt",
    "Talks between the two governments ended in Geneva on Monday without an agreement on "
    "the border.\n\nBoth delegations said they would report to their capitals before any "
    "further meeting was planned.",
    outlet="DW",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "attrib.db"
    add_articles(path, [ARTICLE], [], replace(DEFAULTS, workers=1))
    return path


@pytest.mark.parametrize(("option", "part"), STORED, ids=[key(*s) for s in STORED])
def test_a_store_refuses_every_setting_it_was_not_built_with(
    store: Path, option: str, part: str | None
) -> None:
    with (
        pytest.raises(StoreError, match=re.escape(f"{key(option, part)}=")),
        open_store(store, changed(option, part), create=False),
    ):
        pass


@pytest.mark.parametrize(("option", "part"), UNSTORED, ids=[key(*s) for s in UNSTORED])
def test_a_store_takes_any_conclusion_or_run_setting(
    store: Path, option: str, part: str | None
) -> None:
    with open_store(store, changed(option, part), create=False) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_the_settings_a_store_leaves_out_are_options() -> None:
    """A misspelt name here would leave the option it meant checked, and name nothing."""
    assert {option.name for option in fields(Options)} >= NOT_STORED
    assert "alignment" not in NOT_STORED and "furniture" not in NOT_STORED


def test_a_store_gives_back_the_thresholds_it_was_built_with(tmp_path: Path) -> None:
    path = tmp_path / "attrib.db"
    built = replace(DEFAULTS, workers=1, alignment=AlignmentThresholds(min_quote_words=6))
    add_articles(path, [ARTICLE], [], built)
    read = stored_options(path)
    assert read.alignment.min_quote_words == 6
    assert read.passages == DEFAULTS.passages


def test_passage_thresholds_reach_the_segmenter() -> None:
    words = " ".join(f"word{n}" for n in range(50)) + "."
    article = Article("long", "long.txt", words)
    default = prepare_article(article, frozenset(), DEFAULTS).passages
    short = Options(passages=PassageThresholds(max_words=20, cut_slack_words=2))
    cut = prepare_article(article, frozenset(), short).passages
    assert len(default) == 1
    assert len(cut) == 3
    assert " ".join(p.text for p in cut) == words


def test_furniture_thresholds_reach_the_cleaner() -> None:
    """A three-word sentence between paragraphs is a heading under the default four-word
    floor for prose, and body text under a three-word one."""
    text = ARTICLE.text.replace("\n\n", "\n\nNothing was agreed.\n\n")
    article = replace(ARTICLE, text=text)
    kept = prepare_article(article, frozenset(), DEFAULTS).passages
    looser = Options(furniture=FurnitureThresholds(prose_min_words=3))
    kept_loosely = prepare_article(article, frozenset(), looser).passages
    assert "Nothing was agreed." not in [p.text for p in kept]
    assert "Nothing was agreed." in [p.text for p in kept_loosely]


QUOTED = Passage(
    "a",
    0,
    0,
    0,
    86,
    'The minister said on Monday that "we will not surrender to pressure" after talks.',
)
CHANTED = Passage(
    "b",
    0,
    0,
    0,
    107,
    'Protesters outside chanted "we will not surrender to pressure" as police in riot gear '
    "watched them.",
)


def test_alignment_thresholds_reach_the_match_decision() -> None:
    """The two passages share only a five-word quotation: a match while quotations of four
    words count, none when seven are asked for."""
    assert align_passages(QUOTED, CHANTED, DEFAULTS) is not None
    stricter = Options(alignment=AlignmentThresholds(min_quote_words=7))
    assert align_passages(QUOTED, CHANTED, stricter) is None


def test_story_thresholds_reach_the_extension_of_matches() -> None:
    lead = (
        "The central bank raised its main interest rate by half a point to 4.5 percent on Thursday."
    )
    passages = [
        Passage("a", 0, 0, 0, len(lead), lead),
        Passage("a", 1, 1, 0, 21, "He did not elaborate."),
        Passage("b", 0, 0, 0, len(lead), lead),
        Passage("b", 1, 1, 0, 21, "He did not elaborate."),
    ]
    seed = align_passages(passages[0], passages[2], DEFAULTS)
    assert seed is not None
    found = extend_to_neighbours(passages, [seed], DEFAULTS)
    assert [(m.a, m.b) for m in found] == [("a:1", "b:1")]
    stricter = Options(stories=StoryThresholds(neighbour_min_match_words=5))
    assert extend_to_neighbours(passages, [seed], stricter) == []


def test_a_store_fingerprints_every_shipped_rule_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store prepared under other rules is refused: its `rules` setting changes when a file
    that prepares articles does (here, the abbreviations), not when the calibration does."""
    from types import SimpleNamespace

    from attrib.engines.store.schema import stored_settings
    from attrib.text import rules

    shipped = Path(attrib.__file__).parent / "data"
    edited = tmp_path / "data"
    shutil.copytree(shipped, edited)
    assert {p.name for p in edited.glob("*.toml")} >= {"wires.toml", "boilerplate.toml"}
    before = stored_settings(DEFAULTS)["rules"]
    monkeypatch.setattr(rules, "resources", SimpleNamespace(files=lambda package: shipped))
    assert stored_settings(DEFAULTS)["rules"] == before
    monkeypatch.setattr(rules, "resources", SimpleNamespace(files=lambda package: edited))
    # A refitted calibration is the conclusion's, read afresh: the store stays usable.
    with (edited / "calibration.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# refitted\n")
    assert stored_settings(DEFAULTS)["rules"] == before
    with (edited / "abbreviations.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# one more line\n")
    assert stored_settings(DEFAULTS)["rules"] != before


def test_reading_thresholds_reach_the_reader() -> None:
    """The article's language is detected from its 30 words under the default floor of 8, and
    not at all when 100 are asked for."""
    detected = prepare_article(ARTICLE, frozenset(), DEFAULTS).article.language
    strict = Options(reading=ReadingThresholds(language_min_words=100))
    assert detected == "en"
    assert prepare_article(ARTICLE, frozenset(), strict).article.language == ""
