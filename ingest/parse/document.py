"""One parser of tables and narrative, fed by any reader that yields numbered lines.

``parse_document`` runs four phases, each a function below:

1. **locate**: the template family whose tables the document prints (``locate_family``), each table's
   segments and unit; the document's metadata (its unit taken from the tables it prints);
2. **read**: the rows of every coded table, once (names and codes are known before any column is decided);
   the narrative, once;
3. **solve**: each table in the family's declared ``solve_order``, with the context the tables solved
   before it give (``TableSpec.context_from``): a summary table's expenditure 类 from coded tables, a
   coded table's 合计 from a summary's income side, the 三公 row from the narrative's figures;
4. **assemble**: amounts, printed codes, table statuses and issues into a ``ParsedDocument``.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import IssueCode, make_issue, render
from ..model import (
    AmountCell,
    DocumentMeta,
    IngestError,
    Line,
    NarrativeFact,
    ParsedDocument,
    ParseIssue,
    PrintedCode,
    TableInfo,
)
from ..templates import (
    LAYOUT_CATEGORY_TOTAL,
    LAYOUT_CODED,
    LAYOUT_NOT_READ,
    LAYOUT_SIDE_BY_SIDE,
    LAYOUT_SINGLE_ROW,
    LAYOUT_SOURCE_GROUPS,
    LAYOUT_SUMMARY,
    TableSpec,
    TemplateFamily,
)
from .coded import CodedSpec, CodedTable, class_hints, has_unreadable_rows, parse_coded_table, solve_read_table, with_row_copies
from .execution import parse_execution
from .final_account import TEMPLATE as FINAL_TEMPLATE
from .final_account import parse_final_tables, read_final_meta
from .final_narrative import parse_final_narrative
from .gaps import incomplete_table_issues
from .glyphs import rejoin_detached_glyphs
from .labelled import parse_category_total, parse_side_by_side, parse_source_groups
from .layout import FamilyMatch, TableSegment, closest_family, find_unit, locate_family, tables_published_apart
from .meta import read_meta
from .narrative import parse_narrative
from .narrative_gaps import final_gap_issues, narrative_gap_issues
from .projects import parse_projects
from .summary import parse_summary_table
from .three_public import parse_three_public

# Narrative topics (其他相关情况说明) that state a 三公 table's figures, by the table's measure.
THREE_PUBLIC_TOPICS = {
    "three_public_total": "total",
    "abroad": "abroad",
    "reception": "reception",
    "vehicle_total": "vehicle_total",
    "vehicle_purchase": "vehicle_purchase",
    "vehicle_operation": "vehicle_operation",
    "operation_fund": "operation_fund",
}


def group_segments(segments: list[TableSegment]) -> dict[str, list[TableSegment]]:
    """The segments by table key, each key's segments in document order (a table continued over pages
    or printed twice has several).
    """
    grouped: dict[str, list[TableSegment]] = {}
    for segment in segments:
        grouped.setdefault(segment.table_key, []).append(segment)
    return grouped


def table_body(parts: list[TableSegment]) -> list[Line]:
    """The body lines of a table's segments, one after the other."""
    return [line for part in parts for line in part.body]


# --------------------------------------------------------------------------- phase 1: locate


@dataclass
class Located:
    """What phase 1 found: the family, its tables' segments and units, the document's metadata."""

    family: TemplateFamily
    segments: list[TableSegment]
    grouped: dict[str, list[TableSegment]]
    units: dict[str, str]
    meta: DocumentMeta
    issues: list[ParseIssue] = field(default_factory=list)

    def body(self, key: str) -> list[Line]:
        """The body lines of the table `key` (all its segments). Raises KeyError when it was not found."""
        return table_body(self.grouped[key])


