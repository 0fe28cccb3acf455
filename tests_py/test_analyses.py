"""The README query and every `analyses/` file answer for every template, one fund per document named.

A newcomer who loads only the Jiangsu corpus (its PDFs: the session's Jiangsu build, conftest.jiangsu_build) must get
rows from the README query and the analyses: a Jiangsu budget prints no all-funds table by function, so each
document is read through `dim_document.function_fund_type` (its widest printed fund) and the rows say which
fund (`dim_fund.fund_name`). Two analyses have nothing to show there because Jiangsu publishes no input for
them (no 决算 loaded, no 项目经费情况说明): asserted as such, with the reason checked. On the Shanghai corpus
(the session warehouse), the README query gives exactly what the all-funds query gave before the column.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, JiangsuBuild, corpus_dir

pytestmark = pytest.mark.corpus

ANALYSES = sorted((PROJECT_ROOT / "analyses").glob("*.sql"))
README_QUERY = PROJECT_ROOT / "analyses" / "spending_by_class.sql"
# expected/<key>.json of each Jiangsu document, by the department name it prints.
JIANGSU_EXPECTED = ("jiangsu_partyoffice_2017", "jiangsu_court_2018_dept", "jiangsu_procuratorate_2019_dept")
# Analyses with no input in a Jiangsu-only warehouse, and the query proving that input is absent.
NO_INPUT = {
    "largest_execution_gaps": "select count(*) from dim_document where kind = 'final_account'",
    "largest_projects": "select count(*) from dim_project",
}
# The README query before function_fund_type: all funds only (every Shanghai-template document and 决算).
ALL_FUNDS_QUERY = """
select
    d.department_name, d.fiscal_year, d.kind, left(e.function_code, 3) as class_code,
    f.function_name as class_name,
    sum(e.amount) filter (where e.expenditure_type = 'basic') as basic,
    sum(e.amount) filter (where e.expenditure_type = 'project') as project,
    sum(e.amount) as total
from fct_expenditure as e
inner join dim_document as d on e.document_id = d.document_id
left join dim_function as f on left(e.function_code, 3) = f.function_code
where e.fund_type = 'all' and d.counted_in_totals
group by d.department_name, d.fiscal_year, d.kind, left(e.function_code, 3), f.function_name
"""


def jiangsu_dir() -> Path:
    return corpus_dir() / "jiangsu"


def expected(key: str) -> dict:
    return json.loads((jiangsu_dir() / "expected" / f"{key}.json").read_text(encoding="utf-8"))


def fund_name(con: duckdb.DuckDBPyConnection, fund_type: str) -> str:
    return con.execute("select fund_name from dim_fund where fund_type = ?", [fund_type]).fetchone()[0]


def row_key(row: dict) -> tuple[str, ...]:
    """A sort key for rows holding NULLs beside values."""
    return tuple(str(value) for value in row.values())


def query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    """Rows of `sql` as dicts by column name."""
    result = con.execute(sql)
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


@pytest.fixture(scope="module")
def jiangsu_warehouse(jiangsu_build: JiangsuBuild) -> Path:
    """The session's warehouse of the Jiangsu corpus alone (conftest.jiangsu_build). Its path."""
    assert jiangsu_build.ingest.returncode == 0, jiangsu_build.ingest.summary()
    assert jiangsu_build.warehouse.exists(), jiangsu_build.build.summary()
    return jiangsu_build.warehouse


@pytest.fixture(scope="module")
def jiangsu(jiangsu_warehouse: Path):
    con = duckdb.connect(str(jiangsu_warehouse), read_only=True)
    yield con
    con.close()


def test_a_jiangsu_budget_is_read_through_its_fiscal_table(jiangsu: duckdb.DuckDBPyConnection) -> None:
    documents = jiangsu.execute(
        "select department_name, template, function_fund_type from dim_document order by department_name").fetchall()
    assert len(documents) == len(JIANGSU_EXPECTED)
    # The expected facts hold no all-funds row by function: 财政拨款 is the widest printed.
    for key in JIANGSU_EXPECTED:
        funds = {fund for _, fund, _, _ in expected(key)["expenditure"]}
        assert "all" not in funds and "fiscal" in funds, (key, funds)
    assert {(template, fund) for _, template, fund in documents} == {("jiangsu_budget", "fiscal")}


