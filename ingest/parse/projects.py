"""项目经费情况说明: one section per project.

Each section has numbered parts (一、项目概述 … 三、实施主体 … 五、实施周期 六、年度预算安排 七、绩效目标). Sections
arrive titled ``XX项目经费情况说明`` / ``XX经费情况说明`` or untitled; some texts repeat pages, cut sections
off or print a title away from its body. Whatever cannot be read with certainty is kept and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from ..issues import COMPLETE_FLAGS, FLAG_MESSAGES, IssueCode, ProjectFlag, make_issue, render_flag
from ..model import Line, ParseIssue, Project, ProjectItem
from ..numbers import FEN, parse_amount

TITLE_RE = re.compile(r"^(?P<name>.*?)(?:项目)?经费情况说(?:明)?$")
PART_RE = re.compile(r"(?:^|\s)(?P<number>[一二三四五六七八])\s*[、.．]\s*(?P<part>项目概述|项目概况|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)")
PART_ORDER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
STOP_RE = re.compile(r"绩效目标(?:填报|申报)表|^[八九十]、\s*绩效目标$")

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
ENTITY_RES = (
    re.compile(r"实施主体(?:为|是)\s*(?P<name>[^，。；,]{2,40})"),
    re.compile(r"建设单位\s*(?P<name>[^，。；,]{2,30}?)(?:建设|负责|实施)"),
    re.compile(r"由\s*(?P<name>[^，。；,]{2,30}?)(?:负责|组织|实施|承担)"),
)
NAME_FROM_SUMMARY_RE = re.compile(r"(?:建设的|实施的|开展的|拟实施)\s*(?P<name>[^，。；,]{2,40}?(?:工程|项目))")


PART_NAMES = ("项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标")
SPLIT_HEADING_RE = re.compile(r"^(?P<number>[一二三四五六七八])\s*[、.．]\s*(?P<head>\S{2,5})$")
BOILERPLATE_RE = re.compile(r"^详见.{0,20}(?:绩效目标|附件|附表)")
PAGE_BREAK_BLANKS = 3
KEY_PARTS = ("项目概述", "立项依据", "实施主体", "实施方案", "年度预算安排")
DISTINCTIVE_PARTS = ("项目概述", "实施方案", "年度预算安排")
ENTITY_RE = re.compile(
    r"(?:中心|局|院|大队|队|所|站|处|办公室|办事处|委员会|委|会|馆|学校|校|园|部|厅|公司|街道|镇|政府|社|室|（本级）|\(本级\))$"
)
PAIRED_FLAG = FLAG_MESSAGES[ProjectFlag.PAIRED]
MAX_SECTIONS_BETWEEN = 2


@dataclass
class Section:
    title: str
    title_line: int | None
    start_line: int
    parts: dict[str, list[str]] = field(default_factory=dict)
    last_part: int = 0
    part_lines: dict[str, int] = field(default_factory=dict)
    flags: list[ProjectFlag] = field(default_factory=list)
    copies: list[int] = field(default_factory=list)  # start lines of every printed copy

    def text(self, part: str) -> str:
        return "".join(line.strip() for line in self.parts.get(part, []))

    def key(self, part: str) -> str:
        """A part's text for comparing copies (no spaces, no broken characters); a stray 实施主体 counts as absent."""
        text = re.sub(r"\s|\ufffd", "", self.text(part))
        if part == "实施主体" and text and not ENTITY_RE.search(unit_head(text)):
            return ""
        return text

    def is_fragment(self) -> bool:
        """Only the first parts survive (no 实施主体, no 年度预算安排): a page cut off after its start."""
        return not self.key("实施主体") and not self.text("年度预算安排") and bool(self.text("项目概述"))


def project_area(lines: list[Line]) -> list[Line]:
    """Lines from the first project section to the 绩效目标 forms (or the end)."""
    start = None
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if "…" in stripped or not stripped:
            continue
        if TITLE_RE.match(stripped.replace(" ", "")) and not stripped.startswith(("一、", "二、", "三、", "四、", "五、", "六、", "七、")):
            start = index
            break
    if start is None:
        return []
    area: list[Line] = []
    for line in lines[start:]:
        if STOP_RE.search(line.text.strip()):
            break
        area.append(line)
    return area


