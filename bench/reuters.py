"""Reuters-21578 wire stories, and outlet copies made from them, for benchmarks.

The stories are real 1987 Reuters wire copy (Distribution 1.0, free for research; cite
D. D. Lewis), read from `../shared/data/reuters21578/`. Each outlet copy is a seeded random
draw of newsroom habits: trimming from the end, a few changed words, a paragraph of its own,
page furniture; nothing here is tuned to what attrib handles.
"""

from __future__ import annotations

import gzip
import html
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REUTERS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
_STORY = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "BODY")}
FURNITURE = (
    "Skip to main content",
    "Sign up for our newsletter",
    "Share this article",
    "Tags: markets | business",
    "Read more: latest headlines",
)
OWN_LINES = (
    "Analysts contacted by this newspaper said the move had been widely expected.",
    "Local traders told our reporter that prices had been volatile all week.",
    "The company did not respond to a request for comment from this newspaper.",
)
SWAPS = {
    "said": "stated",
    "mln": "million",
    "dlrs": "dollars",
    "pct": "percent",
    "billion": "bn",
    "company": "firm",
    "week": "weekly period",
}


@dataclass(frozen=True)
class WireStory:
    story_id: str
    title: str
    paragraphs: tuple[str, ...]


def wire_stories(directory: Path = REUTERS_DIR, min_words: int = 80) -> Iterator[WireStory]:
    """Stories with a body of at least `min_words`, paragraphs unwrapped, sign-off removed."""
    for path in sorted(directory.glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as handle:
            text = handle.read()
        for number, raw in enumerate(_STORY.findall(text)):
            body = _FIELD["BODY"].search(raw)
            if body is None:
                continue
            content = html.unescape(body.group(1)).replace("\x03", "")
            content = re.sub(r"\s*Reuter\s*$", "", content.strip())
            paragraphs = tuple(" ".join(p.split()) for p in re.split(r"\n\s{3,}", content))
            paragraphs = tuple(p for p in paragraphs if p)
            if sum(len(p.split()) for p in paragraphs) < min_words:
                continue
            title = _FIELD["TITLE"].search(raw)
            yield WireStory(
                f"{path.name[:9]}-{number}",
                html.unescape(title.group(1)).title() if title else "",
                paragraphs,
            )


def outlet_copy(story: WireStory, rng: random.Random) -> str:
    """One outlet's version of a wire story, as a scraped page would show it."""
    paragraphs = list(story.paragraphs)
    keep = max(1, len(paragraphs) - rng.randint(0, len(paragraphs) // 2))
    paragraphs = paragraphs[:keep]
    edited = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for i, word in enumerate(words):
            if word in SWAPS and rng.random() < 0.3:
                words[i] = SWAPS[word]
        edited.append(" ".join(words))
    if rng.random() < 0.5:
        edited.insert(rng.randint(1, len(edited)), rng.choice(OWN_LINES))
    header = [rng.choice(FURNITURE), story.title]
    footer = rng.sample(FURNITURE, 2)
    return "\n\n".join([*header, *edited, *footer]) + "\n"


def write_corpus(folder: Path, articles: int, copies: int = 3, seed: int = 1987) -> int:
    """Write `articles` outlet articles (`copies` per wire story) as .txt files; returns count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for story in wire_stories():
        for copy in range(copies):
            if written >= articles:
                return written
            (folder / f"{story.story_id}-o{copy}.txt").write_text(
                outlet_copy(story, rng), encoding="utf-8"
            )
            written += 1
    return written
