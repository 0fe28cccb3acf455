"""A numbered narrative list that skips a number: the list is a parse gap, not the document's statement.

The 编制说明 lists its 项 items "1. …", "2. …", the Jiangsu 情况说明 its parts "二、…", "三、…" (and their
"（一）…" sub-parts, 项 items "1．…" under each 类), the 决算 情况说明 its execution items and the 人员经费 /
公用经费 it lists. A page missing from the file (or a clause the parser could not read) takes items with it,
and the numbers then jump: "1." … "3.". The facts that are left are read as printed, but every check that
needs the whole list (the items add up to the stated total, every 人员经费 item is in the economic table)
would report the document as wrong. So a jump (or a list that does not start at its first number) becomes
one ``IssueCode.NARRATIVE_INCOMPLETE`` issue (severity error, no code) per list, on the list's own key:
fct_finding links it, through I01, to the checks that read that key (``meta.tables`` of the check) and
calls their findings on the document "not checked". A number that goes back (a new list) is no gap.

A 政府采购 total and its parts are a list too: its '其中' prints any subset of 货物 / 工程 / 服务, and a part
printed but not read is a gap under its own key (``procurement_issues``), so that the sum check says "not
checked" instead of reporting the document.

A list can also lose its items with no jump: the page holding the 编制说明's heading and first items (the
section is then not found at all), or the last page of a list. Every template we read prints one item per
项-level (7-digit) function code of the 一般公共预算支出 table, so a list with fewer items than that table
has codes with an amount is a gap too (``coverage_issues``). What stays undetectable: a lost page whose list
still counts as many items as codes, a lost page of free prose (no numbered facts), and the narrative file of
a two-file disclosure (its tables are in the other file when it is parsed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..issues import IssueCode, make_issue
from ..model import AmountCell, Line, NarrativeFact, ParseIssue
from .narrative import EXPLANATION_HEADING_RE, compact_texts, find_section, statement_lines

# (section, topic) of a numbered fact → the key its gap is recorded under (a key the checks needing the
# whole list name in their meta.tables; vocabulary 'tables', ingest/templates SECTIONS).
LIST_KEYS: dict[tuple[str, str], str] = {
    ("explanation", "item"): "explanation_items",
    ("execution", "execution_item"): "execution_items",
    ("final_explanation", "personnel_item"): "final_funds_lists",
    ("final_explanation", "public_item"): "final_funds_lists",
    ("organisation", "member_unit"): "organisation",
}
# Lists whose first number may be missing without a page lost: the body is read from after its first heading
# ("一、收支预算总体情况说明" opens the Jiangsu 情况说明, so its parts are seen from "二、").
PART_RE = re.compile(r"^(?P<no>[一二三四五六七八九十]{1,3})、")
SUB_PART_RE = re.compile(r"^（(?P<no>[一二三四五六七八九十]{1,3})）")
DIGITS = {character: value for value, character in enumerate("一二三四五六七八九", start=1)}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as a number (十一 = 11, 二十 = 20, 二十三 = 23); None for anything else."""
    if not text:
        return None
    if "十" not in text:
        return DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if (tens and tens not in DIGITS) or (ones and ones not in DIGITS) or len(tens) > 1 or len(ones) > 1:
        return None
    return DIGITS.get(tens, 1) * 10 + DIGITS.get(ones, 0)


def page_of(lines: Iterable[Line]) -> dict[int, int | None]:
    """Line number → page number (None when the reader knows no pages)."""
    return {line.line_no: line.page_no for line in lines}


def where_numbers_jump(before: tuple[int, int, str] | None, after: tuple[int, int, str], pages: dict[int, int | None]) -> str:
    """The numbers either side of a jump, with their pages when known: 第 2 条（第 5 页）之后是第 4 条（第 6 页）."""
    def at(item: tuple[int, int, str]) -> str:
        _, line_no, label = item
        page = pages.get(line_no)
        return f"“{label[:30]}”（第 {line_no} 行" + (f"，第 {page} 页）" if page is not None else "）")

    if before is None:
        return f"列表从第 {after[0]} 条开始：{at(after)}"
    return f"第 {before[0]} 条 {at(before)} 之后是第 {after[0]} 条 {at(after)}"


