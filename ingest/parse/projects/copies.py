"""项目经费情况说明: repeated, cut and spliced copies of one section made one, and orphan titles paired."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from ...issues import FLAG_MESSAGES, ProjectFlag
from .sections import Section

KEY_PARTS = ("项目概述", "立项依据", "实施主体", "实施方案", "年度预算安排")
DISTINCTIVE_PARTS = ("项目概述", "实施方案", "年度预算安排")
PAIRED_FLAG = FLAG_MESSAGES[ProjectFlag.PAIRED]
MAX_SECTIONS_BETWEEN = 2


# Copies of one part agree when difflib's ratio of their texts reaches this.
SIMILAR_RATIO = 0.8


@lru_cache(maxsize=4096)
def char_counts(text: str) -> Counter[str]:
    """How often each character occurs in `text` (cached: the same texts are compared pair by pair)."""
    return Counter(text)


@lru_cache(maxsize=16384)
def similar(a: str, b: str) -> bool:
    """Whether two texts of one part are copies: equal, one containing the other (10 characters or more), or
    difflib's ratio at least SIMILAR_RATIO.

    The same part is compared across every pair of sections, so the answer is remembered, and the two upper
    bounds of the ratio that difflib offers (from the lengths, then from the character counts) are computed
    first without building a matcher; only a pair that passes both is matched.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 10 and short in long:
        return True
    if len(short) < 10:
        return False
    length = len(a) + len(b)
    if 2.0 * len(short) / length < SIMILAR_RATIO:  # SequenceMatcher.real_quick_ratio()
        return False
    counts_a, counts_b = char_counts(a), char_counts(b)
    if len(counts_a) > len(counts_b):
        counts_a, counts_b = counts_b, counts_a
    common = sum(min(count, counts_b[char]) for char, count in counts_a.items() if char in counts_b)
    if 2.0 * common / length < SIMILAR_RATIO:  # SequenceMatcher.quick_ratio()
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR_RATIO


def part_keys(section: Section) -> tuple[str, ...]:
    """The section's key of each of KEY_PARTS: what its copies are compared by."""
    return tuple(section.key(part) for part in KEY_PARTS)


def compare_keys(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """``compare`` of two sections given their part_keys."""
    agree: set[str] = set()
    conflict: set[str] = set()
    for part, x, y in zip(KEY_PARTS, a, b):
        if not x or not y:
            continue
        (agree if similar(x, y) else conflict).add(part)
    return agree, conflict


def compare(a: Section, b: Section) -> tuple[set[str], set[str]]:
    """(parts both print alike, parts both print differently)."""
    return compare_keys(part_keys(a), part_keys(b))


def same_keys(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two sections, given their part_keys, are copies of one."""
    agree, conflict = compare_keys(a, b)
    return not conflict and bool(agree & set(DISTINCTIVE_PARTS) or {"立项依据", "实施主体"} <= agree)


def fullness(section: Section) -> tuple[int, int]:
    """How complete a section is: how many of the key parts (项目概述, 立项依据, 实施主体, 实施方案,
    年度预算安排) it has, then their total length; the fullest copy of a project is kept.
    """
    return sum(1 for part in KEY_PARTS if section.key(part)), sum(len(section.text(part)) for part in KEY_PARTS)


def drop_splices(sections: list[Section]) -> list[Section]:
    """A section whose 概述 repeats one section and whose budget repeats another section with a different 概述
    is two cut pages printed as one: everything in it is printed elsewhere, so it is not loaded."""
    keys = [part_keys(section) for section in sections]  # (sections are not changed here)
    kept = []
    for section, own in zip(sections, keys):
        pairs = [compare_keys(own, other) for other_section, other in zip(sections, keys) if other_section is not section]
        same_summary = [agree for agree, _ in pairs if "项目概述" in agree]
        same_budget_other_summary = [
            agree for agree, conflict in pairs if "年度预算安排" in agree and "项目概述" in conflict
        ]
        if not (same_summary and same_budget_other_summary):
            kept.append(section)
    return kept


def merge_copies(sections: list[Section], orphans: list[tuple[str, int]]) -> list[Section]:
    """Repeated pages print a section two or three times, sometimes cut: one section per content."""
    groups: list[list[Section]] = []
    position = {id(section): index for index, section in enumerate(sections)}
    # Read once: the sections are not changed until they are grouped.
    full = {id(section): fullness(section) for section in sections}
    keys = {id(section): part_keys(section) for section in sections}
    # Fullest copies first, so that cut copies are compared with a whole one.
    for section in sorted(sections, key=lambda s: full[id(s)], reverse=True):
        # Compared with each group's fullest copy: two cut copies may share no part with each other.
        group = next((g for g in groups if same_keys(keys[id(section)], keys[id(max(g, key=lambda s: full[id(s)]))])), None)
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
    """How many distinct characters of a project name occur in a section's 项目概述, 实施方案 and 年度预算安排:
    which section a title printed apart from its body belongs to.
    """
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
