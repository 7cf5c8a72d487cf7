"""Shared pytest configuration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from attrib.engines.local import run_corpus
from attrib.models import CorpusResult
from attrib.options import Options


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-goldens` rewrites expected-output files from the current output, deliberately."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/goldens/* from the current output instead of comparing",
    )


REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def bare_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles as a bare folder: no manifest, so nothing is known but the text.

    The seeds are real news pages kept in `corpus/` (see README, "Demo corpus").
    """
    folder = tmp_path_factory.mktemp("bare-seeds")
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def seed_result(bare_seeds: Path) -> CorpusResult:
    return run_corpus(bare_seeds, Options())


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or a skip naming what is missing (CI has it, a clone not)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data beside the clone, as in CI)")
    return path
