"""The language an article is written in, when the corpus does not say.

Sentence splitting depends on it (abbreviations, quotation marks and ordinal dots differ between
English, French and German), and researchers tabulate wire dependence by language. py3langid
(langid.py's model, shipped inside the package: nothing is downloaded) names one of 97
languages in about a millisecond. A guess it is unsure of, or one made on a few words or a
table, is no guess: the article then takes the run's default language.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from attrib.options import ReadingThresholds

# langid reads character n-grams: a thousand characters decide as well as a whole book, at a
# fifth of the time of four thousand (about 0.5 ms an article).
SAMPLE_CHARS = 1000
READING = ReadingThresholds()


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, limits: ReadingThresholds = READING) -> str:
    """The ISO 639-1 code of the text's language, or '' when it is too short or unclear
    (`language_min_words`, `language_min_probability`)."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < limits.language_min_words:
        return ""
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= limits.language_min_probability else ""
