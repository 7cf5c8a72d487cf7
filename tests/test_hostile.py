"""A hostile corpus through the CLI as a user runs it: scraped markup that asks for URLs,
terminal escapes, bidi overrides, spreadsheet formulas and path-shaped ids and titles.

Each check can fail: the loopback server counts every request it receives, and the other
checks look for the exact bytes an attack would need to survive.
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from conftest import CORPUS
from test_pdf import Loopback

runner = CliRunner()
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m"
BIDI = "\u202e"
SEED = CORPUS / "003_220b5f207d8cf507.txt"  # Reuters copy, carried by other seeds too


def seed_paragraphs() -> list[str]:
    return [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]


def hostile_page(url: str, outlet: str) -> str:
    """A scraped page with markup that would fetch `url` and text that would attack a
    terminal or a spreadsheet, around real Reuters copy."""
    body = "".join(f"<p>{p}</p>" for p in seed_paragraphs())
    return f"""<!DOCTYPE html><html><head><title>{outlet}: Nato ../../etc/passwd</title>
<link rel="stylesheet" href="{url}/head.css"><style>@import url({url}/import.css);
body {{ background: url({url}/bg.png) }}</style>
<meta property="og:image" content="{url}/og.png"></head>
<body><article><h1>Carter urges allies {ESCAPES}</h1>
<p>The {outlet} desk adds a line of its own to the agency copy on this story today.</p>
<img src="{url}/photo.jpg" srcset="{url}/2x.jpg 2x"><iframe src="{url}/frame"></iframe>
{body}
<p>Readers wrote &lt;img src="{url}/text.png"&gt; and url({url}/text.css) and
file:///etc/passwd {BIDI}txet desrever and {ESCAPES} in the comments of this story.</p>
<p>=HYPERLINK("{url}/csv","click") was pasted by a reader under this article.</p>
<object data="{url}/object"></object><svg><image href="{url}/svg.png"/></svg>
</article></body></html>"""


@pytest.fixture(scope="module")
def loopback() -> Loopback:
    with Loopback() as server:
        yield server


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, loopback: Loopback) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    for outlet in ("herald", "courier"):
        (corpus / f"{outlet}.html").write_text(hostile_page(loopback.url, outlet), "utf-8")
    record = {
        "id": "../../escaped\x00" + "x" * 300,
        "title": "../../../tmp/owned " + ESCAPES,
        "outlet": "Feed" + ESCAPES,
        "text": "\n\n".join(seed_paragraphs()),
    }
    (corpus / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = root / "reports"
    # WeasyPrint logs every resource it could not load.
    problems: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = problems.append  # type: ignore[method-assign]
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--workers", "1"])
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert result.exit_code == 0, result.output
    assert [r.getMessage()[:200] for r in problems if r.levelno >= logging.WARNING] == []
    (root / "terminal.txt").write_text(result.output, encoding="utf-8")
    return out


def test_rendering_the_reports_fetches_nothing(hostile_run: Path, loopback: Loopback) -> None:
    assert list(hostile_run.glob("story-*.pdf"))
    assert loopback.paths == []


def test_outputs_stay_inside_the_out_folder(hostile_run: Path) -> None:
    root = hostile_run.parent
    assert sorted(p.name for p in root.iterdir()) == ["corpus", "reports", "terminal.txt"]
    assert all(p.parent == hostile_run for p in hostile_run.rglob("*"))


def test_formula_cells_are_neutralised(hostile_run: Path) -> None:
    with (hostile_run / "passages.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    formulas = [t for t in texts if "HYPERLINK" in t]
    assert formulas and all(t.startswith("'=") for t in formulas)


def test_no_escape_reaches_the_terminal(hostile_run: Path) -> None:
    corpus = hostile_run.parent / "corpus"
    printed = [(hostile_run.parent / "terminal.txt").read_text(encoding="utf-8")]
    for command in (
        ["diff", str(corpus / "herald.html"), str(corpus / "courier.html")],
        ["diff", str(corpus / "herald.html"), str(corpus / "courier.html"), "--side-by-side"],
        ["show", "herald", "--corpus", str(corpus)],
        ["summary", "--corpus", str(corpus)],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        printed.append(result.output)
    assert "txet desrever" in printed[3]  # the hostile paragraph is shown, defused
    for output in printed:
        assert not {"\x1b", "\x07", "\x9b", BIDI} & set(output), output[:200]


def test_a_path_shaped_id_names_its_report_safely(hostile_run: Path) -> None:
    corpus = hostile_run.parent / "corpus"
    article = "../../escaped\x00" + "x" * 300
    result = runner.invoke(
        app, ["report", "--corpus", str(corpus), "-o", str(hostile_run), "--article", article]
    )
    assert result.exit_code == 0, result.output
    (written,) = hostile_run.glob("article-*.pdf")
    assert written.name.startswith("article-escaped-xxx") and len(written.name) < 80
