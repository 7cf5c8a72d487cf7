"""Labelled corpora for evaluation, built from real Reuters-21578 wire stories.

Each wire story is assigned to an agency; outlets, each with habits drawn at random once
(how much they trim, reorder, reword and localise, whether they add their own paragraphs or
mix in a second agency's copy, how they credit, what furniture their pages carry, txt or
HTML), publish versions of it. A truth file records, for every paragraph of every article,
where it came from. The habits are random draws from fixed ranges: nothing here is tuned to
what attrib handles.

Usage: python bench/generate.py OUT_DIR [--stories N] [--seed S] [--no-wire-copy]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reuters import WireStory, wire_stories
from sentencex import segment

AGENCIES = ("AFP", "Reuters", "AP", "dpa")
AGENCY_NAMES = re.compile(r"\b(Reuters?|AFP|AP|dpa|Associated Press|Agence France)\b")
# In-text credit forms as outlets write them; not all are forms attrib reads.
INLINE_FORMS = (
    "According to the {agency} news agency, {lower}",
    "{text} The {agency} news agency reported the news.",
    "{agency} reported that {lower}",
    "{text} (With {agency})",
    "Reports from {agency} said {lower}",
)
CITIES = ("BRUSSELS", "NEW YORK", "LONDON", "TOKYO", "PARIS", "WASHINGTON", "BERLIN", "SYDNEY")
CREDIT_HABITS = ("dateline", "signoff", "marker", "inline", "photo_only", "none")
FURNITURE = (
    "Skip to main content",
    "Sign up for our morning newsletter",
    "Share this article on Facebook",
    "Tags: Business | Markets | World",
    "Read more: Latest headlines",
    "Advertisement",
    "Your support makes our journalism possible. Please donate today.",
    "Join the conversation: comments are open to subscribers.",
    "Most read stories",
    "Copyright 2024 All rights reserved",
)
LOCALISE = {
    "favor": "favour",
    "program": "programme",
    "center": "centre",
    "defense": "defence",
    "percent": "per cent",
    "analyze": "analyse",
    "organization": "organisation",
}
# Page-unique furniture: lists of other stories' headlines under a heading in the outlet's
# language, and a "published ... updated" line. Every page's list differs, so an outlet-wide
# boilerplate test cannot see it; two pages listing one headline share its words.
LIST_HEADINGS = (
    ("Most read", "Related", "More stories", "Trending now", "Read more"),
    ("Les plus lus", "À lire aussi", "Plus d'actualités", "Tendances", "Lire aussi"),
    ("Meistgelesen", "Lesen Sie auch", "Mehr zum Thema", "Im Trend", "Auch interessant"),
)
LIST_SHAPES = ("pipe", "lines", "inline", "none")
LIST_SEPARATORS = (" | ", " · ", " • ")
RECENT_STORIES = 10
# Outlets with these credit habits sign off with several agencies at this rate.
JOINT_SIGNOFF_HABITS = ("signoff", "none", "photo_only")
JOINT_SIGNOFF_SHARE = 0.6
# A sign-off's desk initials, as DW's "jbh/sms (AFP, Reuters, dpa)".
DESKS = ("jbh/sms", "ap/rs", "kw/dj", "mm/ng", "rc/msh")
REWORD = {
    "said": "stated",
    "mln": "million",
    "dlrs": "dollars",
    "pct": "percent",
    "company": "firm",
    "expected": "anticipated",
    "rose": "climbed",
    "fell": "dropped",
    "year": "twelve months",
    "shares": "stock",
}


@dataclass(frozen=True)
class Habits:
    """One outlet's way of handling wire copy, drawn once."""

    trim: float
    reorder: float
    reword: float
    localise: bool
    own_paragraphs: float
    mosaic: float
    credit: str
    furniture: tuple[str, ...]
    html: bool
    title_case: str


@dataclass(frozen=True)
class PageHabits:
    """How an outlet's pages list other stories and sign off, drawn once from a stream of
    their own so that adding them left every other draw of a seed as it was."""

    lists: str
    language: int
    separator: str
    dated: bool
    joint_signoff: bool


@dataclass
class Paragraph:
    text: str
    origin: str
    source: str  # "<story id>:<paragraph index>" for wire text, "" for own text
    # (text, "<story id>:<paragraph>:<sentence>") of each sentence as the outlet ran it
    sentences: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Truth:
    article_id: str
    outlet: str
    kind: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    page_furniture: list[str] = field(default_factory=list)
    credited: list[str] = field(default_factory=list)


