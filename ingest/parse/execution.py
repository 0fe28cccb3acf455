"""Budget execution clauses of a 决算's 情况说明: what was budgeted at the start of the year, what was spent.

Two kinds of clause are read, anywhere after the tables, by their wording:

* a total: ``一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%``
  (also 政府性基金 / 国有资本经营 财政拨款支出 and ``“三公”经费财政拨款支出 … 完成预算的0%``);
* an item: ``5、X（类）Y（款）Z（项）。主要用于…。年初预算为85.55万元，支出决算为84.65万元。决算数小于预算数的
  主要原因：…`` with the printed 类/款/项 names, the optional 完成率 and the stated reason.

Each becomes a NarrativeFact (section 'execution', topic 'execution_total' or 'execution_item'): amount =
决算 and prior_amount = 年初预算 (yuan), prior_kind 'budget', change_percent = the printed 完成率 in percent
(None when not printed), change_direction from the wording (决算数小于预算数 'decrease', 大于 'increase',
基本持平 / 等于 'flat'), reason = the stated reason. Text is read with whitespace removed, so numbers
wrapped over lines are whole again ("年初预算为 1560.05 万元").
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Line, NarrativeFact
from ..numbers import parse_amount

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SEP = r"[，,；;：:、\s]*"
CORE_RE = re.compile(
    rf"年初预算(?:数)?(?:为|是){SEP}(?P<budget>{NUM})(?P<bunit>万元|元){SEP}"
    rf"(?:支出)?决算(?:数)?(?:为|是){SEP}(?P<final>{NUM})(?P<funit>万元|元)"
    rf"(?:{SEP}完成(?:年初)?预算的{SEP}(?P<rate>{NUM})%)?"
)
TOTAL_LABELS: tuple[tuple[str, str], ...] = (
    (r"一般公共预算财政拨款支出", "general_public"),
    (r"政府性基金预算财政拨款支出", "government_fund"),
    (r"国有资本经营预算财政拨款支出", "state_capital"),
    (r"“?三公”?经费财政拨款支出", "three_public"),
    (r"财政拨款支出", "fiscal"),
)
ITEM_RE = re.compile(
    r"(?P<no>\d{1,2})[、.．]" + SEP
    + r"(?P<names>(?:[^（）。]{1,40}（类）)?(?:[^（）。]{1,40}（款）)?[^（）。]{1,40}（项）)"
)
DIRECTION_RE = re.compile(r"决算数?(?P<word>小于|大于|等于|与)(?:年初)?预算数?(?P<flat>基本持平|持平)?")
REASON_RE = re.compile(r"主要原因(?:是)?" + SEP + r"(?P<reason>[^。]{1,200})")
STRIP = str.maketrans("", "", "，,；;：:、 ")
CHARACTER_MAP = str.maketrans({"(": "（", ")": "）", "％": "%", "．": "."})


def _names(printed: str) -> tuple[str, str, str]:
    parts = dict.fromkeys(("类", "款", "项"), "")
    for name, level in re.findall(r"([^（）]+)（(类|款|项)）", printed):
        parts[level] = name.translate(STRIP)
    return parts["类"], parts["款"], parts["项"]


def parse_execution(lines: list[Line], after_line: int = 0) -> list[NarrativeFact]:
    """Every execution clause in the lines after ``after_line`` (the last table's last line), in order.

    Amounts are yuan (Decimal); a clause whose amount cannot be read is skipped (nothing is guessed).
    """
    text_parts: list[str] = []
    starts: list[tuple[int, int]] = []  # (offset in text, line_no)
    offset = 0
    for line in lines:
        if line.line_no <= after_line:
            continue
        piece = "".join(line.text.split()).translate(CHARACTER_MAP)
        starts.append((offset, line.line_no))
        text_parts.append(piece)
        offset += len(piece)
    text = "".join(text_parts)

    def line_at(position: int) -> int:
        found = starts[0][1] if starts else 0
        for start, line_no in starts:
            if start > position:
                break
            found = line_no
        return found

    items = list(ITEM_RE.finditer(text))
    facts: list[NarrativeFact] = []
    for match in CORE_RE.finditer(text):
        try:
            budget = parse_amount(match.group("budget"), match.group("bunit"))
            final = parse_amount(match.group("final"), match.group("funit"))
        except ValueError:
            continue
        before = text[max(0, match.start() - 200):match.start()]
        sentence_start = before.rfind("。")
        subject = before[sentence_start + 1:] if sentence_start >= 0 else before
        owner = [item for item in items if item.end() <= match.start() and match.start() - item.end() < 200]
        # the clause after it ends at the next item or the next execution clause
        following = [item.start() for item in items if item.start() > match.end()]
        following += [other.start() for other in CORE_RE.finditer(text, match.end())]
        tail_end = min(following) if following else min(len(text), match.end() + 300)
        tail = text[match.end():tail_end]
        direction = DIRECTION_RE.search(tail)
        change = ""
        if direction:
            word = direction.group("word")
            change = {"小于": "decrease", "大于": "increase", "等于": "flat"}.get(word, "flat" if direction.group("flat") else "")
        reason_match = REASON_RE.search(tail)
        rate = Decimal(match.group("rate")) if match.group("rate") else None
        label = ""
        for pattern, key in TOTAL_LABELS:
            if re.search(pattern + r"$", subject.translate(STRIP)) or re.search(pattern, subject.translate(STRIP)[-30:]):
                label = key
                break
        if label and not (owner and owner[-1].end() > match.start() - len(subject)):
            topic, item_no, names = "execution_total", None, ("", "", "")
        elif owner:
            topic, item_no, names = "execution_item", int(owner[-1].group("no")), _names(owner[-1].group("names"))
            label = ""
        else:
            continue
        start = owner[-1].start() if topic == "execution_item" else match.start() - len(subject)
        facts.append(
            NarrativeFact(
                section="execution",
                topic=topic,
                line_no=line_at(start),
                text=text[start:tail_end][:300],
                label=label,
                item_no=item_no,
                class_name=names[0],
                kuan_name=names[1],
                xiang_name=names[2],
                amount=final,
                printed_amount=match.group("final") + match.group("funit"),
                prior_kind="budget",
                prior_amount=budget,
                change_direction=change,
                reason=reason_match.group("reason") if reason_match else "",
                change_percent=rate,
            )
        )
    return facts
