"""The rule files shipped in `attrib/data/`: furniture, wires, abbreviations, house style and
the calibration tables, read one way.

They are data, not code, so a newsroom can change a list without touching the code that reads
it; the store fingerprints the ones that prepare articles (`rules_digest`), so a store
prepared under other rules is refused rather than mixed with new articles, while a refitted
calibration or house-style list applies to every store at its next conclusion.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def _rule_file(name: str) -> Traversable:
    return resources.files("attrib.data").joinpath(name)


def has_rules(name: str) -> bool:
    """Whether the package ships `name` (the calibration tables exist only once fitted)."""
    return _rule_file(name).is_file()


def rules_text(name: str) -> str:
    """A rule file's text, for a reader that names its own errors (`wires.load_wire_list`)."""
    return _rule_file(name).read_text(encoding="utf-8")


@cache
def read_rules(name: str) -> dict[str, Any]:
    """A rule file's TOML, parsed once per process."""
    return tomllib.loads(rules_text(name))


# The files that shape a prepared article (its furniture, credits and sentences), and so what
# a store holds; house style and the calibration are read afresh by every conclusion and view.
PREPARATION_RULES = ("abbreviations.toml", "boilerplate.toml", "wires.toml")


def rules_digest(names: tuple[str, ...] = PREPARATION_RULES) -> str:
    """A digest of the named rule files, names and contents, in the order given."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode("utf-8"))
        digest.update(_rule_file(name).read_bytes())
    return digest.hexdigest()[:16]
