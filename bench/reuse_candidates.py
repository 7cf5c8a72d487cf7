"""Candidate page pairs that share text, for hand labels of text reuse (issue 16).

Usage: python bench/reuse_candidates.py [--data DIR] [--cache DIR] [--out FILE]
                                        [--min-run N] [--long-run N] [--seed S]
                                        [--readability DIR] [--readability-cache DIR]

Reads the 1,033 real pages of `../shared/data/trafilatura_eval/html/` (gzip HTML), extracts
each page's main text with `trafilatura.extract(html)` at its defaults (not attrib: the labels
must not depend on the tool they measure) and caches the texts under `--cache`
(`/tmp/reuse-texts/` by default; a second run reads the cache and extracts nothing). The
scrapinghub pages are held out for this measure and are never read.

The search is deliberately simple. Each text is cut into lowercased word tokens (`\\w+`); every
run of `--min-run` consecutive tokens (6 by default) is a shingle, and two pages are a candidate
when they share one. For each candidate pair the maximal shared runs are found by extending the
shared shingles both ways. A run counts only when it is distinctive:

- a "long" run has at least `--long-run` words (8 by default) and at least one word that is not
  very common;
- a "short" run has `--min-run` to `--long-run` - 1 words and at least two words that are not
  very common.

"Very common" is measured, not listed: a word found in at least `--common-df` of the pages (10% by
default, about 103 pages: "the", "der", "de", "la" and the like in this mixed-language set) is
very common, so a run such as "one of the most important of the" is skipped. Shingles found on
more than `--max-df` pages (25) are dropped before pairing, which keeps sitewide boilerplate from
producing hundreds of pairs; such furniture still shows up between the pages of one site when
fewer pages carry it. (Trafilatura already strips most furniture, so what remains is mostly
furniture that reached the main text.)

Each line of `--out` (`bench/reuse_candidates.jsonl`) is one pair: the two page file names
(`page_a` < `page_b`), their hosts (from the page's `evaldata.json` record, else its canonical
link or `og:url`, else the host most absolute links in the page point to, a guess; `host_source`
says which), whether the hosts are one site, the tier ("long" when a long run
is shared, else "short"), the number of shared runs and of words of page_a inside them, the
longest run's length and its text (sliced from page_a's extracted text), and `order`, the
pair's place in a shuffle seeded by `--seed`. Lines are written in that order, so a reader who
labels from the top sees sites and tiers mixed rather than the longest runs first. The output is
the same on every run (sorted inputs, a fixed seed, no network).

`--readability DIR` adds a second set of pages to the pool: the test pages of Mozilla's
Readability (`../shared/data/mozilla_readability_testpages/test/test-pages/`, one folder per
page with a `source.html.gz`; 130 folders, mostly real pages of BBC, CNN, the New York Times,
Yahoo, Le Monde and others). Each is extracted the same way, cached under `--readability-cache`
(`/tmp/reuse-texts-readability/` by default) and named `readability:<folder>` (for example
`readability:bbc-1`); its host comes from its canonical link or `og:url`, else its most linked
host. The set also holds hand-made unit-test fixtures filled with "Lorem ipsum" placeholder
text (`rtl-1`, `base-url`, `replace-brs` and so on). They are not real pages and share all
their placeholder text with each other, so a page whose text has the words "lorem ipsum" in a
row is left out of the pool (32 pages; kept, they would add 328 pairs among themselves, all of
placeholder text). The search then runs over the whole pool with the same rules, and the very
common words are counted over the whole pool too (10% of the 1,131 pages). Only the pairs with
at least one readability page are written, since the pairs among the first set are already
labelled. They go to `bench/reuse_candidates_readability.jsonl` unless `--out` says
otherwise, and the shuffle by `--seed` is over those pairs. Without `--readability` the output
is unchanged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "trafilatura_eval"
DEFAULT_CACHE = Path("/tmp/reuse-texts")
DEFAULT_OUT = HERE / "reuse_candidates.jsonl"
DEFAULT_READABILITY_CACHE = Path("/tmp/reuse-texts-readability")
DEFAULT_READABILITY_OUT = HERE / "reuse_candidates_readability.jsonl"
READABILITY_PREFIX = "readability:"
PLACEHOLDER = ("lorem", "ipsum")

WORD = re.compile(r"\w+")
CANONICAL = re.compile(
    r"<link[^>]+rel=[\"']?canonical[\"']?[^>]*>|<meta[^>]+property=[\"']?og:url[\"']?[^>]*>",
    re.IGNORECASE,
)
LINK = re.compile(r"https?://[A-Za-z0-9.-]+")
HREF = re.compile(r"(?:href|content)=[\"']?([^\"' >]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    name: str
    host: str
    host_source: str
    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Run:
    start_a: int
    start_b: int
    length: int


def _host(url: str) -> str:
    host = urlparse(url.strip()).netloc.lower()
    return host.removeprefix("www.")


def _site(host: str) -> str:
    """The registrable part of a host, roughly: the last two labels (three for co.uk-like)."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _html_host(html: bytes) -> tuple[str, str]:
    """The page's host from its canonical link or og:url, else its most linked host (a guess)."""
    page = html.decode("utf-8", errors="replace")
    for tag in CANONICAL.findall(page[:200_000]):
        match = HREF.search(tag)
        if match and match.group(1).startswith("http"):
            return _host(match.group(1)), "canonical"
    linked = Counter(_host(url) for url in LINK.findall(page))
    if linked:
        host, _ = max(linked.items(), key=lambda item: (item[1], item[0]))
        return host, "most-linked"
    return "", ""


