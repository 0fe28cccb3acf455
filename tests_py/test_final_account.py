"""Final accounts (部门决算): the development 决算 gives exactly its expected facts, parsed and in the
warehouse, with no false finding; the execution clauses, balances and 三公 stages; the 决算 template's
missing tables; budget documents keep working beside a final account of the same body and year.

The corpus final accounts are corpus/final/*.pdf with an expected/<name>.json (corpus README, "Other
templates"). Run: .venv/bin/python -m pytest tests_py/test_final_account.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLES_DIR, PipelineRun, corpus_dir, corpus_final_accounts
from ingest.model import IngestError, Line
from ingest.parse.document import parse_document
from ingest.parse.execution import parse_execution
from ingest.parse.final_account import FINAL_TABLE_KEYS, parse_final_tables
from ingest.parse.final_narrative import parse_final_narrative
from ingest.parse.glyphs import rejoin_detached_glyphs
from ingest.pipeline import parse_file
from ingest.readers.pdf import read_pdf_document
from ingest.templates import FAMILIES

EXAMPLE_FINALS = [path for path in sorted(EXAMPLES_DIR.glob("*.txt"))
                  if (EXAMPLES_DIR / "expected" / f"{path.stem}.json").exists()
                  and json.loads((EXAMPLES_DIR / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
                  ["document"]["kind"] == "final_account"]
CORPUS_CASES = [pytest.param(path, id=path.stem) for path in corpus_final_accounts()] or [
    pytest.param(None, marks=pytest.mark.skip(reason="no corpus final account (corpus/final/*.pdf + expected)"))
]
CASES = CORPUS_CASES + [pytest.param(path, id=path.stem) for path in EXAMPLE_FINALS]


# Each self-inconsistency of a final account's expected file (a phrase of its text) and the findings that report
# it (check, severity): the document's own errors are acknowledged in seeds/acknowledged_findings.csv, the
# rounding-level ones are info. An entry no phrase recognises fails the test, so a new one has to be mapped here.
SELF_INCONSISTENCIES: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]] = {
    "putuo_finance_2024_final": (
        ("总计0.3万元", (("F12", "error"),)),
        ("占71.73%", (("F13", "error"),)),
        ("个人农业生产补贴", (("F14", "warning"), ("F14", "info"))),
        ("described as '基本支出'", (("F15", "warning"), ("F15", "info"))),
        ("326.71", (("X05", "info"), ("X08", "info"))),
        ("收入决算表 合计", (("H04", "info"),)),
        ("支出决算表 合计", (("H04", "info"),)),
        ("类 301", (("H03", "info"),)),
        ("eleven 五(三)", (("F11", "info"),)),
        ("政府采购", (("N16", "info"),)),
    ),
    "example_culture_2025_final": (("58.00%", (("F04", "error"),)),),
}


def expected_of(path: Path) -> dict:
    return json.loads((path.parent / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))


def money(value: object) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


# --------------------------------------------------------------------------- parser


@pytest.mark.parametrize("path", CASES)
def test_parsed_final_account_gives_exactly_its_expected_facts(path: Path) -> None:
    expected = expected_of(path)
    doc = parse_file(path)
    meta = doc.meta
    for field in ("region", "department_name", "scope", "fiscal_year", "kind", "amount_unit"):
        assert getattr(meta, field) == expected["document"][field], field
    cells = doc.amounts
    leaves = {c.code for c in cells if c.row_kind == "code"}
    parents = {code[:-2] for code in leaves if len(code) > 3}
    leaf = {code for code in leaves if code not in parents}

    def coded(table: str, measures: tuple[str, ...]) -> set[tuple[str, str, str]]:
        return {(c.code, c.measure, money(c.amount)) for c in cells
                if c.table_key == table and c.row_kind == "code" and c.code in leaf and c.measure in measures
                and c.amount != 0}

    expenditure = {(code, "all", kind, amount) for code, kind, amount in coded("expenditure", ("basic", "project"))}
    expenditure |= {(code, "general_public", kind, amount) for code, kind, amount in coded("general_public", ("basic", "project"))}
    assert expenditure == {tuple(row) for row in expected["expenditure"]}
    income = coded("income", ("fiscal_appropriation", "superior_subsidy", "business", "operating",
                              "subordinate_remittance", "other"))
    assert income == {tuple(row) for row in expected["income"]}
    economic = {(c.code, c.measure, money(c.amount)) for c in cells
                if c.table_key == "basic_economic" and c.row_kind == "code" and len(c.code) == 5 and c.amount != 0}
    assert economic == {tuple(row) for row in expected["basic_economic"]}
    for stage in ("budget", "final"):
        printed = {c.measure: money(c.amount) for c in cells if c.table_key == "three_public" and c.side == stage}
        wanted = expected["three_public"][stage]
        assert {item: printed.get(item, "0.00") for item in wanted} == wanted, stage
    balances = {("all" if c.table_key == "financial_summary" else "fiscal", c.code, money(c.amount)) for c in cells
                if c.row_kind == "balance" and c.measure == "total" and c.amount != 0}
    assert balances == {tuple(row) for row in expected["balances"]}
    names = {code.code: code.printed_name for code in doc.codes if code.classification == "function"}
    assert names == expected["function_names"]
    economic_names = {code.code: code.printed_name for code in doc.codes if code.classification == "economic"}
    assert economic_names == expected["economic_names"]
    missing = [t.table_key for t in doc.tables if t.status == "missing"]
    assert missing == expected["missing_tables"]
    assert not [issue for issue in doc.issues if issue.severity == "error"]


@pytest.mark.parametrize("path", CASES)
def test_published_totals(path: Path) -> None:
    expected = expected_of(path)["published_totals"]
    cells = parse_file(path).amounts

    def figure(table: str, side: str, row_kind: str) -> str:
        (amount,) = [c.amount for c in cells if c.table_key == table and c.side == side and c.row_kind == row_kind
                     and c.measure == "total"]
        return money(amount)

    got = {
        "income_total": figure("financial_summary", "income", "total"),
        "expenditure_total": figure("financial_summary", "expenditure", "total"),
        "grand_total": figure("financial_summary", "income", "grand_total"),
        "income_total_fiscal": figure("fiscal_summary", "income", "total"),
        "expenditure_total_fiscal": figure("fiscal_summary", "expenditure", "total"),
        "grand_total_fiscal": figure("fiscal_summary", "income", "grand_total"),
    }
    assert got == {key: expected[key] for key in got}


@pytest.mark.parametrize("path", CASES)
def test_execution_clauses_keep_every_narrative_number(path: Path) -> None:
    """The 情况说明 numbers that common extractors lose ("年初预算为 万元") are read, clause by clause."""
    expected = expected_of(path)
    doc = parse_file(path)
    names = {(c.code, c.printed_name) for c in doc.codes if c.classification == "function"}
    by_name = {name: code for code, name in names if len(code) == 7}
    items = [fact for fact in doc.narrative if fact.topic == "execution_item"]
    got = [[by_name.get(fact.xiang_name), money(fact.prior_amount), money(fact.amount),
            None if fact.change_percent is None else f"{fact.change_percent}%"] for fact in items]
    assert got == expected["execution_narrative"]
    totals = {fact.label: [money(fact.prior_amount), money(fact.amount), f"{fact.change_percent}%"]
              for fact in doc.narrative if fact.topic == "execution_total"}
    assert totals == expected["execution_narrative_total"]


@pytest.mark.parametrize("path", CORPUS_CASES)
def test_the_reader_keeps_the_numbers_common_extractors_lose(path: Path) -> None:
    """Whatever the PDF reader, the 年初预算 figures of the 情况说明 must be in its text (issue #11)."""
    expected = expected_of(path)
    # punctuation may be laid out apart from its sentence (see parse/glyphs.py): only the figures count here
    text = re.sub(r"[，：；、。,]", "", "".join("".join(line.text.split()) for line in read_pdf_document(path)))
    for code, budget, _final, _ in expected["execution_narrative"]:
        budget_wan = f"{Decimal(budget) / 10000:.2f}"
        assert f"年初预算为{budget_wan}万元" in text, (code, budget_wan)


def test_the_blank_national_template_is_recognised_table_by_table_and_refused_for_lack_of_figures() -> None:
    """The national 决算 template (titles and headers only): all nine tables are found, its economic table
    (codes glued, names on their code lines, wrapped around them) reads every code with its whole name,
    and loading it is refused: nothing to load."""
    template = corpus_dir() / "final" / "final_template_2024.pdf"
    if not template.exists():
        pytest.skip("corpus final template absent")
    found = parse_final_tables(rejoin_detached_glyphs(read_pdf_document(template)))
    assert [t.table_key for t in found.tables if t.status == "missing"] == []
    assert not [issue for issue in found.issues if issue.severity == "error"]
    names = {c.code: c.printed_name for c in found.codes if c.classification == "economic"}
    assert names["30108"] == "机关事业单位基本养老保险缴费" and names["31007"] == "信息网络及软件购置更新"
    assert names["30399"] == "其他对个人和家庭的补助" and names["310"] == "资本性支出"
    with pytest.raises(IngestError, match="no figure"):
        parse_file(template)


# --------------------------------------------------------------------------- units


def lines_of(text: str) -> list[Line]:
    return [Line(row, number) for number, row in enumerate(text.splitlines(), start=1)]


def test_detached_glyphs_rejoin_their_line() -> None:
    lines = [
        Line("般公共预算财政拨款收入 2,940.05", 1, 1, (138.0, 276.0)),
        Line("一 一", 2, 1, (50.0, 72.0)),
        Line("本年收入合计2946.25万元 其中", 3, 1, (163.0, 255.0)),
        Line("，：", 4, 1, (200.0,)),
    ]
    repaired = rejoin_detached_glyphs(lines)
    assert [line.text for line in repaired] == ["一般公共预算财政拨款收入 2,940.05", "本年收入合计2946.25万元，： 其中"]
    text_only = lines_of("般公共预算\n一")
    assert rejoin_detached_glyphs(text_only) == text_only


def test_execution_clause_parser_reads_items_totals_rates_and_reasons() -> None:
    text = """五、一般公共预算财政拨款支出决算情况说明
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为120.00万元，支出决算为108.00万元，完成年初预算的90.00%。决算数小于预算数的
主要原因：项目调减。其中：
1、文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）。主要用于基本支出。年初预算为 100.00
万元，支出决算为80.00万元，完成年初预算的80.00%。决算数小于预算数的主要原因：人员减少。
2、文化旅游体育与传媒支出（类）文物（款）文物保护（项）。年初预算为20.00万元，支出决算为28.00万元。决算数大于
预算数的主要原因：追加修缮。
七、财政拨款“三公”经费支出决算情况说明
“三公”经费财政拨款支出年初预算为1.00万元，支出决算为0.50万元，完成预算的50%。"""
    facts = parse_execution(lines_of(text))
    assert [(f.topic, f.label, f.item_no, f.xiang_name, f.prior_amount, f.amount, f.change_percent,
             f.change_direction, f.reason) for f in facts] == [
        ("execution_total", "general_public", None, "", Decimal("1200000.00"), Decimal("1080000.00"), Decimal("90.00"),
         "decrease", "项目调减"),
        ("execution_item", "", 1, "行政运行", Decimal("1000000.00"), Decimal("800000.00"), Decimal("80.00"),
         "decrease", "人员减少"),
        ("execution_item", "", 2, "文物保护", Decimal("200000.00"), Decimal("280000.00"), None, "increase", "追加修缮"),
        ("execution_total", "three_public", None, "", Decimal("10000.00"), Decimal("5000.00"), Decimal("50"), "", ""),
    ]
    assert facts[1].class_name == "文化旅游体育与传媒支出" and facts[1].kuan_name == "文化和旅游"


def test_final_narrative_parser_reads_totals_shares_classes_lists_and_procurement() -> None:
    """The 情况说明's parts by their headings (any ordinal; a part ends at the next numbered heading): figures
    wrapped over lines are whole, a share keeps the whole it is a share of, the 结构 sentence gives each 类,
    the 主要包括 lists give their items; the execution clauses are left to parse_execution."""
    text = """第三部分 某局2024年度部门决算情况说明
二、收入决算情况说明
本年收入合计1,000.00万元，其中：财政拨款收入990.00万元，占99.00%；其他收入
10.0万元，占比1.00%。
三、支出决算情况说明
本年支出合计990.00万元，其中：基本支出600.00万元，占60.61%；项目支出390.00万元，占39.39%。
四、财政拨款收入支出决算总体情况说明
某局2024年度财政拨款收入支出总计0.3万元。
五、一般公共预算财政拨款支出决算情况说明
（一）一般公共预算财政拨款支出决算总体情况
一般公共预算财政拨款支出990.00万元，占本年支出合计的100.00%。
（二）一般公共预算财政拨款支出决算结构情况
一般公共预算财政拨款支出990.00万元，主要用于以下方面：一般公共服务支出（类）900.00万元，占90.91%；
住房保障支出（类）90.00万元，占9.09%。
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为1000.00万元，支出决算为990.00万元。
1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为910.00万元，支出决算为900.00万元。
七、一般公共预算财政拨款基本支出决算情况说明
一般公共预算财政拨款基本支出600.00万元。其中：人员经费500.00万元，主要包括：基本工资、津贴补贴、退休
费；公用经费100.00万元，主要包括：办公费、维修(护)费等。
十一、其他重要事项的情况说明
（二）政府采购支出情况
某局2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、
服务采购金额246.47万元。
第四部分 名词解释
一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。"""
    facts = parse_final_narrative(lines_of(text))
    by_topic = {(f.topic, f.label): f for f in facts}
    assert [(f.topic, f.amount, f.change_percent, f.prior_amount) for f in facts if f.topic.endswith("income")] == [
        ("fiscal_income", Decimal("9900000.00"), Decimal("99.00"), Decimal("10000000.00")),
        ("other_income", Decimal("100000.00"), Decimal("1.00"), Decimal("10000000.00")),
    ]
    assert by_topic[("fiscal_grand_total", "财政拨款收入支出总计")].printed_amount == "0.3万元"
    assert by_topic[("general_public_expenditure", "一般公共预算财政拨款支出")].prior_amount == Decimal("9900000.00")
    classes = [(f.class_name, f.amount, f.change_percent, f.prior_amount) for f in facts if f.topic == "class_expenditure"]
    assert classes == [("一般公共服务支出", Decimal("9000000.00"), Decimal("90.91"), Decimal("9900000.00")),
                       ("住房保障支出", Decimal("900000.00"), Decimal("9.09"), Decimal("9900000.00"))]
    assert [(f.topic, f.label, f.item_no) for f in facts if f.topic.endswith("_item")] == [
        ("personnel_item", "基本工资", 1), ("personnel_item", "津贴补贴", 2), ("personnel_item", "退休费", 3),
        ("public_item", "办公费", 1), ("public_item", "维修（护）费", 2)]
    assert {f.topic: f.amount for f in facts if f.topic.startswith("procurement")} == {
        "procurement_total": Decimal("2512500.00"), "procurement_goods": Decimal("47900.00"),
        "procurement_works": Decimal("0.00"), "procurement_services": Decimal("2464700.00")}
    assert all(f.section == "final_explanation" and f.line_no > 0 for f in facts)
    assert not any(f.topic.startswith("execution") for f in facts)
    # the 名词解释 after 第四部分 is not read as 收入决算情况说明
    assert len([f for f in facts if f.topic == "fiscal_income"]) == 1


FINAL_TEXT = """上海市示例区测试局
2024年度部门决算
收入支出决算总表
单位：元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 100.00 一、一般公共服务支出 90.00
八、其他收入 10.00
本年收入合计 110.00 本年支出合计 90.00
年初结转和结余 5.00 年末结转和结余 25.00
总计 115.00 总计 115.00
收入决算表
单位：元
项目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入
类 款 项
合计 110.00 100.00 0.00 0.00 0.00 0.00 10.00
201 一般公共服务支出 110.00 100.00 0.00 0.00 0.00 0.00 10.00
201 01 人大事务 110.00 100.00 0.00 0.00 0.00 0.00 10.00
201 01 01 行政运行 110.00 100.00 10.00
支出决算表
单位：元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
类 款 项
合计 90.00 60.00 30.00 0.00 0.00 0.00
201 一般公共服务支出 90.00 60.00 30.00 0.00 0.00 0.00
201 01 人大事务 90.00 60.00 30.00 0.00 0.00 0.00
201 01 01 行政运行 90.00 60.00 30.00 0.00 0.00 0.00
一般公共预算财政拨款支出决算表
单位：元
项目 合计 基本支出 项目支出
类 款 项
201 01 01 行政运行 90.00 60.00 30.00
合计 90.00 60.00 30.00
"""


def test_text_input_reads_the_template_without_positions() -> None:
    """Extracted text has no positions: a row printing every column is read in order; a row with blank
    cells dropped is reported, not guessed (its parts add up to the 合计 in whichever columns); the
    template's tables not printed are missing."""
    found = parse_final_tables(lines_of(FINAL_TEXT))
    cells = {(c.table_key, c.side, c.row_kind, c.code, c.measure): c.amount for c in found.amounts}
    assert cells[("income", "", "code", "20101", "other")] == Decimal("10.00")
    assert cells[("income", "", "code", "20101", "fiscal_appropriation")] == Decimal("100.00")
    assert ("income", "", "code", "2010101", "other") not in cells
    assert any(issue.table_key == "income" and issue.severity == "error" and "201 01 01" in issue.row_text
               for issue in found.issues)
    assert cells[("expenditure", "", "code", "2010101", "project")] == Decimal("30.00")
    assert cells[("financial_summary", "income", "item", "", "general_public")] == Decimal("100.00")
    assert cells[("financial_summary", "expenditure", "item", "201", "total")] == Decimal("90.00")
    assert cells[("financial_summary", "income", "balance", "opening", "total")] == Decimal("5.00")
    assert cells[("financial_summary", "expenditure", "balance", "closing", "total")] == Decimal("25.00")
    assert cells[("financial_summary", "expenditure", "grand_total", "", "total")] == Decimal("115.00")
    status = {t.table_key: t.status for t in found.tables}
    assert [key for key in FINAL_TABLE_KEYS if status[key] == "missing"] == [
        "fiscal_summary", "basic_economic", "three_public", "government_fund", "state_capital"]
    assert any("未公开" in issue.issue and "三公" in issue.issue for issue in found.issues)


def test_the_example_final_account_is_generated_from_the_budget_example() -> None:
    result = subprocess.run([sys.executable, str(EXAMPLES_DIR / "generate_final.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_budget_with_final_account_words_but_not_its_tables_is_refused() -> None:
    budget_like = "\n".join(["上海市示例区2024年部门决算", "编制部门：上海市示例区测试局",
                             "部门财务收支决算总表", "单位：元", "部门收入决算总表", "单位：元",
                             "部门支出决算总表", "单位：元", "合计 1.00 1.00"])
    with pytest.raises(Exception) as raised:
        parse_document(lines_of(budget_like), "x.txt", "0" * 64)
    assert "决算" in str(raised.value)


# --------------------------------------------------------------------------- warehouse


def final_document_ids(warehouse: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in warehouse.execute("select document_id from dim_document where kind = 'final_account'").fetchall()]


@pytest.mark.parametrize("path", CASES)
def test_warehouse_holds_the_final_account_without_false_findings(
    warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun, path: Path
) -> None:
    expected = expected_of(path)
    row = warehouse.execute(
        "select document_id, kind from dim_document where department_name = ? and fiscal_year = ? and kind = 'final_account'",
        [expected["document"]["department_name"], expected["document"]["fiscal_year"]],
    ).fetchone()
    assert row is not None, pipeline.report()
    document_id = row[0]
    expenditure = {tuple(map(str, r)) for r in warehouse.execute(
        "select function_code, fund_type, expenditure_type, amount from fct_expenditure where document_id = ?",
        [document_id]).fetchall()}
    assert expenditure == {tuple(r) for r in expected["expenditure"]}
    balances = {tuple(map(str, r)) for r in warehouse.execute(
        "select fund_type, item, amount from fct_balance where document_id = ?", [document_id]).fetchall()}
    assert balances == {tuple(r) for r in expected["balances"]}
    stages = {(stage, item): str(amount) for item, stage, amount in warehouse.execute(
        "select item, stage, amount from fct_three_public where document_id = ?", [document_id]).fetchall()}
    assert stages == {(stage, item): amount for stage, items in expected["three_public"].items()
                      for item, amount in items.items()}
    narrative = [list(map(lambda v: None if v is None else str(v), r)) for r in warehouse.execute(
        """select function_code, prior_amount, amount, change_percent from fct_narrative_fact
           where document_id = ? and topic = 'execution_item' order by item_no""", [document_id]).fetchall()]
    assert narrative == [[code, budget, final, None if rate is None else rate.rstrip("%")]
                         for code, budget, final, rate in expected["execution_narrative"]]
    # nothing false: every finding is at rounding level (info), or one the expected file lists and
    # seeds/acknowledged_findings.csv acknowledges (the example's deliberate mistake)
    loud = warehouse.execute(
        """select check_id, message from fct_finding
           where document_id = ? and severity in ('error', 'warning') and not acknowledged""",
        [document_id]).fetchall()
    assert loud == []
    # a finding on a 决算 names the 决算 template's own tables, never a budget table (F05 names the budget
    # document it compares with, by that document's template)
    budget_names = {table.name_zh for family in FAMILIES if family.kind == "budget" for table in family.tables}
    named = [(check, message) for check, message in warehouse.execute(
        "select check_id, message from fct_finding where document_id = ? and check_id <> 'F05'", [document_id]
    ).fetchall() if any(name in message for name in budget_names)]
    assert named == []
    found = set(warehouse.execute(
        "select check_id, severity from fct_finding where document_id = ?", [document_id]).fetchall())
    wanted: list[tuple[str, str]] = []
    for text in expected["self_inconsistencies"]:
        mapped = [findings for phrase, findings in SELF_INCONSISTENCIES.get(path.stem, ()) if phrase in text]
        assert len(mapped) == 1, f"{path.stem}: no single mapping for {text!r} (add one to SELF_INCONSISTENCIES)"
        wanted += mapped[0]
    assert [item for item in wanted if item not in found] == [], sorted(found)
    acknowledged = warehouse.execute(
        "select count(*) from fct_finding where document_id = ? and severity <> 'info' and acknowledged",
        [document_id]).fetchone()[0]
    assert acknowledged == len({item for item in wanted if item[1] != "info"})


def test_budget_execution_side_by_side(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The example department's budget and final account of the same year: one row per 项 and fund with
    both sides, the rate, and the stated reason; a budget and a final account never replace each other."""
    rows = warehouse.execute(
        """select function_code, fund_type, budget_amount, final_amount, execution_rate, budget_document_id,
                  final_document_id, stated_reason
           from fct_budget_execution where department_name like '%示例区%' and fund_type = 'all'"""
    ).fetchall()
    assert rows, "the example's budget execution is empty"
    assert all(r[5] is not None and r[6] is not None and r[5] != r[6] for r in rows)
    both = [r for r in rows if r[2] is not None and r[3] is not None]
    assert both and all(r[4] == (r[3] / r[2]).quantize(Decimal("0.0001"), ROUND_HALF_UP) for r in both if r[2] != 0)
    kinds = warehouse.execute(
        "select kind, count(*) from dim_document where department_name like '%示例区%' group by kind order by kind"
    ).fetchall()
    assert kinds == [("budget", 1), ("final_account", 1)]
