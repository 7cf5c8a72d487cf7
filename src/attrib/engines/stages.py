"""The pipeline's stages as functions any engine can run: the local process pool, Spark
executors, or the incremental store.

Three kinds of work, split by what each needs to see:
- `prepare_article`: one article alone (cleaning, credits, passages, shingles), given the
  lines its outlet repeats, which are computed over the outlet's articles first;
- `align_pair`: one candidate pair of passages alone;
- `conclude`: the whole corpus's matches at once (stories and families are connected
  components; attribution follows matches across articles).
Every engine calls these same functions, so their outputs agree byte for byte. None of them
starts a process: each engine brings its own parallelism (the local engine a process pool,
Spark its executors), and `conclude` takes the engine's way of extending matches (`Extend`).
`refuse_skips` is the `--strict` rule each engine applies before the work starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from attrib.attribution.decide import attribute
from attrib.errors import SkippedWhenStrict
from attrib.match.align import align_passages
from attrib.match.extend import extend_to_neighbours
from attrib.match.families import (
    build_families,
    build_stories,
    common_source_matches,
    kept_matches,
    link_articles,
)
from attrib.match.shingles import ShingleFrequency, article_shingles
from attrib.models import Article, CorpusResult, Match, Passage, PreparedArticle, Skipped
from attrib.options import Options
from attrib.text.clean import clean_article, load_furniture_rules
from attrib.text.credits import detect_credits
from attrib.text.segment import segment_article
from attrib.text.wires import WireList, load_wire_list

# How an engine extends kept matches to the passages around them (`extend_to_neighbours`):
# given every passage, the seeds and the options, the matches found. Each pair of articles
# extends on its own (`seeds_by_article_pair`), so an engine may share the pairs out.
Extend = Callable[[Sequence[Passage], Sequence[Match], Options], list[Match]]

__all__ = [
    "align_pair",
    "by_pair",
    "conclude",
    "prepare_article",
]


def prepare_article(
    article: Article,
    dropped_lines: frozenset[str],
    options: Options,
    wires: WireList | None = None,
) -> PreparedArticle:
    """Everything about one article that does not depend on the others but its outlet's
    repeated lines (`dropped_lines`)."""
    rules = load_furniture_rules()
    cleaned = clean_article(article, dropped_lines, rules, options.furniture, options.reading)
    passages = segment_article(cleaned, options.language, options.passages)
    return PreparedArticle(
        article=cleaned,
        credits=detect_credits(cleaned, wires or load_wire_list()),
        passages=passages,
        shingles=article_shingles(passages, options.shingle_size),
    )


def align_pair(first: Passage, second: Passage, options: Options) -> Match | None:
    return align_passages(first, second, options)


def by_pair(matches: Iterable[Match]) -> tuple[Match, ...]:
    return tuple(sorted(matches, key=lambda m: (m.a, m.b)))


def conclude(
    prepared: Sequence[PreparedArticle],
    seeds: Iterable[Match],
    options: Options,
    skipped: Sequence[Skipped] = (),
    *,
    frequency: ShingleFrequency,
    extend: Extend = extend_to_neighbours,
) -> CorpusResult:
    """Stories, families and attributions from every article and every aligned pair.

    `prepared` must be in article id order; `seeds` may come in any order (they are sorted
    here), so engines that collect matches from many workers agree. `frequency` is how many
    articles of the corpus hold each shingle (the candidate index's counts, or
    `ShingleFrequency.of_articles` where an engine keeps the shingles).

    A match between two stories is kept when one borrowed a passage of the other, or when the
    text they share has one source (`common_source_matches`); it is not extended to the
    passages around it, which the two stories do not share. `extend` is the engine's
    `extend_to_neighbours`, run here in this process unless the engine shares it out.
    """
    articles = tuple(p.article for p in prepared)
    passages = tuple(passage for p in prepared for passage in p.passages)
    credits = {p.article.article_id: p.credits for p in prepared}
    wire_copy = {a.article_id for a in articles if a.is_wire_copy}
    seeds = by_pair(seeds)
    links = link_articles(passages, seeds, options, wire_copy)
    stories = build_stories([a.article_id for a in articles], links.same_story)
    kept = kept_matches(passages, seeds, stories, links.borrowed)
    held = {(m.a, m.b) for m in kept}
    common = common_source_matches(
        passages, [m for m in seeds if (m.a, m.b) not in held], stories, frequency, options
    )
    matches = by_pair([*kept, *common, *extend(passages, kept, options)])
    return CorpusResult(
        articles=articles,
        credits=credits,
        passages=passages,
        matches=matches,
        families=build_families(passages, matches),
        stories=stories,
        attributions=attribute(
            articles,
            credits,
            passages,
            matches,
            load_wire_list(),
            stories,
            options.calibrate,
            common={(m.a, m.b) for m in common},
        ),
        skipped=tuple(skipped),
    )


def refuse_skips(skipped: Sequence[Skipped], options: Options) -> None:
    """With `options.strict`, any skip stops the run here, before hours of work on the rest."""
    if options.strict and skipped:
        raise SkippedWhenStrict(skipped)