def _record_hosts(data: Path) -> dict[str, str]:
    records = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    # Most keys are the page's URL; a few are not ("hard::site-name.html"), whose host is "".
    return {record["file"] + ".gz": _host(url) for url, record in records.items()}


def _extract(path: Path, cache: Path, key: str | None = None) -> str:
    cached = cache / ((key or path.name.removesuffix(".gz")) + ".txt")
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    import trafilatura  # only when something is not cached yet

    html = gzip.decompress(path.read_bytes())
    text = trafilatura.extract(html) or ""
    cached.write_text(text, encoding="utf-8")
    return text


def load_pages(data: Path, cache: Path) -> list[Page]:
    cache.mkdir(parents=True, exist_ok=True)
    hosts = _record_hosts(data)
    pages = []
    paths = sorted((data / "html").glob("*.gz"))
    for number, path in enumerate(paths, 1):
        text = _extract(path, cache)
        if hosts.get(path.name):
            host, source = hosts[path.name], "evaldata"
        else:
            host, source = _html_host(gzip.decompress(path.read_bytes()))
        matches = list(WORD.finditer(text))
        tokens = tuple(m.group().lower() for m in matches)
        spans = tuple(m.span() for m in matches)
        pages.append(Page(path.name, host, source, text, tokens, spans))
        if number % 100 == 0:
            print(f"  {number}/{len(paths)} pages", file=sys.stderr)
    return pages


def load_readability(data: Path, cache: Path) -> list[Page]:
    """Mozilla Readability's test pages: `<data>/<folder>/source.html.gz`, one page a folder."""
    cache.mkdir(parents=True, exist_ok=True)
    pages = []
    for path in sorted(data.glob("*/source.html.gz")):
        folder = path.parent.name
        text = _extract(path, cache, key=folder)
        host, source = _html_host(gzip.decompress(path.read_bytes()))
        matches = list(WORD.finditer(text))
        tokens = tuple(m.group().lower() for m in matches)
        spans = tuple(m.span() for m in matches)
        if _placeholder(tokens):
            continue  # a hand-made test fixture, not a real page
        pages.append(Page(READABILITY_PREFIX + folder, host, source, text, tokens, spans))
    return pages


def _placeholder(tokens: tuple[str, ...]) -> bool:
    """Whether a text has the "Lorem ipsum" placeholder of hand-made test fixtures."""
    return any(tokens[i : i + 2] == PLACEHOLDER for i in range(len(tokens) - 1))


def common_words(pages: list[Page], share: float) -> frozenset[str]:
    df: dict[str, int] = defaultdict(int)
    for page in pages:
        for word in set(page.tokens):
            df[word] += 1
    limit = max(2, round(share * len(pages)))
    return frozenset(word for word, count in df.items() if count >= limit)


def shingle_index(pages: list[Page], n: int) -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, page in enumerate(pages):
        seen = {page.tokens[i : i + n] for i in range(len(page.tokens) - n + 1)}
        for shingle in seen:
            index[shingle].append(number)
    return index


def shared_runs(a: Page, b: Page, n: int) -> list[Run]:
    """Maximal runs of at least n equal consecutive tokens between a and b."""
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b.tokens) - n + 1):
        positions[b.tokens[j : j + n]].append(j)
    runs = []
    for i in range(len(a.tokens) - n + 1):
        for j in positions.get(a.tokens[i : i + n], ()):
            if i > 0 and j > 0 and a.tokens[i - 1] == b.tokens[j - 1]:
                continue  # inside a run that starts earlier
            length = n
            while (
                i + length < len(a.tokens)
                and j + length < len(b.tokens)
                and a.tokens[i + length] == b.tokens[j + length]
            ):
                length += 1
            runs.append(Run(i, j, length))
    return runs


