"""Does a change leave what a run writes as it was? The tables of two commits, side by side.

Usage: python bench/identity.py BASE [--stories N]

Refactoring (issue 17) must not change a run's output, and a change that should not touch the
tables must not either. This runs `attrib run --no-pdf --no-html` twice on each corpus, once with
the working tree's code and once with BASE's (a `git worktree` of that commit, run through
`PYTHONPATH`, in the same virtual environment), and compares the CSVs byte for byte. The
corpora are the five seeds (`corpus/`), four generated corpora (`bench/generate.py`, seeds 101
and 202, with and without wire copy) and, with ../shared, the raw Reuters-21578 development
feed as distributed. The output names every table that differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_real import raw_stories, write_reuters
from generate import generate

REPO = Path(__file__).resolve().parent.parent
TABLES = ("articles.csv", "passages.csv", "changes.csv", "outlets.csv", "skipped.csv")
GENERATED = ((101, 1.0), (101, 0.0), (202, 1.0), (202, 0.0))


def corpora(root: Path, stories: int) -> dict[str, Path]:
    """Every corpus the comparison runs on, written under `root`."""
    found = {"seeds": REPO / "corpus"}
    for seed, wire_copy in GENERATED:
        folder = root / f"generated-{seed}-{wire_copy}"
        generate(folder, stories, seed, wire_copy)
        found[folder.name] = folder
    try:
        feed = list(raw_stories())
    except FileNotFoundError:
        print("raw Reuters: ../shared/data not found, left out")
    else:
        write_reuters(root / "reuters-dev", feed)
        found["reuters-dev"] = root / "reuters-dev"
    return found


def tables(source: Path, corpus: Path, out: Path) -> dict[str, str]:
    """The run's tables, hashed, with attrib imported from `source`/src."""
    command = [sys.executable, "-m", "attrib", "run", str(corpus), "--out", str(out)]
    command += ["--no-pdf", "--no-html"]
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    subprocess.run(command, env=env, check=True, capture_output=True)
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in TABLES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare the working tree with")
    parser.add_argument("--stories", type=int, default=60, help="stories per generated corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base = root / "base"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(base), args.base],
            check=True,
            capture_output=True,
        )
        try:
            differing = []
            for name, corpus in corpora(root / "corpora", args.stories).items():
                before = tables(base, corpus, root / "out" / "base" / name)
                after = tables(REPO, corpus, root / "out" / "now" / name)
                changed = [table for table in TABLES if before[table] != after[table]]
                print(f"{name:<22} {'differs: ' + ', '.join(changed) if changed else 'same'}")
                differing += changed
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)],
                check=False,
                capture_output=True,
            )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
