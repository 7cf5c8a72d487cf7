"""`attrib run` and `attrib add`: analyse a corpus or a store and write the reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from attrib.cli.main import (
    Aligner,
    AlignerName,
    Engine,
    Out,
    Paper,
    PaperSize,
    Quiet,
    Similarity,
    Store,
    Strict,
    TableFormat,
    Verbose,
    Workers,
    app,
    build_options,
    count_of,
    err_console,
    fail,
    print_failures,
    print_skipped,
    progress,
    written_error,
)
from attrib.errors import AttribError
from attrib.models import CorpusResult
from attrib.options import Options
from attrib.output.files import check_out, check_result_target
from attrib.output.terminal import render_summary
from attrib.pool import Track, no_progress

if TYPE_CHECKING:
    from attrib.output.pdf import Paper as PaperName
    from attrib.output.reports import ReportFiles
    from attrib.output.tables import TableFormat as TableKind
    from attrib.views.shares import ArticleShares


CorpusToRun = Annotated[
    Path | None,
    typer.Argument(
        metavar="CORPUS",
        help="Folder of articles (.txt, .html, .htm, .jsonl, .warc, .warc.gz). With --store, "
        "added to the store first; without CORPUS, the store alone is reported on.",
    ),
]
Pdf = Annotated[bool, typer.Option("--pdf/--no-pdf", help="Write story PDFs.")]
Html = Annotated[
    bool, typer.Option("--html/--no-html", help="Write index.html and a page per story.")
]
Neutralise = Annotated[
    bool,
    typer.Option("--neutralise/--no-neutralise", help="Prefix formula-like CSV cells with '."),
]
EngineChoice = Annotated[
    Engine,
    typer.Option(
        help="local: processes on this machine; spark: Spark jobs (needs pyspark and Java 17). "
        "The CSV is the same."
    ),
]
SparkMaster = Annotated[
    str, typer.Option(help="Spark master URL for --engine spark, such as local[2].")
]
Formats = Annotated[
    list[TableFormat],
    typer.Option(
        "--format",
        metavar="<csv|jsonl>",
        help="Table format, csv or jsonl; give it twice for both.",
    ),
]


@app.command(short_help="Analyse a corpus (or a store) and write the reports.")
def run(
    corpus: CorpusToRun = None,
    out: Out = Path("reports"),
    pdf: Pdf = True,
    html: Html = True,
    neutralise: Neutralise = True,
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    workers: Workers = 0,
    engine: EngineChoice = Engine.local,
    spark_master: SparkMaster = "local[*]",
    store: Store = None,
    table_format: Formats = [TableFormat.csv],  # noqa: B006 (typer reads, never mutates it)
    paper: PaperSize = Paper.a4,
    strict: Strict = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Align, attribute and report on every article of CORPUS (or of the store)."""
    options = build_options(
        aligner=aligner,
        neutralise_csv=neutralise,
        similarity=similarity,
        workers=workers,
        strict=strict,
    )
    check_run_arguments(corpus, store, out, engine)
    track = no_progress if quiet else progress(err_console())
    try:
        check_out(out)
        check_result_target(out)
        result = computed(corpus, store, engine, spark_master, options, track)
    except AttribError as error:
        fail(error, verbose)
    if not result.articles:
        err_console().print("Error: no article could be read; nothing written", markup=False)
        raise typer.Exit(1)
    if pdf and not quiet:
        warn_long_reports(result)
    request = RunOutputs(
        pdf=pdf,
        html=html,
        # Not beside Spark's gateway threads: forking there is unsafe.
        workers=1 if engine is Engine.spark else options.workers,
        formats=[f.value for f in dict.fromkeys(table_format)],
        paper=paper.value,
    )
    files, summaries = written(result, out, options, request, track, verbose)
    print_failures(files.failures)
    if not quiet:
        console = Console()
        render_summary(summaries, console)
        console.print(closing_line(result, files, out), markup=False, highlight=False)


@dataclass(frozen=True)
class RunOutputs:
    """What `attrib run` was asked to write besides the tables."""

    pdf: bool
    html: bool
    workers: int
    formats: list[TableKind]
    paper: PaperName


