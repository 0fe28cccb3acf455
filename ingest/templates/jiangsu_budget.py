"""The Jiangsu provincial budget family: the twelve tables of a 江苏省省级部门预算 (2017–2019 editions).

Source: corpus jiangsu/ (江苏省高级人民法院 2018, 江苏省人民检察院 2019, 省委办公厅 2017). Amounts in 万元.
Titles come bare (``收支预算总表``), numbered (``五、``, ``公开05表``), with the year and the body in front
(``2018年度江苏省高级人民法院财政拨款支出预算表``) or a ``（功能科目）`` / ``（经济科目）`` suffix. The function
and economic tables print ONE 金额 per code (no 基本/项目 split): their only measure is ``total``.

Every table is read: the six coded tables; the 支出预算总表 row and the 三公/会议费/培训费 row; the
收支预算总表 (income by source, expenditure 类 by name and by use, side by side) and the 财政拨款收支预算总表
(income by fund, expenditure by use), read by label; the 收入预算总表 by source group (each group's 小计);
the 政府采购预算表 for its 合计 and categories (货物 / 工程 / 服务; the purchase rows under them are not read).
"""

from __future__ import annotations

from .registry import (
    LAYOUT_CATEGORY_TOTAL,
    LAYOUT_CODED,
    LAYOUT_SIDE_BY_SIDE,
    LAYOUT_SINGLE_ROW,
    LAYOUT_SOURCE_GROUPS,
    IdentitySpec,
    MeasureSpec,
    TableSpec,
    TemplateFamily,
)

MEASURES = (
    MeasureSpec("total", "合计", ("合计", "金额", "机关运行经费支出")),
    MeasureSpec("basic", "基本支出", ("基本支出",)),
    MeasureSpec("project", "项目支出", ("项目支出",)),
    MeasureSpec("reserve", "单位预留机动经费", ("单位预留机动经费",)),
    MeasureSpec("carryover", "结转资金（上年结转 / 结转下年）", ("结转下年资金",)),
    MeasureSpec("current_year", "当年收支小计"),
    MeasureSpec("fiscal_appropriation", "财政拨款收入"),
    MeasureSpec("general_public", "一般公共预算"),
    MeasureSpec("government_fund", "政府性基金"),
    MeasureSpec("state_capital", "国有资本经营预算"),
    MeasureSpec("special_account", "财政专户管理资金"),
    MeasureSpec("other", "其他收入"),
    MeasureSpec("three_public_meeting_training", "“三公”经费、会议费、培训费合计"),
    MeasureSpec("abroad", "因公出国(境)费"),
    MeasureSpec("reception", "公务接待费"),
    MeasureSpec("vehicle_total", "公务用车购置及运行费"),
    MeasureSpec("vehicle_purchase", "公务用车购置费"),
    MeasureSpec("vehicle_operation", "公务用车运行费"),
    MeasureSpec("meeting", "会议费"),
    MeasureSpec("training", "培训费"),
)

FUNCTION_SUFFIX = r"(?:（功能科目）)?$"
ECONOMIC_SUFFIX = r"(?:（经济科目）)?$"


def amount_table(key: str, name_zh: str, patterns: tuple[str, ...], classification: str, fund_type: str) -> TableSpec:
    """A coded table printing one 金额 per code: an expenditure (function) or basic-expenditure (economic) fact."""
    fact = "expenditure" if classification == "function" else "basic_economic"
    return TableSpec(key, name_zh, patterns, LAYOUT_CODED, ("total",), (), classification, fund_type, "万元", fact=fact)


# Labels of the by-label tables: (keyword, column kind, measure); the first keyword a label contains wins.
FUND_ITEMS = (
    ("一般公共预算", "income", "general_public"),
    ("政府性基金", "income", "government_fund"),
    ("国有资本经营", "income", "state_capital"),
)
USE_ITEMS = (
    ("基本支出", "use", "basic"),
    ("项目支出", "use", "project"),
    ("单位预留机动经费", "use", "reserve"),
)
TOTAL_ITEMS = (
    ("当年收入小计", "income", "current_year"),
    ("收入合计", "income", "total"),
    ("收入总计", "income", "total"),
    ("当年支出小计", "expenditure", "current_year"),
    ("支出合计", "expenditure", "total"),
    ("支出总计", "expenditure", "total"),
)
FINANCIAL_ITEMS = (
    *TOTAL_ITEMS,
    ("上年结转", "income", "carryover"),
    ("结转下年", "expenditure", "carryover"),
    ("财政拨款", "income", "fiscal_appropriation"),
    *FUND_ITEMS,
    ("财政专户管理资金", "income", "special_account"),
    ("其他资金", "income", "other"),
    *USE_ITEMS,
)
# 收入预算总表 groups, each opened by its 小计 row.
INCOME_GROUPS = (
    ("一般公共预算", "income", "general_public"),
    ("政府性基金", "income", "government_fund"),
    ("国有资本经营", "income", "state_capital"),
    ("财政专户管理资金", "income", "special_account"),
    ("其他资金", "income", "other"),
    ("上年结转和结余", "income", "carryover"),
)


def by_label(key: str, name_zh: str, patterns: tuple[str, ...], layout: str,
             items: tuple[tuple[str, str, str], ...] = ()) -> TableSpec:
    """A table read by its rows' labels (no codes): side by side, by source group, or by category. Its
    totals (合计 / 总计, and an expenditure 类's one amount) are measure ``total``."""
    return TableSpec(key, name_zh, patterns, layout, ("total",), default_unit="万元", label_items=items)


