"""Properties of reading, cleaning, credits, segmentation, shingling and alignment (issue 6).

A scraped corpus holds every kind of breakage, so each stage must take any text without
raising and keep the offset contracts of `attrib.models`; alignment must find a text whole in
itself and must not depend on which passage is asked first. Inputs come in two kinds: hostile
text (control characters, NULs, lone surrogates, bidi marks, combining characters, very long
words, blank text, CRLF) and news-like text built from a word list, with headlines, datelines,
sign-offs, paragraph markers, quote credits and page furniture, so that the rules of each stage
fire rather than only the paths for noise.

Examples are derandomised and no example database is kept: CI and a laptop test the same
inputs, and a failure found once is found again.
"""

from __future__ import annotations

import codecs
import itertools
import re
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attrib.engines.local import run_corpus
from attrib.errors import UnreadableArticle
from attrib.ingest.decoding import decode, normalise_text
from attrib.ingest.pages import article_from_html, article_from_text
from attrib.match.align import WordOp, align_passages, known_match, word_ops
from attrib.match.shingles import article_shingles, candidate_pairs, passage_shingles
from attrib.models import Article, CleanArticle, Credit, Passage
from attrib.options import Options
from attrib.text.clean import BODY_SEPARATOR, clean_article
from attrib.text.credits import credited_wires, detect_credits
from attrib.text.paragraphs import split_lines
from attrib.text.segment import segment_article
from attrib.text.tokens import tokenize
from attrib.text.wires import SCOPES, load_wire_list
from attrib.views.shares import story_changes

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ALIGNERS = ("rapidfuzz", "difflib")
_SURROGATE = re.compile("[\ud800-\udfff]")

# --- strategies ----------------------------------------------------------------------------

# Characters that break naive text handling: NUL and other controls, every line break Python
# knows (str.splitlines and str.strip see more than "\n"), bidi and zero-width marks, a BOM,
# combining marks with no base, lone surrogates, case folds that change length, digits that
# are not ASCII.
HAZARDS = (
    "\x00", "\x01", "\x1b", "\x7f", "\t", "\x0b", "\x0c", "\r", "\r\n", "\n\r", "\x1c", "\x1e",
    "\x85", "\u2028", "\u2029", "\u00a0", "\u3000", "\u200b", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202e", "\u2066", "\u2069", "\u061c", "\ufeff", "\u0301", "\u0308\u0301",
    "\u20dd", "\ufffd", "\ud800", "\udfff", "\U0001f600", "ß", "İ", "ﬁ", "Å", "Ω", "١٢٣",
    "٫", "ﷺ", "\U0001d7d8", "’", "“", "”", "„", "«", "»", '"', "(", ")", "-", "–", "—", ".",
)  # fmt: skip
WORDS = (
    "the", "minister", "said", "on", "Monday", "that", "talks", "would", "resume", "in",
    "Brussels", "after", "a", "week", "of", "protests", "over", "fuel", "prices", "and",
    "government", "forces", "were", "unlikely", "to", "retake", "Mosul", "this", "year",
    "officials", "reporters", "12", "3.5", "per", "cent", "Carter’s", "NATO", "allies",
    "Syria", "aircraft", "coalition", "U.S.", "it", "was", "not", "clear", "whether",
    "Merkel", "Ankara", "refugees", "border", "1,200", "police", "élite", "naïve", "al-Assad",
)  # fmt: skip
DATELINES = (
    "BRUSSELS (Reuters) - ",
    "PARIS (AFP) – ",
    "WASHINGTON, Feb 11 (Reuters) - ",
    "Berlin/Paris (dpa/AFP) - ",
    "(AP) — ",
    "MADRID (EFE).- ",
)
MARKERS = (" - Reuters", " – AFP", " (AFP)", " (dpa)")
INLINE = ("told AFP", "told Reuters", "said in a statement to the Associated Press")
SIGNOFFS = (
    "jbh/sms (AFP, dpa)",
    "(Reporting by John Smith; Editing by Jane Doe)",
    "-- AFP",
    "© AFP 2016",
    "Additional reporting by Reuters",
    "AFP and Reuters contributed to this report.",
    "ats/afp",
    "(AFP)",
)
FURNITURE = (
    "Share this article",
    "Advertisement",
    "Sign up to our daily newsletter",
    "Photo: Getty Images/AFP",
    "Image: picture-alliance/dpa/M. Murat",
    "(AFP)",
    "Tags: Politics, Europe",
    "Read more",
    "Comments (12)",
    "By John Smith",
    "February 11, 2016",
    "Please support our journalism: donate today, it keeps our reporters in the field.",
)

