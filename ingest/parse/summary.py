"""The two-sided summary tables: 财务收支预算总表 and 财政拨款收支预算总表.

Each printed line may hold an income item on the left and an expenditure 类 on the right; a line is
cut into segments (label + its numbers), each segment is put on its side by what its label says.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import IssueCode, make_issue
from ..model import AmountCell, Line, ParseIssue
from ..numbers import BLANK_MARKERS, is_number_token, parse_amount
from ..templates import DEFAULT_FAMILY, ColumnLayout, TableSpec
from .coded import solver_identities
from .rows import NOTE_RE, is_fragment, is_header_line, normalise_row_text, unread_amount
from .solver import RowVariable, TreeSolver, candidate_placements, narrow_by_context, narrow_by_sums, settle_ambiguous

SEGMENT_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|（[一二三四五六七八九十]+）|收入总计|支出总计|收入合计|支出合计)")
ORDINAL_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]\s*|（[一二三四五六七八九十]+）)")

def income_measure(label: str, items: tuple[tuple[str, str], ...]) -> str | None:
    """The income measure a label names, by the table's ``income_items`` (keyword → measure, in order)."""
    if "支出" in label:
        return None
    for keyword, measure in items:
        if keyword in label:
            return measure
    return None


@dataclass
class Segment:
    """A piece of a summary-table line: a label and the numbers printed after it (as printed), the line it
    is on, the side it belongs to ('income' | 'expenditure', '' until placed) and its text.
    """

    label: str
    numbers: list[str] = field(default_factory=list)
    line: Line | None = None
    side: str = ""
    text: str = ""


def cut_segments(text: str) -> list[Segment]:
    """A summary-table line cut into segments: each label with the numbers that follow it; a new segment
    starts at a number's end or at an ordinal / 合计 / 总计 label (numbers before any label get label '').
    """
    segments: list[Segment] = []
    for token in text.split():
        if is_number_token(token) or token in BLANK_MARKERS:
            if not segments:
                segments.append(Segment(""))
            segments[-1].numbers.append(token)
            continue
        current = segments[-1] if segments else None
        if current is None or current.numbers or (SEGMENT_START_RE.match(token) and current.label):
            segments.append(Segment(token))
        else:
            current.label += token
    return segments


def strip_ordinal(label: str) -> str:
    """A summary row's label without its ordinal (一、 / 1. / （一）)."""
    return ORDINAL_RE.sub("", label).strip()


@dataclass
class SummaryTable:
    """One summary table read: its key, the amount cells (yuan) of both sides, its issues and the name of the
    expenditure side's column layout the header showed.
    """

    table_key: str
    cells: list[AmountCell]
    issues: list[ParseIssue]
    layout: str


def read_segments(spec: TableSpec, body: list[Line]) -> tuple[list[Segment], ColumnLayout, list[ParseIssue]]:
    """Cut the body into labelled segments on their sides, and find the expenditure side's column layout
    from the header lines (the last-declared layout whose trigger word a header shows)."""
    table_key = spec.key
    layouts = spec.expenditure_layouts
    chosen = 0
    segments: list[Segment] = []
    issues: list[ParseIssue] = []
    for line in body:
        text = normalise_row_text(line.text)
        if not text or NOTE_RE.match(text):
            continue
        if is_header_line(text) or text.startswith(("本年收入", "财政拨款收入 财政拨款支出")):
            for index, layout in enumerate(layouts):
                if index > chosen and layout.trigger and layout.trigger in text:
                    chosen = index
            continue
        if "，" in text or "。" in text:
            continue  # a sentence printed under the table, not a row
        if is_fragment(text) and segments and income_measure(text, spec.income_items) is None and not SEGMENT_START_RE.match(text):
            target = next((s for s in reversed(segments) if s.side == "expenditure"), segments[-1])
            target.label += text
            target.text += " " + text
            continue
        pieces = cut_segments(text)
        if len(pieces) == 1 and not pieces[0].label and segments:
            pending = next((s for s in reversed(segments) if not s.numbers), None)
            if pending is None:
                issues.append(make_issue(IssueCode.SUMMARY_ORPHAN_NUMBERS, table_key, line.line_no, text))
                continue
            pending.numbers = pieces[0].numbers
            pending.line = line
            pending.text += " " + text
            continue
        wrapped = wrapped_expenditure_numbers(pieces, segments, spec, layouts[chosen])
        if wrapped is not None:
            pending, numbers = wrapped
            pending.numbers = numbers
            pending.line = line
            pending.text += " " + text
        for position, piece in enumerate(pieces):
            unread = unread_amount(piece.label)
            if unread is not None:
                issues.append(make_issue(IssueCode.SUMMARY_ITEM_UNREADABLE, table_key, line.line_no, text, amount=unread))
                continue
            piece.line = line
            piece.text = text
            if income_measure(piece.label, spec.income_items) is not None:
                piece.side = "income"
            elif "支出" in piece.label or position > 0 or len(pieces) == 1:
                piece.side = "expenditure"
            else:
                piece.side = "income"
            segments.append(piece)
    return segments, layouts[chosen], issues


