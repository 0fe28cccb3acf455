"""Narrative facts of the Jiangsu 情况说明 (ingest/parse/narrative.py, statement_facts): one test per clause form,
on crafted text in the template's wording (names replaced, figures in 万元)."""

from __future__ import annotations

from decimal import Decimal

from ingest.model import NarrativeFact
from ingest.parse.narrative import parse_narrative
from ingest.readers.text import text_to_lines

STATEMENT = """\
第三部分 某省某厅 2018 年度预算情况说明
一、收支预算总体情况说明
本表反映部门年度总体收支预算情况。
某省某厅 2018 年度收入、支出预算总计 1,200.50
万元，与上年相比收、支预算总计各增加 100.50 万元，增长 9.14%。
主要原因是基本支出增加。其中：
（一）收入预算总计 1,200.50 万元。包括：
1．财政拨款收入预算总计 1,200.50 万元。
一般公共预算收入预算1,200.50万元，与上年相比增加100.50
万元，增长 9.14%。主要原因是基本支出增加。
（二）支出预算总计 1,200.50 万元。包括：
1．公共安全（类）支出 1,000 万元，主要用于人员支出。与上年相比增加 80 万元，增长 8.70%。
此外，基本支出预算数为 800.5 万元。与上年相比增
— 6 —

加 60.5 万元，增长 8.18%。主要原因是调资。
项目支出预算数为 300 万元。与上年相比减少了 20 万元，
减少 6.25%。主要原因是压减。
单位预留机动经费预算数为 100 万元。与上年相同。
二、收入预算情况说明
某省某厅本年收入预算合计 1,200.50 万元，其中：
一般公共预算收入 1,200.50 万元，占 100%；
五、财政拨款支出预算情况说明
其中：
（一）公共安全（类）
1．法院（款）行政运行（项）支出 500 万元，与上年相
比增加 50 万元，增长 11.11%。主要原因是人员经费增加。
2．法院（款）一般行政管理事务(项)支出 200 万元，与
上年相比减少 20 万元，减少 9.09%。主要原因是压减。
27

3．法院（款）机关服务（项）支出 100 万元，与上年一致。
（二）一般公共服务（类）
1．党委办公厅（室）及相关机构事务（款）行政运行
（项）支出 60 万元，主要用于运行。与上年相比增加 6 万
元，增加10 %。主要原因是调资。
六、财政拨款基本支出预算情况说明
第四部分 名词解释
"""


def facts() -> list[NarrativeFact]:
    return parse_narrative(text_to_lines(STATEMENT))


def one(topic: str) -> NarrativeFact:
    found = [fact for fact in facts() if fact.topic == topic and fact.section == "explanation"]
    assert len(found) == 1, (topic, found)
    return found[0]


def items() -> list[NarrativeFact]:
    return [fact for fact in facts() if fact.topic == "item"]


def test_income_and_expenditure_total_stated_at_once():
    """'收入、支出预算总计 A万元，与上年相比收、支预算总计各增加 B万元，增长 C%' is both totals of Shanghai's vocabulary."""
    for topic in ("income_total", "expenditure_total"):
        fact = one(topic)
        assert fact.amount == Decimal("12005000.00")
        assert (fact.change_direction, fact.change_amount, fact.change_percent) == (
            "increase", Decimal("1005000.00"), Decimal("9.14"))
        assert fact.line_no == 4


def test_general_public_income_with_its_change_only_from_part_one():
    """The head is part 一: part 二 repeats the income without its change and gives no second fact."""
    fact = one("general_public_income")
    assert (fact.amount, fact.change_amount, fact.change_percent) == (
        Decimal("12005000.00"), Decimal("1005000.00"), Decimal("9.14"))


def test_basic_expenditure_change_opening_the_next_sentence_across_a_page_foot():
    """'预算数为 A万元。与上年相比增…（page foot）…加 B万元，增长 C%': the comparison and its percentage both belong."""
    fact = one("basic_expenditure")
    assert (fact.amount, fact.change_direction, fact.change_amount, fact.change_percent) == (
        Decimal("8005000.00"), "increase", Decimal("605000.00"), Decimal("8.18"))


def test_project_expenditure_decrease_worded_with_le():
    fact = one("project_expenditure")
    assert (fact.amount, fact.change_direction, fact.change_amount, fact.change_percent) == (
        Decimal("3000000.00"), "decrease", Decimal("200000.00"), Decimal("6.25"))


