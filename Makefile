# The whole pipeline: make example (set up, load the bundled example, build, query) and make test.
PYTHON ?= python3.11
export GX_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup example load build test test-fast lint clean

$(BIN)/dbt: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/dbt

# DuckDB 1.4, the release BI drivers ship: the tests check it can open the warehouse file.
.venv-duckdb14/bin/python: requirements-duckdb14.txt
	$(PYTHON) -m venv .venv-duckdb14
	.venv-duckdb14/bin/pip install --quiet -r requirements-duckdb14.txt
	touch .venv-duckdb14/bin/python

setup: $(BIN)/dbt .venv-duckdb14/bin/python

## Load the bundled fictional disclosure, build the warehouse, print a summary and one query.
example: setup
	$(BIN)/python -m ingest examples/
	$(BIN)/python -m ingest.expectations --data-docs build/gx
	$(BIN)/python scripts/build_warehouse.py --docs
	$(BIN)/python scripts/example_summary.py

## Load your own folder: make load DOCS=/path/to/folder
load: setup
	$(BIN)/python -m ingest $(DOCS)
	$(BIN)/python -m ingest.expectations --data-docs build/gx
	$(BIN)/python scripts/build_warehouse.py --docs

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
	$(BIN)/sqlfluff lint models tests macros analyses

clean:
	rm -rf raw target logs build warehouse.duckdb warehouse.duckdb.wal .warehouse.duckdb.*
