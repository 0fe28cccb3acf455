"""Narrative facts: the figures the 编制说明 and 其他相关情况说明 state in words, with provenance.

What is read (every amount in 万元 or 元 converted to exact yuan):

* 编制说明, head: 收入预算 / 支出预算 totals, 财政拨款收入, 事业收入, 事业单位经营收入, 其他收入, 财政拨款支出 and
  its three funds, each with the change on last year when stated (``比2024年预算增加3,355.65万元``, ``与2023年
  预算持平``, ``增长13.04%``).
* 编制说明, items: ``N. “X（类）Y（款）Z（项）”科目A万元`` (or a bare ``“Z”科目A万元``) with the printed 类/款/项
  names, the prior-year figure (``2022年当年预算执行数为B万元``), the restated amount (``2023年预算安排C万元``),
  the stated change (direction, percentage) and the stated reason.
* 其他相关情况说明: the 三公 figures and their changes, 机关运行经费, 政府采购 (total, goods, works, services,
  reserved for SMEs and for small/micro enterprises), 绩效目标 (project count and amount), vehicles and
  large equipment (owned and to be bought, with the category breakdown).
* 财政项目支出绩效目标填报表: per form the project name, 项目资金总额, 年度资金申请总额, 当年财政拨款, 财政资金,
  上年结转资金, 其他资金 (amounts in 元).
* 机构设置: the budget units a department document lists (本部 / 不单列预算 noted), to match unit documents.

Everything is located by wording, never by position in a particular file. Text is read with whitespace
removed (the PDFs wrap lines anywhere, even inside a number), so each fact keeps the line where it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import Line, NarrativeFact
from ..numbers import parse_amount
from .layout import is_section_end, match_title, required_chars

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
TEXT_LIMIT = 300

CHARACTER_MAP = str.maketrans({"(": "（", ")": "）", "％": "%", "．": ".", ":": "：", "\"": "”", "「": "“", "」": "”"})

EXPLANATION_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:\d{4}年)?(?:部门|单位)?预算编制说明$")
OTHER_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)?其他相关情况说明$")
ORGANISATION_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)?.{0,40}机构设置$")
GLOSSARY_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)?名词解释$")
MEMBER_RE = re.compile(r"^(?P<no>\d{1,2})[.、](?P<name>[^，。,；;（(：:]{2,60})(?P<rest>.*)$")
HEADQUARTERS_SUFFIXES = ("本部", "本级")
FORM_TITLE_RE = re.compile(r"绩效目标(?:填报|申报)表")
FORM_TITLE_MARK = "绩"  # in every form title: a line without it is not searched for one

# 编制说明, head sentences: the label just before an amount decides what the amount is.
HEAD_LABELS: tuple[tuple[str, str], ...] = (
    (r"一般公共预算(?:财政)?拨款支出", "general_public_expenditure"),
    (r"政府性基金(?:预算)?(?:财政)?拨款支出", "government_fund_expenditure"),
    (r"国有资本经营(?:预算)?(?:财政)?拨款支出", "state_capital_expenditure"),
    (r"财政拨款支出", "fiscal_expenditure"),
    (r"财政拨款收入", "fiscal_income"),
    (r"事业单位经营收入", "operating_income"),
    (r"事业收入", "business_income"),
    (r"其他收入", "other_income"),
    (r"收入预算", "income_total"),
    (r"支出预算", "expenditure_total"),
)
# Jiangsu 情况说明, head: one total for income and expenditure, then the same funds and the 基本/项目/预留 split.
STATEMENT_LABELS: tuple[tuple[str, str], ...] = (
    (r"收入、支出预算总计", "budget_total"),
    (r"一般公共预算收入(?:预算)?", "general_public_income"),
    (r"基本支出预算数", "basic_expenditure"),
    (r"项目支出预算数", "project_expenditure"),
    (r"单位预留机动经费预算数", "reserve_expenditure"),
)
# 其他相关情况说明: 三公, 机关运行经费, 政府采购, 绩效目标.
OTHER_LABELS: tuple[tuple[str, str], ...] = (
    (r"“?三公”?经费", "three_public_total"),
    (r"因公出国（境）费", "abroad"),
    (r"公务(?:用)?车购置及运行(?:维护)?费", "vehicle_total"),
    (r"公务(?:用)?车购置费", "vehicle_purchase"),
    (r"公务(?:用车|车用车|车)运行(?:维护)?费", "vehicle_operation"),
    (r"公务接待费", "reception"),
    (r"机关运行经费", "operation_fund"),
    (r"政府采购货物", "procurement_goods"),
    (r"政府采购工程", "procurement_works"),
    (r"政府采购服务", "procurement_services"),
    (r"面向中小企业预留政府采购项目", "procurement_sme"),
    (r"预留给小型和?微型企业的政府采购项目", "procurement_small_micro"),
    (r"政府采购", "procurement_total"),
    (r"涉及项目预算资金", "performance_amount"),
)

# Jiangsu 情况说明, parts after the head (三公 / 会议费 / 培训费, 机关运行经费, 政府采购, 绩效目标): the topics of the
# 其他相关情况说明, worded '…费预算支出 A万元', '政府采购预算总金额为 A万元', '拟购买货物 A万元'.
STATEMENT_OTHER_LABELS: tuple[tuple[str, str], ...] = (
    (r"因公出国（境）费(?:用)?", "abroad"),
    (r"公务用车购置及运行(?:维护)?费", "vehicle_total"),
    (r"公务用车购置(?:费)?", "vehicle_purchase"),
    (r"公务用车运行(?:维护)?费", "vehicle_operation"),
    (r"公务接待费", "reception"),
    (r"会议费", "meeting"),
    (r"培训费", "training"),
    (r"机关运行经费", "operation_fund"),
    (r"政府采购(?:支出)?预算总(?:金)?额", "procurement_total"),
    (r"拟(?:采购|购买)货物(?:支出)?", "procurement_goods"),
    (r"拟(?:采购|购买)工程(?:支出)?", "procurement_works"),
    (r"拟(?:采购|购买)服务(?:支出)?", "procurement_services"),
    (r"涉及财政性资金合计", "performance_amount"),
)
# Jiangsu 情况说明, parts 二–九: stated shares 'X A万元，占Y%' (label pattern, topic, the topic of the whole it is a
# share of, printed in the same parts: '本年收入预算合计', '本年支出预算合计'; None: the whole is not printed).
STATEMENT_SHARE_LABELS: tuple[tuple[str, str, str | None], ...] = (
    (r"本年收入(?:预算)?合计", "income_total", None),
    (r"本年支出(?:预算)?合计", "expenditure_total", None),
    (r"一般公共预算收入", "general_public_income", "income_total"),
    (r"财政专户管理资金(?:收入)?", "special_account_income", "income_total"),
    (r"政府性基金(?:预算)?收入", "government_fund_income", "income_total"),
    (r"其他资金(?:收入)?", "other_income", "income_total"),
    (r"基本支出", "basic_expenditure", "expenditure_total"),
    (r"项目支出", "project_expenditure", "expenditure_total"),
    (r"(?:单位)?预留机动经费", "reserve_expenditure", "expenditure_total"),
    (r"财政拨款预算支出", "fiscal_expenditure", "expenditure_total"),
    (r"因公出国（境）费(?:用)?支出", "abroad", None),
    (r"公务用车购置及运行(?:维护)?费支出", "vehicle_total", None),
    (r"公务用车运行(?:维护)?费支出", "vehicle_operation", None),
    (r"公务接待费支出", "reception", None),
)
STATEMENT_SHARE_RE = re.compile(
    "(?:" + "|".join(f"(?P<t{index}>{pattern})" for index, (pattern, _, _) in enumerate(STATEMENT_SHARE_LABELS)) + ")"
    rf"(?:为)?(?P<num>{NUM})(?P<unit>万元|元)(?:，(?:占(?:本年支出合计|“?三公”?经费)?的?(?P<share>{NUM})%))?"
)
# '共 6 个项目实行绩效目标管理'
STATEMENT_PROJECT_COUNT_RE = re.compile(r"共(?P<count>\d+)个项目实行绩效目标管理")


def label_pattern(labels: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One regex for a list of (label pattern, topic) pairs: a label (group t<index> says which) followed by
    its figure (group num) in 万元 or 元 (group unit), with the usual filler words between (的预算…为).
    """
    alternatives = "|".join(f"(?P<t{index}>{pattern})" for index, (pattern, _) in enumerate(labels))
    return re.compile(
        rf"(?:{alternatives})(?:的)?(?:预算)?(?:金额|资金|总额)?(?:数)?(?:共|合计)?(?:为|是)?(?P<num>{NUM})(?P<unit>万元|元)"
    )


