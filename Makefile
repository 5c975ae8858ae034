# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test bench demo screenshots clean

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

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

demo: $(STAMP)
	@d=$$(mktemp -d); $(BIN)/netjournal demo --journal $$d/journal.json && $(BIN)/netjournal --journal $$d/journal.json

screenshots: $(STAMP)
	$(BIN)/python -m tui.screenshots

clean:
	rm -rf $(VENV) .pytest_cache
