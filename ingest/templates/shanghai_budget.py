"""The Shanghai budget family: the nine tables of a 上海 部门/单位预算 (2023–2025 editions, and the 2026 单位预算
edition: 2026年预算单位…表 titles, 编制单位：…（本级）, glued header words and 7-digit codes, one-fund tables whose
every row prints two of its three numbers).

Source: the 预算 disclosures of 上海市 districts (corpus: putuo_*, songjiang_*). Amounts print in 元 except
the 三公 table (万元). Every coded table is a functional table except 一般公共预算基本支出经济分类预算表.
"""

from __future__ import annotations

from .registry import (
    LAYOUT_CODED,
    LAYOUT_SINGLE_ROW,
    LAYOUT_SUMMARY,
    ColumnLayout,
    IdentitySpec,
    MeasureSpec,
    TableSpec,
    TemplateFamily,
)

MEASURES = (
    MeasureSpec("total", "合计", ("合计",)),
    MeasureSpec("fiscal_appropriation", "财政拨款收入", ("财政拨款收入", "财政拨款")),
    MeasureSpec("general_public", "一般公共预算"),
    MeasureSpec("government_fund", "政府性基金"),
    MeasureSpec("state_capital", "国有资本经营预算"),
    MeasureSpec("business", "事业收入", ("事业收入",)),
    # 事业单位经营收入 wraps in the header as 事业单位 / 经营收入 (or 事业单位经 / 营收入).
    MeasureSpec("operating", "事业单位经营收入", ("事业单位经营收入", "事业单位", "经营收入", "事业单位经", "营收入")),
    MeasureSpec("other", "其他收入", ("其他收入",)),
    MeasureSpec("basic", "基本支出", ("基本支出",)),
    MeasureSpec("project", "项目支出", ("项目支出",)),
    MeasureSpec("personnel", "人员经费", ("人员经费",)),
    MeasureSpec("public", "公用经费", ("公用经费",)),
    MeasureSpec("abroad", "因公出国(境)费"),
    MeasureSpec("reception", "公务接待费"),
    MeasureSpec("vehicle_total", "公务用车购置及运行费"),
    MeasureSpec("vehicle_purchase", "公务用车购置费"),
    MeasureSpec("vehicle_operation", "公务用车运行费"),
    MeasureSpec("operation_fund", "机关运行经费"),
)

