"""Narrative facts (ingest/parse/narrative.py): what the 编制说明 / 其他相关情况说明 / 绩效目标填报表 state in
words, read generically from crafted text in the template's wording."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.model import Line, NarrativeFact
from ingest.parse.narrative import parse_narrative
from ingest.readers.text import text_to_lines

EXPLANATION = """\
2025年部门预算编制说明
2025年，上海市某区某局收入预算1,234.56万元，其中：财政拨款收入1,200.00万元，比2024年（上一年度，下同）预算增加
100.50万元；事业收入0万元；事业单位经营收入0.00万元；其他收入34.56万元。
支出预算1,234.56万元，其中：财政拨款支出预算1,200.00万元，比2024年预算执行数减少20.00万元，下降1.64%。财政拨款支出预算中，一般
公共预算拨款支出预算1,200.00万元，比2024年预算增加100.50万元；政府性基金拨款支出预算0万元，与2024年预算持平；国有资本
经营预算拨款支出预算0万元，比2024年预算持平。
财政拨款支出主要内容如下：
1. “一般公共服务支出（类）人大事务（款）行政运行（项）”科目45.41万元，主要用于运行。2024年当年预算执行数为11.67
万元，2025年预算安排45.41万元，比2024年预算执行数增加289.12%。主要原因是：人员经费增加。
2. “卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”1,020.00万
元，主要用于医疗。
3. “住房公积金”科目134.59万元，主要用于公积金。

2025年部门财务收支预算总表
编制部门：上海市某区某局 单位：元
"""

OTHER = """\
其他相关情况说明
一、2025年“三公”经费预算情况说明
2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中：
（一）因公出国（境）费0万元，与2024年预算持平。
（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元，主要原因是车型不同。其中：公务用车购置费15万元，比2024年预算减
少10万元；公务用车运行费21.56万元，比2024年预算持平。
（三）公务接待费1.35万元。比2024年预算持平。
二、机关运行经费预算
2025年上海市某区某局财政拨款的机关运行经费预算为464.64万元。
三、政府采购预算情况
2025年本部门政府采购预算4821.20万元，其中：政府采购货物预算57.43万元、政府采购工程预算3780.72万元、政府采购服务预算
983.05万元。
2025年本部门面向中小企业预留政府采购项目预算金额1928.48万元，其中，预留给小型和微型企业的政府采购项目预算为1349.94万元。
四、绩效目标设置情况
本部门编报绩效目标的项目共49个，涉及项目预算资金8825.98万元。
五、国有资产占有使用情况
截至2024年8月31日，本部门共有车辆8辆，其中：执法执勤用车2辆、其他用车6辆；单价100万元（含）以上设备（不含车辆）1台（套）。
2025年部门预算安排购置车辆1辆，其中：其他用车1辆；部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。

