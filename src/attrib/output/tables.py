"""CSV outputs: `articles.csv`, `passages.csv`, `skipped.csv` (as in the output contract) and
`changes.csv`.

Cells a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) are prefixed
with an apostrophe by default, as OWASP recommends for CSV injection; programs that read the
files can turn that off. Each file is written to a temporary file beside it and renamed into
place, so an interrupted run never leaves a half-written table over a good one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal, TextIO

from attrib.models import CorpusResult, Skipped
from attrib.output.files import open_atomic
from attrib.views.changes import ChangeFigures
from attrib.views.shares import ArticleChanges, ArticleShares, OutletShares, outlet_shares

CHANGE_COLUMNS = (
    "article_id",
    "reference_id",
    "kind",
    "words",
    "before",
    "after",
    "left_passage",
    "right_passage",
)
ARTICLE_COLUMNS = (
    *("article_id", "outlet", "published", "title", "words", "story_id", "credited_wires"),
    *("primary_origin", "origin_shares", "own_share", "kind", "path", "reference_id"),
    *("added_share", "dropped_share", "changed_share", "altered_quotes", "language"),
    *("duplicate_of", "outlet_source"),  # new columns go last: consumers read by position too
    "other_stories_share",
)
PASSAGE_COLUMNS = (
    "article_id",
    "passage_id",
    "start",
    "end",
    "text",
    "origin",
    "confidence",
    "evidence",
    "family_id",
    "matched_articles",
    "paragraph",
    "other_stories",
)
SKIPPED_COLUMNS = ("path", "reason")
OUTLET_COLUMNS = (
    *("outlet", "articles", "words", "wire_share", "wire_shares", "joint_share"),
    *("uncredited_wire_share", "own_share", "unknown_share", "other_stories_share"),
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float
# A cell as a table's JSON Lines file holds it (`json_value`).
JsonCell = Cell | dict[str, float] | None


def neutralise(cell: Cell) -> Cell:
    """A text cell that starts like a formula, prefixed so spreadsheets show it as text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


# C0 and C1 control characters but tab and newline: no news text means them, a CSV reader may
# refuse a NUL, and `cat articles.csv` would hand an ESC sequence to the terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(cell: Cell) -> Cell:
    return _CONTROLS.sub("", cell) if isinstance(cell, str) else cell


def write_csv(
    stream: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Cell]], neutralise_cells: bool
) -> None:
    """CSV with control characters removed, and formula-like cells neutralised if asked.
    (JSON Lines needs neither: `json.dumps` writes a control character as `\\u001b`.)"""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = [without_controls(c) for c in row]
        writer.writerow([neutralise(c) for c in cells] if neutralise_cells else cells)


def article_rows(
    summaries: Sequence[ArticleShares], result: CorpusResult
) -> Iterable[Sequence[Cell]]:
    for s in summaries:
        cleaned = result.article(s.article_id)
        yield (
            s.article_id,
            s.outlet,
            s.published,
            s.title,
            s.words,
            s.story_id,
            ";".join(s.credited_wires),
            s.primary_origin,
            ";".join(f"{origin}:{share:.2f}" for origin, share in s.origin_shares),
            f"{s.own_share:.2f}",
            s.kind,
            cleaned.article.path,
            s.reference_id,
            *change_cells(s.changes),
            cleaned.language,
            s.duplicate_of,
            s.outlet_source,
            f"{s.other_stories_share:.2f}",
        )


def outlet_rows(outlets: Sequence[OutletShares]) -> Iterable[Sequence[Cell]]:
    for o in outlets:
        yield (
            o.outlet,
            o.articles,
            o.words,
            f"{o.share(o.wire_total):.2f}",
            ";".join(f"{wire_name}:{o.share(words):.2f}" for wire_name, words in o.wire_words),
            f"{o.share(o.joint_words):.2f}",
            f"{o.share(o.uncredited_words):.2f}",
            f"{o.share(o.own_words):.2f}",
            f"{o.share(o.unknown_words):.2f}",
            f"{o.share(o.other_stories_words):.2f}",
        )


def change_cells(figures: ChangeFigures | None) -> tuple[Cell, ...]:
    """Shares as two-decimal text; empty for articles with no reference (the reference itself,
    or an article alone in its story)."""
    if figures is None:
        return ("", "", "", "")
    return (
        f"{figures.added_share:.2f}",
        f"{figures.dropped_share:.2f}",
        f"{figures.changed_share:.2f}",
        figures.altered_quotes,
    )