hazard = st.sampled_from(HAZARDS)
long_word = st.builds(lambda c, n: c * n, st.sampled_from("ae的ا\u0301-."), st.integers(100, 3000))
blank = st.text(alphabet=" \t\n\r\x0b\x0c\x85\u00a0\u2028\u3000", max_size=12)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence from the word list, sometimes a quote with its speaker or a quote credit."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=24))
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    form = draw(st.integers(0, 4))
    if form == 1:
        return f'"{text}," {draw(st.sampled_from(WORDS))} said.'
    if form == 2:
        return f"{text}, a spokesman {draw(st.sampled_from(INLINE))}."
    return text + draw(st.sampled_from((".", ".", "?", "!", '."', "")))


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    body = " ".join(draw(st.lists(sentences(), min_size=1, max_size=3)))
    return body + (draw(st.sampled_from(MARKERS)) if draw(st.booleans()) else "")


@st.composite
def news_texts(draw: st.DrawFn) -> str:
    """A page as scrapers leave it: header furniture, a headline, a dateline on the first
    paragraph, furniture between paragraphs, a sign-off and footer furniture, with blank or
    single line breaks, LF or CRLF."""
    furniture = st.lists(st.sampled_from(FURNITURE), max_size=2)
    lines = [*draw(furniture)]
    lines.append(
        " ".join(
            w.capitalize() for w in draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9))
        )
    )
    body = draw(st.lists(paragraphs(), min_size=1, max_size=5))
    if draw(st.booleans()):
        body[0] = draw(st.sampled_from(DATELINES)) + body[0]
    for paragraph in body:
        lines.append(paragraph)
        lines.extend(draw(st.lists(st.sampled_from(FURNITURE), max_size=1)))
    lines.extend(draw(st.lists(st.sampled_from(SIGNOFFS), max_size=1)))
    lines.extend(draw(furniture))
    return draw(st.sampled_from(("\n\n", "\n", "\r\n\r\n", "\r\n"))).join(lines)