def test_reserve_expenditure_amount():
    assert one("reserve_expenditure").amount == Decimal("1000000.00")


def test_xiang_items_under_their_class_heading():
    """'N．X（款）Z（项）支出 A万元，与上年相比增加/减少 B万元，增长/减少 C%' under '（一）Y（类）'."""
    found = [(f.item_no, f.class_name, f.kuan_name, f.xiang_name, f.amount, f.change_direction, f.change_amount,
              f.change_percent) for f in items()]
    assert found[:2] == [
        (1, "公共安全", "法院", "行政运行", Decimal("5000000.00"), "increase", Decimal("500000.00"), Decimal("11.11")),
        (2, "公共安全", "法院", "一般行政管理事务", Decimal("2000000.00"), "decrease", Decimal("200000.00"),
         Decimal("9.09")),
    ]
    assert items()[0].reason == "人员经费增加"


def test_class_level_clause_is_not_an_item():
    """'1．公共安全（类）支出…' in part 一 has no （项）: not an item (the resolver wants a 项 or a 款)."""
    assert all(fact.xiang_name for fact in items())
    assert len(items()) == 4


def test_same_as_last_year_is_flat_with_no_change():
    third = items()[2]
    assert (third.xiang_name, third.change_direction, third.change_amount, third.change_percent) == (
        "机关服务", "flat", Decimal("0.00"), None)


def test_page_number_never_glues_onto_the_item_number():
    """A bare '27' at a page foot before '3．…' leaves the item number 3."""
    assert [fact.item_no for fact in items()] == [1, 2, 3, 1]


def test_bracketed_kuan_name_and_comparison_in_the_next_sentence():
    """'党委办公厅（室）及相关机构事务（款）' keeps its own brackets; '主要用于…。与上年相比增加…' is its change."""
    last = items()[-1]
    assert (last.class_name, last.kuan_name, last.xiang_name) == ("一般公共服务", "党委办公厅（室）及相关机构事务", "行政运行")
    assert (last.change_direction, last.change_amount, last.change_percent) == (
        "increase", Decimal("60000.00"), Decimal("10"))
    assert last.reason == "调资"


def test_a_document_without_the_statement_has_no_statement_facts():
    text = "第三部分 情况说明\n一、收支预算总体情况说明 ……… 5\n"
    assert parse_narrative(text_to_lines(text)) == []


# Part 一's 类 list and the parts after the 项 (三公, 会议费, 培训费, 机关运行经费, 政府采购, 国有资产, 绩效目标).
LATER_PARTS = """\
第三部分 某厅 2019 年度预算情况说明
一、收支预算总体情况说明
某厅 2019 年度收入、支出预算总计 1,000 万元，与上年相比收、支预算总计各增加 100 万元，增长 11.11%。其中：
（二）支出预算总计 1,000 万元。包括：
1．公共安全（类）支出 700 万元，主要用于人员支出。与上年相比增加 70 万元，增长 11.11%。主要
原因是调资增加。
2．社会保障和就业支出200万元。主要用于离退休。
与上年相比增加 20 万元，增幅11.11 %。主要是调资。
3、住房保障支出 100万元。主要用于公积金。与上年相比增加 10
万元，增长 11.11 %。主要原因是调资增加。
此外，基本支出预算数为 600 万元。与上年相比增加 60 万元，增长 11.11%。主要原因是调资增加。
二、收入预算情况说明
某厅本年收入预算合计 1,000 万元，其中：
一般公共预算收入 990 万元，占 99 %；
财政专户管理资金 10 万元，占 1%。
三、支出预算情况说明
某厅本年支出预算合计 1,000 万元，其中：
基本支出 600 万元，占 60%；
项目支出 300 万元，占 30.00%；
单位预留机动经费100万元，占10 %；
预留机动经费,
10%
项目支出, 30.00% 基本支出, 60%
五、财政拨款支出预算情况说明
某厅 2019 年财政拨款预算支出 1,000 万元，占本年支出合计的 100%。
九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明
某厅 2019 年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出 80 万元，占“三公”
经费的 19.1%；公务用车购置及运行费支出 237 万元，占“三公”经费的 56.7%。具体情况如下：
1．因公出国（境）费预算支出 80 万元，比上年预算减少 20
万元，主要原因是压减。
2．公务用车购置及运行费预算支出 237 万元。其中：
（1）公务用车购置预算支出数 0 万元，本年数与上年预算数一致。
（2）公务用车运行维护费预算支出 237 万元，比上年预算减少 30.8 万元，主要原因是转隶。
3．公务接待费预算支出 101.26 万元，比上年预算减少 15.24 万元。
某厅 2019 年度一般公共预算拨款安排的会议费预算支出 158.44 万元，比上年预算减少 42 万元。
某厅 2019 年度一般公共预算拨款安排的培训费预算支出 700 万元，与上年持平。
十一、一般公共预算机关运行经费支出预算情况说明
2019 年本部门一般公共预算机关运行经费预算支出 2391.92 万
元，与上年相比减少 330.65 万元，减少 12.14 %。主要原因是压减。
十二、政府采购支出预算情况说明
2019年度政府采购支出预算总额2744.84万元，其中：拟采购货物支出303.4万元、拟购买工程 0 万元；拟购买服务支出2441.44万元。
十三、国有资产占用情况
本部门共有车辆55辆。其中，一般公务用车13辆、执法执勤用车40辆、其他用车2辆。
十四、预算绩效目标设置情况说明
2019 年本部门共 6 个项目实行绩效目标管理，涉及财政性资金合计 4481.3 万元。
第四部分 名词解释
"""


