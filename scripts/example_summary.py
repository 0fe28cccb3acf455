"""Print a short summary of the warehouse and one everyday finance-office query."""

from __future__ import annotations

import os
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]

# The README query, in the one file README.md shows and `make shell` reads.
SPENDING_BY_CLASS = ROOT / "analyses" / "spending_by_class.sql"

# Budget execution (analyses/budget_execution_by_class.sql and analyses/largest_execution_gaps.sql).
EXECUTION_BY_CLASS = """
select
    x.department_name,
    x.fiscal_year,
    left(x.function_code, 3) as class_code,
    f.function_name as class_name,
    sum(x.budget_amount) as budget,
    sum(x.final_amount) as final,
    cast(round(100 * sum(x.final_amount) / nullif(sum(x.budget_amount), 0), 2) as decimal(9, 2)) as rate_percent
from fct_budget_execution as x
left join dim_function as f on left(x.function_code, 3) = f.function_code
where x.fund_type = 'all' and x.final_document_id is not null
group by all
order by x.department_name, x.fiscal_year, class_code
"""

LARGEST_GAPS = """
select
    x.department_name,
    x.function_code,
    f.function_name,
    coalesce(x.budget_amount, x.stated_budget_amount) as budget,
    x.final_amount as final,
    x.final_amount - coalesce(x.budget_amount, x.stated_budget_amount) as gap,
    x.stated_reason as reason
from fct_budget_execution as x
left join dim_function as f on x.function_code = f.function_code
where x.fund_type = 'general_public' and x.final_amount is not null
    and coalesce(x.budget_amount, x.stated_budget_amount) is not null
order by abs(gap) desc, x.department_name, x.function_code
limit 10
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
    print(f"warehouse {path}: {documents} documents, {facts} leaf facts, {projects} projects")
    print("Findings per document (parse_gaps: rows, tables or narrative clauses not placed; not_checked: check results that depend on them):")
    result = con.execute(FINDINGS_BY_DOCUMENT)
    print_table([c[0] for c in result.description], result.fetchall())
    print("Spending by 类 per department, year and kind (yuan), the query in README.md:")
    result = con.execute(SPENDING_BY_CLASS.read_text(encoding="utf-8"))
    print_table([c[0] for c in result.description], result.fetchall())
    result = con.execute(EXECUTION_BY_CLASS)
    rows = result.fetchall()
    if rows:
        print("Budget execution by 类 (budget beside final account of the same body and year, yuan):")
        print_table([c[0] for c in result.description], rows)
        # A first run stays short: the three largest gaps here, all ten in analyses/largest_execution_gaps.sql.
        result = con.execute(LARGEST_GAPS)
        print("The largest gaps between budget and final (一般公共预算, 项; all ten: analyses/largest_execution_gaps.sql):")
        print_table([c[0] for c in result.description], result.fetchall()[:3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