@st.composite
def noisy(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A text with hazards dropped in at random places."""
    text = draw(texts)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(hazard, long_word, blank)) + text[at:]
    return text


hostile_texts = st.one_of(
    blank,
    st.lists(
        st.one_of(hazard, any_text, long_word, blank, st.sampled_from(WORDS)), max_size=40
    ).map("".join),
)


@st.composite
def hard_wrapped_texts(draw: st.DrawFn) -> str:
    """News copy broken into short lines inside sentences, as OCR of newspaper columns (words
    split at line ends) and 1980s wire copy (paragraphs opened by an indent) are: cleaning joins
    the lines, credits read every line as running text, with the line before."""
    width = draw(st.integers(12, 60))
    body = draw(st.lists(paragraphs(), min_size=1, max_size=4))
    if draw(st.booleans()):
        body[0] = draw(st.sampled_from(DATELINES)) + body[0]
    body += draw(st.lists(st.sampled_from(SIGNOFFS), max_size=1))
    hyphenated = draw(st.booleans())  # OCR columns split words at line ends, indent or not
    indent = draw(st.sampled_from(["", "    "]))
    return "\n\n".join(indent + "\n".join(wrap(paragraph, width, hyphenated)) for paragraph in body)


def wrap(paragraph: str, width: int, hyphenated: bool) -> list[str]:
    """`textwrap.wrap`, splitting long words with a hyphen at line ends when `hyphenated`."""
    if not hyphenated:
        return textwrap.wrap(paragraph, width)
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width and len(word) > 5:
            cut = max(2, width - len(line) - 2)
            if cut < len(word) - 2:
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


texts = st.one_of(hostile_texts, news_texts(), noisy(news_texts()), hard_wrapped_texts())

# Bytes as files hold them: any bytes, or text in the encodings scraped pages come in, some
# with a byte-order mark, some with surrogates written as invalid UTF-8.
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r")
BOMS = (b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
encoded = st.builds(
    lambda text, encoding, bom: (
        bom + text.encode(encoding, "surrogatepass" if "utf" in encoding else "replace")
    ),
    texts,
    st.sampled_from(ENCODINGS),
    st.sampled_from(BOMS),
)
file_bytes = st.one_of(st.binary(max_size=600), encoded)
# What a server may declare: real labels, quoted, misspelt, and codecs that are no text
# encoding at all, or codecs for something else (domain names).
CHARSETS = (
    "utf-8", '"UTF-8"', "iso-8859-1", "latin-1", "ascii", "windows-1252", "cp1252", "utf-16",
    "utf-16-le", "utf-32", "utf-7", "shift_jis", "euc-kr", "gb18030", "koi8-r", "hz",
    "iso2022_jp", "cp500", "utf8mb4", "x-user-defined", "base64", "rot13", "zlib", "hex",
    "uu", "bz2", "quopri", "undefined", "unicode-escape", "raw_unicode_escape", "charmap", "",
    "  ", "mbcs", "idna", "punycode", "utf-8\x00",
)  # fmt: skip
charsets = st.one_of(st.none(), st.sampled_from(CHARSETS), st.text(max_size=12))
HTML_PIECES = (
    "<html>", "<head>", "<title>Talks resume in Brussels</title>", "</head>", "<body>",
    "<article>", "<h1>", "</h1>", "<p>", "</p>", "<br>", "<div>", "</div>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&#1114112;",
    "<meta charset='utf-16'>", "<?xml version='1.0' encoding='utf-32'?>", "</article>",
    "</body>", "</html>",
)  # fmt: skip
html_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.sampled_from(HTML_PIECES), paragraphs(), hostile_texts), max_size=20)
    .map("".join)
    .map(lambda html: html.encode("utf-8", "surrogatepass")),
)

# Word sequences over a small vocabulary, so that ties between equally long alignments,
# where the two directions may part, come up often.
few_words = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=12).map(tuple)
sentence_words = sentences().map(lambda s: tokenize(s).words)
word_lists = st.one_of(few_words, sentence_words)


# --- helpers -------------------------------------------------------------------------------


def article(text: str, article_id: str = "x", language: str = "") -> Article:
    return Article(article_id=article_id, path=f"{article_id}.txt", text=text, language=language)


def assert_normalised(text: str) -> None:
    """What `normalise_text` promises every reader: one newline convention, no surrogates,
    composed Unicode."""
    assert "\r" not in text
    assert not _SURROGATE.search(text)
    assert unicodedata.is_normalized("NFC", text)


def assert_no_overlap(spans: Sequence[tuple[int, int]]) -> None:
    """Spans are non-empty, in order and disjoint."""
    for start, end in spans:
        assert start < end
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


def assert_edit_script(ops: Sequence[WordOp], a: Sequence[str], b: Sequence[str]) -> None:
    """difflib's opcode contract: the ops tile both sequences from start to end, an `equal`
    run holds the same words on both sides, and two edits never stand side by side (a
    deletion next to an insertion is one `replace`)."""
    a_at = b_at = 0
    for tag, a1, a2, b1, b2 in ops:
        assert (a1, b1) == (a_at, b_at)
        assert {
            "equal": a2 - a1 == b2 - b1 > 0 and tuple(a[a1:a2]) == tuple(b[b1:b2]),
            "replace": a2 > a1 and b2 > b1,
            "delete": a2 > a1 and b2 == b1,
            "insert": a2 == a1 and b2 > b1,
        }[tag]
        a_at, b_at = a2, b2
    assert (a_at, b_at) == (len(a), len(b))
    tags = [op[0] for op in ops]
    assert all("equal" in pair for pair in itertools.pairwise(tags))


def matched_words(ops: Sequence[WordOp]) -> int:
    return sum(a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal")


def copy_of(passage: Passage, article_id: str) -> Passage:
    """The passage as another article carries it, a table row as a table row."""
    return replace(passage, article_id=article_id, start=0, end=len(passage.text))


def passage(article_id: str, text: str) -> Passage:
    return Passage(article_id, 0, 0, 0, len(text), text)


def ingest_or_refuse(read: Callable[[], object]) -> object | None:
    """The result of a reader, or None when it refused with the one error readers may raise."""
    try:
        return read()
    except UnreadableArticle:
        return None


# --- ingest --------------------------------------------------------------------------------


@PROPERTY
@given(file_bytes)
def test_decoded_text_is_normalised_or_refused(data: bytes) -> None:
    """Every path through `decode` (BOM, strict UTF-8, detection) ends in `normalise_text`;
    fails if one returns raw decoder output ("\\r\\n" kept) or lets a codec error out."""
    text = ingest_or_refuse(lambda: decode(data, "x.txt"))
    if text is not None:
        assert_normalised(text)  # type: ignore[arg-type]


@PROPERTY
@given(file_bytes, charsets)
def test_a_declared_charset_never_breaks_decoding(data: bytes, declared: str | None) -> None:
    """A server's charset is a hint: a wrong, unknown or non-text one is ignored, never fatal."""
    text = ingest_or_refuse(lambda: decode(data, "page.html", declared))
    if text is not None:
        assert_normalised(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "declared"), [(b"xn--", "idna"), (b"hello world", "punycode"), (b"text", "\x00")]
)
def test_a_charset_that_breaks_its_codec_is_ignored(data: bytes, declared: str) -> None:
    """Found by the property above: `idna` and `punycode` failed with a UnicodeError that is
    not a UnicodeDecodeError, and `codecs.lookup` refused a NUL with ValueError, so one WARC
    record with such a Content-Type header stopped a whole run. The bytes are plain ASCII,
    so with the charset set aside they read as themselves."""
    assert decode(data, "page.html", declared) == data.decode("ascii")


