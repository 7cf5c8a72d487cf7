"""Outputs are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from attrib.output import files
from attrib.output.files import write_atomic


def test_write_replaces_whole_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "story.pdf"
    target.write_bytes(b"%PDF-old")
    write_atomic(target, b"%PDF-new")
    write_atomic(tmp_path / "passages.csv", "text,é\n")
    assert target.read_bytes() == b"%PDF-new"
    assert (tmp_path / "passages.csv").read_text(encoding="utf-8") == "text,é\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["passages.csv", "story.pdf"]


def test_written_files_get_ordinary_permissions_not_private_ones(tmp_path: Path) -> None:
    write_atomic(tmp_path / "articles.csv", "a\n")
    mode = stat.S_IMODE((tmp_path / "articles.csv").stat().st_mode)
    assert mode == 0o666 & ~files.UMASK
    assert mode != 0o600 or files.UMASK == 0o066


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "story.pdf"
    target.write_bytes(b"%PDF-old")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.pdf"]


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/abs/path", "a\x00b", "\x1b]0;title\x07", "..", "", "é" * 300, "CON"],
)
def test_safe_stem_never_shapes_a_path(name: str, tmp_path: Path) -> None:
    stem = files.safe_stem(name)
    assert len(stem) <= 48 + 9
    assert stem.replace("-", "").isalnum() and stem.isascii()
    target = tmp_path / f"article-{stem}.pdf"
    write_atomic(target, b"x")
    assert target.parent == tmp_path and target.exists()


def test_safe_stems_of_ids_that_read_alike_differ() -> None:
    alike = ["reuters/003", "reuters-003", "reuters 003", "reuters//003"]
    stems = [files.safe_stem(name) for name in alike]
    assert len(set(stems)) == len(alike)
    assert all(stem.startswith("reuters-003-") for stem in stems)
