"""Print the findings of the warehouse in plain words.

Run after `dbt build` (it builds `fct_finding`, one row per failure of a check of the catalogue,
docs/checks.md, and stores the rows of failing data tests in the `audit` schema):

    python scripts/report_findings.py            # warehouse from $BUDGET_WAREHOUSE (default warehouse.duckdb)
    python scripts/report_findings.py --info     # also list the info-level findings (display rounding)
    python scripts/report_findings.py --fail-on-new

The report opens with the four kinds of finding (fct_finding.finding_kind: document error, warning, info,
parse gap; scripts/finding_kinds.py), then lists the parse gaps per document (rows the ingest could not
place, and how many check results depend on them and were not checked). Findings are then grouped by check
(id and what it checks), each marked [已确认 acknowledged] (in seeds/acknowledged_findings.csv, with the
reviewed reason) or [新 NEW, not acknowledged]; a document error that is not acknowledged is what makes
`dbt build` fail (test `new_error_findings`, and for a code hierarchy identity also the test named for it,
e.g. `hierarchy_income_total_class_is_sum_of_kuan`). Other failing data tests (not_null, unique, ...) are
listed with their row count and a few rows; rows a test stores as acknowledged are not failures.

Exit status: 0, or with --fail-on-new 1 when there is a document error that is not acknowledged or any
other error-severity test with failing rows (warn-severity tests are listed but do not count).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
from finding_kinds import FINDING_KINDS

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ingest.words import plural  # noqa: E402

SAMPLE_ROWS = 5
GATE_TEST = "new_error_findings"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One row of fct_finding as the report prints it: check, its description, severity, message,
    acknowledgement and its reason, finding_kind, the document's source file and whether the result was
    not checked (it depends on an unplaced row).
    """

    check_id: str
    description: str
    severity: str
    message: str
    acknowledged: bool
    reason: str
    kind: str
    document: str
    not_checked: bool  # a check result downgraded because it depends on an unplaced row

    @property
    def is_new_error(self) -> bool:
        """A document error nobody has reviewed: what fails the build."""
        return self.kind == "document_error" and not self.acknowledged


def current_test_tables(manifest_path: Path, schema: str) -> dict[str, str] | None:
    """Audit table name -> severity of the tests in the last parsed project (None if unknown)."""
    if not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    tables = {}
    for node in manifest.get("nodes", {}).values():
        config = node.get("config", {})
        if node.get("resource_type") == "test" and config.get("schema") == schema:
            tables[node.get("alias") or node.get("name")] = str(config.get("severity", "error")).lower()
    return tables