def complete_split_heading(head: str, following: str) -> str | None:
    """``一、项目概`` whose last characters open the next line (``述…``): the part name, else None."""
    for part in PART_NAMES + ("项目概况",):
        if part.startswith(head) and part != head and following.startswith(part[len(head):]):
            return part
    return None


def split_sections(area: list[Line]) -> tuple[list[Section], list[tuple[str, int]]]:
    """Sections in print order, and the titles left without a body of their own (orphans)."""
    sections: list[Section] = []
    orphans: list[tuple[str, int]] = []
    pending_titles: list[tuple[str, int]] = []
    current: Section | None = None
    current_part = ""
    preamble: list[str] = []  # text after a title/section end and before the next heading
    tail = 0  # lines at the end of the current part printed after a page break or a closing boilerplate
    tail_open = False
    blanks = 0
    strip_next = ""
    texts = [line.text.strip() for line in area]
    for index, line in enumerate(area):
        stripped = texts[index]
        if not stripped:
            blanks += 1
            if blanks >= PAGE_BREAK_BLANKS and current is not None:
                tail_open, tail = True, 0
            continue
        blanks = 0
        if strip_next and stripped.startswith(strip_next):
            stripped = stripped[len(strip_next):].strip()
            strip_next = ""
            if not stripped:
                continue
        compact = stripped.replace(" ", "")
        title = TITLE_RE.match(compact)
        if title and len(compact) <= 40 and not PART_RE.search(stripped):
            name = title.group("name")
            if current is not None and not current.title and not any(current.parts.values()) and not pending_titles:
                # The title is printed inside the first heading of its own body.
                current.title, current.title_line = name, line.line_no
                continue
            pending_titles.append((name, line.line_no))
            if current is not None and current.last_part >= 3:
                current = None
                preamble = []
            continue
        part = PART_RE.search(stripped)
        part_name = part.group("part") if part else ""
        number_text = part.group("number") if part else ""
        split = SPLIT_HEADING_RE.match(stripped)
        if not part and split:
            following = next(
                (t for t in texts[index + 1:] if t and not TITLE_RE.match(t.replace(" ", ""))), ""
            )
            completed = complete_split_heading(split.group("head"), following)
            if completed:
                part_name, number_text = completed, split.group("number")
                strip_next = completed[len(split.group("head")):]
        if part_name:
            number = PART_ORDER[number_text]
            before = stripped[: part.start()].strip() if part else ""
            if before and current is not None and current_part:
                current.parts[current_part].append(before)
            if current is None or number <= current.last_part:
                name, title_line = pending_titles.pop(0) if pending_titles else ("", None)
                new = Section(name, title_line, line.line_no)
                moved: list[str] = []
                if number > 1:
                    if current is None:
                        moved = preamble
                    elif tail_open and tail and current_part:
                        moved = current.parts[current_part][-tail:]
                        del current.parts[current_part][-tail:]
                if moved and number - 2 < len(PART_NAMES):
                    # A cut section: the text printed before its first heading is the end of the part before it.
                    previous_part = PART_NAMES[number - 2]
                    new.parts[previous_part] = list(moved)
                    new.part_lines[previous_part] = line.line_no
                current = new
                sections.append(current)
            current.last_part = number
            current_part = part_name.replace("项目概况", "项目概述")
            current.parts.setdefault(current_part, [])
            current.part_lines.setdefault(current_part, line.line_no)
            preamble, tail, tail_open = [], 0, False
            rest = stripped[part.end():].strip() if part else ""
            if rest:
                current.parts[current_part].append(rest)
            continue
        if current is None:
            if BOILERPLATE_RE.match(stripped) and pending_titles:
                # A title followed only by a section's closing line: its body is not printed after it.
                orphans.extend(pending_titles)
                pending_titles = []
            preamble.append(stripped)
            continue
        if current_part:
            current.parts[current_part].append(stripped)
            if BOILERPLATE_RE.match(stripped) and current_part == "绩效目标":
                tail_open, tail = True, 0
            elif tail_open:
                tail += 1
    orphans.extend(pending_titles)
    for section in sections:
        section.copies = [section.start_line]
    return sections, orphans


def similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 10 and short in long:
        return True
    if len(short) < 10:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def compare(a: Section, b: Section) -> tuple[set[str], set[str]]:
    """(parts both print alike, parts both print differently)."""
    agree: set[str] = set()
    conflict: set[str] = set()
    for part in KEY_PARTS:
        x, y = a.key(part), b.key(part)
        if not x or not y:
            continue
        (agree if similar(x, y) else conflict).add(part)
    return agree, conflict


def same_section(a: Section, b: Section) -> bool:
    agree, conflict = compare(a, b)
    return not conflict and bool(agree & set(DISTINCTIVE_PARTS) or {"立项依据", "实施主体"} <= agree)


def fullness(section: Section) -> tuple[int, int]:
    return sum(1 for part in KEY_PARTS if section.key(part)), sum(len(section.text(part)) for part in KEY_PARTS)


def drop_splices(sections: list[Section]) -> list[Section]:
    """A section whose 概述 repeats one section and whose budget repeats another section with a different 概述
    is two cut pages printed as one: everything in it is printed elsewhere, so it is not loaded."""
    kept = []
    for section in sections:
        pairs = [(other, compare(section, other)) for other in sections if other is not section]
        same_summary = [other for other, (agree, _) in pairs if "项目概述" in agree]
        same_budget_other_summary = [
            other for other, (agree, conflict) in pairs if "年度预算安排" in agree and "项目概述" in conflict
        ]
        if not (same_summary and same_budget_other_summary):
            kept.append(section)
    return kept


def merge_copies(sections: list[Section], orphans: list[tuple[str, int]]) -> list[Section]:
    """Repeated pages print a section two or three times, sometimes cut: one section per content."""
    groups: list[list[Section]] = []
    position = {id(section): index for index, section in enumerate(sections)}
    # Fullest copies first, so that cut copies are compared with a whole one.
    for section in sorted(sections, key=fullness, reverse=True):
        # Compared with each group's fullest copy: two cut copies may share no part with each other.
        group = next((g for g in groups if same_section(section, max(g, key=fullness))), None)
        if group is None:
            groups.append([section])
        else:
            group.append(section)
    merged: list[Section] = []
    groups.sort(key=lambda g: min(position[id(m)] for m in g))
    for group in groups:
        group.sort(key=lambda m: position[id(m)])
        best = max(group, key=fullness)
        for other in group:
            if other is best:
                continue
            for part, lines in other.parts.items():
                if not "".join(best.parts.get(part, [])).strip() and "".join(lines).strip():
                    best.parts[part] = list(lines)
                    best.part_lines.setdefault(part, other.part_lines.get(part, other.start_line))
        best.copies = sorted(line for member in group for line in member.copies)
        titles = [(m.title, m.title_line) for m in group if m.title]
        if titles:
            counts = {name: sum(1 for n, _ in titles if n == name) for name, _ in titles}
            chosen = max(counts, key=lambda name: counts[name])  # ties: the first printed
            if len(counts) > 1:
                best.flags.append(ProjectFlag.TITLE_VARIANTS)
                orphans.extend((n, line) for n, line in titles if n != chosen)
            best.title, best.title_line = chosen, next(line for n, line in titles if n == chosen)
        merged.append(best)
    return merged