@PROPERTY
@given(st.one_of(texts, st.text(alphabet=st.characters(exclude_categories=()))))
def test_normalise_text_is_clean_and_idempotent(text: str) -> None:
    """Normalising twice changes nothing, so text read from a JSON feed, a store or a file
    meets in one form (fails if one step could undo another: "\\r\\r\\n" must not leave a CR,
    a surrogate must not survive next to a combining mark)."""
    once = normalise_text(text)
    assert_normalised(once)
    assert normalise_text(once) == once


@PROPERTY
@given(file_bytes)
def test_article_from_text_keeps_the_decoded_text(data: bytes) -> None:
    """A text file's article is its decoded text, never blank (blank files are refused)."""
    found = ingest_or_refuse(lambda: article_from_text(data, "x", "x.txt"))
    if found is not None:
        assert isinstance(found, Article)
        assert found.text.strip() and found.text == decode(data, "x.txt")


@settings(PROPERTY, max_examples=40)
@given(html_bytes)
def test_article_from_html_gives_prose_or_refuses(data: bytes) -> None:
    """trafilatura on broken markup, bad character references and mixed encodings: an article
    with normalised, non-blank text, or the reader's own error."""
    found = ingest_or_refuse(lambda: article_from_html(data, "x", "x.html"))
    if found is not None:
        assert isinstance(found, Article)
        assert found.text.strip()
        assert_normalised(found.text)


# --- cleaning ------------------------------------------------------------------------------


