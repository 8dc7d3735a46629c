# `make run` and `make test` each do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PACKAGING_STAMP := $(VENV)/.packaging-stamp
SAMPLE := build/sample.leverage
# The German catalogue, compiled from its source at install time (desktop_app/i18n).
PO := desktop_app/i18n/locales/de/LC_MESSAGES/leverage.po
MO := $(PO:.po=.mo)

.PHONY: run test lint bench sample clean package package-check fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q desktop_app
	touch $(STAMP)

$(MO): $(PO) $(STAMP)
	$(BIN)/python -m desktop_app.i18n.catalogues

run: $(STAMP) $(MO)
	$(BIN)/leverage

lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests
	$(BIN)/ruff format --check desktop_app tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint $(MO)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The reliability suite (tests/reliability) with long campaigns: thousands of fuzzed documents
# and case files, a hundred kills of each kind, twenty import races. LEVERAGE_SEED=N replays.
fuzz: $(STAMP)
	LEVERAGE_FUZZ=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability

bench: $(STAMP) $(MO)
	$(BIN)/python -m compileall -q desktop_app
	$(BIN)/python tests/benchmarks/run_all.py

# The PyInstaller one-folder build, dist/Leverage/ (packaging/README.md); the packaging extra
# (the pinned PyInstaller) is installed into the venv on first use.
$(PACKAGING_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,packaging]'
	touch $(PACKAGING_STAMP)

package: $(PACKAGING_STAMP) $(MO)
	$(BIN)/python packaging/build.py

# Builds when dist/ is stale, then runs the frozen program with a clean environment.
package-check: $(PACKAGING_STAMP) $(MO)
	$(BIN)/python packaging/build.py --if-stale
	$(BIN)/python packaging/smoke_check.py dist/Leverage

sample: $(STAMP) $(MO)
	@mkdir -p build
	$(BIN)/leverage sample -o $(SAMPLE) --force

clean:
	rm -rf build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