某某项目经费情况说明
一、项目概述
"""

FORMS = """\
财政项目支出绩效目标填报表
项目名称 社区服务 项目性质 经常性项目
项目资金总额 4,563,800.00年度资金申请总额 4,563,800.00
其中：当年财政拨款 4,600,000.00
项目资金 其中：财政资金 4,563,800.00
（元） 上年结转资金 0.00
其他资金 0.00其他资金 0.00
财政项目支出绩效目标填报表
项目名称 社区服务 项目性质 经常性项目
项目资金总额 4,563,800.00年度资金申请总额 4,563,800.00
"""

WAN = Decimal(10000)


def facts_of(text: str) -> list[NarrativeFact]:
    return parse_narrative(text_to_lines(text))


def by_topic(facts: list[NarrativeFact], topic: str) -> list[NarrativeFact]:
    return [fact for fact in facts if fact.topic == topic]


def one(facts: list[NarrativeFact], topic: str) -> NarrativeFact:
    found = by_topic(facts, topic)
    assert len(found) == 1, (topic, found)
    return found[0]


def test_head_totals_with_their_change_on_last_year() -> None:
    facts = facts_of(EXPLANATION)
    assert one(facts, "income_total").amount == Decimal("1234.56") * WAN
    income = one(facts, "fiscal_income")
    assert (income.amount, income.prior_year, income.prior_kind, income.change_direction, income.change_amount) == (
        Decimal("12000000.00"), 2024, "budget", "increase", Decimal("1005000.00"))
    assert one(facts, "business_income").amount == Decimal("0.00")
    assert one(facts, "other_income").amount == Decimal("345600.00")
    spending = one(facts, "fiscal_expenditure")
    assert (spending.prior_kind, spending.change_direction, spending.change_amount, spending.change_percent) == (
        "execution", "decrease", Decimal("200000.00"), Decimal("1.64"))
    assert one(facts, "general_public_expenditure").change_amount == Decimal("1005000.00")
    fund = one(facts, "government_fund_expenditure")
    assert (fund.amount, fund.change_direction, fund.change_amount) == (Decimal("0.00"), "flat", Decimal("0.00"))
    assert one(facts, "state_capital_expenditure").change_direction == "flat"


def test_items_with_names_prior_year_restatement_percentage_and_reason() -> None:
    items = by_topic(facts_of(EXPLANATION), "item")
    assert [item.item_no for item in items] == [1, 2, 3]
    first, second, third = items
    assert (first.class_name, first.kuan_name, first.xiang_name) == ("一般公共服务支出", "人大事务", "行政运行")
    assert (first.amount, first.prior_year, first.prior_kind, first.prior_amount) == (
        Decimal("454100.00"), 2024, "execution", Decimal("116700.00"))
    assert (first.restated_year, first.restated_amount, first.change_percent, first.reason) == (
        2025, Decimal("454100.00"), Decimal("289.12"), "人员经费增加")
    # a half-width bracket and an amount wrapped between 万 and 元
    assert (second.kuan_name, second.xiang_name, second.amount) == ("行政事业单位医疗", "行政单位医疗", Decimal("10200000.00"))
    # a bare name: no 类/款, the name is the 项
    assert (third.class_name, third.kuan_name, third.xiang_name) == ("", "", "住房公积金")
    assert first.line_no == 8 and second.line_no == 10


def test_other_information_three_public_procurement_performance_and_vehicles() -> None:
    facts = facts_of(OTHER)
    total = one(facts, "three_public_total")
    assert (total.amount, total.change_direction, total.change_amount) == (Decimal("379100.00"), "decrease", Decimal("100000.00"))
    assert one(facts, "abroad").change_direction == "flat"
    assert one(facts, "vehicle_total").amount == Decimal("365600.00")
    purchase = one(facts, "vehicle_purchase")
    assert (purchase.amount, purchase.change_amount) == (Decimal("150000.00"), Decimal("100000.00"))
    assert one(facts, "vehicle_operation").amount == Decimal("215600.00")
    assert one(facts, "reception").amount == Decimal("13500.00")
    assert one(facts, "operation_fund").amount == Decimal("4646400.00")
    assert [one(facts, topic).amount for topic in ("procurement_total", "procurement_goods", "procurement_works",
                                                   "procurement_services", "procurement_sme",
                                                   "procurement_small_micro")] == [
        Decimal("48212000.00"), Decimal("574300.00"), Decimal("37807200.00"), Decimal("9830500.00"),
        Decimal("19284800.00"), Decimal("13499400.00")]
    assert one(facts, "performance_project_count").quantity == 49
    assert one(facts, "performance_amount").amount == Decimal("88259800.00")
    assert one(facts, "vehicles_owned").quantity == 8
    assert [(f.label, f.quantity) for f in by_topic(facts, "vehicles_owned_category")] == [("执法执勤用车", 2), ("其他用车", 6)]
    assert one(facts, "vehicles_purchase").quantity == 1
    assert one(facts, "equipment_owned").quantity == 1
    assert one(facts, "equipment_purchase").quantity == 0
    # the project section after 其他相关情况说明 is not read as narrative
    assert all(fact.section == "other" for fact in facts)


def test_performance_forms_are_read_once_each() -> None:
    facts = facts_of(FORMS)
    totals = by_topic(facts, "performance_form_total")
    assert [(f.item_no, f.label, f.amount) for f in totals] == [(1, "社区服务", Decimal("4563800.00"))]
    assert one(facts, "performance_form_current_fiscal").amount == Decimal("4600000.00")
    assert one(facts, "performance_form_fiscal_funds").amount == Decimal("4563800.00")
    assert one(facts, "performance_form_carryover").amount == Decimal("0.00")


def test_table_of_contents_entries_are_not_sections() -> None:
    text = "目 录\n四、部门预算编制说明\n六、其他相关情况说明\n\n" + EXPLANATION + OTHER
    facts = facts_of(text)
    assert len(by_topic(facts, "income_total")) == 1
    assert len(by_topic(facts, "three_public_total")) == 1


def test_a_document_without_narrative_has_no_facts() -> None:
    assert parse_narrative([Line("2025年部门财务收支预算总表", 1), Line("收入总计 100 支出总计 100", 2)]) == []


@pytest.mark.parametrize("printed, expected", [("1,234.56万元", Decimal("12345600.00")), ("48万元", Decimal("480000.00")),
                                               ("0.31万元", Decimal("3100.00"))])
def test_amounts_in_wan_are_exact_yuan(printed: str, expected: Decimal) -> None:
    facts = facts_of(f"2025年部门预算编制说明\n2025年，某局收入预算{printed}。\n")
    assert one(facts, "income_total").amount == expected


def test_member_units_listed_under_organisation() -> None:
    text = """目 录
二、部门机构设置
某局（部门）机构设置
某局部门预算是包括本部以及下属2家预算单位的综合收支计划。具体包括：
1. 上海市某区某局（本部）。
2.上海市某区某中心
3. 上海市某区某服务中心，不单列预算。
名词解释
（一）财政拨款收入：……
"""
    members = by_topic(facts_of(text), "member_unit")
    assert [(m.item_no, m.label, m.reason) for m in members] == [
        (1, "上海市某区某局", "本部"), (2, "上海市某区某中心", ""), (3, "上海市某区某服务中心", "不单列预算")]
