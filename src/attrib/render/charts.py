"""The PDF first page's charts, drawn by matplotlib as SVG.

Text is drawn as paths (matplotlib's default for SVG), so the report needs no font and an
outlet's name can never become markup. Each chart reaches the page as a `data:` URI of the
SVG: it is part of the document, not something to fetch. matplotlib is imported when a chart
is drawn, not when reports are imported.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import date, timedelta

from dateutil import parser as dateparser

from attrib.models import is_joint
from attrib.render.figures import WIRE_PALETTE, origin_colours, origin_label

BAR_HEIGHT_INCHES = 0.28
WIDTH_INCHES = 7.0
DAY_TICKS_UP_TO = 10  # days of span below which the timeline ticks every day


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _svg(figure: object) -> str:
    """The figure as SVG, the same bytes every time: no date, and element ids from a fixed
    salt rather than a random one, so a report drawn twice is the same report."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": "attrib"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")  # type: ignore[attr-defined]
    return buffer.getvalue()


JOINT_HATCH = "////"  # a joint origin's cue that needs no colour vision


def shares_chart(bars: Sequence[tuple[str, Sequence[tuple[str, float]]]]) -> str:
    """One horizontal bar per article, its words split by origin (each share of 1), as SVG.

    `bars` is (label, [(origin, share), ...]) in the order the first page lists articles.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    colours = origin_colours([o for _, shares in bars for o, _ in shares])
    figure = Figure(figsize=(WIDTH_INCHES, 0.6 + BAR_HEIGHT_INCHES * len(bars)))
    axes = figure.subplots()
    rows = range(len(bars))[::-1]  # the first article on top
    for row, (_, shares) in zip(rows, bars, strict=True):
        left = 0.0
        for origin, share in shares:
            axes.barh(
                row,
                share,
                left=left,
                color=colours[origin],
                height=0.7,
                hatch=JOINT_HATCH if is_joint(origin) else None,
                edgecolor="white",
            )
            left += share
    axes.set_yticks(list(rows), [label for label, _ in bars], fontsize=7)
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.tick_params(axis="x", labelsize=7)
    used = [o for o in colours if any(o == origin for _, s in bars for origin, _ in s)]
    handles = [
        Patch(
            facecolor=colours[o],
            edgecolor="white",
            hatch=JOINT_HATCH if is_joint(o) else None,
            label=origin_label(o),
        )
        for o in used
    ]
    axes.legend(
        handles=handles,
        fontsize=7,
        ncols=max(1, len(used)),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        frameon=False,
    )
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def publication_day(published: str) -> date | None:
    try:
        return dateparser.isoparse(published).date() if published else None
    except ValueError:
        return None


def timeline_chart(points: Sequence[tuple[str, str]]) -> str:
    """When each article was published, one dot a day per article, as SVG; empty when fewer
    than two articles have a date (a timeline of one point says nothing)."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DayLocator
    from matplotlib.figure import Figure

    dated = [(label, day) for label, p in points if (day := publication_day(p)) is not None]
    if len(dated) < 2:
        return ""
    figure = Figure(figsize=(WIDTH_INCHES, 0.6 + BAR_HEIGHT_INCHES * len(dated)))
    axes = figure.subplots()
    rows = range(len(dated))[::-1]
    days = [day for _, day in dated]
    axes.scatter(days, list(rows), color=WIRE_PALETTE[0], s=18)
    axes.set_yticks(list(rows), [label for label, _ in dated], fontsize=7)
    # A day either side, so articles of one day show that day, not years around it.
    axes.set_xlim(min(days) - timedelta(days=1), max(days) + timedelta(days=1))
    # Days are what a dateline gives: no hour ticks between them on a short span.
    span = (max(days) - min(days)).days
    locator = DayLocator() if span <= DAY_TICKS_UP_TO else AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.xaxis.get_offset_text().set_fontsize(7)
    axes.tick_params(axis="x", labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
