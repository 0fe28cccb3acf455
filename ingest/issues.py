"""Parse issues and project flags as codes; the Chinese messages are rendered from them.

Control decisions test a code (``issue.code == IssueCode.UNREADABLE_ROW``), never the wording of a
message, so a message can be reworded without changing what the parser does.
"""

from __future__ import annotations

from enum import Enum

from .model import ParseIssue


class IssueCode(str, Enum):  # noqa: UP042
    """What went wrong (or was repaired) while reading a table; ``MESSAGES`` renders it."""

    UNIT_NOT_PRINTED = "unit_not_printed"
    TABLES_MISSING = "tables_missing"
    UNSUPPORTED_LAYOUT = "unsupported_layout"
    MISPRINTED_CLASS = "misprinted_class"
    ORPHAN_NUMBERS = "orphan_numbers"
    UNREADABLE_ROW = "unreadable_row"
    UNREADABLE_CLASS_CELL = "unreadable_class_cell"
    REPEATED_ROW_CONFLICT = "repeated_row_conflict"
    AMOUNT_UNREADABLE = "amount_unreadable"
    TOO_MANY_NUMBERS = "too_many_numbers"
    SOLVER_GAVE_UP = "solver_gave_up"
    POSITION_CONFLICT = "position_conflict"
    AMBIGUOUS_COLUMNS = "ambiguous_columns"
    CODE_NORMALISED = "code_normalised"
    SUMMARY_ORPHAN_NUMBERS = "summary_orphan_numbers"
    SUMMARY_REPEATED_CONFLICT = "summary_repeated_conflict"
    INCOME_ITEM_MANY_NUMBERS = "income_item_many_numbers"
    SUMMARY_TOO_MANY_NUMBERS = "summary_too_many_numbers"
    SUMMARY_CLASS_UNKNOWN = "summary_class_unknown"
    SUMMARY_AMBIGUOUS = "summary_ambiguous"
    SUMMARY_ITEM_UNREADABLE = "summary_item_unreadable"
    ROW_AMOUNT_UNREADABLE = "row_amount_unreadable"
    SINGLE_ROW_TOO_MANY = "single_row_too_many"
    SINGLE_ROW_AMBIGUOUS = "single_row_ambiguous"
    PROJECT_FLAGGED = "project_flagged"
    TABLE_NOT_READ = "table_not_read"
    TABLE_INCOMPLETE = "table_incomplete"
    NARRATIVE_INCOMPLETE = "narrative_incomplete"


# (default severity, message template); the template's fields are the keyword arguments of make_issue.
MESSAGES: dict[IssueCode, tuple[str, str]] = {
    IssueCode.UNIT_NOT_PRINTED: ("warning", "表中未印单位，按{unit}读取"),
    IssueCode.TABLES_MISSING: ("warning", "未找到以下表：{tables}"),
    IssueCode.UNSUPPORTED_LAYOUT: (
        "error",
        "unsupported layout: {file}: found {found}, missing {missing} (closest template: {template}, which needs at "
        "least {needed} of its tables; nothing was loaded from this file)",
    ),
    IssueCode.MISPRINTED_CLASS: ("warning", "类编码印为“{printed}”，按{source}表同名同额的类读作 {code}"),
    IssueCode.ORPHAN_NUMBERS: ("error", "数字行无法对应到任何科目行，未载入"),
    IssueCode.UNREADABLE_ROW: ("error", "无法识别的表格行，未载入"),
    IssueCode.UNREADABLE_CLASS_CELL: ("error", "无法识别的表格行（类编码错印，前后行不能确定编码），未载入"),
    IssueCode.REPEATED_ROW_CONFLICT: (
        "error", "{label} 在本表出现两次且数字不同（第 {first_line} 行 {first}；第 {line} 行 {second}），取第一次"
    ),
    IssueCode.AMOUNT_UNREADABLE: ("error", "金额无法读取：{reason}{suffix}"),
    IssueCode.TOO_MANY_NUMBERS: ("error", "本行印有 {count} 个数字，多于本表的 {width} 列，未载入"),
    IssueCode.SOLVER_GAVE_UP: ("error", "列归属组合过多，无法用算术确定"),
    IssueCode.POSITION_CONFLICT: ("warning", "{label} 的数字按横向位置在 {position} 列，按算术在 {arithmetic} 列，取算术结果"),
    IssueCode.AMBIGUOUS_COLUMNS: ("error", "{label} 的 {count} 个数字无法唯一确定所属列（可能：{options}），未载入"),
    IssueCode.CODE_NORMALISED: ("warning", "科目编码印为“{printed}”，按 {code} 读取"),
    IssueCode.SUMMARY_ORPHAN_NUMBERS: ("error", "数字行无法对应到任何项目，未载入"),
    IssueCode.SUMMARY_REPEATED_CONFLICT: ("error", "“{label}”在本表出现两次且数字不同（{first} / {second}），取第一次"),
    IssueCode.INCOME_ITEM_MANY_NUMBERS: ("error", "收入项“{label}”印有多个数字，未载入"),
    IssueCode.SUMMARY_TOO_MANY_NUMBERS: ("error", "“{label}”的数字多于本表的 {width} 列，未载入"),
    IssueCode.SUMMARY_CLASS_UNKNOWN: ("warning", "支出项“{label}”在本文件的科目表中找不到对应的类"),
    IssueCode.SUMMARY_AMBIGUOUS: ("error", "“{label}”的数字无法唯一确定所属列，未载入"),
    IssueCode.SUMMARY_ITEM_UNREADABLE: ("error", "金额“{amount}”无法读取，本项未载入"),
    IssueCode.ROW_AMOUNT_UNREADABLE: ("error", "金额“{amount}”无法读取，本行未载入"),
    IssueCode.SINGLE_ROW_TOO_MANY: ("error", "印有 {count} 个数字，多于 {width} 列，未载入"),
    IssueCode.SINGLE_ROW_AMBIGUOUS: ("error", "{table}的数字无法唯一确定所属列（算术与说明文字均不足以判断），未载入"),
    IssueCode.TABLE_NOT_READ: ("warning", "“{table}”已找到，但本模板（{template}）尚不读取此表的行，未载入"),
    IssueCode.TABLE_INCOMPLETE: (
        "error", "本表不完整（{reason}，所缺的行在本文件没有的页上），依赖本表的核对均未核对 table incomplete"
    ),
    IssueCode.NARRATIVE_INCOMPLETE: (
        "error", "说明不完整（{reason}），依赖完整列表的核对均未核对 narrative incomplete"
    ),
    IssueCode.PROJECT_FLAGGED: ("warning", "项目“{name}”：{flag}"),
}


