"""The Shanghai 2026 unit edition (单位预算, issue #9 item 5): its minimal inputs, and one document built
from them (tests_py/fixtures/shanghai_2026/unit_2026.txt: invented figures that add up, in the 2026 forms:
glued header words, glued 7-digit codes, a 政府性基金 table whose every row prints two of three numbers,
a 财政拨款收支总表 whose expenditure names wrap around income rows, a continuation header 类款项)."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path

from ingest import templates
from ingest.issues import IssueCode
from ingest.model import Line
from ingest.parse.coded import CodedSpec, parse_coded_table
from ingest.parse.layout import locate_family, match_title
from ingest.parse.meta import read_meta
from ingest.parse.rows import is_header_line
from ingest.parse.summary import parse_summary_table
from ingest.pipeline import parse_file

SHANGHAI = templates.family("shanghai_budget")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "shanghai_2026" / "unit_2026.txt"

SUMMARY_INPUT = """项目 预算数 项目预算数
合计基本支出
项目支出
人员经费公用经费
一、财政拨款收入 76,306,134 一、一般公共服务支出 3,353,072 3,353,072
六、社会保障和就业支出 8,568,532 4,396,960 391,000 3,780,572
收入总计 76,306,134 支出总计 76,306,134 23,057,828 3,860,162 49,388,144"""
CLASS_BY_NAME = {"一般公共服务支出": "201", "社会保障和就业支出": "208"}

FUND_INPUT = """2026年预算单位政府性基金预算支出功能分类预算表
项目 政府性基金预算支出
功能分类科目名称 合计 基本支出 项目支出
212 城乡社区支出 3,380,000 3,380,000
2120803城市建设支出 3,380,000 3,380,000
合计 3,680,000 3,680,000"""


def lines_of(text: str) -> list[Line]:
    return [Line(line, number) for number, line in enumerate(text.splitlines(), start=1)]


def yuan(printed: str) -> Decimal:
    return Decimal(printed.replace(",", "")).quantize(Decimal("0.01"))


def summary_cells(table) -> dict[tuple[str, str, str], Decimal]:  # type: ignore[no-untyped-def]
    return {(cell.side, cell.code or cell.row_label, cell.measure): cell.amount for cell in table.cells}


# --------------------------------------------------------------------------- issue #9 item 5 minimal inputs


def test_header_words_printed_without_spaces_make_a_header_line() -> None:
    for header in ("项目 预算数 项目预算数", "合计基本支出", "项目支出", "人员经费公用经费", "类款项"):
        assert is_header_line(header), header
    for row in ("出", "六、社会保障和就业支", "社会保障和就业支出", "合计 3,680,000 3,680,000", "2120803城市建设支出"):
        assert not is_header_line(row), row


def test_minimal_financial_summary_reads_its_four_expenditure_columns_from_its_own_header() -> None:
    table = parse_summary_table("financial_summary", lines_of(SUMMARY_INPUT), "元", CLASS_BY_NAME, {}, SHANGHAI.table("financial_summary"))
    assert table.layout == "personnel_public_project"
    cells = summary_cells(table)
    # 4,396,960 + 391,000 + 3,780,572 = 8,568,532; 23,057,828 + 3,860,162 + 49,388,144 = 76,306,134.
    assert {key: value for key, value in cells.items() if key[1] == "208"} == {
        ("expenditure", "208", "total"): yuan("8,568,532"),
        ("expenditure", "208", "personnel"): yuan("4,396,960"),
        ("expenditure", "208", "public"): yuan("391,000"),
        ("expenditure", "208", "project"): yuan("3,780,572"),
    }
    assert cells[("expenditure", "支出总计", "personnel")] == yuan("23,057,828")
    assert cells[("expenditure", "支出总计", "public")] == yuan("3,860,162")
    assert cells[("expenditure", "支出总计", "project")] == yuan("49,388,144")
    assert cells[("income", "一、财政拨款收入", "fiscal_appropriation")] == yuan("76,306,134")
    assert cells[("income", "收入总计", "total")] == yuan("76,306,134")
    # 201 prints two of four numbers and nothing in this input tells which: a parse issue, no amount.
    assert not [key for key in cells if key[1] == "201"]
    assert [issue.code for issue in table.issues] == [IssueCode.SUMMARY_AMBIGUOUS]


def test_minimal_financial_summary_row_settled_by_the_all_funds_table() -> None:
    spec = SHANGHAI.table("financial_summary")
    zero = Decimal("0.00")
    # The 支出总表 prints 201 as 项目支出 only (基本支出 blank): the 3,353,072 is 项目支出.
    project = {"201": {"total": yuan("3,353,072"), "basic": zero, "project": yuan("3,353,072")}}
    table = parse_summary_table("financial_summary", lines_of(SUMMARY_INPUT), "元", CLASS_BY_NAME, {}, spec, project)
    cells = summary_cells(table)
    assert {key: value for key, value in cells.items() if key[1] == "201"} == {
        ("expenditure", "201", "total"): yuan("3,353,072"),
        ("expenditure", "201", "project"): yuan("3,353,072"),
    }
    assert {cell.column_source for cell in table.cells if cell.code == "201"} == {"context"}
    assert not table.issues
    # 基本支出 only (人员经费 + 公用经费 = 3,353,072): which of the two is still open, so still an issue.
    basic = {"201": {"total": yuan("3,353,072"), "basic": yuan("3,353,072"), "project": zero}}
    table = parse_summary_table("financial_summary", lines_of(SUMMARY_INPUT), "元", CLASS_BY_NAME, {}, spec, basic)
    assert not [cell for cell in table.cells if cell.code == "201"]
    assert [issue.code for issue in table.issues] == [IssueCode.SUMMARY_AMBIGUOUS]


def fund_table(bounds: dict[Hashable, dict[str, Decimal]] | None):  # type: ignore[no-untyped-def]
    lines = lines_of(FUND_INPUT)
    spec = CodedSpec.of(SHANGHAI.table("government_fund"), SHANGHAI)
    return parse_coded_table("government_fund", lines[1:], "元", spec=spec, bounds=bounds)


def test_minimal_fund_table_with_two_of_three_numbers_is_an_issue_when_nothing_settles_it() -> None:
    assert match_title(lines_of(FUND_INPUT)[0].text, SHANGHAI) == "government_fund"
    table = fund_table(None)
    assert not table.cells
    assert {issue.code for issue in table.issues} == {IssueCode.AMBIGUOUS_COLUMNS}
    assert len(table.issues) == 3  # 212, 2120803, 合计


def test_minimal_fund_table_settled_by_the_all_funds_table() -> None:
    # The 支出总表 prints 212's 基本支出 as the 一般公共预算 table does (and the 合计 基本支出 as the economic
    # table's total): nothing is left for the fund's 基本支出, so its amounts are 项目支出.
    zero = Decimal("0.00")
    table = fund_table({"212": {"basic": zero}, "合计": {"basic": zero}})
    amounts = {(cell.code or "合计", cell.measure): cell.amount for cell in table.cells}
    assert amounts == {
        ("212", "total"): yuan("3,380,000"),
        ("212", "project"): yuan("3,380,000"),
        ("2120803", "total"): yuan("3,380,000"),
        ("2120803", "project"): yuan("3,380,000"),
        ("合计", "total"): yuan("3,680,000"),
        ("合计", "project"): yuan("3,680,000"),
    }
    assert not [issue for issue in table.issues if issue.code == IssueCode.AMBIGUOUS_COLUMNS]


def test_a_bound_that_leaves_both_readings_open_settles_nothing() -> None:
    table = fund_table({"212": {"basic": yuan("5,000,000")}, "合计": {"basic": yuan("5,000,000")}})
    assert not table.cells
    assert {issue.code for issue in table.issues} == {IssueCode.AMBIGUOUS_COLUMNS}


def test_2026_unit_titles_and_holder_line() -> None:
    assert match_title("2026年预算单位财务收支预算总表", SHANGHAI) == "financial_summary"
    assert match_title("2026年预算单位政府性基金预算支出功能分类预算表", SHANGHAI) == "government_fund"
    lines = lines_of("2026年预算单位财务收支预算总表\n编制单位：某区某街道办事处（本级） 单位：元")
    segments = locate_family(lines, (SHANGHAI,)).segments
    meta = read_meta(lines, segments, "minimal.txt", "元", SHANGHAI)
    assert (meta.department_name, meta.scope, meta.fiscal_year) == ("某区某街道办事处", "unit", 2026)


# --------------------------------------------------------------------------- a whole 2026 unit document


def parsed_fixture(text: str | None = None, tmp_path: Path | None = None):  # type: ignore[no-untyped-def]
    if text is None:
        return parse_file(FIXTURE)
    assert tmp_path is not None
    path = tmp_path / "variant_2026.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_2026_unit_document_loads_every_table_with_no_issue() -> None:
    doc = parsed_fixture()
    assert (doc.meta.department_name, doc.meta.scope, doc.meta.fiscal_year, doc.meta.region) == (
        "上海市某区某街道办事处", "unit", 2026, "上海市某区"
    )
    assert {table.table_key: table.status for table in doc.tables} == {
        "financial_summary": "present", "income": "present", "expenditure": "present", "fiscal_summary": "present",
        "general_public": "present", "government_fund": "present", "state_capital": "empty",
        "basic_economic": "present", "three_public": "present",
    }
    assert not doc.issues
    # The continuation header 类款项 after the page break is not part of 2080501's name.
    assert {code.printed_name for code in doc.codes if code.code == "2080501"} == {"行政单位离退休"}


def test_2026_fund_table_whose_every_row_prints_two_of_three_numbers_is_project_spending() -> None:
    doc = parsed_fixture()
    fund = {(cell.code or "合计", cell.measure): cell.amount for cell in doc.amounts if cell.table_key == "government_fund"}
    assert fund == {
        ("212", "total"): yuan("3,380,000"), ("212", "project"): yuan("3,380,000"),
        ("2120803", "total"): yuan("3,380,000"), ("2120803", "project"): yuan("3,380,000"),
        ("229", "total"): yuan("300,000"), ("229", "project"): yuan("300,000"),
        ("2296002", "total"): yuan("300,000"), ("2296002", "project"): yuan("300,000"),
        ("合计", "total"): yuan("3,680,000"), ("合计", "project"): yuan("3,680,000"),
    }


def test_2026_fiscal_summary_names_wrapped_around_income_rows() -> None:
    doc = parsed_fixture()
    cells = {
        (cell.side, cell.code or cell.row_label, cell.measure): cell.amount
        for cell in doc.amounts if cell.table_key == "fiscal_summary"
    }
    # 二、政府性基金 prints its 3,680,000 between 社会保障和就业支 / 出 and that row's numbers;
    # 三、国有资本经营预算 prints nothing, the numbers after it are 城乡社区支出's.
    assert cells[("income", "二、政府性基金", "government_fund")] == yuan("3,680,000")
    assert not [key for key in cells if key[1] == "三、国有资本经营预算"]
    assert {key[2]: value for key, value in cells.items() if key[:2] == ("expenditure", "208")} == {
        "total": yuan("8,568,532"), "general_public": yuan("8,568,532"),
    }
    assert {key[2]: value for key, value in cells.items() if key[:2] == ("expenditure", "212")} == {
        "total": yuan("52,898,730"), "general_public": yuan("49,518,730"), "government_fund": yuan("3,380,000"),
    }
    labels = {cell.code: cell.row_label for cell in doc.amounts if cell.table_key == "fiscal_summary" and cell.code}
    assert labels["208"] == "二、社会保障和就业支出" and labels["212"] == "三、城乡社区支出"
    # Every 类 row of both summaries placed; the expenditure side adds up to its printed total.
    for key in ("fiscal_summary", "financial_summary"):
        side = [c for c in doc.amounts if c.table_key == key and c.side == "expenditure" and c.measure == "total"]
        items = sum(c.amount for c in side if c.row_kind == "item")
        assert items == next(c.amount for c in side if c.row_kind == "total") == yuan("76,306,134")


def test_2026_fund_table_without_the_all_funds_table_is_reported_not_guessed(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("2026年预算单位支出预算总表")
    stop = text.index("2026年预算单位财政拨款收支预算总表")
    doc = parsed_fixture(text[:start] + text[stop:], tmp_path)
    assert not [cell for cell in doc.amounts if cell.table_key == "government_fund"]
    ambiguous = [issue for issue in doc.issues if issue.table_key == "government_fund"]
    assert ambiguous and {issue.code for issue in ambiguous} == {IssueCode.AMBIGUOUS_COLUMNS}


ECONOMIC_SETTLES = """2026年预算单位财务收支预算总表
编制单位：上海市某区某局 单位：元
项目 预算数 项目预算数
合计基本支出
项目支出
人员经费公用经费
一、财政拨款收入 1,000 一、一般公共服务支出 1,000 600 400
收入总计 1,000 支出总计 1,000 600 400

