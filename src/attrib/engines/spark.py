"""The Spark engine: `attrib run CORPUS --engine spark` (`pip install attrib[spark]`).

It runs the same stage functions as the local engine (`attrib.engines.stages`, and
`attrib.ingest.corpus`'s `read_file` and `gather`), so the two write byte-identical CSV; only
where each function runs differs:

- executors read the files (`read_file` per file); the driver puts the items back in file
  order through `gather`, so duplicates and the manifest are handled as locally;
- an outlet's repeated lines are computed per outlet group (`outlet_repeated_lines` over one
  outlet's articles), then each article is prepared on an executor (`prepare_article`);
- candidate pairs are shuffles with `pairs_from_shingles`'s semantics (`candidate_pairs`);
- each pair is joined with its two passages and aligned on an executor (`align_pair`);
- the driver concludes (`conclude`: stories, families and attribution see every match).

`run_spark` starts a Spark context and stops it at the end; `spark_context` and `run_on` let a
notebook or a test share one. pyspark is imported only inside these functions: without it the
Spark engine raises `SparkUnavailable`, and the rest of attrib does not notice.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, TypeVar

import numpy as np

from attrib.engines.stages import align_pair, conclude, prepare_article, refuse_skips
from attrib.errors import AttribError
from attrib.ingest.corpus import check_corpus_folder, corpus_files, gather, read_file
from attrib.ingest.manifest import read_manifest
from attrib.match.extend import Neighbours, seeds_by_article_pair
from attrib.match.shingles import ShingleFrequency, counted_shingle, shared_enough
from attrib.models import Article, CorpusResult, Match, Passage, PreparedArticle, Skipped
from attrib.options import Options
from attrib.pool import Track, no_progress
from attrib.text.clean import outlet_repeated_lines

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast, SparkConf, SparkContext

__all__ = [
    "SparkUnavailable",
    "candidate_pairs",
    "passage_table",
    "run_on",
    "run_spark",
    "spark_context",
]

T = TypeVar("T")
# A passage at its global position (passages in article id order), with its article's number
# and its shingles: what candidate generation and alignment need of it.
Located = tuple[int, tuple[int, Passage, np.ndarray]]
# Tasks per core when reading and preparing: files and articles vary in size, so a few tasks
# per core keep every core busy to the end; but a task has a fixed cost, so not for a handful.
TASKS_PER_CORE = 4
MIN_ITEMS_PER_TASK = 20
_MESSAGE_CHARS = 1_000
JVM_EXIT_SECONDS = 30


class SparkUnavailable(AttribError):
    """The Spark engine cannot run here: pyspark is not installed or Java will not start."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot run the Spark engine: {reason}")
        self.reason = reason


def run_spark(
    root: Path, options: Options, master: str = "local[*]", track: Track = no_progress
) -> CorpusResult:
    """The whole run over a corpus folder on Spark; the same result as `run_corpus`.

    `master` is a Spark master URL (`local[2]`, `spark://host:7077`...). A Spark context
    already running in this process is used as it is and left running. On a cluster, `root`
    must be a path every executor sees (a shared file system): executors read the files.
    """
    check_corpus_folder(root)  # before a Spark context takes seconds to start
    with spark_context(master) as context:
        return run_on(context, root, options, track)


def run_on(
    context: SparkContext, root: Path, options: Options, track: Track = no_progress
) -> CorpusResult:
    """`run_spark` on a context the caller manages."""
    articles, skipped = _stage(track, "Reading articles", partial(read_on, context, root, options))
    refuse_skips(skipped, options)
    ordered = sorted(articles, key=lambda a: a.article_id)
    prepared_rdd = prepare_on(context, ordered, options)
    try:
        prepared = _stage(track, "Preparing articles", partial(in_order, prepared_rdd))
        offsets = context.broadcast(passage_offsets(prepared))
        located = passage_table(prepared_rdd, offsets)
        matches = _stage(
            track,
            "Aligning passages",
            partial(align_on, candidate_pairs(located, options), located, options),
        )
    finally:
        prepared_rdd.unpersist()
    frequency = ShingleFrequency.of_articles(p.shingles for p in prepared)
    extend = partial(extend_on, context)
    return conclude(prepared, matches, options, skipped, frequency=frequency, extend=extend)


