"""`python -m attrib` runs the command-line interface."""

from attrib.cli import app

app()
