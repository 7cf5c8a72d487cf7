"""Bytes to text: the encoding of each file found as a browser would find it, and what is not
text at all refused with a reason.

Public API:
    `decode(data, path, declared, hinted)`: normalised text, or `UnreadableArticle`.
    `normalise_text(text)`: one newline convention, NFC, no NUL, no lone surrogate.
    `meta_charset(data)`: the charset a page names in its own `<meta>`.
    `declared_codec(label)`: the Python codec a charset label means on the web.
    `has_text(text)`: whether a text shows anything at all.

Scraped corpora hold every encoding and every breakage: BOMs, UTF-16 without one, UTF-8 with
a pasted cp1252 paragraph or a damaged byte, CRLF, NUL padding, mislabelled pages. Labels are
read per WHATWG Encoding (`webencodings`), detection is charset_normalizer's; what is here is
the order in which to trust them, and the repairs neither library makes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import webencodings
from charset_normalizer.md import mess_ratio

from attrib.errors import UnreadableArticle

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalise_text(text: str) -> str:
    """One newline convention and composed Unicode, so offsets mean the same everywhere.

    Lone surrogates (a JSON feed's "\\ud800") are no text at all and could not be written to
    a CSV or a store, so they become U+FFFD, the replacement character. NUL characters (a
    feed's "\\u0000", padding in a page) are no text either, and a CSV reader may refuse a
    file holding one: they are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", without_surrogates(text))


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (no character at all) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, path: str, declared: str | None = None, hinted: str | None = None) -> str:
    """Bytes to text, normalised. In order: a BOM; the `declared` charset (an HTTP header's)
    when it is UTF-16/32; UTF-16 without a BOM; a binary file is refused; then the `declared`
    charset; strict UTF-8; the `hinted` charset (a page's own `<meta charset>`); UTF-8 with
    stray bytes of another encoding; charset detection.

    A declared charset that does not decode the bytes is ignored rather than fatal: servers
    often misdeclare, and detection still reads the page. UTF-8 is tried before a page's own
    hint and before detection, because valid UTF-8 with non-ASCII characters is almost never
    anything else (pages labelled ISO-8859-1 by a template are often UTF-8) and detectors
    misread short UTF-8 files as cp1252. A few NUL bytes inside text (padding a CMS left in a
    real page) are dropped; many control bytes mean a binary file, not text.
    """
    codec = declared_codec(declared)
    text = _decode_marked(data, path, codec)
    if text is not None:
        return normalise_text(text)
    reason = binary_reason(data)
    if reason is not None:
        raise UnreadableArticle(path, reason)
    data = data.replace(b"\x00", b"")  # stray NULs would make a detector call the text binary
    for name in (codec, "utf-8", _page_hint(hinted)):
        if name is not None:
            try:
                return normalise_text(data.decode(name))
            except UnicodeError:  # a stateful codec may fail with a UnicodeError of its own
                pass
    return normalise_text(_decode_unlabelled(data, path))


def _page_hint(charset: str | None) -> str | None:
    """The codec a page's own `<meta charset>` names, as browsers take it: a page that says
    UTF-16 in its markup cannot be UTF-16 (the markup would not have been readable as ASCII),
    so that label means nothing (WHATWG reads it as UTF-8, tried already)."""
    codec = declared_codec(charset)
    return None if codec is None or codec.startswith(("utf-16", "utf-32")) else codec


def _decode_marked(data: bytes, path: str, codec: str | None) -> str | None:
    """The text of bytes that say how they are encoded: a byte order mark, a declared
    UTF-16/32, or UTF-16 without a BOM (which would otherwise look binary); else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableArticle(
                    path, f"invalid {encoding} after its BOM: {error.reason}"
                ) from error
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(codec)
        except UnicodeError:
            pass
    return utf16_without_bom(data)


def _decode_unlabelled(data: bytes, path: str) -> str:
    """Bytes that are not valid UTF-8 and name no charset that reads them: mostly UTF-8 with
    stray bytes (`mostly_utf8`) when the valid characters outnumber the stray bytes, else the
    detector's reading, unless the mostly-UTF-8 reading looks no more garbled than it."""
    mixed, valid, invalid = mostly_utf8(data)
    if mixed is not None and valid >= invalid:
        return mixed
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableArticle(path, "cannot detect the text encoding")
    detected = str(_prefer_web_default(matches, best))
    if mixed is not None and _mess(mixed) <= _mess(detected):
        return mixed
    return detected


_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# How far into a page its `<meta charset>` is looked for. The HTML standard's prescan reads
# 1,024 bytes; real pages put long scripts and comments first, so more is read.
META_SCAN_BYTES = 8192


def meta_charset(data: bytes) -> str | None:
    """The charset a page names for itself in a `<meta>` element near its start, or None."""
    found = _META_CHARSET.search(data[:META_SCAN_BYTES])
    return found.group(1).decode("ascii", "replace") if found else None


# File signatures of formats that are never a page or an article, for a clearer reason than
# "binary": a compressed page saved as `.html`, a PDF or an image saved as `.txt`.
SIGNATURES = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive (or a Word, OpenDocument or EPUB file)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
# C0 control bytes that text does not hold: all but tab, newline, vertical tab, form feed,
# carriage return and escape (ISO-2022-JP switches character sets with ESC).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
# Text is binary when more than this share of its bytes are control bytes. Compressed data and
# images have about one in ten; the real pages with stray NUL padding seen in the wild, one in
# ten thousand; the gap is wide on both sides.
MAX_CONTROL_SHARE = 0.01


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text (a known binary format, or too many control bytes), or
    None when they may be text."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return f"binary file ({kind})"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls <= MAX_CONTROL_SHARE * len(data):
        return None
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    return f"binary file ({controls / len(data):.0%} of its bytes are control characters)"


def utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte order mark, or None.

    Text in a Latin script so saved has a NUL in every other byte, always on the same side;
    binary data has NULs on both. Found by that pattern (at least 90% of one side's bytes NUL,
    none of the other's) and kept only when it decodes and holds no control characters.
    """
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if _CONTROL_TEXT.search(text) else text
    return None


_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Bytes that are not UTF-8 come out of the `surrogateescape` error handler as U+DC80-U+DCFF.
_ESCAPED = re.compile(r"[\udc80-\udcff]+")


def mostly_utf8(data: bytes) -> tuple[str | None, int, int]:
    """UTF-8 text with stray bytes of another encoding (None when no character is UTF-8), its
    count of valid non-ASCII characters and its count of invalid bytes.

    Files pasted together from two sources (a UTF-8 template around a cp1252 article, one
    cp1252 paragraph in UTF-8 copy) and UTF-8 with a few damaged bytes are common; read whole
    by a detector, every accented letter of the UTF-8 part becomes two wrong characters. The
    invalid bytes are read as windows-1252, what the web means by Latin-1 (WHATWG); a byte it
    leaves undefined becomes U+FFFD. `decode` takes this reading when the valid characters
    outnumber the invalid bytes, and otherwise only when it looks no worse than the
    detector's: single-byte text (cp1250 "PODRÓŻE") can form a valid UTF-8 pair by accident.
    """
    text = data.decode("utf-8", "surrogateescape")
    invalid = sum(len(run) for run in _ESCAPED.findall(text))
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if not valid:
        return None, valid, invalid
    return _ESCAPED.sub(_as_cp1252, text), valid, invalid


def _mess(text: str) -> float:
    """charset_normalizer's measure of how garbled a reading looks (0 clean, 1 garbled)."""
    return mess_ratio(text, maximum_threshold=1.0)


def _as_cp1252(run: re.Match[str]) -> str:
    raw = bytes(ord(char) - 0xDC00 for char in run.group())
    return raw.decode("cp1252", "replace")


def declared_codec(charset: str | None) -> str | None:
    """The Python codec for a charset label a server or a page gave, as browsers read the label
    (WHATWG Encoding, through `webencodings`): Latin-1 and ASCII mean windows-1252, GB2312 means
    GBK, and so on, since pages so labelled use the larger code page's characters (curly quotes
    and dashes in 0x80-0x9F). None for a label that names no text encoding of the web
    (`base64`, `idna`, `unicode-escape`, a made-up name), or one the standard reads as
    "replacement" (ISO-2022-KR: decoding it is a known attack on filters)."""
    if not charset or not charset.strip():
        return None
    encoding = webencodings.lookup(charset.strip().strip("\"'"))
    if encoding is None or encoding.name in ("replacement", "x-user-defined"):
        return None
    return encoding.codec_info.name


def _prefer_web_default(
    matches: charset_normalizer.CharsetMatches, best: charset_normalizer.CharsetMatch
) -> charset_normalizer.CharsetMatch:
    """Among guesses that fit the bytes equally well, take windows-1252.

    Short Western European text decodes cleanly in many single-byte code pages, and the
    detector then picks one arbitrarily (cp1250 turns "à" into "ŕ"). windows-1252 is what the
    web means by Latin-1 (WHATWG), so it wins ties.
    """
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.percent_chaos <= best.percent_chaos
            and match.percent_coherence >= best.percent_coherence
        ):
            return match
    return best


def has_text(text: str) -> bool:
    """Whether a text shows anything: not only spaces, line breaks, no-break and zero-width
    spaces, byte order marks or control characters, which `str.strip` partly keeps."""
    return _VISIBLE.search(text) is not None


_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
