"""BI readiness: the warehouse opens read-only through SQLAlchemy (as Superset does), every analysis in
analyses/ runs on it, and DuckDB 1.4 (the release BI drivers ship) can open the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from conftest import PROJECT_ROOT, PipelineRun

ANALYSES = sorted((PROJECT_ROOT / "analyses").glob("*.sql"))
DUCKDB_14_PYTHON = PROJECT_ROOT / ".venv-duckdb14" / "bin" / "python"


@pytest.fixture(scope="module")
def warehouse_copy(pipeline: PipelineRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built warehouse under another file name (one DuckDB process cannot hold the same file
    under two configurations; the name differs so that the analyses are proven to work on a renamed copy)."""
    copy = tmp_path_factory.mktemp("bi") / "renamed_copy.duckdb"
    shutil.copy(pipeline.warehouse, copy)
    return copy


@pytest.fixture()
def engine(warehouse_copy: Path) -> Engine:
    """A read-only SQLAlchemy engine (duckdb-engine), configured as a BI tool would."""
    engine = create_engine(f"duckdb:///{warehouse_copy}", connect_args={"read_only": True}, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def compiled_analyses(pipeline: PipelineRun, warehouse_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """dbt-compiled SQL of every analysis, compiled against the original file name."""
    work = tmp_path_factory.mktemp("compile")
    copy = work / pipeline.warehouse.name
    shutil.copy(warehouse_copy, copy)
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(pipeline.raw_dir),
        "BUDGET_WAREHOUSE": str(copy),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    completed = subprocess.run(
        [str(dbt), "compile", "--profiles-dir", str(PROJECT_ROOT), "--project-dir", str(PROJECT_ROOT),
         "--select", "resource_type:analysis"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    compiled = {path.stem: path.read_text(encoding="utf-8") for path in (work / "target").rglob("analyses/*.sql")}
    assert set(compiled) == {path.stem for path in ANALYSES}
    named = [name for name, sql in compiled.items() if f'"{pipeline.warehouse.stem}".' in sql]
    assert not named, f"compiled analyses name the catalog of the file they were compiled on: {named}"
    return compiled


def test_every_analysis_runs_read_only_through_sqlalchemy(engine: Engine, compiled_analyses: dict[str, str]) -> None:
    empty = []
    with engine.connect() as connection:
        for name, sql in sorted(compiled_analyses.items()):
            rows = connection.execute(text(sql)).fetchall()
            if not rows:
                empty.append(name)
    assert not empty, f"analyses returned no rows on the corpus: {empty}"


def test_the_summary_query_gives_exact_decimal_yuan(engine: Engine) -> None:
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "select sum(amount) from fct_expenditure e join dim_document d using (document_id)"
                " where d.department_name = '上海市普陀区人民政府万里街道办事处' and d.fiscal_year = 2025"
                " and e.fund_type = 'all'"
            )
        ).scalar_one()
    assert str(row) == "189767551.00"  # = the printed 合计, as a Decimal, not a float


def test_duckdb_1_4_opens_the_warehouse(pipeline: PipelineRun) -> None:
    if not DUCKDB_14_PYTHON.exists():
        pytest.fail("DuckDB 1.4 environment missing: run `make setup` (creates .venv-duckdb14)", pytrace=False)
    probe = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(duckdb.__version__, con.execute('select count(*) from fct_expenditure').fetchone()[0])\n"
    )
    completed = subprocess.run(
        [str(DUCKDB_14_PYTHON), "-c", probe, str(pipeline.warehouse)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    version, count = completed.stdout.split()
    assert version.startswith("1.4.")
    assert int(count) > 0


def test_the_example_summary_runs_the_analyses_files_as_they_are(warehouse_copy: Path) -> None:
    """scripts/example_summary.py holds no copy of an analysis: it runs the files' own text, which is plain
    SQL (no ref()), so what it prints is what `make shell` gives with .read analyses/NAME.sql."""
    summary_script = PROJECT_ROOT / "scripts" / "example_summary.py"
    files = [PROJECT_ROOT / "analyses" / f"{name}.sql" for name in ("budget_execution_by_class",
                                                                    "largest_execution_gaps")]
    assert "fct_budget_execution" not in summary_script.read_text(encoding="utf-8")
    completed = subprocess.run([sys.executable, str(summary_script)], cwd=PROJECT_ROOT, capture_output=True,
                               text=True, env={**os.environ, "BUDGET_WAREHOUSE": str(warehouse_copy)}, timeout=300)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    con = duckdb.connect(str(warehouse_copy), read_only=True)
    try:
        for path in files:
            sql = path.read_text(encoding="utf-8")
            assert "{{" not in sql and "ref(" not in sql, f"{path.name} is not plain SQL"
            result = con.execute(sql)
            columns = [column[0] for column in result.description]
            # The summary shows execution only where a final account is loaded (a budget alone compares with nothing).
            rows = [row for row in result.fetchall()
                    if "final_amount" not in columns or row[columns.index("final_amount")] is not None]
            assert rows, f"{path.name} returned no rows"
            assert any(line.split() == columns for line in lines), (columns, completed.stdout)
            # the first row's text cells as the summary printed them
            first = [str(value) for value in rows[0] if isinstance(value, str)]
            assert any(all(cell in line for cell in first) for line in lines), (first, completed.stdout)
    finally:
        con.close()
