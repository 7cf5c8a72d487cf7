"""The `attrib` command's shared parts: the app, the options several commands take, progress,
and turning library errors into one line. The commands are in `analysis` (run, add) and
`views` (show, summary, report, diff)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

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

from attrib.errors import (
    AttribError,
    OutputError,
    SkippedWhenStrict,
)
from attrib.models import Skipped
from attrib.options import Options
from attrib.output.safety import single_line
from attrib.pool import Track

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
# The views' settings matter only when they analyse a corpus again: a finished run or a store
# keeps the ones it was made with.
ViewAligner = Annotated[
    AlignerName | None,
    typer.Option("--aligner", help="With --corpus: the engine for word-level edits."),
]
ViewSimilarity = Annotated[
    str | None, typer.Option("--similarity", help="With --corpus: the score reported for a match.")
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
    # Any: which value goes to which field is known only by name, at run time; typer has
    # typed each, and Options checks what its types cannot (an aligner's name).
    plain: dict[str, Any] = {
        k: v.value if isinstance(v, StrEnum) else v for k, v in settings.items() if v is not None
    }
    try:
        return Options(**plain)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


def fail(error: AttribError, verbose: bool) -> NoReturn:
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
