"""Killing a run (SIGKILL: no cleanup code runs) leaves the previous run's outputs exactly as
they were, and the next run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from attrib.output.files import STAGING_PREFIX
from conftest import CORPUS

RUN = [sys.executable, "-m", "attrib", "run"]


def outputs(out: Path) -> dict[str, bytes]:
    """What a reader of `out` sees: its visible files and their bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def larger_corpus(folder: Path, copies: int) -> Path:
    """The seeds and `copies` edited versions of each, so a run with PDFs takes a while:
    stories of dozens of articles, each copy with a line of its own and a word changed."""
    folder.mkdir()
    for seed in sorted(CORPUS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (folder / seed.name).write_text(text, encoding="utf-8")
        for copy in range(copies):
            edited = text.replace(" said ", " told reporters ", copy % 3) + (
                f"\nThe desk added line {copy} of its own to this copy of the story.\n"
            )
            (folder / f"{seed.stem}-copy{copy:02d}.txt").write_text(edited, encoding="utf-8")
    return folder


def kill_when(command: list[str], ready: Callable[[int], bool], limit: float = 120.0) -> None:
    """Start `command` in its own process group and SIGKILL the group (workers too) as soon
    as `ready(pid)` holds; fail if the command ends first."""
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + limit
    try:
        while not ready(process.pid):
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run never reached the point to kill it at"
            time.sleep(0.005)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def staging_has_files(out: Path) -> bool:
    return any(any(folder.iterdir()) for folder in out.glob(f"{STAGING_PREFIX}*"))


def computing(pid: int, out: Path) -> bool:
    """The run has worker processes at work (reading, preparing or aligning) and has not
    begun to write: the staging folder, made when writing starts, is not there yet."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return (
        children.exists()
        and bool(children.read_text().split())
        and not list(out.glob(f"{STAGING_PREFIX}*"))
    )


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["while computing", "while writing"])
def test_a_killed_run_leaves_the_previous_reports_and_the_next_run_completes(
    moment: str, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    subprocess.run([*RUN, str(CORPUS), "--out", str(out)], check=True, capture_output=True)
    before = outputs(out)
    assert {"articles.csv", "passages.csv", "story-s2.pdf"} <= before.keys()

    bigger = larger_corpus(tmp_path / "bigger", copies=12)
    ready = {
        "while computing": lambda pid: computing(pid, out),
        "while writing": lambda pid: staging_has_files(out),
    }[moment]
    kill_when([*RUN, str(bigger), "--out", str(out)], ready)
    assert outputs(out) == before

    subprocess.run(
        [*RUN, str(bigger), "--out", str(out), "--no-pdf"], check=True, capture_output=True
    )
    after = outputs(out)
    assert after["articles.csv"] != before["articles.csv"]
    assert after["articles.csv"].count(b"\n") == 5 * 13 + 1
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.slow
def test_two_runs_into_one_folder_both_complete(tmp_path: Path) -> None:
    """The second run waits for the first to publish (a lock in the folder) instead of
    removing the staging folder the first is writing into; what is left is one whole run."""
    out = tmp_path / "reports"
    bigger = larger_corpus(tmp_path / "bigger", copies=6)
    slow = subprocess.Popen(
        [*RUN, str(bigger), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not staging_has_files(out):
        assert slow.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    quick = subprocess.run(
        [*RUN, str(CORPUS), "--out", str(out), "--no-pdf"], capture_output=True, text=True
    )
    assert slow.wait() == 0, slow.stderr.read() if slow.stderr else ""
    assert quick.returncode == 0, quick.stderr
    articles = outputs(out)["articles.csv"].count(b"\n") - 1
    passages = {row.split(b",")[0] for row in outputs(out)["passages.csv"].splitlines()[1:]}
    assert articles in (5, 5 * 7) and len(passages) == articles
    assert not list(out.glob(f"{STAGING_PREFIX}*"))
