"""项目经费情况说明 parser: title pairing, repeated/cut sections, amount fallbacks (fictional section texts)."""

from __future__ import annotations

import json
from decimal import Decimal
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_dir
from ingest.parse.projects import PAIRED_FLAG, parse_projects, read_amount
from ingest.parse.projects.copies import similar
from ingest.readers.text import read_text_document, text_to_lines


def body(summary: str, unit: str, budget: str, basis: str = "《某区示范管理办法》") -> str:
    return (
        f"一、项目概述\n{summary}\n二、立项依据\n{basis}\n三、实施主体\n{unit}\n四、实施方案\n按计划实施{summary[:4]}。\n"
        f"五、实施周期\n2030年1月至2030年12月\n六、年度预算安排\n{budget}\n七、绩效目标\n详见单位的项目绩效目标表\n\n"
    )


def parse(text: str):
    projects, _ = parse_projects(text_to_lines(text))
    return {p.project_name: p for p in projects}, projects


def test_plain_sections_stay_complete():
    text = "甲乙项目经费情况说明\n" + body("开展甲乙工作，服务全区居民。", "某区示范中心", "年度预算资金为12000.00元。")
    by_name, projects = parse(text)
    assert len(projects) == 1
    project = by_name["甲乙"]
    assert (project.implementing_unit, project.amount, project.is_complete) == ("某区示范中心", Decimal("12000.00"), True)


def test_orphan_title_followed_by_boilerplate_goes_to_nearest_untitled_section():
    text = (
        "丙丁项目经费情况说明\n" + body("开展丙丁工作，维护秩序。", "某区示范中心", "年度预算资金为5000元。")
        + body("组织戊己评审活动，邀请专家参与评审。", "某区示范中心", "年度预算资金为7000元。")
        + "戊己项目经费情况说明\n\n详见单位的项目绩效目标表。\n\n\n"
        + "庚辛项目经费情况说明\n" + body("开展庚辛工作，采购办公用品。", "某区示范中心", "年度预算资金为9000元。")
    )
    by_name, projects = parse(text)
    assert len(projects) == 3
    assert by_name["庚辛"].amount == Decimal("9000.00") and by_name["庚辛"].is_complete
    assert by_name["戊己"].amount == Decimal("7000.00")
    assert not by_name["戊己"].is_complete and PAIRED_FLAG in by_name["戊己"].flag


def test_title_with_cut_summary_joins_untitled_body_without_summary():
    text = (
        "甲乙项目经费情况说明\n" + body("开展甲乙工作，服务全区居民。", "某区示范中心", "年度预算资金为1000元。")
        # a cut section: its 概述 page printed later, under its title
        + "三、实施主体\n某区示范中心\n四、实施方案\n分批发放壬癸补贴。\n五、实施周期\n全年\n六、年度预算安排\n项目总金额88000元。\n"
        "七、绩效目标\n详见单位的项目绩效目标表\n\n"
        + "壬癸项目经费情况说明\n一、项目概述\n发放壬癸补贴，支持小微企业。\n二、立项依据\n\n\n\n"
        + "一、项目概述\n发放壬癸补贴，支持小微企业。\n二、立项依据\n\n\n\n"
    )
    by_name, projects = parse(text)
    assert len(projects) == 2
    project = by_name["壬癸"]
    assert (project.implementing_unit, project.amount) == ("某区示范中心", Decimal("88000.00"))
    assert not project.is_complete and PAIRED_FLAG in project.flag


def test_repeated_copies_with_different_titles_take_the_majority_title():
    section = body("开展子丑服务，稳定人员队伍。", "某区人才中心", "年度预算资金为4400元。")
    text = "子丑项目经费情况说明\n" + section + "子丑项目经费情况说明\n" + section + "寅卯项目经费情况说明\n" + section
    _by_name, projects = parse(text)
    assert [p.project_name for p in projects] == ["子丑"]
    assert not projects[0].is_complete


def test_repeated_section_is_loaded_once():
    section = body("开展辰巳宣传，印制资料。", "某区示范中心", "年度预算资金为300元。")
    _, projects = parse("辰巳项目经费情况说明\n" + section + "\n\n\n" + section)
    assert len(projects) == 1 and projects[0].is_complete


