"""What a report calls an article, its publisher and its headline, shared by the PDF's sections,
its first page and the web pages, so every view names an article the same way.

Outlets, ids and titles come from scraped pages: control and bidi characters are stripped
here, before any of them reaches a PDF or a page.
"""

from __future__ import annotations

from attrib.output.safety import strip_control

UNTITLED = "(untitled)"


def display_name(outlet: str, article_id: str) -> str:
    """What to call an article's publisher: its outlet, else its id (never an empty cell).
    Control characters go: they would reach the PDF."""
    return strip_control(outlet).strip() or strip_control(article_id)


def display_label(name: str, article_id: str) -> str:
    """Name and id for a reader who needs both, without saying the id twice when it is the name."""
    shown = strip_control(article_id)
    return shown if name == shown else f"{name} ({shown})"


def display_title(title: str) -> str:
    return strip_control(title).strip() or UNTITLED