def later_facts(topic: str, section: str = "other") -> list[NarrativeFact]:
    return [fact for fact in parse_narrative(text_to_lines(LATER_PARTS)) if fact.topic == topic and fact.section == section]


def test_class_clauses_of_part_one_with_their_change():
    """'N．X（类）支出 A万元…。与上年相比增加 B万元，增长 C%' and '2．X支出A万元。主要用于…。与上年相比…' (no （类）,
    the comparison two sentences on): topic class_expenditure, the 类 name as printed before （类） / 支出."""
    found = [(f.item_no, f.class_name, f.amount, f.change_direction, f.change_amount, f.change_percent, f.reason)
             for f in later_facts("class_expenditure", "explanation")]
    assert found == [
        (1, "公共安全", Decimal("7000000.00"), "increase", Decimal("700000.00"), Decimal("11.11"), "调资增加"),
        (2, "社会保障和就业", Decimal("2000000.00"), "increase", Decimal("200000.00"), Decimal("11.11"), ""),
        (3, "住房保障", Decimal("1000000.00"), "increase", Decimal("100000.00"), Decimal("11.11"), "调资增加"),
    ]
    # the 基本支出 sentence after the list stays its own figure, and no class takes its reason
    assert [fact.amount for fact in later_facts("basic_expenditure", "explanation")] == [Decimal("6000000.00")]


def test_three_public_items_in_the_other_vocabulary():
    """'因公出国（境）费支出 A万元，占…' and '因公出国（境）费预算支出 A万元，比上年预算减少 B万元': both are the
    abroad figure (section other, as the 其他相关情况说明 states it); the second carries the change."""
    abroad = later_facts("abroad")
    assert [(f.amount, f.change_direction, f.change_amount) for f in abroad] == [
        (Decimal("800000.00"), "", None), (Decimal("800000.00"), "decrease", Decimal("200000.00"))]
    # stated twice alike (share sentence, detail): one fact
    assert [f.amount for f in later_facts("vehicle_total")] == [Decimal("2370000.00")]
    assert [f.amount for f in later_facts("vehicle_purchase")] == [Decimal("0.00")]
    operation = later_facts("vehicle_operation")
    assert [(f.amount, f.change_amount) for f in operation] == [(Decimal("2370000.00"), Decimal("308000.00"))]
    assert [(f.amount, f.change_amount) for f in later_facts("reception")] == [
        (Decimal("1012600.00"), Decimal("152400.00"))]


def test_meeting_and_training_with_their_change():
    assert [(f.amount, f.change_direction, f.change_amount) for f in later_facts("meeting")] == [
        (Decimal("1584400.00"), "decrease", Decimal("420000.00"))]
    assert [(f.amount, f.change_direction, f.change_amount) for f in later_facts("training")] == [
        (Decimal("7000000.00"), "flat", Decimal("0.00"))]


def test_operation_fund_with_change_and_percent_across_a_line_break_inside_its_unit():
    fact, = later_facts("operation_fund")
    assert (fact.amount, fact.change_direction, fact.change_amount, fact.change_percent) == (
        Decimal("23919200.00"), "decrease", Decimal("3306500.00"), Decimal("12.14"))


