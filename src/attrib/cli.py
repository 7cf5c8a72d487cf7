"""The `attrib` command: parses options, calls the library, turns library errors into one line.

Nothing here computes anything; see `attrib.pipeline` and `attrib.reports`. The engines and
the report writers are imported by the commands that use them: a view that reads a finished
run (`show`, `summary`) then starts without loading HTML parsing, PDF layout or Spark.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from attrib.compare import compare
from attrib.errors import (
    ArticleNotFound,
    AttribError,
    OutputError,
    RunNotFound,
    SkippedWhenStrict,
)
from attrib.files import check_out
from attrib.models import CorpusResult, Skipped
from attrib.options import Options
from attrib.pool import Track, no_progress
from attrib.render.fit import print_table, to_tsv
from attrib.render.records import article_record, json_text, outlet_records
from attrib.render.safety import single_line
from attrib.render.terminal import (
    outlet_sheet,
    print_paged,
    render_article,
    render_diff,
    render_summary,
    system_pager,
)
from attrib.store.result import RESULT_NAME, read_result
from attrib.summary import summarise, summarise_outlets

if TYPE_CHECKING:
    from attrib.reports import ReportFiles

T = TypeVar("T")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    # Click's plain help: rich's boxed panels squeeze each description into a narrow third
    # column at 80 columns, behind type names (`<bool>`) that say less than the option does.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Verbose = Annotated[bool, typer.Option("--verbose", help="Show tracebacks on errors.")]
NoColor = Annotated[bool, typer.Option("--no-color", help="Plain text, no colours.")]
Pager = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="In a terminal, page output taller than the screen ($MANPAGER, $PAGER or less).",
    ),
]
Out = Annotated[Path, typer.Option("--out", "-o", help="Folder for reports.")]
# Where `show`, `summary`, `report` and `diff` find a finished run: by default the result
# `attrib run` kept in its --out folder; or its corpus, analysed again with the options given
# (the same as the run's, so the same stories); or its store, read with its own settings.
RunOut = Annotated[
    Path,
    typer.Option("--out", "-o", help="The folder `attrib run` wrote; its result is read."),
]
RunCorpus = Annotated[
    Path | None,
    typer.Option("--corpus", help="Or the corpus folder, analysed again (slower)."),
]
RunStore = Annotated[
    Path | None, typer.Option("--store", help="Or the store it was made on, with its settings.")
]


class AlignerName(StrEnum):
    """The engines that compute word-level edits (`Options.aligner`)."""

    rapidfuzz = "rapidfuzz"
    difflib = "difflib"


Aligner = Annotated[
    AlignerName, typer.Option(help="Engine for word-level edits: rapidfuzz (fast) or difflib.")
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No table, no progress; errors still go to stderr."),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for programs instead.")]


class TableFormat(StrEnum):
    """What the tables are written as: CSV for spreadsheets and R, JSON Lines for programs."""

    csv = "csv"
    jsonl = "jsonl"


class Shape(StrEnum):
    """How a view prints its table: for a person (fitted to the terminal) or for a program."""

    table = "table"
    tsv = "tsv"


class Paper(StrEnum):
    """The story PDFs' page size."""

    a4 = "a4"
    letter = "letter"


class Engine(StrEnum):
    """Where `attrib run` computes: this machine's cores, or Spark (the same CSV either way)."""

    local = "local"
    spark = "spark"


def print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"attrib {metadata.version('attrib')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print attrib's version and exit.",
            is_eager=True,
            callback=print_version,
        ),
    ] = False,
) -> None:
    """Trace news copy back to the wire: align passages across outlets, attribute each to its
    origin agency, and show what each outlet added, dropped or changed."""


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def progress(console: Console) -> Track:
    """A progress bar per stage on a terminal, with counts and time left; nothing when piped."""

    def track(
        items: Iterable[T], description: str, total: int, sizes: Sequence[int] | None = None
    ) -> Iterator[T]:
        if not console.is_terminal:
            yield from items
            return
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task(description, total=total)
            for n, item in enumerate(items):
                yield item
                bar.advance(task, sizes[n] if sizes is not None else 1)

    return track