def locate(lines: list[Line], where: str, located: FamilyMatch | None = None) -> Located:
    """The family, tables and metadata of a document. IngestError (naming ``where``) when fewer than the
    family's ``min_tables`` are found or the document is of a kind no family reads. ``located``:
    ``locate_family(lines)`` when the caller has it already."""
    if located is None:
        located = locate_family(lines)
    family = located.family
    if not located.found:
        raise IngestError(f"{where}: no table of any known template found: not a budget disclosure")
    if len(located.found) < family.min_tables:
        closest, listed = closest_family(lines)
        if listed > len(located.found):
            # The titles it lists (a 目录) say which template it belongs to better than the few tables found.
            family = closest
            located = locate_family(lines, (closest,))
        raise IngestError(unsupported_layout(where, located.found, located.missing, family))
    grouped = group_segments(located.segments)
    issues: list[ParseIssue] = []
    units: dict[str, str] = {}
    for key, parts in grouped.items():
        unit = find_unit(table_body(parts))
        if unit is None:
            unit = family.table(key).default_unit
            issues.append(make_issue(IssueCode.UNIT_NOT_PRINTED, key, parts[0].title_line.line_no, parts[0].title, unit=unit))
        units[key] = unit
    amount_unit = document_unit(family, units)
    meta = read_meta(lines, located.segments, where, amount_unit, family)
    if meta.kind != family.kind:
        raise IngestError(
            f"{where}: a 决算 (final account) whose tables are not those of the national {FINAL_TEMPLATE} template "
            "(收入支出决算总表, 收入决算表, 支出决算表, …): unsupported layout, nothing was loaded"
        )
    return Located(family, located.segments, grouped, units, meta, issues)


def unsupported_layout(where: str, found: tuple[str, ...], missing: tuple[str, ...], family: TemplateFamily) -> str:
    """The message for a file whose tables are found but do not make up a known template."""
    return render(
        IssueCode.UNSUPPORTED_LAYOUT,
        file=where,
        found="、".join(found),
        missing="、".join(missing),
        template=f"{family.key} ({family.name_zh})",
        needed=family.min_tables,
    )


def document_unit(family: TemplateFamily, units: dict[str, str]) -> str:
    """The unit the document's main tables print in: that of its first coded table that is all funds
    (the 支出总表), else of its first coded table, else 元."""
    coded = family.tables_with_layout(LAYOUT_CODED)
    for table in sorted(coded, key=lambda table: table.fund_type != "all"):
        if table.key in units:
            return units[table.key]
    return "元"


# --------------------------------------------------------------------------- phase 2: read


@dataclass
class ReadRows:
    """What phase 2 reads of the coded tables: ``tables`` as the other tables see them (a table with a row
    not understood read again with the 类 the others print, which repairs a misprinted 类 code), and
    ``plain`` every table's first reading, without such hints (what solving a table with no row left not
    understood starts from, so it is not read a third time)."""

    tables: dict[str, CodedTable]
    plain: dict[str, CodedTable]


def read_rows(located: Located) -> ReadRows:
    """Every coded table's rows and codes (no column decided yet), read once; a table with a row not
    understood is read again with the 类 the others print (a misprinted 类 code is then repaired)."""
    coded: dict[str, CodedTable] = {}
    for key in located.family.solve_keys:
        table = located.family.table(key)
        if table.layout == LAYOUT_CODED and key in located.grouped:
            coded[key] = parse_coded_table(key, located.body(key), located.units[key], solve=False, spec=CodedSpec.of(table, located.family))
    plain = dict(coded)
    hints = class_hints(coded)
    for key, read in list(coded.items()):
        if has_unreadable_rows(read):
            table = located.family.table(key)
            coded[key] = parse_coded_table(
                key, located.body(key), located.units[key], class_hints=hints, solve=False, spec=CodedSpec.of(table, located.family)
            )
    return ReadRows(coded, plain)


# --------------------------------------------------------------------------- phase 3: solve


