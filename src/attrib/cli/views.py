"""The views of a finished run: `show`, `summary`, `report` and `diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from attrib.cli.main import (
    Aligner,
    AlignerName,
    Json,
    NoColor,
    Out,
    Pager,
    Paper,
    PaperSize,
    RunCorpus,
    RunOut,
    RunStore,
    Shape,
    Verbose,
    ViewAligner,
    ViewSimilarity,
    Workers,
    app,
    build_options,
    count_of,
    err_console,
    fail,
    print_failures,
    progress,
    written_error,
)
from attrib.engines.store.result import read_result
from attrib.errors import (
    ArticleNotFound,
    AttribError,
    RunNotFound,
)
from attrib.models import RESULT_NAME, CorpusResult
from attrib.output.files import check_out
from attrib.output.fit import print_table, to_tsv
from attrib.output.records import article_record, json_text, outlet_records
from attrib.output.terminal import (
    outlet_sheet,
    print_paged,
    render_article,
    render_diff,
    system_pager,
)
from attrib.views.compare import compare
from attrib.views.shares import corpus_shares, outlet_shares


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
    aligner: ViewAligner = None,
    similarity: ViewSimilarity = None,
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
    aligner: ViewAligner = None,
    similarity: ViewSimilarity = None,
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
    outlets = outlet_shares(corpus_shares(result, {}))
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
    aligner: ViewAligner = None,
    similarity: ViewSimilarity = None,
    out: Out = Path("reports"),
    paper: PaperSize = Paper.a4,
    workers: Workers = 0,
    verbose: Verbose = False,
) -> None:
    """Write PDF reports from a corpus or a store: the stories and articles named, or every
    story. Only those PDFs are written; the tables stay as `attrib run` left them."""
    from attrib.output.reports import requested_reports, write_pdf_reports

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
    aligner: AlignerName | None,
    similarity: str | None,
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
        if not typed.is_file():
            raise ArticleNotFound(asked)
        from attrib.engines.local import article_read_from

        found = article_read_from(result, typed, build_options())
        if found is not None:
            return result, found
    from attrib.engines.local import analyse_file

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
    if corpus is None and any(settings.get(k) is not None for k in ("aligner", "similarity")):
        raise typer.BadParameter(
            "--aligner and --similarity apply with --corpus: a finished run or a store "
            "keeps the settings it was made with"
        )
    if corpus is not None:
        from attrib.engines.local import run_corpus

        return run_corpus(corpus, options)
    if store is not None:
        return read_result(store, options)
    kept = out / RESULT_NAME
    if not kept.is_file():
        raise RunNotFound(str(out))
    return read_result(kept, options)


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
            from attrib.engines.local import compare_two

            result, left, right = compare_two(first, second, options, corpus)
    except AttribError as error:
        fail(error, verbose)
    comparison = compare(result, left, right)
    print_paged(
        lambda console: render_diff(comparison, result, console, side_by_side=side_by_side),
        Console(no_color=no_color or None, highlight=False),
        system_pager if pager else None,
    )