def build_options(**settings: object) -> Options:
    """The one place command-line values become `Options` (a choice as its plain value, which
    a store records); a bad value is a usage error."""
    plain = {k: v.value if isinstance(v, StrEnum) else v for k, v in settings.items()}
    try:
        return Options(**plain)  # type: ignore[arg-type]
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def fail(error: AttribError, verbose: bool) -> None:
    if verbose:
        raise error
    if isinstance(error, SkippedWhenStrict):
        print_skipped(error.skipped)
    err_console().print(f"Error: {single_line(str(error))}", markup=False)
    raise typer.Exit(1)


PaperSize = Annotated[Paper, typer.Option(help="PDF page size: a4 or letter.")]
Store = Annotated[
    Path | None,
    typer.Option(
        help="Incremental store (one SQLite file): `attrib add` indexes articles into it, "
        "`attrib run --store` reports on everything it holds."
    ),
]
Workers = Annotated[int, typer.Option(help="Worker processes; 0 means one per core.")]
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Stop, writing nothing, if any file or record cannot be read."),
]
Similarity = Annotated[
    str,
    typer.Option(
        help="Score reported for a match: containment, or a textdistance "
        "measure such as jaccard or sorensen_dice."
    ),
]


@app.command(short_help="Analyse a corpus (or a store) and write the reports.")
def run(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of articles (.txt, .html, .htm, .jsonl, .warc.gz). With --store, "
            "added to the store first; without CORPUS, the store alone is reported on."
        ),
    ] = None,
    out: Out = Path("reports"),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Write story PDFs.")] = True,
    html: Annotated[
        bool, typer.Option("--html/--no-html", help="Write index.html and a page per story.")
    ] = True,
    neutralise: Annotated[
        bool,
        typer.Option(
            "--neutralise/--no-neutralise",
            help="Prefix formula-like CSV cells with ' (on by default).",
        ),
    ] = True,
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    workers: Workers = 0,
    engine: Annotated[
        Engine,
        typer.Option(
            help="local: processes on this machine; spark: Spark jobs (needs pyspark "
            "and Java 17). The CSV is the same."
        ),
    ] = Engine.local,
    spark_master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark, such as local[2].")
    ] = "local[*]",
    store: Store = None,
    table_format: Annotated[
        list[TableFormat],
        typer.Option(
            "--format",
            metavar="<csv|jsonl>",
            help="Table format, csv or jsonl; give it twice for both.",
        ),
    ] = [TableFormat.csv],  # noqa: B006 (typer reads the default, never mutates it)
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
        result = computed(corpus, store, engine, spark_master, options, track)
    except AttribError as error:
        fail(error, verbose)
        return
    if not result.articles:
        err_console().print("Error: no article could be read; nothing written", markup=False)
        raise typer.Exit(1)
    from attrib.reports import long_reports, write_reports

    if pdf and not quiet:
        for story_id, articles, pages in long_reports(result):
            err_console().print(
                f"note: story {story_id} has {articles} articles; its PDF will run to about "
                f"{pages} pages and take a while (--no-pdf leaves PDFs out)",
                markup=False,
            )
    try:
        files, summaries = write_reports(
            result,
            out,
            neutralise_cells=options.neutralise_csv,
            pdf=pdf,
            track=track,
            # Not beside Spark's gateway threads: forking there is unsafe.
            workers=1 if engine is Engine.spark else options.workers,
            formats=[f.value for f in dict.fromkeys(table_format)],
            paper=paper.value,
            options=options,
            html=html,
        )
    except (AttribError, OSError) as error:
        fail(written_error(out, error), verbose)
        return
    print_failures(files.failures)
    if not quiet:
        console = Console()
        render_summary(summaries, console)
        console.print(closing_line(result, files, out), markup=False, highlight=False)


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
    from attrib.pipeline import run_corpus
    from attrib.spark import run_spark
    from attrib.store.addition import add_corpus
    from attrib.store.result import conclude_store

    if store is not None:
        if corpus is not None:
            print_skipped(add_corpus(store, corpus, options, track).skipped)
        return conclude_store(store, options)
    assert corpus is not None  # check_run_arguments
    if engine is Engine.spark:
        result = run_spark(corpus, options, spark_master, track)
    else:
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
    from attrib.store.addition import add_corpus

    try:
        addition = add_corpus(
            store, corpus, options, no_progress if quiet else progress(err_console())
        )
    except AttribError as error:
        fail(error, verbose)
        return
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


