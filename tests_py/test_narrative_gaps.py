"""A numbered narrative list that skips a number (a page missing, or a clause not read) is a parse gap of the
narrative (NARRATIVE_INCOMPLETE on the list's own key), never silently a shorter list."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from ingest.issues import IssueCode
from ingest.model import AmountCell, Line
from ingest.parse.narrative import explanation_facts, parse_narrative
from ingest.parse.narrative_gaps import LIST_KEYS, chinese_number, narrative_gap_issues
from ingest.templates import SECTIONS

ROOT = Path(__file__).resolve().parents[1]


def paged(pages: list[list[str]]) -> list[Line]:
    lines: list[Line] = []
    for page_no, texts in enumerate(pages, start=1):
        for text in texts:
            lines.append(Line(text, len(lines) + 1, page_no))
    return lines


def item(number: int, name: str, amount: str) -> str:
    return f"{number}.“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）{name}（项）”科目{amount}万元，主要用于日常运行。"


HEAD = ["2025年部门预算编制说明", "2025年财政拨款支出预算100.00万元。财政拨款支出主要内容如下："]


def gaps(lines: list[Line]):
    return [issue for issue in narrative_gap_issues(lines, explanation_facts(lines))
            if issue.code == IssueCode.NARRATIVE_INCOMPLETE]


def test_a_whole_list_is_no_gap():
    lines = paged([HEAD + [item(1, "行政运行", "40.00"), item(2, "一般行政管理事务", "30.00")],
                   [item(3, "机关服务", "30.00")]])
    assert len([f for f in explanation_facts(lines) if f.topic == "item"]) == 3
    assert gaps(lines) == []


def test_items_that_jump_across_a_page_break_are_a_gap_of_the_items_list():
    # page 2 (item 3) is not in the file: items 1, 2 on page 1, item 4 on page 3
    lines = paged([HEAD + [item(1, "行政运行", "40.00"), item(2, "一般行政管理事务", "30.00")],
                   [item(4, "其他政府办公厅（室）及相关机构事务支出", "10.00")]])
    (issue,) = gaps(lines)
    assert issue.table_key == "explanation_items" and issue.severity == "error"
    assert "缺第 3 条" in issue.issue and "本文件没有的页上" in issue.issue and "narrative incomplete" in issue.issue
    assert "第 2 条" in issue.row_text and "第 4 条" in issue.row_text and "第 1 页" in issue.row_text
    assert issue.line_no == lines[-1].line_no
    # the I01 row reads a leading code from row_text: a gap of the whole list has none
    assert not issue.row_text[:1].isdigit()


def test_a_number_missing_inside_a_page_is_a_gap_too():
    lines = paged([HEAD + [item(1, "行政运行", "40.00"), item(3, "机关服务", "30.00")]])
    (issue,) = gaps(lines)
    assert "缺第 2 条" in issue.issue and "本文件没有的页上" not in issue.issue


def test_a_list_opening_past_its_first_number_is_a_gap():
    lines = paged([HEAD + [item(3, "机关服务", "30.00"), item(4, "行政运行", "40.00")]])
    (issue,) = gaps(lines)
    assert "缺第 1–2 条" in issue.issue


def test_lists_numbered_anew_under_each_class_are_whole_and_one_not_opening_at_1_is_not():
    head = ["一、收支预算总体情况说明", "五、财政拨款支出预算情况说明"]
    whole = [*head, "（一）公共安全（类）", "1．法院（款）行政运行（项）支出100.00万元，与上年一致。",
             "2．法院（款）案件审判（项）支出20.00万元，与上年一致。", "（二）住房保障支出（类）",
             "1．住房改革支出（款）住房公积金（项）支出30.00万元，与上年一致。"]
    facts_lines = paged([whole])
    from ingest.parse.narrative import statement_facts
    assert [f.item_no for f in statement_facts(facts_lines) if f.topic == "item"] == [1, 2, 1]
    assert [i for i in narrative_gap_issues(facts_lines, statement_facts(facts_lines))] == []
    lost = [*head, "（一）公共安全（类）", "1．法院（款）行政运行（项）支出100.00万元，与上年一致。",
            "2．法院（款）案件审判（项）支出20.00万元，与上年一致。", "（三）住房保障支出（类）",
            "2．住房改革支出（款）住房公积金（项）支出30.00万元，与上年一致。"]
    lost_lines = paged([lost])
    found = narrative_gap_issues(lost_lines, statement_facts(lost_lines))
    assert {issue.table_key for issue in found} == {"explanation_items", "explanation"}, found


def test_numbered_parts_of_a_section_that_skip_one_are_a_gap_of_the_section():
    lines = paged([["一、收支预算总体情况说明", "收入预算总计100.00万元。", "二、收入预算情况说明", "收入100.00万元。"],
                   ["四、财政拨款收支预算总体情况说明", "财政拨款100.00万元。"]])
    (issue,) = narrative_gap_issues(lines, [])
    assert issue.table_key == "explanation" and "缺第 3 条" in issue.issue and "本文件没有的页上" in issue.issue


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("一", "九", "十", "十一", "二十", "二十三", "零", "一二")] == [
        1, 9, 10, 11, 20, 23, None, None]


def test_every_list_key_is_named_and_read_by_the_checks_that_need_the_whole_list():
    """The gap keys are in the vocabulary (their Chinese name in I01), and the checks adding up a whole list
    name them in meta.tables, so fct_finding links their findings to the gap (parse_gap_links)."""
    assert set(LIST_KEYS.values()) <= set(SECTIONS)
    catalogue = yaml.safe_load((ROOT / "models" / "checks" / "_checks.yml").read_text(encoding="utf-8"))
    tables = {model["name"]: model["config"]["meta"]["tables"] for model in catalogue["models"]}
    assert "explanation_items" in tables["chk_n13_items_sum"]
    assert "execution_items" in tables["chk_f11_execution_items_sum"]
    assert "final_funds_lists" in tables["chk_f14_funds_list_vs_economic"]


# ---------------------------------------------------------------- items fewer than the codes they describe

def code_cell(code: str, amount: str) -> AmountCell:
    return AmountCell("general_public", "expenditure", "code", code, "", "total", Decimal(amount), amount, "万元",
                      1, 1, "", "position")


CODES = [code_cell("2010301", "40.00"), code_cell("2010302", "30.00"), code_cell("2010350", "30.00"),
         code_cell("2010399", "0.00")]


def coverage_gaps(lines: list[Line], amounts: list[AmountCell]):
    return [issue for issue in narrative_gap_issues(lines, explanation_facts(lines), amounts=amounts)
            if issue.code == IssueCode.NARRATIVE_INCOMPLETE]


def test_items_as_many_as_the_codes_with_an_amount_are_no_gap():
    lines = paged([HEAD + [item(1, "行政运行", "40.00"), item(2, "一般行政管理事务", "30.00")],
                   [item(3, "机关服务", "30.00")]])
    assert coverage_gaps(lines, CODES) == []


def test_a_list_whose_last_page_is_lost_is_a_gap():
    # the page of item 3 is not in the file: 1, 2 do not jump, but the table has three codes with an amount
    lines = paged([HEAD + [item(1, "行政运行", "40.00"), item(2, "一般行政管理事务", "30.00")]])
    (issue,) = coverage_gaps(lines, CODES)
    assert issue.table_key == "explanation_items" and issue.severity == "error"
    assert "编号条目 2 条" in issue.issue and "3 个项级科目" in issue.issue and "第 2 条" in issue.row_text


def test_a_list_whose_heading_page_is_lost_is_a_gap():
    # the 编制说明's heading and items are gone; another narrative section is still read
    lines = paged([["三、其他相关情况说明", "（一）2025年“三公”经费预算情况说明",
                    "2025年“三公”经费预算数为10.00万元，比2024年预算增加1.00万元。"]])
    facts = parse_narrative(lines)
    assert facts and not [f for f in facts if f.topic == "item"]
    (issue,) = [i for i in narrative_gap_issues(lines, facts, amounts=CODES)
                if i.code == IssueCode.NARRATIVE_INCOMPLETE]
    assert issue.table_key == "explanation_items" and "未读到任何条目" in issue.row_text


def test_a_table_file_without_any_narrative_is_no_gap():
    lines = paged([["2017年部门预算公开表", "一般公共预算支出表"]])
    assert narrative_gap_issues(lines, [], amounts=CODES) == []


def test_an_execution_list_fewer_than_the_codes_is_a_gap():
    from ingest.model import NarrativeFact
    from ingest.parse.narrative_gaps import final_gap_issues
    facts = [NarrativeFact("execution", "execution_total", 1, "合计"),
             NarrativeFact("execution", "execution_item", 2, "1、行政运行", item_no=1)]
    (issue,) = final_gap_issues(paged([["x", "y"]]), facts, CODES)
    assert issue.table_key == "execution_items" and "编号条目 1 条" in issue.issue
    assert final_gap_issues(paged([["x", "y"]]), facts[:1], []) == []


OTHER_HEAD = ["三、其他相关情况说明", "（一）政府采购预算情况"]


def procurement_gaps(sentence: str) -> list:
    lines = paged([OTHER_HEAD + [sentence]])
    return [issue for issue in narrative_gap_issues(lines, parse_narrative(lines))
            if issue.table_key == "procurement_parts"]


def test_a_procurement_part_printed_but_not_read_is_a_gap_of_its_own_key() -> None:
    """'其中' lists three parts but the 工程 clause is worded so it is not read: the sum of the two read is not
    the document's statement, so the gap is recorded under procurement_parts (which only N16 reads)."""
    gaps = procurement_gaps("2025年本部门政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程类项目0万元、"
                            "政府采购服务预算30.40万元。")
    assert len(gaps) == 1, gaps
    assert gaps[0].severity == "error" and "其中列出 3 个分项，只读到 2 个" in gaps[0].issue
    assert "procurement_parts" in SECTIONS
    checks = yaml.safe_load((ROOT / "models" / "checks" / "_checks.yml").read_text(encoding="utf-8"))
    tables = {model["name"]: model["config"]["meta"]["tables"] for model in checks["models"]}
    assert [name for name, read in tables.items() if "procurement_parts" in read] == ["chk_n16_procurement_sum"]


def test_a_procurement_list_of_the_parts_printed_only_is_no_gap() -> None:
    """Two parts printed, two read (no 工程 printed), and all three read: no gap."""
    assert procurement_gaps("2025年本部门政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购服务预算30.40万元。") == []
    assert procurement_gaps("2025年本部门政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程预算0万元、"
                            "政府采购服务预算30.40万元。") == []
