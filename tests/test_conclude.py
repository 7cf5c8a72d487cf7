"""`conclude`, the stage every engine shares, is pure: it starts no process, and extends
matches the way the engine it is given says, with the same result for any way."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from attrib import pool
from attrib.engines import pooled
from attrib.engines.local import align_candidates, prepare_corpus
from attrib.engines.pooled import extend_on_workers
from attrib.engines.stages import conclude
from attrib.match.extend import extend_to_neighbours
from attrib.models import Article, Match, Passage
from attrib.options import Options

LEAD = (
    "The central bank raised its main interest rate by half a point to 4.5 percent on "
    "Thursday, its third increase this year, citing prices that rose faster than expected."
)
SHORT = "He did not elaborate."
CLOSE = (
    "Economists polled before the decision had expected a smaller rise of a quarter point, "
    "and markets in the region fell sharply after the announcement in the capital."
)


# A wire story and two outlets' copies of it, each with the short sentence that only
# extension finds (too short to be a match on its own).
STORY = [
    Article(name, f"{name}.txt", f"{LEAD} {SHORT}\n\n{CLOSE}") for name in ("wire", "site", "paper")
]


@pytest.fixture(scope="module")
def seeds_input() -> tuple:
    options = Options(workers=1)
    prepared = prepare_corpus(STORY, options)
    seeds, frequency = align_candidates(prepared, options)
    return prepared, seeds, frequency


def test_conclude_starts_no_process(seeds_input: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every article pair its own task, extension shared out over workers forks, and so
    would `conclude` if it shared anything out itself."""
    prepared, seeds, frequency = seeds_input

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(pool, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(pooled, "GROUPS_PER_TASK", 1)
    options = Options(workers=4)
    result = conclude(prepared, seeds, options, frequency=frequency)
    assert result.stories and result.attributions
    with pytest.raises(AssertionError, match="process pool"):
        conclude(prepared, seeds, options, frequency=frequency, extend=extend_on_workers)


def test_conclude_extends_as_the_engine_says_and_any_way_gives_one_result(
    seeds_input: tuple,
) -> None:
    prepared, seeds, frequency = seeds_input
    asked: list[int] = []

    def counting(passages: Sequence[Passage], kept: Sequence[Match], options: Options):
        asked.append(len(kept))
        return extend_to_neighbours(passages, kept, options)

    plain = conclude(prepared, seeds, Options(), frequency=frequency)
    counted = conclude(prepared, seeds, Options(), frequency=frequency, extend=counting)
    shared_out = conclude(
        prepared, seeds, Options(workers=2), frequency=frequency, extend=extend_on_workers
    )
    assert len(asked) == 1 and asked[0] > 0  # the seeds the stories keep, once
    extended = set(plain.matches) - set(seeds)
    assert sorted((m.a, m.b) for m in extended) == [
        ("paper:1", "site:1"),
        ("paper:1", "wire:1"),
        ("site:1", "wire:1"),
    ]
    assert plain.matches == counted.matches == shared_out.matches
    assert plain.attributions == shared_out.attributions

    def nothing(passages: Sequence[Passage], kept: Sequence[Match], options: Options):
        return []

    bare = conclude(prepared, seeds, Options(), frequency=frequency, extend=nothing)
    assert set(bare.matches) == set(plain.matches) - extended
