"""Command line: ``python -m ingest PATH...``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .issues import IssueCode
from .pipeline import FileOutcome, StoreError, collect_inputs, edition_of, ingest, same_edition
from .words import plural, shown
from .writer import Edition, default_raw_dir

EXIT_OK = 0
EXIT_FILE_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE_FAILED = 3

DESCRIPTION = """\
Parse published Chinese budget disclosures (部门预算 / 单位预算) into the raw CSVs the dbt project reads.

PATH may be files or folders (searched recursively for .txt and .pdf). Each document is stored under
RAW_DIR/docs/<document_id>/ and the combined files RAW_DIR/seeds/*.csv and RAW_DIR/amounts/raw_amounts.csv
are rebuilt. Re-ingesting a document (same region, department, scope, year and kind) replaces its rows;
of two editions of one document the newer file (modification time) is loaded, in one run or against the
edition an earlier run stored (an older file keeps the stored edition and says so; as old: the later load
wins). A file that cannot be read (or a broken link) is named with the reason and skipped; the others
still load.
"""
EPILOG = """\
exit status: 0 every file loaded (or was an older edition, a copy or a twin of one loaded or stored);
1 at least one file failed (each is named on stderr: unreadable, a broken link, not a disclosure, …); 2 bad arguments
(a PATH that does not exist or a folder without any .pdf or .txt: nothing is loaded);
3 the raw folder cannot be written (missing parent, read-only, disk full): one line says why, and the
combined files are left as they were. A second ingest or build on the same raw folder waits for the first.
Rows the parser could not place with certainty are listed (file, table, line) and left out of the CSVs;
they are also in RAW_DIR/seeds/raw_parse_issues.csv. So are tables whose rows stop at a page the file does
not have ("incomplete:") and the template's tables not found ("note: … not found"): parse gaps, the checks
reading them are not checked.
"""


def job_count(text: str) -> int:
    """--jobs: a whole number of processes, at least 1 (argparse turns the ValueError into a usage error)."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs}: at least 1 process (leave --jobs out for one per core)")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m ingest`: PATH..., --raw-dir, --jobs / -j, --quiet / -q."""
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
    parser.add_argument("--jobs", "-j", type=job_count, default=None,
                        help="parallel parser processes, 1 or more (default: one per core)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print only problems (files not loaded, rows not placed, tables incomplete or not "
                             "found) and the summary line; no line per document, no notes on copies and editions "
                             "(on a terminal, a progress bar while parsing)")
    return parser


def progress_bar(enabled: bool, keep: bool = True) -> Callable[[int, int], None] | None:
    """A progress bar on stderr, or None when disabled; at the end it stays as a line, or is erased
    (keep=False) so that a quiet run leaves only its summary line."""
    if not enabled:
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] parsing {done}/{total}")
        sys.stderr.flush()
        if done == total:
            sys.stderr.write("\n" if keep else "\r\x1b[K")
            sys.stderr.flush()

    return show


def label(outcome: FileOutcome) -> str:
    """A parsed file's document in words for notes: '<department> <year> 部门预算' (单位 / 决算 as it is)."""
    doc = outcome.summary
    kind = '决算' if doc.kind == 'final_account' else '预算'
    return f"{doc.department_name} {doc.fiscal_year} {'单位' if doc.scope == 'unit' else '部门'}{kind}"


def age(edition: Edition | None) -> str:
    """An edition's modification time for notes (UTC, to the second)."""
    if edition is None or edition.modified_ns is None:
        return "age unknown"
    return datetime.fromtimestamp(edition.modified_ns / 1e9, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def file_age(outcome: FileOutcome) -> str:
    """An input file's modification time for notes (UTC, to the second)."""
    return age(Edition("", "", outcome.modified_ns))


def edition_note(outcome: FileOutcome) -> str | None:
    """The note on a parsed input that did not become a document of its own, or replaced a stored edition:
    a copy, an older edition, the text of a PDF, an edition kept in the store; None for the others."""
    path = shown(outcome.path)
    if outcome.kept is not None:
        stored = shown(outcome.kept.source_file)
        twin = same_edition(edition_of(outcome), outcome.kept)
        if twin and outcome.path.suffix.lower() != Path(outcome.kept.source_file).suffix.lower():
            return (f"note: {path}: same document as the stored {stored} ({label(outcome)}, one edition in two "
                    "forms); the stored PDF is kept")
        return (f"note: {path} ({file_age(outcome)}) is older than the stored edition from {stored} "
                f"({age(outcome.kept)}) of {label(outcome)}; the stored edition is kept")
    if outcome.duplicate_of is not None and outcome.older_edition and outcome.same_age:
        return (f"note: {shown(outcome.duplicate_of)} replaces {path}: two editions of {label(outcome)} in this "
                f"run with the same modification time ({file_age(outcome)}), neither is newer: the first "
                "given is loaded")
    if outcome.duplicate_of is not None and outcome.older_edition:
        return (f"note: {shown(outcome.duplicate_of)} replaces {path}: two editions of "
                f"{label(outcome)} in this run, the newer file is loaded")
    if outcome.duplicate_of is not None:
        return f"note: {path}: same document as {shown(outcome.duplicate_of)} ({label(outcome)}); loaded once"
    if outcome.replaced:
        earlier = outcome.replaced_edition
        why = ""
        if earlier is not None and earlier.modified_ns is not None:
            why = ("; both files have the same modification time, the later load wins"
                   if earlier.modified_ns == outcome.modified_ns else f", dated {age(earlier)}")
        part = "narrative " if outcome.joined_to else ""
        return f"note: {path}: replaces the earlier {part}edition from {shown(outcome.replaced)}{why} ({label(outcome)})"
    return None


def summary_head(run_outcomes: list[FileOutcome], stored: list[FileOutcome]) -> str:
    """The summary line's opening: documents loaded, documents of an earlier run updated by a narrative
    joining them, and inputs not loaded because the store holds their newer edition."""
    loaded_ids = {outcome.summary.document_id for outcome in stored}
    joined = [o for o in run_outcomes if o.joined_to and o.joined_to not in loaded_ids]
    updated = {o.joined_to for o in joined if not o.unchanged}
    unchanged = {o.joined_to for o in joined if o.unchanged} - updated
    kept = sum(1 for o in run_outcomes if o.kept is not None)
    words = []
    if stored or not (updated or unchanged or kept):
        words.append(plural(len(stored), "document"))
    if updated:
        words.append(f"{plural(len(updated), 'document')} updated (narrative joined)")
    if unchanged:
        words.append(f"{plural(len(unchanged), 'document')} unchanged (its narrative joined before)")
    if kept:
        words.append(f"{plural(kept, 'file')} not loaded (the stored edition is kept)")
    return ", ".join(words)


def main(argv: list[str] | None = None) -> int:
    """The `python -m ingest` command: ingest the PATHs into the raw store, print per-file notes, the
    rows that could not be placed and one summary line. Returns 0 (every file loaded), 1 (a file
    failed; the others loaded), 2 (usage: a PATH missing or holding no .pdf/.txt, bad --jobs),
    3 (the raw store cannot be written). ``--quiet`` leaves out the line per document and the notes on
    copies and editions: only problems and the summary are printed.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.perf_counter()
    raw_dir: Path = args.raw_dir or default_raw_dir()
    jobs = args.jobs or os.cpu_count() or 1
    _, unusable = collect_inputs(args.paths)
    if unusable:
        # Like a mistyped option: nothing is loaded, so a typo never looks like a partial load.
        for message in unusable:
            print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    try:
        run = ingest(args.paths, raw_dir, jobs, progress_bar(sys.stderr.isatty(), keep=not args.quiet))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE_FAILED
    for message in run.missing:
        print(f"error: {message}", file=sys.stderr)
    loaded_ids = {outcome.summary.document_id for outcome in run.stored}
    tables = facts = row_problems = table_gaps = narrative_gaps = 0
    for outcome in run.outcomes:
        doc = outcome.summary
        if doc is None:
            print(f"error: {outcome.error}", file=sys.stderr)
            continue
        note = edition_note(outcome)
        if note and not args.quiet:
            print(note, file=sys.stderr)
        if not outcome.stored and not outcome.joined_to:
            continue
        if outcome.stored:
            tables += doc.tables_read
            facts += doc.amounts
        if doc.missing_tables:
            table_gaps += len(doc.missing_tables)
            print(f"note: {shown(outcome.path)}: table {'、'.join(doc.missing_tables)} not found (a parse gap: the checks "
                  "that read it are not checked)", file=sys.stderr)
        for issue in doc.unplaced:
            where = f"{issue.table_key} line {issue.line_no}" if issue.line_no else issue.table_key or "document"
            if issue.code in (IssueCode.TABLE_INCOMPLETE, IssueCode.NARRATIVE_INCOMPLETE):
                if issue.code == IssueCode.TABLE_INCOMPLETE:
                    table_gaps += 1
                else:
                    narrative_gaps += 1
                print(f"incomplete: {shown(outcome.path)}: {where}: {issue.issue} — {issue.row_text}", file=sys.stderr)
                continue
            row_problems += 1
            printed = f" — printed: {issue.row_text}" if issue.row_text else ""
            print(f"unplaced: {shown(outcome.path)}: {where}: {issue.issue}{printed}", file=sys.stderr)
        if args.quiet:
            continue
        redated = (f"; same content as the stored edition, whose date moves from "
                   f"{age(Edition('', '', outcome.redated[0]))} to {age(Edition('', '', outcome.redated[1]))}"
                   if outcome.redated is not None else "")
        if outcome.joined_to is None:
            print(f"loaded {shown(outcome.path)} → {doc.document_id} ({label(outcome)}, {plural(doc.amounts, 'amount')}, "
                  f"{plural(doc.projects, 'project')}{redated})")
        elif outcome.unchanged:
            print(f"unchanged {outcome.joined_to}: narrative {shown(outcome.path)} is the one joined before "
                  f"({label(outcome)})")
        elif outcome.joined_to in loaded_ids:
            print(f"loaded {shown(outcome.path)} → {outcome.joined_to} (the narrative of {label(outcome)}, joined to "
                  "the document of its table file)")
        else:
            table_file = f" (table file {shown(outcome.joined_with)})" if outcome.joined_with else ""
            print(f"updated {outcome.joined_to}{table_file}: narrative {shown(outcome.path)} joined "
                  f"({label(outcome)}, stored by an earlier run{redated})")
    seconds = time.perf_counter() - started
    print(
        f"{summary_head(run.outcomes, run.stored)}, {plural(tables, 'table')}, {plural(facts, 'fact')}, "
        f"{plural(row_problems, 'unplaced row')}, {plural(table_gaps, 'incomplete or missing table')}, "
        + (f"{plural(narrative_gaps, 'incomplete narrative list')}, " if narrative_gaps else "")
        + f"{plural(run.failures, 'failure')}, {seconds:.2f} s → {shown(raw_dir)}"
    )
    return EXIT_FILE_FAILED if run.failures else EXIT_OK