HEAD_RE = label_pattern(HEAD_LABELS)
STATEMENT_OTHER_RE = re.compile(
    "(?:" + "|".join(f"(?P<t{index}>{pattern})" for index, (pattern, _) in enumerate(STATEMENT_OTHER_LABELS)) + ")"
    rf"(?:预算)?(?:支出)?(?:数)?(?:为)?(?P<num>{NUM})(?P<unit>万元|元)"
)
STATEMENT_RE = label_pattern(STATEMENT_LABELS)
OTHER_RE = label_pattern(OTHER_LABELS)

YEAR = r"(?:(?P<year>\d{4})年|上年|上一年度?)"
COMPARISON_RE = re.compile(
    rf"(?:比|与|较)(?:同口径)?{YEAR}(?:（[^）]*）)?(?:当年)?(?P<kind>预算执行数|执行数|预算数|预算)?(?:相比)?"
    r"(?:，?[^，。；]{0,4}收、支(?:预算)?总计各)?"
    rf"(?P<direction>增加|减少|增长|下降|基本持平|持平)(?:了)?(?:(?P<num>{NUM})(?P<unit>%|万元|元))?"
)
PERCENT_RE = re.compile(rf"^(?:增长|增加|下降|减少)(?:了)?(?P<num>{NUM})%")
ITEM_RE = re.compile(rf"(?P<no>\d{{1,3}})[.、]“(?P<name>[^”]{{2,120}})”(?:科目)?(?:预算)?(?:为)?(?P<num>{NUM})(?P<unit>万元|元)")
NAME_CHAIN_RE = re.compile(r"^(?P<class_name>.+?)（类）(?P<kuan>.+?)（款）(?:(?P<xiang>.+?)（项）)?$")
PRIOR_RE = re.compile(rf"(?P<year>\d{{4}})年(?:当年)?(?P<kind>预算执行数|执行数|预算数|预算)为(?P<num>{NUM})(?P<unit>万元|元)")
RESTATED_RE = re.compile(rf"(?P<year>\d{{4}})年预算安排(?:为)?(?P<num>{NUM})(?P<unit>万元|元)")
REASON_RE = re.compile(r"主要原因(?:是|为)[：]?(?P<reason>[^。]*)")
PROJECT_COUNT_RE = re.compile(r"编报绩效目标的项目(?:共)?(?P<count>\d+)个")
VEHICLE_TOTAL_RE = re.compile(r"车辆(?P<count>\d+)辆")
VEHICLE_CATEGORY_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,12}?用车)(?P<count>\d+)辆")
STATEMENT_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、)收支预算总(?:体|表)情况说明$")
SECOND_PART_RE = re.compile(r"二、[^。，]{0,12}情况说明")
PAGE_NUMBER_RE = re.compile(r"^[—–-]*\d{1,3}[—–-]*$")
# a 款 or 项 name may hold a short bracketed part of its own: 党委办公厅（室）及相关机构事务（款）
STATEMENT_NAME = r"(?:[^，。；：（）\d]|（[^（）类款项]{1,4}）){2,40}"
PART_HEADING_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
STATEMENT_CLASS_RE = re.compile(r"（[一二三四五六七八九十]+）(?P<class_name>[^，。；：（）]{2,30})（类）(?=\d{1,2}[.、])")
STATEMENT_ITEM_RE = re.compile(
    rf"(?P<no>\d{{1,2}})[.、](?:(?P<kuan>{STATEMENT_NAME})（款）)?(?P<xiang>{STATEMENT_NAME})（项）"
    rf"(?:支出)?(?:为)?(?P<num>{NUM})(?P<unit>万元|元)"
)
# part 一, 支出预算总计 by 类: '1．公共安全（类）支出 A万元', '2．社会保障和就业支出 A万元' (no （类）)
STATEMENT_CLASS_AMOUNT_RE = re.compile(
    rf"(?<![\d.])(?P<no>\d{{1,2}})[.、](?P<class_name>[^，。；：（）\d]{{2,30}}?)(?:（类）(?:支出)?|支出)(?:为)?"
    rf"(?P<num>{NUM})(?P<unit>万元|元)"
)
STATEMENT_PERCENT_RE = re.compile(rf"(?:增长|增加|下降|减少|增幅|降幅)(?:了)?(?P<num>{NUM})%")
SAME_AS_BEFORE_RE = re.compile(r"^与上年(?:相比)?(?:保持)?(?:一致|持平|相同)")
# 政府采购: the parts its '其中' list prints after the total ('其中：政府采购货物预算A万元、…', '。其中拟购买货物 A万元；
# 拟购买服务 B万元', '其中：货物采购金额A万元、…'), each a clause naming one of these with its figure.
PROCUREMENT_LIST_RE = re.compile(r"其中[：，]?")
PROCUREMENT_PART_CLAUSE_RE = re.compile(rf"(?:货物|工程|服务)[^、；，。]*?(?:{NUM})(?:万元|元)")
EQUIPMENT_RE = re.compile(r"单价(?P<threshold>\d+)万元（含）以上(?:的)?设备（不含车辆）(?P<count>\d+)台")

