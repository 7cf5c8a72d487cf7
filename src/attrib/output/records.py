"""A run's views as JSON, for programs: what `attrib show --json` and `attrib summary --json`
print. The figures are the tables' own (`tables`), so JSON, CSV and the terminal agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from attrib.models import CorpusResult
from attrib.output.tables import OUTLET_COLUMNS, JsonCell, json_records, outlet_rows
from attrib.text.credits import credited_wires
from attrib.views.shares import OutletShares


def article_record(result: CorpusResult, article_id: str) -> dict[str, object]:
    """One article as `attrib show` prints it: who ran it, what it credits, and each passage
    with its origin, confidence and the evidence in words."""
    cleaned = result.article(article_id)
    passages = []
    for passage in result.passages_of(article_id):
        attribution = result.attributions.get(passage.passage_id)
        passages.append(
            {
                "passage_id": passage.passage_id,
                "text": passage.text,
                "origin": attribution.origin if attribution else None,
                "confidence": attribution.confidence if attribution else None,
                "evidence": attribution.evidence if attribution else None,
            }
        )
    return {
        "article_id": article_id,
        "outlet": cleaned.outlet,
        "published": cleaned.published,
        "title": cleaned.title,
        "story_id": result.story_of.get(article_id, ""),
        "credited_wires": list(credited_wires(result.credits.get(article_id, ()))),
        "passages": passages,
    }


def outlet_records(outlets: Sequence[OutletShares]) -> list[dict[str, JsonCell]]:
    """The rows of `outlets.jsonl`."""
    return list(json_records(OUTLET_COLUMNS, outlet_rows(outlets)))


# Characters a terminal acts on or a reader cannot see that `json.dumps` leaves as they are (it
# escapes C0 controls itself): DEL and C1 controls, bidi overrides and other format characters,
# line and paragraph separators; written as JSON escapes.
_UNSEEN = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def json_text(value: object) -> str:
    """Indented, key order kept, letters of every script as they are, with a final newline;
    what could act on the terminal that prints it stays escaped (still valid JSON: a string
    may escape any character)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNSEEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
