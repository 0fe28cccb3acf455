"""Publishing under faults: the warehouse in place is the old one or the new complete one, never else.

Each experiment of issue #12 with its expected outcome: a dbt child killed alone (with an earlier run's
results lying in the target folder), a foreign WAL beside the published file, two builds at once, a full
disk, and the published file opened from elsewhere. The builds use the bundled example (small and fast).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from conftest import PROJECT_ROOT
from test_interrupted import EXAMPLE

BUILD = [sys.executable, str(PROJECT_ROOT / "scripts" / "build_warehouse.py")]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")]


@dataclass(frozen=True)
class Published:
    raw_dir: Path
    warehouse: Path
    target: Path


def build_env(raw_dir: Path, warehouse: Path, work: Path) -> dict[str, str]:
    return {**os.environ, "BUDGET_RAW_DIR": str(raw_dir), "BUDGET_WAREHOUSE": str(warehouse),
            "DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(work / "logs")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def relations_answer(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database()"
        ).fetchall()
        for schema, name in names:
            con.execute(f'select * from "{schema}"."{name}" limit 1').fetchall()
        return len(names)
    finally:
        con.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The example ingested and built once with the build script (its target folder holds its results)."""
    work = tmp_path_factory.mktemp("published")
    raw_dir, warehouse = work / "raw", work / "w.duckdb"
    subprocess.run([sys.executable, "-m", "ingest", "-q", "--jobs", "1", str(EXAMPLE), "--raw-dir", str(raw_dir)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    completed = subprocess.run(BUILD, cwd=PROJECT_ROOT, env=build_env(raw_dir, warehouse, work),
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    return Published(raw_dir, warehouse, work / "target")


def setup_old(published: Published, folder: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the published warehouse (the 'old' one) and its build environment in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    warehouse = folder / "w.duckdb"
    shutil.copy(published.warehouse, warehouse)
    shutil.copytree(published.target, folder / "target")
    return warehouse, build_env(published.raw_dir, warehouse, folder)


def dbt_children(parent: int) -> list[int]:
    """Processes under ``parent`` running dbt build."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and any(part.endswith(b"dbt") for part in cmdline) and b"build" in cmdline:
            found.append(int(entry.name))
    return found


def test_a_dbt_killed_alone_publishes_nothing_and_ignores_earlier_results(published: Published, tmp_path: Path) -> None:
    warehouse, env = setup_old(published, tmp_path)
    assert (tmp_path / "target" / "run_results.json").exists(), "an earlier run's results must be lying there"
    before = digest(warehouse)
    build = subprocess.Popen(BUILD, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    killed = False
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and build.poll() is None and not killed:
        children = dbt_children(build.pid)
        if children and list(tmp_path.glob(".w.duckdb.building-*")):
            time.sleep(1.0)
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.2)
    out, err = build.communicate(timeout=300)
    assert killed, "the dbt child was not seen running"
    assert build.returncode == 2, out + err
    assert "NOT replaced" in err and "killed by signal 9" in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert "warehouse:" not in out
    assert digest(warehouse) == before
    assert not list(tmp_path.glob(".w.duckdb.building*"))


def test_a_foreign_wal_beside_the_published_file_is_discarded(published: Published, tmp_path: Path) -> None:
    warehouse, env = setup_old(published, tmp_path)
    # A client that wrote into another database and died leaves a WAL that matches no file here.
    foreign = tmp_path / "foreign.duckdb"
    subprocess.run([sys.executable, "-c", "import duckdb, os, sys\n"
                    "con = duckdb.connect(sys.argv[1]); con.execute('create table notes as select 1 as x')\n"
                    "con.execute('insert into notes values (2)'); os._exit(0)", str(foreign)], check=True)
    assert Path(f"{foreign}.wal").exists()
    shutil.copy(f"{foreign}.wal", f"{warehouse}.wal")
    stale = tmp_path / ".w.duckdb.building-424242"
    shutil.copy(foreign, stale)
    shutil.copy(f"{foreign}.wal", f"{stale}.wal")
    with pytest.raises(duckdb.Error, match="WAL"):
        duckdb.connect(str(warehouse), read_only=True)
    completed = subprocess.run(BUILD, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    assert "writes are not kept" in completed.stderr and "READ_ONLY" in completed.stderr
    assert not Path(f"{warehouse}.wal").exists()
    assert not list(tmp_path.glob(".w.duckdb.building*"))
    assert relations_answer(warehouse) > 20


def test_two_builds_at_once_wait_for_each_other(published: Published, tmp_path: Path) -> None:
    warehouse, env = setup_old(published, tmp_path)
    builds = [subprocess.Popen(BUILD, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    outputs = [build.communicate(timeout=900) for build in builds]
    for build, (out, err) in zip(builds, outputs, strict=True):
        assert build.returncode in (0, 1), out + err
        assert "Traceback" not in err and "warehouse: " in out
    assert sum("waiting:" in err for _, err in outputs) == 1
    assert relations_answer(warehouse) > 20
    assert not list(tmp_path.glob(".w.duckdb.building*")) and not Path(f"{warehouse}.wal").exists()


def test_the_published_file_answers_from_itself_alone(published: Published, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared_with_a_colleague"
    elsewhere.mkdir()
    copy = elsewhere / "budget.duckdb"
    shutil.copy(published.warehouse, copy)
    assert os.stat(published.warehouse).st_mode & 0o777 == 0o444
    result = subprocess.run([sys.executable, "-c", "import duckdb, sys\n"
                             "con = duckdb.connect(sys.argv[1], read_only=True)\n"
                             "rows = con.execute(\"select table_schema, table_name, table_type from information_schema.tables\").fetchall()\n"
                             "assert all(kind != 'VIEW' for _, _, kind in rows), rows\n"
                             "[con.execute(f'select count(*) from \"{s}\".\"{n}\"').fetchone() for s, n, _ in rows]\n"
                             "print(len(rows))", str(copy)],
                            cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20
    content = copy.read_bytes()
    for private in (str(published.raw_dir), str(published.raw_dir.parent), str(PROJECT_ROOT)):
        assert private.encode() not in content, f"{private} is written inside the warehouse"


@pytest.fixture()
def small_tmpfs(tmp_path: Path, published: Published) -> Path:
    """A tmpfs holding the old warehouse with room for less than a second copy; skipped where mounting is
    not allowed (the injected-failure tests of the verify step cover the logic)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    size_kib = published.warehouse.stat().st_size // 1024 + 512
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()})")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_during_the_build_keeps_the_old_warehouse(published: Published, small_tmpfs: Path,
                                                               tmp_path: Path) -> None:
    warehouse = small_tmpfs / "w.duckdb"
    shutil.copy(published.warehouse, warehouse)
    before = digest(warehouse)
    env = build_env(published.raw_dir, warehouse, tmp_path)
    completed = subprocess.run(BUILD, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert completed.returncode in (2, 3), completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1 and "NOT" in completed.stderr, completed.stderr
    assert digest(warehouse) == before
    assert sorted(p.name for p in small_tmpfs.iterdir() if not p.name.endswith(".lock")) == ["w.duckdb"]


def test_verify_refuses_a_file_missing_rows_the_raw_files_hold(published: Published, tmp_path: Path) -> None:
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    try:
        import build_warehouse
    finally:
        sys.path.pop(0)
    building = tmp_path / ".w.duckdb.building-1"
    shutil.copy(published.warehouse, building)
    os.chmod(building, 0o644)
    run = build_warehouse.DbtRun(0, [], {"nodes": {"model.x.dim_document": {
        "resource_type": "model", "name": "dim_document", "config": {"materialized": "table"}}}})
    assert build_warehouse.verify(building, run, published.raw_dir).startswith("verified:")
    con = duckdb.connect(str(building))
    con.execute("delete from dim_document")
    con.close()
    with pytest.raises(build_warehouse.NotPublished, match=r"dim_document has 0 rows, the raw raw_documents.csv 1"):
        build_warehouse.verify(building, run, published.raw_dir)


def build_module() -> ModuleType:
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    try:
        import build_warehouse
    finally:
        sys.path.pop(0)
    return build_warehouse


def empty_raw_store(folder: Path) -> Path:
    """A raw store written by an ingest that loaded no document (its only file was refused)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    raw_dir = folder / "raw"
    ingest = subprocess.run([sys.executable, "-m", "ingest", "-q", "--jobs", "1", str(folder / "empty.txt"),
                             "--raw-dir", str(raw_dir)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert ingest.returncode == 1 and "empty file" in ingest.stderr, ingest.stdout + ingest.stderr
    assert (raw_dir / "seeds" / "raw_documents.csv").read_text(encoding="utf-8").count("\n") == 1
    return raw_dir


def test_an_empty_raw_store_never_replaces_a_published_warehouse(published: Published, tmp_path: Path) -> None:
    warehouse, _ = setup_old(published, tmp_path / "old")
    before = digest(warehouse)
    env = build_env(empty_raw_store(tmp_path / "in"), warehouse, tmp_path / "old")
    completed = subprocess.run(BUILD, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert completed.stdout == "" and len(completed.stderr.splitlines()) == 1, completed.stderr
    assert "NOT replaced" in completed.stderr and "holds no document" in completed.stderr
    assert "1 document;" in completed.stderr and "--allow-empty" in completed.stderr
    assert digest(warehouse) == before


def test_nothing_to_build_is_said_in_one_line(tmp_path: Path) -> None:
    """A first build of an empty raw store, or of a raw folder no ingest wrote, builds nothing."""
    warehouse = tmp_path / "w.duckdb"
    for raw_dir in (empty_raw_store(tmp_path / "in"), tmp_path / "never_ingested"):
        env = build_env(raw_dir, warehouse, tmp_path)
        completed = subprocess.run(BUILD, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert completed.returncode == 2, completed.stdout + completed.stderr
        assert len(completed.stderr.splitlines()) == 1 and "nothing to build" in completed.stderr, completed.stderr
        assert not warehouse.exists()
    assert not (tmp_path / "never_ingested").exists()


def test_allow_empty_publishes_an_empty_warehouse_with_its_own_log(published: Published, tmp_path: Path) -> None:
    warehouse, _ = setup_old(published, tmp_path / "old")
    env = build_env(empty_raw_store(tmp_path / "in"), warehouse, tmp_path / "old")
    completed = subprocess.run([*BUILD, "--allow-empty"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                               timeout=900)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_document").fetchone() == (0,)
    log = build_module().log_folder(tmp_path / "old" / "logs", warehouse) / "dbt_build.log"
    assert f"(full log: {log})" in completed.stdout and log.stat().st_size > 0


def test_builds_of_two_warehouses_keep_their_own_logs() -> None:
    """Two builds at once of different warehouses would overwrite one log; one warehouse's builds wait."""
    log_folder = build_module().log_folder
    logs = Path("/logs")
    here, there = PROJECT_ROOT / "warehouse.duckdb", Path("/data/office/warehouse.duckdb")
    folders = {log_folder(logs, here), log_folder(logs, PROJECT_ROOT / "example.duckdb"), log_folder(logs, there),
               log_folder(logs, Path("/data/other/warehouse.duckdb"))}
    assert len(folders) == 4
    assert log_folder(logs, here) == logs / "warehouse" and log_folder(logs, there) == log_folder(logs, there)
    assert log_folder(logs, there).name.startswith("warehouse-")


def test_a_raw_file_dbt_cannot_read_is_named_with_its_line(published: Published, tmp_path: Path) -> None:
    """A raw CSV cut short by hand (or written by another version of the ingest): the one line names the
    file and line DuckDB stopped at, not only the models that failed."""
    warehouse, _ = setup_old(published, tmp_path / "old")
    raw_dir = tmp_path / "raw"
    shutil.copytree(published.raw_dir, raw_dir)
    documents = raw_dir / "seeds" / "raw_documents.csv"
    header, *rows = documents.read_text(encoding="utf-8").splitlines()
    documents.write_text("\n".join([header, *(row.rsplit(",", 1)[0] for row in rows)]) + "\n", encoding="utf-8")
    before = digest(warehouse)
    completed = subprocess.run([*BUILD, "--full"], cwd=PROJECT_ROOT, env=build_env(raw_dir, warehouse, tmp_path / "old"),
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert len(completed.stderr.splitlines()) == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert f"raw file {documents} line 2: Expected Number of Columns" in completed.stderr, completed.stderr
    assert completed.stderr.startswith(f"warehouse NOT replaced ({warehouse} unchanged): "), completed.stderr
    assert digest(warehouse) == before


def test_a_failed_first_build_does_not_call_a_missing_warehouse_unchanged(tmp_path: Path) -> None:
    not_published = build_module().not_published
    assert not_published(tmp_path / "w.duckdb") == f"warehouse NOT built ({tmp_path / 'w.duckdb'} not written)"
    (tmp_path / "w.duckdb").write_bytes(b"")
    assert not_published(tmp_path / "w.duckdb") == f"warehouse NOT replaced ({tmp_path / 'w.duckdb'} unchanged)"


def test_failure_reasons_name_what_failed() -> None:
    build_warehouse = build_module()
    oom = {"unique_id": "model.budget_warehouse.fct_finding", "status": "error",
           "message": "Runtime Error in model fct_finding (models/findings/fct_finding.sql)\n"
                      "  Out of Memory Error: failed to pin block of size 256.0 KiB (1.1 GiB/1.1 GiB used)"}
    assert build_warehouse.failure_reason(oom).startswith("fct_finding: DuckDB ran out of its memory limit")
    other = {"unique_id": "model.budget_warehouse.dim_year", "status": "error",
             "message": "Runtime Error in model dim_year (models/marts/dim_year.sql)\n  Binder Error: column x not found"}
    assert build_warehouse.failure_reason(other) == "dim_year: Binder Error: column x not found"
    assert build_warehouse.failure_reason({"unique_id": "seed.x.s", "status": "error", "message": None}) == "s: error"


def test_a_duplicated_raw_row_names_the_test_that_stopped_the_build(published: Published, tmp_path: Path) -> None:
    """No model errs, a test of what they read fails and the models after it are skipped: the one line names
    that test, and the progress line does not count the tests that never ran as passed."""
    warehouse, _ = setup_old(published, tmp_path / "old")
    raw_dir = tmp_path / "raw"
    shutil.copytree(published.raw_dir, raw_dir)
    amounts = raw_dir / "amounts" / "raw_amounts.csv"
    lines = amounts.read_text(encoding="utf-8").splitlines()
    amounts.write_text("\n".join([*lines[:10], lines[9], *lines[10:]]) + "\n", encoding="utf-8")
    before = digest(warehouse)
    completed = subprocess.run([*BUILD, "--full"], cwd=PROJECT_ROOT, env=build_env(raw_dir, warehouse, tmp_path / "old"),
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert "not built: test unique_combination_of_columns_fct_published_amount" in completed.stderr, completed.stderr
    assert " not run (what they test was not built)" in completed.stdout, completed.stdout
    assert digest(warehouse) == before
