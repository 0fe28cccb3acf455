# The whole pipeline: make example (set up, load the bundled example, build, query) and make test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup example load build test lint clean

$(BIN)/dbt: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/dbt

setup: $(BIN)/dbt

## Load the bundled fictional disclosure, build the warehouse, print a summary and one query.
example: setup
	$(BIN)/python -m ingest examples/
	$(BIN)/python scripts/build_warehouse.py
	$(BIN)/python scripts/example_summary.py

## Load your own folder: make load DOCS=/path/to/folder
load: setup
	$(BIN)/python -m ingest $(DOCS)
	$(BIN)/python scripts/build_warehouse.py

build: setup
	$(BIN)/python scripts/build_warehouse.py

## Every test: parser units, CLI, end to end over the corpus and the example (dbt build + test), lint.
test: setup
	$(BIN)/python -m pytest tests_py
	$(BIN)/sqlfluff lint models tests macros analyses

lint: setup
	$(BIN)/sqlfluff lint models tests macros analyses

clean:
	rm -rf raw target logs warehouse.duckdb .warehouse.duckdb.building
