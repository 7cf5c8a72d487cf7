"""Where direct quotes stand in a passage: the words journalists are meant to copy verbatim.

Alignment accepts two passages that share a whole quotation, and the changes classifier flags
edits inside quotes as altered quotes; both read quotes the same way, from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_CLOSERS = {"“": "”", "„": "“”", "«": "»", "‹": "›", "‘": "’", '"': '"'}
_LONE_CLOSERS = '”»"'
_OPEN_AFTER = "([{-–—/:"
_SINGLE_CLOSE = re.compile(r"’(?!\w)")


def _opens(text: str, i: int) -> bool:
    """Whether the mark at `i` opens a quote. Straight and single marks open only before a word
    and after a space or bracket (so `It’s` and `more," Carter` do not), and a single one only
    if a closing mark follows (so the `‘90s` does not swallow the rest of the passage)."""
    mark = text[i]
    if mark not in '"‘':
        return mark in _CLOSERS
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() or not (before.isspace() or before in _OPEN_AFTER):
        return False
    return mark == '"' or _SINGLE_CLOSE.search(text, i + 1) is not None


def _closes(text: str, i: int, closers: str) -> bool:
    """A `’` closes a single quote only where it is not an apostrophe inside a word."""
    if text[i] not in closers:
        return False
    return text[i] != "’" or i + 1 == len(text) or not text[i + 1].isalnum()


def _raw_quotes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each outermost quote, marks included.

    A closing mark before any opening one means the quote began in an earlier passage (news
    sentences split mid-quote): the span starts at 0. A quote still open at the end runs to
    the end of the passage, as a quote carried on into the next sentence or paragraph does.
    """
    opened: int | None = None
    closers = ""
    seen_quote = False
    for i, mark in enumerate(text):
        if opened is not None:
            if _closes(text, i, closers):
                yield opened, i + 1
                opened = None
        elif mark in _CLOSERS and _opens(text, i):
            opened, closers = i, _CLOSERS[mark]
            seen_quote = True
        elif mark in _LONE_CLOSERS and not seen_quote:
            seen_quote = True
            yield 0, i + 1
    if opened is not None:
        yield opened, len(text)


@lru_cache(maxsize=65536)
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each outermost quote in `text`, quotation marks included."""
    return tuple(_raw_quotes(text))
