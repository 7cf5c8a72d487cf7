"""Text reuse between real web pages, scored against labels made by reading (issue 16).

Usage: python bench/eval_reuse.py

`bench/reuse_labels.csv` holds page pairs of trafilatura_eval and of Mozilla Readability's test
pages (`../shared/data`) that share a run of words, each read and labelled `reuse` (one text
from a common source or copied: wire copy, a press release, an official's statement,
syndication) or `not_reuse` (stock phrases, coincidence, furniture) before attrib ran on them;
`bench/reuse_labels.md` says how. attrib runs on all 1,033 trafilatura_eval pages and the
Readability pages that are real pages (not its fixtures of "Lorem ipsum" placeholder text) as
`.html` files, as `attrib run` reads a folder, and a labelled pair counts as linked when a
match kept in the result joins a passage of one page to a passage of the other (one story, a
borrowed passage, or a common source).

Printed: recall over the reuse pairs between different pages, precision over the labelled pairs
attrib links, the pages stored twice (an archive copy beside the live page; attrib reads those
as copies, so they are counted apart), and how many linked page pairs nobody labelled.
The scrapinghub pages are held out for this measure and never read here.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_pages import SHARED, TRAFILATURA, unpack

from attrib.engines.local import run_corpus
from attrib.models import CorpusResult
from attrib.options import Options

LABELS = Path(__file__).resolve().parent / "reuse_labels.csv"
READABILITY = SHARED / "mozilla_readability_testpages" / "test" / "test-pages"
READABILITY_FILE = "readability-"  # unpacked as readability-<folder>.html...
READABILITY_LABEL = "readability:"  # ...labelled readability:<folder>
# The fixtures' placeholder text, its two words maybe split by markup.
PLACEHOLDER = re.compile(rb"lorem(?:\s|<[^>]*>)+ipsum", re.IGNORECASE)
STORED_TWICE = "other"  # the labels' kind for one page kept twice in the set


@dataclass(frozen=True)
class Label:
    pages: frozenset[str]
    reuse: bool
    kind: str


@dataclass(frozen=True)
class ReuseScores:
    reuse_pairs: int
    reuse_linked: int
    labelled_linked: int
    labelled_linked_reuse: int
    twice_pairs: int
    twice_linked: int
    unlabelled_linked: int

    @property
    def recall(self) -> float:
        return self.reuse_linked / self.reuse_pairs if self.reuse_pairs else 0.0

    @property
    def precision(self) -> float:
        return self.labelled_linked_reuse / self.labelled_linked if self.labelled_linked else 1.0


def read_labels(path: Path = LABELS) -> list[Label]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Label(frozenset((row["page_a"], row["page_b"])), row["label"] == "reuse", row["kind"])
            for row in csv.DictReader(handle)
        ]


def page_name(path: str) -> str:
    """The label's name of a page attrib read: the file's name as distributed, gzipped, or
    `readability:<folder>`."""
    name = Path(path).name
    if name.startswith(READABILITY_FILE):
        return READABILITY_LABEL + name.removeprefix(READABILITY_FILE).removesuffix(".html")
    return f"{name}.gz"


def unpack_readability(target: Path) -> None:
    """Each Readability page that is not a fixture of placeholder text, as an `.html` file."""
    for folder in sorted(p for p in READABILITY.iterdir() if p.is_dir()):
        page = gzip.decompress((folder / "source.html.gz").read_bytes())
        if not PLACEHOLDER.search(page):
            (target / f"{READABILITY_FILE}{folder.name}.html").write_bytes(page)


def linked_pages(result: CorpusResult) -> set[frozenset[str]]:
    """Pairs of pages joined by any match the result kept."""
    page_of = {a.article_id: page_name(a.article.path) for a in result.articles}
    article_of = {p.passage_id: p.article_id for p in result.passages}
    return {
        frozenset((page_of[article_of[m.a]], page_of[article_of[m.b]]))
        for m in result.matches
        if article_of[m.a] != article_of[m.b]
    }


def score(labels: Sequence[Label], linked: Iterable[frozenset[str]]) -> ReuseScores:
    found = set(linked)
    reuse = [x for x in labels if x.reuse and x.kind != STORED_TWICE]
    twice = [x for x in labels if x.kind == STORED_TWICE]
    scored = [x for x in labels if x.kind != STORED_TWICE and x.pages in found]
    known = {x.pages for x in labels}
    return ReuseScores(
        reuse_pairs=len(reuse),
        reuse_linked=sum(x.pages in found for x in reuse),
        labelled_linked=len(scored),
        labelled_linked_reuse=sum(x.reuse for x in scored),
        twice_pairs=len(twice),
        twice_linked=sum(x.pages in found for x in twice),
        unlabelled_linked=len(found - known),
    )


def evaluate(
    options: Options | None = None,
) -> tuple[ReuseScores, list[Label], set[frozenset[str]]]:
    """attrib on every trafilatura_eval page; the scores, the labels and the linked pairs."""
    labels = read_labels()
    with tempfile.TemporaryDirectory() as folder:
        unpack(SHARED / TRAFILATURA / "html", Path(folder))
        unpack_readability(Path(folder))
        result = run_corpus(Path(folder), options or Options())
    linked = linked_pages(result)
    return score(labels, linked), labels, linked


def main() -> None:
    if not (SHARED / TRAFILATURA).is_dir():
        sys.exit(f"eval_reuse needs {SHARED / TRAFILATURA}")
    scores, labels, linked = evaluate()
    print("Text reuse between real pages (trafilatura_eval, Readability; hand-labelled pairs):")
    print(
        f"  recall    {scores.recall:.3f}  ({scores.reuse_linked} of {scores.reuse_pairs} reuse "
        "pairs between different pages linked)"
    )
    print(
        f"  precision {scores.precision:.3f}  ({scores.labelled_linked_reuse} of "
        f"{scores.labelled_linked} labelled pairs linked are reuse)"
    )
    print(f"  a page stored twice: {scores.twice_linked} of {scores.twice_pairs} linked")
    print(f"  linked page pairs nobody labelled: {scores.unlabelled_linked}")
    for label in sorted(labels, key=lambda x: sorted(x.pages)):
        if label.kind == STORED_TWICE or label.reuse == (label.pages in linked):
            continue
        verdict = "missed" if label.reuse else "linked, not reuse"
        print(f"    {verdict}: {' + '.join(sorted(label.pages))} ({label.kind})")


if __name__ == "__main__":
    main()
