"""Print a short summary of the warehouse and one everyday finance-office query."""

from __future__ import annotations

import os
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ingest.words import plural  # noqa: E402

# The README query, in the one file README.md shows and `make shell` reads.
SPENDING_BY_CLASS = ROOT / "analyses" / "spending_by_class.sql"

# Budget execution: the analyses' own files, run as they are (plain SQL, as `make shell` reads them).
EXECUTION_BY_CLASS = ROOT / "analyses" / "budget_execution_by_class.sql"
LARGEST_GAPS = ROOT / "analyses" / "largest_execution_gaps.sql"
# Lines of the largest gaps a first run shows (the file lists ten).
GAPS_SHOWN = 3

# Findings per document by kind (fct_finding.finding_kind): the parse gaps are our reading's, not the document's.
FINDINGS_BY_DOCUMENT = """
select
    d.source_file as document,
    count(*) filter (where f.finding_kind = 'document_error') as document_errors,
    count(*) filter (where f.finding_kind = 'warning') as warnings,
    count(*) filter (where f.finding_kind = 'info') as info,
    count(*) filter (where f.finding_kind = 'parse_gap' and f.gap_lines is null) as parse_gaps,
    count(*) filter (where f.finding_kind = 'parse_gap' and f.gap_lines is not null) as not_checked
from dim_document as d
left join fct_finding as f on d.document_id = f.document_id
group by d.source_file
order by d.source_file
"""


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool) -> str:
    """`text` padded with spaces to `width` display columns (CJK characters count 2), on the left when `right`."""
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def render(value: object) -> str:
    """A value as a table cell: '' for NULL, Decimal amounts (yuan) with thousands separators and two
    decimals, anything else as str().
    """
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def print_table(headers: list[str], rows: list[tuple]) -> None:
    """Print rows under headers as aligned columns; a column holding any Decimal (an amount) is right-aligned."""
    cells = [[render(v) for v in row] for row in rows]
    numeric = [bool(rows) and any(isinstance(row[i], Decimal) for row in rows) for i in range(len(headers))]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(pad(h, w, n) for h, w, n in zip(headers, widths, numeric, strict=True)))
    for row in cells:
        print("  ".join(pad(v, w, n) for v, w, n in zip(row, widths, numeric, strict=True)))


def main() -> int:
    """Print what the example warehouse ($BUDGET_WAREHOUSE, else warehouse.duckdb) holds: counts, findings
    per document, spending by 类 (the README query) and, when final accounts are loaded, budget execution
    and its three largest gaps. Returns 0.
    """
    path = Path(os.environ.get("BUDGET_WAREHOUSE", ROOT / "warehouse.duckdb"))
    con = duckdb.connect(str(path), read_only=True)
    documents = con.execute("select count(*) from dim_document").fetchone()[0]
    facts = con.execute(
        "select (select count(*) from fct_expenditure) + (select count(*) from fct_income)"
        " + (select count(*) from fct_basic_economic) + (select count(*) from fct_three_public)"
    ).fetchone()[0]
    projects = con.execute("select count(*) from dim_project").fetchone()[0]
    print(f"warehouse {path}: {plural(documents, 'document')}, {plural(facts, 'leaf fact')}, "
          f"{plural(projects, 'project')}")
    print("Findings per document (parse_gaps: rows, tables or narrative clauses not placed; not_checked: check results that depend on them):")
    result = con.execute(FINDINGS_BY_DOCUMENT)
    print_table([c[0] for c in result.description], result.fetchall())
    print("Spending by 类 per department, year, kind and fund (yuan; each document's widest fund by function), the query in README.md:")
    result = con.execute(SPENDING_BY_CLASS.read_text(encoding="utf-8"))
    print_table([c[0] for c in result.description], result.fetchall())
    result = con.execute(EXECUTION_BY_CLASS.read_text(encoding="utf-8"))
    headers = [c[0] for c in result.description]
    # Only bodies with a final account loaded: a budget alone has nothing to compare with.
    rows = [row for row in result.fetchall() if row[headers.index("final_amount")] is not None]
    if rows:
        print("Budget execution by 类 (budget beside final account of the same body and year, yuan; "
              "analyses/budget_execution_by_class.sql):")
        print_table(headers, rows)
        # A first run stays short: the largest gaps here, all ten in the analysis.
        result = con.execute(LARGEST_GAPS.read_text(encoding="utf-8"))
        print("The largest gaps between budget and final (一般公共预算, 项; all ten: analyses/largest_execution_gaps.sql):")
        print_table([c[0] for c in result.description], result.fetchall()[:GAPS_SHOWN])
    return 0


if __name__ == "__main__":
    sys.exit(main())