def assert_clean_offsets(raw: str, cleaned: CleanArticle) -> None:
    """The cleaning contract: the body is the kept paragraphs joined by blank lines; each
    paragraph is verbatim runs of the raw text in order, joined by a space where a line broke
    or by nothing where a hyphen split a word; every non-blank line of the text is in exactly
    one kept paragraph or removal."""
    kept = [cleaned.body[p.start : p.end] for p in cleaned.paragraphs]
    assert cleaned.body == BODY_SEPARATOR.join(kept)
    for paragraph, text in zip(cleaned.paragraphs, kept, strict=True):
        assert text and text == text.strip()
        runs = paragraph.runs()
        assert runs[0][0] == paragraph.start and runs[-1][0] + runs[-1][2] == paragraph.end
        for body, start, length in runs:
            assert cleaned.body[body : body + length] == raw[start : start + length]
        for (body, start, length), (next_body, next_start, _) in itertools.pairwise(runs):
            assert cleaned.body[body + length : next_body] in ("", " ")
            between = raw[start + length : next_start]
            assert "\n" in between and between.strip() in ("", "-"), between
        assert raw[paragraph.raw_start : paragraph.raw_end].startswith(text[:1])
    for removal in cleaned.removed:
        assert 0 <= removal.start < removal.end <= len(raw) and removal.reason
    used = sorted(
        [(p.raw_start, p.raw_end) for p in cleaned.paragraphs]
        + [(r.start, r.end) for r in cleaned.removed]
    )
    lines = [(line.start, line.end) for line in split_lines(raw)]
    assert not lines or (used[0][0] == lines[0][0] and used[-1][1] == lines[-1][1])
    for start, end in lines:
        assert sum(1 for s, e in used if s <= start and end <= e) == 1
    assert all(e <= s for (_, e), (s, _) in itertools.pairwise(used))


@PROPERTY
@given(texts)
def test_cleaning_keeps_lines_of_the_text_with_their_offsets(text: str) -> None:
    """On the text as given, CRs and surrogates included: cleaning rewrites nothing (fails if
    it collapsed whitespace inside a line or trimmed with another idea of a line break)."""
    assert_clean_offsets(text, clean_article(article(text)))


# --- credits -------------------------------------------------------------------------------


@PROPERTY
@given(texts)
def test_credits_quote_the_raw_text_in_order(text: str) -> None:
    """`detect_credits` promises `credit.text == article.text[start:end]`, sorted by (start,
    end, wire); each credit's scope is its kind's, and its paragraph the one its line is."""
    cleaned = clean_article(article(normalise_text(text)))
    credits = detect_credits(cleaned, load_wire_list())
    raw = cleaned.article.text
    assert list(credits) == sorted(credits, key=lambda c: (c.start, c.end, c.wire))
    kept = [(p.raw_start, p.raw_end) for p in cleaned.paragraphs]
    for credit in credits:
        assert credit.wire and credit.text == raw[credit.start : credit.end]
        assert credit.scope == SCOPES[credit.kind]
        assert_credit_paragraph(credit, raw, kept)


def assert_credit_paragraph(credit: Credit, raw: str, kept: Sequence[tuple[int, int]]) -> None:
    """A paragraph or quote credit names the kept paragraph its line is, or None when cleaning
    dropped the line (a hard-wrapped "- Reuters" line, which attribution then reads for the
    article only: `evidence.body_offset`); other credits name none. A prose credit may start
    on the line before, so its end is what places it."""
    line_start = raw.rfind("\n", 0, credit.end - 1) + 1
    line_end = raw.find("\n", credit.end - 1)
    line_end = len(raw) if line_end < 0 else line_end
    holding = [k for k, (start, end) in enumerate(kept) if start < line_end and line_start < end]
    if credit.scope in ("paragraph", "quote"):
        assert credit.paragraph == (holding[0] if holding else None)
        if holding:
            start, end = kept[holding[0]]
            assert start < credit.end <= end
    else:
        assert credit.paragraph is None


@PROPERTY
@given(st.sampled_from(DATELINES), st.lists(paragraphs(), min_size=1, max_size=3))
def test_a_dateline_opening_the_copy_credits_its_wires(dateline: str, body: list[str]) -> None:
    """Realistic copy: whatever follows it, a dateline on the first paragraph credits the
    wires it names (can fail when a later rule or cleaning steals the line)."""
    text = "\n\n".join([dateline + body[0], *body[1:]])
    cleaned = clean_article(article(text))
    credits = detect_credits(cleaned, load_wire_list())
    named = set(re.findall(r"Reuters|AFP|dpa|AP|EFE", dateline))
    opening = {c.wire for c in credits if c.kind == "dateline" and c.end <= len(dateline)}
    assert opening == named
    assert set(credited_wires(credits)) >= named


# --- segmentation --------------------------------------------------------------------------


