# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
BENCH_STAMP := $(VENV)/.bench-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# jrnl, the benchmark's comparison for `netjournal add`, in a virtualenv of its
# own: its pins would replace netjournal's dependencies (see benchmarks/jrnl.py).
JRNL := .venv-jrnl/bin/jrnl

.PHONY: run test bench bench-storage bench-latency demo screenshots catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/netjournal

# Two test workers per core: a Pilot test spends about half its time waiting
# (Textual's pilot sleeps until the app is idle), so one worker per core left
# the cores half idle (6m54s on 2 cores, against 4m20s with 4 workers).
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

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

# The demo's language is the app's: LANG (or LC_ALL/LC_MESSAGES) from the
# environment, `make demo LANG=pt_BR.UTF-8` (passed as --lang, so that it wins
# over an LC_ALL of the environment) builds and opens the Brazilian demo.
DEMO_LANG := $(if $(filter command line,$(origin LANG)),--lang $(LANG))
demo: $(STAMP)
	@d=$$(mktemp -d); $(BIN)/netjournal $(DEMO_LANG) demo --journal $$d/journal.json && $(BIN)/netjournal $(DEMO_LANG) --journal $$d/journal.json

screenshots: $(STAMP)
	$(BIN)/python -m tui.screenshots

# Translations (journal/i18n.py): extract the msgids of the code, merge them into
# each language's .po (a new or changed msgid comes in empty or fuzzy: translate
# it, and remove the fuzzy flag), and compile the .mo files that are committed
# beside them. tests/test_catalogs.py fails until the .po is complete.
LOCALE := journal/locale
POT := build/netjournal.pot
catalogs: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -o $(POT) --project netjournal --add-location=file --sort-by-file --no-wrap journal tui
	$(BIN)/pybabel update -i $(POT) -d $(LOCALE) -D netjournal -l pt_BR --init-missing --ignore-obsolete --no-wrap
	$(BIN)/pybabel compile -d $(LOCALE) -D netjournal --statistics

clean:
	rm -rf $(VENV) .venv-jrnl .pytest_cache