def wrapped_expenditure_numbers(
    pieces: list[Segment], segments: list[Segment], spec: TableSpec, layout: ColumnLayout
) -> tuple[Segment, list[str]] | None:
    """An expenditure name wrapped around an income row: its first half on the line above (a segment
    still waiting for numbers), its numbers printed after the income item's (``二、政府性基金 3,380,000
    8,568,532 4,396,960 391,000 3,780,572``), the rest of the name on the line below.

    The income item takes one number or none (its cell may be blank and print nothing); the reading
    kept is the one whose expenditure numbers can meet the layout's identities, and only when exactly one
    can. Returns the waiting segment and its numbers (taken off the income piece), or None (the line is
    then read as before: an income item with several numbers is reported).
    """
    if len(pieces) != 1 or len(pieces[-1].numbers) < 2 or income_measure(pieces[-1].label, spec.income_items) is None:
        return None
    pending = next((s for s in reversed(segments) if s.side == "expenditure"), None)
    if pending is None or not pending.label or pending.numbers:
        return None
    piece = pieces[-1]
    try:
        values = [parse_amount(token, "元") for token in piece.numbers]
    except ValueError:
        return None
    width = len(layout.columns)
    identities = solver_identities(layout.columns, layout.identities)
    readings = [
        taken for taken in (0, 1)
        if 0 < len(values) - taken <= width and candidate_placements(values[taken:], width, identities)[1]
    ]
    if len(readings) != 1:
        return None
    taken = readings[0]
    numbers = piece.numbers[taken:]
    piece.numbers = piece.numbers[:taken]
    return pending, numbers


def drop_repeated_segments(table_key: str, segments: list[Segment]) -> tuple[list[Segment], list[ParseIssue]]:
    """A page printed twice repeats its rows: keep each (side, label) once. The same label printed again
    with other numbers is a conflict: the first is kept and the second reported."""
    kept: dict[tuple[str, str], Segment] = {}
    result: list[Segment] = []
    issues: list[ParseIssue] = []
    for segment in segments:
        key = (segment.side, strip_ordinal(segment.label))
        first = kept.get(key)
        if first is None or not segment.label:
            kept.setdefault(key, segment)
            result.append(segment)
            continue
        if first.numbers != segment.numbers and segment.numbers and segment.line is not None:
            issues.append(
                make_issue(
                    IssueCode.SUMMARY_REPEATED_CONFLICT, table_key, segment.line.line_no, segment.text,
                    label=segment.label, first=" ".join(first.numbers), second=" ".join(segment.numbers),
                )
            )
    return result, issues