@app.command(short_help="Print one article, each passage with its origin.")
def show(
    article: Annotated[
        str,
        typer.Argument(
            help="The article's id, or its file: as the run read it, else analysed alone."
        ),
    ],
    out: RunOut = Path("reports"),
    corpus: RunCorpus = None,
    store: RunStore = None,
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    json: Json = False,
    no_color: NoColor = False,
    pager: Pager = True,
    verbose: Verbose = False,
) -> None:
    """Print ARTICLE with each passage marked by its origin, confidence and evidence."""
    try:
        result, article = shown_article(article, corpus, store, out, aligner, similarity)
    except AttribError as error:
        fail(error, verbose)
        return
    if json:
        print_json(article_record(result, article))
        return
    print_paged(
        lambda console: render_article(result, article, console),
        Console(no_color=no_color or None, highlight=False),
        system_pager if pager else None,
    )


@app.command(short_help="Print the per-outlet table of a finished run.")
def summary(
    out: RunOut = Path("reports"),
    corpus: RunCorpus = None,
    store: RunStore = None,
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    shape: Annotated[
        Shape,
        typer.Option("--format", help="table: fitted to the terminal, full rows when piped; tsv."),
    ] = Shape.table,
    json: Json = False,
    verbose: Verbose = False,
) -> None:
    """Print the per-outlet table: each outlet's wire share, by wire, and how much of it went
    out uncredited."""
    try:
        result = analysed(corpus, store, out, aligner=aligner, similarity=similarity)
    except AttribError as error:
        fail(error, verbose)
        return
    outlets = summarise_outlets(summarise(result, {}))
    if json:
        print_json(outlet_records(outlets))
        return
    sheet = outlet_sheet(outlets)
    if shape is Shape.tsv:
        sys.stdout.write(to_tsv(sheet))
    else:
        print_table(sheet, Console(highlight=False))


@app.command(short_help="Write PDFs for the stories or articles named.")
def report(
    story: Annotated[
        list[str],
        typer.Option("--story", help="A story id, as articles.csv gives it; repeat for more."),
    ] = [],  # noqa: B006 (typer reads the default, never mutates it)
    article: Annotated[
        list[str],
        typer.Option(
            "--article",
            help="An article id: the story's first page and this article's comparison alone.",
        ),
    ] = [],  # noqa: B006
    corpus: RunCorpus = None,
    store: RunStore = None,
    aligner: Aligner = AlignerName.rapidfuzz,
    similarity: Similarity = "containment",
    out: Out = Path("reports"),
    paper: PaperSize = Paper.a4,
    workers: Workers = 0,
    verbose: Verbose = False,
) -> None:
    """Write PDF reports from a corpus or a store: the stories and articles named, or every
    story. Only those PDFs are written; the tables stay as `attrib run` left them."""
    from attrib.reports import requested_reports, write_pdf_reports

    errors = err_console()
    try:
        check_out(out)
        result = analysed(
            corpus, store, out, aligner=aligner, similarity=similarity, workers=workers
        )
        asked = requested_reports(result, story, article)
        files = write_pdf_reports(
            result, asked, out, paper=paper.value, workers=workers, track=progress(errors)
        )
    except (AttribError, OSError) as error:
        fail(written_error(out, error), verbose)
        return
    print_failures(files.failures)
    Console(soft_wrap=True).print(
        f"wrote {count_of(len(files.pdfs), 'report', 'reports')} to {out}/: "
        + ", ".join(path.name for path in files.pdfs[:5])
        + (f" and {len(files.pdfs) - 5} more" if len(files.pdfs) > 5 else ""),
        markup=False,
        highlight=False,
    )
    if files.failures and not files.pdfs:
        raise typer.Exit(1)


