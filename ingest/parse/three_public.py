"""三公经费和机关运行经费预算表: one row of up to seven numbers, often with blanks left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import AmountCell, Line, ParseIssue
from ..numbers import parse_amount
from .rows import NOTE_RE, is_header_line, is_numbers_only, normalise_row_text, split_trailing_numbers
from ..templates import DEFAULT_FAMILY
from .coded import solver_identities
from .solver import RowVariable, TreeSolver, candidate_placements, narrow_by_context

SPEC = DEFAULT_FAMILY.table("three_public")
COLUMNS = SPEC.columns
IDENTITIES = solver_identities(SPEC.columns, SPEC.identities)

AMOUNT = r"\s*([\d,]+(?:\.\d+)?)\s*万元"
# The 三公 paragraph of 其他相关情况说明 states each item in 万元; used only to tell blank columns apart.
NARRATIVE_PATTERNS: dict[str, re.Pattern[str]] = {
    "total": re.compile(r"“?三公”?经费预算(?:数)?(?:为|是)?" + AMOUNT),
    "abroad": re.compile(r"因公出国[（(]境[）)]费(?:预算)?(?:为)?" + AMOUNT),
    "reception": re.compile(r"公务接待费(?:预算)?(?:为)?" + AMOUNT),
    "vehicle_total": re.compile(r"公务(?:用)?车购置及运行费(?:预算)?(?:为)?" + AMOUNT),
    "vehicle_purchase": re.compile(r"公务用?车购置费(?:预算)?(?:为)?" + AMOUNT),
    "vehicle_operation": re.compile(r"公务(?:用车|车用车|车)运行(?:维护)?费(?:预算)?(?:为)?" + AMOUNT),
    "operation_fund": re.compile(r"机关运行经费预算(?:数)?(?:为|是)?" + AMOUNT),
}


def narrative_figures(narrative: str) -> dict[str, Decimal]:
    figures: dict[str, Decimal] = {}
    for measure, pattern in NARRATIVE_PATTERNS.items():
        match = pattern.search(narrative)
        if match:
            try:
                figures[measure] = parse_amount(match.group(1), "万元")
            except ValueError:
                continue
    return figures


@dataclass
class ThreePublicTable:
    cells: list[AmountCell]
    issues: list[ParseIssue]
    notes: list[str]
    has_data_row: bool


def parse_three_public(body: list[Line], unit: str, narrative: str) -> ThreePublicTable:
    issues: list[ParseIssue] = []
    notes: list[str] = []
    data_line: Line | None = None
    numbers: list[str] = []
    for line in body:
        text = normalise_row_text(line.text)
        if not text:
            continue
        if NOTE_RE.match(text):
            notes.append(text)
            continue
        if is_header_line(text):
            continue
        if is_numbers_only(text) and data_line is None:
            data_line = line
            numbers = split_trailing_numbers(text)[1]
        elif text.startswith("合计") and data_line is None:
            _, trailing = split_trailing_numbers(text[2:])
            if trailing:
                data_line, numbers = line, trailing
    if data_line is None:
        return ThreePublicTable([], issues, notes, False)
    try:
        values = [parse_amount(token, unit) for token in numbers]
    except ValueError as exc:
        issues.append(ParseIssue("three_public", data_line.line_no, "error", f"金额无法读取：{exc}，本行未载入", data_line.text))
        return ThreePublicTable([], issues, notes, True)
    placements, _ = candidate_placements(values, len(COLUMNS), IDENTITIES)
    if not placements:
        issues.append(ParseIssue("three_public", data_line.line_no, "error", f"印有 {len(values)} 个数字，多于 7 列，未载入", data_line.text))
        return ThreePublicTable([], issues, notes, True)
    variable = RowVariable("row", values, placements)
    figures = narrative_figures(narrative)
    narrow_by_context(variable, len(COLUMNS), {COLUMNS.index(m): v for m, v in figures.items()})
    solution = TreeSolver({"row": variable}, {}, len(COLUMNS)).solve(["row"])
    if "row" in solution.ambiguous:
        issues.append(
            ParseIssue("three_public", data_line.line_no, "error", "“三公”表的数字无法唯一确定所属列（算术与说明文字均不足以判断），未载入", data_line.text)
        )
        return ThreePublicTable([], issues, notes, True)
    placement = solution.chosen["row"]
    source = "position" if len(values) == len(COLUMNS) else ("context" if variable.narrowed_by_context else "arithmetic")
    cells = [
        AmountCell(
            table_key="three_public",
            side="",
            row_kind="item",
            code="",
            row_label="“三公”经费和机关运行经费",
            measure=COLUMNS[column],
            amount=value,
            printed_amount=printed,
            printed_unit=unit,
            line_no=data_line.line_no,
            page_no=data_line.page_no,
            row_text=data_line.text.strip(),
            column_source=source,
        )
        for printed, value, column in zip(numbers, values, placement)
    ]
    return ThreePublicTable(cells, issues, notes, True)