def parse_summary_table(
    table_key: str,
    body: list[Line],
    unit: str,
    class_by_name: dict[str, str],
    context_by_code: dict[str, dict[str, Decimal]],
    spec: TableSpec | None = None,
    settling_by_code: dict[str, dict[str, Decimal]] | None = None,
) -> SummaryTable:
    """Read a two-sided summary table: income items (by label) and expenditure rows (类 resolved by name
    through ``class_by_name``), columns of the expenditure side placed by the layout's identities and by
    ``context_by_code`` (类 code → measure → yuan from other tables). ``settling_by_code`` (the same
    with the zeros other tables print blank, and measures that are sums of this layout's columns, such as
    基本支出) places only the rows the rest leaves ambiguous. ``spec`` is the registry table (default: the
    Shanghai budget's ``table_key``). Problems are returned as issues, never raised."""
    spec = spec or DEFAULT_FAMILY.table(table_key)
    segments, layout, issues = read_segments(spec, body)
    segments, repeat_issues = drop_repeated_segments(table_key, segments)
    issues += repeat_issues
    columns = layout.columns
    cells: list[AmountCell] = []

    def cell(segment: Segment, measure: str, printed: str, value: Decimal, kind: str, code: str, source: str) -> AmountCell:
        assert segment.line is not None
        return AmountCell(
            table_key=table_key,
            side=segment.side,
            row_kind=kind,
            code=code,
            row_label=segment.label,
            measure=measure,
            amount=value,
            printed_amount=printed,
            printed_unit=unit,
            line_no=segment.line.line_no,
            page_no=segment.line.page_no,
            row_text=segment.text.strip(),
            column_source=source,
        )

    expenditure_rows: list[Segment] = []
    for segment in segments:
        if segment.line is None:
            continue
        if segment.side == "income":
            measure = income_measure(segment.label, spec.income_items)
            if measure is None:
                continue
            if len(segment.numbers) > 1:
                issues.append(make_issue(IssueCode.INCOME_ITEM_MANY_NUMBERS, table_key, segment.line.line_no, segment.text, label=segment.label))
                continue
            for printed in segment.numbers:
                try:
                    value = parse_amount(printed, unit)
                except ValueError as exc:
                    issues.append(make_issue(IssueCode.AMOUNT_UNREADABLE, table_key, segment.line.line_no, segment.text, reason=exc, suffix=""))
                    continue
                kind = "total" if measure == "total" else "item"
                cells.append(cell(segment, measure, printed, value, kind, "", "position"))
        elif segment.label:
            expenditure_rows.append(segment)

    width = len(columns)
    identities = solver_identities(columns, layout.identities)
    variables: dict[Hashable, RowVariable] = {}
    keys: list[Hashable] = []
    total_key: Hashable | None = None
    codes: dict[Hashable, str] = {}
    for index, segment in enumerate(expenditure_rows):
        try:
            values = [parse_amount(token, unit) for token in segment.numbers]
        except ValueError as exc:
            assert segment.line is not None
            issues.append(make_issue(IssueCode.AMOUNT_UNREADABLE, table_key, segment.line.line_no, segment.text, reason=exc, suffix=""))
            values, segment.numbers = [], []
        placements, _ = candidate_placements(values, width, identities)
        if not placements:
            assert segment.line is not None
            issues.append(make_issue(IssueCode.SUMMARY_TOO_MANY_NUMBERS, table_key, segment.line.line_no, segment.text, label=segment.label, width=width))
            placements, values, segment.numbers = [()], [], []
        key: Hashable = index
        is_total = "总计" in segment.label or "合计" in segment.label
        if is_total:
            total_key = key
        else:
            keys.append(key)
            code = class_by_name.get(strip_ordinal(segment.label), "")
            codes[key] = code
            if not code and segment.line is not None:
                issues.append(
                    make_issue(IssueCode.SUMMARY_CLASS_UNKNOWN, table_key, segment.line.line_no, segment.text, label=segment.label)
                )
        variable = RowVariable(key, values, placements)
        known = context_by_code.get(codes.get(key, ""), {})
        narrow_by_context(variable, width, {columns.index(m): v for m, v in known.items() if m in columns})
        variables[key] = variable
    children: dict[Hashable, list[Hashable]] = {}
    roots: list[Hashable] = keys
    if total_key is not None:
        children[total_key] = keys
        roots = [total_key]
    solution = TreeSolver(variables, children, width).solve(roots)
    if settling_by_code:

        def settle(key: Hashable, variable: RowVariable) -> None:
            known = settling_by_code.get(codes.get(key, ""), {})
            narrow_by_context(variable, width, {columns.index(m): v for m, v in known.items() if m in columns})
            narrow_by_sums(variable, width, {
                tuple(columns.index(part) for part in derived.parts): known[derived.total]
                for derived in layout.derived if derived.total in known and derived.total not in columns
            })

        solution = settle_ambiguous(solution, variables, children, width, roots, settle)
    for key, segment in enumerate(expenditure_rows):
        variable = variables[key]
        if key in solution.ambiguous:
            assert segment.line is not None
            issues.append(make_issue(IssueCode.SUMMARY_AMBIGUOUS, table_key, segment.line.line_no, segment.text, label=segment.label))
            continue
        placement = solution.chosen.get(key, ())
        source = "position" if len(variable.numbers) == width else ("context" if variable.narrowed_by_context else "arithmetic")
        kind = "total" if key == total_key else "item"
        for printed, value, column in zip(segment.numbers, variable.numbers, placement):
            cells.append(cell(segment, columns[column], printed, value, kind, codes.get(key, ""), source))
    return SummaryTable(table_key, cells, issues, layout.name)
