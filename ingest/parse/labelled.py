"""Tables whose rows are named by a label, not a code, printed in columns side by side.

Three kinds, each declared in the template registry (``TableSpec.label_items``):

* **side by side** (``LAYOUT_SIDE_BY_SIDE``): a 收支预算总表 printing income items, expenditure 类 (by name,
  without codes) and expenditure by use (基本支出 / 项目支出 …) in two or three column pairs (label, 金额).
  A blank cell prints nothing, and a label wraps onto the lines around it, so a number is not always
  after its own label. With a PDF's token positions each token is put in the column under the header's
  金额 it stands nearest (labels: the first 金额 to their right); without them a number goes with the label
  before it. Either way each column's items must add up to the 小计/合计 printed for it; a column that
  does not is repaired only by a single move of a number to a label left without one that makes every
  column add up, else it is not loaded and said so.
* **source groups** (``LAYOUT_SOURCE_GROUPS``): a 收入预算总表 listing income groups (一般公共预算资金,
  政府性基金, 财政专户管理资金, 其他资金, 上年结转…), each starting with its 小计 row and naming the group on
  any of its rows; the group's 小计 is its amount.
* **category total** (``LAYOUT_CATEGORY_TOTAL``): a 政府采购预算表: its 合计 and its numbered categories
  (一、货物 / 二、工程 / 三、服务); the rows under them are not read.

Amounts in yuan; every problem is an issue, never raised. Only the two-sided tables' cells carry a side
(income / expenditure); a 收入预算总表's or 政府采购表's cells have none, as every one-sided table's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import IssueCode, make_issue
from ..model import AmountCell, Line, ParseIssue
from ..numbers import BLANK_MARKERS, is_number_token, parse_amount
from ..templates import TableSpec
from .rows import NOTE_RE, is_header_line, normalise_row_text

LABEL_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|（[一二三四五六七八九十]+）)")
ORDINAL_RE = LABEL_START_RE
# The column a label belongs to when the table's own items do not name it: an expenditure 类.
FUNCTION = "function"
INCOME = "income"
USE = "use"
EXPENDITURE = "expenditure"  # an expenditure-side total or item shared by the function and use columns
# A 金额 column head (also printed spaced out as 金 额).
AMOUNT_HEADS = ("金额", "总计")
SUBTOTAL_WORDS = ("小计",)
UNIT_LINE_RE = re.compile(r"(?:单位|部门|部门名称|编制部门|编制单位)[：:]")
HEAD_WORDS = frozenset({"项目名称", "金额", "金", "额", "项目", "收入", "支出"})
# A page number printed under a table: a short integer on a line of its own.
PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")


@dataclass
class Label:
    """One labelled cell: its text (joined over wrapped lines), column and the numbers printed for it."""

    text: str
    column: int
    line: Line
    numbers: list[tuple[str, Line]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The label without its ordinal (一、 / （一）), e.g. 一般公共预算拨款收入."""
        return ORDINAL_RE.sub("", self.text).strip()


@dataclass
class LabelledTable:
    """What a by-label table gave: its amount cells (yuan, ``row_kind`` item) and the issues of rows not placed."""

    cells: list[AmountCell]
    issues: list[ParseIssue]


def item_of(spec: TableSpec, text: str) -> tuple[str, str] | None:
    """(column kind, measure) of a label by the table's ``label_items`` (keyword → kind, measure; first match)."""
    name = ORDINAL_RE.sub("", text).replace(" ", "")
    for keyword, kind, measure in spec.label_items:
        if keyword in name:
            return kind, measure
    return None


def is_known(spec: TableSpec, text: str) -> bool:
    """Whether a label is complete: one of the table's items, or an expenditure 类 (ordinal, ends in 支出)."""
    name = ORDINAL_RE.sub("", text).replace(" ", "")
    return item_of(spec, text) is not None or (bool(ORDINAL_RE.match(text)) and name.endswith("支出"))


def amount_columns(body: list[Line]) -> list[float]:
    """x of each 金额 column head printed above the first data row (PDF only; [] without positions)."""
    found: list[float] = []
    for line in body[:8]:
        if line.token_x is None:
            continue
        tokens = line.text.split()
        if len(tokens) != len(line.token_x):
            continue
        for token, x in zip(tokens, line.token_x, strict=True):
            if token in AMOUNT_HEADS and all(abs(x - seen) > 20 for seen in found):
                found.append(x)
    return sorted(found)


def column_of(x: float, heads: list[float], is_number: bool) -> int:
    """Index of the 金额 column a token at ``x`` (pt) belongs to: a number to the nearest head, a label to the
    column whose head lies right of it (labels are printed left of their amounts)."""
    if is_number:
        return min(range(len(heads)), key=lambda index: abs(heads[index] - x))
    return next((index for index, head in enumerate(heads) if head > x), len(heads) - 1)