def move_titles_off_stray_pages(sections: list[Section]) -> None:
    """A titled section broken off after its 概述 and followed by an untitled one with a different 概述: the
    broken piece is a page cut out of another project, so the title belongs to the section starting next."""
    for fragment, following in zip(sections, sections[1:]):
        if fragment.title and fragment.last_part <= 2 and not following.title:
            a, b = fragment.key("项目概述"), following.key("项目概述")
            if not (a and b and similar(a, b)):
                following.title, following.title_line = fragment.title, fragment.title_line
                fragment.title, fragment.title_line = "", None


def content_score(name: str, section: Section) -> int:
    body = section.text("项目概述") + section.text("实施方案") + section.text("年度预算安排")
    return sum(1 for char in set(name) if char in body)


def pair_orphans(sections: list[Section], orphans: list[tuple[str, int]]) -> list[Section]:
    """Titles printed away from their bodies: each goes to the nearest untitled section (a title carrying only a
    cut 概述 goes to the nearest untitled section that lacks one). Flagged."""
    claims: list[tuple[str, int, Section | None]] = [(name, line, None) for name, line in orphans]
    claims += [(s.title, s.title_line or s.start_line, s) for s in sections if s.title and s.is_fragment()]
    order = sorted(sections, key=lambda s: s.start_line)
    candidates = [s for s in sections if not s.title and not s.is_fragment()]
    options = []
    for name, line, fragment in claims:
        for candidate in candidates:
            if fragment is not None and candidate.text("项目概述"):
                continue
            if fragment is not None and compare(fragment, candidate)[1]:
                continue
            distance = min(abs(line - copy) for copy in candidate.copies)
            low, high = sorted((line, min(candidate.copies, key=lambda copy: abs(line - copy))))
            between = sum(1 for s in order if s is not candidate and s is not fragment and low < s.start_line < high)
            if between > MAX_SECTIONS_BETWEEN:
                continue
            options.append((distance, -content_score(name, candidate), line, name, fragment, candidate))
    options.sort(key=lambda option: option[:3])
    used_claims: set[int] = set()
    used: list[Section] = []
    removed: list[Section] = []
    for distance, score, line, name, fragment, candidate in options:
        if line in used_claims or any(candidate is u for u in used):
            continue
        used_claims.add(line)
        used.append(candidate)
        candidate.title, candidate.title_line = name, line
        candidate.flags.append(ProjectFlag.PAIRED)
        if fragment is not None:
            for part, lines in fragment.parts.items():
                if not "".join(candidate.parts.get(part, [])).strip() and "".join(lines).strip():
                    candidate.parts[part] = list(lines)
            removed.append(fragment)
    return [s for s in sections if not any(s is r for r in removed)]


def to_amount(value: str, unit: str) -> Decimal:
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


def unit_head(text: str) -> str:
    return re.split(r"[，。；,]", text, maxsplit=1)[0].strip()


def implementing_unit(text: str) -> str:
    head = unit_head(text)
    if 2 <= len(head) <= 40 and not head.startswith(("实施主体", "本工程", "本项目")):
        return head
    for pattern in ENTITY_RES:
        match = pattern.search(text)
        if match:
            return match.group("name").strip()
    return text[:40]


def entity_line(section: Section) -> str:
    """A line of the section that is nothing but a unit's name (the 实施主体 text printed out of place)."""
    names = {
        line.strip()
        for lines in section.parts.values()
        for line in lines
        if 4 <= len(line.strip()) <= 40 and ENTITY_RE.search(line.strip()) and not re.search(r"[，。；、,:：《》（）()\d]", line.strip().replace("（本级）", ""))
    }
    return next(iter(names)) if len(names) == 1 else ""


