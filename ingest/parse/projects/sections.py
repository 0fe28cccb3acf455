"""项目经费情况说明: the text cut into sections, one per printed copy of a project, each in its numbered parts.

Each section has numbered parts (一、项目概述 … 三、实施主体 … 五、实施周期 六、年度预算安排 七、绩效目标). Sections
arrive titled ``XX项目经费情况说明`` / ``XX经费情况说明`` or untitled, titles inside a split heading or away from
their bodies (kept as orphans for copies.py to pair).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...issues import ProjectFlag
from ...model import Line
from .units import ENTITY_RE, unit_head

TITLE_RE = re.compile(r"^(?P<name>.*?)(?:项目)?经费情况说(?:明)?$")
PART_RE = re.compile(r"(?:^|\s)(?P<number>[一二三四五六七八])\s*[、.．]\s*(?P<part>项目概述|项目概况|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)")
PART_ORDER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
STOP_RE = re.compile(r"绩效目标(?:填报|申报)表|^[八九十]、\s*绩效目标$")
STOP_MARK = "绩效目标"  # in every match of STOP_RE

PART_NAMES = ("项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标")
SPLIT_HEADING_RE = re.compile(r"^(?P<number>[一二三四五六七八])\s*[、.．]\s*(?P<head>\S{2,5})$")
BOILERPLATE_RE = re.compile(r"^详见.{0,20}(?:绩效目标|附件|附表)")
PAGE_BREAK_BLANKS = 3
BLANK_OR_BROKEN_RE = re.compile(r"\s|\ufffd")
NO_PART: tuple[list[str], int, str, str] = ([], 0, "", "")


@dataclass
class Section:
    """One project section of 项目经费情况说明 as printed: its title and title line, first line, the text
    of each part (项目概述, 立项依据, 实施主体, 实施方案, 年度预算安排) by lines with each part's first line,
    the flags met while reading it and the start lines of every printed copy.
    """

    title: str
    title_line: int | None
    start_line: int
    parts: dict[str, list[str]] = field(default_factory=dict)
    last_part: int = 0
    part_lines: dict[str, int] = field(default_factory=dict)
    flags: list[ProjectFlag] = field(default_factory=list)
    copies: list[int] = field(default_factory=list)  # start lines of every printed copy
    # Each part's text and key with the list they were made from and that list's length: parts only grow,
    # shrink or are replaced by another list, so the same list at the same length reads the same. (Holding
    # the list keeps its identity from being reused.) Copies are compared pair by pair: this is read often.
    _read: dict[str, tuple[list[str], int, str, str]] = field(default_factory=dict, repr=False, compare=False)

    def _part(self, part: str) -> tuple[list[str], int, str, str]:
        lines = self.parts.get(part)
        if lines is None:
            return NO_PART
        cached = self._read.get(part)
        if cached is not None and cached[0] is lines and cached[1] == len(lines):
            return cached
        text = "".join(line.strip() for line in lines)
        cached = self._read[part] = (lines, len(lines), text, part_key(part, text))
        return cached

    def text(self, part: str) -> str:
        """A part's text, its lines stripped and joined ('' when the section has no such part)."""
        return self._part(part)[2]

    def key(self, part: str) -> str:
        """A part's text for comparing copies (no spaces, no broken characters); a stray 实施主体 counts as absent."""
        return self._part(part)[3]

    def is_fragment(self) -> bool:
        """Only the first parts survive (no 实施主体, no 年度预算安排): a page cut off after its start."""
        return not self.key("实施主体") and not self.text("年度预算安排") and bool(self.text("项目概述"))


def part_key(part: str, text: str) -> str:
    """Section.key of a part whose text is ``text``."""
    key = BLANK_OR_BROKEN_RE.sub("", text)
    if part == "实施主体" and key and not ENTITY_RE.search(unit_head(key)):
        return ""
    return key


def project_area(lines: list[Line]) -> list[Line]:
    """Lines from the first project section to the 绩效目标 forms (or the end)."""
    start = None
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if "…" in stripped or not stripped:
            continue
        if "说" not in stripped:  # every title ends in 说(明): most lines are not tried
            continue
        if TITLE_RE.match(stripped.replace(" ", "")) and not stripped.startswith(("一、", "二、", "三、", "四、", "五、", "六、", "七、")):
            start = index
            break
    if start is None:
        return []
    area: list[Line] = []
    for line in lines[start:]:
        if STOP_MARK in line.text and STOP_RE.search(line.text.strip()):
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