def segmented(text: str, language: str = "") -> tuple[CleanArticle, tuple[Passage, ...]]:
    cleaned = clean_article(article(normalise_text(text), language=language))
    return cleaned, segment_article(cleaned)


@PROPERTY
@given(texts, st.sampled_from(("", "en", "de", "ar", "ja", "xx-unknown")))
def test_passages_index_the_cleaned_body(text: str, language: str) -> None:
    """`Passage` offsets index `CleanArticle.body`: each passage is its slice, trimmed, inside
    its paragraph, and `raw_span` maps it back to the raw text; passages are numbered in order
    and never overlap."""
    cleaned, passages = segmented(text, language)
    assert [p.index for p in passages] == list(range(len(passages)))
    assert_no_overlap([(p.start, p.end) for p in passages])
    for p in passages:
        assert p.article_id == "x"
        assert cleaned.body[p.start : p.end] == p.text == p.text.strip()
        paragraph = cleaned.paragraphs[p.paragraph]
        assert paragraph.start <= p.start and p.end <= paragraph.end
        # ... and maps back to the characters it was read from: the same text, but for the
        # line breaks and line-end hyphens that joining took out.
        start, end = cleaned.raw_span(p.start, p.end)
        raw = cleaned.article.text[start:end]
        assert raw[0] == p.text[0] and raw[-1] == p.text[-1]
        assert re.sub(r"[\s-]", "", raw) == re.sub(r"[\s-]", "", p.text)
    assert [p.paragraph for p in passages] == sorted(p.paragraph for p in passages)


@PROPERTY
@given(texts)
def test_segmentation_loses_no_words(text: str) -> None:
    """Every character of a paragraph that is not whitespace lies in a passage: a word that
    fell between two sentences would never be aligned or attributed."""
    cleaned, passages = segmented(text)
    covered = np.zeros(len(cleaned.body), dtype=bool)
    for p in passages:
        covered[p.start : p.end] = True
    for paragraph in cleaned.paragraphs:
        for offset in range(paragraph.start, paragraph.end):
            assert covered[offset] or cleaned.body[offset].isspace()


# --- shingles ------------------------------------------------------------------------------


@PROPERTY
@given(texts, st.integers(1, 5), st.lists(st.integers(0, 999_999), max_size=3))
def test_article_shingles_are_each_passages_shingles(
    text: str, size: int, figures: list[int]
) -> None:
    """`article_shingles` is documented as `passage_shingles` for every passage at once; fails
    if a window crossed a passage boundary, a short passage lost its one shingle or a row of
    figures its figures shingle (every other passage is made a row here)."""
    _, passages = segmented(text)
    row = " ".join(f"{n:,}" for n in figures)
    passages = [
        replace(p, text=f"{p.text} {row}", table=True) if k % 2 else p
        for k, p in enumerate(passages)
    ]
    together = article_shingles(passages, size)
    assert len(together) == len(passages)
    for passage_, grams in zip(passages, together, strict=True):
        alone = passage_shingles(passage_, size)
        assert grams.dtype == np.uint64 and np.array_equal(grams, alone)
        assert np.all(grams[1:] > grams[:-1])  # sorted and unique


@PROPERTY
@given(texts)
def test_a_copied_article_pairs_every_passage_with_its_copy(text: str) -> None:
    """Two articles, one a copy of the other: each passage with a word shares all its shingles
    with its copy, each held by exactly two articles, so the two are candidates (fails if the
    document-frequency band, the "all of the shorter one's" rule or the pair order broke)."""
    _, passages = segmented(text)
    copies = [copy_of(p, "y") for p in passages]
    pairs = candidate_pairs([*passages, *copies], Options())
    assert np.array_equal(pairs, np.unique(pairs, axis=0))  # sorted by (i, j), no repeats
    found = {(int(i), int(j)) for i, j in pairs}
    n = len(passages)
    expected = {(k, n + k) for k, p in enumerate(passages) if tokenize(p.text).words}
    assert expected <= found
    assert all(i < n <= j for i, j in found)  # never two passages of one article


# --- alignment -----------------------------------------------------------------------------


