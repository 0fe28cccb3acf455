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
    found = [fact for fact in facts() if fact.topic == topic]
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
