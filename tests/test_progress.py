"""Progress counts what a user knows the size of (articles, pairs, stories), not the tasks
the work was shared out in, and shows time left; piped output carries no progress at all."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import numpy as np
from rich.console import Console

from attrib.cli import progress
from attrib.engines.local import prepare_corpus, run_corpus
from attrib.ingest.corpus import read_corpus
from attrib.match.shingles import pairs_from_shingles
from attrib.options import Options
from conftest import CORPUS


def test_each_stage_counts_its_own_units() -> None:
    seen: dict[str, tuple[int, int]] = {}

    def track(
        items: Iterable, description: str, total: int, sizes: Sequence[int] | None = None
    ) -> Iterable:
        done = list(items)
        counted = sum(sizes) if sizes is not None else len(done)
        seen[description] = (total, counted)
        return done

    options = Options(workers=2)
    result = run_corpus(CORPUS, options, track)
    assert seen["Reading articles"] == (5, 5)  # five files; the manifest is not an article
    assert seen["Preparing articles"] == (len(result.articles),) * 2
    articles, _ = read_corpus(CORPUS, options)
    prepared = prepare_corpus(articles, options)
    owners = np.repeat(np.arange(len(prepared)), [len(a.passages) for a in prepared])
    grams = [g for a in prepared for g in a.shingles]
    candidates = len(pairs_from_shingles(grams, owners, options))
    assert seen["Aligning pairs"] == (candidates, candidates)
    assert candidates > len({(m.a, m.b) for m in result.matches}) > 0


def test_a_terminal_sees_counts_and_time_left_and_a_pipe_sees_nothing() -> None:
    screen = io.StringIO()
    track = progress(Console(file=screen, force_terminal=True, width=80))
    assert list(track(iter([["a", "b"], ["c"]]), "Aligning pairs", 3, [2, 1])) == [
        ["a", "b"],
        ["c"],
    ]
    drawn = screen.getvalue()
    assert "Aligning pairs" in drawn and "3/3" in drawn and "left" in drawn
    piped = io.StringIO()
    track = progress(Console(file=piped, force_terminal=False))
    assert list(track(iter([1, 2]), "Preparing articles", 2)) == [1, 2]
    assert piped.getvalue() == ""
