"""Shared paths and the session-scoped end-to-end pipeline run (ingest → dbt build → DuckDB)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from collections.abc import Iterator

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
