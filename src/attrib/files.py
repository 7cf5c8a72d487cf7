"""Writing outputs so that nothing already written is lost."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


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


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A hidden folder inside `out` to write a whole set of outputs into, removed afterwards.

    A run writes its tables and reports here, then `publish` renames them into `out` in one
    quick pass at the end: a run killed while it computes or writes (minutes, at scale) leaves
    `out` exactly as the previous run left it, not half old and half new. Folders that killed
    runs left behind are removed first; a kill (SIGKILL included) cannot run cleanup code.
    """
    out.mkdir(parents=True, exist_ok=True)
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
