"""Loading a few more documents into a built warehouse refreshes only them, and gives the same warehouse
as a full build of the same raw store (every table of the main schema, row for row)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, PipelineRun
from ingest import writer
from ingest.remove import remove_documents
from test_interrupted import DEPARTMENT, EXAMPLE, many_documents

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
    """Every table of the warehouse (the marts in main, the stored test failures in audit), sorted rows."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [f'"{schema}"."{name}"' for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables where table_schema in ('main', 'audit') "
            "and table_catalog = current_database()").fetchall()]
        return {name: con.execute(f"select * from {name} order by all").fetchall() for name in sorted(names)}
    finally:
        con.close()


def rows_of(path: Path, query: str, *parameters: object) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(con.execute(query, list(parameters)).fetchall(), key=repr)
    finally:
        con.close()


def example_edition(folder: Path, year: int, scale: int) -> Path:
    """The bundled example budget for ``year`` with every amount times ``scale`` (bench/bench_scale.py's
    variant: the same department, so the same body as the bundled example and its final account)."""
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    try:
        import bench_scale
    finally:
        sys.path.remove(str(PROJECT_ROOT / "bench"))
    gen = bench_scale.generator_module()
    folder.mkdir(parents=True, exist_ok=True)
    with bench_scale.variant(gen, year, scale):
        path = folder / f"example_{year}_x{scale}.txt"
        path.write_text(gen.render_example_document(), encoding="utf-8")
    return path


def assert_same(incremental: Path, full: Path) -> dict[str, list[tuple]]:
    refreshed, rebuilt = tables(incremental), tables(full)
    assert refreshed.keys() == rebuilt.keys()
    for name in rebuilt:
        assert refreshed[name] == rebuilt[name], name
    return rebuilt


@pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")
def test_an_incremental_build_equals_a_full_build(pipeline: PipelineRun, tmp_path: Path) -> None:
    raw, target = tmp_path / "raw", tmp_path / "w.duckdb"
    shutil.copytree(pipeline.raw_dir, raw)
    variants = many_documents(tmp_path / "in", 2)
    ingest(raw, variants[0])
    first = build(target, raw, tmp_path)
    assert "refresh:" not in first.stdout, first.stdout
    assert f"full build: no warehouse at {target} yet (first build)" in first.stdout, first.stdout

    # one new document, a new edition of a stored one, and one document gone from the store
    edition = tmp_path / "edition" / EXAMPLE.name
    edition.parent.mkdir()
    edition.write_text(EXAMPLE.read_text(encoding="utf-8").replace("局机关人员经费", "局机关人员的经费"), encoding="utf-8")
    ingest(raw, variants[1], edition)
    gone = next(d for d in writer.stored_document_dirs(raw)
                if "第0分局" in (d / "raw_documents.csv").read_text(encoding="utf-8"))
    shutil.rmtree(gone)  # by hand, as a user may: the build brings the combined files in step

    update = build(target, raw, tmp_path)
    assert f"raw store: 1 document folder removed from {raw / 'docs'} ({gone.name}): combined files rebuilt" \
        in update.stdout, update.stdout
    assert "refresh: 1 new, 1 changed and 1 removed documents in a copy of w.duckdb (2 to load, " in update.stdout, \
        update.stdout
    assert "full build:" not in update.stdout, update.stdout
    full = build(tmp_path / "full.duckdb", raw, tmp_path, "--full")
    assert "refresh:" not in full.stdout and "full build: asked for (--full)" in full.stdout, full.stdout

    rebuilt = assert_same(target, tmp_path / "full.duckdb")
    documents = {row[0] for row in rebuilt['"main"."dim_document"']}
    assert gone.name not in documents and len(documents) == len(writer.stored_document_dirs(raw))

    # nothing changed: the next build refreshes nothing and publishes the same tables
    again = build(target, raw, tmp_path)
    assert "refresh: no document new, changed or removed in a copy of w.duckdb" in again.stdout, again.stdout
    assert tables(target) == rebuilt

    # A combined file edited by hand: the digests describe the documents' own files (docs/<id>/), not the
    # combined files dbt reads, so it must not be taken for "nothing changed" (the old figures kept and called
    # verified) but built in full, and the build after it must not refresh from digests that never described
    # the edited rows.
    amounts = raw / "amounts" / "raw_amounts.csv"
    with amounts.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    amount, document = rows[0].index("amount"), rows[0].index("document_id")
    row = next(r for r in rows[1:] if r[amount] not in ("", "0.00"))
    document_id, row[amount] = row[document], "12345678.00"
    with amounts.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)
    edited = build(target, raw, tmp_path)
    assert "full build: 1 combined raw file not as the ingest wrote it (amounts/raw_amounts.csv" in edited.stdout, \
        edited.stdout
    assert "refresh:" not in edited.stdout, edited.stdout
    assert ("12345678.00",) in rows_of(target, "select cast(amount as varchar) from fct_published_amount "
                                               "where document_id = ?", document_id), document_id
    # the next build (the file still edited) is not a refresh either, and says why
    module = build_module()
    plan = module.plan_refresh(target, raw, module.project_fingerprint([]))
    assert isinstance(plan, str) and plan.startswith("1 combined raw file not as the ingest wrote it"), plan


@pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")
def test_a_refresh_rebuilds_the_documents_that_depend_on_the_changed_ones(pipeline: PipelineRun,
                                                                          tmp_path: Path) -> None:
    """A refresh rebuilds the changed documents and every one whose rows depend on them, so that it gives a
    full build's warehouse (marts and stored test failures) even when the change moves another document's
    rows: the budget beside its body's final account (F05, fct_budget_execution), a department and its unit
    (dim_document.parent_document_id, counted_in_totals, D01), a prior year (D02, D03)."""
    raw, target, full = tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "full.duckdb"
    shutil.copytree(pipeline.raw_dir, raw)
    ingest(raw, example_edition(tmp_path / "in0", 2024, 1))
    build(target, raw, tmp_path)
    before = tables(target)
    documents = rows_of(target, "select document_id, department_name, scope, fiscal_year, kind from dim_document")
    final = next(d for d, name, _, year, kind in documents if name == DEPARTMENT and year == 2025
                 and kind == "final_account")
    budget = next(d for d, name, _, year, kind in documents if name == DEPARTMENT and year == 2025 and kind == "budget")
    prior = next(d for d, name, _, year, kind in documents if name == DEPARTMENT and year == 2024)
    unit, department = next((d, parent) for d, parent in rows_of(
        target, "select document_id, parent_document_id from dim_document where parent_document_id is not null"))

    # the 2025 budget doubled (its final account's F05 and budget execution move), the department of a unit
    # gone (the unit is its own total now), one new document
    ingest(raw, example_edition(tmp_path / "in1", 2025, 2), *many_documents(tmp_path / "new", 1))
    assert [doc.document_id for doc in remove_documents(raw, [department])] == [department]
    update = build(target, raw, tmp_path)
    assert "refresh: 1 new, 1 changed and 1 removed documents" in update.stdout, update.stdout
    build(full, raw, tmp_path, "--full")
    after = assert_same(target, full)
    findings, execution, documents_table = '"main"."fct_finding"', '"main"."fct_budget_execution"', '"main"."dim_document"'
    assert [r for r in before[findings] if r[0] == final] != [r for r in after[findings] if r[0] == final]
    assert before[execution] != after[execution]
    assert [r for r in before[documents_table] if r[0] == unit] != [r for r in after[documents_table] if r[0] == unit]

    # the 2024 budget tripled: the unchanged 2025 budget's comparison with the prior year (D02, D03) moves
    ingest(raw, example_edition(tmp_path / "in2", 2024, 3))
    update = build(target, raw, tmp_path)
    assert "refresh: 1 changed document in a copy" in update.stdout, update.stdout
    build(full, raw, tmp_path, "--full")
    again = assert_same(target, full)
    prior_year = [r for r in after[findings] if r[0] == budget and r[1] in ("D02", "D03")]
    assert prior_year and prior_year != [r for r in again[findings] if r[0] == budget and r[1] in ("D02", "D03")]
    assert prior in {r[0] for r in again[documents_table]}