def test_procurement_total_and_parts():
    found = {f.topic: f.amount for f in parse_narrative(text_to_lines(LATER_PARTS)) if f.topic.startswith("procurement")}
    assert found == {"procurement_total": Decimal("27448400.00"), "procurement_goods": Decimal("3034000.00"),
                     "procurement_works": Decimal("0.00"), "procurement_services": Decimal("24414400.00")}


def test_procurement_total_counts_the_parts_its_list_prints():
    """The total's quantity is the number of parts its '其中' list prints, whatever subset: three here (工程 0),
    two where the template prints only 货物 and 服务 (the list opening the next sentence), so a part printed but
    not read can be told from a part not printed."""
    total, = later_facts("procurement_total")
    assert total.quantity == 3
    two_parts = ("第三部分 某厅 2017 年度部门预算情况说明\n一、收支预算总表情况说明\n收入、支出预算总计 10 万元。\n"
                 "十二、政府采购预算表情况说明\n2017 年我部门政府采购预算总额为 1774.70 万元。其中\n"
                 "拟购买货物 496.20 万元；拟购买服务 1278.50 万元。\n第四部分 名词解释\n")
    found = {f.topic: (f.amount, f.quantity) for f in parse_narrative(text_to_lines(two_parts))
             if f.topic.startswith("procurement")}
    assert found == {"procurement_total": (Decimal("17747000.00"), 2), "procurement_goods": (Decimal("4962000.00"), None),
                     "procurement_services": (Decimal("12785000.00"), None)}


def test_vehicles_with_categories_in_the_next_sentence():
    """'共有车辆55辆。其中，一般公务用车13辆、…': the categories of the next sentence belong to the total (N18)."""
    assert [f.quantity for f in later_facts("vehicles_owned")] == [55]
    assert [(f.label, f.quantity) for f in later_facts("vehicles_owned_category")] == [
        ("一般公务用车", 13), ("执法执勤用车", 40), ("其他用车", 2)]


def test_performance_projects_and_amount():
    assert [f.quantity for f in later_facts("performance_project_count")] == [6]
    assert [f.amount for f in later_facts("performance_amount")] == [Decimal("44813000.00")]


def test_shares_with_the_whole_the_same_parts_print():
    """'基本支出 A万元，占Y%' under '本年支出预算合计 W万元' (and income under 本年收入预算合计): section share,
    change_percent = Y, prior_amount = W, as the 决算 shares; the pie chart's '基本支出, 60%' is no figure."""
    shares = {(f.topic, f.amount, f.change_percent, f.prior_amount)
              for f in parse_narrative(text_to_lines(LATER_PARTS)) if f.section == "share" and f.change_percent is not None
              and f.prior_amount is not None}
    income, expenditure = Decimal("10000000.00"), Decimal("10000000.00")
    assert shares == {
        ("general_public_income", Decimal("9900000.00"), Decimal("99"), income),
        ("special_account_income", Decimal("100000.00"), Decimal("1"), income),
        ("basic_expenditure", Decimal("6000000.00"), Decimal("60"), expenditure),
        ("project_expenditure", Decimal("3000000.00"), Decimal("30.00"), expenditure),
        ("reserve_expenditure", Decimal("1000000.00"), Decimal("10"), expenditure),
        ("fiscal_expenditure", Decimal("10000000.00"), Decimal("100"), expenditure),
    }
    wholes = [(f.topic, f.amount) for f in later_facts("income_total", "share") + later_facts("expenditure_total", "share")]
    assert wholes == [("income_total", income), ("expenditure_total", expenditure)]


def test_three_public_shares_keep_no_whole():
    """'因公出国（境）费支出 80 万元，占“三公”经费的 19.1%': the 三公 total is not printed, so no whole (F13 skips it)."""
    found = [(f.topic, f.change_percent, f.prior_amount) for f in parse_narrative(text_to_lines(LATER_PARTS))
             if f.section == "share" and f.topic in ("abroad", "vehicle_total")]
    assert found == [("abroad", Decimal("19.1"), None), ("vehicle_total", Decimal("56.7"), None)]


def test_shares_are_not_changes():
    """A share is never read as a change on last year (N06 would recompute it as one)."""
    assert all(f.change_direction == "" and f.change_amount is None
               for f in parse_narrative(text_to_lines(LATER_PARTS)) if f.section == "share")