DIRECTIONS = {"增加": "increase", "增长": "increase", "减少": "decrease", "下降": "decrease", "持平": "flat", "基本持平": "flat"}
BASE_KINDS = {"预算": "budget", "预算数": "budget", "预算执行数": "execution", "执行数": "execution"}

FORM_FIELDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"项目资金总额(?P<num>{NUM})"), "performance_form_total"),
    (re.compile(rf"年度资金申请总额(?P<num>{NUM})"), "performance_form_requested"),
    (re.compile(rf"当年财政拨款(?P<num>{NUM})"), "performance_form_current_fiscal"),
    (re.compile(rf"财政资金(?P<num>{NUM})"), "performance_form_fiscal_funds"),
    (re.compile(rf"上年结转(?:资金)?(?P<num>{NUM})"), "performance_form_carryover"),
    (re.compile(rf"其他资金(?P<num>{NUM})"), "performance_form_other"),
)
FORM_NAME_RE = re.compile(r"项目名称(?P<name>.+?)(?:项目性质|项目类别|主管部门|$)")


@dataclass
class Passage:
    """A section's text with whitespace removed, and the line each character came from."""

    text: str
    line_of: list[int] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """The line number the character at `offset` came from (clamped to the passage); 0 for an empty passage."""
        if not self.line_of:
            return 0
        return self.line_of[min(max(offset, 0), len(self.line_of) - 1)]

    def sentence_at(self, start: int, end: int) -> str:
        """The sentence (between 。) around [start, end), at most TEXT_LIMIT characters."""
        left = self.text.rfind("。", 0, start) + 1
        right = self.text.find("。", end)
        right = len(self.text) if right < 0 else right + 1
        return self.text[left:right][:TEXT_LIMIT]


def make_passage(lines: list[Line]) -> Passage:
    """The lines' text run together without whitespace (str.split drops exactly what isspace calls
    whitespace), and the line number of each of its characters."""
    pieces: list[str] = []
    line_of: list[int] = []
    for line in lines:
        piece = "".join(line.text.translate(CHARACTER_MAP).split())
        pieces.append(piece)
        line_of += [line.line_no] * len(piece)
    return Passage("".join(pieces), line_of)


def to_yuan(printed: str, unit: str) -> Decimal | None:
    """A figure written in words (e.g. '1,234.56' with unit '万元' or '元') in yuan; None when it is not a
    readable amount (the caller keeps the fact without its figure).
    """
    try:
        return parse_amount(printed, "万元" if unit.startswith("万") else "元")
    except ValueError:
        return None


# --------------------------------------------------------------------------- sections