def read_labels(spec: TableSpec, body: list[Line]) -> list[Label]:
    """Every label with its numbers, in reading order. Columns come from token positions when the lines
    carry them, else each line is read left to right (a number goes with the label before it)."""
    heads = amount_columns(body)
    labels: list[Label] = []
    last_in_column: dict[int, Label] = {}
    started = False
    for line in body:
        text = normalise_row_text(line.text)
        if not text or NOTE_RE.match(text) or UNIT_LINE_RE.search(text.replace(" ", "")) or PAGE_NUMBER_RE.match(text):
            continue
        tokens = text.split()
        # Header lines (收入 支出 / 项目名称 金额 …) come before the first row that names an item or a total.
        if not started and (is_header_line(text) or all(not is_number_token(t) and item_of(spec, t) is None for t in tokens)) \
                and not any(LABEL_START_RE.match(t) or "合计" in t or "总计" in t for t in tokens):
            continue
        started = True
        positions = line.token_x if heads and line.token_x is not None and len(line.token_x) == len(tokens) else None
        previous: Label | None = None
        for index, token in enumerate(tokens):
            number = is_number_token(token) or token in BLANK_MARKERS
            column = column_of(positions[index], heads, number) if positions else -1
            if number:
                if token in BLANK_MARKERS:
                    continue
                owner = previous if positions is None else (
                    previous if previous is not None and previous.column == column else None
                )
                if owner is None:
                    owner = pending_label(labels, column, line)
                if owner is None and previous is not None and not previous.numbers:
                    # A total printed across the function and use columns (当年支出小计): its number stands
                    # under the last column.
                    owner = previous
                if owner is None:
                    labels.append(Label("", column, line, [(token, line)]))
                else:
                    owner.numbers.append((token, line))
                continue
            if positions is None:
                column = len({label.column for label in labels if label.line is line})
            tail = last_in_column.get(column) if positions is not None else wrapped_tail(spec, labels, token)
            if tail is not None and not LABEL_START_RE.match(token) and not is_known(spec, tail.text) \
                    and item_of(spec, token) is None:
                tail.text += token
                previous = tail
                continue
            if previous is not None and previous.line is line and not previous.numbers and not LABEL_START_RE.match(token) \
                    and not is_known(spec, previous.text) and (positions is None or previous.column == column):
                previous.text += token
                continue
            label = Label(token, column, line)
            labels.append(label)
            last_in_column[column] = label
            previous = label
    return [label for label in labels if label.text]


def pending_label(labels: list[Label], column: int, line: Line) -> Label | None:
    """The label a number printed apart from it belongs to: the last label of its column that has no number
    yet, on this line or the two before. Without positions (column < 0): the first label still without a
    number on the last line that printed labels (``收入合计 支出合计`` over ``20.00 20.00``: in order)."""
    if column < 0:
        named = [label for label in labels[-12:] if label.text and line.line_no - label.line.line_no <= 2]
        if not named:
            return None
        last_line = named[-1].line
        return next((label for label in named if label.line is last_line and not label.numbers), None)
    for label in reversed(labels[-12:]):
        if line.line_no - label.line.line_no > 2:
            break
        if label.column == column and not label.numbers and label.text:
            return label
    return None


def wrapped_tail(spec: TableSpec, labels: list[Label], token: str) -> Label | None:
    """Without positions: the recent unfinished label a fragment completes (``三、单位预留机动经`` + ``费``)."""
    for label in reversed(labels[-8:]):
        if not is_known(spec, label.text) and is_known(spec, label.text + token):
            return label
    return None


def classify(spec: TableSpec, labels: list[Label], class_by_name: dict[str, str]) -> list[tuple[Label, str, str, str]]:
    """(label, column kind, measure, code) of every label: the table's items, else an expenditure 类."""
    result: list[tuple[Label, str, str, str]] = []
    for label in labels:
        found = item_of(spec, label.text)
        if found is not None:
            result.append((label, found[0], found[1], ""))
        elif label.name.endswith("支出") and LABEL_START_RE.match(label.text):
            result.append((label, FUNCTION, "total", class_by_name.get(label.name, "")))
    return result


TOTALS = ("total", "current_year")
# Items that are parts of another item of the same column (财政拨款 = 一般公共预算 + 政府性基金 …), or stand
# outside the current year's subtotal (上年结转 / 结转下年).
NOT_SUMMED = ("fiscal_appropriation", "carryover")


