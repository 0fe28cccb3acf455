"""The national 部门决算 (final account) family: the nine tables of a 部门 or 单位 决算, any year.

Source: the blank national template (corpus final/final_template_2024.pdf) and a published 决算
(final/putuo_finance_2024_final.pdf). Amounts print in 万元. The tables keep the budget's table keys where
they hold the same kind of figure (收入决算表 = income, 一般公共预算财政拨款支出决算表 = general_public, …).

Read by position, not by the budget parsers: ``ingest/parse/final_account.py`` takes its titles, column
order and identities from here (layouts name the shape: coded rows, a two-sided summary, one row of
预算数 / 决算数 pairs). Identities beyond one row, checked in the warehouse (models/checks, F checks):
  * both summary tables: 本年收入合计 + 年初结转和结余 + 使用非财政拨款结余 = 总计 = 本年支出合计 + 结余分配 +
    年末结转和结余 (F02);
  * parent = Σ children, 合计 = Σ 类 in every coded table (H01–H04);
  * the fund tables against the summaries (X05, X08);
  * 人员经费合计 + 公用经费合计 of the economic table = 一般公共预算 基本支出 合计 (F08).
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

# Names shared with the budget families keep the budget's name (one name per key in the vocabulary).
MEASURES = (
    MeasureSpec("total", "合计"),
    MeasureSpec("fiscal_appropriation", "财政拨款收入"),
    MeasureSpec("superior_subsidy", "上级补助收入"),
    MeasureSpec("business", "事业收入"),
    MeasureSpec("operating", "事业单位经营收入"),
    MeasureSpec("subordinate_remittance", "附属单位上缴收入"),
    MeasureSpec("other", "其他收入"),
    MeasureSpec("general_public", "一般公共预算"),
    MeasureSpec("government_fund", "政府性基金"),
    MeasureSpec("state_capital", "国有资本经营预算"),
    MeasureSpec("basic", "基本支出"),
    MeasureSpec("project", "项目支出"),
    MeasureSpec("to_superior", "上缴上级支出"),
    MeasureSpec("operating_expenditure", "经营支出"),
    MeasureSpec("to_subordinates", "对附属单位补助支出"),
    MeasureSpec("personnel", "人员经费"),
    MeasureSpec("public", "公用经费"),
    MeasureSpec("opening", "年初结转和结余"),
    MeasureSpec("income", "本年收入"),
    MeasureSpec("closing", "年末结转和结余"),
    MeasureSpec("abroad", "因公出国(境)费"),
    MeasureSpec("reception", "公务接待费"),
    MeasureSpec("vehicle_total", "公务用车购置及运行费"),
    MeasureSpec("vehicle_purchase", "公务用车购置费"),
    MeasureSpec("vehicle_operation", "公务用车运行费"),
)

INCOME_COLUMNS = ("total", "fiscal_appropriation", "superior_subsidy", "business", "operating",
                  "subordinate_remittance", "other")
EXPENDITURE_COLUMNS = ("total", "basic", "project", "to_superior", "operating_expenditure", "to_subordinates")
FUND_COLUMNS = ("opening", "income", "total", "basic", "project", "closing")
# The 三公 table's items left to right; each has a 预算数 and a 决算数 column (the stage is the row's side).
THREE_PUBLIC_COLUMNS = ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
# Income-side labels of the summary tables → measure (a phrase of the label; ordinals and wraps do not matter).
INCOME_ITEMS = (
    ("公共预算财政拨款", "general_public"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("上级补助", "superior_subsidy"),
    ("事业收入", "business"),
    ("附属单位上缴", "subordinate_remittance"),
    ("经营收入", "operating"),
    ("其他收入", "other"),
    ("本年收入合计", "total"),
)
FISCAL_COLUMNS = ("total", "general_public", "government_fund", "state_capital")


def sum_identity(columns: tuple[str, ...], total: str = "total", skip: tuple[str, ...] = ()) -> tuple[IdentitySpec, ...]:
    """The one row identity of a table: `total` = the sum of the other `columns` (except those in `skip`)."""
    return (IdentitySpec(total, tuple(c for c in columns if c != total and c not in skip)),)


TABLES = (
    TableSpec("financial_summary", "收入支出决算总表", (r"收入支出决算总表$",), LAYOUT_SUMMARY,
              default_unit="万元", income_items=INCOME_ITEMS,
              expenditure_layouts=(ColumnLayout("plain", ("total",)),)),
    TableSpec("income", "收入决算表", (r"收入决算表$",), LAYOUT_CODED, INCOME_COLUMNS, sum_identity(INCOME_COLUMNS),
              "function", default_unit="万元"),
    TableSpec("expenditure", "支出决算表", (r"支出决算表$",), LAYOUT_CODED, EXPENDITURE_COLUMNS,
              sum_identity(EXPENDITURE_COLUMNS), "function", "all", default_unit="万元"),
    TableSpec("fiscal_summary", "财政拨款收入支出决算总表", (r"财政拨款收入?支出?决算总表$",), LAYOUT_SUMMARY,
              default_unit="万元", income_items=INCOME_ITEMS[:3] + INCOME_ITEMS[-1:],
              expenditure_layouts=(ColumnLayout("plain", FISCAL_COLUMNS, sum_identity(FISCAL_COLUMNS)),)),
    TableSpec("general_public", "一般公共预算财政拨款支出决算表", (r"公共预算财政拨款支出决算表$",), LAYOUT_CODED,
              ("total", "basic", "project"), sum_identity(("total", "basic", "project")), "function", "general_public",
              default_unit="万元"),
    # one 决算数 per economic code; its cost type is its side's (人员经费 | 公用经费)
    TableSpec("basic_economic", "一般公共预算财政拨款基本支出决算表", (r"公共预算财政拨款基本支出决算表$",), LAYOUT_CODED,
              ("personnel", "public"), (), "economic", "general_public", default_unit="万元"),
    TableSpec("three_public", "财政拨款“三公”经费支出决算表", (r"三公.{0,2}经费支出决算表$",), LAYOUT_SINGLE_ROW,
              THREE_PUBLIC_COLUMNS,
              (IdentitySpec("total", ("abroad", "vehicle_total", "reception")),
               IdentitySpec("vehicle_total", ("vehicle_purchase", "vehicle_operation"))), default_unit="万元"),
    TableSpec("government_fund", "政府性基金预算财政拨款收入支出决算表", (r"政府性基金预算财政拨款收入支出决算表$",),
              LAYOUT_CODED, FUND_COLUMNS, (IdentitySpec("total", ("basic", "project")),), "function", "government_fund",
              default_unit="万元"),
    TableSpec("state_capital", "国有资本经营预算财政拨款收入支出决算表", (r"国有资本经营预算财政拨款收入支出决算表$",),
              LAYOUT_CODED, FUND_COLUMNS, (IdentitySpec("total", ("basic", "project")),), "function", "state_capital",
              default_unit="万元"),
)

FAMILY = TemplateFamily(
    key="final_account",
    name_zh="部门决算（全国模板）",
    kind="final_account",
    tables=TABLES,
    measures=MEASURES,
    # more specific titles first: 财政拨款收入支出决算总表 before 收入支出决算总表, the 一般公共预算 and fund
    # tables before the bare 收入决算表 / 支出决算表 their titles end with
    title_order=("fiscal_summary", "financial_summary", "basic_economic", "general_public", "three_public",
                 "government_fund", "state_capital", "income", "expenditure"),
    min_tables=3,
)