def section_after(lines: list[Line], start: int, stop_at_forms: bool) -> list[Line]:
    """The lines of a narrative section after its heading at index `start`, up to the next table title,
    the end of the part or the glossary heading (and, with stop_at_forms, a 绩效目标 form's title).
    """
    body: list[Line] = []
    for line in lines[start + 1 :]:
        stripped = line.text.strip()
        if stripped and "…" not in stripped:
            compact = stripped.replace(" ", "")
            if match_title(stripped) or is_section_end(stripped) or GLOSSARY_HEADING_RE.match(compact):
                break
            if stop_at_forms and FORM_TITLE_MARK in stripped and FORM_TITLE_RE.search(stripped):
                break
        body.append(line)
    return body


def compact_texts(lines: list[Line]) -> list[str]:
    """Each line's text without spaces, as section headings are matched."""
    return [line.text.strip().replace(" ", "") for line in lines]


def find_section(
    lines: list[Line], heading: re.Pattern[str], stop_at_forms: bool, marker: str = "万元", compact: list[str] | None = None
) -> list[Line]:
    """The body of the heading occurrence whose text contains ``marker`` (skips table-of-contents entries).
    ``compact``: ``compact_texts(lines)`` when the caller has it (a document is searched for several headings)."""
    best: list[Line] = []
    required = required_chars(heading.pattern) if not heading.flags & re.IGNORECASE else frozenset()
    mark = min(required) if required else ""  # a character every heading holds: tried before the pattern
    for index, stripped in enumerate(compact_texts(lines) if compact is None else compact):
        if not stripped or mark not in stripped or "…" in stripped or not heading.match(stripped):
            continue
        body = section_after(lines, index, stop_at_forms)
        if marker in "".join(part.text for part in body) and len(body) > len(best):
            best = body
    return best


# --------------------------------------------------------------------------- clauses


