"""Writing outputs so that nothing already written is lost."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
