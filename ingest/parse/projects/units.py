"""项目经费情况说明: the implementing unit (实施主体) of a project section."""

from __future__ import annotations

import re

ENTITY_RES = (
    re.compile(r"实施主体(?:为|是)\s*(?P<name>[^，。；,]{2,40})"),
    re.compile(r"建设单位\s*(?P<name>[^，。；,]{2,30}?)(?:建设|负责|实施)"),
    re.compile(r"由\s*(?P<name>[^，。；,]{2,30}?)(?:负责|组织|实施|承担)"),
)

ENTITY_RE = re.compile(
    r"(?:中心|局|院|大队|队|所|站|处|办公室|办事处|委员会|委|会|馆|学校|校|园|部|厅|公司|街道|镇|政府|社|室|（本级）|\(本级\))$"
)


def unit_head(text: str) -> str:
    """The text of 实施主体 up to its first comma, full stop or semicolon, stripped."""
    return re.split(r"[，。；,]", text, maxsplit=1)[0].strip()


def implementing_unit(text: str) -> str:
    """The implementing unit of a project from its 实施主体 text: the text's head when it is a name (2-40
    characters, not a sentence), else a name found by the entity patterns (实施主体为…, 建设单位…, 由…负责),
    else the text's first 40 characters.
    """
    head = unit_head(text)
    if 2 <= len(head) <= 40 and not head.startswith(("实施主体", "本工程", "本项目")):
        return head
    for pattern in ENTITY_RES:
        match = pattern.search(text)
        if match:
            return match.group("name").strip()
    return text[:40]


def entity_line(parts: dict[str, list[str]]) -> str:
    """A line of a section's parts that is nothing but a unit's name (the 实施主体 text printed out of place)."""
    names = {
        line.strip()
        for lines in parts.values()
        for line in lines
        if 4 <= len(line.strip()) <= 40 and ENTITY_RE.search(line.strip()) and not re.search(r"[，。；、,:：《》（）()\d]", line.strip().replace("（本级）", ""))
    }
    return next(iter(names)) if len(names) == 1 else ""
