"""Template registry: every family of disclosures the parsers know, and the shared vocabulary.

Add a family by writing one module beside ``shanghai_budget.py`` that builds a ``TemplateFamily`` and
listing it in ``FAMILIES``; then regenerate the derived files (``python scripts/gen_vocabulary.py``).
The order of ``FAMILIES`` breaks ties when two families recognise as many tables of a document.
"""

from __future__ import annotations

from .final_account import FAMILY as FINAL_ACCOUNT
from .jiangsu_budget import FAMILY as JIANGSU_BUDGET
from .registry import (
    LABEL_KINDS,
    LAYOUT_CATEGORY_TOTAL,
    LAYOUT_CODED,
    LAYOUT_NOT_READ,
    LAYOUT_SIDE_BY_SIDE,
    LAYOUT_SINGLE_ROW,
    LAYOUT_SOURCE_GROUPS,
    LAYOUT_SUMMARY,
    LAYOUTS,
    ColumnLayout,
    IdentitySpec,
    MeasureSpec,
    TableSpec,
    TemplateFamily,
)
from .shanghai_budget import FAMILY as SHANGHAI_BUDGET

FAMILIES: tuple[TemplateFamily, ...] = (SHANGHAI_BUDGET, JIANGSU_BUDGET, FINAL_ACCOUNT)
DEFAULT_FAMILY = SHANGHAI_BUDGET

# Parts of a document that are not tables but are named in findings and descriptions (vocabulary 'tables').
SECTIONS: dict[str, str] = {
    "project": "项目经费情况说明",
    "explanation": "预算编制说明",
    "other_information": "其他相关情况说明",
    "performance_form": "绩效目标填报表",
    "organisation": "机构设置",
    "document": "文档",
    "final_explanation": "决算情况说明",
    # Numbered narrative lists, named apart so that a gap in one (parse/narrative_gaps.py) makes "not checked"
    # only the checks that need the whole list (their meta.tables name it).
    "explanation_items": "预算编制说明的编号科目条目",
    "execution_items": "决算情况说明的编号执行条目",
    "final_funds_lists": "决算情况说明的人员经费、公用经费列举",
    # The parts a 政府采购 total's '其中' lists (货物 / 工程 / 服务): a part not read makes only the sum check
    # "not checked" (parse/narrative_gaps.py procurement_issues).
    "procurement_parts": "政府采购的货物、工程、服务分项",
}
# Measures outside the tables: a project's 年度预算安排.
EXTRA_MEASURES: dict[str, str] = {"amount": "年度预算安排"}
# fct_balance items of a 决算 read from rows, not columns (ingest/parse/final_account.py BALANCE_ROWS).
BALANCE_ITEMS: dict[str, str] = {"surplus_allocation": "结余分配", "non_fiscal_surplus_used": "使用非财政拨款结余"}
# fct_narrative_fact.section: the part of the narrative a fact was read from.
NARRATIVE_SECTIONS: dict[str, str] = {
    "explanation": "预算编制说明", "other": "其他相关情况说明", "performance_form": "绩效目标填报表",
    "organisation": "机构设置", "execution": "决算情况说明（支出执行）", "final_explanation": "决算情况说明",
    "share": "情况说明写明的占比",
}
# fct_narrative_fact: the stated direction of a change, and what this year's figure is compared with.
CHANGE_DIRECTIONS: dict[str, str] = {"increase": "增加", "decrease": "减少", "flat": "持平"}
PRIOR_KINDS: dict[str, str] = {"budget": "上年预算数", "execution": "上年预算执行数"}
# fct_published_amount.row_kind: what a printed row is.
ROW_KINDS: dict[str, str] = {"code": "科目行", "item": "项目行", "total": "合计行", "grand_total": "总计行",
                             "balance": "结转结余行"}
# dim_project.amount_source: where a project's 年度预算安排 comes from.
AMOUNT_SOURCES: dict[str, str] = {"stated": "写明的总额", "items_sum": "各分项相加", "quarterly_sum": "四个季度用款计划相加",
                                  "unreadable": "无法读取"}