# Income-side labels of both summary tables → measure, in the order tried (事业单位经营收入 before 事业收入).
INCOME_ITEMS: tuple[tuple[str, str], ...] = (
    ("收入总计", "total"),
    ("收入合计", "total"),
    ("财政拨款收入", "fiscal_appropriation"),
    ("一般公共预算", "general_public"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("事业单位经营收入", "operating"),
    ("经营收入", "operating"),
    ("事业收入", "business"),
    ("其他收入", "other"),
)

BASIC_PROJECT = ("total", "basic", "project")
BASIC_PROJECT_IDENTITY = (IdentitySpec("total", ("basic", "project")),)


def fund_table(
    key: str, name_zh: str, title_pattern: str, fund_type: str, total_from: tuple[tuple[str, str, str], ...] = ()
) -> TableSpec:
    """A Shanghai fund expenditure table (一般公共预算 / 政府性基金 / 国有资本经营, or the all-funds 支出总表 for
    fund_type 'all'): function-coded, columns total, basic, project with total = basic + project, facts of
    fct_expenditure for `fund_type`; a one-fund table is part_of the 支出总表 code by code, and `total_from`
    ((table, measure there, measure here)) names another table's 合计 that states this table's 合计.
    """
    return TableSpec(
        key, name_zh, (title_pattern,), LAYOUT_CODED, BASIC_PROJECT, BASIC_PROJECT_IDENTITY, "function", fund_type,
        fact="expenditure",
        # A one-fund table is part of the all-funds 支出总表, code by code (the 2026 unit edition prints
        # tables whose every row has two of the three numbers: the 支出总表 tells 基本 from 项目).
        part_of="" if fund_type == "all" else "expenditure",
        total_from=total_from,
    )


TABLES = (
    TableSpec(
        "financial_summary",
        "财务收支预算总表",
        (r"(?:财务)?收支(?:预算|决算)?总表$",),
        LAYOUT_SUMMARY,
        income_items=INCOME_ITEMS,
        expenditure_layouts=(
            ColumnLayout("plain", ("total",)),
            ColumnLayout("basic_project", BASIC_PROJECT, BASIC_PROJECT_IDENTITY, trigger="基本支出"),
            ColumnLayout(
                "personnel_public_project",
                ("total", "personnel", "public", "project"),
                (IdentitySpec("total", ("personnel", "public", "project")),),
                trigger="人员经费",
                derived=(IdentitySpec("basic", ("personnel", "public")),),
            ),
        ),
        context_from=("expenditure",),
    ),
    TableSpec(
        "income",
        "收入预算总表",
        (r"收入(?:预算|决算)?总表$",),
        LAYOUT_CODED,
        ("total", "fiscal_appropriation", "business", "operating", "other"),
        (IdentitySpec("total", ("fiscal_appropriation", "business", "operating", "other")),),
        "function",
        # Its 合计 row's blank columns are told apart by the 收支总表's income side.
        context_from=("financial_summary",),
    ),
    fund_table("expenditure", "支出预算总表", r"支出(?:预算|决算)?总表$", "all"),
    TableSpec(
        "fiscal_summary",
        "财政拨款收支预算总表",
        (r"财政拨款收支(?:预算|决算)?总表$",),
        LAYOUT_SUMMARY,
        income_items=INCOME_ITEMS,
        expenditure_layouts=(
            ColumnLayout(
                "plain",
                ("total", "general_public", "government_fund", "state_capital"),
                (IdentitySpec("total", ("general_public", "government_fund", "state_capital")),),
            ),
        ),
        context_from=("general_public", "government_fund", "state_capital"),
    ),
    fund_table(
        "general_public",
        "一般公共预算支出功能分类预算表",
        r"一般公共预算(?:财政拨款)?支出功能分类(?:预算|决算)?表$",
        "general_public",
        # The 基本支出经济分类表 is this table's 基本支出 by economic code: its 合计 is this 合计's 基本支出.
        total_from=(("basic_economic", "total", "basic"),),
    ),
    fund_table(
        "government_fund",
        "政府性基金预算支出功能分类预算表",
        r"政府性基金(?:预算)?(?:财政拨款)?支出功能分类(?:预算|决算)?表$",
        "government_fund",
    ),
    fund_table(
        "state_capital",
        "国有资本经营预算支出功能分类预算表",
        r"国有资本经营(?:预算)?(?:财政拨款)?支出功能分类(?:预算|决算)?表$",
        "state_capital",
    ),
    TableSpec(
        "basic_economic",
        "一般公共预算基本支出经济分类预算表",
        (r"一般公共预算(?:财政拨款)?基本支出.*经济分类(?:预算|决算)?表$",),
        LAYOUT_CODED,
        ("total", "personnel", "public"),
        (IdentitySpec("total", ("personnel", "public")),),
        "economic",
        "general_public",
        fact="basic_economic",
    ),
    TableSpec(
        "three_public",
        "“三公”经费和机关运行经费预算表",
        (r"三公.{0,2}经费.*(?:预算|决算)?表$",),
        LAYOUT_SINGLE_ROW,
        ("total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation", "operation_fund"),
        (
            IdentitySpec("total", ("abroad", "reception", "vehicle_total")),
            IdentitySpec("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
        ),
        fund_type="general_public",
        default_unit="万元",
        short_name_zh="“三公”表",
        fact="three_public",
        row_label="“三公”经费和机关运行经费",
    ),
)

# Tokens the column headers of the nine tables are made of; a line of only these is a header.
HEADER_WORDS = frozenset(
    ["项目", "项", "目", "收入预算", "支出预算", "功能分类科目编码", "功能分类科目名称", "科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "事业单位", "经营收入", "事业单位经", "营收入", "事业单位经营收入", "其他收入", "类", "款", "基本支出", "项目支出", "一般公共预算支出", "政府性基金预算支出", "国有资本经营预算支出", "国有资本经营财政拨款预算支出", "部门预算经济分类科目", "编码", "经济分类科目名称", "经济分类科目编码", "部门经济分类科目名称", "人员经费", "公用经费", "一般公共预算基本支出", "本年收入", "本年支出", "预算数", "财政拨款收入", "财政拨款支出", "一般公共预算", "政府性基金预算", "国有资本经营预算", "单位", "元", "万元", "上年结转", "小计", "购置费", "运行费", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "机关运行经费", "机关运行经费预算", "数", "“三公”经费预算数", "费预算数", "决算数"]
)

FAMILY = TemplateFamily(
    key="shanghai_budget",
    name_zh="上海部门/单位预算",
    kind="budget",
    tables=TABLES,
    measures=MEASURES,
    header_words=HEADER_WORDS,
    # More specific titles first: 财政拨款收支总表 before a bare 收支总表, 收入/支出总表 after both.
    title_order=(
        "fiscal_summary",
        "financial_summary",
        "income",
        "expenditure",
        "general_public",
        "government_fund",
        "state_capital",
        "basic_economic",
        "three_public",
    ),
    solve_order=(
        "expenditure",
        "basic_economic",
        "general_public",
        "government_fund",
        "state_capital",
        "financial_summary",
        "income",
        "fiscal_summary",
        "three_public",
    ),
)