def first_jump(items: list[tuple[int, int, str]], starts_at_one: bool) -> tuple[tuple[int, int, str] | None,
                                                                                 tuple[int, int, str]] | None:
    """The first place a numbered list (number, line, label in reading order) skips a number: (the item
    before or None for the list's start, the item after). A number not above the one before opens a new
    list (the Jiangsu 项 items are numbered anew under each 类), which with ``starts_at_one`` must start at 1."""
    previous: tuple[int, int, str] | None = None
    for item in items:
        number = item[0]
        if previous is None or number <= previous[0]:
            if starts_at_one and number > 1:
                return None, item
        elif number > previous[0] + 1:
            return previous, item
        previous = item
    return None


def list_issue(key: str, jump: tuple[tuple[int, int, str] | None, tuple[int, int, str]],
               pages: dict[int, int | None], what: str) -> ParseIssue:
    """The NARRATIVE_INCOMPLETE issue of a list under ``key`` that jumps at ``jump``."""
    before, after = jump
    low, high = (before[0] + 1 if before is not None else 1), after[0] - 1
    missing = f"第 {low} 条" if low == high else f"第 {low}–{high} 条"
    broken_at_page = (before is not None and pages.get(before[1]) is not None and pages.get(after[1]) is not None
                      and pages[after[1]] > pages[before[1]])
    reason = f"{what}缺{missing}" + ("，所缺的条目在本文件没有的页上" if broken_at_page else "")
    return make_issue(IssueCode.NARRATIVE_INCOMPLETE, key, after[1], where_numbers_jump(before, after, pages),
                      reason=reason)


def fact_list_issues(facts: list[NarrativeFact], pages: dict[int, int | None]) -> list[ParseIssue]:
    """One issue per numbered fact list (LIST_KEYS) whose numbers skip one."""
    lists: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for fact in facts:
        key = LIST_KEYS.get((fact.section, fact.topic))
        if key is None or fact.item_no is None:
            continue
        lists.setdefault((key, fact.topic), []).append((fact.item_no, fact.line_no, fact.label))
    issues: list[ParseIssue] = []
    seen: set[str] = set()
    for (key, _), items in lists.items():
        jump = first_jump(items, starts_at_one=True)
        if jump is not None and key not in seen:
            seen.add(key)
            issues.append(list_issue(key, jump, pages, "编号条目"))
    return issues


def part_issues(body: list[Line], key: str, pages: dict[int, int | None]) -> list[ParseIssue]:
    """At most one issue for the numbered parts of a narrative section (一、二、… and the （一）（二）… inside
    each): a part number skipped. The section's first part may be its heading (not in ``body``)."""
    parts: list[tuple[int, int, str]] = []
    sub_parts: list[tuple[int, int, str]] = []
    for line in body:
        text = "".join(line.text.split())
        part = PART_RE.match(text)
        sub = SUB_PART_RE.match(text)
        if part and (number := chinese_number(part.group("no"))) is not None:
            parts.append((number, line.line_no, text))
            jump = first_jump(sub_parts, starts_at_one=True)
            if jump is not None:
                return [list_issue(key, jump, pages, "编号段落")]
            sub_parts = []
        elif sub and (number := chinese_number(sub.group("no"))) is not None:
            sub_parts.append((number, line.line_no, text))
    jump = first_jump(parts, starts_at_one=False) or first_jump(sub_parts, starts_at_one=True)
    return [list_issue(key, jump, pages, "编号段落")] if jump is not None else []


def narrative_gap_issues(lines: list[Line], facts: list[NarrativeFact],
                         compact: list[str] | None = None, amounts: list[AmountCell] | None = None) -> list[ParseIssue]:
    """The NARRATIVE_INCOMPLETE issues of a budget document (or its narrative file): its numbered fact lists,
    the numbered parts of its 编制说明 (Shanghai) or 情况说明 (Jiangsu), and its 项 items fewer than the
    function codes of its tables (``coverage_issues``, when ``amounts`` are given). [] when every list is whole."""
    pages = page_of(lines)
    issues = fact_list_issues(facts, pages)
    compact = compact_texts(lines) if compact is None else compact
    body = find_section(lines, EXPLANATION_HEADING_RE, stop_at_forms=True, compact=compact) or statement_lines(lines, compact)
    issues += part_issues(body, "explanation", pages) + procurement_issues(facts)
    return issues + coverage_issues(facts, amounts or [], ("explanation", "item"), issues)