def extend_on(
    context: SparkContext, passages: Sequence[Passage], seeds: Sequence[Match], options: Options
) -> list[Match]:
    """`extend_to_neighbours` on the executors, a task's worth of article pairs at a time:
    the driver never forks (not safe beside the JVM gateway's threads), and every executor
    reads the passages from one broadcast."""
    groups = seeds_by_article_pair(seeds)
    if not groups:
        return []
    neighbours = context.broadcast(Neighbours.of(passages))
    try:
        tasks = max(1, min(context.defaultParallelism * 4, len(groups)))
        extended = context.parallelize(groups, tasks).flatMap(
            partial(_extend_group, neighbours=neighbours, options=options)
        )
        return extended.collect()
    finally:
        neighbours.unpersist()


def _extend_group(
    group: Sequence[Match], neighbours: Broadcast[Neighbours], options: Options
) -> list[Match]:
    return neighbours.value.extend(group, options)


def _stage(track: Track, description: str, compute: Callable[[], T]) -> T:
    """`compute()` while the front end shows `description`: Spark jobs report no per-item
    progress back to the driver, so each stage is one step."""
    results = [compute() for _ in track(range(1), description, 1)]
    return results[0]


@contextmanager
def spark_context(master: str = "local[*]") -> Iterator[SparkContext]:
    """A quiet Spark context for attrib, stopped on exit; or the running one, left running.

    Raises SparkUnavailable when pyspark is missing or the JVM does not start (no Java).
    """
    pyspark = _import_pyspark()
    if pyspark.SparkContext._active_spark_context is not None:  # no public accessor
        yield pyspark.SparkContext._active_spark_context
        return
    _use_this_python(master)
    conf = spark_conf(master)
    with tempfile.TemporaryFile() as log:
        context, launched = _start(conf, log)
        try:
            yield context
        finally:
            context.stop()
            if launched:
                _stop_jvm(pyspark.SparkContext)


def _import_pyspark() -> ModuleType:
    try:
        import pyspark
    except ImportError as error:
        raise SparkUnavailable("pyspark is not installed; install attrib[spark]") from error
    return pyspark


def _use_this_python(master: str) -> None:
    """Executors must run the interpreter attrib is installed in. A cluster's nodes may keep
    their Python elsewhere, so there a PYSPARK_PYTHON the user set wins."""
    for name in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON"):
        if is_local(master):
            os.environ[name] = sys.executable
        else:
            os.environ.setdefault(name, sys.executable)


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def spark_conf(master: str) -> SparkConf:
    """Settings for attrib's runs: no web UI, no console progress bar, and for local masters
    the loopback address (a machine whose hostname resolves to loopback otherwise warns)."""
    from pyspark import SparkConf

    conf = (
        SparkConf()
        .setMaster(master)
        .setAppName("attrib")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    if is_local(master):
        conf.set("spark.driver.host", "127.0.0.1")
        conf.set("spark.driver.bindAddress", "127.0.0.1")
    return conf


def _start(conf: SparkConf, log: IO[bytes]) -> tuple[SparkContext, bool]:
    """A context, and whether its JVM was started here: with its output in `log`, so Spark's
    banner and warnings stay out of attrib's output; on failure its first lines say why
    (usually: no Java)."""
    from pyspark import SparkContext
    from pyspark.errors import PySparkRuntimeError
    from pyspark.java_gateway import launch_gateway

    # pyspark keeps its JVM in private class attributes; one left by another library's
    # context in this process is reused as pyspark itself would.
    launched = SparkContext._gateway is None
    try:
        gateway = SparkContext._gateway or launch_gateway(conf, {"stdout": log, "stderr": log})
        context = SparkContext(conf=conf, gateway=gateway)
    except (PySparkRuntimeError, OSError) as error:
        raise SparkUnavailable(
            f"Spark did not start (needs Java 17 or later): {_first_lines(log) or error}"
        ) from error
    context.setLogLevel("ERROR")
    return context, launched


def _stop_jvm(spark_context_class: type[SparkContext]) -> None:
    """End the JVM `_start` launched: pyspark keeps it for the life of the process otherwise,
    with hundreds of MB and the gateway's threads. The JVM exits when its stdin closes."""
    gateway = spark_context_class._gateway
    spark_context_class._gateway = None
    spark_context_class._jvm = None
    if gateway is None:  # pyspark never clears it, but another library's code may have
        return
    gateway.shutdown()
    if gateway.proc is not None:
        gateway.proc.stdin.close()
        gateway.proc.wait(JVM_EXIT_SECONDS)


def _first_lines(log: IO[bytes], count: int = 3) -> str:
    """What the JVM said first, on one line: why it stopped, for a one-line error."""
    log.seek(0)
    lines = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines()]
    return " / ".join([line for line in lines if line][:count])[:_MESSAGE_CHARS]


