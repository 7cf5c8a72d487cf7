# The part of WeasyPrint's API attrib calls (it ships no types), so that strict mypy checks
# those calls instead of reading them as Any. Signatures as of WeasyPrint 70.
from typing import Any, overload

from weasyprint.urls import URLFetcher

class CSS:
    def __init__(
        self,
        guess: Any = None,
        *,
        string: str | None = None,
        base_url: str | None = None,
        url_fetcher: URLFetcher | None = None,
        **kwargs: Any,
    ) -> None: ...

class HTML:
    def __init__(
        self,
        guess: Any = None,
        *,
        string: str | None = None,
        base_url: str | None = None,
        url_fetcher: URLFetcher | None = None,
        **kwargs: Any,
    ) -> None: ...
    @overload
    def write_pdf(
        self, target: None = None, *, stylesheets: list[CSS] | None = None, **options: Any
    ) -> bytes: ...
    @overload
    def write_pdf(
        self, target: Any, *, stylesheets: list[CSS] | None = None, **options: Any
    ) -> None: ...
