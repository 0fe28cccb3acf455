"""The figures a 决算's 情况说明 states outside its execution clauses (parse/execution.py reads those).

The national 部门决算 template numbers its 情况说明 parts with their table's name; each part is found by that
heading (its ordinal may differ between editions) and read by wording:

* 收入支出决算总体情况说明: ``收入支出总计X万元`` (topic ``grand_total``);
* 收入决算情况说明: ``本年收入合计X万元``, then each source ``财政拨款收入X万元，占Y%`` (``income_total``,
  ``fiscal_income``, ``superior_subsidy_income``, ``business_income``, ``operating_income``,
  ``subordinate_remittance_income``, ``other_income``);
* 支出决算情况说明: ``本年支出合计``, ``基本支出``, ``项目支出``, ``上缴上级支出``, ``经营支出``, ``对附属单位补助支出``
  (``expenditure_total``, ``basic_expenditure``, ``project_expenditure``, ``to_superior_expenditure``,
  ``operating_expenditure``, ``to_subordinates_expenditure``);
* 财政拨款收入支出决算总体情况说明: ``财政拨款收入支出总计X万元`` (``fiscal_grand_total``);
* 一般公共预算财政拨款支出决算情况说明: ``一般公共预算财政拨款支出X万元，占本年支出合计的Y%``
  (``general_public_expenditure``) and the structure ``A（类）X万元，占Y%`` (``class_expenditure``,
  class_name A);
* 一般公共预算财政拨款基本支出决算情况说明: ``基本支出X万元`` (``general_public_basic_expenditure``),
  ``人员经费X万元，主要包括：a、b、…`` and ``公用经费…`` (``personnel_funds`` / ``public_funds``), and each listed
  item (``personnel_item`` / ``public_item``, label = the printed name, item_no = its place in the list);
* 其他重要事项的情况说明, 政府采购: the total and its goods / works / services parts (``procurement_total``,
  ``procurement_goods``, ``procurement_works``, ``procurement_services``); the total's ``quantity`` is the
  number of parts its '其中' list prints (parse/narrative.py ``procurement_parts_printed``).

Every fact has section ``final_explanation``; amount in yuan (Decimal), printed_amount as printed. A stated
share (``占Y%``) is kept on the figure it qualifies: change_percent = Y and prior_amount = the whole it is a
share of, itself a figure the 情况说明 prints (本年收入合计, 本年支出合计, 一般公共预算财政拨款支出); without that
whole the share is kept and prior_amount is None. Nothing is guessed: a figure that cannot be read is skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..model import Line, NarrativeFact
from .narrative import NUM, Passage, make_passage, to_yuan, with_procurement_parts

SECTION = "final_explanation"

# A part heading on a line of its own: '四、财政拨款收入支出决算总体情况说明', '十一、其他重要事项的情况说明'.
HEADING_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、(?P<title>[^，。；：]{2,40})$")
PART_END_RE = re.compile(r"^第[一二三四五六七八九十]部分")
# Part titles (without the ordinal) → part key; the more specific titles first.
PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^财政拨款收入支出决算总体情况(?:说明)?$"), "fiscal"),
    (re.compile(r"^收入支出决算总体情况(?:说明)?$"), "overview"),
    (re.compile(r"^收入决算情况(?:说明)?$"), "income"),
    (re.compile(r"^支出决算情况(?:说明)?$"), "expenditure"),
    (re.compile(r"^一般公共预算财政拨款基本支出决算情况(?:说明)?$"), "basic"),
    (re.compile(r"^一般公共预算财政拨款支出决算情况(?:说明)?$"), "general_public"),
    (re.compile(r"^其他重要事项的?情况(?:说明)?$"), "other"),
)

AMOUNT = rf"(?:为|是)?(?P<num>{NUM})(?P<unit>万元|元)"
SHARE_RE = re.compile(rf"^[，,]?占(?:本年(?:收入|支出)合计的?)?(?:比重|比例|比)?(?:为|是)?(?P<share>{NUM})%")

# (part, label pattern, topic, whole topic of its share or None)
LABELS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "overview": ((r"(?<!财政拨款)收入支出总计", "grand_total", None),),
    "fiscal": ((r"财政拨款收入支出总计", "fiscal_grand_total", None),),
    "income": (
        (r"本年收入合计", "income_total", None),
        (r"财政拨款收入", "fiscal_income", "income_total"),
        (r"上级补助收入", "superior_subsidy_income", "income_total"),
        (r"(?<!单位)事业收入", "business_income", "income_total"),
        (r"(?:事业单位)?经营收入", "operating_income", "income_total"),
        (r"附属单位上缴收入", "subordinate_remittance_income", "income_total"),
        (r"其他收入", "other_income", "income_total"),
    ),
    "expenditure": (
        (r"本年支出合计", "expenditure_total", None),
        (r"基本支出", "basic_expenditure", "expenditure_total"),
        (r"项目支出", "project_expenditure", "expenditure_total"),
        (r"上缴上级支出", "to_superior_expenditure", "expenditure_total"),
        (r"(?<!对附属单位补助)经营支出", "operating_expenditure", "expenditure_total"),
        (r"对附属单位补助支出", "to_subordinates_expenditure", "expenditure_total"),
    ),
    "general_public": ((r"一般公共预算财政拨款支出", "general_public_expenditure", "expenditure_total"),),
    "basic": (
        (r"一般公共预算财政拨款基本支出", "general_public_basic_expenditure", None),
        (r"人员经费", "personnel_funds", None),
        (r"公用经费", "public_funds", None),
    ),
    "other": (
        (r"政府采购(?:金额|支出)?(?:（[^）]{0,20}）)?(?:总额)?", "procurement_total", None),
        (r"货物采购(?:金额)?", "procurement_goods", None),
        (r"工程采购(?:金额)?", "procurement_works", None),
        (r"服务采购(?:金额)?", "procurement_services", None),
    ),
}
CLASS_RE = re.compile(rf"(?P<name>[^，。；：、（）]{{2,30}})（类）(?:支出)?{AMOUNT}")
LIST_RE = re.compile(r"(?P<label>人员经费|公用经费)[^。；]{0,30}?主要包括[：:]?(?P<items>[^。；]*)")
LIST_TOPICS = {"人员经费": "personnel_item", "公用经费": "public_item"}


def part_passages(lines: list[Line], after_line: int) -> dict[str, Passage]:
    """The text of each known 情况说明 part after ``after_line`` (the last table), by part key; a part
    ends at the next numbered heading or 第…部分 line."""
    parts: dict[str, list[Line]] = {}
    current: str | None = None
    for line in lines:
        if line.line_no <= after_line:
            continue
        compact = "".join(line.text.split())
        heading = HEADING_RE.match(compact)
        if heading or PART_END_RE.match(compact):
            title = heading.group("title") if heading else ""
            current = next((key for pattern, key in PARTS if pattern.match(title)), None)
            if current in parts:  # a repeated heading (a page printed twice): keep the first
                current = None
            if current:
                parts[current] = []
            continue
        if current:
            parts[current].append(line)
    return {key: make_passage(body) for key, body in parts.items()}


def labelled(passage: Passage, part: str) -> list[tuple[int, NarrativeFact, str | None]]:
    """(offset, fact, whole topic) for each labelled figure of the part, the first of each topic."""
    found: list[tuple[int, NarrativeFact, str | None]] = []
    seen: set[str] = set()
    for pattern, topic, whole in LABELS.get(part, ()):
        for match in re.finditer(pattern + AMOUNT, passage.text):
            if topic in seen:
                break
            amount = to_yuan(match.group("num"), match.group("unit"))
            if amount is None:
                continue
            seen.add(topic)
            share = SHARE_RE.match(passage.text[match.end():])
            label = match.group(0)[: match.start("num") - match.start()].removesuffix("为").removesuffix("是")
            fact = NarrativeFact(
                section=SECTION, topic=topic, line_no=passage.line_at(match.start()),
                text=passage.sentence_at(match.start(), match.end()), label=label, amount=amount,
                printed_amount=match.group("num") + match.group("unit"),
                change_percent=Decimal(share.group("share").replace(",", "")) if share else None,
            )
            found.append((match.start(), fact, whole if share else None))
    return found


def class_facts(passage: Passage) -> list[NarrativeFact]:
    """The structure sentence's ``A（类）X万元，占Y%`` (a share of 一般公共预算财政拨款支出)."""
    facts: list[NarrativeFact] = []
    for match in CLASS_RE.finditer(passage.text):
        amount = to_yuan(match.group("num"), match.group("unit"))
        if amount is None:
            continue
        name = re.sub(r"^(?:主要用于以下方面|其中)[：:]?", "", match.group("name"))
        share = SHARE_RE.match(passage.text[match.end():])
        facts.append(NarrativeFact(
            section=SECTION, topic="class_expenditure", line_no=passage.line_at(match.start()),
            text=passage.sentence_at(match.start(), match.end()), label=f"{name}（类）", class_name=name,
            amount=amount, printed_amount=match.group("num") + match.group("unit"),
            change_percent=Decimal(share.group("share").replace(",", "")) if share else None,
        ))
    return facts


