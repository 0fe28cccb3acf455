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
    """The development corpus: $BUDGET_CORPUS (or the older $BUDGET_CORPUS_DIR), else ../shared/corpus beside
    the checkout."""
    for variable in ("BUDGET_CORPUS", "BUDGET_CORPUS_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable]).expanduser().resolve()
    return (PROJECT_ROOT.parent / "shared" / "corpus").resolve()


def corpus_problem() -> str | None:
    """One line saying why the corpus cannot be used, or None when its documents and expected/ are there."""
    directory = corpus_dir()
    if not (directory / "expected").is_dir() or not any(directory.glob("*.txt")):
        return (f"development corpus not found at {directory} (documents and expected/*.json): "
                "set BUDGET_CORPUS to its folder (default ../shared/corpus)")
    return None


# Tests that read the corpus, directly (marker) or through the session pipeline over it.
CORPUS_FIXTURES = {"pipeline", "warehouse"}


def pytest_configure(config: pytest.Config) -> None:
    # unit / e2e / slow are registered in pyproject.toml
    config.addinivalue_line("markers", "corpus: needs the development corpus ($BUDGET_CORPUS)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop the run with one line when a selected test needs the corpus and it is missing: without it those
    tests would fail later with confusing data errors."""
    needing = [item for item in items
               if item.get_closest_marker("corpus") or CORPUS_FIXTURES & set(getattr(item, "fixturenames", ()))]
    problem = corpus_problem() if needing else None
    if problem:
        pytest.exit(f"{problem} ({len(needing)} selected tests need it)", returncode=1)


def corpus_texts() -> list[Path]:
    directory = corpus_dir()
    return sorted(directory.glob("*.txt")) if directory.is_dir() else []


def corpus_final_accounts() -> list[Path]:
    """The corpus final accounts (corpus/final/*.pdf) that come with an expected/<name>.json."""
    directory = corpus_dir() / "final"
    return sorted(p for p in directory.glob("*.pdf") if (directory / "expected" / f"{p.stem}.json").exists())


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
    """Ingest every corpus text, the corpus final accounts and the bundled examples, then `dbt build`, all
    inside a temp dir.

    Neither exit code is asserted: the ingest exits non-zero if one file fails (the others are still
    loaded), and dbt exits non-zero when an arithmetic test flags a genuinely inconsistent document.
    The tests check the marts instead, and print both commands' output when the marts are missing.
    """
    inputs = corpus_texts() + corpus_final_accounts() + example_texts()
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


# The narrative half of the Jiangsu split disclosure ("公开表附后"), given before its table file, and the other
# Jiangsu corpus PDFs: the Jiangsu-only warehouse test_jiangsu_e2e and test_analyses read.
JIANGSU_PDFS = ("jiangsu_partyoffice_2017_dept.pdf", "jiangsu_court_2018_dept.pdf",
                "jiangsu_procuratorate_2019_dept.pdf", "jiangsu_partyoffice_2017_tables.pdf")


@dataclass
class JiangsuBuild:
    """The Jiangsu-only warehouse built once a session: its path and each step's result."""
    warehouse: Path
    ingest: StepResult
    expectations: StepResult
    build: StepResult


@pytest.fixture(scope="session")
def jiangsu_build(tmp_path_factory: pytest.TempPathFactory) -> JiangsuBuild:
    """The Jiangsu corpus PDFs alone → ingest → GX → `dbt build`, in a temp dir (one build for the modules
    that read a Jiangsu-only warehouse). Skips when the corpus has no Jiangsu folder."""
    inputs = [corpus_dir() / "jiangsu" / name for name in JIANGSU_PDFS]
    if not all(path.exists() for path in inputs):
        pytest.skip(f"no Jiangsu corpus at {corpus_dir() / 'jiangsu'}")
    tmp = tmp_path_factory.mktemp("jiangsu")
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(tmp / "raw"),
        "BUDGET_WAREHOUSE": str(tmp / "w.duckdb"),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    ingest = run_step([sys.executable, "-m", "ingest", *map(str, inputs)], env)
    expectations = run_step([sys.executable, "-m", "ingest.expectations"], env)
    dbt = str(Path(sys.executable).with_name("dbt"))
    build = run_step([dbt, "build", "--profiles-dir", str(PROJECT_ROOT), "--project-dir", str(PROJECT_ROOT)], env)
    return JiangsuBuild(tmp / "w.duckdb", ingest, expectations, build)


@pytest.fixture(scope="session")
def warehouse(pipeline: PipelineRun) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse the session pipeline built."""
    if not pipeline.warehouse.exists():
        pytest.fail(f"no warehouse was built at {pipeline.warehouse}\n\n{pipeline.report()}", pytrace=False)
    con = duckdb.connect(str(pipeline.warehouse), read_only=True)
    yield con
    con.close()


# Test kinds (markers registered in pyproject.toml). Marked here by module so a new test file needs one
# line, and a test that builds the warehouse is e2e wherever it lives. `make test-fast` = unit, not slow.
E2E_MODULES = {
    "test_analyses", "test_bad_input_run", "test_bi", "test_cli", "test_corpus_e2e", "test_corpus_errors", "test_counted_once",
    "test_dbt_gate", "test_editions", "test_expectations", "test_export", "test_false_errors", "test_first_run", "test_split_disclosure",
    "test_faults_ingest", "test_findings_catalogue", "test_findings_corpus", "test_findings_mutation",
    "test_final_account", "test_hierarchy_tests", "test_incremental_build", "test_interrupted", "test_jiangsu_e2e",
    "test_jiangsu_narrative_mutation",
    "test_missing_pages_e2e", "test_publish", "test_remove", "test_streaming_ingest",
}
UNIT_MODULES = {
    "test_example", "test_findings_narrative", "test_narrative_jiangsu", "test_jiangsu", "test_shanghai_2026", "test_templates", "test_fuzz_parser",
    "test_numbers", "test_pdf_columns", "test_missing_pages", "test_narrative_gaps", "test_pdf_fonts", "test_pdf_reader", "test_printed_variants",
    "test_projects", "test_rows", "test_solver",
    "test_spreadsheet", "test_structure",
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