@PROPERTY
@given(st.one_of(texts, sentences()), st.sampled_from(ALIGNERS))
def test_a_text_aligns_with_itself_in_one_equal_run(text: str, aligner: str) -> None:
    """Word opcodes of a text against itself are one `equal` over all its words (none for a
    text without words), and the match covers the first to the last word on both sides."""
    tokens = tokenize(text)
    count = len(tokens.words)
    ops = word_ops(tokens.words, tokens.words, aligner)
    assert ops == ([("equal", 0, count, 0, count)] if count else [])
    match = known_match(passage("a", text), passage("b", text), aligner)
    assert match.matched_words == count
    assert match.score == (1.0 if count else 0.0)
    if count:
        span = (tokens.spans[0][0], tokens.spans[-1][1])
        assert [(op.tag, op.a_start, op.a_end, op.b_start, op.b_end) for op in match.ops] == [
            ("equal", *span, *span)
        ]


@settings(PROPERTY, max_examples=40)
@given(st.one_of(news_texts(), noisy(news_texts())), st.sampled_from(ALIGNERS))
def test_every_passage_matches_its_copy(text: str, aligner: str) -> None:
    """At passage level, with the real bars: a passage of `min_match_words` words or more
    matches its copy in another article completely; a shorter one matches nothing."""
    options = Options(aligner=aligner)  # type: ignore[arg-type]
    for p in segmented(text)[1]:
        match = align_passages(p, copy_of(p, "y"), options)
        count = len(tokenize(p.text).words)
        if count < options.min_match_words:
            assert match is None
            continue
        assert match is not None and match.score == 1.0 and match.matched_words == count
        assert [op.tag for op in match.ops] == ["equal"]


