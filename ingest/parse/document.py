"""One parser of tables and narrative, fed by any reader that yields numbered lines."""

from __future__ import annotations

from decimal import Decimal

from ..model import (
    AmountCell,
    IngestError,
    Line,
    ParsedDocument,
    ParseIssue,
    PrintedCode,
    TableInfo,
)
from .coded import CodedTable, has_unreadable_rows, lei_hints, parse_coded_table
from .layout import TableSegment, find_unit, locate_family
from .meta import read_meta
from .narrative import parse_narrative
from .projects import parse_projects
from .summary import parse_summary_table
from .three_public import parse_three_public

INCOME_SOURCES = ("fiscal_appropriation", "business", "operating", "other")
FUND_TABLES = {"general_public": "general_public", "government_fund": "government_fund", "state_capital": "state_capital"}


def group_segments(segments: list[TableSegment]) -> dict[str, list[TableSegment]]:
    grouped: dict[str, list[TableSegment]] = {}
    for segment in segments:
        grouped.setdefault(segment.table_key, []).append(segment)
    return grouped


def table_body(parts: list[TableSegment]) -> list[Line]:
    return [line for part in parts for line in part.body]


def lei_names(tables: dict[str, CodedTable]) -> dict[str, str]:
    names: dict[str, str] = {}
    for key in ("expenditure", "general_public", "income", "government_fund", "state_capital"):
        table = tables.get(key)
        if table is None:
            continue
        for row in table.rows:
            if row.kind == "code" and len(row.code) == 3:
                names.setdefault(row.name, row.code)
    return names


def lei_context(table: CodedTable | None, measures: dict[str, str]) -> dict[str, dict[str, Decimal]]:
    """类 values of a coded table, renamed to another table's measures."""
    context: dict[str, dict[str, Decimal]] = {}
    if table is None:
        return context
    for cell in table.cells:
        if cell.row_kind == "code" and len(cell.code) == 3 and cell.measure in measures:
            context.setdefault(cell.code, {})[measures[cell.measure]] = cell.amount
    return context


def narrative_after(lines: list[Line], segments: list[TableSegment]) -> str:
    three = [s for s in segments if s.table_key == "three_public"]
    start = three[-1].title_line.line_no if three else 0
    return "".join(line.text.strip() for line in lines if line.line_no > start)


def refuse_if_cut_off(
    lines: list[Line],
    segments: list[TableSegment],
    coded: dict[str, CodedTable],
    amounts: list[AmountCell],
    three_has_row: bool,
    where: str,
) -> None:
    """A text that stops inside a table (no closing 合计/总计 row, and nothing after it) was cut off:
    loading the rows before the cut would pass half a table off as the whole."""
    last = max(segments, key=lambda segment: segment.title_line.line_no)
    printed = [line for line in lines if line.text.strip()]
    body_lines = [line for line in last.body if line.text.strip()]
    if not printed or (body_lines and body_lines[-1].line_no != printed[-1].line_no):
        return
    key = last.table_key
    if key in coded:
        table = coded[key]
        closed = any(row.kind == "total" for row in table.rows)
    elif key == "three_public":
        closed = three_has_row
    else:
        closed = any(cell.table_key == key and cell.row_kind == "total" for cell in amounts)
    if not closed:
        raise IngestError(
            f"{where}: the text ends inside the table “{last.title}” (no closing 合计/总计 row): "
            "the document is cut off, nothing was loaded from it"
        )


