"""The Jiangsu provincial budget family against the hand-checked facts of corpus jiangsu/expected/*.json.

Parse level (document metadata, every table, code names); the warehouse side is test_jiangsu_e2e.py. The
minimal inputs of issue #9 are unit tests below.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_dir
from ingest import templates
from ingest.model import IngestError, Line
from ingest.parse.coded import CodedSpec, parse_coded_table
from ingest.parse.document import parse_document
from ingest.parse.layout import locate_family, match_title
from ingest.parse.meta import read_meta, region_of
from ingest.pipeline import parse_file

JIANGSU = templates.family("jiangsu_budget")
# fund_type of the expected expenditure / basic_economic rows → the Jiangsu table printing them.
FUNCTION_TABLES = {"fiscal": "fiscal_function", "general_public": "general_public", "government_fund": "government_fund"}
ECONOMIC_TABLES = {"fiscal": "fiscal_basic_economic", "general_public": "basic_economic"}
CASES = {
    "jiangsu_court_2018_dept": "jiangsu_court_2018_dept.txt",
    "jiangsu_procuratorate_2019_dept": "jiangsu_procuratorate_2019_dept.txt",
    "jiangsu_partyoffice_2017": "jiangsu_partyoffice_2017_tables.txt",
}


def lines_of(text: str) -> list[Line]:
    return [Line(line, number) for number, line in enumerate(text.splitlines(), start=1)]


def jiangsu_dir() -> Path:
    return corpus_dir() / "jiangsu"


def expected(key: str) -> dict:
    return json.loads((jiangsu_dir() / "expected" / f"{key}.json").read_text(encoding="utf-8"))


def code_amounts(doc, table_key: str, levels: tuple[int, ...] = (3, 5, 7)) -> set[tuple[str, str]]:
    return {
        (cell.code, f"{cell.amount:.2f}")
        for cell in doc.amounts
        if cell.table_key == table_key and cell.row_kind == "code" and cell.measure == "total" and len(cell.code) in levels
    }


@pytest.fixture(scope="module", params=sorted(CASES), ids=str)
def case(request):
    path = jiangsu_dir() / CASES[request.param]
    if not path.exists():
        pytest.skip(f"no Jiangsu corpus at {jiangsu_dir()}")
    return expected(request.param), parse_file(path)


def test_document_identity(case):
    facts, doc = case
    wanted = facts["document"]
    got = doc.meta
    assert (got.region, got.department_name, got.scope, got.fiscal_year, got.kind, got.amount_unit) == (
        wanted["region"], wanted["department_name"], wanted["scope"], wanted["fiscal_year"], wanted["kind"],
        wanted["amount_unit"],
    )
    assert doc.template == wanted["template"]


def test_function_tables_by_fund(case):
    facts, doc = case
    for fund, table_key in FUNCTION_TABLES.items():
        rows = {(code, amount) for code, fund_type, kind, amount in facts["expenditure"] if fund_type == fund}
        assert all(kind == "total" for _, _, kind, _ in facts["expenditure"])
        assert code_amounts(doc, table_key, (7,)) == rows, table_key


def test_basic_economic_tables_by_fund(case):
    facts, doc = case
    for fund, table_key in ECONOMIC_TABLES.items():
        rows = {(code, amount) for code, fund_type, _, amount in facts["basic_economic"] if fund_type == fund}
        assert code_amounts(doc, table_key, (5,)) == rows, table_key


def test_operation_fund_by_economic_code(case):
    facts, doc = case
    assert code_amounts(doc, "operation_fund_economic", (5,)) == {tuple(row) for row in facts["operation_fund_economic"]}


def test_three_public_meeting_and_training(case):
    facts, doc = case
    got = {cell.measure: f"{cell.amount:.2f}" for cell in doc.amounts if cell.table_key == "three_public"}
    wanted = {item: amount for item, amount in facts["three_public"].items() if item != "operation_fund"}
    # A blank cell is no cell: the expected 0.00 items are exactly the ones not printed.
    assert {item: got.get(item, "0.00") for item in wanted} == wanted
    assert got["total"] == facts["published_totals"]["three_public_total"]
    assert got["three_public_meeting_training"] == facts["published_totals"]["three_public_meeting_training_total"]
    operation_total = next(
        cell for cell in doc.amounts if cell.table_key == "operation_fund_economic" and cell.row_kind == "total"
    )
    assert f"{operation_total.amount:.2f}" == facts["three_public"]["operation_fund"]


def test_printed_code_names(case):
    facts, doc = case
    function = {code.code: code.printed_name for code in doc.codes if code.classification == "function"}
    economic = {code.code: code.printed_name for code in doc.codes if code.classification == "economic"}
    assert {code: function.get(code) for code in facts["function_names"]} == facts["function_names"]
    assert {code: economic.get(code) for code in facts["economic_names"]} == facts["economic_names"]


def test_every_table_of_the_family_is_read(case):
    _, doc = case
    assert not [issue for issue in doc.issues if issue.code == "table_not_read"]
    assert not [t.key for t in JIANGSU.tables if t.layout == templates.LAYOUT_NOT_READ]
    assert not [issue for issue in doc.issues if issue.severity == "error"], doc.issues


def test_income_by_source_from_both_summary_tables(case):
    """收支预算总表's income column and 收入预算总表's groups give the same sources (the leaves, not 财政拨款)."""
    facts, doc = case
    for table_key in ("financial_summary", "income_sources"):
        got = {
            cell.measure: f"{cell.amount:.2f}" for cell in doc.amounts
            if cell.table_key == table_key and cell.side in ("income", "") and cell.row_kind == "item"
            and cell.measure not in ("fiscal_appropriation",)
        }
        assert got == facts["income_source"], table_key


def test_summary_totals_and_expenditure_by_use(case):
    facts, doc = case
    totals = facts["published_totals"]

    def cells(table_key: str, side: str) -> dict[tuple[str, str], str]:
        return {
            (cell.row_kind, cell.measure): f"{cell.amount:.2f}" for cell in doc.amounts
            if cell.table_key == table_key and cell.side == side and not cell.code
        }

    financial = cells("financial_summary", "expenditure")
    assert financial[("total", "total")] == totals["expenditure_total"]
    assert financial[("item", "basic")] == totals["basic_total"]
    assert financial[("item", "project")] == totals["project_total"]
    assert financial[("item", "reserve")] == totals["reserve_total"]
    assert cells("financial_summary", "income")[("total", "total")] == totals["income_total"]
    fiscal = cells("fiscal_summary", "expenditure")
    assert fiscal[("item", "basic")] == totals["fiscal_basic_total"]
    assert fiscal[("item", "project")] == totals["fiscal_project_total"]
    assert fiscal[("item", "reserve")] == totals["fiscal_reserve_total"]
    assert cells("fiscal_summary", "income")[("total", "total")] == totals["fiscal_appropriation_total"]
    assert cells("fiscal_summary", "income")[("item", "general_public")] == totals["general_public_total"]
    assert cells("procurement", "")[("total", "total")] == totals["government_procurement_total"]


def test_summary_expenditure_classes_equal_the_all_funds_class_figures(case):
    """The 收支预算总表's 类 (printed by name) get their codes from the function tables; they add up to the
    current year's expenditure."""
    facts, doc = case
    classes = {cell.code: cell.amount for cell in doc.amounts
               if cell.table_key == "financial_summary" and cell.side == "expenditure" and cell.code}
    assert classes and all(len(code) == 3 for code in classes)
    assert f"{sum(classes.values()):.2f}" == facts["published_totals"]["expenditure_total"]