@dataclass
class Solved:
    """What phase 3 gives per table key: the coded tables solved, the amount cells (yuan) of every table,
    its issues, the notes printed under it and whether it has any data row (present vs empty).
    """

    coded: dict[str, CodedTable] = field(default_factory=dict)
    amounts: dict[str, list[AmountCell]] = field(default_factory=dict)
    issues: dict[str, list[ParseIssue]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    has_rows: dict[str, bool] = field(default_factory=dict)


def class_names(family: TemplateFamily, tables: dict[str, CodedTable]) -> dict[str, str]:
    """类 name → code over the function tables (all-funds table first, then the others in family order)."""
    names: dict[str, str] = {}
    ordered = sorted(
        (table for table in family.tables_with_layout(LAYOUT_CODED) if table.classification == "function"),
        key=lambda table: table.fund_type != "all",
    )
    for spec in ordered:
        table = tables.get(spec.key)
        if table is None:
            continue
        for row in table.rows:
            if row.kind == "code" and len(row.code) == 3:
                names.setdefault(row.name, row.code)
    return names


def class_context(table: CodedTable | None, measures: dict[str, str], blanks: bool = False) -> dict[str, dict[str, Decimal]]:
    """类 values of a solved coded table, renamed to another table's measures; with ``blanks``, also
    the zero of each measure a placed 类 row prints blank."""
    context: dict[str, dict[str, Decimal]] = {}
    if table is None:
        return context
    for cell in table.cells:
        if cell.row_kind == "code" and len(cell.code) == 3:
            values = context.setdefault(cell.code, dict.fromkeys(measures.values(), Decimal("0.00")) if blanks else {})
            if cell.measure in measures:
                values[measures[cell.measure]] = cell.amount
    return context


def summary_context(
    spec: TableSpec, family: TemplateFamily, solved: Solved, blanks: bool = False
) -> dict[str, dict[str, Decimal]]:
    """Expenditure 类 figures for a summary table from the coded tables it is solved after: a one-fund
    table's 合计 is that fund's column when the summary prints fund columns, else measures map by name.
    ``blanks``: with the zeros the coded tables' placed 类 rows print blank (see ``class_context``)."""
    columns = {measure for layout in spec.expenditure_layouts for measure in layout.columns}
    context: dict[str, dict[str, Decimal]] = {}
    for source_key in spec.context_from:
        source = family.table(source_key)
        if source.layout != LAYOUT_CODED:
            continue
        if source.fund_type in columns:
            mapping = {"total": source.fund_type}
        else:
            mapping = {measure: measure for measure in source.columns if measure in columns}
        for code, values in class_context(solved.coded.get(source_key), mapping, blanks).items():
            context.setdefault(code, {}).update(values)
    return context


def total_row_context(spec: TableSpec, family: TemplateFamily, solved: Solved) -> dict[str, dict[str, Decimal]] | None:
    """A coded table's 合计 row from the income side of a summary table it is solved after: each column
    but the total, 0 where the summary prints no such item (the summary lists every source it has)."""
    for source_key in spec.context_from:
        if family.table(source_key).layout != LAYOUT_SUMMARY:
            continue
        printed = {
            cell.measure: cell.amount
            for cell in solved.amounts.get(source_key, [])
            if cell.side == "income" and cell.row_kind == "item"
        }
        if printed:
            parts = [measure for measure in spec.columns if measure != "total"]
            return {"合计": {measure: printed.get(measure, Decimal("0.00")) for measure in parts}}
    return None


def placed_rows(table: CodedTable | None) -> dict[str, dict[str, Decimal]]:
    """Row key (code, or 合计) → measure → yuan of every row of a solved coded table whose numbers were
    placed; a placed row's measures without a cell were printed blank (zero). Ambiguous rows are absent."""
    rows: dict[str, dict[str, Decimal]] = {}
    for cell in table.cells if table is not None else []:
        rows.setdefault(cell.code if cell.row_kind == "code" else "合计", {})[cell.measure] = cell.amount
    return rows


def part_bounds(spec: TableSpec, family: TemplateFamily, solved: Solved) -> dict[str, dict[str, Decimal]] | None:
    """Upper bounds on a one-fund table's figures (``TableSpec.part_of``): per code and measure, the
    all-funds table's figure less what the other one-fund tables solved before print for it (a row of
    theirs left ambiguous counts as nothing, which only loosens the bound)."""
    if not spec.part_of:
        return None
    whole = placed_rows(solved.coded.get(spec.part_of))
    if not whole:
        return None
    others = [
        placed_rows(solved.coded[other.key]) for other in family.tables
        if other.part_of == spec.part_of and other.key != spec.key and other.key in solved.coded
    ]
    measures = [measure for measure in spec.columns if measure in family.table(spec.part_of).columns]
    zero = Decimal("0.00")
    return {
        key: {
            measure: values.get(measure, zero) - sum((other.get(key, {}).get(measure, zero) for other in others), zero)
            for measure in measures
        }
        for key, values in whole.items()
    }


def coded_context(spec: TableSpec, family: TemplateFamily, solved: Solved) -> dict[str, dict[str, Decimal]] | None:
    """Known figures for a coded table: its 合计 row from a summary's income side (``context_from``) and
    from other coded tables' 合计 rows (``total_from``)."""
    context = total_row_context(spec, family, solved)
    for source, there, here in spec.total_from:
        table = solved.coded.get(source)
        value = table.column_total(there) if table is not None else None
        if value is not None:
            context = context if context is not None else {}
            context.setdefault("合计", {})[here] = value
    return context


def narrative_figures(facts: list[NarrativeFact], topics: dict[str, str]) -> dict[str, Decimal]:
    """The first figure the 其他相关情况说明 states for each topic, by the table measure it is."""
    figures: dict[str, Decimal] = {}
    for fact in facts:
        measure = topics.get(fact.topic)
        if fact.section == "other" and measure and fact.amount is not None:
            figures.setdefault(measure, fact.amount)
    return figures


def code_figures(spec: TableSpec, solved: Solved) -> dict[str, Decimal]:
    """A single-row table's measures as coded tables solved before it print them (``code_context``)."""
    figures: dict[str, Decimal] = {}
    for source, code, measure in spec.code_context:
        table = solved.coded.get(source)
        value = table.value(code, "total") if table is not None else None
        if value is not None:
            figures[measure] = value
    return figures


def label_figures(spec: TableSpec, family: TemplateFamily, solved: Solved) -> dict[str, Decimal]:
    """A single-row table's measures as the by-label tables it takes ``context_from`` print them (the
    支出预算总表's 基本支出 / 项目支出 / 单位预留机动经费 in the 收支预算总表's use column)."""
    figures: dict[str, Decimal] = {}
    for source in spec.context_from:
        if family.table(source).layout != LAYOUT_SIDE_BY_SIDE:
            continue
        for cell in solved.amounts.get(source, []):
            if cell.side == "expenditure" and cell.row_kind == "item" and not cell.code and cell.measure in spec.columns:
                figures.setdefault(cell.measure, cell.amount)
    return figures


def solve(located: Located, reading: ReadRows, narrative: list[NarrativeFact]) -> Solved:
    """Every table's cells, in the family's ``solve_order``."""
    family = located.family
    rows = reading.tables
    solved = Solved()
    names: dict[str, str] | None = None
    for key in family.solve_keys:
        if key not in located.grouped:
            continue
        spec = family.table(key)
        body, unit = located.body(key), located.units[key]
        if spec.layout == LAYOUT_CODED:
            coded_spec = CodedSpec.of(spec, family)
            if has_unreadable_rows(rows[key]):
                table = parse_coded_table(
                    key, body, unit, coded_context(spec, family, solved), class_hints(rows), spec=coded_spec,
                    bounds=part_bounds(spec, family, solved),
                )
            else:
                # Read without hints already: solve that reading (on copies of its rows, which solving
                # may change, while the other tables' hints still read them).
                table = solve_read_table(
                    with_row_copies(reading.plain[key]), body, coded_spec, unit, coded_context(spec, family, solved),
                    part_bounds(spec, family, solved),
                )
            solved.coded[key] = table
            solved.amounts[key] = table.cells
            solved.issues[key] = table.issues
            solved.notes[key] = table.notes
            solved.has_rows[key] = bool(table.cells) or any(row.kind == "code" for row in table.rows)
        elif spec.layout == LAYOUT_SUMMARY:
            names = class_names(family, rows) if names is None else names
            summary = parse_summary_table(
                key, body, unit, names, summary_context(spec, family, solved), spec, summary_context(spec, family, solved, blanks=True)
            )
            solved.amounts[key] = summary.cells
            solved.issues[key] = summary.issues
            solved.has_rows[key] = bool(summary.cells)
        elif spec.layout == LAYOUT_SINGLE_ROW:
            figures = narrative_figures(narrative, THREE_PUBLIC_TOPICS)
            figures.update(code_figures(spec, solved))
            figures.update(label_figures(spec, family, solved))
            three = parse_three_public(body, unit, figures, spec, family.header_words_of(spec.columns))
            solved.amounts[key] = three.cells
            solved.issues[key] = three.issues
            solved.notes[key] = three.notes
            solved.has_rows[key] = three.has_data_row
        elif spec.layout in (LAYOUT_SIDE_BY_SIDE, LAYOUT_SOURCE_GROUPS, LAYOUT_CATEGORY_TOTAL):
            if spec.layout == LAYOUT_SIDE_BY_SIDE:
                names = class_names(family, rows) if names is None else names
                read = parse_side_by_side(spec, body, unit, names)
            elif spec.layout == LAYOUT_SOURCE_GROUPS:
                read = parse_source_groups(spec, body, unit)
            else:
                read = parse_category_total(spec, body, unit)
            solved.amounts[key] = read.cells
            solved.issues[key] = read.issues
            solved.has_rows[key] = bool(read.cells)
        elif spec.layout == LAYOUT_NOT_READ:
            title = located.grouped[key][0]
            solved.issues[key] = [
                make_issue(IssueCode.TABLE_NOT_READ, key, title.title_line.line_no, title.title,
                           table=spec.name_zh, template=family.key)
            ]
            solved.has_rows[key] = True
    return solved


def refuse_if_cut_off(lines: list[Line], located: Located, solved: Solved, where: str) -> None:
    """A text that stops inside a table (no closing 合计/总计 row, and nothing after it) was cut off:
    loading the rows before the cut would pass half a table off as the whole."""
    last = max(located.segments, key=lambda segment: segment.title_line.line_no)
    printed = [line for line in lines if line.text.strip()]
    body_lines = [line for line in last.body if line.text.strip()]
    if not printed or (body_lines and body_lines[-1].line_no != printed[-1].line_no):
        return
    key = last.table_key
    layout = located.family.table(key).layout
    if layout == LAYOUT_CODED:
        closed = any(row.kind == "total" for row in solved.coded[key].rows)
    elif layout in (LAYOUT_SINGLE_ROW, LAYOUT_NOT_READ, LAYOUT_SIDE_BY_SIDE, LAYOUT_SOURCE_GROUPS, LAYOUT_CATEGORY_TOTAL):
        closed = solved.has_rows.get(key, False)
    else:
        closed = any(cell.row_kind == "total" for cell in solved.amounts.get(key, []))
    if not closed:
        raise IngestError(
            f"{where}: the text ends inside the table “{last.title}” (no closing 合计/总计 row): "
            "the document is cut off, nothing was loaded from it"
        )


def mark_incomplete_tables(located: Located, solved: Solved) -> None:
    """Add a TABLE_INCOMPLETE issue to each coded table whose rows stop at a page the file does not have
    (parse/gaps.py). A table ending without its 合计 counts only when another coded table of the same
    document closes with one (the document's own template does)."""
    with_rows = {key: table for key, table in solved.coded.items() if any(row.kind == "code" for row in table.rows)}
    for key, table in with_rows.items():
        others_close = any(any(row.kind == "total" for row in other.rows) for other_key, other in with_rows.items()
                           if other_key != key)
        solved.issues[key] = solved.issues.get(key, []) + incomplete_table_issues(table, located.units[key], others_close)


# --------------------------------------------------------------------------- phase 4: assemble


def assemble_tables(located: Located, solved: Solved) -> list[TableInfo]:
    """One TableInfo per table of the family, in the family's order, for raw_tables: 'missing' when no
    segment was found, else 'present' (rows read) or 'empty', with title, unit, notes and line span.
    """
    tables: list[TableInfo] = []
    for key in located.family.table_keys:
        parts = located.grouped.get(key)
        if not parts:
            tables.append(TableInfo(key, "", "", "missing", "", None, None))
            continue
        body = table_body(parts)
        tables.append(
            TableInfo(
                key,
                parts[0].title,
                located.units[key],
                "present" if solved.has_rows.get(key) else "empty",
                " ".join(solved.notes.get(key, [])),
                parts[0].title_line.line_no,
                body[-1].line_no if body else parts[0].title_line.line_no,
            )
        )
    return tables


def printed_codes(located: Located, solved: Solved) -> list[PrintedCode]:
    """Each (classification, code, printed name) once, from the first coded table (family order) printing it."""
    codes: list[PrintedCode] = []
    seen: set[tuple[str, str, str]] = set()
    for key in located.family.table_keys:
        table = solved.coded.get(key)
        if table is None:
            continue
        for code in table.codes:
            identity = (code.classification, code.code, code.printed_name)
            if identity not in seen:
                seen.add(identity)
                codes.append(code)
    return codes


def parse_final_account(lines: list[Line], source_file: str, source_sha256: str, where: str) -> ParsedDocument:
    """A document of the national 决算 template (ingest/templates/final_account.py), read by position
    (parse/final_account.py): its tables, and the execution clauses of its 情况说明 as narrative facts.
    Amounts in yuan. IngestError when body or year are not printed, or no table prints a figure."""
    lines = rejoin_detached_glyphs(lines)
    region, department_name, scope, fiscal_year = read_final_meta(lines, where)
    found = parse_final_tables(lines)
    if not found.amounts:
        raise IngestError(f"{where}: a 决算 whose tables print no figure at all (a blank template?): nothing to load")
    unit = next((t.amount_unit for t in found.tables if t.table_key in ("expenditure", "income") and t.amount_unit), "万元")
    title = f"{department_name}{fiscal_year}年度{'单位' if scope == 'unit' else '部门'}决算"
    meta = DocumentMeta(region, department_name, scope, fiscal_year, "final_account", unit, title)
    last_table_line = max((t.line_end or 0) for t in found.tables)
    narrative = parse_execution(lines, after_line=last_table_line) + parse_final_narrative(lines, last_table_line)
    codes: list[PrintedCode] = []
    seen: set[tuple[str, str, str]] = set()
    for code in found.codes:  # each code once per printed name, whichever tables print it
        if (code.classification, code.code, code.printed_name) not in seen:
            seen.add((code.classification, code.code, code.printed_name))
            codes.append(code)
    return ParsedDocument(source_file, source_sha256, meta, found.tables, found.amounts, codes, [],
                          found.issues + final_gap_issues(lines, narrative), narrative, template=FINAL_TEMPLATE)


def parse_narrative_part(lines: list[Line], family: TemplateFamily, source_file: str, source_sha256: str,
                         where: str) -> ParsedDocument:
    """The narrative file of a disclosure whose tables are published in another file (its 目录 lists
    ``family``'s tables, its text says they are 附后): the metadata its cover gives and its narrative facts,
    no tables. Stored only joined to the document of its table file (``ingest.pipeline``). Amounts in yuan.
    IngestError when the cover names no body or year."""
    meta = read_meta(lines, [], where, "万元" if any(t.default_unit == "万元" for t in family.tables) else "元", family)
    narrative = parse_narrative(lines)
    return ParsedDocument(source_file, source_sha256, meta, [], [], [], [], narrative_gap_issues(lines, narrative),
                          narrative, family.key, tables_elsewhere=True)


def parse_document(lines: list[Line], source_file: str, source_sha256: str, where: str = "") -> ParsedDocument:
    """Parse a document's lines (from any reader) into tables, codes, projects and narrative facts.

    ``where`` (the path as given) names the file in error messages. Amounts in yuan. IngestError when the
    document is not one a registered family reads, or is cut off inside a table. A document whose tables
    are best those of the 决算 family goes to parse_final_account.
    """
    where = where or source_file
    rejoined = rejoin_detached_glyphs(lines)
    match = locate_family(rejoined)
    if match.family.kind == "final_account" and len(match.found) >= match.family.min_tables:
        return parse_final_account(lines, source_file, source_sha256, where)
    if len(match.found) < match.family.min_tables:
        apart = tables_published_apart(lines)
        if apart is not None:
            return parse_narrative_part(lines, apart[0], source_file, source_sha256, where)
    # Without a detached glyph the rejoined lines are the lines themselves: their tables were just found.
    unchanged = len(rejoined) == len(lines) and all(map(operator.is_, rejoined, lines))
    located = locate(lines, where, match if unchanged else None)
    rows = read_rows(located)
    narrative = parse_narrative(lines)
    solved = solve(located, rows, narrative)
    refuse_if_cut_off(lines, located, solved, where)
    mark_incomplete_tables(located, solved)

    tables = assemble_tables(located, solved)
    amounts = [cell for key in located.family.table_keys for cell in solved.amounts.get(key, [])]
    issues = list(located.issues)
    issues += [issue for key in located.family.solve_keys for issue in solved.issues.get(key, [])]
    missing = [table.table_key for table in tables if table.status == "missing"]
    if missing:
        issues.append(make_issue(IssueCode.TABLES_MISSING, "", None, tables="、".join(missing)))
    projects, project_issues = parse_projects(lines)
    issues += project_issues
    issues += narrative_gap_issues(lines, narrative)
    return ParsedDocument(
        source_file, source_sha256, located.meta, tables, amounts, printed_codes(located, solved), projects, issues,
        narrative, located.family.key,
    )
