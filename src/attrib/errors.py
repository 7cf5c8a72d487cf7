"""Errors attrib raises; the CLI turns each into a one-line message naming the bad thing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from attrib.models import Skipped


class AttribError(Exception):
    """Base class for every error attrib reports to a user."""


class UnreadableArticle(AttribError):
    """A corpus file (or one record of it) cannot become an article.

    The batch goes on: the pipeline records `path` and `reason` in `skipped.csv`.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class CorpusNotFound(AttribError):
    """The corpus folder given on the command line does not exist or is not a folder."""

    def __init__(self, path: str, reason: str = "no such folder") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


class ArticleNotFound(AttribError):
    """An article id asked for (e.g. by `attrib diff --corpus`) is not in the corpus."""

    def __init__(self, article_id: str) -> None:
        super().__init__(
            f"no article with id {article_id!r} (ids are the first column of articles.csv)"
        )
        self.article_id = article_id


class RunNotFound(AttribError):
    """A view was asked to read a finished run from a folder `attrib run` never wrote."""

    def __init__(self, out: str) -> None:
        super().__init__(
            f"{out}: no finished run here (attrib.db is missing); run `attrib run CORPUS "
            f"--out {out}` first, or give --corpus or --store"
        )
        self.out = out


class WireListError(AttribError):
    """The wire list data file is malformed."""


class OutputError(AttribError):
    """The output folder (`--out`) cannot take the reports."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


class StoreError(AttribError):
    """The incremental store cannot be used: not a store, or built with other settings."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class SkippedWhenStrict(AttribError):
    """`--strict` was given and some files or records could not be read; nothing is written."""

    def __init__(self, skipped: Sequence[Skipped]) -> None:
        first = skipped[0]
        count = f"{len(skipped)} inputs" if len(skipped) > 1 else "an input"
        super().__init__(
            f"--strict: {count} could not be read, so nothing was written "
            f"(the first: {first.path}: {first.reason})"
        )
        self.skipped = tuple(skipped)


class StoryNotFound(AttribError):
    """A story id asked for (`attrib report --story`) is not one the run reports on."""

    def __init__(self, story_id: str) -> None:
        super().__init__(
            f"no story {story_id!r} with two or more articles in this run "
            "(story ids are those of articles.csv)"
        )
        self.story_id = story_id


class NothingToReport(AttribError):
    """`attrib report` on a run with no story of two or more articles: no article shares text
    with another, so there is nothing to set side by side."""

    def __init__(self) -> None:
        super().__init__("no two articles of this run share text, so there is no report to write")


class ArticleNotInStory(AttribError):
    """An article asked for (`attrib report --article`) is alone in its story: it shares no
    text with another article, or only a borrowed paragraph, so no story report compares it
    with anything (`attrib show` still lists its matches)."""

    def __init__(self, article_id: str) -> None:
        super().__init__(
            f"article {article_id!r} is alone in its story (it shares too little text with "
            "any other article, or one borrowed paragraph), so it has no report; "
            "`attrib show` lists its passages and their matches"
        )
        self.article_id = article_id
