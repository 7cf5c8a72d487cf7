"""Settings of a run, in one frozen object built in one place and passed to each stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import textdistance

Aligner = Literal["rapidfuzz", "difflib"]


@dataclass(frozen=True)
class PassageThresholds:
    """How an article's body is cut into passages (`text.segment`).

    Attributes:
        min_words: a sentence shorter than this ("He said.") joins the one before it, as a
            fragment is not a passage anyone copies on its own.
        max_words: a run-on longer than this (a table read as prose, a page without full
            stops) is cut into pieces of about equal length; longer than all but a handful
            of Reuters-21578's sentences.
        cut_slack_words: a piece may run this many words over or under its mark, to end at a
            comma, semicolon or colon.
    """

    min_words: int = 3
    max_words: int = 100
    cut_slack_words: int = 10


@dataclass(frozen=True)
class ReadingThresholds:
    """How an article's raw text is read (`text.paragraphs`, `text.language`): its lines into
    paragraphs where it is hard-wrapped (old wire copy, OCR of newspaper columns), and its
    language when it does not say.

    Attributes:
        wrap_min_breaks: lines ending inside a sentence, the next going on in lower case, that
            make a text hard-wrapped...
        wrap_min_share: ...when they are this share of its pairs of lines at least;
        short_text_min_breaks: a short text needs fewer (a three-line story has two)...
        short_text_min_share: ...if this share of its pairs break so (or its paragraphs open
            on an indented line, as Reuters-21578's do)...
        wrapped_min_words: ...its lines carry this many words on average (a column's do, a
            list's one word a line does not)...
        wrapped_max_line: ...and none is longer than this many characters.
        short_last_line: a line shorter than this share of the text's usual line ends its
            paragraph when it also ends a sentence.
        unwrapped_width: a line this many times the usual line is no line of the column (a
            web page's paragraph in a file that also holds wrapped text).
        noise_letters: a line whose visible characters are less than this share letters and
            digits is OCR noise (a rule, a smudge), standing alone.
        split_min_hyphens: a text splits words at line ends when at least this many of its
            lines end in a hyphen after a letter...
        split_min_share: ...and this share of them.
        language_min_words: a text shorter than this many words has no language detected...
        language_min_probability: ...nor one detected with less confidence than this.
    """

    wrap_min_breaks: int = 3
    wrap_min_share: float = 0.1
    short_text_min_breaks: int = 1
    short_text_min_share: float = 0.3
    wrapped_min_words: int = 4
    wrapped_max_line: int = 100
    short_last_line: float = 0.7
    unwrapped_width: float = 1.5
    noise_letters: float = 0.5
    split_min_hyphens: int = 2
    split_min_share: float = 0.08
    language_min_words: int = 8
    language_min_probability: float = 0.8


@dataclass(frozen=True)
class FurnitureThresholds:
    """How a page's lines are told apart as prose, furniture or a row of figures
    (`text.clean`).

    Attributes:
        prose_min_words: a line shorter than this is never prose, however it ends.
        long_prose_words: a line this long is prose even without a final full stop (an OCR
            or markup accident).
        short_line_words: a prose line longer than this is body text wherever it stands.
        title_case_share: a line is a Title Case headline when this share of its words of
            four letters or more start with a capital...
        title_line_max_words: ...and, when under this many words, it is not body text.
        table_min_figures: figures a row of a table holds at least...
        table_figure_share: ...and the share of its words they are at least.
        repeat_min_articles: an outlet's line is its furniture when this many of its
            articles carry it...
        repeat_min_share: ...and this share of them, so a wire paragraph an outlet ran twice
            (a story and its update) is not.
    """

    prose_min_words: int = 4
    long_prose_words: int = 20
    short_line_words: int = 12
    title_case_share: float = 0.8
    title_line_max_words: int = 15
    table_min_figures: int = 2
    table_figure_share: float = 0.25
    repeat_min_articles: int = 3
    repeat_min_share: float = 0.5


@dataclass(frozen=True)
class AlignmentThresholds:
    """What makes two aligned passages one text (`match.align`), besides the run's
    `min_match_words`, `min_containment` and `min_shared_run`.

    Attributes:
        short_passage_words: in a passage shorter than this, a figure that differs makes
            another fact ("No bids, 26 ov May" is not "No bids, 43 ov May")...
        same_text_containment: ...and above this containment two passages are one text even
            if a figure was updated (a casualty figure in a new lead).
        min_quote_words: a quotation both passages carry word for word makes them one text
            when it is this long.
        misread_min_letters: in a scan, one substituted letter in a word this long, inside a
            run that agrees, is a misread letter (`Dslacroix`, `Delacroix`)...
        misread_max_words: ...in a run of at most this many such words...
        misread_min_digits: ...and a figure this long one digit apart is one figure misread.
        table_min_containment: two rows of figures are one row when every figure agrees and
            this share of their words or more.
    """

    short_passage_words: int = 12
    same_text_containment: float = 0.9
    min_quote_words: int = 4
    misread_min_letters: int = 5
    misread_max_words: int = 2
    misread_min_digits: int = 3
    table_min_containment: float = 0.5


@dataclass(frozen=True)
class StoryThresholds:
    """How matches are extended and articles linked into stories (`match.extend.Neighbours`,
    `match.families`), besides the run's `story_min_*` settings.

    Attributes:
        neighbour_min_match_words: words a passage next to a match must share with its
            counterpart to be matched too...
        neighbour_min_containment: ...covering this share of the shorter of the two.
        mostly_share: an article shorter than `story_min_shared_words` is one story with
            another when this share of its words is matched.
        wire_copy_min_words: a match to reference wire copy of this many words...
        wire_copy_min_score: ...and this score links an article to the wire's story.
        table_story_rows: rows of a results table two articles share, one distinctive, that
            make them one story.
        one_paragraph_story_share: a pair sharing one paragraph is one story when it is this
            share of the shorter article.
        distinctive_digits: a figure of this many digits (not a year) makes a row of figures
            one no other company would print.
    """

    neighbour_min_match_words: int = 2
    neighbour_min_containment: float = 0.8
    mostly_share: float = 0.8
    wire_copy_min_words: int = 10
    wire_copy_min_score: float = 0.8
    table_story_rows: int = 2
    one_paragraph_story_share: float = 0.5
    distinctive_digits: int = 4


@dataclass(frozen=True)
class Options:
    """Tunable settings; defaults are what `attrib run` uses.

    Attributes:
        shingle_size: words per shingle in the candidate index. Short enough that a ten-word
            quote still shares several shingles after one changed word.
        max_document_frequency: a shingle found in more articles than this is a stock phrase
            or boilerplate and never makes two passages candidates (passim uses 100).
        min_shared_shingles: shingles two passages must share to be aligned at all.
        min_match_words: words two passages must share, in order, to count as a match.
        min_containment: share of the shorter passage's words that must be matched...
        min_shared_run: ...unless this many words match in one unbroken run (a quote an
            outlet folded into a longer sentence of its own).
        story_min_shared_words: matched words two articles must share to be one story...
        story_min_shared_share: ...and the share of the shorter article's words they must be,
            so that one stock sentence never chains unrelated articles into one story...
        story_min_passage_words: ...unless one shared passage alone has this many words.
        common_source_min_run: words in one unbroken run that link two articles of different
            stories as sharing a source (a statement, a press release): a sentence. Stock
            phrases are shorter ("did not immediately respond to a request for comment" is
            nine words); a quotation needs fewer (`families.common_source_matches`)...
        common_source_max_stories: ...when the run's shingles are, in the median, held by at
            most this many stories, counting the two and each article outside them as one: one
            source's sentence is in a few stories however many outlets ran each, a templated
            line ("said it filed a registration statement with the Securities and Exchange
            Commission") in dozens.
        aligner: which opcode engine computes word-level edits; both give difflib's opcodes.
        similarity: `containment` (from the alignment) or the name of a textdistance
            algorithm (`jaccard`, `sorensen_dice`, `ratcliff_obershelp`...) applied to the two
            passages' word lists instead.
        calibrate: map raw confidences through the fitted calibration table (off only to fit
            a new table).
        neutralise_csv: prefix formula-like cells so spreadsheets show them as text.
        language: sentence-splitting language when an article neither says its own nor has
            one detected with confidence.
        max_file_bytes: larger files are skipped with a message rather than read into memory.
        strict: any file or record that cannot be read stops the run, or the addition to a
            store, before anything is written (`--strict`); by default it is skipped and named.
        workers: processes that prepare articles, align pairs, extend matches and write story
            reports; 0 means one per core. The output is the same for any number.
        reading, passages, furniture, alignment, stories: the finer thresholds of each stage,
            with their reasons (`ReadingThresholds`, `PassageThresholds`,
            `FurnitureThresholds`, `AlignmentThresholds`, `StoryThresholds`).
    """

    shingle_size: int = 3
    max_document_frequency: int = 100
    min_shared_shingles: int = 2
    min_match_words: int = 5
    min_containment: float = 0.6
    min_shared_run: int = 8
    story_min_shared_words: int = 20
    story_min_shared_share: float = 0.15
    story_min_passage_words: int = 25
    common_source_min_run: int = 12
    common_source_max_stories: int = 5
    aligner: Aligner = "rapidfuzz"
    similarity: str = "containment"
    calibrate: bool = True
    neutralise_csv: bool = True
    language: str = "en"
    max_file_bytes: int = 50_000_000
    strict: bool = False
    workers: int = 0
    reading: ReadingThresholds = field(default_factory=ReadingThresholds)
    passages: PassageThresholds = field(default_factory=PassageThresholds)
    furniture: FurnitureThresholds = field(default_factory=FurnitureThresholds)
    alignment: AlignmentThresholds = field(default_factory=AlignmentThresholds)
    stories: StoryThresholds = field(default_factory=StoryThresholds)

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, got {self.shingle_size}")
        if self.max_document_frequency < 2:
            raise ValueError(
                f"max_document_frequency must be at least 2, got {self.max_document_frequency}"
            )
        if not 0.0 < self.min_containment <= 1.0:
            raise ValueError(f"min_containment must be in (0, 1], got {self.min_containment}")
        if self.similarity != "containment" and not hasattr(
            getattr(textdistance, self.similarity, None), "normalized_similarity"
        ):
            raise ValueError(
                f"similarity must be 'containment' or a textdistance measure, "
                f"got {self.similarity!r}"
            )
        if self.workers < 0:
            raise ValueError(f"workers must be 0 (one per core) or more, got {self.workers}")
        if self.aligner not in ("rapidfuzz", "difflib"):
            raise ValueError(f"aligner must be 'rapidfuzz' or 'difflib', got {self.aligner!r}")