def draw_habits(rng: random.Random) -> Habits:
    return Habits(
        trim=rng.uniform(0, 0.5),
        reorder=rng.uniform(0, 0.3),
        reword=rng.uniform(0, 0.15),
        localise=rng.random() < 0.5,
        own_paragraphs=rng.uniform(0, 0.3),
        mosaic=rng.uniform(0, 0.3),
        credit=rng.choice(CREDIT_HABITS),
        furniture=tuple(rng.sample(FURNITURE, rng.randint(2, 5))),
        html=rng.random() < 0.4,
        title_case=rng.choice(("title", "sentence", "upper")),
    )


def draw_page_habits(rng: random.Random, credit: str) -> PageHabits:
    return PageHabits(
        lists=rng.choice(LIST_SHAPES),
        language=rng.choices((0, 1, 2), weights=(6, 1, 1))[0],
        separator=rng.choice(LIST_SEPARATORS),
        dated=rng.random() < 0.5,
        # Outlets that would otherwise name one agency at most sign off with several.
        joint_signoff=credit in JOINT_SIGNOFF_HABITS and rng.random() < JOINT_SIGNOFF_SHARE,
    )


def joint_signoff(agency: str, rng: random.Random) -> tuple[str, list[str]]:
    """A sign-off naming the agency among others, in no telling order, as DW signs off:
    nothing in it says which agency wrote which sentence."""
    others = [a for a in AGENCIES if a != agency]
    named = [agency, *rng.sample(others, rng.randint(1, 2))]
    rng.shuffle(named)
    return f"{rng.choice(DESKS)} ({', '.join(named)})", named


def link_list(heading: str, titles: list[str], page: PageHabits) -> list[str]:
    """The page's list of other stories as text lines: one entry a line (`lines`), one line
    (`pipe`) or one "Related: <headline>" line (`inline`)."""
    if page.lists == "pipe":
        return [f"{heading}: {page.separator.join(titles)}"]
    if page.lists == "lines":
        return [heading, *titles]
    if page.lists == "inline":
        return [f"{heading}: {titles[0]}"]
    return []


def dated_line(day: str, hour: int, rng: random.Random) -> str:
    later = hour + rng.randint(1, 6)
    published = f"Published {day} {hour:02d}:{rng.randint(0, 59):02d} GMT"
    return f"{published} | Updated {later:02d}:00 GMT" if later <= 23 else published


def as_agency(text: str, agency: str) -> str:
    """The story as its assigned agency filed it: Reuters copy says "told Reuters"."""
    return re.sub(r"\bReuters?\b", agency, text, flags=re.IGNORECASE)


def edit(text: str, habits: Habits, rng: random.Random) -> str:
    words = text.split()
    for i, word in enumerate(words):
        if word in REWORD and rng.random() < habits.reword * 4:
            words[i] = REWORD[word]
        elif habits.localise and word in LOCALISE:
            words[i] = LOCALISE[word]
    return " ".join(words)


def wire_paragraph(
    text: str, agency: str, source: str, habits: Habits | None, rng: random.Random
) -> Paragraph:
    """A wire paragraph as an outlet runs it, edited sentence by sentence so the truth can say
    which sentence of the agency's each of the outlet's sentences is."""
    sentences = [s.strip() for s in segment("en", as_agency(text, agency)) if s.strip()]
    edited = [edit(s, habits, rng) if habits else s for s in sentences]
    return Paragraph(
        " ".join(edited),
        agency,
        source,
        [(s, f"{source}:{k}") for k, s in enumerate(edited)],
    )


def version(
    story: WireStory,
    agency: str,
    habits: Habits,
    rng: random.Random,
    own_pool: list[str],
    second: tuple[WireStory, str] | None,
) -> list[Paragraph]:
    """The paragraphs an outlet runs of one wire story, before credits and furniture."""
    keep = max(1, round(len(story.paragraphs) * (1 - rng.uniform(0, habits.trim))))
    paragraphs = [
        wire_paragraph(text, agency, f"{story.story_id}:{i}", habits, rng)
        for i, text in enumerate(story.paragraphs[:keep])
    ]
    if len(paragraphs) > 2 and rng.random() < habits.reorder:
        i = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    if second is not None and rng.random() < habits.mosaic:
        other, other_agency = second
        taken = rng.randrange(len(other.paragraphs))
        paragraphs.insert(
            rng.randint(1, len(paragraphs)),
            wire_paragraph(
                other.paragraphs[taken], other_agency, f"{other.story_id}:{taken}", habits, rng
            ),
        )
    if own_pool and rng.random() < habits.own_paragraphs * 3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), Paragraph(own_pool.pop(), "own", ""))
    return paragraphs


