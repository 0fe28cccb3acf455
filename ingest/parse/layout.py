"""Find the nine tables in a document by their titles, and cut the text into table bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Line

# Order matters: the more specific titles first ("财政拨款收支" before a bare "收支").
TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fiscal_summary", re.compile(r"财政拨款收支(?:预算|决算)?总表$")),
    ("financial_summary", re.compile(r"(?:财务)?收支(?:预算|决算)?总表$")),
    ("income", re.compile(r"收入(?:预算|决算)?总表$")),
    ("expenditure", re.compile(r"支出(?:预算|决算)?总表$")),
    ("general_public", re.compile(r"一般公共预算(?:财政拨款)?支出功能分类(?:预算|决算)?表$")),
    ("government_fund", re.compile(r"政府性基金(?:预算)?(?:财政拨款)?支出功能分类(?:预算|决算)?表$")),
    ("state_capital", re.compile(r"国有资本经营(?:预算)?(?:财政拨款)?支出功能分类(?:预算|决算)?表$")),
    ("basic_economic", re.compile(r"一般公共预算(?:财政拨款)?基本支出.*经济分类(?:预算|决算)?表$")),
    ("three_public", re.compile(r"三公.{0,2}经费.*(?:预算|决算)?表$")),
)

ORDINAL_RE = re.compile(r"^(?:\d{1,2}\s*[.．、]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*")
SECTION_END_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?(?:其他相关情况说明|.{0,40}经费情况说明|部门预算编制说明|.{0,12}预算编制说明)$"
)
MAX_TITLE_LENGTH = 48


def normalise_title(text: str) -> str:
    return ORDINAL_RE.sub("", text.strip()).replace(" ", "")


def match_title(text: str) -> str | None:
    """The table key if ``text`` is a table title line (not a TOC entry, not a sentence)."""
    stripped = text.strip()
    if not stripped or "…" in stripped or "..." in stripped or len(stripped) > MAX_TITLE_LENGTH:
        return None
    if any(mark in stripped for mark in "，。；：:"):
        return None
    candidate = normalise_title(stripped)
    for key, pattern in TITLE_PATTERNS:
        if pattern.search(candidate):
            return key
    return None


@dataclass
class TableSegment:
    table_key: str
    title: str
    title_line: Line
    body: list[Line]


def is_section_end(text: str) -> bool:
    stripped = text.strip().replace(" ", "")
    return bool(stripped) and "…" not in stripped and bool(SECTION_END_RE.match(stripped))


def find_titles(lines: list[Line]) -> list[tuple[int, int, str, str]]:
    """(first index, last index, key, title) of every title, joining a title wrapped over two lines."""
    found: list[tuple[int, int, str, str]] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        key = match_title(text)
        if key:
            found.append((index, index, key, text.strip()))
            index += 1
            continue
        if index + 1 < len(lines) and text.strip() and not text.strip().endswith("表"):
            joined = text.strip() + lines[index + 1].text.strip()
            key = match_title(joined)
            if key and len(lines[index + 1].text.strip()) <= 12:
                found.append((index, index + 1, key, joined))
                index += 2
                continue
        index += 1
    return found


def drop_table_of_contents(lines: list[Line], titles: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A run of three or more titles with nothing but blank lines between them is the 目录, not tables."""
    kept: list[tuple[int, int, str, str]] = []
    run: list[tuple[int, int, str, str]] = []

    def flush() -> None:
        if len(run) < 3:
            kept.extend(run)
        run.clear()

    for title in titles:
        if run and any(line.text.strip() for line in lines[run[-1][1] + 1 : title[0]]):
            flush()
        run.append(title)
    flush()
    return kept


def split_tables(lines: list[Line]) -> list[TableSegment]:
    """Every table occurrence with its body; a table printed in several pieces yields several segments."""
    titles = drop_table_of_contents(lines, find_titles(lines))
    segments: list[TableSegment] = []
    for position, (first, last, key, title) in enumerate(titles):
        stop = titles[position + 1][0] if position + 1 < len(titles) else len(lines)
        body: list[Line] = []
        for line in lines[last + 1 : stop]:
            if is_section_end(line.text):
                break
            body.append(line)
        segments.append(TableSegment(key, title, lines[first], body))
    return segments


UNIT_RE = re.compile(r"单位\s*[：:]\s*(万元|元)")


def find_unit(body: list[Line]) -> str | None:
    for line in body[:8]:
        match = UNIT_RE.search(line.text)
        if match:
            return match.group(1)
    return None
