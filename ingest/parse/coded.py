"""Coded tables (收入/支出/一般公共预算/基金/国资/经济分类): rows keyed by 类/款/项 codes."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..issues import IssueCode, make_issue
from ..model import AmountCell, Line, ParseIssue, PrintedCode
from ..numbers import BLANK_MARKERS, parse_amount
from ..templates import DEFAULT_FAMILY, LAYOUT_CODED, IdentitySpec, TableSpec, TemplateFamily
from .rows import (
    CodePrefix,
    TOTAL_RE,
    NOTE_RE,
    RawRow,
    is_fragment,
    is_header_line,
    is_numbers_only,
    unread_amount,
    normalise_row_text,
    read_code_prefix,
    split_trailing_numbers,
)
from .columns import ColumnGrid, apply_position_evidence, header_grids, number_positions, tree_solve
from .solver import (
    Identity,
    Placement,
    RowVariable,
    TreeSolver,
    candidate_placements,
    narrow_by_bounds,
    narrow_by_context,
    settle_ambiguous,
)

FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}
ECONOMIC_LEVELS = {3: "类", 5: "款"}


@dataclass(frozen=True)
class CodedSpec:
    """What the coded-table parser needs of a registry table: classification, columns, index identities."""

    classification: str  # 'function' | 'economic'
    columns: tuple[str, ...]
    identities: tuple[Identity, ...]
    # measure → header tokens naming its column (None: every registered family's words)
    header_words: dict[str, tuple[str, ...]] | None = field(default=None, compare=False, hash=False)

    @property
    def max_code_digits(self) -> int:
        """The longest code of the table's classification: 7 digits (function 项), 5 (economic 款)."""
        return 7 if self.classification == "function" else 5

    @classmethod
    def of(cls, table: TableSpec, family: TemplateFamily | None = None) -> CodedSpec:
        """The parser's view of a registry table (identities by column index; header words of ``family``)."""
        words = family.header_words_of(table.columns) if family is not None else None
        return cls(table.classification, table.columns, solver_identities(table.columns, table.identities), words)


def solver_identities(columns: tuple[str, ...], identities: tuple[IdentitySpec, ...]) -> tuple[Identity, ...]:
    """Registry identities (by measure) as solver identities (by column index in ``columns``)."""
    return tuple(
        Identity(columns.index(identity.total), tuple(columns.index(part) for part in identity.parts))
        for identity in identities
    )


CODED_SPECS: dict[str, CodedSpec] = {
    table.key: CodedSpec.of(table, DEFAULT_FAMILY) for table in DEFAULT_FAMILY.tables_with_layout(LAYOUT_CODED)
}
INCOME_SPEC = CODED_SPECS["income"]
EXPENDITURE_SPEC = CODED_SPECS["expenditure"]
ECONOMIC_SPEC = CODED_SPECS["basic_economic"]


def valid_class(code: str, classification: str) -> bool:
    """Whether a code can open its classification at all: a function code starts with 2, an economic
    code with 3, 5 or 6 (the national classifications' 类 ranges).
    """
    first = code[0]
    return first == "2" if classification == "function" else first in "356"