def written(
    result: CorpusResult,
    out: Path,
    options: Options,
    request: RunOutputs,
    track: Track,
    verbose: bool,
) -> tuple[ReportFiles, tuple[ArticleShares, ...]]:
    """The run's files in `out`, or the reason they could not be written, naming `out`."""
    from attrib.output.reports import write_reports

    try:
        return write_reports(
            result,
            out,
            neutralise_cells=options.neutralise_csv,
            pdf=request.pdf,
            track=track,
            workers=request.workers,
            formats=request.formats,
            paper=request.paper,
            options=options,
            html=request.html,
        )
    except (AttribError, OSError) as error:
        fail(written_error(out, error), verbose)


def warn_long_reports(result: CorpusResult) -> None:
    from attrib.output.reports import long_reports

    for story_id, articles, pages in long_reports(result):
        err_console().print(
            f"note: story {story_id} has {articles} articles; its PDF will run to about "
            f"{pages} pages and take a while (--no-pdf leaves PDFs out)",
            markup=False,
        )


def check_run_arguments(corpus: Path | None, store: Path | None, out: Path, engine: Engine) -> None:
    if corpus is None and store is None:
        raise typer.BadParameter("give a CORPUS folder, or --store to report on a store")
    if store is not None and engine is Engine.spark:
        raise typer.BadParameter("--store runs on the local engine; leave out --engine spark")
    if corpus is not None and corpus.resolve() == out.resolve():
        raise typer.BadParameter("--out must not be CORPUS itself; a folder inside it will do")


def computed(
    corpus: Path | None,
    store: Path | None,
    engine: Engine,
    spark_master: str,
    options: Options,
    track: Track,
) -> CorpusResult:
    """The run's result on the engine asked for, telling the user what was skipped."""
    if store is not None:
        from attrib.engines.store.addition import add_corpus
        from attrib.engines.store.result import conclude_store

        if corpus is not None:
            print_skipped(add_corpus(store, corpus, options, track).skipped)
        return conclude_store(store, options)
    assert corpus is not None  # check_run_arguments
    if engine is Engine.spark:
        from attrib.engines.spark import run_spark

        result = run_spark(corpus, options, spark_master, track)
    else:
        from attrib.engines.local import run_corpus

        result = run_corpus(corpus, options, track)
    print_skipped(result.skipped)
    return result


def closing_line(result: CorpusResult, files: ReportFiles, out: Path) -> str:
    written = [*files.tables, *files.pdfs, *files.pages, *([files.result] if files.result else [])]
    counts = ", ".join(
        count_of(len(items), *nouns)
        for items, nouns in (
            (result.articles, ("article", "articles")),
            (result.passages, ("passage", "passages")),
            (result.matches, ("match", "matches")),
            (result.stories, ("story", "stories")),
        )
    )
    skipped = f"; skipped {len(result.skipped)} (see above)" if result.skipped else ""
    return f"{counts}; wrote {count_of(len(written), 'file', 'files')} to {out}/{skipped}"


@app.command(short_help="Index a corpus into an incremental store.")
def add(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles to add to the store.")],
    store: Annotated[
        Path, typer.Option(help="The store (one SQLite file), created if missing.")
    ] = Path("attrib.db"),
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    workers: Workers = 0,
    strict: Strict = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Index CORPUS into the store, aligning only what is new; then `attrib run --store`."""
    options = build_options(aligner=aligner, similarity=similarity, workers=workers, strict=strict)
    from attrib.engines.store.addition import add_corpus

    try:
        addition = add_corpus(
            store, corpus, options, no_progress if quiet else progress(err_console())
        )
    except AttribError as error:
        fail(error, verbose)
    print_skipped(addition.skipped)
    if quiet:
        return
    Console(soft_wrap=True).print(
        f"{store}: {count_of(addition.added, 'article', 'articles')} added, "
        f"{addition.replaced} replaced, {addition.unchanged} unchanged, "
        f"{addition.prepared_again} prepared again; "
        f"{count_of(addition.pairs_aligned, 'pair', 'pairs')} aligned, "
        f"{addition.matches_found} matches found, {addition.matches_dropped} dropped",
        markup=False,
        highlight=False,
    )
