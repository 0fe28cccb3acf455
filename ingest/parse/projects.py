"""项目经费情况说明: one section per project."""

from __future__ import annotations

from ..model import Line, ParseIssue, Project


def parse_projects(lines: list[Line]) -> tuple[list[Project], list[ParseIssue]]:
    return [], []