def change_rows(changed: Mapping[str, ArticleChanges]) -> Iterable[Sequence[Cell]]:
    for article_id in sorted(changed):
        for c in changed[article_id].changes:
            yield (
                c.article_id,
                c.reference_id,
                c.kind,
                c.words,
                c.before,
                c.after,
                c.left_passage,
                c.right_passage,
            )


def passage_rows(result: CorpusResult) -> Iterable[Sequence[Cell]]:
    by_id = result.passages_by_id
    matched_articles: dict[str, str] = {}
    for each in result.families:
        articles = sorted({by_id[pid].article_id for pid in each.passage_ids})
        for pid in each.passage_ids:
            mine = by_id[pid].article_id
            matched_articles[pid] = ";".join(a for a in articles if a != mine)
    for passage in result.passages:
        attribution = result.attributions[passage.passage_id]
        family = result.family_of.get(passage.passage_id)
        yield (
            passage.article_id,
            passage.passage_id,
            passage.start,
            passage.end,
            passage.text,
            attribution.origin,
            f"{attribution.confidence:.2f}",
            attribution.evidence,
            family.family_id if family else "",
            matched_articles.get(passage.passage_id, ""),
            passage.paragraph,
            ";".join(result.other_stories.get(passage.passage_id, ())),
        )


def skipped_rows(skipped: Sequence[Skipped]) -> Iterable[Sequence[Cell]]:
    return ((s.path, s.reason) for s in sorted(skipped, key=lambda s: (s.path, s.reason)))


TableFormat = Literal["csv", "jsonl"]
# Columns whose cells are numbers: JSON Lines gives them as numbers, CSV as fixed-point text.
# "origin:share;..." in a CSV cell; an object of origin to share in JSON Lines.
SHARE_COLUMNS = frozenset({"origin_shares", "wire_shares"})
NUMERIC_COLUMNS = frozenset(
    {
        *("words", "start", "end", "confidence", "paragraph", "articles", "altered_quotes"),
        *("own_share", "added_share", "dropped_share", "changed_share"),
        *("wire_share", "joint_share", "uncredited_wire_share", "unknown_share"),
        "other_stories_share",
    }
)


def write_tables(
    result: CorpusResult,
    summaries: Sequence[ArticleShares],
    changed: Mapping[str, ArticleChanges],
    out: Path,
    neutralise_cells: bool,
    formats: Sequence[TableFormat] = ("csv",),
) -> list[Path]:
    """Write every table in every format asked for and return their paths."""
    tables: dict[str, tuple[Sequence[str], Callable[[], Iterable[Sequence[Cell]]]]] = {
        "changes": (CHANGE_COLUMNS, lambda: change_rows(changed)),
        "articles": (ARTICLE_COLUMNS, lambda: article_rows(summaries, result)),
        "passages": (PASSAGE_COLUMNS, lambda: passage_rows(result)),
        "skipped": (SKIPPED_COLUMNS, lambda: skipped_rows(result.skipped)),
        "outlets": (OUTLET_COLUMNS, lambda: outlet_rows(outlet_shares(summaries))),
    }
    written = []
    for name, (columns, rows) in tables.items():
        for table_format in formats:
            path = out / f"{name}.{table_format}"
            with open_atomic(path) as stream:
                text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
                if table_format == "csv":
                    write_csv(text, columns, rows(), neutralise_cells)
                else:
                    write_jsonl(text, columns, rows())
                text.flush()
                text.detach()
            written.append(path)
    return written


def write_jsonl(stream: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """One JSON object a line, keys in column order. Nothing is neutralised: JSON is read by
    programs, not spreadsheets, and a string stays a string."""
    for record in json_records(columns, rows):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def json_records(
    columns: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> Iterator[dict[str, JsonCell]]:
    """A table's rows as the objects its JSON Lines file holds (`json_value` per cell)."""
    for row in rows:
        yield {c: json_value(c, cell) for c, cell in zip(columns, row, strict=True)}


def json_value(column: str, cell: Cell) -> JsonCell:
    """A numeric column's text as its number (empty is null), a shares column's as an object
    in the same order (`{"Reuters": 0.54, "AFP": 0.46}`); other cells as they are."""
    if column in SHARE_COLUMNS and isinstance(cell, str):
        pairs = (item.rpartition(":") for item in cell.split(";") if item)
        return {origin: float(share) for origin, _, share in pairs}
    if column not in NUMERIC_COLUMNS or not isinstance(cell, str):
        return cell
    if not cell:
        return None
    return float(cell) if "." in cell else int(cell)