def render(which: IssueCode, /, **params: object) -> str:
    """The message of ``which`` with its fields filled (KeyError naming the field when one is missing)."""
    return MESSAGES[which][1].format(**params)


def make_issue(
    which: IssueCode,
    table_key: str,
    line_no: int | None,
    row_text: str = "",
    /,
    *,
    severity: str | None = None,
    **params: object,
) -> ParseIssue:
    """A ParseIssue carrying the code ``which``, its message rendered from ``params``, the code's default
    severity unless ``severity`` is given."""
    return ParseIssue(table_key, line_no, severity or MESSAGES[which][0], render(which, **params), row_text, which)


class ProjectFlag(str, Enum):  # noqa: UP042
    """Why a project section is flagged; the flag text written is rendered from ``FLAG_MESSAGES``."""

    TITLE_VARIANTS = "title_variants"
    PAIRED = "paired"
    NAME_FROM_SUMMARY = "name_from_summary"
    NAME_MISSING = "name_missing"
    TOTAL_FROM_ITEMS = "total_from_items"
    ITEMS_UNREAD = "items_unread"
    AMOUNT_PROBLEM = "amount_problem"
    QUARTERLY_SUM = "quarterly_sum"
    TOTAL_FROM_SUBTOTALS = "total_from_subtotals"
    ONLY_AMOUNT = "only_amount"
    ENTITY_MISPLACED = "entity_misplaced"
    INCOMPLETE = "incomplete"


FLAG_MESSAGES: dict[ProjectFlag, str] = {
    ProjectFlag.TITLE_VARIANTS: "重复出现的本节印有不同标题，取出现次数最多者",
    ProjectFlag.PAIRED: "标题与正文分离，按位置/内容配对",
    ProjectFlag.NAME_FROM_SUMMARY: "未印项目名称，名称取自项目概述",
    ProjectFlag.NAME_MISSING: "未印项目名称",
    ProjectFlag.TOTAL_FROM_ITEMS: "未印年度预算总额，按分项合计",
    ProjectFlag.ITEMS_UNREAD: "分项金额未能全部读出（读出 {items_total} 元，总额 {amount} 元），分项未载入",
    ProjectFlag.AMOUNT_PROBLEM: "{problem}",
    ProjectFlag.QUARTERLY_SUM: "年度预算按四个季度用款计划相加",
    ProjectFlag.TOTAL_FROM_SUBTOTALS: "未印年度预算总额，按各分项（小计）金额相加",
    ProjectFlag.ONLY_AMOUNT: "年度预算安排未写明总额字样，取文中唯一的金额“{printed_amount}”",
    ProjectFlag.ENTITY_MISPLACED: "实施主体一段印错了位置，单位取自本节中单独成行的单位名称",
    ProjectFlag.INCOMPLETE: "本节不完整，缺少：{missing}",
}
# Flags that leave a project complete: the amount is still the document's own arithmetic.
COMPLETE_FLAGS = frozenset({ProjectFlag.QUARTERLY_SUM})


def render_flag(flag: ProjectFlag, **params: object) -> str:
    """The Chinese message of a project flag, its placeholders filled from `params` (KeyError when one is missing)."""
    return FLAG_MESSAGES[flag].format(**params)
