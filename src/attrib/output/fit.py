"""Tables that fit: one set of rows, laid out for a terminal, for a pipe, or as TSV.

Public API:
    ColumnSpec(header, justify, shorten_to): how a column may give way when space runs out.
    Sheet(title, columns, rows, drop_first): the rows of a table, cleaned, in one place.
    fit_widths(natural, floors, drop_first, width, measure) -> dict: which columns, how wide.
    sheet_table(sheet, widths=None) -> Table: the rich table, whole or at chosen widths.
    fitted_table(sheet, console, width=None) -> Table: the table cut down to a console width.
    natural_width(renderable, console) -> int: how wide it is when nothing constrains it.
    print_table(sheet, console): fitted on a terminal, whole rows when piped.
    to_tsv(sheet) -> str: the same rows, tab-separated, for scripts and spreadsheets.

A table that folds its cells is hard to read and impossible to grep: an article id broken
over three lines ("000_0e6a" / "eb84361e" / "53cd") matches nothing. So no cell here ever
wraps. On a terminal, text columns (headline, outlet, credits) are first cut short with an
ellipsis, down to the width their `ColumnSpec` allows; if the table is still too wide, whole
columns go, least important first, as the sheet's `drop_first` lists them. Ids, dates and
figures are never cut: a cut id names nothing and a cut figure misleads ("Reuters 2…" for
23%), so such a column is shown whole or not at all. Piped output is not a screen: it gets
every column at full width, so a file or a grep holds the full rows.

Cells are cleaned once, when the `Sheet` is built (control characters out, tabs and line
breaks to spaces), so the terminal table and the TSV show the same text and a headline with
a newline cannot split a row of either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from attrib.output.safety import strip_control

Justify = Literal["left", "right"]

#: Wide enough for any table we print: the width a whole table is measured at.
_UNBOUNDED = 1_000_000


def one_line(text: str) -> str:
    """A cell as it may be printed: no control characters, tabs and line breaks as spaces, so
    one row stays one line in the terminal and one record in the TSV."""
    return strip_control(text).replace("\n", " ")


@dataclass(frozen=True)
class ColumnSpec:
    """A column and how it gives way. `shorten_to` None keeps every cell whole (ids, dates,
    figures); a number lets the column be cut with an ellipsis down to that many characters
    (never below its header, which is always shown whole)."""

    header: str
    justify: Justify = "left"
    shorten_to: int | None = None

    def __post_init__(self) -> None:
        if self.shorten_to is not None and self.shorten_to < 2:
            raise ValueError(
                f"column {self.header!r}: shorten_to must be at least 2 (one character and "
                f"the ellipsis), not {self.shorten_to}"
            )


@dataclass(frozen=True)
class Sheet:
    """The rows of one table, as every output shows them: cells cleaned by `one_line`.

    `drop_first` names the columns that may be left out on a narrow terminal, least important
    first; a column it does not name (the id) is always shown.
    """

    title: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[tuple[str, ...], ...]
    drop_first: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        headers = [column.header for column in self.columns]
        unknown = [name for name in self.drop_first if name not in headers]
        if unknown:
            raise ValueError(f"sheet {self.title!r}: drop_first names no column: {unknown}")
        for number, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"sheet {self.title!r}: row {number} has {len(row)} cells for "
                    f"{len(self.columns)} columns"
                )
        # Frozen, so set through object: cleaning here means no caller can forget it.
        object.__setattr__(self, "rows", tuple(tuple(map(one_line, r)) for r in self.rows))
        columns = tuple(
            ColumnSpec(one_line(c.header), c.justify, c.shorten_to) for c in self.columns
        )
        object.__setattr__(self, "columns", columns)

    def natural_widths(self) -> list[int]:
        """Each column's width with nothing cut: its longest cell or its header."""
        return [
            max([cell_len(column.header), *(cell_len(row[index]) for row in self.rows)])
            for index, column in enumerate(self.columns)
        ]

    def floor_widths(self) -> list[int]:
        """The narrowest each column may be: whole for ids and figures, else its
        `shorten_to`, but never narrower than its header nor wider than its longest cell."""
        floors = []
        for column, natural in zip(self.columns, self.natural_widths(), strict=True):
            if column.shorten_to is None:
                floors.append(natural)
            else:
                floors.append(min(natural, max(column.shorten_to, cell_len(column.header))))
        return floors


def _grow(
    widths: dict[int, int], natural: Sequence[int], spare: int, order: Sequence[int]
) -> dict[int, int]:
    """Hand `spare` columns out one at a time to the narrowest column still cut short, so a
    short outlet name is shown whole before a long headline gets longer; ties go to the
    column earlier in `order` (the more important)."""
    grown = dict(widths)
    rank = {index: place for place, index in enumerate(order)}
    for _ in range(max(spare, 0)):
        short = [i for i in grown if grown[i] < natural[i]]
        if not short:
            break
        chosen = min(short, key=lambda i: (grown[i], rank.get(i, -1)))
        grown[chosen] += 1
    return grown


