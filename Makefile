# Set-up is part of every target: a fresh clone needs only Python 3.11+ and WeasyPrint's Pango
# (on the machine image; see README if yours lacks it). HarfBuzz's subsetter makes PDFs about
# 4x faster; as root on Debian it is installed here, elsewhere PDFs are just slower without it.
# Debian's Chromium opens the HTML report in tests/test_html.py (playwright drives it, nothing
# is downloaded); installed here the same way, elsewhere those tests skip (under CI they fail).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval calibrate lint clean

$(STAMP): pyproject.toml
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get install -y -q libharfbuzz-subset0 >/dev/null 2>&1; } || \
	  echo "note: libharfbuzz-subset0 not installed; PDF reports will be slower"
	@[ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get install -y -q chromium >/dev/null 2>&1; } || \
	  echo "note: chromium not installed; the HTML report's browser tests will skip"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/attrib run corpus --out reports

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench.py

eval: $(STAMP)
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/eval_credits.py
	$(BIN)/python bench/eval_pages.py
	$(BIN)/python bench/eval_real.py
	$(BIN)/python bench/eval_reuse.py

calibrate: $(STAMP)
	$(BIN)/python bench/calibrate.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) reports build *.egg-info src/*.egg-info
