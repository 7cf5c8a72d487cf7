"""What is known of an article besides its text: its outlet, date and kind, and where in the
corpus it was found.

An article's outlet is the manifest's, else the page's own (its site name, a WARC record's
host, a feed record's `outlet`), else the first folder under the corpus root (`outlet_choice`).
Dates and kinds given by a manifest or a feed are checked here, so both name a bad value in
the same words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from attrib.ingest.decoding import without_surrogates
from attrib.ingest.published import normalise_published
from attrib.models import Article, is_article_kind


def date_problem(value: str) -> str | None:
    """Why a manifest date is unusable, or None: it must be an ISO date or date-time
    (`2016-02-11`, `2016-02-11T14:30+01:00`), as `articles.csv` gives dates and as attribution
    compares them; `11/02/2016` could be either of two days."""
    if not value:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"bad date {value!r} (want YYYY-MM-DD or an ISO date-time)"
    return None


def kind_problem(value: str) -> str | None:
    if value and value not in ("wire", "outlet"):
        return f"unknown kind {value!r} (want wire or outlet)"
    return None


def with_metadata(article: Article, metadata: dict[str, str], folder: str = "") -> Article:
    """Manifest values override what the page itself said; empty manifest cells do not. The
    outlet, with where it came from, is chosen by `outlet_choice`: `folder` names the outlet
    only when neither the manifest nor the page does."""
    updates = {k: v for k, v in metadata.items() if v and k not in ("kind", "outlet")}
    if "published" in updates:
        updates["published"] = normalise_published(updates["published"])
    given = metadata.get("kind", "")
    kind = given if is_article_kind(given) else article.kind
    outlet, source = outlet_choice(metadata.get("outlet", ""), article.outlet, folder)
    return replace(article, **updates, kind=kind, outlet=outlet, outlet_source=source)


def outlet_choice(manifest: str, page: str, folder: str) -> tuple[str, str]:
    """(outlet, where it came from): the manifest's, else the page's own, else the folder's;
    ("", "") when none names one.

    The manifest is what the researcher said, so it wins; a page's site name (or a record's
    host) is the publisher's own word for itself, and wins over a folder name, which is only
    how someone saved the files (`corpus/june/` names a month, not a publisher).
    """
    for source, outlet in (("manifest", manifest), ("page", page), ("folder", folder)):
        if outlet:
            return outlet, source
    return "", ""


def folder_outlet(path: str) -> str:
    """The first folder under the corpus root of the file an article is in (`dw/sub/x.txt`,
    `dw/feed.jsonl:3` give `dw`), or "" for a file directly in the root.

    A corpus saved one folder per outlet (`corpus/dw/`, `corpus/bbc/`) says who published
    each file without a manifest; only the first folder counts, since deeper ones are how
    an outlet's files were sorted (by day, by section), not who published them.
    """
    head, separator, _ = file_of(path).partition("/")
    return without_surrogates(head).strip() if separator else ""


def file_of(where: str) -> str:
    """The corpus file a path, a `feed.jsonl:12` line or a `crawl.warc.gz#7` record points into."""
    for mark in (":", "#"):
        head, _, number = where.rpartition(mark)
        if head and number.isdigit():
            return head
    return where