def section_to_project(section: Section) -> Project:
    flags: list[tuple[ProjectFlag, str]] = [(flag, render_flag(flag)) for flag in section.flags]

    def flag(code: ProjectFlag, **params: object) -> None:
        flags.append((code, render_flag(code, **params)))

    name = section.title
    if not name:
        summary = NAME_FROM_SUMMARY_RE.search(section.text("项目概述"))
        name = summary.group("name").strip() if summary else ""
        flag(ProjectFlag.NAME_FROM_SUMMARY if name else ProjectFlag.NAME_MISSING)
    budget_text = section.text("年度预算安排")
    amount, source, problem, printed_amount = read_amount(budget_text)
    partial_sum = source == "items_sum"
    items = read_items(budget_text, section.part_lines.get("年度预算安排", section.start_line))
    items_total = sum((item.amount for item in items), Decimal("0.00"))
    if amount is None and items and not problem.startswith("年度预算安排金额"):
        amount, source = items_total, "items_sum"
        flag(ProjectFlag.TOTAL_FROM_ITEMS)
        problem = ""
    elif items and amount is not None and items_total != amount:
        # Some sub-amounts were not readable (no unit, wrapped, prose): a partial list would look like
        # a published inconsistency, so none is loaded.
        flag(ProjectFlag.ITEMS_UNREAD, items_total=items_total, amount=amount)
        items = []
    if problem:
        flag(ProjectFlag.AMOUNT_PROBLEM, problem=problem)
    if source == "quarterly_sum":
        flag(ProjectFlag.QUARTERLY_SUM)
    if partial_sum:
        flag(ProjectFlag.TOTAL_FROM_SUBTOTALS)
    if source == "derived":
        source = "stated"
        flag(ProjectFlag.ONLY_AMOUNT, printed_amount=printed_amount)
    unit_text = section.text("实施主体")
    unit = implementing_unit(unit_text)
    if unit_text and not ENTITY_RE.search(unit_head(unit_text)):
        found = entity_line(section)
        if found:
            unit = found
            flag(ProjectFlag.ENTITY_MISPLACED)
    missing = [part for part in ("项目概述", "实施主体", "年度预算安排") if part not in section.parts]
    if missing:
        flag(ProjectFlag.INCOMPLETE, missing="、".join(missing))
    return Project(
        project_name=name,
        implementing_unit=unit,
        implementation_period=section.text("实施周期")[:200],
        basis=section.text("立项依据")[:500],
        amount=amount,
        amount_source=source,
        is_complete=all(code in COMPLETE_FLAGS for code, _ in flags),
        flag="；".join(text for _, text in flags),
        line_no=section.title_line or section.start_line,
        items=items,
        summary=section.text("项目概述")[:200],
        printed_amount=printed_amount,
    )


def dedupe_projects(projects: list[Project]) -> list[Project]:
    """Repeated pages print a section twice: keep the fuller copy once."""
    kept: list[Project] = []
    for project in projects:
        duplicate = next(
            (
                other
                for other in kept
                if other.implementing_unit == project.implementing_unit
                and (other.amount == project.amount or project.amount is None or other.amount is None)
                and (other.project_name == project.project_name or not project.project_name or not other.project_name)
                and (other.basis[:40] == project.basis[:40] or not project.basis or not other.basis)
                and (other.summary[:30] == project.summary[:30] or not project.summary or not other.summary)
            ),
            None,
        )
        if duplicate is None:
            kept.append(project)
            continue
        if (duplicate.amount is None and project.amount is not None) or (not duplicate.project_name and project.project_name):
            kept[kept.index(duplicate)] = merge_projects(project, duplicate)
    return kept


def merge_projects(better: Project, other: Project) -> Project:
    better.project_name = better.project_name or other.project_name
    better.basis = better.basis or other.basis
    better.implementation_period = better.implementation_period or other.implementation_period
    better.summary = better.summary or other.summary
    return better


def parse_projects(lines: list[Line]) -> tuple[list[Project], list[ParseIssue]]:
    sections, orphans = split_sections(project_area(lines))
    move_titles_off_stray_pages(sections)
    sections = merge_copies(drop_splices(sections), orphans)
    sections = pair_orphans(sections, orphans)
    projects = dedupe_projects([section_to_project(section) for section in sections])
    issues = [
        make_issue(IssueCode.PROJECT_FLAGGED, "", project.line_no, name=project.project_name or "（无名称）", flag=project.flag)
        for project in projects
        if project.flag and not project.is_complete
    ]
    return projects, issues