def parse_document(lines: list[Line], source_file: str, source_sha256: str, where: str = "") -> ParsedDocument:
    """Parse a document; ``where`` (the path as given) names the file in error messages."""
    where = where or source_file
    located = locate_family(lines)
    family = located.family
    segments = located.segments
    if len(located.found) < family.min_tables:
        raise IngestError(f"{where}: fewer than three of the nine budget tables found: not a budget disclosure")
    meta = read_meta(lines, segments, where)
    if meta.kind == "final_account":
        raise IngestError(f"{where}: a 决算 (final account), not supported yet: only 预算 documents are read so far")
    grouped = group_segments(segments)
    issues: list[ParseIssue] = []
    units: dict[str, str] = {}
    for key, parts in grouped.items():
        unit = find_unit(table_body(parts))
        if unit is None:
            unit = family.table(key).default_unit
            issues.append(ParseIssue(key, parts[0].title_line.line_no, "warning", f"表中未印单位，按{unit}读取", parts[0].title))
        units[key] = unit

    coded: dict[str, CodedTable] = {}
    # The income table's first pass only supplies 类 names; its columns are decided after the summary.
    for key in ("expenditure", "general_public", "government_fund", "state_capital", "basic_economic", "income"):
        if key in grouped:
            coded[key] = parse_coded_table(key, table_body(grouped[key]), units[key], solve=key != "income")
    hints = lei_hints(coded)
    for key, table in list(coded.items()):
        if has_unreadable_rows(table):
            coded[key] = parse_coded_table(key, table_body(grouped[key]), units[key], lei_hints=hints)

    amounts: list[AmountCell] = []
    summary_income: dict[str, Decimal] = {}
    if "financial_summary" in grouped:
        summary = parse_summary_table(
            "financial_summary",
            table_body(grouped["financial_summary"]),
            units["financial_summary"],
            lei_names(coded),
            lei_context(coded.get("expenditure"), {"total": "total", "basic": "basic", "project": "project"}),
        )
        amounts += summary.cells
        issues += summary.issues
        printed = {c.measure: c.amount for c in summary.cells if c.side == "income" and c.row_kind == "item"}
        if printed:
            summary_income = {source: printed.get(source, Decimal("0.00")) for source in INCOME_SOURCES}
    if "income" in grouped:
        context = {"合计": summary_income} if summary_income else None
        coded["income"] = parse_coded_table("income", table_body(grouped["income"]), units["income"], context, hints)
    if "fiscal_summary" in grouped:
        fund_context: dict[str, dict[str, Decimal]] = {}
        for table_key, measure in FUND_TABLES.items():
            for code, values in lei_context(coded.get(table_key), {"total": measure}).items():
                fund_context.setdefault(code, {}).update(values)
        summary = parse_summary_table(
            "fiscal_summary", table_body(grouped["fiscal_summary"]), units["fiscal_summary"], lei_names(coded), fund_context
        )
        amounts += summary.cells
        issues += summary.issues

    codes: list[PrintedCode] = []
    seen_codes: set[tuple[str, str, str]] = set()
    for key in ("income", "expenditure", "general_public", "government_fund", "state_capital", "basic_economic"):
        table = coded.get(key)
        if table is None:
            continue
        amounts += table.cells
        issues += table.issues
        for code in table.codes:
            identity = (code.classification, code.code, code.printed_name)
            if identity not in seen_codes:
                seen_codes.add(identity)
                codes.append(code)

    three_notes: list[str] = []
    three_has_row = False
    if "three_public" in grouped:
        three = parse_three_public(table_body(grouped["three_public"]), units["three_public"], narrative_after(lines, segments))
        amounts += three.cells
        issues += three.issues
        three_notes = three.notes
        three_has_row = three.has_data_row

    refuse_if_cut_off(lines, segments, coded, amounts, three_has_row, where)

    tables: list[TableInfo] = []
    for key in family.table_keys:
        parts = grouped.get(key)
        if not parts:
            tables.append(TableInfo(key, "", "", "missing", "", None, None))
            continue
        body = table_body(parts)
        has_rows = any(cell.table_key == key for cell in amounts) or (key in coded and bool(coded[key].rows and any(r.kind == "code" for r in coded[key].rows))) or (key == "three_public" and three_has_row)
        notes = coded[key].notes if key in coded else three_notes if key == "three_public" else []
        tables.append(
            TableInfo(
                key,
                parts[0].title,
                units[key],
                "present" if has_rows else "empty",
                " ".join(notes),
                parts[0].title_line.line_no,
                body[-1].line_no if body else parts[0].title_line.line_no,
            )
        )
    if any(t.status == "missing" for t in tables):
        missing = "、".join(t.table_key for t in tables if t.status == "missing")
        issues.append(ParseIssue("", None, "warning", f"未找到以下表：{missing}"))

    meta.amount_unit = units.get("expenditure", units.get("income", "元"))
    projects, project_issues = parse_projects(lines)
    issues += project_issues

    return ParsedDocument(source_file, source_sha256, meta, tables, amounts, codes, projects, issues,
                          parse_narrative(lines))