def credit(
    paragraphs: list[Paragraph], agency: str, habits: Habits, rng: random.Random
) -> list[str]:
    """Apply the outlet's credit habit; returns lines to place before and after the body."""
    if habits.credit == "dateline":
        first = paragraphs[0]
        first.text = f"{rng.choice(CITIES)} ({agency}) - {first.text}"
    elif habits.credit == "marker":
        last = [p for p in paragraphs if p.origin == agency][-1]
        last.text = f"{last.text} - {agency}"
    elif habits.credit == "inline":
        first = paragraphs[0]
        form = rng.choice(INLINE_FORMS)
        first.text = form.format(agency=agency, text=first.text, lower=lower_first(first.text))
    elif habits.credit == "signoff":
        return ["", f"({agency})"]
    elif habits.credit == "photo_only":
        return [f"Image: Getty Images/{agency}/J. Smith", ""]
    return ["", ""]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def headline(title: str, style: str) -> str:
    """Reuters titles are upper case; outlets print them in their own case."""
    if style == "upper":
        return title.upper()
    if style == "sentence":
        return title[:1].upper() + title[1:].lower()
    return title


def render(
    title: str,
    paragraphs: list[Paragraph],
    before: str,
    after: str,
    habits: Habits,
    page: PageHabits | None = None,
    heading: str = "",
    titles: tuple[str, ...] = (),
    dated: str = "",
) -> str:
    """The page as a scraped text file or an HTML page, furniture and all: `titles` are the
    other stories the page lists under `heading`, `dated` its published line."""
    texts = [p.text for p in paragraphs]
    shape = page.lists if page and titles else "none"
    if habits.html:
        body = [f"<p>{html.escape(t)}</p>\n" for t in texts]
        links = [f"<a href='#'>{html.escape(t)}</a>" for t in titles]
        if shape == "inline":
            body.insert(
                len(body) // 2 + 1, f"<p><strong>{html.escape(heading)}:</strong> {links[0]}</p>\n"
            )
        elif shape == "pipe" and page:
            body.append(
                f"<p>{html.escape(heading)}: {html.escape(page.separator).join(links)}</p>\n"
            )
        elif shape == "lines":
            items = "".join(f"<li>{link}</li>" for link in links)
            body.append(f"<aside><h2>{html.escape(heading)}</h2><ul>{items}</ul></aside>\n")
        nav = "".join(f"<li><a href='#'>{html.escape(f)}</a></li>" for f in habits.furniture)
        return (
            f"<html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav><ul>{nav}</ul></nav><article><h1>{html.escape(title)}</h1>\n"
            f"{'<p>' + html.escape(dated) + '</p>' if dated else ''}{''.join(body)}"
            f"{'<p>' + html.escape(after) + '</p>' if after else ''}</article>"
            f"<footer>{html.escape(habits.furniture[-1])}</footer></body></html>\n"
        )
    listed = link_list(heading, list(titles), page) if page and titles else []
    if shape == "inline":
        texts.insert(len(texts) // 2 + 1, listed[0])
    elif listed:
        texts.append("\n".join(listed))
    head = [
        *habits.furniture[:2],
        title,
        *([dated] if dated else []),
        *([before] if before else []),
    ]
    tail = [*([after] if after else []), *habits.furniture[2:]]
    return "\n\n".join([*head, *texts, *tail]) + "\n"


def distinct(stories: list[WireStory]) -> list[WireStory]:
    """Stories sharing no paragraph with an earlier one: Reuters re-filed many stories, and
    two versions assigned to different agencies would make a truth that contradicts itself."""
    seen: set[str] = set()
    kept = []
    for story in stories:
        # A paragraph's first ten words: re-filed versions differ further on, not there.
        keys = {
            " ".join(re.findall(r"\w+", p.casefold())[:10])
            for p in story.paragraphs
            if len(p.split()) >= 10
        }
        if keys & seen:
            continue
        seen |= keys
        kept.append(story)
    return kept


def in_split(story: WireStory, split: str) -> bool:
    """One Reuters story in five is kept for fitting the calibration, the rest for evaluation,
    by a stable hash of its id, so no story is both fitted on and scored."""
    return (zlib.crc32(story.story_id.encode()) % 5 == 0) == (split == "fit")


def generate(
    out: Path, stories: int, seed: int, wire_copy: float, outlets: int = 8, split: str = "eval"
) -> None:
    """Write a corpus and its truth file; `wire_copy` is the share of stories whose agency
    copy is in the corpus (sometimes an earlier, shorter version than the outlets used);
    `split` is "eval" or "fit" (see `in_split`)."""
    rng = random.Random(seed)
    pool = distinct(
        [s for s in wire_stories() if 4 <= len(s.paragraphs) <= 14 and in_split(s, split)]
    )
    rng.shuffle(pool)
    chosen, others = pool[:stories], pool[stories:]
    outside = others[stories * 2 :]  # mosaic sources whose agency copy is nowhere in the corpus
    # An outlet's own text names no agency: Reuters copy that says "told Reuters" is not it.
    own_pool = [
        p
        for s in others[: stories * 2]
        for p in s.paragraphs
        if len(p.split()) > 12 and not AGENCY_NAMES.search(p)
    ]
    habits = {f"outlet{n:02d}": draw_habits(rng) for n in range(outlets)}
    side = random.Random(f"pages-{seed}")
    pages = {outlet: draw_page_habits(side, h.credit) for outlet, h in habits.items()}
    agency_of = {s.story_id: rng.choice(AGENCIES) for s in chosen}
    out.mkdir(parents=True, exist_ok=True)
    truths: list[Truth] = []
    manifest = ["path,outlet,published,url,title,kind"]
    for n, story in enumerate(chosen):
        agency = agency_of[story.story_id]
        day = f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
        original = Truth(f"original/{story.story_id}", agency, "original")
        original.paragraphs = [
            wire_paragraph(paragraph, agency, f"{story.story_id}:{i}", None, rng)
            for i, paragraph in enumerate(story.paragraphs)
        ]
        truths.append(original)
        if rng.random() < wire_copy:
            sent = list(story.paragraphs)
            if len(sent) > 3 and rng.random() < 0.2:  # an earlier, shorter version
                sent = sent[: len(sent) - rng.randint(1, 2)]
            name = f"wire/{story.story_id}.txt"
            text = "\n\n".join(as_agency(p, agency) for p in sent) + "\n"
            (out / "wire").mkdir(exist_ok=True)
            (out / name).write_text(text, encoding="utf-8")
            manifest.append(f"{name},{agency},{day}T00:00,,,wire")
            truth = Truth(f"wire/{story.story_id}", agency, "wire")
            truth.paragraphs = original.paragraphs[: len(sent)]
            truths.append(truth)
        if outside and rng.random() < 0.5:
            second_story = rng.choice(outside)
            second = (second_story, rng.choice(AGENCIES))
        else:
            second_story = chosen[(n + 1) % len(chosen)]
            second = (second_story, agency_of[second_story.story_id])
        for outlet in rng.sample(sorted(habits), rng.randint(2, 4)):
            h = habits[outlet]
            paragraphs = version(story, agency, h, rng, own_pool, second)
            before, after = credit(paragraphs, agency, h, rng)
            credited = [agency] if h.credit in ("dateline", "signoff", "marker", "inline") else []
            look = pages[outlet]
            if look.joint_signoff:
                after, credited = joint_signoff(agency, side)
            title = headline(story.title or story.story_id, h.title_case)
            # Other stories the outlet ran lately, as its "most read" and "related" lists do.
            recent = [chosen[(n - k) % len(chosen)] for k in range(1, RECENT_STORIES + 1)]
            titles = tuple(
                dict.fromkeys(  # a small corpus repeats stories in `recent`
                    headline(s.title, h.title_case)
                    for s in side.sample(recent, min(len(recent), side.randint(3, 5)))
                    if s.title and s is not story
                )
            )
            heading = side.choice(LIST_HEADINGS[look.language])
            hour = rng.randint(1, 23)
            dated = dated_line(day, hour, side) if look.dated else ""
            page = render(title, paragraphs, before, after, h, look, heading, titles, dated)
            suffix = "html" if h.html else "txt"
            name = f"{outlet}/{story.story_id}.{suffix}"
            (out / outlet).mkdir(exist_ok=True)
            (out / name).write_text(page, encoding="utf-8")
            manifest.append(f"{name},{outlet},{day}T{hour:02d}:00,,,outlet")
            truth = Truth(
                f"{outlet}/{story.story_id}",
                outlet,
                "outlet",
                paragraphs,
                list(h.furniture),
                [*link_list(heading, list(titles), look), *([dated] if dated else [])],
                credited,
            )
            truths.append(truth)
    (out / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    with (out.parent / f"{out.name}-truth.jsonl").open("w", encoding="utf-8") as handle:
        for truth in truths:
            handle.write(json.dumps(asdict(truth)) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--no-wire-copy", action="store_true")
    args = parser.parse_args()
    generate(args.out, args.stories, args.seed, 0.0 if args.no_wire_copy else 1.0)


if __name__ == "__main__":
    main()