@st.composite
def versions(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts: unrelated ones, or a sentence and an outlet's edit of it (words cut, added or
    swapped), which is what clears the match bars."""
    if draw(st.booleans()):
        return draw(st.one_of(sentences(), texts)), draw(st.one_of(sentences(), texts))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
    edited = list(words)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(edited)))
        edited[at:at] = [draw(st.sampled_from(WORDS))] if draw(st.booleans()) else []
        del edited[at : at + draw(st.integers(0, 2))]
    return " ".join(words) + ".", " ".join(edited) + "."


match_options = st.builds(
    Options,
    aligner=st.sampled_from(ALIGNERS),
    min_match_words=st.integers(0, 6),
    min_containment=st.sampled_from((0.01, 0.3, 0.6, 1.0)),
    min_shared_run=st.integers(1, 10),
    similarity=st.sampled_from(("containment", "jaccard", "sorensen_dice")),
)


@PROPERTY
@given(versions(), match_options)
def test_a_match_does_not_depend_on_which_passage_comes_first(
    pair: tuple[str, str], options: Options
) -> None:
    """The pipeline asks for a pair in whichever order the candidate index yields it; the match
    must be the same, for any bars `Options` accepts (fails if `_aligned` stopped putting the
    pair in passage id order, or if a bar made the aligner raise)."""
    a, b = passage("a", pair[0]), passage("b", pair[1])
    assert align_passages(a, b, options) == align_passages(b, a, options)
    assert known_match(a, b, options.aligner) == known_match(b, a, options.aligner)


@PROPERTY
@given(word_lists, word_lists)
def test_swapping_two_texts_keeps_the_score_not_the_opcode_boundaries(
    a: tuple[str, ...], b: tuple[str, ...]
) -> None:
    """What symmetry the aligners give, and what the code relies on.

    Both engines give a valid difflib edit script in either direction. rapidfuzz computes an
    exact longest common subsequence, whose length does not depend on the direction: swapping
    the texts keeps `matched_words` and so the score. The opcode boundaries are not mirrored:
    when several common subsequences are longest ("a b" against "b a"), each direction breaks
    the tie its own way, and neither library offers a symmetric tie-break. difflib is greedy
    (longest block first, ties to the earliest in the first text), so even its count can
    change with the direction; it is never more than the LCS.

    That is the right promise because no caller aligns a pair in a direction of its choosing:
    `align_passages` and `known_match` put the pair in passage id order first, so the stored
    match is one whatever the order asked (previous test), and every view flips its opcodes
    from that one (`compare.oriented_ops`). Renaming articles may move an edit between two
    equally good places; it cannot change a score or a decision.
    """
    forward = {aligner: word_ops(a, b, aligner) for aligner in ALIGNERS}
    backward = {aligner: word_ops(b, a, aligner) for aligner in ALIGNERS}
    for aligner in ALIGNERS:
        assert_edit_script(forward[aligner], a, b)
        assert_edit_script(backward[aligner], b, a)
    exact = matched_words(forward["rapidfuzz"])
    assert matched_words(backward["rapidfuzz"]) == exact
    assert matched_words(forward["difflib"]) <= exact
    assert matched_words(backward["difflib"]) <= exact


@PROPERTY
@given(sentences(), sentences())
def test_swapping_two_passages_keeps_the_match_score(one: str, two: str) -> None:
    """The passage-level consequence of the previous test for the default engine: the same two
    texts under swapped ids score the same and share as many words."""
    forward = known_match(passage("a", one), passage("b", two))
    backward = known_match(passage("a", two), passage("b", one))
    assert (forward.score, forward.matched_words) == (backward.score, backward.matched_words)


# --- the pipeline --------------------------------------------------------------------------


@st.composite
def tiny_corpora(draw: st.DrawFn) -> dict[str, bytes]:
    """Two or three files telling one story, as outlets rework wire copy: paragraphs dropped,
    reordered or added, a credit or none, sometimes hazards, in UTF-8, cp1252 or HTML."""
    story = draw(st.lists(paragraphs(), min_size=2, max_size=5))
    files: dict[str, bytes] = {}
    rows = ["path,outlet,kind"]
    for number in range(draw(st.integers(2, 3))):
        kept = draw(st.lists(st.sampled_from(story), min_size=1, max_size=len(story)))
        kept += draw(st.lists(paragraphs(), max_size=1))
        if draw(st.booleans()):
            kept[0] = draw(st.sampled_from(DATELINES)) + kept[0]
        text = draw(noisy(st.just("\n\n".join(kept)))) if draw(st.booleans()) else "\n\n".join(kept)
        if draw(st.booleans()):
            name = f"a{number}.html"
            page = f"<html><body><article><p>{text}</p></article></body></html>"
            files[name] = page.encode("utf-8", "surrogatepass")
        else:
            name = f"a{number}.txt"
            files[name] = text.encode(draw(st.sampled_from(("utf-8", "cp1252"))), "replace")
        kind = draw(st.sampled_from(("outlet", "wire", "")))
        rows.append(f"{name},{draw(st.sampled_from(('Daily', '')))},{kind}")
    if draw(st.booleans()):  # outlets (their repeated lines are furniture) and wire copy
        files["manifest.csv"] = "\n".join(rows).encode()
    return files


@settings(PROPERTY, max_examples=12)
@given(tiny_corpora())
def test_the_pipeline_takes_any_tiny_corpus(files: dict[str, bytes]) -> None:
    """Reading, cleaning, alignment, stories, attribution and the changes every report shows,
    end to end on one process: no exception, every file read or skipped, every passage
    attributed with a confidence in [0, 1], every article in one story, every passage in at
    most one family, every match between passages of the run."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).write_bytes(data)
        result = run_corpus(root, Options(workers=1))
    read = {a.article.path for a in result.articles} | {s.path for s in result.skipped}
    assert read == set(files) - {"manifest.csv"}
    assert set(result.attributions) == {p.passage_id for p in result.passages}
    assert all(0.0 <= a.confidence <= 1.0 for a in result.attributions.values())
    in_stories = [a for story in result.stories for a in story.article_ids]
    assert sorted(in_stories) == sorted(a.article_id for a in result.articles)
    in_families = [p for family in result.families for p in family.passage_ids]
    assert len(in_families) == len(set(in_families))
    for match in result.matches:
        assert {match.a, match.b} <= set(result.passages_by_id)
    for cleaned in result.articles:
        for p in result.passages_of(cleaned.article_id):
            assert cleaned.body[p.start : p.end] == p.text
    story_changes(result)
