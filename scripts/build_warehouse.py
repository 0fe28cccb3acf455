"""Build the warehouse with dbt into a temporary file, verify it, then swap it in.

Publishing rules (issue #12): the published warehouse is always either the previous one or a new complete
one. The build writes `.NAME.building-new`, runs everything that needs the file read-write there (dbt
build, dbt docs generate), checkpoints it, reopens it read-only and checks it against this run's own
results (a fresh dbt target folder, never an earlier run's run_results.json) and against the raw CSVs
(documents and amounts row for row). Only then it is renamed over the warehouse in one step, with no WAL
beside either file. Readers holding the old file keep reading it until they reconnect.

Incremental path: when a warehouse already exists, was built by this same project (models, macros, seeds,
dbt and DuckDB versions: the fingerprint kept in its `warehouse_build` schema), the combined raw files are
as the ingest wrote them (size and modification time recorded in RAW_DIR/combined.json: a combined file
edited by hand makes a full build) and only a few documents differ from the raw store (the digests in
RAW_DIR/combined.json against those kept in the warehouse), the build starts from a copy of the published
file and refreshes only those documents' staging rows (from their own files RAW_DIR/docs/<id>/). Every later
document-keyed table replaces the rows of the refresh's scope only: the changed documents and every document
whose rows can depend on them (refresh_scope: the same body in any year and kind; the documents of the same
region, year and kind when that group has a unit document); the tables over all documents are rebuilt whole;
the data tests whose verdict on a row depends on its own document run on the scope's rows and keep the other
documents' stored failures (macros/refresh.sql, docs/dbt.md "Refresh"). The result equals a full build's
(tests_py/test_incremental_build.py). Anything else is a full build into a new file. Either way the result
is verified and swapped in the same way. `--full` forces a full build.

Data tests that fail (published figures that disagree) do not stop the swap; they are findings, and the
exit status says whether any is new (not in seeds/acknowledged_findings.csv).

A raw folder without any document builds nothing: there is nothing to build, and an empty warehouse
never replaces a published one unless `--allow-empty` asks for it.

Output: one line per stage, the first saying which path and why ('refresh: 1 new and 2 changed documents in a
copy of …', 'full build: no warehouse at … yet (first build)', '… the project changed since …'); dbt's full log goes to LOG_DIR/NAME/dbt_build.log, the findings report to
LOG_DIR/NAME/findings.txt (LOG_DIR: $DBT_LOG_PATH, else logs/; NAME: the warehouse file's name without
.duckdb, with a short hash of its folder when that is not the project folder), so that builds of two
warehouses at once keep their own logs (two builds of one warehouse wait for each other).

Exit status: 0 published, no new finding; 1 published, with new findings; 2 NOT published (the old
warehouse is untouched), with one line saying why; 3 another problem with the output folder (missing,
read-only, full) before anything was replaced.

Usage: python scripts/build_warehouse.py [--target PATH] [--docs] [--full] [--allow-empty] [-- extra dbt args]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ingest.lock import LockError, raw_store_lock, warehouse_lock  # noqa: E402
from ingest.words import plural  # noqa: E402
from ingest.writer import (  # noqa: E402
    ALL_FILES,
    MANIFEST,
    combined_file_stamp,
    combined_path,
    default_raw_dir,
    rebuild_combined,
    recover_store,
    stored_document_dirs,
)

EXIT_PUBLISHED = 0
EXIT_NEW_FINDINGS = 1
EXIT_NOT_PUBLISHED = 2
EXIT_OUTPUT_FOLDER = 3

# Mart -> raw file whose data rows it holds one for one: the row counts this run must publish.
ROW_FOR_ROW = {"dim_document": "raw_documents", "fct_published_amount": "raw_amounts", "dim_project": "raw_projects"}
# Published file mode: readable by every user; no one writes into it (a write would leave a WAL that a
# later swap has to discard), user tables belong in their own DuckDB file that ATTACHes this one read-only.
PUBLISHED_MODE = 0o444
# Where the build keeps what the next build compares with (fingerprint of the project, document digests).
STATE_SCHEMA = "warehouse_build"
# A refresh reads one file per document and raw file; beyond this share of the store (and more than a few
# documents) a full build, which reads the combined files once, is cheaper.
REFRESH_MAX_SHARE = 0.25
REFRESH_MIN_DOCUMENTS = 20
REFRESH_MAX_DOCUMENTS = 2000
# The schema of the views of a refresh's scope (macros/refresh.sql: refresh_relation reads them for the
# tables refresh_scoped_models lists).
SCOPE_SCHEMA = "refresh_scope"
# What the tables of the warehouse depend on besides the raw files.
PROJECT_INPUTS = ("models", "macros", "seeds", "dbt_project.yml", "profiles.yml")


class NotPublished(Exception):
    """The new file is not complete; the message is the one line printed."""


@dataclass
class DbtRun:
    """One dbt invocation: its exit status (negative when killed by a signal) and the run_results.json results
    and manifest.json it wrote (empty when it wrote none).
    """

    returncode: int
    results: list[dict]
    manifest: dict


def dbt_executable() -> str:
    """The dbt beside this Python (the venv's), else 'dbt' from PATH."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(arguments: list[str], env: dict[str, str], target_path: Path, log_dir: Path, log_file: Path) -> DbtRun:
    """Run one dbt command with a fresh target folder; stdout appended to ``log_file``.

    Returns dbt's exit status (negative when killed by a signal) and the results and manifest written by
    this invocation only (empty when it wrote none).
    """
    command = [dbt_executable(), *arguments, "--profiles-dir", str(ROOT), "--project-dir", str(ROOT),
               "--target-path", str(target_path), "--log-path", str(log_dir)]
    results_path, manifest_path = target_path / "run_results.json", target_path / "manifest.json"
    for stale in (results_path, manifest_path):
        stale.unlink(missing_ok=True)
    with log_file.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(command)}\n")
        log.flush()
        completed = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    results = json.loads(results_path.read_text(encoding="utf-8"))["results"] if results_path.exists() else []
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    return DbtRun(completed.returncode, results, manifest)


