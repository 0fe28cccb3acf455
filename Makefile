# The whole pipeline: make example (set up, load the bundled example, build, query) and make test.
PYTHON ?= python3.11
export GX_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup example load remove build shell export test test-fast lint clean

# The user's documents and the bundled fictional example never mix: each has its own raw folder and
# warehouse file. `make load` adds to raw/ (a finance office loads year after year).
# ($BUDGET_RAW_DIR / $BUDGET_WAREHOUSE move yours; the EXAMPLE_ variables move the example's.)
EXAMPLE_RAW ?= build/example/raw
EXAMPLE_WAREHOUSE ?= example.duckdb
EXAMPLE_CHECKS ?= build/example/checks
CHECKS ?= build/checks
# make shell / make export: your warehouse once there is one, else the example's.
WAREHOUSE ?= $(or $(BUDGET_WAREHOUSE),$(if $(wildcard warehouse.duckdb),warehouse.duckdb,$(EXAMPLE_WAREHOUSE)))
EXPORT_DIR ?= build/export
SETUP_LOG := build/setup.log
# Quiet setup: one line saying what is installed, pip's output in build/setup.log (its tail on failure).
define install
	@mkdir -p build
	@echo "setup: installing into $(1): $$(sed -n 's/==.*//p' $(2) | tr '\n' ' ')(log: $(SETUP_LOG))"
	@( $(PYTHON) -m venv $(1) && $(1)/bin/pip install --upgrade pip && $(1)/bin/pip install -r $(2) ) \
		>> $(SETUP_LOG) 2>&1 || { tail -n 20 $(SETUP_LOG); echo "setup failed: see $(SETUP_LOG)"; exit 1; }
endef

$(BIN)/dbt: requirements.txt
	$(call install,$(VENV),requirements.txt)
	@touch $(BIN)/dbt

# DuckDB 1.4, the release BI drivers ship: the tests check it can open the warehouse file.
.venv-duckdb14/bin/python: requirements-duckdb14.txt
	$(call install,.venv-duckdb14,requirements-duckdb14.txt)
	@touch .venv-duckdb14/bin/python

setup: $(BIN)/dbt .venv-duckdb14/bin/python

## Load the bundled fictional disclosure into example.duckdb (apart from your documents), print a summary and one query.
example: setup
	@mkdir -p $(dir $(EXAMPLE_RAW))
	@BUDGET_RAW_DIR=$(EXAMPLE_RAW) $(BIN)/python -m ingest --quiet examples/
	@BUDGET_RAW_DIR=$(EXAMPLE_RAW) $(BIN)/python -m ingest.expectations --data-docs $(EXAMPLE_CHECKS)
	@BUDGET_RAW_DIR=$(EXAMPLE_RAW) BUDGET_WAREHOUSE=$(EXAMPLE_WAREHOUSE) $(BIN)/python scripts/build_warehouse.py --docs
	@BUDGET_WAREHOUSE=$(EXAMPLE_WAREHOUSE) $(BIN)/python scripts/example_summary.py
	@$(BIN)/python scripts/next_steps.py --warehouse $(EXAMPLE_WAREHOUSE) --checks $(EXAMPLE_CHECKS) --example

## Load your own folder into warehouse.duckdb: make load DOCS=/path/to/folder (a second folder adds to the first)
load: setup
	@test -n "$(DOCS)" || { echo "usage: make load DOCS=/path/to/folder"; exit 2; }
	@# exit 1 = some files failed (each named above) while the others loaded: build those, then fail
	@rc=0; $(BIN)/python -m ingest --quiet $(DOCS) || rc=$$?; test $$rc -le 1 || exit $$rc; \
		$(BIN)/python -m ingest.expectations --data-docs $(CHECKS) && \
		$(BIN)/python scripts/build_warehouse.py --docs && \
		$(BIN)/python scripts/next_steps.py --warehouse "$${BUDGET_WAREHOUSE:-warehouse.duckdb}" --checks $(CHECKS) && \
		{ test $$rc -eq 0 || { echo "make load: the files named above were not loaded"; exit 1; }; }

## Take documents out of raw/ (by document id or loaded file name) and rebuild: make remove DOC="id-or-file ..."
remove: setup
	@test -n "$(DOC)" || { echo "usage: make remove DOC=<document_id or file name>"; exit 2; }
	@$(BIN)/python -m ingest.remove $(DOC) && $(BIN)/python scripts/build_warehouse.py

## SQL on the warehouse in the DuckDB command line, read-only (.read analyses/spending_by_class.sql: the README query)
shell: setup
	@test -f "$(WAREHOUSE)" || { echo "no warehouse at $(WAREHOUSE): run make example or make load DOCS=folder first"; exit 1; }
	@$(BIN)/duckdb -readonly -init scripts/shell_init.duckdbrc "$(WAREHOUSE)"

## Excel workbook (one sheet per table, Chinese headers) and UTF-8 CSV files with a BOM, in build/export/
export: setup
	@$(BIN)/python -m ingest.export --warehouse "$(WAREHOUSE)" --out "$(EXPORT_DIR)"

build: setup
	$(BIN)/python scripts/build_warehouse.py

## Every test: lint, parser units, CLI, end to end over the corpus and the example (dbt build + test).
test: setup lint
	$(BIN)/python -m pytest tests_py

## The fast unit tests only (parsers, readers, the example generator; no dbt, no fuzzing): under a minute.
test-fast: setup
	$(BIN)/python -m pytest tests_py -m "unit and not slow" -q

## Python (ruff, rules in pyproject.toml) and SQL (sqlfluff, rules in .sqlfluff).
lint: setup
	$(BIN)/ruff check .
	@# one process per core (--processes 0): half the time on two cores
	$(BIN)/sqlfluff lint --processes 0 models tests macros analyses

clean:
	rm -rf raw target logs build warehouse.duckdb warehouse.duckdb.wal .warehouse.duckdb.* $(EXAMPLE_WAREHOUSE) $(EXAMPLE_WAREHOUSE).wal .$(EXAMPLE_WAREHOUSE).*