# --------------------------------------------------------------------------- issue #9 minimal inputs


def test_minimal_fiscal_function_table_glued_codes_and_a_wrapped_name():
    text = """公开05表
财政拨款支出预算表（功能科目）
部门名称：某省某厅 单位：万元
功能科目编码 功能科目名称 金 额
合计 37,188.34
204 公共安全支出 27,488.23
20405 法院 27,488.23
2040501 行政运行 17,279.29
机关事业单位基本养老保险缴费支
2080505 1,384.70
出"""
    lines = lines_of(text)
    assert match_title(lines[1].text, JIANGSU) == "fiscal_function"
    spec = CodedSpec.of(JIANGSU.table("fiscal_function"), JIANGSU)
    table = parse_coded_table("fiscal_function", lines[2:], "万元", spec=spec)
    amounts = {(cell.code or "合计"): cell.amount for cell in table.cells}
    assert amounts == {
        "合计": Decimal("371883400.00"),
        "204": Decimal("274882300.00"),
        "20405": Decimal("274882300.00"),
        "2040501": Decimal("172792900.00"),
        "2080505": Decimal("13847000.00"),
    }
    names = {code.code: code.printed_name for code in table.codes}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert not [issue for issue in table.issues if issue.severity == "error"]


def test_minimal_numbered_title_with_colon_and_a_department_holder_line():
    lines = lines_of("公开 01 表：收支预算总表\n部门： 某省某院 单位：万元")
    assert match_title(lines[0].text, JIANGSU) == "financial_summary"
    segments = locate_family(lines, (JIANGSU,)).segments
    meta = read_meta(lines + lines_of("2019年度部门预算公开"), segments, "minimal.txt", "万元", JIANGSU)
    assert meta.department_name == "某省某院"


