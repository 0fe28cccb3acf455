"""项目经费情况说明: one project per section.

Some texts repeat pages, cut sections off or print a title away from its body. Whatever cannot be read with
certainty is kept and flagged. The work is split by job: sections.py cuts the text into sections, copies.py
makes repeated copies one and pairs orphan titles, amounts.py reads the 年度预算安排, units.py the 实施主体.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...issues import COMPLETE_FLAGS, IssueCode, ProjectFlag, make_issue, render_flag
from ...model import Line, ParseIssue, Project
from .amounts import read_amount, read_items
from .copies import PAIRED_FLAG, char_counts, drop_splices, merge_copies, move_titles_off_stray_pages, pair_orphans, similar
from .sections import Section, project_area, split_sections
from .units import ENTITY_RE, entity_line, implementing_unit, unit_head

__all__ = ["PAIRED_FLAG", "parse_projects", "read_amount"]

NAME_FROM_SUMMARY_RE = re.compile(r"(?:建设的|实施的|开展的|拟实施)\s*(?P<name>[^，。；,]{2,40}?(?:工程|项目))")


def section_to_project(section: Section) -> Project:
    """One Project from a 项目经费情况说明 section: its name (from the title, else from 项目概述), implementing
    unit, period, basis and the 年度预算安排 amount in yuan (stated, else the sum of its items or its
    quarterly plan), with its items and a flag naming every reading decision (ProjectFlag messages).
    """
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
        found = entity_line(section.parts)
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
    """`better` with its empty name, basis, period and summary taken from `other` (a copy of the same project
    printed twice); returns `better`, changed in place.
    """
    better.project_name = better.project_name or other.project_name
    better.basis = better.basis or other.basis
    better.implementation_period = better.implementation_period or other.implementation_period
    better.summary = better.summary or other.summary
    return better


def parse_projects(lines: list[Line]) -> tuple[list[Project], list[ParseIssue]]:
    """The projects of a document's 项目经费情况说明 sections, and a warning for each one flagged."""
    try:
        sections, orphans = split_sections(project_area(lines))
        move_titles_off_stray_pages(sections)
        sections = merge_copies(drop_splices(sections), orphans)
        sections = pair_orphans(sections, orphans)
        projects = dedupe_projects([section_to_project(section) for section in sections])
    finally:
        # The remembered comparisons are of this document's texts only: do not keep them for the next one.
        for cache in (similar, char_counts):
            cache.cache_clear()
    issues = [
        make_issue(IssueCode.PROJECT_FLAGGED, "", project.line_no, name=project.project_name or "（无名称）", flag=project.flag)
        for project in projects
        if project.flag and not project.is_complete
    ]
    return projects, issues