def fit_widths(
    natural: Sequence[int],
    floors: Sequence[int],
    drop_first: Sequence[int],
    width: int,
    measure: Callable[[Mapping[int, int]], int],
) -> dict[int, int]:
    """Column index -> width for the columns that fit in `width`, in table order.

    Every column starts at its floor; while `measure` (the whole table's width for the given
    column widths, borders and padding included) exceeds `width`, the next column of
    `drop_first` goes. What room is left then lengthens the columns that were cut. If even the
    columns that are never dropped do not fit, they are returned at their floors: the id is
    the last thing worth keeping, so it is kept, and the terminal crops.

    >>> fit_widths([20, 10], [20, 4], [1], 27, lambda w: sum(w.values()) + len(w) - 1)
    {0: 20, 1: 6}

    Time: O(columns x (columns + spare width)), a few hundred steps for our tables.
    """
    kept = list(range(len(natural)))
    queue = list(drop_first)
    while True:
        widths = {index: floors[index] for index in kept}
        spare = width - measure(widths)
        if spare >= 0 or not queue:
            break
        kept.remove(queue.pop(0))
    importance = [i for i in kept if i not in drop_first] + [
        i for i in reversed(drop_first) if i in kept
    ]
    return _grow(widths, natural, spare, importance)


def _frame(title: str) -> Table:
    """The empty table every sheet is drawn in: a rule under the header and no side edges,
    which on a narrow terminal are four columns better spent on text."""
    return Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)


def sheet_table(sheet: Sheet, widths: Mapping[int, int] | None = None) -> Table:
    """The rich table of `sheet`: every column at its natural width when `widths` is None, else
    only the columns `widths` names, each exactly as wide as it says (cut with an ellipsis
    where a cell is longer). No cell wraps."""
    chosen = dict.fromkeys(range(len(sheet.columns))) if widths is None else dict(widths)
    table = _frame(sheet.title)
    for index in sorted(chosen):
        column = sheet.columns[index]
        table.add_column(
            Text(column.header),
            justify=column.justify,
            no_wrap=True,
            overflow="crop" if column.shorten_to is None else "ellipsis",
            width=chosen[index],
        )
    for row in sheet.rows:
        table.add_row(*(Text(row[index]) for index in sorted(chosen)))
    return table


def natural_width(renderable: RenderableType, console: Console) -> int:
    """How wide `renderable` is when the console does not constrain it, measured by rich."""
    options = console.options.update_width(_UNBOUNDED)
    return console.measure(renderable, options=options).maximum


def fitted_table(sheet: Sheet, console: Console, width: int | None = None) -> Table:
    """`sheet` as a table no wider than `width` (the console's by default): text columns cut
    with an ellipsis first, then columns dropped in the sheet's `drop_first` order."""
    headers = [column.header for column in sheet.columns]
    drop_first = [headers.index(name) for name in sheet.drop_first]

    def measure(widths: Mapping[int, int]) -> int:
        return natural_width(sheet_table(sheet, widths), console)

    widths = fit_widths(
        sheet.natural_widths(),
        sheet.floor_widths(),
        drop_first,
        console.width if width is None else width,
        measure,
    )
    return sheet_table(sheet, widths)


@dataclass(frozen=True)
class _AtWidth:
    """A renderable laid out `width` columns wide, wider than the console if need be."""

    renderable: RenderableType
    width: int

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from console.render(self.renderable, options.update_width(self.width))


def print_table(sheet: Sheet, console: Console) -> None:
    """Print `sheet` the way its reader can use it.

    On a terminal, the table fits the window (`fitted_table`): no line longer than the
    console, no cell wrapped. Piped or redirected, where rich would otherwise assume 80
    columns and fold, every column is printed whole at the table's natural width, however
    long the lines: a file keeps full rows for grep, and ids are never cut.
    """
    if console.is_terminal:
        console.print(fitted_table(sheet, console))
        return
    table = sheet_table(sheet)
    console.print(_AtWidth(table, natural_width(table, console)), crop=False)


def tsv_lines(sheet: Sheet) -> Iterator[str]:
    """The header, then one line per row; the cells are already single-line and tab-free."""
    yield "\t".join(column.header for column in sheet.columns)
    for row in sheet.rows:
        yield "\t".join(row)


def to_tsv(sheet: Sheet) -> str:
    """`sheet` as tab-separated values, every row and column whatever the terminal's width,
    with a final newline, so `cut -f`, `sort` and spreadsheets read it.

    >>> to_tsv(Sheet("t", (ColumnSpec("a"), ColumnSpec("b")), (("x\\ty", "1"),)))
    'a\\tb\\nx y\\t1\\n'
    """
    return "".join(f"{line}\n" for line in tsv_lines(sheet))