@pytest.mark.parametrize(
    "name, region",
    [
        ("江苏省高级人民法院", "江苏省"),
        ("中国共产党江苏省委员会办公厅", "江苏省"),
        ("上海市普陀区人民政府万里街道办事处", "上海市普陀区"),
        ("某某委员会", ""),
    ],
)
def test_region_from_the_name(name: str, region: str):
    assert region_of(name) == region


def test_the_body_named_only_in_the_titles():
    titles = [
        "一、2018年度江苏省某某院收支预算总表", "二、2018年度江苏省某某院收入预算总表",
        "三、2018年度江苏省某某院支出预算总表", "五、2018年度江苏省某某院财政拨款支出预算表",
        "七、2018年度江苏省某某院一般公共预算支出预算表", "八、2018年度江苏省某某院一般公共预算基本支出预算表",
    ]
    body = []
    for title in titles:
        body += [title, "单位：万元", "合计 1.00"]
    lines = lines_of("\n".join(body))
    segments = locate_family(lines).segments
    meta = read_meta(lines, segments, "titles.txt", "万元", JIANGSU)
    assert (meta.department_name, meta.region, meta.fiscal_year) == ("江苏省某某院", "江苏省", 2018)


def test_a_shanghai_document_still_picks_the_shanghai_family():
    path = corpus_dir() / "putuo_wanli_2025_dept.txt"
    if not path.exists():
        pytest.skip("no corpus")
    doc = parse_file(path)
    assert doc.template == "shanghai_budget"


def test_tables_found_that_make_up_no_known_template_are_an_unsupported_layout():
    text = "\n".join([
        "某省2019年部门预算", "编制部门：某省某厅 单位：万元",
        "收支预算总表", "单位：万元", "收入 支出", "收入合计 10.00 支出合计 10.00",
        "财政拨款收支预算总表", "单位：万元", "收入合计 10.00 支出合计 10.00",
    ])
    with pytest.raises(IngestError) as raised:
        parse_document(lines_of(text), "odd.txt", "0" * 64, "in/odd.txt")
    message = str(raised.value)
    assert message.startswith("unsupported layout: in/odd.txt: found financial_summary、fiscal_summary, missing ")
    assert "closest template: shanghai_budget" in message and "nothing was loaded" in message


def test_a_file_with_no_table_of_any_template_is_not_a_budget_disclosure():
    with pytest.raises(IngestError, match="not a budget disclosure"):
        parse_document(lines_of("会议纪要\n讨论了年度工作安排。"), "minutes.txt", "0" * 64)


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_expenditure_row_is_placed_by_its_header_in_the_pdf(key: str):
    """支出预算总表 prints four numbers under five columns; which blank is 结转下年资金 the x-positions under
    the header tell; in the text (where the arithmetic leaves it open) the 收支预算总表's uses tell."""
    pdf = jiangsu_dir() / CASES[key].replace(".txt", ".pdf")
    if not pdf.exists():
        pytest.skip("no Jiangsu PDFs")
    totals = expected(key)["published_totals"]
    doc = parse_file(pdf)
    got = {cell.measure: f"{cell.amount:.2f}" for cell in doc.amounts if cell.table_key == "expenditure"}
    assert got == {
        "total": totals["expenditure_total"], "basic": totals["basic_total"], "project": totals["project_total"],
        "reserve": totals["reserve_total"],
    }
    from_text = parse_file(jiangsu_dir() / CASES[key])
    assert {cell.measure: f"{cell.amount:.2f}" for cell in from_text.amounts if cell.table_key == "expenditure"} == got
    assert {cell.column_source for cell in from_text.amounts if cell.table_key == "expenditure"} == {"context"}


@pytest.mark.parametrize("stem", ["jiangsu_court_2018_dept", "jiangsu_procuratorate_2019_dept",
                                  "jiangsu_partyoffice_2017_tables"])
def test_the_pdf_gives_the_amounts_of_its_text_twin(stem: str) -> None:
    """The PDF reader keeps what the text twin gives, e.g. the 政府采购 categories it prints with a space
    inside the name (一、货物 A): a figure lost from the PDF alone would otherwise go unnoticed."""
    def amounts(suffix: str) -> set[tuple[str, str, str, str, str, Decimal]]:
        document = parse_file(jiangsu_dir() / f"{stem}{suffix}")
        return {(a.table_key, a.side, a.row_kind, a.code, a.measure, a.amount) for a in document.amounts}

    from_pdf, from_text = amounts(".pdf"), amounts(".txt")
    assert from_pdf == from_text, (sorted(from_text - from_pdf), sorted(from_pdf - from_text))