# column_source of an amount: how its column was told.
COLUMN_SOURCES: dict[str, str] = {"position": "按列位置", "arithmetic": "按行内算式", "context": "按上下文"}
SIDES: dict[str, str] = {"income": "收入", "expenditure": "支出"}
# fund_type → (Chinese name, the table whose rows are that fund's expenditure, display order, coverage rank).
# Coverage rank: 1 is the widest fund. 全部资金 holds every fund; 财政拨款 holds the three budgets below it;
# those three are disjoint and ranked only so that a document printing none of the wider tables still has
# one widest table (dim_document.function_fund_type).
FUNDS: dict[str, tuple[str, str, int, int]] = {
    "all": ("全部资金（部门支出预算总表）", "expenditure", 1, 1),
    "general_public": ("一般公共预算", "general_public", 2, 3),
    "government_fund": ("政府性基金预算", "government_fund", 3, 4),
    "state_capital": ("国有资本经营预算", "state_capital", 4, 5),
    "fiscal": ("财政拨款（财政拨款支出预算表）", "fiscal_function", 5, 2),
}
SCOPES: dict[str, str] = {"department": "部门", "unit": "单位"}
KINDS: dict[str, str] = {"budget": "预算", "final_account": "决算"}
# The other enumerations of the warehouse contract (docs/glossary.md), named for people (the Excel export).
STAGES: dict[str, str] = {"budget": "预算", "final": "决算"}
CLASSIFICATIONS: dict[str, str] = {"function": "功能分类", "economic": "经济分类"}
SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
FINDING_KINDS: dict[str, str] = {"document_error": "文档错误", "warning": "警告", "info": "提示", "parse_gap": "读取缺口（未核对）"}
PAIRINGS: dict[str, str] = {"code": "按科目编码", "name": "按科目名称"}
# fct_expenditure.expenditure_type names a 决算 column by a shorter key than the template's measure.
EXPENDITURE_TYPE_MEASURES: dict[str, str] = {"operating": "operating_expenditure"}


def family(key: str) -> TemplateFamily:
    """The registered family ``key``; KeyError naming the known ones otherwise."""
    for candidate in FAMILIES:
        if candidate.key == key:
            return candidate
    raise KeyError(f"unknown template family {key!r} (known: {', '.join(f.key for f in FAMILIES)})")


def table_names() -> dict[str, str]:
    """Every table key of every family → Chinese name (the first family declaring a key names it)."""
    names: dict[str, str] = {}
    for candidate in FAMILIES:
        for table in candidate.tables:
            names.setdefault(table.key, table.name_zh)
    return names


def measure_names() -> dict[str, str]:
    """Every measure key of every family (then the extra measures) → Chinese name."""
    names: dict[str, str] = {}
    for candidate in FAMILIES:
        for measure in candidate.measures:
            names.setdefault(measure.key, measure.name_zh)
    for key, name in EXTRA_MEASURES.items():
        names.setdefault(key, name)
    return names


def table_measures() -> dict[str, tuple[str, ...]]:
    """Every table key → the measures a row of it may carry, over all families (first seen first)."""
    result: dict[str, dict[str, None]] = {}
    for candidate in FAMILIES:
        for table in candidate.tables:
            result.setdefault(table.key, {}).update(dict.fromkeys(table.measures))
    return {key: tuple(measures) for key, measures in result.items()}


def measure_header_words() -> dict[str, tuple[str, ...]]:
    """Every measure key → the header-cell tokens naming it, over all families (first seen first)."""
    words: dict[str, dict[str, None]] = {}
    for candidate in FAMILIES:
        for measure in candidate.measures:
            if measure.header_words:
                words.setdefault(measure.key, {}).update(dict.fromkeys(measure.header_words))
    return {key: tuple(found) for key, found in words.items()}


def coded_tables() -> dict[str, str]:
    """Every coded table key of every family → its classification ('function' | 'economic')."""
    found: dict[str, str] = {}
    for candidate in FAMILIES:
        for table in candidate.tables_with_layout(LAYOUT_CODED):
            found.setdefault(table.key, table.classification)
    return found


def fact_tables(fact: str) -> dict[str, str]:
    """Table key → fund_type of every family's tables feeding the contract fact ``fact``."""
    found: dict[str, str] = {}
    for candidate in FAMILIES:
        for table in candidate.tables:
            if table.fact == fact:
                found.setdefault(table.key, table.fund_type)
    return found


