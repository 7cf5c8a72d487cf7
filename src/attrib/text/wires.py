"""The wire list: the agencies attrib knows, their aliases, and the credit rules that name
them (`data/wires.toml`), compiled once.

Public API: `Wire`, `WireList`, `load_wire_list(path=None)` (a file of one's own, checked
and named when it is wrong: `WireListError`), `wire_names()`.

Rules are regex templates filled with the list's names (`{wire}`, `{wires}`, `{tag}`,
`{agency}` and their lists), so a new agency needs a line of data, not a pattern; the tag
forms are one prefix-tree alternation (`_trie`), which keeps hundreds of them fast to scan.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, TypeGuard, get_args

from attrib.errors import WireListError
from attrib.models import CreditKind, CreditScope
from attrib.text.rules import read_rules, rules_text

Position = Literal["title", "before", "body", "between", "after"]


POSITIONS: tuple[Position, ...] = get_args(Position)


SCOPES: Mapping[CreditKind, CreditScope] = {
    "dateline": "article", "signoff": "article", "byline": "article", "combined": "article",
    "marker": "paragraph", "source": "quote", "quote": "quote", "photo": "none",
}  # fmt: skip


# A rule of this kind names no source: it claims a stretch (a product, a poll: "AP Top 25",
# "AFP Server") so that no later rule reads a credit in it.
RuleKind = CreditKind | Literal["none"]


NOT_A_CREDIT: Final = "none"


# A list of agencies, "AFP, Reuters and dpa", "KNA/dpa": known names and other short ones.
_LIST_SEPARATOR = r"\s*(?:[,/;&+]|\band\b|\bund\b|\bet\b)\s*"


_OTHER_NAME = r"[A-Za-z][\w.-]{0,15}"


# An acronym tag may be written with full stops, as older and OCR copy does: "D. N. B.", "A.F.P.".
ACRONYM = re.compile(r"[A-Z]{2,5}")


@dataclass(frozen=True)
class Wire:
    """A news agency: the canonical short name every output uses, the names it goes by, and the
    short forms that name it only as a credit tag ("ats", "Exchange", "CP"). `exact_case`: its
    tags are written only as listed, as "(Map)" or "(ticker)" are words, not MAP or Ticker."""

    name: str
    aliases: tuple[str, ...]
    short_forms: tuple[str, ...] = ()
    exact_case: bool = False


@dataclass(frozen=True)
class Rule:
    """One way an article credits an agency: a kind, where it applies, compiled patterns."""

    kind: RuleKind
    where: frozenset[Position]
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class WireList:
    """The wire list, compiled once: `wire_pattern` finds a wire alias, `tag_pattern` a wire
    alias or short form in the cases tags take and acronyms with full stops (to read the names
    out of a text credit the rules found), `agency_pattern` a wire alias or a picture agency;
    `names` maps each alias (whitespace collapsed) to its canonical name, `folded` each alias
    and short form without case, spaces or full stops."""

    wires: tuple[Wire, ...]
    photo_agencies: tuple[str, ...]
    rules: tuple[Rule, ...]
    wire_pattern: re.Pattern[str]
    agency_pattern: re.Pattern[str]
    names: Mapping[str, str] = field(compare=False, repr=False)
    tag_pattern: re.Pattern[str] = field(default=re.compile("(?!)"), compare=False, repr=False)
    folded: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def canonical(self, alias: str) -> str:
        """The canonical name of the wire `alias` (as matched) names."""
        return self.names.get(" ".join(alias.split())) or self.folded[_fold(alias)]


def _fold(name: str) -> str:
    """A name without case or full stops, an acronym's letters joined: "A. F. P." and "Afp"
    fold to "afp", "Europa Press" to "europa press"."""
    words = re.split(r"[\s.]+", name.strip(" .").casefold())
    return "".join(words) if all(len(word) == 1 for word in words) else " ".join(words)


def load_wire_list(path: Path | None = None) -> WireList:
    """Read and compile a wire list; without `path`, the one shipped with attrib (cached).

    Raises WireListError, naming the file and the bad entry, when the file cannot be read, is
    not TOML, or breaks the format described at the top of `data/wires.toml`.
    """
    if path is None:
        return _default_wire_list()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WireListError(f"{path}: cannot read the wire list: {exc}") from exc
    return _parse(text, str(path))


@functools.cache
def wire_names() -> tuple[str, ...]:
    """The shipped wire list's agencies in its order, read without compiling its patterns
    (seconds): what a view colouring a few origins needs."""
    return tuple(wire["name"] for wire in read_rules("wires.toml")["wire"])


@functools.cache
def _default_wire_list() -> WireList:
    return _parse(rules_text("wires.toml"), "attrib/data/wires.toml")


def _parse(text: str, source: str) -> WireList:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WireListError(f"{source}: not valid TOML: {exc}") from exc
    _check_keys(data, {"wire", "photo_agencies", "rule"}, source)
    wires = tuple(_wire(entry, where) for where, entry in _tables(data, "wire", source))
    names = _alias_names(wires, source)
    folded = _folded_names(wires, source)
    photo = _strings(data.get("photo_agencies", []), f"{source}: photo_agencies")
    one_wire, one_agency = _alternation(names), _alternation([*names, *photo])
    tags = [*names, *(form for wire in wires for form in wire.short_forms)]
    exact = {
        " ".join(tag.split())
        for wire in wires
        if wire.exact_case
        for tag in (wire.name, *wire.aliases, *wire.short_forms)
    }
    one_tag = _tag_alternation(tags, exact=exact)
    loose_tag = _tag_alternation(tags, capitalised=True, exact=exact)
    fills = {
        "{wire}": one_wire, "{wires}": _listed(one_wire),
        "{tag}": one_tag, "{tags}": _tag_list(one_tag, loose_tag),
        "{agency}": one_agency, "{agencies}": _listed(one_agency),
    }  # fmt: skip
    rules = tuple(_rule(entry, where, fills) for where, entry in _tables(data, "rule", source))
    return WireList(
        wires,
        photo,
        rules,
        re.compile(one_wire),
        re.compile(one_agency),
        names,
        re.compile(loose_tag),
        folded,
    )


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    """Unknown keys are typos ("pattern", "alias") that would otherwise silently do nothing."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise WireListError(f"{where}: unknown key(s) {unknown}; expected {sorted(allowed)}")


