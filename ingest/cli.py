"""Command line: ``python -m ingest PATH...``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .pipeline import FileOutcome, collect_inputs, parse_outcome
from .writer import default_raw_dir, rebuild_combined, recover_store, store_document, stored_source

EXIT_OK = 0
EXIT_FILE_FAILED = 1
EXIT_USAGE = 2

DESCRIPTION = """\
Parse published Chinese budget disclosures (部门预算 / 单位预算) into the raw CSVs the dbt project reads.

PATH may be files or folders (searched recursively for .txt and .pdf). Each document is stored under
RAW_DIR/docs/<document_id>/ and the combined files RAW_DIR/seeds/*.csv and RAW_DIR/amounts/raw_amounts.csv
are rebuilt. Re-ingesting a document (same region, department, scope, year and kind) replaces its rows.
A file that cannot be read is named with the reason and skipped; the others still load.
"""
EPILOG = """\
exit status: 0 every file loaded; 1 at least one file failed (each is named on stderr); 2 bad arguments.
Rows the parser could not place with certainty are listed (file, table, line) and left out of the CSVs;
they are also in RAW_DIR/seeds/raw_parse_issues.csv.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="documents or folders of documents")
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=None,
        help="where the raw CSVs go (default: $BUDGET_RAW_DIR, else ./raw, where dbt reads them)",
    )
    parser.add_argument("--jobs", "-j", type=int, default=0, help="parallel parser processes (default: one per core)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary line")
    return parser


def progress(done: int, total: int, enabled: bool) -> None:
    if enabled:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        if done == total:
            sys.stderr.write("\n")


def parse_all(files: list[Path], jobs: int, show_progress: bool) -> list[FileOutcome]:
    if jobs <= 1 or len(files) <= 1:
        outcomes = []
        for index, path in enumerate(files, start=1):
            outcomes.append(parse_outcome(path))
            progress(index, len(files), show_progress)
        return outcomes
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        outcomes = []
        for index, outcome in enumerate(pool.map(parse_outcome, files, chunksize=1), start=1):
            outcomes.append(outcome)
            progress(index, len(files), show_progress)
        return outcomes


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    raw_dir: Path = args.raw_dir or default_raw_dir()
    recover_store(raw_dir)
    files, missing = collect_inputs(args.paths)
    for message in missing:
        print(f"error: {message}", file=sys.stderr)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    outcomes = parse_all(files, jobs, sys.stderr.isatty() and not args.quiet)

    failures = len(missing)
    loaded: dict[str, FileOutcome] = {}
    tables = facts = row_problems = 0
    for outcome in outcomes:
        doc = outcome.document
        if doc is None:
            failures += 1
            print(f"error: {outcome.error}", file=sys.stderr)
            continue
        doc_id = doc.document_id
        label = f"{doc.meta.department_name} {doc.meta.fiscal_year} {'单位' if doc.meta.scope == 'unit' else '部门'}预算"
        if doc_id in loaded:
            print(f"note: {outcome.path}: same document as {loaded[doc_id].path} ({label}); loaded once", file=sys.stderr)
            continue
        previous = stored_source(raw_dir, doc_id)
        store_document(raw_dir, doc)
        loaded[doc_id] = outcome
        if previous and previous[1] != doc.source_sha256:
            print(f"note: {outcome.path}: replaces the earlier edition from {previous[0]} ({label})", file=sys.stderr)
        tables += sum(1 for t in doc.tables if t.status != "missing")
        facts += len(doc.amounts)
        for issue in doc.issues:
            if issue.severity == "error":
                row_problems += 1
                where = f"{issue.table_key} line {issue.line_no}" if issue.line_no else issue.table_key or "document"
                printed = f" — printed: {issue.row_text}" if issue.row_text else ""
                print(f"unplaced: {outcome.path}: {where}: {issue.issue}{printed}", file=sys.stderr)
        if not args.quiet:
            print(f"loaded {outcome.path} → {doc_id} ({label}, {len(doc.amounts)} amounts, {len(doc.projects)} projects)")
    if loaded or not any(raw_dir.glob("docs/*")):
        rebuild_combined(raw_dir)
    seconds = time.perf_counter() - started
    print(
        f"{len(loaded)} documents, {tables} tables, {facts} facts, {row_problems} unplaced rows, "
        f"{failures} failures, {seconds:.2f} s → {raw_dir}"
    )
    return EXIT_FILE_FAILED if failures else EXIT_OK
