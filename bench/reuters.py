"""Reuters-21578 wire stories, and outlet copies made from them, for benchmarks.

The stories are real 1987 Reuters wire copy (Distribution 1.0, free for research; cite
D. D. Lewis), read from `../shared/data/reuters21578/`. Each outlet copy is a seeded random
draw of newsroom habits: trimming from the end, a few changed words, a paragraph of its own,
page furniture; nothing here is tuned to what attrib handles.
"""

from __future__ import annotations

import gzip
import html
import json
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


def outlet_parts(story: WireStory, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """One outlet's version of a wire story: its header lines, its paragraphs (trimmed from the
    end, a few words changed, maybe a paragraph of its own) and its footer lines."""
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
    return header, edited, footer


def outlet_copy(story: WireStory, rng: random.Random) -> str:
    """One outlet's version of a wire story, as a scraped page's text would show it."""
    header, edited, footer = outlet_parts(story, rng)
    return "\n\n".join([*header, *edited, *footer]) + "\n"


def outlet_page(
    story: WireStory,
    parts: tuple[list[str], list[str], list[str]],
    outlet: str,
    day: int,
    related: list[str],
    rng: random.Random,
) -> str:
    """The same version as a news site's HTML page: navigation, the article, a list of other
    stories' headlines, a footer; its date in meta tags, in JSON-LD, or only in the text, as
    sites differ."""
    header, edited, footer = parts
    title = html.escape(story.title)
    # Dated as a news site today would be: date finders (htmldate) refuse dates before 1995.
    when = f"2024-03-{1 + day % 28:02d}T{8 + day % 10:02d}:15:00+00:00"
    style = rng.random()
    meta = ""
    dateline = ""
    if style < 0.5:
        meta = (
            f'<meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="{when}">'
        )
    elif style < 0.75:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "datePublished": when,
            "publisher": {"@type": "Organization", "name": outlet},
        }
        data = json.dumps(ld).replace("</", "<\\/")  # no "</script>" inside the element
        meta = f'<script type="application/ld+json">{data}</script>'
    else:
        dateline = f"<p class='date'>Published March {1 + day % 28}, 2024</p>"
    nav = "".join(f"<li><a href='#'>{html.escape(line)}</a></li>" for line in header[:1] + footer)
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in edited)
    links = "".join(f"<li><a href='#'>{html.escape(t)}</a></li>" for t in related)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {outlet}</title>"
        f"{meta}</head><body><nav><ul>{nav}</ul></nav><main><article><h1>{title}</h1>"
        f"{dateline}\n{body}</article><aside><h2>Most read</h2><ul>{links}</ul></aside></main>"
        f"<footer><p>{html.escape(footer[-1])}</p><p>© {outlet}</p></footer></body></html>\n"
    )


def write_corpus(
    folder: Path, articles: int, copies: int = 3, seed: int = 1987, html_share: float = 0.0
) -> int:
    """Write `articles` outlet articles (`copies` per wire story), a share `html_share` of
    them as HTML pages (drawn from a stream of their own, so the text of every copy is the
    same whatever the share), the rest as .txt files; returns the count."""
    rng = random.Random(seed)
    pages = random.Random(f"pages-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    titles: list[str] = []
    for n, story in enumerate(wire_stories()):
        for copy in range(copies):
            if written >= articles:
                return written
            parts = outlet_parts(story, rng)
            name = f"{story.story_id}-o{copy}"
            if html_share and pages.random() < html_share:
                related = pages.sample(titles, min(4, len(titles)))
                page = outlet_page(story, parts, f"Outlet {copy}", n, related, pages)
                (folder / f"{name}.html").write_text(page, encoding="utf-8")
            else:
                header, edited, footer = parts
                text = "\n\n".join([*header, *edited, *footer]) + "\n"
                (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            written += 1
        titles.append(story.title)
    return written