@dataclass
class CodedRows:
    """What reading a coded table's lines gives (read_coded_rows): its rows as printed, the notes under it
    (注：…) and the problems met, before any amount is solved.
    """

    rows: list[RawRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


# A page number printed between a table's rows (a bare integer of up to three digits, no row waiting for it).
PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
MISPRINTED_CLASS_RE = re.compile(r"^(?P<printed>\d{1,2})\s+(?P<rest>[\u4e00-\u9fff].*)$")


@dataclass(frozen=True)
class ClassHint:
    """A 类 as another table of the same document prints it: code and 合计 (printed text)."""

    code: str
    total: str
    table_key: str


def misprinted_class(text: str, hints: dict[str, ClassHint]) -> tuple[CodePrefix, ClassHint] | None:
    """A 类 row whose code is misprinted (``7 卫生健康支出 …`` for 210). The code is taken from another
    table only when that table prints the same 类 name with the same 合计."""
    match = MISPRINTED_CLASS_RE.match(text)
    if not match:
        return None
    name, numbers = split_trailing_numbers(match.group("rest"))
    hint = hints.get(name)
    if hint is None or not numbers or numbers[0] != hint.total:
        return None
    return CodePrefix(hint.code, match.group("rest"), normalised_from=match.group("printed")), hint


def total_with_numbers_below(text: str, body: list[Line], index: int) -> bool:
    """A bare 合计 whose amounts are printed on the next line (``合计`` / ``20,702.25``) is the total row,
    not the 合计 of a column header."""
    if not TOTAL_RE.match(text) or split_trailing_numbers(TOTAL_RE.sub("", text, count=1))[0]:
        return False
    following = next((normalise_row_text(line.text) for line in body[index + 1 :] if line.text.strip()), "")
    return is_numbers_only(following)


# A 款 or 项 row whose 类 cell is misprinted: ``7 11 02 事业单位医疗 …`` between 21011 and 221. The name must
# follow, so a line of small wrapped numbers is never read as a code.
MISPRINTED_CLASS_CELL_RE = re.compile(
    r"^(?P<printed>\d{1,2})\s+(?P<kuan>\d{2})(?:\s+(?P<xiang>\d{2}))?\s+(?=[\u4e00-\u9fff])"
)


def framed_code(text: str, previous_code: str | None, spec: CodedSpec) -> CodePrefix | None:
    """The code of a 款 / 项 row whose 类 cell is misprinted (``7 11 02`` for 2101102), read from the row
    before it: a 项 row takes the 类 and 款 of a previous row of that 款 (the 款 itself or a 项 before it),
    a 款 row the 类 of the previous row, and the code must come after the previous one in code order.
    The next code row is checked too (``confirm_framed_codes``). None when nothing frames the row."""
    match = MISPRINTED_CLASS_CELL_RE.match(text)
    if match is None or previous_code is None or len(previous_code) < 3:
        return None
    kuan_code = previous_code[:3] + match.group("kuan")
    code = kuan_code + (match.group("xiang") or "")
    if len(code) > spec.max_code_digits or code <= previous_code:
        return None
    if match.group("xiang") is not None and previous_code[:5] != kuan_code:
        return None
    return CodePrefix(code, text[match.end():].strip(), normalised_from=match.group(0).strip())


def confirm_framed_codes(table_key: str, result: CodedRows, framed: set[int]) -> None:
    """Keep a row whose code was read from its frame only when the next code row comes after it in code
    order (``221`` after 2101102); otherwise it is reported as unreadable and not loaded."""
    for index in sorted(framed, reverse=True):
        row = result.rows[index]
        following = next((later.code for later in result.rows[index + 1:] if later.kind == "code"), None)
        if following is None or following > row.code:
            continue
        del result.rows[index]
        result.issues.append(make_issue(IssueCode.UNREADABLE_CLASS_CELL, table_key, row.line.line_no, row.row_text))


def is_empty_marker_line(tokens: list[str]) -> bool:
    """A line printed only as 无, 0 (0.00) or - in every cell: the mark of a table with nothing in it."""
    return all(token in BLANK_MARKERS or parse_amount(token, "元") == 0 for token in tokens)


def read_coded_rows(
    table_key: str, body: list[Line], spec: CodedSpec, class_hints: dict[str, ClassHint] | None = None
) -> CodedRows:
    """Turn body lines into rows, joining wrapped names and numbers printed on their own line."""
    result = CodedRows()
    held_fragments: list[str] = []
    in_note = False
    last: RawRow | None = None
    last_code: str | None = None
    framed: set[int] = set()

    def attach_fragments_to_last() -> None:
        if last is not None and held_fragments:
            last.name += "".join(held_fragments)
            last.text_lines.extend(held_fragments)
        held_fragments.clear()

    for index, line in enumerate(body):
        text = normalise_row_text(line.text)
        if not text:
            continue
        if NOTE_RE.match(text):
            in_note = True
            result.notes.append(text)
            continue
        if in_note:
            # Notes run to the end of the body; a row after a note would be a layout we do not know.
            if read_code_prefix(text, spec.max_code_digits) or TOTAL_RE.match(text):
                in_note = False
            else:
                result.notes.append(text)
                continue
        if is_header_line(text) and not total_with_numbers_below(text, body, index):
            continue
        prefix = read_code_prefix(text, spec.max_code_digits)
        if prefix is None and class_hints:
            repaired = misprinted_class(text, class_hints)
            if repaired is not None:
                prefix, hint = repaired
                result.issues.append(
                    make_issue(
                        IssueCode.MISPRINTED_CLASS, table_key, line.line_no, text,
                        printed=prefix.normalised_from, source=hint.table_key, code=hint.code,
                    )
                )
                prefix = CodePrefix(prefix.code, prefix.rest)
        if prefix is None:
            prefix = framed_code(text, last_code, spec)
            if prefix is not None:
                framed.add(len(result.rows))
        if prefix and valid_class(prefix.code, spec.classification):
            name, numbers = split_trailing_numbers(prefix.rest)
            unread = unread_amount(name)
            if unread is not None:
                result.issues.append(
                    make_issue(IssueCode.ROW_AMOUNT_UNREADABLE, table_key, line.line_no, text, amount=unread)
                )
                continue
            row = RawRow("code", prefix.code, name, numbers, line, [text], prefix.normalised_from)
            if not name:
                row.name_from_own_line = False
                if held_fragments:
                    row.name = "".join(held_fragments)
                    row.text_lines[:0] = held_fragments
                    held_fragments.clear()
            else:
                attach_fragments_to_last()
            row.numbers_pending = not numbers
            result.rows.append(row)
            last = row
            last_code = row.code
            continue
        if TOTAL_RE.match(text):
            attach_fragments_to_last()
            rest, numbers = split_trailing_numbers(TOTAL_RE.sub("", text, count=1))
            unread = unread_amount(rest)
            if unread is not None:
                result.issues.append(
                    make_issue(IssueCode.ROW_AMOUNT_UNREADABLE, table_key, line.line_no, text, amount=unread)
                )
                continue
            row = RawRow("total", "", "合计", numbers, line, [text])
            row.numbers_pending = not numbers
            result.rows.append(row)
            last = row
            continue
        name, numbers = split_trailing_numbers(text)
        pending = last is not None and last.numbers_pending
        if (numbers and not name and not pending and is_empty_marker_line(numbers)
                and not any(row.kind == "code" for row in result.rows)):
            # 无 / 0 / - as the whole body of a table with nothing to report (政府性基金, 国有资本经营): the
            # table is empty, not a row we failed to place.
            continue
        if numbers and not name:
            if last is not None and last.numbers_pending:
                last.numbers = numbers
                last.line = line
                last.text_lines.append(text)
                last.numbers_pending = False
            elif not PAGE_NUMBER_RE.match(text):
                result.issues.append(
                    make_issue(IssueCode.ORPHAN_NUMBERS, table_key, line.line_no, text)
                )
            continue
        if is_fragment(text):
            if last is not None and (last.numbers_pending or not last.name_from_own_line):
                last.name += text
                last.text_lines.append(text)
            else:
                held_fragments.append(text)
            continue
        if numbers:
            result.issues.append(make_issue(IssueCode.UNREADABLE_ROW, table_key, line.line_no, text))
    attach_fragments_to_last()
    confirm_framed_codes(table_key, result, framed)
    return result


def dedupe_rows(table_key: str, rows: list[RawRow]) -> tuple[list[RawRow], list[ParseIssue]]:
    """Pages the text repeats print the same rows twice: keep one. A code printed twice with other
    numbers is a real conflict: keep the first and report it."""
    kept: dict[tuple[str, str], RawRow] = {}
    issues: list[ParseIssue] = []
    ordered: list[RawRow] = []
    for row in rows:
        key = (row.kind, row.code)
        if key not in kept:
            kept[key] = row
            ordered.append(row)
            continue
        first = kept[key]
        if first.numbers == row.numbers or not row.numbers:
            continue
        if not first.numbers:
            kept[key] = row
            ordered[ordered.index(first)] = row
            continue
        label = row.code or "合计"
        issues.append(
            make_issue(
                IssueCode.REPEATED_ROW_CONFLICT, table_key, row.line.line_no, row.row_text, label=label,
                first_line=first.line.line_no, first=" ".join(first.numbers), line=row.line.line_no,
                second=" ".join(row.numbers),
            )
        )
    return ordered, issues


def parent_of(code: str) -> str:
    """The code one level up (two digits shorter: 2080505 -> 20805 -> 208); '' for a 3-digit 类."""
    return code[:-2] if len(code) > 3 else ""


def build_tree(rows: list[RawRow]) -> tuple[dict[Hashable, list[Hashable]], list[Hashable]]:
    """Children of each row (nearest printed ancestor) and the roots; the 合计 row is parent of the 类."""
    codes = {row.code for row in rows if row.kind == "code"}
    children: dict[Hashable, list[Hashable]] = {}
    top: list[Hashable] = []
    for row in rows:
        if row.kind != "code":
            continue
        ancestor = parent_of(row.code)
        while ancestor and ancestor not in codes:
            ancestor = parent_of(ancestor)
        if ancestor:
            children.setdefault(ancestor, []).append(row.code)
        else:
            top.append(row.code)
    total_rows = [row for row in rows if row.kind == "total"]
    if total_rows:
        children["合计"] = top
        return children, ["合计"]
    return children, top


def row_key(row: RawRow) -> Hashable:
    """The key of a row in the table's code tree: its code, or '合计' for the total row."""
    return row.code if row.kind == "code" else "合计"


@dataclass
class CodedTable:
    """One coded table read and solved: its printed rows, the amount cells (yuan, one per row and measure
    printed), the codes it prints, the notes under it, its issues and its classification
    ('function' | 'economic').
    """

    table_key: str
    rows: list[RawRow]
    cells: list[AmountCell]
    codes: list[PrintedCode]
    notes: list[str]
    issues: list[ParseIssue]
    classification: str = "function"

    def value(self, code: str, measure: str) -> Decimal | None:
        """The amount (yuan) of one cell: a code's row (or '合计' for the total row) in one measure; None when
        the table does not print it.
        """
        label = "合计" if code == "合计" else code
        for cell in self.cells:
            if (cell.code or "合计") == label and cell.measure == measure and (cell.row_kind != "total" or code == "合计"):
                return cell.amount
        return None

    def column_total(self, measure: str) -> Decimal | None:
        """The amount (yuan) of the total row in one measure; None when the table prints no total there."""
        for cell in self.cells:
            if cell.row_kind == "total" and cell.measure == measure:
                return cell.amount
        return None


def solve_coded_table(
    table_key: str,
    rows: list[RawRow],
    spec: CodedSpec,
    unit: str,
    context: dict[Hashable, dict[str, Decimal]] | None = None,
    grids: dict[int | None, ColumnGrid] | None = None,
    bounds: dict[Hashable, dict[str, Decimal]] | None = None,
) -> tuple[list[AmountCell], list[ParseIssue]]:
    """Assign each printed number to its column; cells of rows that stay ambiguous are not loaded.

    ``grids`` (PDF input: each page's header column centres) place a row with blank cells by the
    x-position of its numbers, as evidence checked against the arithmetic (see columns.py).
    ``bounds`` (row key → measure → yuan) are upper bounds other tables set on a row's figures.
    """
    width = len(spec.columns)
    issues: list[ParseIssue] = []
    variables: dict[Hashable, RowVariable] = {}
    evidence: dict[Hashable, Placement] = {}
    tentative: set[Hashable] = set()
    for row in rows:
        try:
            values = [parse_amount(token, unit) for token in row.numbers]
        except ValueError as exc:
            issues.append(make_issue(IssueCode.AMOUNT_UNREADABLE, table_key, row.line.line_no, row.row_text, reason=exc, suffix="，本行未载入"))
            values = []
            row.numbers = []
        placements, identity_ok = candidate_placements(values, width, spec.identities)
        if not placements:
            issues.append(
                make_issue(IssueCode.TOO_MANY_NUMBERS, table_key, row.line.line_no, row.row_text, count=len(values), width=width)
            )
            placements = [()]
            values = []
            row.numbers = []
        variable = RowVariable(row_key(row), values, placements, identity_ok)
        known = (context or {}).get(row_key(row), {})
        narrow_by_context(variable, width, {spec.columns.index(m): v for m, v in known.items() if m in spec.columns})
        variables[variable.key] = variable
        grid = grids.get(row.line.page_no) if grids else None
        if grid is not None and 0 < len(values) < width:
            xs = number_positions(row.line, row.numbers)
            placement = grid.placement(xs) if xs is not None else None
            if placement is not None:
                evidence[variable.key] = placement
                if not grid.decisive:
                    tentative.add(variable.key)
    children, roots = build_tree(rows)
    solution = TreeSolver(variables, children, width).solve(roots)
    if bounds and solution.ambiguous and not solution.gave_up:
        limits = {
            key: {spec.columns.index(m): v for m, v in by_measure.items() if m in spec.columns}
            for key, by_measure in bounds.items()
        }
        solution = settle_ambiguous(
            solution, variables, children, width, roots,
            lambda key, variable: narrow_by_bounds(variable, width, limits.get(key, {})),
        )
    if solution.gave_up:
        issues.append(make_issue(IssueCode.SOLVER_GAVE_UP, table_key, None))
    by_position: set[Hashable] = set()
    if evidence:
        by_key = {row_key(row): row for row in rows}

        def columns_of(placement: Placement) -> str:
            return "、".join(spec.columns[c] for c in placement)

        def conflict(key: Hashable, placement: Placement, arithmetic: list[Placement]) -> ParseIssue:
            row = by_key[key]
            return make_issue(
                IssueCode.POSITION_CONFLICT, table_key, row.line.line_no, row.row_text, label=row.code or "合计",
                position=columns_of(placement), arithmetic=" / ".join(columns_of(p) for p in arithmetic),
            )

        checked = apply_position_evidence(
            solution, variables, evidence, width, tentative, tree_solve(variables, children, width, roots), conflict
        )
        solution, by_position = checked.solution, checked.confirmed
        issues += checked.issues
    cells: list[AmountCell] = []
    for row in rows:
        key = row_key(row)
        variable = variables[key]
        if key in solution.ambiguous:
            options = " / ".join(
                "、".join(spec.columns[c] for c in placement) for placement in solution.ambiguous[key]
            )
            issues.append(
                make_issue(
                    IssueCode.AMBIGUOUS_COLUMNS, table_key, row.line.line_no, row.row_text, label=row.code or "合计",
                    count=len(variable.numbers), options=options,
                )
            )
            continue
        placement = solution.chosen.get(key, ())
        if len(variable.numbers) == width or key in by_position:
            source = "position"
        elif variable.narrowed_by_context:
            source = "context"
        else:
            source = "arithmetic"
        row_text = row.row_text  # joined from the row's lines: once a row, not once a cell
        for printed, value, column in zip(row.numbers, variable.numbers, placement):
            cells.append(
                AmountCell(
                    table_key=table_key,
                    side="",
                    row_kind="code" if row.kind == "code" else "total",
                    code=row.code,
                    row_label=row.name,
                    measure=spec.columns[column],
                    amount=value,
                    printed_amount=printed,
                    printed_unit=unit,
                    line_no=row.line.line_no,
                    page_no=row.line.page_no,
                    row_text=row_text,
                    column_source=source,
                )
            )
    return cells, issues


def printed_codes(table_key: str, rows: list[RawRow], spec: CodedSpec) -> tuple[list[PrintedCode], list[ParseIssue]]:
    """The codes a table prints (rows of kind 'code'), with level, printed name and parent, for
    raw_function_codes / raw_economic_codes; and one CODE_NORMALISED issue per code that was printed
    in another form (e.g. with spaces) and read as this one.
    """
    levels = FUNCTION_LEVELS if spec.classification == "function" else ECONOMIC_LEVELS
    codes: list[PrintedCode] = []
    issues: list[ParseIssue] = []
    for row in rows:
        if row.kind != "code":
            continue
        if row.normalised_from:
            issues.append(
                make_issue(IssueCode.CODE_NORMALISED, table_key, row.line.line_no, row.row_text, printed=row.normalised_from, code=row.code)
            )
        codes.append(
            PrintedCode(
                spec.classification,
                row.code,
                levels.get(len(row.code), "?"),
                row.name.strip(),
                parent_of(row.code),
                table_key,
                row.line.line_no,
            )
        )
    return codes, issues


def read_coded_table(
    table_key: str, body: list[Line], spec: CodedSpec, class_hints: dict[str, ClassHint] | None = None
) -> CodedTable:
    """A coded table's rows, printed codes, notes and reading issues; no column decided yet (no cells).

    ``class_hints`` (类 name → code and 合计 as other tables print them) repair a misprinted 类 code."""
    read = read_coded_rows(table_key, body, spec, class_hints)
    rows, dup_issues = dedupe_rows(table_key, read.rows)
    codes, code_issues = printed_codes(table_key, rows, spec)
    return CodedTable(table_key, rows, [], codes, read.notes, read.issues + dup_issues + code_issues, spec.classification)


def solve_read_table(
    table: CodedTable,
    body: list[Line],
    spec: CodedSpec,
    unit: str,
    context: dict[Hashable, dict[str, Decimal]] | None = None,
    bounds: dict[Hashable, dict[str, Decimal]] | None = None,
) -> CodedTable:
    """The table with every printed number placed in its column (cells in yuan from ``unit``);
    ``context`` gives known values by row key (a code, or 合计) and measure, ``bounds`` upper bounds."""
    cells, solve_issues = solve_coded_table(
        table.table_key, table.rows, spec, unit, context, header_grids(body, spec.columns, spec.header_words), bounds
    )
    return replace(table, cells=cells, issues=table.issues + solve_issues)


def parse_coded_table(
    table_key: str,
    body: list[Line],
    unit: str,
    context: dict[Hashable, dict[str, Decimal]] | None = None,
    class_hints: dict[str, ClassHint] | None = None,
    solve: bool = True,
    spec: CodedSpec | None = None,
    bounds: dict[Hashable, dict[str, Decimal]] | None = None,
) -> CodedTable:
    """Read and (unless ``solve`` is false: rows and codes only) place every cell of a coded table.

    ``spec`` is the table's registry declaration (default: the Shanghai budget's table ``table_key``);
    amounts in yuan from ``unit``; ``context`` known figures and ``bounds`` upper bounds from other
    tables, by row key (code or 合计) and measure. Problems are returned as issues, never raised.
    """
    spec = spec or CODED_SPECS[table_key]
    table = read_coded_table(table_key, body, spec, class_hints)
    return solve_read_table(table, body, spec, unit, context, bounds) if solve else table


def with_row_copies(table: CodedTable) -> CodedTable:
    """``table`` with a copy of each of its rows (what solving may change of a row: its numbers)."""
    return replace(table, rows=[copy_row(row) for row in table.rows])


def copy_row(row: RawRow) -> RawRow:
    """A shallow copy of a row (its lists shared: solving replaces a row's numbers, never edits them)."""
    copied = object.__new__(RawRow)
    copied.__dict__.update(row.__dict__)
    return copied


def class_hints(tables: dict[str, CodedTable]) -> dict[str, ClassHint]:
    """Every 类 the function-classified tables print, by name, for repairing a misprinted 类 code."""
    hints: dict[str, ClassHint] = {}
    for key, table in tables.items():
        if table.classification != "function":
            continue
        for row in table.rows:
            if row.kind == "code" and len(row.code) == 3 and row.numbers:
                hints.setdefault(row.name, ClassHint(row.code, row.numbers[0], key))
    return hints


UNREADABLE_CODES = frozenset({IssueCode.UNREADABLE_ROW, IssueCode.UNREADABLE_CLASS_CELL})


def has_unreadable_rows(table: CodedTable) -> bool:
    """Whether a row of the table was not understood (then worth reading again with 类 hints)."""
    return any(issue.code in UNREADABLE_CODES for issue in table.issues)
