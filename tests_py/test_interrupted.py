"""Killing an ingest or a build half-way, then rerunning, gives the same result as an uninterrupted run."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, PipelineRun

EXAMPLE = PROJECT_ROOT / "examples" / "example_culture_2025_dept.txt"
DEPARTMENT = "上海市示例区文化和旅游局"
MARTS = ("dim_document", "dim_function", "dim_economic", "dim_code_as_printed", "fct_expenditure", "fct_income",
         "fct_basic_economic", "fct_three_public", "dim_project")


def many_documents(folder: Path, count: int) -> list[Path]:
    """Variants of the example under other department names: distinct documents, same layout."""
    text = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"variant_{number:03d}.txt"
        path.write_text(text.replace(DEPARTMENT, f"{DEPARTMENT}第{number}分局"), encoding="utf-8")
        paths.append(path)
    return paths


def ingest_command(inputs: Path, raw_dir: Path) -> list[str]:
    return [sys.executable, "-m", "ingest", "--jobs", "1", "--quiet", str(inputs), "--raw-dir", str(raw_dir)]


def combined_rows(raw_dir: Path) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for path in sorted([*raw_dir.glob("seeds/*.csv"), *raw_dir.glob("amounts/*.csv")]):
        with path.open(encoding="utf-8", newline="") as stream:
            table = list(csv.reader(stream))
        width = len(table[0])
        assert all(len(row) == width for row in table), f"{path} has a torn row"
        rows[path.name] = sorted(table[1:])
    return rows


def kill_after(command: list[str], seconds: float, env: dict[str, str] | None = None) -> None:
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(seconds)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")
def test_a_killed_ingest_leaves_consistent_files_and_a_rerun_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    many_documents(inputs, 60)
    reference = tmp_path / "reference"
    subprocess.run(ingest_command(inputs, reference), cwd=PROJECT_ROOT, check=True, capture_output=True)
    expected = combined_rows(reference)

    interrupted = tmp_path / "interrupted"
    subprocess.run(ingest_command(EXAMPLE, interrupted), cwd=PROJECT_ROOT, check=True, capture_output=True)
    before = combined_rows(interrupted)
    for delay in (0.6, 1.2, 2.0):
        kill_after(ingest_command(inputs, interrupted), delay)
        # Whatever the moment of the kill, the files dbt reads are whole: the previous state or a newer one.
        after = combined_rows(interrupted)
        assert len(after["raw_documents.csv"]) >= len(before["raw_documents.csv"])
    subprocess.run(ingest_command(inputs, interrupted), cwd=PROJECT_ROOT, check=True, capture_output=True)
    result = combined_rows(interrupted)
    example_id = before["raw_documents.csv"][0][0]
    without_example = {
        name: [row for row in rows if example_id not in row[:2]] for name, rows in result.items()
    }
    assert without_example == expected
    assert not [p for p in (interrupted / "docs").iterdir() if p.name.startswith(".")]


def mart_contents(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {table: con.execute(f"select * from {table} order by all").fetchall() for table in MARTS}
    finally:
        con.close()


def test_a_killed_build_keeps_the_old_warehouse_and_a_rerun_matches(pipeline: PipelineRun, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(pipeline.raw_dir, raw)
    target = tmp_path / "w.duckdb"
    env = {**os.environ, "BUDGET_RAW_DIR": str(raw), "BUDGET_WAREHOUSE": str(target),
           "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}
    command = [sys.executable, str(PROJECT_ROOT / "scripts" / "build_warehouse.py")]
    kill_after(command, 6.0, env)
    assert not target.exists(), "a killed build must not leave a warehouse in place"
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert completed.returncode in (0, 1), completed.stdout[-2000:] + completed.stderr[-2000:]
    assert mart_contents(target) == mart_contents(pipeline.warehouse)


def test_a_reader_holding_the_warehouse_open_neither_blocks_the_build_nor_sees_it_half_built(
    pipeline: PipelineRun, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(pipeline.raw_dir, raw)
    target = tmp_path / "w.duckdb"
    shutil.copy(pipeline.warehouse, target)
    env = {**os.environ, "BUDGET_RAW_DIR": str(raw), "BUDGET_WAREHOUSE": str(target),
           "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time\n"
         "con = duckdb.connect(sys.argv[1], read_only=True)\n"
         "print(con.execute('select count(*) from fct_expenditure').fetchone()[0], flush=True)\n"
         # outlasts a build on a loaded machine (it is killed below)
         "time.sleep(900)\n"
         "print(con.execute('select count(*) from fct_expenditure').fetchone()[0], flush=True)\n",
         str(target)],
        stdout=subprocess.PIPE, text=True,
    )
    # A BI tool that reconnects all the time: it must never meet a lock error, and ends on the new file.
    stop = tmp_path / "stop"
    poller = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time, pathlib\n"
         "errors, seen = [], None\n"
         "while not pathlib.Path(sys.argv[2]).exists():\n"
         "    try:\n"
         "        con = duckdb.connect(sys.argv[1], read_only=True)\n"
         "        seen = con.execute('select count(*) from dim_document').fetchone()[0]\n"
         "        con.close()\n"
         "    except duckdb.Error as exc:\n"
         "        errors.append(str(exc).splitlines()[0])\n"
         "    time.sleep(0.1)\n"
         "print(len(errors), seen, errors[:3], flush=True)\n",
         str(target), str(stop)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        before = reader.stdout.readline().strip()
        # --docs as in `make load`: everything that opens the new file read-write runs before the swap.
        completed = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "build_warehouse.py"), "--docs"],
                                   cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert completed.returncode in (0, 1), completed.stdout[-2000:] + completed.stderr[-2000:]
        assert "warehouse: " in completed.stdout
        assert reader.poll() is None, "the reader must still be running on the old file"
        assert "Could not set lock" not in completed.stderr + completed.stdout
        assert "docs: " in completed.stdout and "failed" not in completed.stdout.split("docs: ", 1)[1].splitlines()[0]
        assert mart_contents(target) == mart_contents(pipeline.warehouse)
        assert int(before) > 0
        stop.touch()
        errors, seen, examples = poller.communicate(timeout=60)[0].split(" ", 2)
        assert errors == "0", examples
        assert int(seen) == len(mart_contents(target)["dim_document"])
    finally:
        poller.kill()
        poller.wait()
        reader.kill()
        reader.wait()
