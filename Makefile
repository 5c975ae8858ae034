# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
BENCH_STAMP := $(VENV)/.bench-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# jrnl, the benchmark's comparison for `netjournal add`, in a virtualenv of its
# own: its pins would replace netjournal's dependencies (see benchmarks/jrnl.py).
JRNL := .venv-jrnl/bin/jrnl

.PHONY: run test bench bench-storage bench-latency demo screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/netjournal

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

$(BENCH_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.installed-* $(VENV)/.bench-*
	touch $(STAMP) $(BENCH_STAMP)

$(JRNL):
	$(PYTHON) -m venv .venv-jrnl
	.venv-jrnl/bin/python -m pip install --quiet 'jrnl==4.6' || echo "jrnl could not be installed: benchmarks/RESULTS.md will say so"

# Both harnesses write their own section of benchmarks/RESULTS.md (about 12 minutes on 2 cores).
bench: bench-storage bench-latency

bench-storage: $(BENCH_STAMP) $(JRNL)
	$(BIN)/python -m benchmarks.run

bench-latency: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.latency

demo: $(STAMP)
	@d=$$(mktemp -d); $(BIN)/netjournal demo --journal $$d/journal.json && $(BIN)/netjournal --journal $$d/journal.json

screenshots: $(STAMP)
	$(BIN)/python -m tui.screenshots

clean:
	rm -rf $(VENV) .venv-jrnl .pytest_cache