def shown_article(
    asked: str,
    corpus: Path | None,
    store: Path | None,
    out: Path,
    aligner: AlignerName,
    similarity: str,
) -> tuple[CorpusResult, str]:
    """The run and the id of the article `attrib show` was asked for: an id of the run, or the
    file the run read it from; a file the run did not read is analysed alone, as `diff` does."""
    typed = Path(asked)
    try:
        result = analysed(corpus, store, out, aligner=aligner, similarity=similarity)
    except RunNotFound:
        if not typed.is_file():
            raise
    else:
        if asked in {a.article_id for a in result.articles}:
            return result, asked
        found = result.article_at(asked) if typed.is_file() else None
        if found is not None:
            return result, found
        if not typed.is_file():
            raise ArticleNotFound(asked)
    from attrib.pipeline import analyse_file

    return analyse_file(typed, build_options(aligner=aligner, similarity=similarity))


def print_json(value: object) -> None:
    """JSON for programs: article text as it is (escaped by JSON, never by a terminal)."""
    sys.stdout.write(json_text(value))


def analysed(
    corpus: Path | None, store: Path | None, out: Path, **settings: object
) -> CorpusResult:
    """The finished run the views read: by default the result `attrib run` kept in its output
    folder (no corpus needed); or the run over a corpus folder again (with `settings`); or a
    store's kept conclusion (with the store's own settings)."""
    options = build_options(**settings)
    if corpus is not None and store is not None:
        raise typer.BadParameter("give a --corpus folder or a --store, not both")
    if corpus is not None:
        from attrib.pipeline import run_corpus

        return run_corpus(corpus, options)
    if store is not None:
        return read_result(store, options)
    kept = out / RESULT_NAME
    if not kept.is_file():
        raise RunNotFound(str(out))
    return read_result(kept, options)


def written_error(out: Path, error: AttribError | OSError) -> AttribError:
    """A write that failed part-way (a full disk, a folder made read-only), as one line."""
    if isinstance(error, AttribError):
        return error
    return OutputError(str(out), f"cannot write the reports ({error.strerror or error})")


def print_failures(failures: Iterable[tuple[str, str]]) -> None:
    errors = err_console()
    for name, reason in failures:
        errors.print(single_line(f"report {name} not written: {reason}"), markup=False)


def print_skipped(skipped: Iterable[Skipped]) -> None:
    errors = err_console()
    for item in skipped:
        errors.print(single_line(f"skipped {item.path}: {item.reason}"), markup=False)


def count_of(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@app.command(short_help="Show what one article changed against another.")
def diff(
    first: Annotated[
        str, typer.Argument(help="An article file, or an article id of the run at --out.")
    ],
    second: Annotated[str, typer.Argument(help="The article to set against the first.")],
    out: RunOut = Path("reports"),
    corpus: Annotated[
        Path | None, typer.Option(help="Read FIRST and SECOND as article ids in this corpus.")
    ] = None,
    side_by_side: Annotated[
        bool | None,
        typer.Option(
            "--side-by-side/--inline",
            help="Layout; by default side by side when the terminal is wide enough.",
        ),
    ] = None,
    no_color: NoColor = False,
    pager: Pager = True,
    aligner: Aligner = AlignerName.rapidfuzz,
    verbose: Verbose = False,
) -> None:
    """Show what SECOND added, dropped and changed against FIRST, word by word."""
    options = build_options(aligner=aligner)
    try:
        if corpus is None and not (Path(first).is_file() or Path(second).is_file()):
            result, left, right = analysed(None, None, out), first, second
            known = {a.article_id for a in result.articles}
            for article_id in (first, second):
                if article_id not in known:
                    raise ArticleNotFound(article_id)
        else:
            from attrib.pipeline import compare_two

            result, left, right = compare_two(first, second, options, corpus)
    except AttribError as error:
        fail(error, verbose)
        return
    comparison = compare(result, left, right)
    print_paged(
        lambda console: render_diff(comparison, result, console, side_by_side=side_by_side),
        Console(no_color=no_color or None, highlight=False),
        system_pager if pager else None,
    )