def clauses(passage: Passage, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, clause) split at ，；。： within [start, end), not inside （…）."""
    end = len(passage.text) if end is None else end
    found: list[tuple[int, str]] = []
    position = start
    depth = 0
    for index in range(start, end):
        character = passage.text[index]
        if character == "（":
            depth += 1
        elif character == "）":
            depth = max(depth - 1, 0)
        elif character in "，；。：" and depth == 0:
            if index > position:
                found.append((position, passage.text[position:index]))
            position = index + 1
    if position < end:
        found.append((position, passage.text[position:end]))
    return found


def apply_comparison(fact: NarrativeFact, match: re.Match[str]) -> NarrativeFact:
    """The fact with the comparison a sentence states (比2024年预算增加 X万元 / Y%): prior_year, prior_kind
    ('budget' | 'execution'), change_direction ('increase' | 'decrease' | 'flat') and the change in yuan
    or percent; a 'flat' change without a figure is 0.
    """
    year = match.group("year")
    unit = match.group("unit") or ""
    change_amount = fact.change_amount
    change_percent = fact.change_percent
    if match.group("num"):
        if unit == "%":
            change_percent = Decimal(match.group("num").replace(",", ""))
        else:
            change_amount = to_yuan(match.group("num"), unit)
    direction = DIRECTIONS[match.group("direction")]
    if direction == "flat" and change_amount is None:
        change_amount = Decimal("0.00")
    return replace(
        fact,
        prior_year=int(year) if year else fact.prior_year,
        prior_kind=BASE_KINDS.get(match.group("kind") or "预算", "budget"),
        change_direction=direction,
        change_amount=change_amount,
        change_percent=change_percent,
    )


def labelled_facts(passage: Passage, section: str, pattern: re.Pattern[str], labels: tuple[tuple[str, str], ...],
                   start: int = 0, end: int | None = None) -> list[NarrativeFact]:
    """Facts of '<label>…<amount>万元' (several per clause when joined by 、), each followed by its optional
    comparison ('比2024年预算增加…', '与2023年预算持平') and percentage ('增长13.04%').

    A comparison belongs to the fact of its own sentence (or opens the next one: '1.00万元。与2024年预算持平')
    and is read once: a later sentence with a subject of its own ('财政拨款收入支出比2025年预算增加的主要原因
    是…') or a clause giving a reason never changes the direction of the figure before it."""
    facts: list[NarrativeFact] = []
    fact_sentence = -1
    compared_sentence = -1
    compared = False
    for offset, clause in clauses(passage, start, end):
        sentence = passage.text.count("。", 0, offset)
        rest_start = 0
        for labelled in pattern.finditer(clause):
            fact_sentence, compared = sentence, False
            index = next(i for i in range(len(labels)) if labelled.group(f"t{i}") is not None)
            printed = labelled.group("num")
            facts.append(
                NarrativeFact(
                    section=section,
                    topic=labels[index][1],
                    line_no=passage.line_at(offset + labelled.start()),
                    text=passage.sentence_at(offset, offset + len(clause)),
                    label=labelled.group(f"t{index}"),
                    amount=to_yuan(printed, labelled.group("unit")),
                    printed_amount=printed + labelled.group("unit"),
                )
            )
            rest_start = labelled.end()
        if not facts or "原因" in clause:
            continue
        rest = clause[rest_start:]
        comparison = COMPARISON_RE.search(rest)
        # '1.00万元。与2024年预算持平' : a sentence with no subject of its own, opening with the comparison
        opens_next = (sentence == fact_sentence + 1 and offset > 0 and passage.text[offset - 1] == "。"
                      and COMPARISON_RE.match(rest) is not None)
        # the percentage may follow a comparison that opened the next sentence: '…万元。与上年相比增加…，增长8.45%'
        if sentence != fact_sentence and not opens_next and not (compared and sentence == compared_sentence):
            continue
        if comparison:
            if not compared:
                facts[-1] = apply_comparison(facts[-1], comparison)
                compared, compared_sentence = True, sentence
            continue
        percent = PERCENT_RE.match(rest)
        if percent and facts[-1].change_percent is None:
            facts[-1] = replace(facts[-1], change_percent=Decimal(percent.group("num").replace(",", "")))
    return facts


# --------------------------------------------------------------------------- 编制说明 items


def item_fact(passage: Passage, match: re.Match[str], end: int) -> NarrativeFact:
    """One numbered item of 财政拨款支出主要内容 (预算编制说明) as a fact of topic 'item': its 类/款/项 names
    as printed (split by NAME_CHAIN_RE), the amount in yuan and, when the item's text states them, last
    year's amount, a restated figure, the change on last year and its reason.
    """
    body = passage.text[match.end():end]
    name = match.group("name")
    chain = NAME_CHAIN_RE.match(name)
    fact = NarrativeFact(
        section="explanation",
        topic="item",
        line_no=passage.line_at(match.start()),
        text=passage.text[match.start():end][:TEXT_LIMIT],
        label=name,
        item_no=int(match.group("no")),
        class_name=chain.group("class_name") if chain else "",
        kuan_name=chain.group("kuan") if chain else "",
        xiang_name=(chain.group("xiang") or "") if chain else name,
        amount=to_yuan(match.group("num"), match.group("unit")),
        printed_amount=match.group("num") + match.group("unit"),
    )
    prior = PRIOR_RE.search(body)
    if prior:
        fact = replace(fact, prior_year=int(prior.group("year")),
                       prior_kind=BASE_KINDS.get(prior.group("kind"), "budget"),
                       prior_amount=to_yuan(prior.group("num"), prior.group("unit")))
    restated = RESTATED_RE.search(body)
    if restated:
        fact = replace(fact, restated_year=int(restated.group("year")),
                       restated_amount=to_yuan(restated.group("num"), restated.group("unit")))
    comparison = COMPARISON_RE.search(body)
    if comparison:
        fact = apply_comparison(fact, comparison)
    reason = REASON_RE.search(body)
    if reason:
        fact = replace(fact, reason=reason.group("reason")[:TEXT_LIMIT])
    return fact


def explanation_facts(lines: list[Line], compact: list[str] | None = None) -> list[NarrativeFact]:
    """The facts of the 预算编制说明 section: its labelled totals (section 'explanation') and one 'item'
    fact per numbered item of its 财政拨款支出主要内容. [] when the document has no such section.
    """
    passage = make_passage(find_section(lines, EXPLANATION_HEADING_RE, stop_at_forms=True, compact=compact))
    items = list(ITEM_RE.finditer(passage.text))
    head_end = items[0].start() if items else len(passage.text)
    facts = labelled_facts(passage, "explanation", HEAD_RE, HEAD_LABELS, 0, head_end)
    for position, match in enumerate(items):
        end = items[position + 1].start() if position + 1 < len(items) else len(passage.text)
        facts.append(item_fact(passage, match, end))
    return facts


# --------------------------------------------------------------------------- 情况说明 (Jiangsu)


def statement_lines(lines: list[Line], compact: list[str] | None = None) -> list[Line]:
    """The 情况说明 part of a Jiangsu document: from '一、收支预算总体情况说明' (the occurrence with figures, not
    the table of contents) to the next 第N部分 or 名词解释 heading. Bare page numbers are left out, so a number
    printed at a page foot never glues onto the item number after it."""
    best: list[Line] = []
    for index, heading in enumerate(compact_texts(lines) if compact is None else compact):
        if "…" in heading or not STATEMENT_HEADING_RE.match(heading):
            continue
        body: list[Line] = []
        for following in lines[index + 1:]:
            text = "".join(following.text.split())
            if PART_HEADING_RE.match(text) or GLOSSARY_HEADING_RE.match(text):
                break
            if PAGE_NUMBER_RE.match(text):
                continue
            body.append(following)
        if "万元" in "".join(part.text for part in body) and len(body) > len(best):
            best = body
    return best


def statement_change(passage: Passage, fact: NarrativeFact, after: int, end: int) -> tuple[NarrativeFact, int]:
    """The fact with the change on last year its clause states after offset ``after`` (before ``end``):
    '，与上年相比增加/减少 B 万元，增长/减少 C%' in its own sentence, or opening the next one ('主要用于…。与上年
    相比增加…'), or '与上年一致' (flat, 0); and the reason that follows. Also the offset where its sentence ends."""
    sentence_end = passage.text.find("。", after, end)
    sentence_end = end if sentence_end < 0 else sentence_end
    body = passage.text[after:sentence_end]
    # '支出400.02万元，主要用于…。与上年相比增加28.1万元，增加7.57%': the comparison opens the next sentence
    if not COMPARISON_RE.search(body) and not SAME_AS_BEFORE_RE.match(body.lstrip("，")):
        following_end = passage.text.find("。", sentence_end + 1, end)
        following_end = end if following_end < 0 else following_end
        following = passage.text[sentence_end + 1:following_end]
        if COMPARISON_RE.match(following) or SAME_AS_BEFORE_RE.match(following):
            body, sentence_end = following, following_end
    rest = body.lstrip("，")
    if SAME_AS_BEFORE_RE.match(rest):
        return replace(fact, change_direction="flat", change_amount=Decimal("0.00")), sentence_end
    comparison = COMPARISON_RE.search(body)
    if comparison:
        fact = apply_comparison(fact, comparison)
        percent = STATEMENT_PERCENT_RE.search(body, comparison.end())
        if percent and fact.change_percent is None:
            fact = replace(fact, change_percent=Decimal(percent.group("num").replace(",", "")))
    reason = REASON_RE.search(passage.text, sentence_end, end)
    if reason:
        fact = replace(fact, reason=reason.group("reason")[:TEXT_LIMIT])
    return fact, sentence_end


def statement_item(passage: Passage, match: re.Match[str], class_name: str, end: int) -> NarrativeFact:
    """One '项' clause: 'N．X（款）Z（项）支出 A 万元，与上年相比增加/减少 B 万元，增长/减少 C%' (or '与上年一致')."""
    kuan = match.group("kuan") or ""
    xiang = match.group("xiang")
    label = (f"{class_name}（类）" if class_name else "") + (f"{kuan}（款）" if kuan else "") + f"{xiang}（项）"
    fact = NarrativeFact(
        section="explanation",
        topic="item",
        line_no=passage.line_at(match.start()),
        text="",
        label=label,
        item_no=int(match.group("no")),
        class_name=class_name,
        kuan_name=kuan,
        xiang_name=xiang,
        amount=to_yuan(match.group("num"), match.group("unit")),
        printed_amount=match.group("num") + match.group("unit"),
    )
    fact, sentence_end = statement_change(passage, fact, match.end(), end)
    return replace(fact, text=passage.text[match.start():sentence_end + 1][:TEXT_LIMIT])


def statement_classes(passage: Passage, start: int, end: int) -> list[NarrativeFact]:
    """Part 一's list of the 支出预算总计 by 类: 'N．X（类）支出 A万元，主要用于…。与上年相比增加 B万元，增长 C%' (the
    （类） may be left out: '2．社会保障和就业支出 A万元'), as facts of topic 'class_expenditure' (class_name as
    printed before （类） or 支出) with the change on last year and its reason."""
    facts: list[NarrativeFact] = []
    found = list(STATEMENT_CLASS_AMOUNT_RE.finditer(passage.text, start, end))
    for position, match in enumerate(found):
        clause_end = found[position + 1].start() if position + 1 < len(found) else end
        name = match.group("class_name")
        fact = NarrativeFact(
            section="explanation",
            topic="class_expenditure",
            line_no=passage.line_at(match.start()),
            text="",
            label=f"{name}（类）",
            item_no=int(match.group("no")),
            class_name=name,
            amount=to_yuan(match.group("num"), match.group("unit")),
            printed_amount=match.group("num") + match.group("unit"),
        )
        fact, sentence_end = statement_change(passage, fact, match.end(), clause_end)
        # '…万元。主要用于…。与上年相比增加 B万元': the comparison may open any later sentence of the clause
        later = COMPARISON_RE.search(passage.text, sentence_end, clause_end) if not fact.change_direction else None
        if later:
            fact, sentence_end = statement_change(passage, fact, passage.text.rfind("。", 0, later.start()) + 1,
                                                  clause_end)
        facts.append(replace(fact, text=passage.text[match.start():sentence_end + 1][:TEXT_LIMIT]))
    return facts


def statement_facts(lines: list[Line], compact: list[str] | None = None) -> list[NarrativeFact]:
    """Facts of a Jiangsu 情况说明: the head totals (收入、支出预算总计, 一般公共预算收入, 基本支出 / 项目支出 /
    单位预留机动经费 with their change on last year) and each 项 of 财政拨款支出, under the 类 sub-heading
    '（一）X（类）' it follows. Amounts in 万元, converted to yuan."""
    passage = make_passage(statement_lines(lines, compact))
    if not passage.text:
        return []
    items = list(STATEMENT_ITEM_RE.finditer(passage.text))
    head_end = items[0].start() if items else len(passage.text)
    # the head is part 一 only: parts 二–四 repeat its figures without the change on last year
    second_part = SECOND_PART_RE.search(passage.text)
    if second_part and second_part.start() < head_end:
        head_end = second_part.start()
    facts = labelled_facts(passage, "explanation", STATEMENT_RE, STATEMENT_LABELS, 0, head_end)
    # '收入、支出预算总计' states both totals at once: the same figure as Shanghai's two
    facts = [replace(fact, topic=topic) for fact in facts
             for topic in (("income_total", "expenditure_total") if fact.topic == "budget_total" else (fact.topic,))]
    # part 一 lists the 类 of 支出预算总计 before '此外，基本支出预算数…' (a labelled figure again)
    first_class = STATEMENT_CLASS_AMOUNT_RE.search(passage.text, 0, head_end)
    if first_class:
        after_classes = STATEMENT_RE.search(passage.text, first_class.end(), head_end)
        facts += statement_classes(passage, first_class.start(), after_classes.start() if after_classes else head_end)
    classes = list(STATEMENT_CLASS_RE.finditer(passage.text))
    for position, match in enumerate(items):
        end = items[position + 1].start() if position + 1 < len(items) else len(passage.text)
        heading = [found for found in classes if found.end() <= match.start()]
        class_name = heading[-1].group("class_name") if heading else ""
        facts.append(statement_item(passage, match, class_name, end))
    return facts + statement_other_facts(passage, head_end) + statement_shares(passage, head_end)


def statement_shares(passage: Passage, start: int) -> list[NarrativeFact]:
    """The shares a Jiangsu 情况说明 states after its head ('基本支出 A万元，占Y%'), as the 决算 shares are kept:
    section 'share', the figure's own topic, change_percent = Y and prior_amount = the whole it is a share of
    (本年收入 / 支出预算合计 as the same parts print it; None for a 三公 item, whose whole is not printed). The
    wholes are facts of their own, without a share."""
    found: list[tuple[NarrativeFact, str | None]] = []
    wholes: dict[str, Decimal] = {}
    for match in STATEMENT_SHARE_RE.finditer(passage.text, start):
        index = next(i for i in range(len(STATEMENT_SHARE_LABELS)) if match.group(f"t{i}") is not None)
        _, topic, whole = STATEMENT_SHARE_LABELS[index]
        amount = to_yuan(match.group("num"), match.group("unit"))
        share = match.group("share")
        if amount is None or (whole is not None and share is None):
            continue
        if share is None:
            wholes.setdefault(topic, amount)
        found.append((NarrativeFact(
            section="share", topic=topic, line_no=passage.line_at(match.start()),
            text=passage.sentence_at(match.start(), match.end()), label=match.group(f"t{index}"), amount=amount,
            printed_amount=match.group("num") + match.group("unit"),
            change_percent=Decimal(share.replace(",", "")) if share else None,
        ), whole))
    return [replace(fact, prior_amount=wholes.get(whole)) if whole else fact for fact, whole in found]


def statement_other_facts(passage: Passage, start: int) -> list[NarrativeFact]:
    """The figures of a Jiangsu 情况说明 after its head (from offset ``start``) in the vocabulary of the
    其他相关情况说明 (section 'other'): 三公 items, 会议费 and 培训费 each with its change on last year's budget,
    机关运行经费, 政府采购 (total, goods, works, services), 绩效目标 (amount, project count), vehicles (owned, by
    category). Amounts in 万元, converted to yuan."""
    facts = with_procurement_parts(passage, labelled_facts(passage, "other", STATEMENT_OTHER_RE, STATEMENT_OTHER_LABELS,
                                                           start))
    for match in STATEMENT_PROJECT_COUNT_RE.finditer(passage.text, start):
        facts.append(NarrativeFact("other", "performance_project_count", passage.line_at(match.start()),
                                   passage.sentence_at(match.start(), match.end()), label="实行绩效目标管理的项目",
                                   quantity=int(match.group("count"))))
    # '共有车辆55辆。其中，一般公务用车13辆…': the categories follow in the next sentence (same length: offsets hold)
    joined = passage.text[start:].replace("辆。其中", "辆，其中")
    tail = Passage(joined, passage.line_of[start:])
    return facts + [fact for fact in count_facts(tail) if fact.topic.startswith("vehicles")]


# --------------------------------------------------------------------------- 政府采购 parts


def procurement_parts_printed(passage: Passage, after: int) -> int | None:
    """How many parts (货物 / 工程 / 服务 clauses with a figure) the '其中' list of a 政府采购 total prints, the
    total's figure ending at offset ``after``: the list opens in the total's own sentence or opens the next one
    ('…1774.70万元。其中拟购买货物…') and ends at its sentence's 。. None when no such list follows (nothing
    printed to count). A template may print any subset of the three (Jiangsu: often 货物 and 服务 only)."""
    sentence_end = passage.text.find("。", after)
    sentence_end = len(passage.text) if sentence_end < 0 else sentence_end
    opening = PROCUREMENT_LIST_RE.search(passage.text, after, sentence_end)
    if opening is None and passage.text.startswith("其中", sentence_end + 1):
        opening = PROCUREMENT_LIST_RE.match(passage.text, sentence_end + 1)
    if opening is None:
        return None
    list_end = passage.text.find("。", opening.end())
    listed = passage.text[opening.end(): len(passage.text) if list_end < 0 else list_end]
    count = len(PROCUREMENT_PART_CLAUSE_RE.findall(listed))
    return count or None


def with_procurement_parts(passage: Passage, facts: list[NarrativeFact]) -> list[NarrativeFact]:
    """The facts with each 政府采购 total's ``quantity`` set to the number of parts its '其中' list prints
    (``procurement_parts_printed``), found from the total's line and printed figure: the parts read can then
    be told from the parts printed (parse/narrative_gaps.py records a part not read as a gap)."""
    result: list[NarrativeFact] = []
    for fact in facts:
        if fact.topic == "procurement_total" and fact.printed_amount and fact.line_no in passage.line_of:
            found = passage.text.find(fact.printed_amount, passage.line_of.index(fact.line_no))
            if found >= 0:
                fact = replace(fact, quantity=procurement_parts_printed(passage, found + len(fact.printed_amount)))
        result.append(fact)
    return result


# --------------------------------------------------------------------------- 其他相关情况说明


def count_facts(passage: Passage) -> list[NarrativeFact]:
    """Project count under 绩效目标, vehicles and large equipment (owned / to be bought)."""
    facts: list[NarrativeFact] = []
    for match in PROJECT_COUNT_RE.finditer(passage.text):
        facts.append(NarrativeFact("other", "performance_project_count", passage.line_at(match.start()),
                                   passage.sentence_at(match.start(), match.end()), label="编报绩效目标的项目",
                                   quantity=int(match.group("count"))))
    offset = 0
    for sentence in passage.text.split("。"):
        buying = "购置" in sentence
        vehicles = VEHICLE_TOTAL_RE.search(sentence)
        if vehicles:
            prefix = "vehicles_purchase" if "购置车辆" in sentence else "vehicles_owned"
            facts.append(NarrativeFact("other", prefix, passage.line_at(offset + vehicles.start()), sentence[:TEXT_LIMIT],
                                       label="车辆", quantity=int(vehicles.group("count"))))
            tail = sentence[vehicles.end():]
            tail = tail.split("设备")[0]
            for category in VEHICLE_CATEGORY_RE.finditer(tail):
                facts.append(NarrativeFact("other", f"{prefix}_category",
                                           passage.line_at(offset + vehicles.end() + category.start()),
                                           sentence[:TEXT_LIMIT], label=category.group("name"),
                                           quantity=int(category.group("count"))))
        for equipment in EQUIPMENT_RE.finditer(sentence):
            before = sentence[: equipment.start()]
            topic = "equipment_purchase" if buying and before.rfind("购置") > before.rfind("共有") else "equipment_owned"
            facts.append(NarrativeFact("other", topic, passage.line_at(offset + equipment.start()), sentence[:TEXT_LIMIT],
                                       label=f"单价{equipment.group('threshold')}万元（含）以上设备（不含车辆）",
                                       quantity=int(equipment.group("count"))))
        offset += len(sentence) + 1
    return facts


def other_facts(lines: list[Line], compact: list[str] | None = None) -> list[NarrativeFact]:
    """The facts of the 其他相关情况说明 section (section 'other'): its labelled figures (机关运行经费, 三公,
    政府采购, …) and its counts (vehicles, equipment). [] when the document has no such section.
    """
    passage = make_passage(find_section(lines, OTHER_HEADING_RE, stop_at_forms=True, compact=compact))
    return with_procurement_parts(passage, labelled_facts(passage, "other", OTHER_RE, OTHER_LABELS)) + count_facts(passage)


# --------------------------------------------------------------------------- 机构设置


def member_facts(lines: list[Line], compact: list[str] | None = None) -> list[NarrativeFact]:
    """The budget units a department document says it consists of (numbered list under 机构设置).
    reason: '本部' for the department's own office (本部 / 本级), '不单列预算' for a unit without its own budget."""
    facts: list[NarrativeFact] = []
    for line in find_section(lines, ORGANISATION_HEADING_RE, stop_at_forms=True, marker="包括", compact=compact):
        text = line.text.translate(CHARACTER_MAP).replace(" ", "")
        member = MEMBER_RE.match(text)
        if not member:
            continue
        name, rest = member.group("name").rstrip("。"), member.group("rest")
        reason = "本部" if "本部" in rest or "本级" in rest else ""
        for suffix in HEADQUARTERS_SUFFIXES:
            if name.endswith(suffix):
                name, reason = name[: -len(suffix)], "本部"
        if "不单列预算" in rest:
            reason = "不单列预算"
        facts.append(NarrativeFact("organisation", "member_unit", line.line_no, text[:TEXT_LIMIT], label=name,
                                   item_no=int(member.group("no")), reason=reason))
    return facts


# --------------------------------------------------------------------------- 绩效目标填报表


def form_facts(lines: list[Line]) -> list[NarrativeFact]:
    """Per 绩效目标填报表: the project name and its money lines (元). A form printed twice is read once."""
    facts: list[NarrativeFact] = []
    in_forms = False
    form_no = 0
    name = ""
    seen: set[str] = set()
    for line in lines:
        if not in_forms and FORM_TITLE_MARK not in line.text:  # before the first form, only its title matters
            continue
        text = line.text.translate(CHARACTER_MAP).replace(" ", "")
        if FORM_TITLE_RE.search(text) and "…" not in text:
            in_forms = True
            continue
        if not in_forms:
            continue
        named = FORM_NAME_RE.search(text)
        if named and named.group("name"):
            form_no += 1
            name = named.group("name")
            seen = set()
            continue
        if not form_no:
            continue
        for pattern, topic in FORM_FIELDS:
            match = pattern.search(text)
            if match and topic not in seen:
                seen.add(topic)
                facts.append(NarrativeFact("performance_form", topic, line.line_no, line.text.strip()[:TEXT_LIMIT],
                                           label=name, item_no=form_no, amount=to_yuan(match.group("num"), "元"),
                                           printed_amount=match.group("num") + "元"))
    return dedupe_forms(facts)


def dedupe_forms(facts: list[NarrativeFact]) -> list[NarrativeFact]:
    """Drop a form whose name and 项目资金总额 repeat an earlier form (a page the text prints twice)."""
    totals: dict[int, tuple[str, Decimal | None]] = {
        fact.item_no or 0: (fact.label, fact.amount) for fact in facts if fact.topic == "performance_form_total"
    }
    first: dict[tuple[str, Decimal | None], int] = {}
    keep: dict[int, int] = {}
    for form_no in sorted(totals):
        key = totals[form_no]
        if key not in first:
            first[key] = len(first) + 1
            keep[form_no] = first[key]
    return [replace(fact, item_no=keep[fact.item_no or 0]) for fact in facts if (fact.item_no or 0) in keep]


# --------------------------------------------------------------------------- document


def parse_narrative(lines: list[Line]) -> list[NarrativeFact]:
    """Every narrative fact of a document, in reading order, each stated once."""
    compact = compact_texts(lines)
    facts = (explanation_facts(lines, compact) + statement_facts(lines, compact) + other_facts(lines, compact)
             + form_facts(lines) + member_facts(lines, compact))
    unique: list[NarrativeFact] = []
    seen: set[tuple[object, ...]] = set()
    for fact in facts:
        identity = fact.identity()
        if identity not in seen:
            seen.add(identity)
            unique.append(fact)
    return unique
