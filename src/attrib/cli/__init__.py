"""The `attrib` command: parses options, calls the library, turns library errors into one line.

Nothing here computes anything; see `attrib.engines.local` and `attrib.output.reports`. The
engines and the report writers are imported by the commands that use them: a view that reads a
finished run (`show`, `summary`) then starts without loading HTML parsing, PDF layout or Spark.
"""

from attrib.cli import analysis, views  # noqa: F401 (their commands join the app on import)
from attrib.cli.main import app, progress

__all__ = ["app", "progress"]