def _tables(data: Mapping[str, Any], key: str, source: str) -> Iterator[tuple[str, Any]]:
    """Each `[[key]]` table with its name in error messages ("wires.toml: rule[3]")."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise WireListError(f"{source}: `{key}` must be an array of tables ([[{key}]])")
    return ((f"{source}: {key}[{index}]", item) for index, item in enumerate(value))


def _strings(value: Any, where: str, required: bool = False) -> tuple[str, ...]:
    valid = isinstance(value, list) and all(isinstance(s, str) and s.strip() for s in value)
    if not valid or (required and not value):
        raise WireListError(f"{where}: must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _wire(entry: Mapping[str, Any], where: str) -> Wire:
    _check_keys(entry, {"name", "aliases", "short_forms", "exact_case"}, where)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise WireListError(f"{where}: `name` must be a non-empty string, got {name!r}")
    exact_case = entry.get("exact_case", False)
    if not isinstance(exact_case, bool):
        raise WireListError(f"{where} ({name}).exact_case: must be true or false")
    return Wire(
        name,
        _strings(entry.get("aliases"), f"{where} ({name}).aliases", required=True),
        _strings(entry.get("short_forms", []), f"{where} ({name}).short_forms"),
        exact_case,
    )


def _alias_names(wires: Iterable[Wire], source: str) -> dict[str, str]:
    """Map every alias, and each canonical name that is not only a short form ("Havas"), to
    its wire; an alias may name only one."""
    names: dict[str, str] = {}
    for wire in wires:
        own_name = () if wire.name in wire.short_forms else (wire.name,)
        for alias in dict.fromkeys((*own_name, *wire.aliases)):
            key = " ".join(alias.split())
            if names.setdefault(key, wire.name) != wire.name:
                raise WireListError(f"{source}: alias {alias!r} names {names[key]} and {wire.name}")
    return names


def _folded_names(wires: Iterable[Wire], source: str) -> dict[str, str]:
    """Map every alias and short form, folded, to its wire; a folded form may name only one."""
    folded: dict[str, str] = {}
    for wire in wires:
        for form in (wire.name, *wire.aliases, *wire.short_forms):
            key = _fold(form)
            if folded.setdefault(key, wire.name) != wire.name:
                raise WireListError(
                    f"{source}: {form!r} names {folded[key]} and {wire.name} "
                    "once case, spaces and full stops are ignored"
                )
    return folded


def _alternation(names: Iterable[str]) -> str:
    """A whole-word, case-sensitive regex for any of `names`, longest first so "PA Media"
    wins over "PA"; spaces match any run of whitespace. Matches nothing when `names` is empty.
    The look-ahead for a first letter makes scanning text about 1.6 times faster."""
    ordered = sorted({" ".join(name.split()) for name in names}, key=lambda n: (-len(n), n))
    if not ordered:
        return "(?!)"
    first = "".join(sorted({re.escape(name[0]) for name in ordered}))
    body = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)
    return rf"(?=[{first}])(?<!\w)(?:{body})(?!\w)"


def _tag_alternation(
    names: Iterable[str], capitalised: bool = False, exact: Collection[str] = ()
) -> str:
    """Like `_alternation`, in the cases tags are written in (`_case_forms`; with
    `capitalised`, two-letter tags capitalised too; names in `exact` only as listed), and with
    each acronym also written with full stops ("D. N. B.", "A.F.P.", OCR's "A . F . P ."): the
    forms a credit tag takes."""
    spaced = [" ".join(name.split()) for name in names]
    forms = {
        form
        for name in spaced
        for form in ({name} if name in exact else _case_forms(name, capitalised))
    }
    if not forms:
        return "(?!)"
    spelt = [[r"\s+" if char == " " else re.escape(char) for char in form] for form in forms]
    dot, dotted = r"\s?\.\s?", []  # "A.F.P.", "D. N. B.", OCR's "A . F . P ."
    for form in filter(ACRONYM.fullmatch, forms):
        tokens = [token for char in form for token in (char, dot)]
        dotted.append([*tokens[:-1], r"\.?"])
    return rf"(?<!\w){_trie(spelt + dotted)}(?!\w)"


def _trie(sequences: Iterable[Sequence[str]]) -> str:
    """An alternation of token sequences (regex fragments) as a prefix tree: "A(?:FP|P(?:A)?)".
    Python's regex engine tries an alternation branch by branch; a tree is tried token by
    token, which makes the scan for hundreds of tag forms about three times faster. Where a
    sequence ends inside another, the longer one is tried first."""
    tree: dict[str, Any] = {}
    for sequence in sequences:
        node = tree
        for token in sequence:
            node = node.setdefault(token, {})
        node[""] = {}  # a sequence ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [token + emit(child) for token, child in sorted(node.items()) if token]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def _case_forms(name: str, capitalised: bool = False) -> set[str]:
    """A tag as listed, in lower and upper case ("ats", "AFP"), and capitalised ("Afp",
    "Reuter") unless it has two letters: alone, "(Pa)" and "(Ap)" are more often a writer's
    initials than an agency."""
    forms = {name, name.lower(), name.upper()}
    if len(name) > 2 or capitalised:
        forms |= {name[0].upper() + name[1:].lower(), name.title()}
    return forms


def _listed(one: str, separator: str = _LIST_SEPARATOR) -> str:
    """A list naming at least one of `one`; other short names are let through, so that an agency
    missing from the wire list ("epd" in "(AFP, dpa, epd)") does not hide the others."""
    item = f"(?:{one}|{_OTHER_NAME})"
    return f"(?:{item}{separator})*{one}(?:{separator}{item})*"


def _tag_list(one: str, loose: str) -> str:
    """A list of credit tags: `_listed`, where a hyphen also joins tags ("ats-afp-ap"; there
    `loose` forms count too: "Afp-Ap") but never a tag to another word ("(PT-AP)" is a party
    and a state)."""
    return _listed(rf"(?:{loose}(?:\s*-\s*{loose})+|{one})")


def _rule(entry: Mapping[str, Any], where: str, fills: Mapping[str, str]) -> Rule:
    _check_keys(entry, {"kind", "where", "patterns"}, where)
    kind = entry.get("kind")
    if not _is_rule_kind(kind):
        kinds = [*sorted(SCOPES), NOT_A_CREDIT]
        raise WireListError(f"{where}: `kind` must be one of {kinds}, got {kind!r}")
    positions = _strings(entry.get("where", list(POSITIONS)), f"{where}.where")
    if not _are_positions(positions):
        raise WireListError(f"{where}.where: {list(positions)} is not a subset of {POSITIONS}")
    # A marker closes a body paragraph. An in-text source or quote credit covers the passage it
    # stands in, or, in a headline ("…, Interfax Says"), names a source of the whole article.
    scope = "none" if kind == NOT_A_CREDIT else SCOPES[kind]
    allowed = {"paragraph": {"body"}, "quote": {"body", "title"}}.get(scope)
    if allowed is not None and not (positions and set(positions) <= allowed):
        places = ", ".join(f'"{p}"' for p in sorted(allowed))
        raise WireListError(f"{where}: a {kind} credit covers a passage: `where` in [{places}]")
    patterns = []
    for template in _strings(entry.get("patterns"), f"{where}.patterns", required=True):
        pattern = template  # str.replace, not str.format: quantifiers like {1,5} stay as they are
        for placeholder, regex in fills.items():
            pattern = pattern.replace(placeholder, regex)
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            raise WireListError(f"{where}: bad regular expression {template!r}: {exc}") from exc
    return Rule(kind, frozenset(positions), tuple(patterns))


def _is_rule_kind(value: object) -> TypeGuard[RuleKind]:
    """Whether a wire list's `kind` is one the credit reader has rules for."""
    return value in SCOPES or value == NOT_A_CREDIT


def _are_positions(values: tuple[str, ...]) -> TypeGuard[tuple[Position, ...]]:
    """Whether a wire list's `where` names only places a credit can stand."""
    return set(values) <= set(POSITIONS)
