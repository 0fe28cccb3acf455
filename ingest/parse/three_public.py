"""三公经费和机关运行经费预算表: one row of up to seven numbers, often with blanks left out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..issues import IssueCode, make_issue
from ..model import AmountCell, Line, ParseIssue
from ..numbers import parse_amount
from ..templates import DEFAULT_FAMILY, TableSpec
from .coded import solver_identities
from .rows import NOTE_RE, is_header_line, is_numbers_only, normalise_row_text, split_trailing_numbers
from .columns import header_grids, number_positions
from .solver import Placement, RowVariable, TreeSolver, candidate_placements, narrow_by_context

SPEC = DEFAULT_FAMILY.table("three_public")


def position_placement(
    body: list[Line],
    data_line: Line,
    numbers: list[str],
    columns: tuple[str, ...],
    header_words: dict[str, tuple[str, ...]] | None,
) -> Placement | None:
    """The columns the row's numbers sit under (a decisive header grid on its page), else None."""
    if header_words is None:
        return None
    grid = header_grids(body, columns, header_words).get(data_line.page_no)
    xs = number_positions(data_line, numbers)
    if grid is None or not grid.decisive or xs is None:
        return None
    return grid.placement(xs)


@dataclass
class ThreePublicTable:
    """The “三公”经费 table read: its amount cells (yuan), issues, the notes printed under it and whether it
    has a data row (present vs empty).
    """

    cells: list[AmountCell]
    issues: list[ParseIssue]
    notes: list[str]
    has_data_row: bool


def parse_three_public(
    body: list[Line],
    unit: str,
    figures: dict[str, Decimal],
    spec: TableSpec = SPEC,
    header_words: dict[str, tuple[str, ...]] | None = None,
) -> ThreePublicTable:
    """Read the single data row of a 三公-like table (``spec``: its columns and identities).

    The row prints only its non-blank cells; they are placed by the identities and, when those leave it
    open, by the x-position of each number under the column header (PDF input, when one header line
    names every column by ``header_words``), then by ``figures`` (measure → yuan as the narrative or other
    tables state them). Problems are returned as issues, never raised.
    """
    key, columns = spec.key, spec.columns
    identities = solver_identities(spec.columns, spec.identities)
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
        issues.append(make_issue(IssueCode.AMOUNT_UNREADABLE, key, data_line.line_no, data_line.text, reason=exc, suffix="，本行未载入"))
        return ThreePublicTable([], issues, notes, True)
    placements, _ = candidate_placements(values, len(columns), identities)
    if not placements:
        issues.append(make_issue(IssueCode.SINGLE_ROW_TOO_MANY, key, data_line.line_no, data_line.text, count=len(values), width=len(columns)))
        return ThreePublicTable([], issues, notes, True)
    variable = RowVariable("row", values, placements)
    by_position = position_placement(body, data_line, numbers, columns, header_words)
    if by_position is not None and len(placements) > 1 and by_position in placements:
        variable.placements = [by_position]
    # a figure of a measure this template's table has no column for (Jiangsu: 机关运行经费) narrows nothing
    narrow_by_context(variable, len(columns), {columns.index(m): v for m, v in figures.items() if m in columns})
    solution = TreeSolver({"row": variable}, {}, len(columns)).solve(["row"])
    if "row" in solution.ambiguous:
        issues.append(
            make_issue(IssueCode.SINGLE_ROW_AMBIGUOUS, key, data_line.line_no, data_line.text, table=spec.label_zh)
        )
        return ThreePublicTable([], issues, notes, True)
    placement = solution.chosen["row"]
    if len(values) == len(columns) or (by_position is not None and placement == by_position and len(placements) > 1):
        source = "position"
    else:
        source = "context" if variable.narrowed_by_context else "arithmetic"
    cells = [
        AmountCell(
            table_key=key,
            side="",
            row_kind="item",
            code="",
            row_label=spec.row_label or spec.name_zh,
            measure=columns[column],
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