def resource(result: dict) -> str:
    """The resource type of a run result ('model', 'seed', 'test', 'unit_test', …) from its unique_id."""
    return result["unique_id"].split(".")[0]


def failure_reason(result: dict) -> str:
    """One line saying why a seed or model of a run result failed, from dbt's message: the raw CSV file and
    line DuckDB could not read, a memory cap reached, else the first line naming an error."""
    name = result["unique_id"].split(".")[-1]
    message = result.get("message") or ""
    if (line := re.search(r"CSV Error on Line: (\d+)", message)) and (file := re.search(r"^\s*file = (.+)$", message, re.M)):
        details = [text.strip() for text in message.splitlines()
                   if text.strip().startswith(("Expected Number of Columns", "Error when converting", "Could not convert"))]
        why = details[0] if details else "not in the raw format"
        return (f"{name}: raw file {file.group(1).strip()} line {line.group(1)}: {why} (edited by hand, or written by "
                "another version of the ingest: ingest the documents again)")
    if "Out of Memory Error" in message:
        return (f"{name}: DuckDB ran out of its memory limit ({os.environ.get('BUDGET_DUCKDB_MEMORY_LIMIT', '1200MB')}; "
                "raise BUDGET_DUCKDB_MEMORY_LIMIT)")
    errors = [text.strip() for text in message.splitlines() if "Error" in text and "Runtime Error in" not in text]
    return f"{name}: {errors[0] if errors else result['status']}"


def summarise(run: DbtRun) -> tuple[str, list[str]]:
    """One progress line for a dbt build, and why seeds/models did not build (empty when all did)."""
    built = [r for r in run.results if resource(r) in ("model", "seed")]
    tests = [r for r in run.results if resource(r) == "test"]
    not_built = [r for r in built if r["status"] != "success"]
    failed_tests = [r for r in tests if r["status"] in ("fail", "error")]
    # The errors say why; what they skipped follows from them. Without an error, models are skipped after a
    # test of what they read failed (e.g. a duplicated raw row): that test is named.
    broken = [failure_reason(r) for r in not_built if r["status"] == "error"]
    if not broken and not_built:
        skipped_by = [f"test {r['unique_id'].split('.')[2]} failed ({r.get('message') or r['status']})"
                      for r in failed_tests]
        broken = skipped_by or [f"{r['unique_id']}: {r['status']}" for r in not_built]
    warned = sum(1 for r in tests if r["status"] == "warn")
    skipped = sum(1 for r in tests if r["status"] == "skipped")
    passed = len(tests) - len(failed_tests) - warned - skipped
    line = (f"build: {len(built) - len(not_built)} of {plural(len(built), 'seed/model', 'seeds/models')} built, "
            f"{passed} of {plural(len(tests), 'test')} passed, {len(failed_tests)} failed, {warned} warned"
            + (f", {skipped} not run (what they test was not built)" if skipped else ""))
    return line, broken


