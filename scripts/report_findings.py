"""Print the stored test failures of the warehouse in plain words.

Run after `dbt build` / `dbt test` (tests store their failing rows in the `audit` schema):

    python scripts/report_findings.py            # warehouse from $BUDGET_WAREHOUSE (default warehouse.duckdb)
    python scripts/report_findings.py --fail-on-new

For the arithmetic checks (tables with a `message` column) every finding is printed, grouped by
check, marked [已确认 acknowledged] (in seeds/acknowledged_findings.csv, with the reviewed reason)
or [新 NEW, not acknowledged] (this is what makes `dbt build` fail). Other failing tests (not_null, unique, ...)
are listed with their row count and a few rows.

Exit status: 0, or with --fail-on-new 1 when there is any unacknowledged finding or any other
error-severity test with failing rows (warn-severity tests are listed but do not count).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import duckdb

SAMPLE_ROWS = 5


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", default=os.environ.get("BUDGET_WAREHOUSE", "warehouse.duckdb"),
                        help="DuckDB file (default: $BUDGET_WAREHOUSE or warehouse.duckdb)")
    parser.add_argument("--schema", default="audit", help="schema holding the stored failures (default: audit)")
    parser.add_argument("--manifest", default="target/manifest.json",
                        help="dbt manifest used to skip audit tables of tests that no longer exist")
    parser.add_argument("--all", action="store_true", help="also report audit tables not in the manifest")
    parser.add_argument("--fail-on-new", action="store_true",
                        help="exit 1 if any finding is not acknowledged or an error-severity test has failing rows")
    args = parser.parse_args(argv)

    if not Path(args.warehouse).is_file():
        print(f"report_findings: warehouse {args.warehouse} not found (run dbt build first)", file=sys.stderr)
        return 2

    con = duckdb.connect(args.warehouse, read_only=True)
    tables = [row[0] for row in con.execute(
        "select table_name from duckdb_tables() where schema_name = ? order by table_name", [args.schema]
    ).fetchall()]
    known = current_test_tables(Path(args.manifest), args.schema)
    if known is not None and not args.all:
        tables = [t for t in tables if t in known]
    severity = known or {}

    findings: dict[str, list[tuple]] = defaultdict(list)
    other_failures: list[tuple[str, str, list[str], list[tuple], int]] = []
    for table in tables:
        quoted = f'"{args.schema}"."{table}"'
        columns = [row[0] for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
            [args.schema, table],
        ).fetchall()]
        if "message" in columns and "acknowledged" in columns:
            check = "check_name" if "check_name" in columns else f"'{table}'"
            reason = "acknowledged_reason" if "acknowledged_reason" in columns else "null"
            for row in con.execute(
                f"select {check}, message, acknowledged, {reason} from {quoted} order by message"
            ).fetchall():
                findings[row[0]].append(row[1:])
        else:
            count = con.execute(f"select count(*) from {quoted}").fetchone()[0]
            if count:
                sample = con.execute(f"select * from {quoted} limit {SAMPLE_ROWS}").fetchall()
                other_failures.append((table, severity.get(table, "error"), columns, sample, count))

    total = sum(len(rows) for rows in findings.values())
    new = sum(1 for rows in findings.values() for row in rows if not row[1])
    print(f"Warehouse {args.warehouse}: {total} finding(s) in {len(findings)} check(s), "
          f"{total - new} acknowledged, {new} new; {len(other_failures)} other failing test(s).")
    for check in sorted(findings):
        rows = findings[check]
        check_new = sum(1 for row in rows if not row[1])
        print(f"\n== {check}: {len(rows)} finding(s), {check_new} new")
        for message, acknowledged, reason in rows:
            if acknowledged:
                print(f"  [已确认 acknowledged] {message}")
                if reason:
                    print(f"      理由 reason: {reason}")
            else:
                print(f"  [新 NEW, not acknowledged] {message}")
    for table, level, columns, sample, count in other_failures:
        print(f"\n== {table} ({level}): {count} failing row(s)")
        for row in sample:
            print("  " + ", ".join(f"{c}={v}" for c, v in zip(columns, row)))
        if count > len(sample):
            print(f"  … {count - len(sample)} more")
    con.close()

    if args.fail_on_new and (new or any(level == "error" for _, level, *_ in other_failures)):
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` etc.
        sys.exit(0)
