"""Plain-text files and HTML pages to articles.

A page's main text and metadata come from trafilatura; what it cannot parse, or a page with no
main text, is named (`UnreadableArticle`) with the reason, saying so when the page's elements
nest past the parser's limit.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from attrib.errors import UnreadableArticle
from attrib.ingest.decoding import decode, has_text, meta_charset, normalise_text
from attrib.ingest.published import normalise_published
from attrib.models import Article


def _require_text(text: str, path: str) -> str:
    if not has_text(text):
        raise UnreadableArticle(path, "no text (empty or whitespace only)")
    return text


def article_from_text(data: bytes, article_id: str, path: str) -> Article:
    return Article(article_id=article_id, path=path, text=_require_text(decode(data, path), path))


# htmldate as trafilatura calls it, but asked for the time too; a page that gives only a date
# comes back at midnight without an offset, which `page_published` reads as a date alone.
DATE_PARAMS = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


# What htmldate finds without reading the page's text (meta tags, JSON-LD, the URL): quick.
# Its extensive search, which a page without such a date falls to, parses date-like strings
# with dateparser (0.14 s a page measured); pointless when the manifest gives the date.
QUICK_DATE_PARAMS = {**DATE_PARAMS, "extensive_search": False}


def page_published(found: str | None) -> str:
    """A page's own publication date, with its time when the page gives one."""
    if not found:
        return ""
    if found.endswith("T00:00:00"):
        return normalise_published(found[: -len("T00:00:00")])
    return normalise_published(found)


def _extract(
    html: str, path: str, dates: dict[str, object] = DATE_PARAMS
) -> trafilatura.settings.Document | None:
    """trafilatura's main text and metadata of a page, or None when it finds no text.

    trafilatura catches its parser's failures itself; what it lets through on a hostile page
    (a ValueError or lxml error from a malformed tree, a RecursionError from walking one)
    names the page instead of stopping the run.
    """
    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True, date_extraction_params=dates
        )
    except (ValueError, RecursionError, lxml.etree.LxmlError) as error:
        raise UnreadableArticle(
            path, f"the HTML could not be parsed ({type(error).__name__}: {one_line(error)})"
        ) from error
    # A dict comes back only for as_dict=True, not asked for here.
    if not isinstance(document, trafilatura.settings.Document) or not (document.text or "").strip():
        return None
    return document


def one_line(error: BaseException, limit: int = 200) -> str:
    """An exception's message on one line and cut short, for a `skipped.csv` reason."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_from_html(
    data: bytes, article_id: str, path: str, charset: str | None = None, dated: bool = False
) -> Article:
    """Main text and metadata with trafilatura; comments and tables of links stay out.

    `charset` is what the server declared, when the page came with its HTTP headers (a WARC
    record); a saved `.html` file has none, and its own `<meta charset>` is the hint. `dated`:
    the manifest gives the date, so the page is not searched for one.
    """
    html = _require_text(decode(data, path, charset, meta_charset(data)), path)
    dates = QUICK_DATE_PARAMS if dated else DATE_PARAMS
    document = _extract(html, path, dates)
    if document is None and "<body" not in html.casefold():
        # A bare fragment (`<p>…</p>`, a truncated page) parses once given a document around it.
        document = _extract(f"<html><body>{html}</body></html>", path, dates)
    if document is None:
        depth = too_deep(html)
        reason = f"; its elements nest deeper than {depth}, where the parser stops" if depth else ""
        raise UnreadableArticle(path, f"no main text found in the HTML{reason}")
    return Article(
        article_id=article_id,
        path=path,
        text=normalise_text(document.text or ""),  # never empty: `_extract` returned it
        outlet=document.sitename or "",
        published="" if dated else page_published(document.date),
        url=document.url or "",
        title=document.title or "",
        language=document.language or "",
    )


def too_deep(html: str) -> int | None:
    """The depth at which lxml (and so trafilatura) stopped reading a page, or None.

    libxml2 refuses to nest elements deeper than 256 and drops the rest of the document; no
    real page comes near (the 1,214 pages of `bench/eval_pages.py` all stay under), but a
    hostile or broken one (thousands of unclosed `<div>`s) does. Asked only of pages whose
    main text was not found, to say why.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except lxml.etree.ParserError:
        return None
    for entry in parser.error_log:
        found = _DEPTH_ERROR.search(entry.message)
        if found:
            return int(found.group(1))
    return None


_DEPTH_ERROR = re.compile(r"Excessive depth in document: (\d+)")