def list_facts(passage: Passage) -> list[NarrativeFact]:
    """Each item of the 人员经费 / 公用经费 ``主要包括：a、b、…`` lists, in order."""
    facts: list[NarrativeFact] = []
    for match in LIST_RE.finditer(passage.text):
        topic = LIST_TOPICS[match.group("label")]
        offset = match.start("items")
        for number, item in enumerate(re.split(r"[、，,]", match.group("items")), start=1):
            name = item.strip().removeprefix("和").removeprefix("及").removesuffix("等")
            if name:
                facts.append(NarrativeFact(
                    section=SECTION, topic=topic, line_no=passage.line_at(offset),
                    text=passage.sentence_at(match.start(), match.end()), label=name, item_no=number,
                ))
            offset += len(item) + 1
    return facts


def parse_final_narrative(lines: list[Line], after_line: int = 0) -> list[NarrativeFact]:
    """Every figure of the 决算 情况说明 parts above, in reading order by part, each topic once per part.

    ``after_line``: the last line of the last table (the table of contents repeats the headings).
    """
    passages = part_passages(lines, after_line)
    facts: list[NarrativeFact] = []
    wholes: dict[str, Decimal] = {}
    pending: list[tuple[NarrativeFact, str | None]] = []
    for part in ("overview", "income", "expenditure", "fiscal", "general_public", "basic", "other"):
        passage = passages.get(part)
        if passage is None:
            continue
        found = [(fact, whole) for _, fact, whole in sorted(labelled(passage, part), key=lambda item: item[0])]
        if part == "general_public":
            head = next((fact for fact, _ in found if fact.topic == "general_public_expenditure"), None)
            found += [(fact, "general_public_expenditure" if fact.change_percent is not None and head else None)
                      for fact in class_facts(passage)]
        if part == "basic":
            found += [(fact, None) for fact in list_facts(passage)]
        if part == "other":
            counted = with_procurement_parts(passage, [fact for fact, _ in found])
            found = [(fact, whole) for fact, (_, whole) in zip(counted, found, strict=True)]
        for fact, whole in found:
            if fact.amount is not None and fact.topic not in wholes:
                wholes[fact.topic] = fact.amount
            pending.append((fact, whole))
    for fact, whole in pending:
        facts.append(replace(fact, prior_amount=wholes.get(whole)) if whole else fact)
    return facts