def template_items(fact: str) -> dict[str, list[str]]:
    """Family key → the items of its ``fact`` table: its columns that are no identity's total (the 三公
    items a template prints, without 合计 and 小计), in printed order."""
    items: dict[str, list[str]] = {}
    for candidate in FAMILIES:
        for table in candidate.tables:
            if table.fact == fact:
                totals = {identity.total for identity in table.identities}
                items.setdefault(candidate.key, []).extend(c for c in table.columns if c not in totals)
    return items


def economic_tables() -> frozenset[str]:
    """Keys of the coded tables classified by economic code, in any family."""
    return frozenset(
        table.key for candidate in FAMILIES for table in candidate.tables
        if table.layout == LAYOUT_CODED and table.classification == "economic"
    )


def header_words() -> frozenset[str]:
    """The header tokens of every family (a line made only of these is a column header)."""
    return frozenset().union(*(candidate.header_words for candidate in FAMILIES))


__all__ = [
    "AMOUNT_SOURCES",
    "BALANCE_ITEMS",
    "CHANGE_DIRECTIONS",
    "COLUMN_SOURCES",
    "DEFAULT_FAMILY",
    "EXTRA_MEASURES",
    "FAMILIES",
    "FUNDS",
    "KINDS",
    "LABEL_KINDS",
    "LAYOUTS",
    "LAYOUT_CATEGORY_TOTAL",
    "LAYOUT_CODED",
    "LAYOUT_NOT_READ",
    "LAYOUT_SIDE_BY_SIDE",
    "LAYOUT_SINGLE_ROW",
    "LAYOUT_SOURCE_GROUPS",
    "LAYOUT_SUMMARY",
    "NARRATIVE_SECTIONS",
    "PRIOR_KINDS",
    "ROW_KINDS",
    "SCOPES",
    "SECTIONS",
    "SIDES",
    "ColumnLayout",
    "IdentitySpec",
    "MeasureSpec",
    "TableSpec",
    "TemplateFamily",
    "coded_tables",
    "economic_tables",
    "fact_tables",
    "family",
    "header_words",
    "measure_header_words",
    "measure_names",
    "table_measures",
    "table_names",
    "template_items",
]


def column_values() -> dict[str, dict[str, str]]:
    """Warehouse column name → {code: Chinese name} for the contract's enumerated columns (fund_type and
    dim_document.function_fund_type, expenditure_type, cost_type, income_source, the 三公 / balance item, side, scope, kind, stage,
    classification, severity / check_severity, finding_kind, paired_by, table_key / table_name, measure,
    narrative section, change_direction, prior_kind, row_kind, template, amount_source, column_source), from
    this registry's vocabulary. A code not listed
    (e.g. a balance item no template names as a measure) has no entry: shown as the code."""
    measures = {**measure_names(), **BALANCE_ITEMS}
    tables = {**table_names(), **SECTIONS}
    return {
        "fund_type": {key: value[0] for key, value in FUNDS.items()},
        "function_fund_type": {key: value[0] for key, value in FUNDS.items()},
        "expenditure_type": {**measures, **{key: measures[measure] for key, measure in EXPENDITURE_TYPE_MEASURES.items()}},
        "cost_type": measures,
        "income_source": measures,
        "item": measures,
        "side": dict(SIDES),
        "scope": dict(SCOPES),
        "kind": dict(KINDS),
        "stage": dict(STAGES),
        "classification": dict(CLASSIFICATIONS),
        "severity": dict(SEVERITIES),
        "finding_kind": dict(FINDING_KINDS),
        "paired_by": dict(PAIRINGS),
        "check_severity": dict(SEVERITIES),
        "table_key": tables,
        "table_name": tables,
        "measure": measures,
        "section": dict(NARRATIVE_SECTIONS),
        "change_direction": dict(CHANGE_DIRECTIONS),
        "prior_kind": dict(PRIOR_KINDS),
        "row_kind": dict(ROW_KINDS),
        "template": {candidate.key: candidate.name_zh for candidate in FAMILIES},
        "amount_source": dict(AMOUNT_SOURCES),
        "column_source": dict(COLUMN_SOURCES),
    }
