"""attrib: trace news copy back to the wire.

The packages follow the data: `ingest` (files, pages, feeds and archives to articles), `text`
(tokens, quotations, furniture, credits, passages), `match` (shingles, alignment, families,
stories), `attribution` (origin, confidence, evidence), `engines` (the stages run locally, on
Spark or into a store), `views` (one story's comparison, changes, shares) and `output`
(tables, PDF, HTML, terminal). `models`, `options` and `errors` are what they pass between
them; `cli` is the typer front end.
"""

__version__ = "0.1.0"
