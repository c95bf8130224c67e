# Two commands do all the set-up on a fresh clone: `make report` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 1)

.DEFAULT_GOAL := help
.PHONY: help env fonts lock report reports test test-fast lint format bench check-browser clean tone-model

help:  ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

env: $(STAMP) fonts  ## create .venv with the exact versions of requirements.lock (only if missing or out of date)

# Figures with Korean or Japanese text need a CJK font, or Hangul and kana/kanji are boxes.
fonts:  ## install Debian's fonts-noto-cjk if it is missing (as root with apt-get; else say how)
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing fonts-noto-cjk (Hangul and kana/kanji in figures)"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || \
	      { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null; }; \
	  else \
	    echo "note: no CJK font: Korean/Japanese labels in figures will be boxes;" \
	      "install one with: sudo apt-get install fonts-noto-cjk"; \
	  fi; }

lock: $(STAMP)  ## re-resolve requirements.lock from pyproject.toml's ranges (uv), then rebuild .venv
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--quiet -o requirements.lock
	$(MAKE) env

report: $(STAMP) fonts  ## render every notebook (defaults) and every reports/params/*.yaml into reports/
	$(PY) -m analysis report --params reports/params --jobs $(JOBS)

reports: report  ## alias of `report` (reports already up to date are skipped)

test: $(STAMP) fonts  ## run the whole test suite (notebooks included)
	$(PY) -m pytest

test-fast: $(STAMP)  ## run the tests that do not execute notebooks
	$(PY) -m pytest -m "not slow"

lint: $(STAMP)  ## ruff check and format check
	$(PY) -m ruff check analysis tests bench setup.py
	$(PY) -m ruff format --check analysis tests bench setup.py

format: $(STAMP)  ## apply ruff formatting
	$(PY) -m ruff format analysis tests bench setup.py

bench: $(STAMP)  ## run the benchmarks in bench/ (prints ratios, no pass/fail)
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

tone-model: $(STAMP)  ## rebuild data/models/tone.json and tone_static.json from data/validation (same bytes every time)
	OMP_NUM_THREADS=1 $(PY) -m analysis.sentiment.build --out data/models/tone.json
	OMP_NUM_THREADS=1 $(PY) -m analysis.sentiment.build_static --out data/models/tone_static.json

check-browser: report  ## open every report in headless Chromium (installs it if missing)
	$(PY) -m analysis check-browser reports

clean:  ## remove generated reports and caches (keeps .venv)
	rm -rf reports/*.html reports/_executed data/processed/*