def raw_manifest(raw_dir: Path) -> dict:
    """RAW_DIR/combined.json, the ingest's list of the documents and rows in the combined files ({} when
    missing: a raw folder not written by the ingest, e.g. a test fixture)."""
    try:
        return json.loads((raw_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def raw_row_count(raw_dir: Path, name: str) -> int:
    """Data rows of a combined raw file: from the ingest's manifest (which the expectations check against
    the file) when there is one, else counted."""
    rows = raw_manifest(raw_dir).get("rows", {}).get(name)
    if rows is not None:
        return sum(int(n) for n in rows.values())
    with combined_path(raw_dir, name).open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.reader(stream)) - 1


def raw_document_count(raw_dir: Path) -> int | None:
    """Documents in the raw store's combined files, or None when it has none (no ingest has written it)."""
    if not combined_path(raw_dir, "raw_documents").exists():
        return None
    try:
        return raw_row_count(raw_dir, "raw_documents")
    except (OSError, ValueError, csv.Error):
        return None


def published_document_count(target: Path) -> int | None:
    """Documents in the published warehouse, or None when there is none (or it cannot be read)."""
    if not target.exists():
        return None
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("select count(*) from dim_document").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


def nothing_to_build(raw_dir: Path, target: Path, allow_empty: bool) -> str | None:
    """The one line saying why a raw store without documents is not built, or None to build."""
    documents = raw_document_count(raw_dir)
    if documents or (documents == 0 and allow_empty):
        return None
    load = "load documents first: python -m ingest PATH... (or make load DOCS=folder)"
    if documents is None:
        return f"warehouse NOT built: nothing to build, the raw folder {raw_dir} has no raw CSVs; {load}"
    published = published_document_count(target)
    if published:
        return (f"warehouse NOT replaced ({target} unchanged): the raw folder {raw_dir} holds no document, and an "
                f"empty warehouse would replace one with {plural(published, 'document')}; {load}, or pass "
                "--allow-empty to publish an empty warehouse")
    return (f"warehouse NOT built: nothing to build, the raw folder {raw_dir} holds no document; {load} "
            "(--allow-empty builds an empty warehouse)")


def reconcile_store(raw_dir: Path) -> str:
    """Bring the combined files in step with the document folders when they are not, and say so ("" when
    they are): a removal or ingest killed part-way is finished or undone first (recover_store), and a
    folder RAW_DIR/docs/<id> deleted by hand takes its document out of the combined files, as
    ``python -m ingest.remove`` would. The caller holds the raw store's lock."""
    listed = raw_manifest(raw_dir).get("documents")
    docs_dir = raw_dir / "docs"
    if listed is None or not docs_dir.is_dir():
        return ""
    if any(path.name.startswith(".") for path in docs_dir.iterdir()):
        recover_store(raw_dir)
    present = {folder.name for folder in stored_document_dirs(raw_dir)}
    gone, added = sorted(set(listed) - present), sorted(present - set(listed))
    if not gone and not added:
        return ""
    rebuild_combined(raw_dir)
    parts = [f"{plural(len(gone), 'document folder')} removed from {raw_dir / 'docs'} ({', '.join(gone[:3])}"
             f"{', …' if len(gone) > 3 else ''})"] if gone else []
    parts += [f"{plural(len(added), 'document folder')} not yet combined ({', '.join(added[:3])}"
              f"{', …' if len(added) > 3 else ''})"] if added else []
    return f"raw store: {'; '.join(parts)}: combined files rebuilt"


def not_published(target: Path) -> str:
    """The head of a failed build's one line: the published warehouse was left as it was, or there was
    none (a first build), so nothing was published."""
    if target.exists():
        return f"warehouse NOT replaced ({target} unchanged)"
    return f"warehouse NOT built ({target} not written)"


def log_folder(log_dir: Path, target: Path) -> Path:
    """Where a build of ``target`` writes its logs: one folder per warehouse (see the module doc)."""
    name = target.stem
    if target.parent != ROOT:
        name += "-" + hashlib.sha256(str(target.parent).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return log_dir / name


def project_fingerprint(dbt_args: list[str]) -> str:
    """sha256 of everything the warehouse's tables depend on besides the raw files."""
    digest = hashlib.sha256()
    files = []
    for name in PROJECT_INPUTS:
        path = ROOT / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in files:
        digest.update(f"{path.relative_to(ROOT)}\n".encode())
        digest.update(path.read_bytes())
    # the versions of dbt and DuckDB shape the tables too
    digest.update(f"dbt {metadata.version('dbt-core')} {metadata.version('dbt-duckdb')} duckdb {duckdb.__version__} "
                  f"{dbt_args}".encode())
    return digest.hexdigest()


@dataclass
class Refresh:
    """The documents a build refreshes in a copy of the published warehouse: ``documents`` (staging rows to
    delete: changed, new or gone), ``stored`` (those of them in the raw store, whose files are read),
    ``scope`` (the documents whose rows every later document-keyed table replaces: ``documents`` and those
    whose rows can depend on them, see refresh_scope) and ``new`` (those of ``stored`` the published
    warehouse does not have)."""

    documents: list[str]
    stored: list[str]
    scope: list[str]
    new: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """What the refresh loads, for its line: '1 new and 2 changed documents', '1 removed document', or
        'no document new, changed or removed'."""
        removed = len(self.documents) - len(self.stored)
        counts = [f"{count} {word}" for count, word in ((len(self.new), "new"),
                                                        (len(self.stored) - len(self.new), "changed"),
                                                        (removed, "removed")) if count]
        if not counts:
            return "no document new, changed or removed"
        listed = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
        return f"{listed} {'document' if len(self.documents) == 1 else 'documents'}"


@dataclass(frozen=True)
class DocumentKey:
    """What ties a document's rows to other documents': its body (region, department_name: the same body in
    other years and kinds, D02/D03, F05, fct_budget_execution, the D checks' parse gaps) and its group (region,
    fiscal_year, kind: a department document and its units, dim_document.parent_document_id, D01)."""

    document_id: str
    region: str
    department_name: str
    scope: str
    fiscal_year: str
    kind: str

    @property
    def body(self) -> tuple[str, str]:
        """(region, department_name): the same body in any year or kind."""
        return (self.region, self.department_name)

    @property
    def group(self) -> tuple[str, str, str]:
        """(region, fiscal_year, kind): a department document and its units' documents."""
        return (self.region, self.fiscal_year, self.kind)


def stored_document_key(raw_dir: Path, document_id: str) -> DocumentKey | None:
    """A stored document's key, from its own RAW_DIR/docs/<id>/raw_documents.csv (None when unreadable)."""
    try:
        with (raw_dir / "docs" / document_id / "raw_documents.csv").open(encoding="utf-8", newline="") as stream:
            row = next(csv.DictReader(stream), None)
    except (OSError, csv.Error):
        return None
    if row is None:
        return None
    return DocumentKey(document_id, row["region"], row["department_name"], row["scope"], str(row["fiscal_year"]),
                       row["kind"])


def refresh_scope(published: list[DocumentKey], changed: list[DocumentKey]) -> list[str]:
    """The documents whose rows a refresh replaces after staging: the changed documents (both their published
    and their new keys in ``changed``), every document of the same body (any year or kind), and every
    document of the same region, year and kind when that group has a unit document (a unit's parent and the
    department's D01 depend on the group's other documents). No document outside it has rows that depend on a
    changed one."""
    everyone = [*published, *changed]
    bodies = {key.body for key in changed}
    groups = {key.group for key in changed}
    with_units = {key.group for key in everyone if key.scope == "unit" and key.group in groups}
    scope = {key.document_id for key in changed}
    scope |= {key.document_id for key in everyone if key.body in bodies or key.group in with_units}
    return sorted(scope)


def combined_files_edited(raw_dir: Path) -> list[str]:
    """The combined raw files that are not as the ingest wrote them (size or modification time differs from
    RAW_DIR/combined.json's "files"; every file when the manifest records none): e.g. edited by hand.

    Their rows may then differ from the documents' own files, which the digests describe, so only a full
    build (which reads the combined files) gives what they hold."""
    recorded: dict[str, dict] = raw_manifest(raw_dir).get("files") or {}
    names = [str(combined_path(raw_dir, name).relative_to(raw_dir)) for name in ALL_FILES]
    edited = []
    for name in names:
        try:
            stamp = combined_file_stamp(raw_dir / name)
        except OSError:
            stamp = None
        if stamp is None or recorded.get(name) != stamp:
            edited.append(name)
    return edited


def plan_refresh(target: Path, raw_dir: Path, fingerprint: str) -> Refresh | str:
    """A Refresh when the published warehouse can be updated in place, else why a full build (one phrase for
    the line 'full build: …')."""
    if not target.exists():
        return f"no warehouse at {target} yet (first build)"
    manifest = raw_manifest(raw_dir)
    if not manifest:
        return f"the raw store has no {MANIFEST} (not written by the ingest, or written by an older version)"
    digests: dict[str, str] = manifest.get("digests") or {}
    if not digests:
        return f"the raw store's {MANIFEST} records no document digests (written by an older version of the ingest)"
    if edited := combined_files_edited(raw_dir):
        return (f"{plural(len(edited), 'combined raw file')} not as the ingest wrote "
                f"{'it' if len(edited) == 1 else 'them'} ({', '.join(edited[:3])}: size or time differs from "
                f"{MANIFEST})")
    not_recorded = f"{target.name} keeps no record of its build (built by an older version of this project)"
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error as exc:
        return f"{target.name} could not be opened to compare with ({str(exc).splitlines()[0]})"
    try:
        built_with = con.execute(f"select fingerprint from {STATE_SCHEMA}.project").fetchone()
        built = dict(con.execute(f"select document_id, digest from {STATE_SCHEMA}.documents").fetchall())
        published = [DocumentKey(*("" if value is None else str(value) for value in row)) for row in con.execute(
            "select document_id, region, department_name, scope, fiscal_year, kind from dim_document").fetchall()]
    except duckdb.Error:
        return not_recorded
    finally:
        con.close()
    if built_with is None:
        return not_recorded
    if built_with[0] != fingerprint:
        return (f"the project changed since {target.name} was built (models, macros, seeds, dbt_project.yml, "
                "profiles.yml, or the dbt or DuckDB version)")
    changed = sorted({d for d, digest in digests.items() if built.get(d) != digest} | (set(built) - set(digests)))
    limit = min(REFRESH_MAX_DOCUMENTS, max(REFRESH_MIN_DOCUMENTS, int(REFRESH_MAX_SHARE * len(digests))))
    if len(changed) > limit:
        return (f"{len(changed)} of {plural(len(digests), 'document')} new, changed or removed (a refresh takes "
                f"at most {limit}: beyond that, reading the combined files once is cheaper)")
    stored = [d for d in changed if d in digests]
    new_keys = [stored_document_key(raw_dir, d) for d in stored]
    if unreadable := [d for d, key in zip(stored, new_keys, strict=True) if key is None]:
        return f"the raw store's own files of {plural(len(unreadable), 'document')} cannot be read ({unreadable[0]})"
    changed_set = set(changed)
    changed_keys = [key for key in published if key.document_id in changed_set] + \
        [key for key in new_keys if key is not None]
    return Refresh(changed, stored, refresh_scope(published, changed_keys), [d for d in stored if d not in built])


def scope_views(building: Path, scope: list[str], create: bool) -> None:
    """Create (or drop) in the copy being refreshed the schema SCOPE_SCHEMA: one view per document-keyed table
    with the scope's rows only, which the models read while a refresh rebuilds the scope (macros/refresh.sql:
    refresh_relation). Dropped before the file is verified: a published file has no views."""
    con = duckdb.connect(str(building))
    try:
        con.execute(f"drop schema if exists {SCOPE_SCHEMA} cascade")
        if not create:
            return
        con.execute(f"create schema {SCOPE_SCHEMA}")
        listed = ", ".join("'" + document_id.replace("'", "''") + "'" for document_id in scope) or "null"
        # A view for every model table with a document_id: ref() uses only those of refresh_scoped_models(),
        # so the list is kept once, in the macro (stored test failures and the build's state are not models).
        tables = con.execute("select tables.table_schema, tables.table_name from information_schema.tables as tables "
                             "inner join information_schema.columns as columns using (table_catalog, table_schema, table_name) "
                             "where tables.table_catalog = current_database() and tables.table_type = 'BASE TABLE' "
                             f"and tables.table_schema not in ('audit', '{STATE_SCHEMA}') and columns.column_name = 'document_id'").fetchall()
        for schema, name in sorted(tables):
            con.execute(f'create view {SCOPE_SCHEMA}."{name}" as select * from "{schema}"."{name}" '
                        f"where document_id in ({listed})")
    finally:
        con.close()


def record_state(building: Path, raw_dir: Path, fingerprint: str) -> None:
    """Keep in the new file what the next build compares with (see plan_refresh).

    The documents' digests are kept only when the combined files are as the ingest wrote them: rows edited
    by hand into a combined file are in this warehouse but not in any digest, so the next build must be a
    full one (no digest matches)."""
    digests = {} if combined_files_edited(raw_dir) else raw_manifest(raw_dir).get("digests", {})
    con = duckdb.connect(str(building))
    try:
        con.execute(f"create schema if not exists {STATE_SCHEMA}")
        con.execute(f"create or replace table {STATE_SCHEMA}.project (fingerprint varchar not null)")
        con.execute(f"insert into {STATE_SCHEMA}.project values (?)", [fingerprint])
        con.execute(f"create or replace table {STATE_SCHEMA}.documents "
                    "(document_id varchar primary key, digest varchar not null)")
        if digests:
            con.executemany(f"insert into {STATE_SCHEMA}.documents values (?, ?)", sorted(digests.items()))
        con.execute(f"comment on table {STATE_SCHEMA}.documents is 'Digest of each document''s raw rows at the "
                    "last build (scripts/build_warehouse.py compares them to refresh only changed documents)'")
    finally:
        con.close()


def expected_relations(manifest: dict) -> set[tuple[str, str]]:
    """(schema, name) of every seed and non-ephemeral model this run's project defines (analyses and tests
    excluded)."""
    names = set()
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") == "seed" or (
            node.get("resource_type") == "model" and node.get("config", {}).get("materialized") != "ephemeral"
        ):
            names.add((node.get("schema") or "main", node.get("alias") or node["name"]))
    return names


def verify(building: Path, run: DbtRun, raw_dir: Path) -> str:
    """Checkpoint ``building`` and check it read-only; returns a one-line description, raises NotPublished.

    Checks: no WAL remains after the checkpoint; every relation of this run's manifest exists and every
    relation in the file answers a query from the file alone (no view reading files outside it, no
    machine path in it); the row-for-row marts hold exactly the raw CSVs' row counts.
    """
    wal = Path(f"{building}.wal")
    try:
        con = duckdb.connect(str(building))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
    except duckdb.Error as exc:
        raise NotPublished(f"the new warehouse cannot be checkpointed ({str(exc).splitlines()[0]})") from exc
    if wal.exists():
        raise NotPublished(f"the new warehouse's write-ahead log {wal.name} was not merged into the file (disk full?)")
    expected = expected_relations(run.manifest)
    if not expected:
        raise NotPublished("this run's dbt manifest lists no models (dbt did not finish)")
    try:
        con = duckdb.connect(str(building), read_only=True)
    except duckdb.Error as exc:
        raise NotPublished(f"the new warehouse cannot be opened read-only ({str(exc).splitlines()[0]})") from exc
    try:
        found = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables"
            " where table_catalog = current_database()"
        ).fetchall()
        relations = {f'"{schema}"."{name}"': kind for schema, name, kind in found}
        missing = sorted(expected - {(schema, name) for schema, name, kind in found})
        if missing:
            listed = ", ".join(name if schema == "main" else f"{schema}.{name}" for schema, name in missing[:5])
            raise NotPublished(f"the new warehouse lacks {plural(len(missing), 'relation')}: {listed}")
        views = sorted(name for name, kind in relations.items() if kind == "VIEW")
        if views:
            raise NotPublished(f"the new warehouse has views that read outside the file: {', '.join(views[:5])}")
        for name in relations:
            con.execute(f"select * from {name} limit 1").fetchall()
        counts = {}
        for mart, raw in ROW_FOR_ROW.items():
            if ("main", mart) not in expected:
                continue
            in_file = con.execute(f'select count(*) from "{mart}"').fetchone()[0]
            in_raw = raw_row_count(raw_dir, raw)
            if in_file != in_raw:
                raise NotPublished(f"{mart} has {in_file} rows, the raw {raw}.csv {in_raw}")
            counts[mart] = in_file
    except duckdb.Error as exc:
        raise NotPublished(f"the new warehouse does not answer ({str(exc).splitlines()[0]})") from exc
    finally:
        con.close()
    return (f"verified: {plural(len(relations), 'relation')}, {plural(counts.get('dim_document', 0), 'document')}, "
            f"{plural(counts.get('fct_published_amount', 0), 'amount')}, as in the raw CSVs")


