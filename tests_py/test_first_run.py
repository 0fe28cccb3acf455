"""A first run as the README tells it (issue #14 items 2, 6, 7): `make example` is quiet, keeps the example
apart from the user's documents and ends with what to do next; `make load` of a second folder adds to the
first; `make shell` runs the README query read-only. Every path points into a temp dir, so the checkout's
raw/, warehouse.duckdb and target/ are left alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, corpus_dir, example_texts

# dbt's own progress lines; the build script sends them to a log file (one line per stage instead).
DBT_LOG_LINE = re.compile(r"^(?:\x1b\[0m)?\d\d:\d\d:\d\d\s")


def make(target: str, tmp: Path, *variables: str, stdin: str | None = None,
         extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBT_TARGET_PATH": str(tmp / "target"), "DBT_LOG_PATH": str(tmp / "logs"),
           **(extra_env or {})}
    for name in ("BUDGET_RAW_DIR", "BUDGET_WAREHOUSE"):
        if not extra_env or name not in extra_env:
            env.pop(name, None)
    return subprocess.run(["make", "-s", target, *variables], cwd=PROJECT_ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=1200)


def checkout_state() -> dict[str, float | None]:
    paths = ("raw", "warehouse.duckdb", "example.duckdb", "build/example")
    return {p: (PROJECT_ROOT / p).stat().st_mtime if (PROJECT_ROOT / p).exists() else None for p in paths}


def example_variables(tmp: Path) -> list[str]:
    return [f"EXAMPLE_RAW={tmp / 'example_raw'}", f"EXAMPLE_WAREHOUSE={tmp / 'example.duckdb'}",
            f"EXAMPLE_CHECKS={tmp / 'example_checks'}"]


@pytest.mark.slow
def test_make_example_is_quiet_apart_and_says_what_next(tmp_path: Path) -> None:
    before = checkout_state()
    run = make("example", tmp_path, *example_variables(tmp_path))
    output = (run.stdout + run.stderr).splitlines()
    assert run.returncode == 0, "\n".join(output[-60:])
    assert checkout_state() == before
    ours = [line for line in output if not DBT_LOG_LINE.match(line)]
    assert len(ours) < 40, "\n".join(ours)
    closing = "\n".join(ours[-6:])
    for said in (str(tmp_path / "example.duckdb"), "index.html", "report_findings.py", "make shell", "make export",
                 "make load DOCS="):
        assert said in closing, f"{said!r} not in the closing lines:\n{closing}"
    with duckdb.connect(str(tmp_path / "example.duckdb"), read_only=True) as con:
        # the bundled example only: its budget and its final account
        loaded = sorted(row[0] for row in con.execute("select source_file from dim_document").fetchall())
        assert loaded == sorted(path.name for path in example_texts()) == [
            "example_culture_2025_dept.txt", "example_culture_2025_final.txt"]
    assert (tmp_path / "example_raw" / "seeds" / "raw_documents.csv").is_file()
    # The dbt docs open on the project's overview page.
    docs = (tmp_path / "target" / "static_index.html").read_text(encoding="utf-8")
    assert "budget_warehouse.__overview__" in docs and "counted_in_totals" in docs

    shell = make("shell", tmp_path, f"WAREHOUSE={tmp_path / 'example.duckdb'}",
                 stdin=".mode csv\n.read analyses/spending_by_class.sql\n")
    assert shell.returncode == 0, shell.stderr
    assert ".read analyses/spending_by_class.sql" in shell.stdout  # the hint printed at start
    assert ('"上海市示例区文化和旅游局",2025,budget,"全部资金（部门支出预算总表）",207,"文化旅游体育与传媒支出",'
            '9899251.92,10592150.00,20491401.92') in shell.stdout
    refused = make("shell", tmp_path, f"WAREHOUSE={tmp_path / 'example.duckdb'}",
                   stdin="create table written (i integer);\n")
    assert refused.returncode != 0 and "read-only" in refused.stdout + refused.stderr


def test_make_shell_without_a_warehouse_says_what_to_run(tmp_path: Path) -> None:
    run = make("shell", tmp_path, f"WAREHOUSE={tmp_path / 'none.duckdb'}", stdin="")
    assert run.returncode != 0 and "run make example or make load" in run.stdout + run.stderr


@pytest.mark.slow
@pytest.mark.corpus
def test_make_load_of_a_second_folder_adds_to_the_first(tmp_path: Path) -> None:
    env = {"BUDGET_RAW_DIR": str(tmp_path / "raw"), "BUDGET_WAREHOUSE": str(tmp_path / "warehouse.duckdb")}
    names = ("putuo_wanli_2024_dept.txt", "putuo_wanli_2025_dept.txt")
    folders = []
    for year, name in enumerate(names):
        folders.append(tmp_path / f"folder{year}")
        folders[-1].mkdir()
        shutil.copy(corpus_dir() / name, folders[-1] / name)
    # The first load's ingest step as `make load` runs it (its build is the same as the second's).
    first = subprocess.run([sys.executable, "-m", "ingest", "--quiet", str(folders[0])],
                           cwd=PROJECT_ROOT, env={**os.environ, **env}, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    run = make("load", tmp_path, f"DOCS={folders[1]}", f"CHECKS={tmp_path / 'checks'}", extra_env=env)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert "make shell" in "\n".join(run.stdout.splitlines()[-2:])
    with duckdb.connect(env["BUDGET_WAREHOUSE"], read_only=True) as con:
        loaded = sorted(row[0] for row in con.execute("select source_file from dim_document").fetchall())
    assert loaded == sorted(names)
