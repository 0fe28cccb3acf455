"""项目经费情况说明: the amount of a project's 年度预算安排 (stated, added up from quarters or items) and its items."""

from __future__ import annotations

import re
from decimal import Decimal

from ...model import ProjectItem
from ...numbers import FEN, parse_amount

AMOUNT = r"([\d,]+(?:\.\d+)*)\s*(万元|万|元)"
TOTAL_RES = (
    re.compile(
        r"(?:年度预算资金|项目总预算|年度项目预算|项目预算金额|预算金额|年度预算|总预算|预算资金|安排(?:运维|项目)?资金"
        r"|资金预算安排|预算安排|资金预算|项目总金额|总金额)(?:约|为|共计|合计)*\s*[:：]?\s*" + AMOUNT
    ),
    re.compile(r"(?:以上资金合计|合计预算|总计金额|合计|共计|总计)(?:为)?\s*" + AMOUNT),
)
QUARTER_RE = re.compile(r"第[一二三四]季度用款计划\s*" + AMOUNT)
ITEM_RE = re.compile(r"(?P<name>[^，。、；：:,]{2,60}?)\s*(?P<amount>[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|万|元)")


def to_amount(value: str, unit: str) -> Decimal:
    """A project figure in yuan from its digits and its unit as printed ('万元' / '万' or '元'). Raises
    ValueError (parse_amount) when it is not an amount.
    """
    return parse_amount(value, "万元" if unit.startswith("万") else "元")


AMOUNT_ANY_RE = re.compile(r"(?<![\d.,])" + AMOUNT + r"(?!\s*/)")
EQUALS_RE = re.compile(r"=\s*" + AMOUNT)


def partial_amounts(text: str) -> tuple[Decimal | None, str]:
    """Budget texts listing one partial amount per clause (``共计`` after every item, or ``预算资金约X元…；…约Y元``)
    and no total: the sum of the clauses' amounts when each clause has exactly one, else None."""
    total = Decimal("0.00")
    found = 0
    for clause in re.split(r"[；;]", text):
        keyed = [m for pattern in TOTAL_RES for m in pattern.finditer(clause)]
        amounts = list(AMOUNT_ANY_RE.finditer(clause))
        if not amounts:
            continue
        chosen = keyed if keyed else amounts
        if len({(m.group(1), m.group(2)) for m in chosen}) != 1:
            return None, "年度预算安排列出多个分项金额，无法确定总额"
        try:
            total += to_amount(chosen[0].group(1), chosen[0].group(2))
        except ValueError:
            return None, "年度预算安排分项金额无法读取"
        found += 1
    return (total.quantize(FEN), "") if found >= 2 else (None, "年度预算安排列出多个分项金额，无法确定总额")


def read_amount(text: str) -> tuple[Decimal | None, str, str, str]:
    """(amount, source, problem, printed total as printed) of a 年度预算安排 text.

    source is 'stated', 'quarterly_sum', 'items_sum' (partial amounts added up), 'derived' (an amount printed
    without a total keyword) or 'unreadable'. Anything but 'stated' is flagged by the caller."""
    for pattern in TOTAL_RES:
        matches = list(pattern.finditer(text))
        if matches:
            match = matches[0]
            printed = match.group(1) + match.group(2)
            try:
                amount = to_amount(match.group(1), match.group(2))
            except ValueError:
                return None, "unreadable", f"年度预算安排金额“{printed}”无法读取", printed
            values = {(m.group(1), m.group(2)) for m in matches}
            if len(values) > 1:
                summed, problem = partial_amounts(text)
                if summed is None:
                    return None, "unreadable", problem, ""
                return summed, "items_sum", "", ""
            return amount, "stated", "", printed
    quarters = QUARTER_RE.findall(text)
    if quarters:
        try:
            total = sum(
                (parse_amount(value, "万元" if unit.startswith("万") else "元") for value, unit in quarters), Decimal("0.00")
            )
            return total.quantize(FEN), "quarterly_sum", "", ""
        except ValueError:
            return None, "unreadable", "季度用款计划金额无法读取", ""
    amounts = {(m.group(1), m.group(2)) for m in AMOUNT_ANY_RE.finditer(text)}
    results = {(m.group(1), m.group(2)) for m in EQUALS_RE.finditer(text)}
    if len(amounts) == 1 or len(results) == 1:
        value, unit = next(iter(amounts if len(amounts) == 1 else results))
        try:
            return to_amount(value, unit), "derived", "", value + unit
        except ValueError:
            return None, "unreadable", f"年度预算安排金额“{value + unit}”无法读取", value + unit
    return None, "unreadable", "年度预算安排中没有可读的金额", ""


def read_items(text: str, line_no: int) -> list[ProjectItem]:
    """The itemised sub-amounts after 其中 / 主要用于 (a closing 合计 is not an item)."""
    marker = re.search(r"(?:其中|主要用于|具体包括|包括)\s*[:：]?", text)
    if not marker:
        return []
    items: list[ProjectItem] = []
    for match in ITEM_RE.finditer(text[marker.end():]):
        name = match.group("name").strip(" ：:（）()")
        if name.startswith(("合计", "共计", "总计")):
            continue
        try:
            amount = parse_amount(match.group("amount"), "万元" if match.group("unit").startswith("万") else "元")
        except ValueError:
            continue
        items.append(ProjectItem(name, amount, line_no))
    return items
