"""Writing outputs so that nothing already written is lost."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from attrib.errors import OutputError
from attrib.models import RESULT_NAME, WRITTEN_LIST


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import: setting the umask to read it is not thread-safe.
UMASK = _read_umask()


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write beside the target and rename: a reader, or a run killed mid-write, sees the old
    file or the new one, never half of either. The file gets the usual permissions (0666 less
    the umask), not the private 0600 that temporary files are created with."""
    with open_atomic(path) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """`write_atomic` for output written piece by piece (a table of a million rows need not
    sit in memory as one string): a stream to a temporary file beside `path`, renamed into
    place when the block ends without an error, removed otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def safe_stem(name: str, limit: int = 48) -> str:
    """A file-name stem made from a name attrib did not choose (an article id from a file
    name, a URL or a feed): letters and digits only, so `/`, `..`, NUL or a terminal escape can
    never shape a path, shortened to `limit`, and a short hash of the whole name so that two
    ids that read alike once cleaned (`a/b`, `a-b`) never share a file."""
    readable = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:limit].strip("-") or "article"
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"{readable}-{digest}"


STAGING_PREFIX = ".attrib-partial-"
LOCK_NAME = ".attrib.lock"


def written_before(out: Path) -> set[str]:
    """Names of the files attrib wrote into `out` (none when it never wrote there)."""
    listed = out / WRITTEN_LIST
    return set(listed.read_text(encoding="utf-8").splitlines()) if listed.is_file() else set()


def record_written(out: Path, names: Iterable[str]) -> None:
    write_atomic(out / WRITTEN_LIST, "".join(f"{name}\n" for name in sorted(set(names))))


def prepare_out(out: Path) -> None:
    """Make the output folder, or say why it cannot be one (`check_out`)."""
    check_out(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(out), f"cannot be made ({error.strerror or error})") from error


def check_out(out: Path) -> None:
    """Say now, before minutes of analysis, why `out` could not take the reports: it is a
    file, or it (or the folder it would be made in) is not writable. Nothing is created."""
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), "is a file, not a folder")
    existing = next(p for p in [out, *out.absolute().parents] if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        where = "is not writable" if existing == out else f"cannot be made in {existing}"
        raise OutputError(str(out), where)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One writer at a time in `out`: a second run into the same folder waits here until the
    first has published, rather than writing over it mid-way. The lock is the kernel's
    (`flock`), so a killed run holds it no longer."""
    with open(out / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A hidden folder inside `out` to write a whole set of outputs into, removed afterwards,
    all of it under `output_lock`.

    A run writes its tables and reports here, then `publish` renames them into `out` in one
    quick pass at the end: a run killed while it computes or writes (minutes, at scale) leaves
    `out` as the previous run left it, not half old and half new. Under the lock, any staging
    folder found was left by a killed run (a kill, SIGKILL included, runs no cleanup code) and
    is removed.
    """
    prepare_out(out)
    with output_lock(out):
        for abandoned in out.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(abandoned, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(dir=out, prefix=STAGING_PREFIX))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def publish(staging: Path, out: Path, names: Iterable[str]) -> list[Path]:
    """Move the files `names` from `staging` into `out`, each replacing its namesake by an
    atomic rename (same file system: `staging` is inside `out`)."""
    published = []
    for name in names:
        os.replace(staging / name, out / name)
        published.append(out / name)
    return published


def check_result_target(out: Path) -> None:
    """`attrib.db` in `out` is replaced only when `attrib run` wrote it there: an incremental
    store, or any file of the user's by that name, is never overwritten by a run's result."""
    target = out / RESULT_NAME
    if target.exists() and RESULT_NAME not in written_before(out):
        raise OutputError(
            str(target),
            "was not written by attrib run here (an incremental store?); "
            "give another --out, or --store to report on it",
        )
