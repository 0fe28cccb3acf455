"""Print a short summary of the warehouse and one everyday finance-office query."""

from __future__ import annotations

import os
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]

SPENDING_BY_CLASS = """
select
    d.department_name,
    d.fiscal_year,
    left(e.function_code, 3) as class_code,
    f.function_name as class_name,
    sum(e.amount) filter (where e.expenditure_type = 'basic') as basic,
    sum(e.amount) filter (where e.expenditure_type = 'project') as project,
    sum(e.amount) as total
from fct_expenditure as e
inner join dim_document as d on e.document_id = d.document_id
left join dim_function as f on left(e.function_code, 3) = f.function_code
where e.fund_type = 'all'
group by all
order by d.department_name, d.fiscal_year, class_code
"""

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
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def render(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def print_table(headers: list[str], rows: list[tuple]) -> None:
    cells = [[render(v) for v in row] for row in rows]
    numeric = [bool(rows) and any(isinstance(row[i], Decimal) for row in rows) for i in range(len(headers))]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(pad(h, w, n) for h, w, n in zip(headers, widths, numeric, strict=True)))
    for row in cells:
        print("  ".join(pad(v, w, n) for v, w, n in zip(row, widths, numeric, strict=True)))


def main() -> int:
    path = Path(os.environ.get("BUDGET_WAREHOUSE", ROOT / "warehouse.duckdb"))
    con = duckdb.connect(str(path), read_only=True)
    documents = con.execute("select count(*) from dim_document").fetchone()[0]
    facts = con.execute(
        "select (select count(*) from fct_expenditure) + (select count(*) from fct_income)"
        " + (select count(*) from fct_basic_economic) + (select count(*) from fct_three_public)"
    ).fetchone()[0]
    projects = con.execute("select count(*) from dim_project").fetchone()[0]
    print(f"\nwarehouse {path}: {documents} documents, {facts} leaf facts, {projects} projects")
    print("\nFindings per document (parse_gaps: rows or narrative clauses not placed; not_checked: check results that depend on them):\n")
    result = con.execute(FINDINGS_BY_DOCUMENT)
    print_table([c[0] for c in result.description], result.fetchall())
    print("\nSpending by 类 per department and year (yuan), the query in README.md:\n")
    result = con.execute(SPENDING_BY_CLASS)
    print_table([c[0] for c in result.description], result.fetchall())
    return 0


if __name__ == "__main__":
    sys.exit(main())
