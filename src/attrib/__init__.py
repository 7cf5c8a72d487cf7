"""attrib: trace news copy back to the wire.

Pipeline stages, one module each: `ingest` (files to articles), `clean` (page furniture out),
`credits` (datelines, sign-offs, markers, photo credits), `segment` (passages), `candidates`
(shingle index), `align` (word-level edits), `families` (families and stories), `attribute`
(origin, confidence, evidence). `pipeline.run_corpus` wires them; `render` writes CSV, PDF and
terminal views; `cli` is the typer front end.
"""

__version__ = "0.1.0"