def is_total(kind: str, measure: str) -> bool:
    """A side's 小计 / 合计 (an expenditure 类's one amount is measure 'total' too, but an item)."""
    return measure in TOTALS and kind in (INCOME, EXPENDITURE)


def column_sums(rows: list[tuple[Label, str, str, str]], values: dict[int, Decimal]) -> dict[str, tuple[Decimal, Decimal | None]]:
    """Per column kind (income, function, use): (sum of its items, the 当年小计 — else 合计 — printed for its side)."""
    sums: dict[str, Decimal] = {}
    targets: dict[tuple[str, str], Decimal] = {}
    for label, kind, measure, _ in rows:
        value = values.get(id(label))
        if value is None:
            continue
        side = INCOME if kind == INCOME else EXPENDITURE
        if measure in TOTALS and kind in (INCOME, EXPENDITURE):
            targets.setdefault((side, measure), value)
        elif measure not in NOT_SUMMED and kind in (INCOME, FUNCTION, USE):
            sums[kind] = sums.get(kind, Decimal(0)) + value
    result: dict[str, tuple[Decimal, Decimal | None]] = {}
    for kind, total in sums.items():
        side = INCOME if kind == INCOME else EXPENDITURE
        result[kind] = (total, targets.get((side, "current_year"), targets.get((side, "total"))))
    return result


def parse_side_by_side(spec: TableSpec, body: list[Line], unit: str, class_by_name: dict[str, str]) -> LabelledTable:
    """A 收支预算总表 / 财政拨款收支预算总表 printing its columns side by side (see the module doc)."""
    issues: list[ParseIssue] = []
    labels = read_labels(spec, body)
    rows = classify(spec, labels, class_by_name)
    values: dict[int, Decimal] = {}
    for label, _, _, _ in rows:
        if len(label.numbers) > 1:
            issues.append(make_issue(IssueCode.INCOME_ITEM_MANY_NUMBERS, spec.key, label.line.line_no, label.text,
                                     label=label.text))
            label.numbers = []
        for printed, line in label.numbers:
            try:
                values[id(label)] = parse_amount(printed, unit)
            except ValueError as exc:
                issues.append(make_issue(IssueCode.AMOUNT_UNREADABLE, spec.key, line.line_no, line.text, reason=exc, suffix=""))
    failing = unbalanced(rows, values)
    if failing:
        repaired = repair(rows, values)
        if repaired is not None:
            values = repaired
            failing = []
    cells: list[AmountCell] = []
    for label, kind, measure, code in rows:
        value = values.get(id(label))
        if value is None or kind in failing:
            continue
        printed, line = label.numbers[0] if label.numbers else ("", label.line)
        if kind == FUNCTION and not code:
            issues.append(make_issue(IssueCode.SUMMARY_CLASS_UNKNOWN, spec.key, label.line.line_no, label.text,
                                     label=label.text))
            continue
        cells.append(AmountCell(
            spec.key, "income" if kind == INCOME else "expenditure", "total" if is_total(kind, measure) else "item", code,
            label.text, measure, value, printed, unit, line.line_no, line.page_no, f"{label.text} {printed}".strip(),
            "position" if line.token_x is not None else "arithmetic",
        ))
    for kind in failing:
        first = next((label for label, k, _, _ in rows if k == kind), None)
        if first is not None:
            issues.append(make_issue(IssueCode.SUMMARY_AMBIGUOUS, spec.key, first.line.line_no, first.text,
                                     label=f"{spec.name_zh}（{kind}）"))
    return LabelledTable(cells, issues)


def unbalanced(rows: list[tuple[Label, str, str, str]], values: dict[int, Decimal]) -> list[str]:
    """The column kinds whose items do not add up to the subtotal printed for them."""
    return [kind for kind, (total, target) in column_sums(rows, values).items() if target is not None and total != target]


def repair(rows: list[tuple[Label, str, str, str]], values: dict[int, Decimal]) -> dict[int, Decimal] | None:
    """Values after moving one number to a label printed without one, when that single move (and only one)
    makes every column add up; None otherwise."""
    empty = [label for label, kind, measure, _ in rows if id(label) not in values and not is_total(kind, measure)]
    found: list[tuple[dict[int, Decimal], Label, Label]] = []
    for label, kind, measure, _ in rows:
        if id(label) not in values or is_total(kind, measure):
            continue
        for target in empty:
            trial = dict(values)
            trial[id(target)] = trial.pop(id(label))
            if not unbalanced(rows, trial):
                found.append((trial, label, target))
    if len(found) != 1:
        return None
    trial, source, target = found[0]
    target.numbers, source.numbers = source.numbers, []
    return trial


