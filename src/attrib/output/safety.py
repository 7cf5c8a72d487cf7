"""Article text made safe to show: no character in it may drive the device that shows it.

A scraped page can carry ANSI escape sequences, which retitle a terminal or clear its screen,
and bidi overrides, which make a line display in another order than it reads ("Trojan
Source"). The terminal view and the PDF both pass article text through `strip_control`.
"""

from __future__ import annotations

import unicodedata

#: Format controls kept because they belong to spelling, not to display control: ZWNJ and ZWJ
#: choose letter forms in Persian, Arabic and Indic scripts and join emoji sequences. They
#: cannot reorder, hide or overwrite neighbouring text, so dropping them would only misspell.
_KEPT_FORMAT = frozenset({"\u200c", "\u200d"})

#: Line and paragraph separators (Zl, Zp): terminals disagree about them; they mean a newline.
_LINE_BREAKS = frozenset({"\u2028", "\u2029"})

#: Cc (C0 and C1 controls: ESC, CSI, BEL, CR, backspace...), Cf (format controls: bidi
#: embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, marks, BOM, invisible
#: tag characters) and Cs (lone surrogates, which cannot be encoded and would crash the write).
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def _safe_char(char: str) -> str:
    """One character as it may be printed: itself, a replacement, or nothing."""
    if char == "\n":
        return char
    if char == "\t":
        return " "
    if char in _LINE_BREAKS:
        return "\n"
    if char in _KEPT_FORMAT:
        return char
    if unicodedata.category(char) in _DROPPED_CATEGORIES:
        return ""
    return char


def strip_control(text: str) -> str:
    """Article text with everything that could drive a terminal or reorder a line removed.

    ESC (and so every ANSI CSI/OSC sequence's introducer), BEL, CR, backspace and the C1
    controls go, so a page cannot retitle the window, clear the screen or overwrite a line;
    bidi overrides and isolates go, so a line cannot display in a different order than it
    reads (the "Trojan Source" trick); tabs become one space, keeping offsets and columns.
    What is left of an escape sequence ("]0;pwned") stays visible: better to show garbage
    than to guess what was meant.

    >>> strip_control("a\\x1b[2Jb\\u202ec\\td")
    'a[2Jbc d'
    """
    if text.replace("\n", "").isprintable():
        return text
    return "".join(_safe_char(char) for char in text)


def single_line(text: str) -> str:
    """`strip_control`, with line breaks shown as `\\n`: a message about one file is one line
    even when the file's name holds a newline."""
    return strip_control(text).replace("\n", "\\n")
