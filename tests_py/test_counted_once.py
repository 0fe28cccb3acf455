"""Counted once: a department document and its unit document both loaded, the README query gives the
department's printed totals (issue #14 item 1; contract v1.1 dim_document.parent_document_id /
counted_in_totals). Reads the session warehouse built over the corpus, which holds putuo_commerce_2025_dept
and its unit document putuo_commerce_2025_unit."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal

import duckdb
import pytest

from conftest import PROJECT_ROOT, corpus_dir

pytestmark = pytest.mark.corpus

README_QUERY_FILE = PROJECT_ROOT / "analyses" / "spending_by_class.sql"
DEPARTMENT, UNIT = "putuo_commerce_2025_dept", "putuo_commerce_2025_unit"


def readme_query() -> str:
    """The one ```sql block of README.md."""
    blocks = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, f"README.md should show one SQL query, found {len(blocks)}"
    return blocks[0]


def without_comments(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip()


def expected(doc_key: str) -> dict:
    return json.loads((corpus_dir() / "expected" / f"{doc_key}.json").read_text(encoding="utf-8"))


def document_id(con: duckdb.DuckDBPyConnection, document: dict) -> str:
    rows = con.execute(
        "select document_id from dim_document where region = ? and department_name = ? and scope = ?"
        " and fiscal_year = ? and kind = ?",
        [document[key] for key in ("region", "department_name", "scope", "fiscal_year", "kind")],
    ).fetchall()
    assert len(rows) == 1, (document, rows)
    return rows[0][0]


def test_readme_shows_the_query_file_make_shell_reads() -> None:
    assert without_comments(readme_query()) == without_comments(README_QUERY_FILE.read_text(encoding="utf-8"))


def test_the_unit_document_is_linked_to_its_department(warehouse: duckdb.DuckDBPyConnection) -> None:
    department = document_id(warehouse, expected(DEPARTMENT)["document"])
    unit = document_id(warehouse, expected(UNIT)["document"])
    rows = dict(((doc, (parent, counted)) for doc, parent, counted in warehouse.execute(
        "select document_id, parent_document_id, counted_in_totals from dim_document").fetchall()))
    assert rows[unit] == (department, False)
    assert rows[department] == (None, True)
    # Every other loaded document is a department or a unit without its department: each counts.
    assert all(counted for doc, (_, counted) in rows.items() if doc != unit)


def test_readme_query_gives_the_printed_department_totals(warehouse: duckdb.DuckDBPyConnection) -> None:
    facts = expected(DEPARTMENT)
    document = facts["document"]
    printed: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for code, fund_type, expenditure_type, amount in facts["expenditure"]:
        if fund_type == "all":
            printed[code[:3]][expenditure_type] += Decimal(amount)
            printed[code[:3]]["total"] += Decimal(amount)
    result = warehouse.execute(readme_query())
    columns = [column[0] for column in result.description]
    rows = [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    mine = [row for row in rows
            if row["department_name"] == document["department_name"] and row["fiscal_year"] == document["fiscal_year"]]
    got = {row["class_code"]: {"basic": row["basic"] or Decimal(0), "project": row["project"] or Decimal(0),
                               "total": row["total"]} for row in mine}
    want = {code: {key: amounts.get(key, Decimal(0)) for key in ("basic", "project", "total")}
            for code, amounts in printed.items()}
    assert got == want
    assert sum(row["total"] for row in mine) == Decimal(facts["published_totals"]["expenditure_total"])
    # The unit document alone prints the same 类 (it is the department's only budget unit), so counting
    # both documents would double every figure: the filter is what keeps the totals right.
    summed_over_both = warehouse.execute(
        "select sum(amount) from fct_expenditure where fund_type = 'all' and document_id in (?, ?)",
        [document_id(warehouse, document), document_id(warehouse, expected(UNIT)["document"])]).fetchone()[0]
    assert summed_over_both == 2 * Decimal(facts["published_totals"]["expenditure_total"])
