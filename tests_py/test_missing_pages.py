"""Issue #10: a table that continues over a page the file does not have is a parse gap, never the document's error.

Each kind of evidence on its minimal input (rows on numbered pages, one page left out), and the misprints that
must stay the document's own. Every page of every coded table of the corpus PDFs left out in turn, and whole
builds of such documents, are in test_missing_pages_e2e.py.
"""

from __future__ import annotations

from ingest.issues import IssueCode
from ingest.model import Line
from ingest.parse.coded import parse_coded_table
from ingest.parse.gaps import incomplete_table_issues

# An expenditure table (合计 基本支出 项目支出) over three pages.
PAGES = (
    ("201 一般公共服务支出 100 60 40", "201 01 人大事务 100 60 40", "201 01 01 行政运行 100 60 40",
     "205 教育支出 50 50 0", "205 02 普通教育 50 50 0", "205 02 01 学前教育 50 50 0"),
    ("208 社会保障和就业支出 300 300 0", "208 05 行政事业单位养老支出 300 300 0",
     "208 05 01 行政单位离退休 100 100 0", "208 05 02 事业单位离退休 200 200 0"),
    ("210 卫生健康支出 70 70 0", "210 11 行政事业单位医疗 70 70 0", "210 11 01 行政单位医疗 70 70 0",
     "合计 520 480 40"),
)


def paged(pages: tuple[tuple[str, ...], ...], *, without: int | None = None, numbered: bool = True) -> list[Line]:
    """The pages' rows as lines (line numbers as printed), page ``without`` (1-based) left out."""
    lines, line_no = [], 10
    for page_no, rows in enumerate(pages, start=1):
        for text in rows:
            line_no += 1
            if page_no != without:
                lines.append(Line(text, line_no, page_no if numbered else None))
    return lines


def incomplete(lines: list[Line], closes_with_total: bool = True) -> list:
    table = parse_coded_table("expenditure", lines, "元")
    assert not [issue for issue in table.issues if issue.severity == "error"], table.issues
    return incomplete_table_issues(table, "元", closes_with_total)


def test_the_whole_table_has_no_gap() -> None:
    assert incomplete(paged(PAGES)) == []


def test_a_page_of_whole_classes_missing_leaves_the_total_short_at_a_page_break() -> None:
    issues = incomplete(paged(PAGES, without=2))
    assert [(issue.code, issue.severity, issue.table_key) for issue in issues] == [
        (IssueCode.TABLE_INCOMPLETE, "error", "expenditure")]
    assert "合计" in issues[0].issue and "第 1 页末行" in issues[0].row_text and "第 3 页首行" in issues[0].row_text
    assert issues[0].line_no == 21  # the first row after the missing page
    assert not issues[0].row_text[0].isdigit()  # the gap is the whole table's, no code read from its text


def test_a_page_missing_inside_a_block_leaves_that_block_short_where_its_page_ends() -> None:
    pages = (PAGES[0] + PAGES[1][:3], PAGES[1][3:] + ("208 99 其他社会保障和就业支出 0 0 0",), PAGES[2])
    issues = incomplete(paged(pages, without=2))
    assert len(issues) == 1 and "20805 的下级行之和小于 20805" in issues[0].issue, issues


def test_a_page_opening_with_rows_whose_parent_was_on_the_missing_page() -> None:
    pages = (PAGES[0], PAGES[1][:2], PAGES[1][2:] + PAGES[2])
    issues = incomplete(paged(pages, without=2))
    assert len(issues) == 1 and "没有其上级科目行" in issues[0].issue, issues
    assert "208 05 01" in issues[0].row_text


def test_without_page_marks_a_row_under_a_printed_grandparent_is_no_gap() -> None:
    # some editions print a 项 right under its 类 (no 款 row): without pages that proves nothing
    pages = (PAGES[0], ("212 城乡社区支出 30 30 0", "212 08 03 城市建设支出 30 30 0"), PAGES[2][:3] + ("合计 250 210 40",))
    assert incomplete(paged(pages, numbered=False)) == []


def test_a_body_that_stops_before_its_total() -> None:
    lines = paged(PAGES, without=3)
    issues = incomplete(lines)
    assert len(issues) == 1 and "合计行之前结束" in issues[0].issue, issues
    # a template whose tables print no 合计 row: nothing to miss
    assert incomplete(lines, closes_with_total=False) == []


MISPRINTED_KUAN = ("208 社会保障和就业支出 400 400 0", "208 05 行政事业单位养老支出 400 400 0",
                   "208 05 01 行政单位离退休 100 100 0", "208 05 02 事业单位离退休 200 200 0")
MISPRINT_TOTAL = "合计 620 580 40"


def test_a_block_short_inside_a_page_is_the_documents_misprint() -> None:
    # 款 20805 prints 400 over 项 100 + 200, and the 类 after it is on the same page: the document's misprint
    pages = (PAGES[0], MISPRINTED_KUAN + ("209 x 0 0 0",), PAGES[2][:3] + (MISPRINT_TOTAL,))
    assert incomplete(paged(pages)) == []
    # the same block reaching the end of its page may have lost rows to the next one: not checked
    pages = (PAGES[0], MISPRINTED_KUAN, ("209 x 0 0 0",) + PAGES[2][:3] + (MISPRINT_TOTAL,))
    assert len(incomplete(paged(pages))) == 1


def test_children_above_their_parent_across_a_page_break_are_the_documents_misprint() -> None:
    pages = (PAGES[0] + PAGES[1][:3], ("208 05 02 事业单位离退休 201 201 0",) + PAGES[2][:3], ("合计 520 480 40",))
    assert incomplete(paged(pages)) == []


def test_a_table_on_the_page_break_within_rounding_is_complete() -> None:
    rows = ("201 一般公共服务支出 100.01 100.01", "201 01 人大事务 50.00 50.00")
    lines = [Line(rows[0], 1, 1), Line(rows[1], 2, 1), Line("201 02 政协事务 50.00 50.00", 3, 2),
             Line("合计 100.01 100.01", 4, 2)]
    table = parse_coded_table("expenditure", lines, "万元")
    assert incomplete_table_issues(table, "万元", True) == []


def test_children_of_a_parent_row_we_could_not_read_are_no_sign_of_a_lost_page() -> None:
    # the 款 row is printed but unreadable (a letter O for a 0): an unplaced row at its code, not a lost page
    lines = paged((PAGES[0], ("208 社会保障和就业支出 300 300 0", "2O8 05 行政事业单位养老支出 300 300 0",
                              "208 05 01 行政单位离退休 100 100 0", "208 05 02 事业单位离退休 200 200 0"), PAGES[2]),
                  numbered=False)
    table = parse_coded_table("expenditure", lines, "元")
    assert [issue.severity for issue in table.issues] == ["error"]
    assert incomplete_table_issues(table, "元", True) == []