TABLES = (
    by_label("financial_summary", "收支预算总表", (r"收支预算总表$",), LAYOUT_SIDE_BY_SIDE, FINANCIAL_ITEMS),
    # Not the Shanghai 收入预算总表 (rows by function code, sources as columns): its own key, so that the
    # checks of that table's layout do not read it.
    by_label("income_sources", "收入预算总表（按来源）", (r"收入预算总表(?:（按来源）)?$",), LAYOUT_SOURCE_GROUPS, INCOME_GROUPS),
    TableSpec(
        "expenditure",
        "支出预算总表",
        (r"支出预算总表$",),
        LAYOUT_SINGLE_ROW,
        ("total", "basic", "project", "reserve", "carryover"),
        (IdentitySpec("total", ("basic", "project", "reserve", "carryover")),),
        fund_type="all",
        default_unit="万元",
        # A blank cell leaves the arithmetic open: the 收支预算总表 prints the same uses by label.
        context_from=("financial_summary",),
    ),
    by_label("fiscal_summary", "财政拨款收支预算总表", (r"财政拨款收支预算总表$",), LAYOUT_SIDE_BY_SIDE,
             (*TOTAL_ITEMS, *FUND_ITEMS, *USE_ITEMS)),
    amount_table("fiscal_function", "财政拨款支出预算表", (r"财政拨款支出预算表" + FUNCTION_SUFFIX,), "function", "fiscal"),
    amount_table(
        "fiscal_basic_economic", "财政拨款基本支出预算表", (r"财政拨款基本支出预算表" + ECONOMIC_SUFFIX,), "economic", "fiscal"
    ),
    amount_table(
        "general_public", "一般公共预算支出预算表", (r"一般公共预算支出预算表" + FUNCTION_SUFFIX,), "function", "general_public"
    ),
    amount_table(
        "basic_economic",
        "一般公共预算基本支出预算表",
        (r"一般公共预算基本支出预算表" + ECONOMIC_SUFFIX,),
        "economic",
        "general_public",
    ),
    TableSpec(
        "three_public",
        "“三公”经费、会议费、培训费支出预算表",
        (r"三公.{0,2}经费、?会议费、?培训费(?:支出)?预算表$",),
        LAYOUT_SINGLE_ROW,
        # As printed left to right: 合计 | “三公”经费 小计 | 因公出国（境）费 | 公务用车购置及运行维护费 小计,
        # 购置费, 运行维护费 | 公务接待费 | 会议费 | 培训费.
        (
            "three_public_meeting_training", "total", "abroad", "vehicle_total", "vehicle_purchase",
            "vehicle_operation", "reception", "meeting", "training",
        ),
        (
            IdentitySpec("three_public_meeting_training", ("total", "meeting", "training")),
            IdentitySpec("total", ("abroad", "vehicle_total", "reception")),
            IdentitySpec("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
        ),
        fund_type="general_public",
        default_unit="万元",
        short_name_zh="“三公”经费、会议费、培训费表",
        # With 购置费 blank, 公务用车 小计 = the one vehicle figure: whether it is 购置 or 运行维护 is told by the
        # economic 款 30231 公务用车运行维护费 of the basic table, when that prints the same figure.
        code_context=(("basic_economic", "30231", "vehicle_operation"),),
        fact="three_public",
    ),
    amount_table(
        "government_fund",
        "政府性基金预算财政拨款支出预算表",
        (r"政府性基金(?:预算)?(?:财政拨款)?支出预算表" + FUNCTION_SUFFIX, r"财政拨款政府性基金支出预算表" + FUNCTION_SUFFIX),
        "function",
        "government_fund",
    ),
    TableSpec(
        "operation_fund_economic",
        "一般公共预算机关运行经费支出预算表",
        (r"机关运行经费支出预算表" + ECONOMIC_SUFFIX,),
        LAYOUT_CODED,
        ("total",),
        classification="economic",
        fund_type="general_public",
        default_unit="万元",
    ),
    by_label("procurement", "政府采购支出预算表", (r"政府采购(?:支出)?预算表$",), LAYOUT_CATEGORY_TOTAL),
)

# Tokens of the Jiangsu column headers (a line of only these is a header, not a row).
HEADER_WORDS = frozenset(
    ["功能科目代码", "功能科目编码", "功能科目名称", "科目编码", "科目名称", "经济科目编码", "经济科目名称", "金额", "金", "额", "合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金", "机关运行经费支出", "项目名称", "功能分类", "支出用途"]
)

FAMILY = TemplateFamily(
    key="jiangsu_budget",
    name_zh="江苏省级部门预算",
    kind="budget",
    tables=TABLES,
    measures=MEASURES,
    header_words=HEADER_WORDS,
    # 财政拨款收支 before 收支; the fund and 机关运行经费 tables before the bare 财政拨款支出 / 一般公共预算支出.
    title_order=(
        "fiscal_summary",
        "financial_summary",
        "income_sources",
        "expenditure",
        "government_fund",
        "operation_fund_economic",
        "fiscal_basic_economic",
        "fiscal_function",
        "basic_economic",
        "general_public",
        "three_public",
        "procurement",
    ),
    # A family is recognised by most of its tables: the bare 收支/收入/支出预算总表 titles alone are not enough.
    min_tables=6,
    # An empty table prints its 合计 with nothing beside it, or 此表为空; no 注 is required.
    empty_tables_noted=False,
    # One narrative part, 第三部分 …部门预算情况说明 (一、… 十四、), holds what a Shanghai document splits into its
    # 预算编制说明 and 其他相关情况说明 (parse/narrative.py statement_facts).
    sections={"explanation": "部门预算情况说明", "other_information": "部门预算情况说明",
              "explanation_items": "部门预算情况说明的编号科目条目", "procurement_parts": "部门预算情况说明的政府采购分项"},
    # 五、财政拨款支出预算表情况说明: '（一）公共安全（类）1．… 2．…（二）社会保障和就业支出（类）1．…'
    items_by_class=True,
)