def read_findings(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Every row of fct_finding with its document's source file, by check and message; [] when the
    warehouse has no fct_finding (the build stopped before it).
    """
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = 'fct_finding'"
    ).fetchone()[0]
    if not exists:
        return []
    rows = con.execute(
        """select f.check_id, coalesce(f.check_description, ''), f.severity, f.message, f.acknowledged,
                  coalesce(f.acknowledged_reason, ''), f.finding_kind,
                  coalesce(d.source_file, f.document_id), f.gap_lines is not null
           from fct_finding as f
           left join dim_document as d on f.document_id = d.document_id
           order by f.check_id, f.message"""
    ).fetchall()
    return [Finding(*row) for row in rows]


def other_failing_tests(con: duckdb.DuckDBPyConnection, schema: str, known: dict[str, str] | None,
                        include_unknown: bool) -> list[tuple[str, str, list[str], list[tuple], int]]:
    """The data tests other than the gate whose stored rows (audit `schema`) hold failures: (table, severity
    from the manifest, columns, a few rows, failing row count). Rows a test marks acknowledged do not count.
    Only the tests of the current manifest (`known`) unless `include_unknown`.
    """
    tables = [row[0] for row in con.execute(
        "select table_name from duckdb_tables() where schema_name = ? order by table_name", [schema]
    ).fetchall()]
    if known is not None and not include_unknown:
        tables = [t for t in tables if t in known]
    failures = []
    for table in tables:
        if table == GATE_TEST:  # its rows are the new error findings, listed above
            continue
        quoted = f'"{schema}"."{table}"'
        columns = [row[0] for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
            [schema, table],
        ).fetchall()]
        # The hierarchy identity tests store acknowledged findings too (listed above with fct_finding);
        # only the rows not acknowledged make them fail.
        failing = "not acknowledged" if "acknowledged" in columns else "true"
        count = con.execute(f"select count(*) from {quoted} where {failing}").fetchone()[0]
        if not count:
            continue
        sample = con.execute(f"select * from {quoted} where {failing} limit {SAMPLE_ROWS}").fetchall()
        failures.append((table, (known or {}).get(table, "error"), columns, sample, count))
    return failures


def print_kinds() -> None:
    """Print the four kinds of finding (fct_finding.finding_kind) in Chinese and English."""
    print("\nKinds of finding 发现的类别 (fct_finding.finding_kind):")
    for kind, chinese, english in FINDING_KINDS:
        print(f"  {kind}: {chinese}\n      {english}")


def print_parse_gaps(findings: list[Finding]) -> None:
    """Per document: what the ingest could not place (rows, narrative items) and how many check results
    depend on it and were not checked."""
    gaps = [f for f in findings if f.kind == "parse_gap"]
    if not gaps:
        print("\n== Parse gaps 读取缺口: none (every row of every table was placed)")
        return
    by_document: dict[str, list[Finding]] = defaultdict(list)
    for finding in gaps:
        by_document[finding.document].append(finding)
    print(f"\n== Parse gaps 读取缺口: {len(gaps)} in {plural(len(by_document), 'document')} — not the documents' errors")
    for document in sorted(by_document):
        rows = by_document[document]
        unplaced = [f for f in rows if not f.not_checked]
        gaps = "row, table or clause" if len(unplaced) == 1 else "rows, tables or clauses"
        print(f"  {document}: {len(unplaced)} {gaps} not placed, "
              f"{plural(len(rows) - len(unplaced), 'check result')} not checked")
        for finding in unplaced:
            print(f"    {finding.message}")


def print_findings(findings: list[Finding], show_info: bool) -> None:
    """Print the findings grouped by check, each marked acknowledged (with its reason), new or not
    acknowledged; info-level ones only when `show_info`.
    """
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_check[finding.check_id].append(finding)
    for check_id in sorted(by_check):
        rows = sorted(by_check[check_id], key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.message))
        shown = [f for f in rows if show_info or f.severity != "info"]
        hidden = len(rows) - len(shown)
        new = sum(1 for f in rows if f.is_new_error)
        print(f"\n== {check_id} {rows[0].description}: {plural(len(rows), 'finding')}, {plural(new, 'new error')}"
              + (f", {hidden} info not shown (--info)" if hidden else ""))
        for finding in shown:
            mark = "已确认 acknowledged" if finding.acknowledged else (
                "新 NEW, not acknowledged" if finding.is_new_error else "未确认 not acknowledged")
            label = "parse_gap" if finding.kind == "parse_gap" else finding.severity
            print(f"  [{label}] [{mark}] {finding.message}")
            if finding.acknowledged and finding.reason:
                print(f"      理由 reason: {finding.reason}")


def main(argv: list[str] | None = None) -> int:
    """The command (usage in the module docstring). Returns 0; 2 when the warehouse file is missing; with
    --fail-on-new, 1 when a document error is not acknowledged or an error-severity test has failing rows.
    """
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", default=os.environ.get("BUDGET_WAREHOUSE", "warehouse.duckdb"),
                        help="DuckDB file (default: $BUDGET_WAREHOUSE or warehouse.duckdb)")
    parser.add_argument("--schema", default="audit", help="schema holding the stored test failures (default: audit)")
    parser.add_argument("--manifest", default="target/manifest.json",
                        help="dbt manifest used to skip audit tables of tests that no longer exist")
    parser.add_argument("--all", action="store_true", help="also report audit tables not in the manifest")
    parser.add_argument("--info", action="store_true", help="also list info-level findings (display rounding)")
    parser.add_argument("--fail-on-new", action="store_true",
                        help="exit 1 if an error-level finding is not acknowledged or an error-severity test fails")
    args = parser.parse_args(argv)

    if not Path(args.warehouse).is_file():
        print(f"report_findings: warehouse {args.warehouse} not found (run dbt build first)", file=sys.stderr)
        return 2

    con = duckdb.connect(args.warehouse, read_only=True)
    findings = read_findings(con)
    others = other_failing_tests(con, args.schema, current_test_tables(Path(args.manifest), args.schema), args.all)
    con.close()

    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind, _, _ in FINDING_KINDS}
    new = sum(1 for f in findings if f.is_new_error)
    acknowledged = sum(1 for f in findings if f.acknowledged)
    print(f"Warehouse {args.warehouse}: {plural(len(findings), 'finding')} in "
          f"{plural(len({f.check_id for f in findings}), 'check')} "
          f"({plural(counts['document_error'], 'document error')}, {plural(counts['warning'], 'warning')}, "
          f"{counts['info']} info, {plural(counts['parse_gap'], 'parse gap')}); "
          f"{acknowledged} acknowledged, {plural(new, 'new error')}; {plural(len(others), 'other failing test')}.")
    print_kinds()
    print_parse_gaps(findings)
    print_findings(findings, args.info)
    for table, level, columns, sample, count in others:
        print(f"\n== {table} ({level}): {plural(count, 'failing row')}")
        for row in sample:
            print("  " + ", ".join(f"{c}={v}" for c, v in zip(columns, row, strict=True)))
        if count > len(sample):
            print(f"  … {count - len(sample)} more")

    if args.fail_on_new and (new or any(level == "error" for _, level, *_ in others)):
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` etc.
        sys.exit(0)