def read_on(
    context: SparkContext, root: Path, options: Options
) -> tuple[list[Article], list[Skipped]]:
    """Every file read by `read_file` on an executor, then gathered on the driver in file
    order, exactly as `read_corpus` does: the manifest's own problems come first."""
    manifest, skipped = read_manifest(root, options.max_file_bytes)
    files = [str(path) for path in corpus_files(root)]
    numbered = context.parallelize(list(enumerate(files)), _slices(context, len(files)))
    read = numbered.map(partial(_read_numbered, root=root, options=options)).collect()
    items = (item for _, found in sorted(read, key=itemgetter(0)) for item in found)
    articles, rejected = gather(items, manifest)
    return articles, [*skipped, *rejected]


def _read_numbered(
    numbered: tuple[int, str], root: Path, options: Options
) -> tuple[int, list[Article | Skipped]]:
    number, path = numbered
    return number, list(read_file(Path(path), root, options))


def _slices(context: SparkContext, items: int) -> int:
    wanted = -(-items // MIN_ITEMS_PER_TASK)
    return max(1, min(wanted, TASKS_PER_CORE * context.defaultParallelism))


def _partitions(rdd: RDD[object]) -> int:
    """Partitions of each shuffle: Spark's default parallelism (the core count locally, or
    `spark.default.parallelism`); left alone, PySpark's joins add up their inputs' partitions."""
    return rdd.context.defaultParallelism


def prepare_on(
    context: SparkContext, ordered: Sequence[Article], options: Options
) -> RDD[tuple[int, PreparedArticle]]:
    """Each article prepared on an executor, keyed by its number in article id order; kept
    (memory, then disk) because candidates, alignment and the driver all read it."""
    from pyspark import StorageLevel

    articles = context.parallelize(list(enumerate(ordered)), _slices(context, len(ordered)))
    repeated = context.broadcast(repeated_lines_on(articles.values(), options))
    settings = context.broadcast(options)
    prepared = articles.mapValues(partial(_prepare, repeated=repeated, options=settings))
    return prepared.persist(StorageLevel.MEMORY_AND_DISK)


def in_order(prepared: RDD[tuple[int, PreparedArticle]]) -> list[PreparedArticle]:
    """The prepared articles on the driver, in article id order (what `conclude` wants)."""
    return [p for _, p in sorted(prepared.collect(), key=itemgetter(0))]


def repeated_lines_on(articles: RDD[Article], options: Options) -> dict[str, frozenset[str]]:
    """`outlet_repeated_lines` for each outlet, over that outlet's articles alone (it looks at
    no other outlet's); articles without an outlet have none."""
    by_outlet = articles.filter(lambda a: bool(a.outlet)).groupBy(
        lambda a: a.outlet, _partitions(articles)
    )
    return dict(by_outlet.map(partial(_outlet_entry, options=options)).collect())


def _outlet_entry(
    group: tuple[str, Iterable[Article]], options: Options
) -> tuple[str, frozenset[str]]:
    outlet, articles = group
    found = outlet_repeated_lines(list(articles), options.furniture, options.reading)
    return outlet, found.get(outlet, frozenset())


def _prepare(
    article: Article, repeated: Broadcast[dict[str, frozenset[str]]], options: Broadcast[Options]
) -> PreparedArticle:
    return prepare_article(article, repeated.value.get(article.outlet, frozenset()), options.value)


def passage_offsets(prepared: Sequence[PreparedArticle]) -> list[int]:
    """Where each article's passages start among all passages in article id order: the
    positions `pairs_from_shingles` numbers passages by."""
    counts = [len(p.passages) for p in prepared]
    return [0, *np.cumsum(counts).tolist()][: len(prepared)]


def passage_table(
    prepared: RDD[tuple[int, PreparedArticle]], offsets: Broadcast[list[int]]
) -> RDD[Located]:
    """Every passage at its global position, with its article number and shingles."""
    return prepared.flatMap(partial(_locate, offsets=offsets))


def _locate(numbered: tuple[int, PreparedArticle], offsets: Broadcast[list[int]]) -> list[Located]:
    number, prepared = numbered
    start = offsets.value[number]
    return [
        (start + k, (number, passage, grams))
        for k, (passage, grams) in enumerate(zip(prepared.passages, prepared.shingles, strict=True))
    ]


def candidate_pairs(located: RDD[Located], options: Options) -> RDD[tuple[int, int]]:
    """Pairs (i < j) of passage positions with `shingles.pairs_from_shingles`'s semantics,
    as shuffles: postings grouped by shingle; a shingle counts when it is in 2 to
    `max_document_frequency` distinct articles; pairs from different articles sharing it are
    counted, and kept when they share `min_shared_shingles` (or all of the shorter passage's).

    Every posting of a shingle, over the cap or not, meets in one task before the cap is
    applied (a stock phrase's postings are many); unordered output.
    """
    partitions = _partitions(located)
    postings = located.flatMap(_postings)
    occurrences = postings.groupByKey(partitions).flatMap(partial(_shingle_pairs, options=options))
    counted = occurrences.reduceByKey(_add_counts, partitions)
    return counted.filter(partial(_shared_enough, options=options)).keys()


def _postings(located: Located) -> Iterator[tuple[int, tuple[int, int, int]]]:
    """(shingle, (passage position, article number, the passage's shingle count))."""
    position, (article, _, grams) = located
    for gram in grams.tolist():
        yield gram, (position, article, len(grams))


def _shingle_pairs(
    group: tuple[int, Iterable[tuple[int, int, int]]], options: Options
) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """((i, j), (1, the shorter passage's shingle count)) for each pair a counted shingle
    links."""
    postings = sorted(group[1])
    if not counted_shingle(len({article for _, article, _ in postings}), options):
        return
    for k, (i, article_i, size_i) in enumerate(postings):
        for j, article_j, size_j in postings[k + 1 :]:
            if article_i != article_j:
                yield (i, j), (1, min(size_i, size_j))


def _shared_enough(pair: tuple[tuple[int, int], tuple[int, int]], options: Options) -> bool:
    shared, smaller = pair[1]
    return bool(shared_enough(shared, smaller, options))


def _add_counts(first: tuple[int, int], second: tuple[int, int]) -> tuple[int, int]:
    return first[0] + second[0], first[1]


def align_on(pairs: RDD[tuple[int, int]], located: RDD[Located], options: Options) -> list[Match]:
    """Each candidate pair joined with its two passages (a join, not a broadcast of every
    passage, so no executor needs the whole corpus) and aligned on an executor."""
    passages = located.mapValues(itemgetter(1))
    partitions = _partitions(located)
    with_first = pairs.join(passages, partitions).map(lambda row: (row[1][0], row[1][1]))
    both = with_first.join(passages, partitions).values()
    return both.flatMap(partial(_align, options=options)).collect()


def _align(passages: tuple[Passage, Passage], options: Options) -> list[Match]:
    """The pair's match, or none: a list, so a flatMap drops the pairs that do not align."""
    match = align_pair(passages[0], passages[1], options)
    return [] if match is None else [match]