def final_gap_issues(lines: list[Line], facts: list[NarrativeFact],
                     amounts: list[AmountCell] | None = None) -> list[ParseIssue]:
    """The NARRATIVE_INCOMPLETE issues of a 决算: its numbered execution items and 人员经费 / 公用经费 lists,
    and its execution items fewer than the function codes of its tables (``coverage_issues``)."""
    issues = fact_list_issues(facts, page_of(lines)) + procurement_issues(facts)
    return issues + coverage_issues(facts, amounts or [], ("execution", "execution_item"), issues)


# The parts of a 政府采购 total (any subset of them printed), recorded apart so that a part not read makes
# "not checked" only the check adding them up (chk_n16_procurement_sum names this key in its meta.tables).
PROCUREMENT_PARTS_KEY = "procurement_parts"
PROCUREMENT_PARTS = ("procurement_goods", "procurement_works", "procurement_services")


def procurement_issues(facts: list[NarrativeFact]) -> list[ParseIssue]:
    """One issue per 政府采购 total whose '其中' list prints more parts (its ``quantity``, parse/narrative.py
    ``procurement_parts_printed``) than were read with a figure in the same section: the parts read do not add
    up to the total because of our reading, not the document. A total whose list was not found (quantity
    None) is left alone: nothing tells how many parts it prints."""
    issues: list[ParseIssue] = []
    for total in facts:
        if total.topic != "procurement_total" or total.quantity is None:
            continue
        read = [fact for fact in facts if fact.section == total.section and fact.topic in PROCUREMENT_PARTS
                and fact.amount is not None]
        if len(read) < total.quantity:
            where = f"政府采购 {total.printed_amount}（第 {total.line_no} 行）：{total.text[:80]}"
            reason = f"其中列出 {total.quantity} 个分项，只读到 {len(read)} 个"
            issues.append(make_issue(IssueCode.NARRATIVE_INCOMPLETE, PROCUREMENT_PARTS_KEY, total.line_no, where,
                                     reason=reason))
    return issues


# The table whose 项-level function codes the numbered item lists describe, one item per code.
ITEMS_TABLE = "general_public"
XIANG_CODE_LENGTH = 7


def coverage_issues(facts: list[NarrativeFact], amounts: list[AmountCell], list_of: tuple[str, str],
                    found: list[ParseIssue]) -> list[ParseIssue]:
    """One issue when the numbered item list ``list_of`` (section, topic) holds fewer items than the
    一般公共预算支出 table has 项-level codes with a non-zero amount (yuan): items lost with a page that no
    jump shows (the list's heading page, its last page). None when the document has no narrative at all
    (a table file whose narrative is published apart), when its table has no such code, or when a gap is
    already recorded under the list's key (``found``)."""
    key = LIST_KEYS[list_of]
    if not facts or any(issue.table_key == key for issue in found):
        return []
    codes = {cell.code for cell in amounts if cell.table_key == ITEMS_TABLE and cell.row_kind == "code"
             and len(cell.code) == XIANG_CODE_LENGTH and cell.amount != 0}
    items = [fact for fact in facts if (fact.section, fact.topic) == list_of]
    if len(items) >= len(codes):
        return []
    last = max(items, key=lambda fact: fact.line_no) if items else None
    where = (f"最后一条是第 {last.item_no} 条（第 {last.line_no} 行）" if last is not None and last.item_no is not None
             else "未读到任何条目")
    reason = (f"编号条目 {len(items)} 条，而一般公共预算支出表有 {len(codes)} 个项级科目，每个科目应有一条；"
              "所缺的条目多半在本文件没有的页上")
    return [make_issue(IssueCode.NARRATIVE_INCOMPLETE, key, last.line_no if last is not None else None, where,
                       reason=reason)]
