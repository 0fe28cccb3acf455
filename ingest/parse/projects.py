"""项目经费情况说明: one section per project.

Each section has numbered parts (一、项目概述 … 三、实施主体 … 五、实施周期 六、年度预算安排 七、绩效目标). Sections
arrive titled ``XX项目经费情况说明`` / ``XX经费情况说明`` or untitled; some texts repeat pages, cut sections
off or print a title away from its body. Whatever cannot be read with certainty is kept and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

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


@dataclass
class Section:
    title: str
    title_line: int | None
    start_line: int
    parts: dict[str, list[str]] = field(default_factory=dict)
    last_part: int = 0
    part_lines: dict[str, int] = field(default_factory=dict)

    def text(self, part: str) -> str:
        return "".join(line.strip() for line in self.parts.get(part, []))


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


def split_sections(area: list[Line]) -> list[Section]:
    sections: list[Section] = []
    pending_titles: list[tuple[str, int]] = []
    current: Section | None = None
    current_part = ""
    for line in area:
        stripped = line.text.strip()
        if not stripped:
            continue
        compact = stripped.replace(" ", "")
        title = TITLE_RE.match(compact)
        if title and len(compact) <= 40 and not PART_RE.search(stripped):
            pending_titles.append((title.group("name"), line.line_no))
            if current is not None and current.last_part >= 3:
                current = None
            continue
        part = PART_RE.search(stripped)
        if part:
            number = PART_ORDER[part.group("number")]
            before = stripped[: part.start()].strip()
            if before and current is not None and current_part:
                current.parts[current_part].append(before)
            if current is None or number <= current.last_part:
                name, title_line = pending_titles.pop(0) if pending_titles else ("", None)
                if not name and current is not None and current.title and current.last_part <= 2:
                    # The previous section broke off after its 概述: a page cut out of another project,
                    # not the body its title announced. The title belongs to the section starting now.
                    name, title_line = current.title, current.title_line
                    current.title, current.title_line = "", None
                current = Section(name, title_line, line.line_no)
                sections.append(current)
            current.last_part = number
            current_part = part.group("part").replace("项目概况", "项目概述")
            current.parts.setdefault(current_part, [])
            current.part_lines.setdefault(current_part, line.line_no)
            rest = stripped[part.end():].strip()
            if rest:
                current.parts[current_part].append(rest)
            continue
        if current is not None and current_part:
            current.parts[current_part].append(stripped)
    return sections


def read_amount(text: str) -> tuple[Decimal | None, str, str, str]:
    """(amount, source, problem, printed total as printed) of a 年度预算安排 text."""
    for pattern in TOTAL_RES:
        match = pattern.search(text)
        if match:
            printed = match.group(1) + match.group(2)
            try:
                amount = parse_amount(match.group(1), "万元" if match.group(2).startswith("万") else "元")
                return amount, "stated", "", printed
            except ValueError:
                return None, "unreadable", f"年度预算安排金额“{printed}”无法读取", printed
    quarters = QUARTER_RE.findall(text)
    if quarters:
        try:
            total = sum(
                (parse_amount(value, "万元" if unit.startswith("万") else "元") for value, unit in quarters), Decimal("0.00")
            )
            return total.quantize(FEN), "quarterly_sum", "", ""
        except ValueError:
            return None, "unreadable", "季度用款计划金额无法读取", ""
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


def implementing_unit(text: str) -> str:
    head = re.split(r"[，。；,]", text, maxsplit=1)[0].strip()
    if 2 <= len(head) <= 40 and not head.startswith(("实施主体", "本工程", "本项目")):
        return head
    for pattern in ENTITY_RES:
        match = pattern.search(text)
        if match:
            return match.group("name").strip()
    return text[:40]


def section_to_project(section: Section) -> Project:
    flags: list[str] = []
    name = section.title
    if not name:
        summary = NAME_FROM_SUMMARY_RE.search(section.text("项目概述"))
        name = summary.group("name").strip() if summary else ""
        flags.append("未印项目名称，名称取自项目概述" if name else "未印项目名称")
    budget_text = section.text("年度预算安排")
    amount, source, problem, printed_amount = read_amount(budget_text)
    items = read_items(budget_text, section.part_lines.get("年度预算安排", section.start_line))
    items_total = sum((item.amount for item in items), Decimal("0.00"))
    if amount is None and items and not problem.startswith("年度预算安排金额"):
        amount, source = items_total, "items_sum"
        flags.append("未印年度预算总额，按分项合计")
        problem = ""
    elif items and amount is not None and items_total != amount:
        # Some sub-amounts were not readable (no unit, wrapped, prose): a partial list would look like
        # a published inconsistency, so none is loaded.
        flags.append(f"分项金额未能全部读出（读出 {items_total} 元，总额 {amount} 元），分项未载入")
        items = []
    if problem:
        flags.append(problem)
    if source == "quarterly_sum":
        flags.append("年度预算按四个季度用款计划相加")
    missing = [part for part in ("项目概述", "实施主体", "年度预算安排") if part not in section.parts]
    if missing:
        flags.append("本节不完整，缺少：" + "、".join(missing))
    return Project(
        project_name=name,
        implementing_unit=implementing_unit(section.text("实施主体")),
        implementation_period=section.text("实施周期")[:200],
        basis=section.text("立项依据")[:500],
        amount=amount,
        amount_source=source,
        is_complete=not flags or flags == ["年度预算按四个季度用款计划相加"],
        flag="；".join(flags),
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
    sections = split_sections(project_area(lines))
    projects = dedupe_projects([section_to_project(section) for section in sections])
    issues = [
        ParseIssue("", project.line_no, "warning", f"项目“{project.project_name or '（无名称）'}”：{project.flag}")
        for project in projects
        if project.flag and not project.is_complete
    ]
    return projects, issues
