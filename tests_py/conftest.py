"""Shared paths and the session-scoped end-to-end pipeline run (ingest → dbt build → DuckDB)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_DIR = PROJECT_ROOT / "examples"

# The tests import `ingest` from the checkout, whatever directory pytest was started from.
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))


def corpus_dir() -> Path:
    """The development corpus: ../shared/corpus from the project root, or $BUDGET_CORPUS_DIR."""
    override = os.environ.get("BUDGET_CORPUS_DIR")
    return Path(override) if override else (PROJECT_ROOT.parent / "shared" / "corpus").resolve()


def corpus_texts() -> list[Path]:
    directory = corpus_dir()
    return sorted(directory.glob("*.txt")) if directory.is_dir() else []


def example_texts() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.txt"))


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


@dataclass(frozen=True)
class StepResult:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str

    def summary(self) -> str:
        return (f"$ {' '.join(self.command)}\n(exit {self.returncode})\n"
                f"--- stdout (tail)\n{tail(self.stdout)}\n--- stderr (tail)\n{tail(self.stderr)}")


@dataclass(frozen=True)
class PipelineRun:
    warehouse: Path
    raw_dir: Path
    inputs: list[Path]
    ingest: StepResult
    expectations: StepResult
    dbt: StepResult

    def report(self) -> str:
        return f"{self.ingest.summary()}\n\n{self.dbt.summary()}"


def run_step(command: list[str], env: dict[str, str]) -> StepResult:
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                               timeout=1800)
    return StepResult(command, completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """Ingest every corpus text plus the bundled example, then `dbt build`, all inside a temp dir.

    Neither exit code is asserted: the ingest exits non-zero if one file fails (the others are still
    loaded), and dbt exits non-zero when an arithmetic test flags a genuinely inconsistent document.
    The tests check the marts instead, and print both commands' output when the marts are missing.
    """
    inputs = corpus_texts() + example_texts()
    if not inputs:
        pytest.skip(f"no input documents: corpus {corpus_dir()} is absent and {EXAMPLES_DIR} has no .txt")
    tmp = tmp_path_factory.mktemp("e2e")
    raw_dir, warehouse = tmp / "raw", tmp / "w.duckdb"
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(raw_dir),
        "BUDGET_WAREHOUSE": str(warehouse),
        # Keep dbt's artefacts out of the checkout so a test run leaves the project untouched.
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    ingest = run_step([sys.executable, "-m", "ingest", *map(str, inputs)], env)
    # As in the main job: the Great Expectations suite checks the raw CSVs before dbt reads them.
    expectations = run_step([sys.executable, "-m", "ingest.expectations", "--data-docs", str(tmp / "gx")], env)
    dbt = Path(sys.executable).with_name("dbt")
    build = run_step([str(dbt), "build", "--profiles-dir", str(PROJECT_ROOT),
                      "--project-dir", str(PROJECT_ROOT)], env)
    return PipelineRun(warehouse, raw_dir, inputs, ingest, expectations, build)


@pytest.fixture(scope="session")
def warehouse(pipeline: PipelineRun) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse the session pipeline built."""
    if not pipeline.warehouse.exists():
        pytest.fail(f"no warehouse was built at {pipeline.warehouse}\n\n{pipeline.report()}", pytrace=False)
    con = duckdb.connect(str(pipeline.warehouse), read_only=True)
    yield con
    con.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds the warehouse several times (fault experiments)")


# Test kinds (markers registered in pyproject.toml). Marked here by module so a new test file needs one
# line, and a test that builds the warehouse is e2e wherever it lives. `make test-fast` = unit, not slow.
E2E_MODULES = {
    "test_bad_input_run", "test_bi", "test_cli", "test_corpus_e2e", "test_dbt_gate", "test_expectations",
    "test_false_errors",
    "test_faults_ingest", "test_findings_catalogue", "test_findings_corpus", "test_findings_mutation",
    "test_hierarchy_tests", "test_interrupted", "test_publish",
}
UNIT_MODULES = {
    "test_example", "test_findings_narrative", "test_fuzz_parser", "test_numbers", "test_pdf_columns",
    "test_pdf_fonts", "test_pdf_reader", "test_printed_variants", "test_projects", "test_rows", "test_solver",
    "test_spreadsheet",
}
# Minutes each: hypothesis fuzzing of the parsers, kill -9 of the ingest and of the build.
SLOW_MODULES = {"test_fuzz_parser", "test_interrupted"}
PIPELINE_FIXTURES = {"pipeline", "warehouse"}


# Named apart from the hook (specname) so another pytest_collection_modifyitems in this file can live beside it
# (pytest only reads conftest functions whose names start with pytest_).
@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_test_kinds(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every test its kind; a module in neither list is refused, so none escapes `make test-fast`."""
    unknown: set[str] = set()
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        uses_pipeline = bool(PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())))
        if module in E2E_MODULES or uses_pipeline:
            item.add_marker(pytest.mark.e2e)
        elif module in UNIT_MODULES:
            item.add_marker(pytest.mark.unit)
        else:
            unknown.add(module)
        if module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if unknown:
        raise pytest.UsageError(
            f"tests_py/conftest.py: test module(s) {sorted(unknown)} have no kind; add them to E2E_MODULES "
            "(runs dbt, the CLI or the pipeline) or UNIT_MODULES")