@pytest.mark.parametrize("path", ANALYSES, ids=[path.stem for path in ANALYSES])
def test_every_analysis_answers_for_a_jiangsu_only_warehouse(jiangsu: duckdb.DuckDBPyConnection, path: Path) -> None:
    rows = query(jiangsu, path.read_text(encoding="utf-8"))
    if path.stem in NO_INPUT:
        assert jiangsu.execute(NO_INPUT[path.stem]).fetchone()[0] == 0
        assert rows == [], f"{path.name}: rows although its input is not loaded"
        return
    assert rows, f"{path.name} returned no rows for the Jiangsu documents"
    if rows and "fund_name" in rows[0]:
        # Never labelled all funds: a Jiangsu document prints none by function.
        assert fund_name(jiangsu, "all") not in {row["fund_name"] for row in rows}, path.name


def test_no_jiangsu_project_is_published(jiangsu: duckdb.DuckDBPyConnection) -> None:
    """Why largest_projects is empty there: the hand-checked facts list no project of any Jiangsu document."""
    assert all(expected(key)["projects"] == [] for key in JIANGSU_EXPECTED)


def test_readme_query_gives_each_jiangsu_document_its_printed_fiscal_figures(
        jiangsu: duckdb.DuckDBPyConnection) -> None:
    rows = query(jiangsu, README_QUERY.read_text(encoding="utf-8"))
    fiscal = fund_name(jiangsu, "fiscal")
    assert "财政拨款" in fiscal
    for key in JIANGSU_EXPECTED:
        facts = expected(key)
        document = facts["document"]
        printed: dict[str, Decimal] = defaultdict(Decimal)
        for code, fund_type, expenditure_type, amount in facts["expenditure"]:
            if fund_type == "fiscal":
                assert expenditure_type == "total"
                printed[code[:3]] += Decimal(amount)
        mine = [row for row in rows if row["department_name"] == document["department_name"]
                and row["fiscal_year"] == document["fiscal_year"]]
        assert {row["class_code"]: row["total"] for row in mine} == dict(printed), key
        assert {row["fund_name"] for row in mine} == {fiscal}
        # One 金额 per code: no basic / project split, so NULL rather than a 0 that reads as "none spent".
        assert all(row["basic"] is None and row["project"] is None for row in mine), key
        assert sum(printed.values()) == Decimal(facts["published_totals"]["fiscal_appropriation_total"])


def test_basic_vs_project_share_is_null_where_no_split_is_printed(jiangsu: duckdb.DuckDBPyConnection) -> None:
    rows = query(jiangsu, (PROJECT_ROOT / "analyses" / "basic_vs_project_share.sql").read_text(encoding="utf-8"))
    assert len(rows) == len(JIANGSU_EXPECTED)
    for row in rows:
        assert row["total_amount"] > 0
        assert (row["basic_amount"], row["project_amount"], row["basic_percent"], row["project_percent"]) == (
            None, None, None, None)


def test_make_shell_reads_the_readme_query_on_a_jiangsu_only_warehouse(jiangsu_warehouse: Path) -> None:
    """The newcomer's path: the `make shell` command line (read-only, its start-up hint), `.read` of the file."""
    duckdb_cli = Path(sys.executable).with_name("duckdb")
    completed = subprocess.run(
        [str(duckdb_cli), "-readonly", "-init", str(PROJECT_ROOT / "scripts" / "shell_init.duckdbrc"),
         str(jiangsu_warehouse)],
        input=".mode csv\n.read analyses/spending_by_class.sql\n", cwd=PROJECT_ROOT, capture_output=True,
        text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert ".read analyses/spending_by_class.sql" in completed.stdout
    table = completed.stdout[completed.stdout.index("department_name,"):]
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows and {row["fund_name"] for row in rows} == {"财政拨款（财政拨款支出预算表）"}
    assert {row["department_name"] for row in rows} == {expected(key)["document"]["department_name"]
                                                       for key in JIANGSU_EXPECTED}


def test_shanghai_and_final_account_figures_are_unchanged(warehouse: duckdb.DuckDBPyConnection) -> None:
    """On the corpus and the example (Shanghai budgets, 决算): every document is read through all funds, and the
    README query gives exactly the all-funds query's rows, budget and final account apart, plus the fund name."""
    widest = warehouse.execute("select distinct function_fund_type from dim_document").fetchall()
    assert widest == [("all",)]
    before = query(warehouse, ALL_FUNDS_QUERY)
    now = query(warehouse, README_QUERY.read_text(encoding="utf-8"))
    assert {row.pop("fund_name") for row in now} == {fund_name(warehouse, "all")}
    assert sorted(now, key=row_key) == sorted(before, key=row_key)
    assert {row["kind"] for row in now} == {"budget", "final_account"}