def test_the_raw_reader_types_every_column_the_writer_writes():
    """macros/raw_rows.sql names each raw file's columns and types for read_csv (auto-detection off): a column
    the writer adds but the macro lacks would make every build fail, so the two lists must be the same."""
    import re

    macro = (PROJECT_ROOT / "macros" / "raw_rows.sql").read_text(encoding="utf-8")
    for name, columns in writer.ALL_FILES.items():
        declared = re.search("'" + name + r"': \{(.*?)\}", macro, re.S)
        assert declared is not None, f"macros/raw_rows.sql has no column types for {name}"
        assert re.findall(r"'(\w+)': '", declared.group(1)) == list(columns), name


def build_module():
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    try:
        import build_warehouse
    finally:
        sys.path.pop(0)
    return build_warehouse


def test_the_refresh_line_counts_new_changed_and_removed_documents() -> None:
    refresh = build_module().Refresh
    assert refresh(["a", "b", "c", "d"], ["a", "b", "c"], [], ["a"]).describe() == \
        "1 new, 2 changed and 1 removed documents"
    assert refresh(["a"], ["a"], [], ["a"]).describe() == "1 new document"
    assert refresh(["a", "b"], [], [], []).describe() == "2 removed documents"
    assert refresh([], [], [], []).describe() == "no document new, changed or removed"


def test_a_full_build_says_why(pipeline: PipelineRun, tmp_path: Path) -> None:
    """Each reason the build cannot refresh is named (plan_refresh returns it for the line 'full build: …'),
    checked without running dbt: no warehouse yet, a raw store without the ingest's record or with one from
    before the digests, a warehouse without a build record, one built by a different project."""
    module = build_module()
    raw, target = tmp_path / "raw", tmp_path / "w.duckdb"
    shutil.copytree(pipeline.raw_dir, raw)
    fingerprint = module.project_fingerprint([])
    assert module.plan_refresh(target, raw, fingerprint) == f"no warehouse at {target} yet (first build)"

    duckdb.connect(str(target)).close()
    assert "w.duckdb keeps no record of its build" in module.plan_refresh(target, raw, fingerprint)
    con = duckdb.connect(str(target))
    con.execute(f"create schema {module.STATE_SCHEMA}")
    con.execute(f"create table {module.STATE_SCHEMA}.project as select 'another project' as fingerprint")
    con.execute(f"create table {module.STATE_SCHEMA}.documents (document_id varchar, digest varchar)")
    con.execute("create table dim_document (document_id varchar, region varchar, department_name varchar, "
                "scope varchar, fiscal_year integer, kind varchar)")
    con.close()
    assert module.plan_refresh(target, raw, fingerprint).startswith("the project changed since w.duckdb was built")
    # the same project with no document built yet: every stored document is new, a refresh when there are few
    stored = len(writer.stored_document_dirs(raw))
    planned = module.plan_refresh(target, raw, "another project")
    limit = min(module.REFRESH_MAX_DOCUMENTS, max(module.REFRESH_MIN_DOCUMENTS, int(module.REFRESH_MAX_SHARE * stored)))
    if stored <= limit:
        assert isinstance(planned, module.Refresh) and planned.describe() == f"{stored} new documents", planned
    else:
        assert planned == f"{stored} of {stored} documents new, changed or removed (a refresh takes at most {limit}: " \
            "beyond that, reading the combined files once is cheaper)"

    manifest = raw / writer.MANIFEST
    recorded = manifest.read_text(encoding="utf-8")
    manifest.write_text('{"rows": {}}', encoding="utf-8")
    assert "records no document digests (written by an older version" in module.plan_refresh(target, raw, fingerprint)
    manifest.unlink()
    assert module.plan_refresh(target, raw, fingerprint).startswith(f"the raw store has no {writer.MANIFEST}")
    manifest.write_text(recorded, encoding="utf-8")