def test_split_heading_with_title_inside():
    text = (
        "午未项目经费情况说明\n" + body("开展午未工作。", "某区示范中心", "年度预算资金为100元。")
        + "一、项目概\n申酉项目经费情况说明\n述\n开展申酉工作，帮扶困难人员。\n" + body("x", "y", "z")[len("一、项目概述\nx\n"):]
    )
    by_name, _ = parse(text.replace("三、实施主体\ny", "三、实施主体\n某区示范中心").replace("\nz\n", "\n年度预算资金为2500元。\n"))
    assert by_name["申酉"].summary.startswith("开展申酉工作")
    assert by_name["申酉"].amount == Decimal("2500.00")


def test_stray_implementing_unit_text_uses_a_unit_line_of_the_section():
    text = (
        "戌亥项目经费情况说明\n一、项目概述\n开展戌亥工作。\n二、立项依据\n某区示范中心\n四、实施方\n《某区办法》\n"
        "三、实施主体\n案\n依申请办理，组织实施。\n五、实施周期\n全年\n六、年度预算安排\n年度预算资金为600元。\n七、绩效目标\n详见单位的项目绩效目标表\n"
    )
    by_name, _ = parse(text)
    project = by_name["戌亥"]
    assert project.implementing_unit == "某区示范中心" and not project.is_complete


@pytest.mark.parametrize(
    ("text", "amount", "source"),
    [
        ("某平台（运维）617000元。", Decimal("617000.00"), "derived"),
        ("4*2500元/次=10000元", Decimal("10000.00"), "derived"),
        ("人工：人均1000元，共2人，共计2000元；餐费：每人100元，共2人，共计200元", Decimal("2200.00"), "items_sum"),
        ("办公设备，预算资金约5000元；清运费约300元；保洁，预算资金约1200元。", Decimal("6500.00"), "items_sum"),
        ("年度预算资金为1000元，其中甲500元，乙500元。", Decimal("1000.00"), "stated"),
        ("项目预算金额12.3456.00元。", None, "unreadable"),
        ("甲100元，乙200元。", None, "unreadable"),
    ],
)
def test_amount_fallbacks(text, amount, source):
    got, got_source, _, _ = read_amount(text)
    assert (got, got_source) == (amount, source)


def test_derived_amounts_are_flagged():
    text = "甲乙项目经费情况说明\n" + body("开展甲乙工作。", "某区示范中心", "4*2500元/次=10000元")
    by_name, _ = parse(text)
    assert by_name["甲乙"].amount == Decimal("10000.00") and not by_name["甲乙"].is_complete
    text = "甲乙项目经费情况说明\n" + body("开展甲乙工作。", "某区示范中心", "甲，共计100元；乙，共计200元")
    by_name, _ = parse(text)
    assert by_name["甲乙"].amount == Decimal("300.00") and by_name["甲乙"].amount_source == "items_sum"
    assert not by_name["甲乙"].is_complete


SONGJIANG = "songjiang_hrss_2024_dept"


def test_songjiang_projects():
    directory = corpus_dir()
    if not (directory / f"{SONGJIANG}.txt").is_file():
        pytest.skip("corpus not available")
    projects, _ = parse_projects(read_text_document(directory / f"{SONGJIANG}.txt"))
    expected = [tuple(x) for x in json.loads((directory / "expected" / f"{SONGJIANG}.json").read_text("utf-8"))["projects"]]
    got = [(p.project_name, p.implementing_unit, str(p.amount) if p.amount is not None else "") for p in projects]
    right = [g for g in got if g in expected]
    assert len(right) >= 35
    assert len(got) == len(expected)
    for project, row in zip(projects, got, strict=True):
        if row not in expected:
            assert not project.is_complete and project.flag, row


def difflib_similar(a: str, b: str) -> bool:
    """The copies rule as first written: a matcher for every pair of long texts."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 10 and short in long:
        return True
    if len(short) < 10:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="项目资金预算安排用于元万0123456789，。", min_size=8, max_size=60),
    st.lists(st.tuples(st.integers(0, 59), st.sampled_from(["", "资", "9", "。。", "万元"])), max_size=12),
)
def test_the_cheap_checks_before_the_matcher_change_no_answer(text: str, edits: list[tuple[int, str]]) -> None:
    other = text
    for position, insert in edits:  # small edits keep many pairs near the 0.8 threshold
        position %= len(other) + 1
        other = other[:position] + insert + other[position + 1 :]
    similar.cache_clear()
    assert similar(text, other) == difflib_similar(text, other)
    assert similar(other, text) == difflib_similar(other, text)
