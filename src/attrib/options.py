"""Settings of a run, in one frozen object built in one place and passed to each stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import textdistance

Aligner = Literal["rapidfuzz", "difflib"]


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