def discard_wal(path: Path) -> str | None:
    """Remove a WAL beside ``path`` (a client's writes into the published file, or a killed build's)."""
    wal = Path(f"{path}.wal")
    if not wal.exists():
        return None
    wal.unlink()
    return (f"note: removed {wal.name}: a program wrote into the published warehouse; such writes are not "
            "kept — keep your own tables in another DuckDB file and ATTACH the warehouse READ_ONLY")


def clear_stale_builds(target: Path) -> None:
    """Temporary files of earlier, killed builds (safe: the warehouse lock is held)."""
    for stale in target.parent.glob(f".{target.name}.building*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def publish(building: Path, target: Path) -> list[str]:
    """Rename ``building`` over ``target`` with no WAL beside either; returns notes to print."""
    notes = [note for note in (discard_wal(target),) if note]
    os.chmod(building, PUBLISHED_MODE)
    os.replace(building, target)
    # A WAL that appeared between the check and the rename would be replayed into the new file.
    notes += [note for note in (discard_wal(target),) if note]
    return notes


def keep_artefacts(run_target: Path, target_base: Path) -> None:
    """Move this run's dbt artefacts (results, manifest, catalog, docs) to where people look for them."""
    target_base.mkdir(parents=True, exist_ok=True)
    for name in ("run_results.json", "manifest.json", "catalog.json", "index.html", "static_index.html",
                 "partial_parse.msgpack", "semantic_manifest.json"):
        if (run_target / name).exists():
            os.replace(run_target / name, target_base / name)


def build(args: argparse.Namespace, target: Path, raw_dir: Path, target_base: Path, log_dir: Path) -> int:
    """Build, verify and publish the warehouse `target` from the raw CSVs of `raw_dir` (see the module
    docstring): a refresh of the changed documents in a copy of the published file when possible, else a
    full build into a new file. Returns the exit status: EXIT_PUBLISHED, EXIT_NEW_FINDINGS,
    EXIT_NOT_PUBLISHED (target untouched, one line says why) or EXIT_OUTPUT_FOLDER.
    """
    clear_stale_builds(target)
    if note := reconcile_store(raw_dir):
        print(note, flush=True)
    if (refusal := nothing_to_build(raw_dir, target, args.allow_empty)) is not None:
        print(refusal, file=sys.stderr)
        return EXIT_NOT_PUBLISHED
    # One name per target (the warehouse lock makes it this build's alone): the dbt profile's path stays the
    # same from build to build, so dbt parses only what changed instead of the whole project.
    building = target.with_name(f".{target.name}.building-new")
    run_target = Path(tempfile.mkdtemp(prefix=".run-", dir=target_base))
    log_file = log_dir / "dbt_build.log"
    log_file.write_text("", encoding="utf-8")
    try:
        if (target_base / "partial_parse.msgpack").exists():
            shutil.copy2(target_base / "partial_parse.msgpack", run_target / "partial_parse.msgpack")
        env = {**os.environ, "BUDGET_WAREHOUSE": str(building), "BUDGET_RAW_DIR": str(raw_dir),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        fingerprint = project_fingerprint(args.dbt_args)
        planned = "asked for (--full)" if args.full else plan_refresh(target, raw_dir, fingerprint)
        refresh = planned if isinstance(planned, Refresh) else None
        env.pop("BUDGET_REFRESH", None)
        if isinstance(planned, str):
            print(f"full build: {planned}", flush=True)
        if refresh is not None:
            # The published file is never written: the refresh works on a copy, swapped in like a new file.
            shutil.copyfile(target, building)
            os.chmod(building, 0o644)
            env["BUDGET_REFRESH"] = json.dumps({"documents": refresh.documents, "stored": refresh.stored,
                                                "scope": refresh.scope})
            scope_views(building, refresh.scope, create=True)
            print(f"refresh: {refresh.describe()} in a copy of {target.name} "
                  f"({len(refresh.stored)} to load, {plural(len(refresh.scope), 'document')} to rebuild)", flush=True)
        # Unit tests check the SQL on crafted rows, not the documents: `make test` runs them.
        run = run_dbt(["build", "--exclude-resource-type", "unit_test", *args.dbt_args], env, run_target,
                      log_dir, log_file)
        line, broken = summarise(run)
        print(f"{line} (full log: {log_file})", flush=True)
        if run.returncode < 0:
            raise NotPublished(f"dbt was killed by signal {-run.returncode}")
        if not run.results:
            raise NotPublished(f"dbt wrote no results (exit {run.returncode}); see {log_file}")
        if broken:
            raise NotPublished(f"seeds/models not built: {'; '.join(broken[:3])}")
        docs_line = None
        if args.docs:
            # Docs need the file read-write: done here, on the unpublished file, so no reader is blocked.
            docs_target = run_target / "docs"
            docs_target.mkdir()
            docs = run_dbt(["docs", "generate", "--static"], env, docs_target, log_dir, log_file)
            for name in ("catalog.json", "index.html", "static_index.html"):
                if (docs_target / name).exists():
                    os.replace(docs_target / name, run_target / name)
            if docs.returncode == 0 and (run_target / "static_index.html").exists():
                docs_line = f"docs: {target_base / 'static_index.html'}"
            else:
                docs_line = f"docs: dbt docs generate failed (exit {docs.returncode}); see {log_file}"
        if refresh is not None:
            scope_views(building, refresh.scope, create=False)
        record_state(building, raw_dir, fingerprint)
        print(verify(building, run, raw_dir), flush=True)
        keep_artefacts(run_target, target_base)
        for note in publish(building, target):
            print(note, file=sys.stderr)
    except NotPublished as exc:
        print(f"{not_published(target)}: {exc}", file=sys.stderr)
        return EXIT_NOT_PUBLISHED
    except OSError as exc:
        print(f"{not_published(target)}: {exc.filename or target.parent}: {exc.strerror}", file=sys.stderr)
        return EXIT_OUTPUT_FOLDER
    finally:
        for leftover in (building, Path(f"{building}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(run_target, ignore_errors=True)
    print(f"warehouse: {target}")
    if docs_line:
        print(docs_line)
    return report(target, target_base, log_dir, run.returncode)


def report(target: Path, target_base: Path, log_dir: Path, dbt_returncode: int) -> int:
    """Write the findings report to a file and print its headline; the exit status of the whole build."""
    report_path = log_dir / "findings.txt"
    command = [sys.executable, str(ROOT / "scripts" / "report_findings.py"), "--warehouse", str(target),
               "--manifest", str(target_base / "manifest.json")]
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               encoding="utf-8", errors="replace")
    report_path.write_text(completed.stdout, encoding="utf-8")
    lines = completed.stdout.splitlines()
    headline = next(iter(lines), "")
    print(f"findings: {headline.split(': ', 1)[-1]} (report: {report_path})")
    # Parse gaps are ours to look at, not the document's: each document with one gets its own line here.
    for line in lines:
        if " not placed, " in line and line.endswith(" not checked"):
            print(f"parse gap: {line.strip()}")
    # The headline counts them: "…; N new errors; M other failing tests." (the dbt gate test fails on the first).
    new_errors = re.search(r"(\d+) new errors?\b", headline)
    others = re.search(r"(\d+) other failing tests?\b", headline)
    if completed.returncode != 0 or (new_errors is not None and int(new_errors.group(1)) > 0):
        print("new findings (not acknowledged): see the report", file=sys.stderr)
        return EXIT_NEW_FINDINGS
    if dbt_returncode != 0:
        detail = "see the report's other failing tests" if others is None or int(others.group(1)) else \
            f"see {log_dir / 'dbt_build.log'}"
        print(f"dbt tests failed that are not findings ({detail})", file=sys.stderr)
        return EXIT_NEW_FINDINGS
    return EXIT_PUBLISHED


def main(argv: list[str] | None = None) -> int:
    """The command line (usage in the module docstring): --target (default $BUDGET_WAREHOUSE, else
    warehouse.duckdb), --docs, --full, extra dbt arguments. Takes the raw store's and the warehouse's
    locks and returns build()'s exit status, or EXIT_OUTPUT_FOLDER when the output folder is missing,
    unwritable or locked.
    """
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", type=Path, default=Path(os.environ.get("BUDGET_WAREHOUSE", ROOT / "warehouse.duckdb")))
    parser.add_argument("--docs", action="store_true", help="also write the dbt docs as one HTML file (static_index.html)")
    parser.add_argument("--full", action="store_true",
                        help="build every document into a new file even when only a few changed")
    parser.add_argument("--allow-empty", action="store_true",
                        help="build even when the raw folder holds no document (replacing a published warehouse)")
    parser.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build")
    args = parser.parse_args(argv)
    target: Path = args.target.resolve()
    raw_dir = default_raw_dir().resolve()
    target_base = Path(os.environ.get("DBT_TARGET_PATH", ROOT / "target")).resolve()
    log_dir = log_folder(Path(os.environ.get("DBT_LOG_PATH", ROOT / "logs")).resolve(), target)
    if not target.parent.is_dir():
        print(f"warehouse NOT built: the output folder {target.parent} does not exist", file=sys.stderr)
        return EXIT_OUTPUT_FOLDER
    if not raw_dir.is_dir():
        # Checked before the lock, which would create the folder.
        problem = "is not a folder" if raw_dir.exists() else "does not exist"
        print(f"warehouse NOT built: nothing to build, the raw folder {raw_dir} {problem}; load documents "
              "first: python -m ingest PATH... (or make load DOCS=folder)", file=sys.stderr)
        return EXIT_NOT_PUBLISHED
    try:
        for folder in (target_base, log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        with raw_store_lock(raw_dir, "build"), warehouse_lock(target, "build"):
            return build(args, target, raw_dir, target_base, log_dir)
    except (LockError, OSError) as exc:
        reason = str(exc) if isinstance(exc, LockError) else f"{exc.filename or ''}: {exc.strerror}"
        print(f"warehouse NOT built: {reason}", file=sys.stderr)
        return EXIT_OUTPUT_FOLDER


if __name__ == "__main__":
    sys.exit(main())
