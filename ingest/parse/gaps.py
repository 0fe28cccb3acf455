"""A coded table that continues over a page we do not have: the table is a parse gap, not the document's error.

A page missing from the file (a scan that skipped it, a download cut short, a page the extractor lost) takes
its rows with it, and every identity of the table then fails: the 类 no longer adds up to its 款, the 合计 to
its 类, and every cross-table check at the lost codes reports "未印刷". None of that is the document's
contradiction. The evidence that rows are missing, rather than misprinted, is where the disagreement sits:

* a row whose parent (the 款 of a 项, the 类 of a 款) is not printed, opening a page, in a table that prints
  every other row's parent: the parent was on the page before, which is not there;
* a row (类, 款 or the 合计) whose children add up to less than it, beyond the printed precision, when its
  block of children reaches the end of a page: the rest of them were on the next page, which is not there;
* a table whose body stops without its 合计 row while the template's tables close with one (and another
  table or the narrative follows: a text that ends inside a table is refused as cut off).

Each is reported once per table (``IssueCode.TABLE_INCOMPLETE``, severity error, no code): fct_finding then
calls every finding that reads the table in that document a parse gap ("not checked: table incomplete"),
the I01 row names the table and where the rows stop. A misprint inside a page (or a block that ends
where its page ends but whose children add up to more than it) stays the document's error.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import compress, repeat

from ..issues import IssueCode, make_issue
from ..model import ParseIssue
from .coded import CodedTable, parent_of
from .rows import RawRow

# Issues of a row dropped while reading (its code is then not among the table's rows); a row whose columns
# stay ambiguous keeps its code.
ROWS_LEFT_OUT = frozenset({IssueCode.UNREADABLE_ROW, IssueCode.UNREADABLE_CLASS_CELL, IssueCode.ROW_AMOUNT_UNREADABLE})

# Half a unit of the last printed digit, per figure: 元 tables print whole yuan (or fen), 万元 tables 0.01 万元.
HALF_UNIT = {"元": Decimal("0.5"), "万元": Decimal("50")}


def page_breaks(rows: list[RawRow]) -> list[int]:
    """Indexes i where row i is the last of its page and row i + 1 is on a later page (PDF, or text with
    form feeds; nothing when the reader knows no pages)."""
    breaks = []
    for index in range(len(rows) - 1):
        here, after = rows[index].line.page_no, rows[index + 1].line.page_no
        if here is not None and after is not None and after > here:
            breaks.append(index)
    return breaks


def where(rows: list[RawRow], index: int) -> str:
    """The rows either side of a page break, as printed (never opening with a code: the I01 row it becomes
    is about the whole table, not the code it would read from the text)."""
    before, after = rows[index], rows[index + 1]
    if before.line.page_no is None or after.line.page_no is None:
        return f"行“{before.row_text[:40]}”之后直接是“{after.row_text[:40]}”"
    return (f"第 {before.line.page_no} 页末行“{before.row_text[:40]}”，"
            f"第 {after.line.page_no} 页首行“{after.row_text[:40]}”")


def orphan_at_page_start(rows: list[RawRow], breaks: list[int]) -> int | None:
    """The first page break after which rows open without their printed parent, when the table prints the
    parent of every other row (a table printing only its leaves proves nothing). An orphan is explained by a
    break when it and every row from the page's first one are of one 类 and that first row is an orphan too
    (the 类 and 款 rows above them were on the missing page)."""
    codes = {row.code for row in rows if row.kind == "code"}

    def orphan(index: int) -> bool:
        row = rows[index]
        return row.kind == "code" and len(row.code) > 3 and parent_of(row.code) not in codes

    # without page marks an orphan proves nothing: some editions print a 项 right under its 类 (2026 units)
    orphans = [index for index in range(len(rows)) if orphan(index)]
    explained: list[int] = []
    for index in orphans:
        class_code = rows[index].code[:3]
        starts = [at + 1 for at in breaks if at + 1 <= index and orphan(at + 1)
                  and all(rows[j].kind == "code" and rows[j].code[:3] == class_code for j in range(at + 1, index + 1))]
        if not starts:
            return None
        explained.append(starts[-1] - 1)
    return min(explained) if explained else None


def short_block_at_page_end(table: CodedTable, unit: str, breaks: list[int]) -> tuple[int, str] | None:
    """The page break reached by the block of a row whose printed children add up to less than the row's
    first column, beyond the printed precision of the figures added (the smallest such block: it says
    best where rows are missing), else the last break before a 合计 that exceeds its 类; with the row's label."""
    rows = table.rows
    measure = next((cell.measure for cell in table.cells), None)
    if not breaks or measure is None:
        return None
    values: dict[str, Decimal] = {}
    for cell in table.cells:
        if cell.measure == measure:
            values[cell.code if cell.row_kind == "code" else "合计"] = cell.amount
    half = HALF_UNIT.get(unit, Decimal("0.5"))
    code_indexes = [index for index, row in enumerate(rows) if row.kind == "code"]
    codes = {rows[index].code for index in code_indexes}

    def short(key: str, children: list[str]) -> bool:
        if key not in values or not children or any(child not in values for child in children):
            return False
        shortfall = values[key] - sum((values[child] for child in children), Decimal("0"))
        return shortfall > half * (len(children) + 1)

    code_texts = [rows[later].code for later in code_indexes]
    found: list[tuple[int, int, str]] = []  # (block size, break, label)
    position = 0  # of the row among the code rows
    for index, row in enumerate(rows):
        # The children are worked out only for a block a page break falls in (few): the test needs both.
        if row.kind == "code":
            # The code rows from this one on whose code starts with its code (compared by map: this is
            # quadratic in the rows of a table).
            block = list(compress(code_indexes[position:], map(str.startswith, code_texts[position:], repeat(row.code))))
            position += 1
            reached = [at for at in breaks if block[0] <= at <= block[-1]]
            if not reached:
                continue
            children = [rows[later].code for later in block
                        if later != index and nearest_printed_parent(rows[later].code, codes) == row.code]
            if short(row.code, children):
                found.append((len(block), reached[-1], row.code))
        elif row.kind == "total":
            reached = [at for at in breaks if code_indexes and code_indexes[0] <= at < index]
            if not reached:
                continue
            children = [code for code in code_texts if nearest_printed_parent(code, codes) == ""]
            if short("合计", children):
                found.append((len(code_indexes) + 1, reached[-1], "合计"))
    if not found:
        return None
    _, at, label = min(found)
    return at, label


