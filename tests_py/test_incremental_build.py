"""Loading a few more documents into a built warehouse refreshes only them, and gives the same warehouse
as a full build of the same raw store (every table of the main schema, row for row)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, PipelineRun
from ingest import writer
from test_interrupted import EXAMPLE, many_documents

BUILD = [sys.executable, str(PROJECT_ROOT / "scripts" / "build_warehouse.py")]


def build(target: Path, raw: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BUDGET_RAW_DIR": str(raw), "DBT_TARGET_PATH": str(tmp / "target"),
           "DBT_LOG_PATH": str(tmp / "logs")}
    env.pop("BUDGET_WAREHOUSE", None)
    done = subprocess.run([*BUILD, "--target", str(target), *extra], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done


def ingest(raw: Path, *paths: Path) -> None:
    subprocess.run([sys.executable, "-m", "ingest", "-q", "--jobs", "1", "--raw-dir", str(raw), *map(str, paths)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)


def tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()]
        return {name: con.execute(f'select * from "{name}" order by all').fetchall() for name in sorted(names)}
    finally:
        con.close()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")
def test_an_incremental_build_equals_a_full_build(pipeline: PipelineRun, tmp_path: Path) -> None:
    raw, target = tmp_path / "raw", tmp_path / "w.duckdb"
    shutil.copytree(pipeline.raw_dir, raw)
    variants = many_documents(tmp_path / "in", 2)
    ingest(raw, variants[0])
    first = build(target, raw, tmp_path)
    assert "refresh:" not in first.stdout, first.stdout

    # one new document, a new edition of a stored one, and one document gone from the store
    edition = tmp_path / "edition" / EXAMPLE.name
    edition.parent.mkdir()
    edition.write_text(EXAMPLE.read_text(encoding="utf-8").replace("局机关人员经费", "局机关人员的经费"), encoding="utf-8")
    ingest(raw, variants[1], edition)
    gone = next(d for d in writer.stored_document_dirs(raw)
                if "第0分局" in (d / "raw_documents.csv").read_text(encoding="utf-8"))
    shutil.rmtree(gone)
    writer.rebuild_combined(raw)

    update = build(target, raw, tmp_path)
    assert "refresh: 3 changed documents" in update.stdout, update.stdout
    full = build(tmp_path / "full.duckdb", raw, tmp_path, "--full")
    assert "refresh:" not in full.stdout

    incremental, rebuilt = tables(target), tables(tmp_path / "full.duckdb")
    assert incremental.keys() == rebuilt.keys()
    for name in rebuilt:
        assert incremental[name] == rebuilt[name], name
    documents = {row[0] for row in rebuilt["dim_document"]}
    assert gone.name not in documents and len(documents) == len(writer.stored_document_dirs(raw))

    # nothing changed: the next build refreshes nothing and publishes the same tables
    again = build(target, raw, tmp_path)
    assert "refresh: 0 changed documents" in again.stdout
    assert tables(target) == rebuilt


def test_the_raw_reader_types_every_column_the_writer_writes():
    """macros/raw_rows.sql names each raw file's columns and types for read_csv (auto-detection off): a column
    the writer adds but the macro lacks would make every build fail, so the two lists must be the same."""
    import re

    macro = (PROJECT_ROOT / "macros" / "raw_rows.sql").read_text(encoding="utf-8")
    for name, columns in writer.ALL_FILES.items():
        declared = re.search("'" + name + r"': \{(.*?)\}", macro, re.S)
        assert declared is not None, f"macros/raw_rows.sql has no column types for {name}"
        assert re.findall(r"'(\w+)': '", declared.group(1)) == list(columns), name
