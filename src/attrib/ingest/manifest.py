"""A corpus's manifest (`manifest.csv` or `manifest.jsonl`): metadata by file, and the rows
that could not be used, each named.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrib.errors import UnreadableArticle
from attrib.ingest.decoding import decode
from attrib.ingest.jsonl import jsonl_records
from attrib.ingest.metadata import date_problem, kind_problem
from attrib.models import Skipped
from attrib.options import Options

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")


MANIFEST_FIELDS = ("outlet", "published", "url", "title", "kind", "language")


def read_manifest(
    root: Path, max_bytes: int = Options.max_file_bytes
) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    """Metadata by relative path (forward slashes), from `manifest.csv` or `manifest.jsonl`,
    and the manifest rows that could not be used (or used only in part)."""
    for name in MANIFEST_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                return {}, [Skipped(name, f"file too large ({size:,} bytes; limit {max_bytes:,})")]
            data = path.read_bytes()
        except OSError as error:
            return {}, [Skipped(name, f"cannot read: {error.strerror or error}")]
        if name.endswith(".csv"):
            try:
                rows, problems = manifest_csv_rows(decode(data, name), name)
            except UnreadableArticle as error:
                return {}, [Skipped(name, error.reason)]
        else:
            rows, problems = [], []
            for where, record in jsonl_records(data.splitlines(), name):
                if isinstance(record, Skipped):
                    problems.append(record)
                else:
                    rows.append((where, record))
        return manifest_entries(rows, problems)
    return {}, []


def manifest_csv_rows(
    text: str, name: str
) -> tuple[list[tuple[str, dict[str, Any]]], list[Skipped]]:
    """(where, row) for each row of a CSV manifest, where being the line the row starts on.

    A manifest without a `path` column is one problem, not one per row. A row the csv module
    refuses (a cell over its 128 KiB field limit, as an unclosed quote makes) ends the reading
    there, named: what follows an unclosed quote cannot be trusted to be rows."""
    reader = csv.DictReader(text.splitlines())
    if "path" not in (reader.fieldnames or ()):
        shown = ", ".join(reader.fieldnames or ()) or "none"
        raise UnreadableArticle(name, f"no 'path' column (its columns: {shown})")
    rows: list[tuple[str, dict[str, Any]]] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            rows.append((f"{name}:{start}", row))
            start = reader.line_num + 1
    except csv.Error as error:
        return rows, [Skipped(f"{name}:{start}", f"unreadable CSV ({error}); the rest is not used")]
    return rows, []


def manifest_entries(
    rows: Iterable[tuple[str, dict[str, Any]]], problems: list[Skipped]
) -> tuple[dict[str, dict[str, str]], list[Skipped]]:
    """The usable part of each manifest row, by path. A bad `published` or `kind` cell is
    named and left out, so the page's own date (or the default kind) stands, rather than a
    value no reader can use: attribution compares dates to say who ran a text first."""
    entries: dict[str, dict[str, str]] = {}
    for where, row in rows:
        listed = str(row.get("path") or "").strip().replace("\\", "/")
        if not listed:
            problems.append(Skipped(where, "manifest row without a 'path'"))
            continue
        if listed in entries:
            problems.append(Skipped(where, f"'{listed}' is listed twice; the first row is used"))
            continue
        entry = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
        entry["kind"] = entry["kind"].casefold()
        for key, check in (("published", date_problem), ("kind", kind_problem)):
            problem = check(entry[key])
            if problem:
                problems.append(Skipped(where, f"{problem} for '{listed}'; ignored"))
                entry[key] = ""
        entries[listed] = entry
    return entries, problems