def nearest_printed_parent(code: str, codes: set[str]) -> str:
    """The nearest ancestor of ``code`` the table prints ('' for a top-level row)."""
    ancestor = parent_of(code)
    while ancestor and ancestor not in codes:
        ancestor = parent_of(ancestor)
    return ancestor


def incomplete_table_issues(table: CodedTable, unit: str, closes_with_total: bool) -> list[ParseIssue]:
    """At most one TABLE_INCOMPLETE issue for a solved coded table: rows stop at a page we do not have, or the
    body ends without the 合计 row the template closes its tables with (``closes_with_total``)."""
    rows = table.rows
    code_rows = [row for row in rows if row.kind == "code"]
    if not code_rows:
        return []
    breaks = page_breaks(rows)
    # a parent row we could not read is its own gap (at its code): its children are no sign of a lost page
    unread = any(issue.code in ROWS_LEFT_OUT for issue in table.issues)
    found = None if unread else orphan_at_page_start(rows, breaks)
    reason = "下一页开头的行没有其上级科目行"
    if found is None:
        short = short_block_at_page_end(table, unit, breaks)
        if short is not None:
            found, label = short
            reason = f"{label} 的下级行之和小于 {label}，而其下级行在页末中断"
    if found is not None:
        return [make_issue(IssueCode.TABLE_INCOMPLETE, table.table_key, rows[found + 1].line.line_no,
                           where(rows, found), reason=reason)]
    if closes_with_total and not any(row.kind == "total" for row in rows):
        last = rows[-1]
        return [make_issue(IssueCode.TABLE_INCOMPLETE, table.table_key, last.line.line_no,
                           f"末行“{last.row_text[:40]}”", reason="表体在合计行之前结束")]
    return []