def parse_source_groups(spec: TableSpec, body: list[Line], unit: str) -> LabelledTable:
    """A 收入预算总表 by source group (see the module doc): 收入总计 and each named group's 小计."""
    cells: list[AmountCell] = []
    issues: list[ParseIssue] = []
    groups: list[dict[str, object]] = []
    total: tuple[str, Line] | None = None
    waiting: str = ""
    for line in body:
        text = normalise_row_text(line.text)
        if not text or NOTE_RE.match(text) or UNIT_LINE_RE.search(text.replace(" ", "")):
            continue
        tokens = text.split()
        if all(token in HEAD_WORDS for token in tokens):
            continue
        numbers = [t for t in tokens if is_number_token(t)]
        words = [t for t in tokens if not is_number_token(t) and t not in BLANK_MARKERS]
        if not words and numbers:
            if waiting == "total" and total is None:
                total = (numbers[0], line)
            elif waiting == "group" and groups and groups[-1].get("printed") is None:
                groups[-1]["printed"], groups[-1]["line"] = numbers[0], line
            continue
        waiting = ""
        joined = "".join(words)
        if "总计" in joined or joined == "合计":
            if numbers:
                total = (numbers[0], line)
            else:
                waiting = "total"
            continue
        starts_group = any(word in SUBTOTAL_WORDS for word in words)
        if starts_group:
            group: dict[str, object] = {"measure": None, "printed": numbers[0] if numbers else None, "line": line}
            groups.append(group)
            waiting = "" if numbers else "group"
        named = item_of(spec, joined)
        if named is not None and "其中" not in joined:
            if not groups or (groups[-1]["measure"] is not None and not starts_group):
                groups.append({"measure": named[1], "printed": numbers[0] if numbers else None, "line": line})
            elif groups[-1]["measure"] is None:
                groups[-1]["measure"] = named[1]
    if total is not None:
        printed, line = total
        cells.append(AmountCell(spec.key, "", "total", "", "收入总计", "total", parse_amount(printed, unit), printed,
                                unit, line.line_no, line.page_no, line.text.strip(), "position"))
    for group in groups:
        measure, printed, line = group["measure"], group["printed"], group["line"]
        assert isinstance(line, Line)
        if printed is None:
            continue
        if not isinstance(measure, str):
            issues.append(make_issue(IssueCode.SUMMARY_ORPHAN_NUMBERS, spec.key, line.line_no, line.text.strip()))
            continue
        assert isinstance(printed, str)
        cells.append(AmountCell(spec.key, "", "item", "", spec_name(spec, measure), measure,
                                parse_amount(printed, unit), printed, unit, line.line_no, line.page_no, line.text.strip(),
                                "position"))
    return LabelledTable(cells, issues)


def spec_name(spec: TableSpec, measure: str) -> str:
    """The row label a measure is printed under in this table (its first ``label_items`` keyword), else the measure."""
    return next((keyword for keyword, _, m in spec.label_items if m == measure), measure)


CATEGORY_RE = re.compile(r"^(?P<label>[一二三四五六七八九十]+、\S+?)$")
ORDINAL_MARK_RE = re.compile(r"[一二三四五六七八九十]+、")


def parse_category_total(spec: TableSpec, body: list[Line], unit: str) -> LabelledTable:
    """A table read for its 合计 and its numbered categories only (政府采购预算表: 一、货物 …)."""
    cells: list[AmountCell] = []
    waiting: tuple[str, str] | None = None
    for line in body:
        text = normalise_row_text(line.text)
        tokens = text.split()
        if not tokens:
            continue
        words = [t for t in tokens if not is_number_token(t)]
        numbers = [t for t in tokens if is_number_token(t)]
        joined = "".join(words)
        if waiting is not None and not words and numbers:
            kind, label = waiting
            cells.append(AmountCell(spec.key, "", kind, "", label, "total", parse_amount(numbers[-1], unit),
                                    numbers[-1], unit, line.line_no, line.page_no, f"{label} {numbers[-1]}", "position"))
            waiting = None
            continue
        waiting = None
        # A category's words may be split by a printed space (PDF: "一、货物 A"); one ordinal, one category.
        if joined in ("合计", "总计") or (CATEGORY_RE.match(joined) and len(ORDINAL_MARK_RE.findall(joined)) == 1):
            kind = "total" if joined in ("合计", "总计") else "item"
            if numbers:
                cells.append(AmountCell(spec.key, "", kind, "", joined, "total",
                                        parse_amount(numbers[-1], unit), numbers[-1], unit, line.line_no,
                                        line.page_no, text, "position"))
            else:
                waiting = (kind, joined)
    return LabelledTable(cells, [])