2026年预算单位国有资本经营预算支出功能分类预算表
编制单位：上海市某区某局 单位：元
功能分类科目名称 合计 基本支出 项目支出
合计
注:本单位2026年无国有资本经营预算财政拨款安排的预算，故本表为空表。

2026年预算单位一般公共预算支出功能分类预算表
编制单位：上海市某区某局 单位：元
项目 一般公共预算支出
功能分类科目名称 合计 基本支出 项目支出
201 一般公共服务支出 1,000 1,000
2010301行政运行 1,000 1,000
合计 1,000 1,000

2026年预算单位一般公共预算基本支出部门预算经济分类预算表
编制单位：上海市某区某局 单位：元
部门经济分类科目名称 合计 人员经费 公用经费
301 工资福利支出 600 600
302 商品和服务支出 400 400
合计 1,000 600 400
"""


def test_general_public_table_settled_by_the_economic_table_total(tmp_path: Path) -> None:
    # Every row of the 一般公共预算 table prints two of three numbers; the economic table (its 基本支出 by
    # economic code) totals 1,000, so the 合计's 1,000 is 基本支出, and so is every row under it.
    doc = parsed_fixture(ECONOMIC_SETTLES, tmp_path)
    general = {(cell.code or "合计", cell.measure): cell.amount for cell in doc.amounts if cell.table_key == "general_public"}
    assert general == {
        (code, measure): yuan("1,000") for code in ("201", "2010301", "合计") for measure in ("total", "basic")
    }
    assert not [issue for issue in doc.issues if issue.code == IssueCode.AMBIGUOUS_COLUMNS]
    # Without the economic table nothing says which it is: reported, not loaded.
    start = ECONOMIC_SETTLES.index("2026年预算单位一般公共预算基本支出")
    doc = parsed_fixture(ECONOMIC_SETTLES[:start], tmp_path)
    assert not [cell for cell in doc.amounts if cell.table_key == "general_public"]
    assert {issue.code for issue in doc.issues if issue.table_key == "general_public"} == {IssueCode.AMBIGUOUS_COLUMNS}