def distinctive(run: Run, page: Page, common: frozenset[str], long_run: int) -> str:
    """'long', 'short' or '' (not distinctive) for a run, read in page (page_a)."""
    words = page.tokens[run.start_a : run.start_a + run.length]
    rare = sum(word not in common for word in words)
    if run.length >= long_run and rare >= 1:
        return "long"
    if run.length < long_run and rare >= 2:
        return "short"
    return ""


def run_text(page: Page, start: int, length: int) -> str:
    begin = page.spans[start][0]
    end = page.spans[start + length - 1][1]
    return " ".join(page.text[begin:end].split())


def candidates(
    pages: list[Page],
    min_run: int,
    long_run: int,
    common_df: float,
    max_df: int,
) -> list[dict[str, object]]:
    common = common_words(pages, common_df)
    index = shingle_index(pages, min_run)
    pairs: set[tuple[int, int]] = set()
    for shingle, holders in index.items():
        if len(holders) < 2 or len(holders) > max_df:
            continue
        if all(word in common for word in shingle):
            continue
        for x, first in enumerate(holders):
            for second in holders[x + 1 :]:
                if pages[first].name < pages[second].name:
                    pairs.add((first, second))
                else:
                    pairs.add((second, first))
    rows = []
    for first, second in sorted(pairs):
        a, b = pages[first], pages[second]
        kept = []
        for run in shared_runs(a, b, min_run):
            tier = distinctive(run, a, common, long_run)
            if tier:
                kept.append((run, tier))
        if not kept:
            continue
        covered: set[int] = set()
        for run, _ in kept:
            covered.update(range(run.start_a, run.start_a + run.length))
        longest = max(kept, key=lambda item: (item[0].length, -item[0].start_a))[0]
        site_a, site_b = _site(a.host), _site(b.host)
        rows.append(
            {
                "page_a": a.name,
                "page_b": b.name,
                "host_a": a.host,
                "host_b": b.host,
                "host_source_a": a.host_source,
                "host_source_b": b.host_source,
                "same_site": bool(a.host) and site_a == site_b,
                "tier": "long" if any(tier == "long" for _, tier in kept) else "short",
                "runs": len(kept),
                "shared_words": len(covered),
                "words_a": len(a.tokens),
                "words_b": len(b.tokens),
                "longest_run_words": longest.length,
                "longest_run": run_text(a, longest.start_a, longest.length),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-run", type=int, default=6)
    parser.add_argument("--long-run", type=int, default=8)
    parser.add_argument("--common-df", type=float, default=0.1)
    parser.add_argument("--max-df", type=int, default=25)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--readability", type=Path, default=None)
    parser.add_argument("--readability-cache", type=Path, default=DEFAULT_READABILITY_CACHE)
    args = parser.parse_args(argv)
    if "scrapinghub" in str(args.data) or "scrapinghub" in str(args.readability or ""):
        parser.error("the scrapinghub pages are held out for this measure")

    pages = load_pages(args.data, args.cache)
    if args.readability is not None:
        extra = load_readability(args.readability, args.readability_cache)
        if not extra:
            parser.error(f"no */source.html.gz under {args.readability}")
        pages += extra
        if args.out == DEFAULT_OUT:
            args.out = DEFAULT_READABILITY_OUT
    rows = candidates(pages, args.min_run, args.long_run, args.common_df, args.max_df)
    if args.readability is not None:
        rows = [
            row
            for row in rows
            if str(row["page_a"]).startswith(READABILITY_PREFIX)
            or str(row["page_b"]).startswith(READABILITY_PREFIX)
        ]
    order = list(range(len(rows)))
    random.Random(args.seed).shuffle(order)
    for place, number in enumerate(order):
        rows[number]["order"] = place
    rows.sort(key=lambda row: int(str(row["order"])))
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    long_rows = sum(row["tier"] == "long" for row in rows)
    cross = sum(not row["same_site"] for row in rows)
    print(
        f"{len(pages)} pages, {sum(not p.tokens for p in pages)} without text; "
        f"{len(rows)} candidate pairs ({long_rows} long, {len(rows) - long_rows} short; "
        f"{cross} across sites) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
