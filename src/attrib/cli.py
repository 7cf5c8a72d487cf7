"""The `attrib` command: parses options, calls the library, turns library errors into one line.

Nothing here computes anything; see `attrib.pipeline` and `attrib.reports`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import track as rich_track

from attrib.compare import compare
from attrib.errors import ArticleNotFound, AttribError, UnreadableArticle
from attrib.ingest import read_file
from attrib.models import Article, Skipped
from attrib.options import Options
from attrib.pipeline import analyse, run_corpus
from attrib.render.terminal import render_diff, render_summary, strip_control
from attrib.reports import write_reports

T = TypeVar("T")

app = typer.Typer(
    help="Trace news copy back to the wire: align passages across outlets, attribute each to "
    "its origin agency, and show what each outlet added, dropped or changed.",
    no_args_is_help=True,
    add_completion=False,
)

Verbose = Annotated[bool, typer.Option("--verbose", help="Show tracebacks on errors.")]
NoColor = Annotated[bool, typer.Option("--no-color", help="Plain text, no colours.")]
Aligner = Annotated[
    str, typer.Option(help="Engine for word-level edits: rapidfuzz (fast) or difflib.")
]


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def progress(console: Console):
    def track(items: Iterable[T], description: str, total: int) -> Iterable[T]:
        return rich_track(
            items, description=description, total=total, console=console, transient=True,
            disable=not console.is_terminal,
        )

    return track


def fail(error: AttribError, verbose: bool) -> None:
    if verbose:
        raise error
    err_console().print(f"Error: {strip_control(str(error))}", markup=False)
    raise typer.Exit(1)


@app.command()
def run(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles (.txt, .html, .htm, .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for reports.")] = Path(
        "reports"
    ),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Write story PDFs.")] = True,
    neutralise: Annotated[
        bool,
        typer.Option("--neutralise/--no-neutralise",
                     help="Prefix formula-like CSV cells with ' (on by default)."),
    ] = True,
    aligner: Aligner = "rapidfuzz",
    similarity: Annotated[
        str,
        typer.Option(help="Score reported for a match: containment, or a textdistance "
                          "measure such as jaccard or sorensen_dice."),
    ] = "containment",
    verbose: Verbose = False,
) -> None:
    """Align, attribute and report on every article of CORPUS."""
    errors = err_console()
    try:
        options = Options(  # type: ignore[arg-type]
            aligner=aligner, neutralise_csv=neutralise, similarity=similarity
        )
        result = run_corpus(corpus, options, progress(errors))
    except AttribError as error:
        fail(error, verbose)
        return
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    for skipped in result.skipped:
        errors.print(f"skipped {strip_control(skipped.path)}: {skipped.reason}", markup=False)
    if not result.articles:
        errors.print("Error: no article could be read; nothing written", markup=False)
        raise typer.Exit(1)
    files, summaries = write_reports(
        result, out, neutralise_cells=options.neutralise_csv, pdf=pdf, track=progress(errors)
    )
    for name, reason in files.failures:
        errors.print(f"report {name} not written: {strip_control(reason)}", markup=False)
    console = Console()
    render_summary(summaries, console)
    written = [*files.tables, *files.pdfs]
    counts = ", ".join(
        count_of(len(items), *nouns)
        for items, nouns in (
            (result.articles, ("article", "articles")),
            (result.passages, ("passage", "passages")),
            (result.matches, ("match", "matches")),
            (result.stories, ("story", "stories")),
        )
    )
    console.print(
        f"{counts}; wrote {count_of(len(written), 'file', 'files')} to {out}/",
        markup=False, highlight=False,
    )


def count_of(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _load_article(path: Path, options: Options) -> Article:
    """The one article in a file given to `diff`, or an error naming the path as typed."""
    if path.is_dir():
        raise UnreadableArticle(str(path), "is a folder; give a file, or ids with --corpus")
    if not path.is_file():
        raise UnreadableArticle(str(path), "no such file")
    found = list(read_file(path, path.parent, options))
    for item in found:
        if isinstance(item, Skipped):
            raise UnreadableArticle(str(path), item.reason)
    if len(found) != 1:
        raise UnreadableArticle(
            str(path), f"holds {len(found)} articles; give their ids with --corpus"
        )
    return found[0]  # type: ignore[return-value]


@app.command()
def diff(
    first: Annotated[str, typer.Argument(help="An article file, or an id with --corpus.")],
    second: Annotated[str, typer.Argument(help="The article to set against the first.")],
    corpus: Annotated[
        Path | None, typer.Option(help="Read FIRST and SECOND as article ids in this corpus.")
    ] = None,
    side_by_side: Annotated[
        bool | None,
        typer.Option("--side-by-side/--inline",
                     help="Layout; by default side by side when the terminal is wide enough."),
    ] = None,
    no_color: NoColor = False,
    aligner: Aligner = "rapidfuzz",
    verbose: Verbose = False,
) -> None:
    """Show what SECOND added, dropped and changed against FIRST, word by word."""
    options = Options(aligner=aligner)  # type: ignore[arg-type]
    try:
        if corpus is not None:
            result = run_corpus(corpus, options)
            known = {a.article_id for a in result.articles}
            for article_id in (first, second):
                if article_id not in known:
                    raise ArticleNotFound(article_id)
            left, right = first, second
        else:
            a = _load_article(Path(first), options)
            b = _load_article(Path(second), options)
            if a.article_id == b.article_id:
                b = replace(b, article_id=f"{b.article_id} (2)")
            result = analyse([a, b], options)
            left, right = a.article_id, b.article_id
    except AttribError as error:
        fail(error, verbose)
        return
    console = Console(no_color=no_color or None, highlight=False)
    render_diff(compare(result, left, right), result, console, side_by_side=side_by_side)

