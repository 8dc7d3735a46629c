# `make run` and `make test` each do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := build/sample.leverage

.PHONY: run test lint bench sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/leverage

lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests
	$(BIN)/ruff format --check desktop_app tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run_all.py

sample: $(STAMP)
	@mkdir -p build
	$(BIN)/leverage sample -o $(SAMPLE) --force

clean:
	rm -rf build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
