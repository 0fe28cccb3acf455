"""Find a family's tables in a document by their titles (see ingest/templates), and cut the text into table bodies."""

from __future__ import annotations

import re
import re._constants as re_constants
import re._parser as re_parser
from dataclasses import dataclass
from functools import lru_cache

from ..model import Line
from ..templates import DEFAULT_FAMILY, FAMILIES, TemplateFamily

ORDINAL_RE = re.compile(r"^(?:\d{1,2}\s*[.．、]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*")
# Every heading that ends a table's section ends with this: a line that does not is never tried.
SECTION_END_SUFFIX = "说明"
SECTION_END_RE = re.compile(
    rf"^(?:[一二三四五六七八九十]+、)?(?:其他相关情况|.{{0,40}}经费情况|部门预算编制|.{{0,12}}预算编制){SECTION_END_SUFFIX}$"
)
# A table number printed before the title on the same line: 公开 01 表： / 公开05表 / 表5 / 表 5：.
TABLE_NUMBER_RE = re.compile(r"^(?:公开\s*\d{1,2}\s*表|表\s*\d{1,2})\s*[：:]?\s*")
MAX_TITLE_LENGTH = 48
# A TOC entry (dot leaders) or a sentence, never a title.
NOT_A_TITLE_RE = re.compile(r"…|\.\.\.|[，。；：:;《》]")
# A line ending in an amount is a table row, never the first half of a wrapped title.
ENDS_WITH_AMOUNT_RE = re.compile(r"(?:\d\.\d{1,2}|\d{1,3}(?:,\d{3})+)\s*$")


# What an ordinal (ORDINAL_RE) or a table number (TABLE_NUMBER_RE) starts with besides a digit: a line
# starting otherwise has none, and is not searched for one (most lines).
ORDINAL_STARTS = frozenset("一二三四五六七八九十（")
TABLE_NUMBER_STARTS = ("公开", "表")


def normalise_title(text: str) -> str:
    """A title line as the registry's title patterns expect it: its ordinal (1. / 一、 / （一）) and spaces removed."""
    text = text.strip()
    if text and (text[0] in ORDINAL_STARTS or text[0].isdecimal()):
        text = ORDINAL_RE.sub("", text)
    return text.replace(" ", "")


def title_candidate(text: str) -> str | None:
    """``text`` normalised as a title (table number, ordinal and spaces removed), or None when it cannot
    be a title of any family (empty, too long, a TOC entry, a sentence)."""
    stripped = text.strip()
    if stripped.startswith(TABLE_NUMBER_STARTS):
        stripped = TABLE_NUMBER_RE.sub("", stripped)
    if not stripped or len(stripped) > MAX_TITLE_LENGTH or NOT_A_TITLE_RE.search(stripped):
        return None
    return normalise_title(stripped)


def match_title(text: str, family: TemplateFamily = DEFAULT_FAMILY) -> str | None:
    """The key of ``family``'s table if ``text`` is one of its table titles (not a TOC entry, not a sentence)."""
    if not title_filter((family,)).may_hold_title(text):  # normalising only takes characters out
        return None
    candidate = title_candidate(text)
    return family.match_title(candidate) if candidate else None


@dataclass
class TableSegment:
    """One printing of a template table in a document: its key, its title as printed, the title's line and
    the body lines up to the next title or section (a table printed over several segments has several).
    """

    table_key: str
    title: str
    title_line: Line
    body: list[Line]


def is_section_end(text: str) -> bool:
    """True for the heading of a text part that ends the tables (其他相关情况说明, …经费情况说明,
    预算编制说明); a table-of-contents entry (with …) is not one.
    """
    if not text.rstrip().endswith(SECTION_END_SUFFIX[-1]):  # most lines: no need to strip out their spaces
        return False
    stripped = text.strip().replace(" ", "")
    return stripped.endswith(SECTION_END_SUFFIX) and "…" not in stripped and bool(SECTION_END_RE.match(stripped))


# A line as title finding sees it: its stripped text, its title candidate (title_candidate), when it
# may be the first half of a wrapped title the two lines joined and that joined text's candidate ("" and
# None when neither line holds a character titles need), and whether it ends a section (is_section_end).
ScannedLine = tuple[str, str | None, str, str | None, bool]


@dataclass(frozen=True)
class TitleFilter:
    """What a line must hold to be a title of some table of a set of families: ``pattern`` matches (by
    search) whatever normalised title one of their title patterns matches; ``marks`` (when not None) holds
    a character of every title pattern that every match of it contains, so a line with none of them (most
    lines) is not even normalised."""

    families: tuple[TemplateFamily, ...]  # kept, so that their ids are not reused while this is cached
    pattern: re.Pattern[str]
    marks: frozenset[str] | None

    def may_hold_title(self, text: str) -> bool:
        """False when ``text`` holds none of the marks (it cannot be, or become once normalised, a title)."""
        marks = self.marks
        if marks is None:
            return True
        if len(marks) == 1:  # (the usual case: a substring search, far cheaper than a set test per character)
            return next(iter(marks)) in text
        return not marks.isdisjoint(text)


_TITLE_FILTERS: dict[tuple[int, ...], TitleFilter] = {}


def title_filter(families: tuple[TemplateFamily, ...]) -> TitleFilter:
    """The TitleFilter of ``families`` (made once per set of families: it is derived from their patterns)."""
    key = tuple(map(id, families))
    known = _TITLE_FILTERS.get(key)
    if known is None:
        patterns = [pattern for family in families for table in family.tables for pattern in table.title_patterns]
        combined = re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or "(?!)")
        known = _TITLE_FILTERS[key] = TitleFilter(families, combined, title_marks(patterns))
    return known


def title_marks(patterns: list[str]) -> frozenset[str] | None:
    """Few characters such that every match of every pattern holds one of them (the character most
    patterns require first, as often as needed); None when some pattern requires no character."""
    uncovered = [required_chars(pattern) for pattern in patterns]
    if not all(uncovered):
        return None
    marks: set[str] = set()
    while uncovered:
        counts: dict[str, int] = {}
        for required in uncovered:
            for char in required:
                counts[char] = counts.get(char, 0) + 1
        mark = max(sorted(counts), key=counts.__getitem__)
        marks.add(mark)
        uncovered = [required for required in uncovered if mark not in required]
    return frozenset(marks)


@lru_cache(maxsize=256)  # a property of the pattern (parsing it costs more than the search it spares)
def required_chars(pattern: str) -> frozenset[str]:
    """Characters every match of ``pattern`` contains: its literal characters outside any group, repeat or
    alternative (empty when there are none, or the pattern's flags or syntax make that unsure)."""
    try:
        parsed = re_parser.parse(pattern)
    except (re.error, AttributeError, TypeError):
        return frozenset()
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return frozenset()
    return frozenset(chr(value) for op, value in parsed if op is re_constants.LITERAL)


def scan_titles(lines: list[Line], families: tuple[TemplateFamily, ...] = FAMILIES) -> list[ScannedLine]:
    """Each line's title candidates, worked out once for every family of ``families`` a document is tried
    with; a candidate no title of theirs matches is None (most lines), as is then any family's match."""
    wanted = title_filter(families)
    matches_any = wanted.pattern.search
    texts = [line.text for line in lines]
    strips = [text.strip() for text in texts]
    # Normalising only takes characters out: a line without any mark cannot become a title (most lines).
    if wanted.marks is not None and len(wanted.marks) == 1:  # (may_hold_title, inlined for every line)
        mark = next(iter(wanted.marks))
        marked = [mark in text for text in texts]
    else:
        marked = list(map(wanted.may_hold_title, texts))
    scanned: list[ScannedLine] = []
    last = len(lines) - 1
    for index, text in enumerate(texts):
        stripped = strips[index]
        joined, joined_candidate = "", None
        if index < last and stripped and (marked[index] or marked[index + 1]) and not stripped.endswith("表"):
            # The second half of a wrapped title is short; checked first, as most lines are not titles.
            following = strips[index + 1]
            if len(following) <= 12 and not ENDS_WITH_AMOUNT_RE.search(text):
                joined = stripped + following
                joined_candidate = title_candidate(joined)
                if joined_candidate and not matches_any(joined_candidate):
                    joined_candidate = None
        candidate = None
        if marked[index]:
            candidate = title_candidate(text)
            if candidate and not matches_any(candidate):
                candidate = None
        # (is_section_end's own first test, inlined: it rejects almost every line)
        section_end = text.rstrip().endswith(SECTION_END_SUFFIX[-1]) and is_section_end(text)
        scanned.append((stripped, candidate, joined, joined_candidate, section_end))
    return scanned


def find_titles(
    lines: list[Line], family: TemplateFamily = DEFAULT_FAMILY, scanned: list[ScannedLine] | None = None
) -> list[tuple[int, int, str, str]]:
    """(first index, last index, key, title) of every title, joining a title wrapped over two lines.
    ``scanned``: ``scan_titles(lines)`` (for families ``family`` is one of) when the caller has it."""
    scanned = scan_titles(lines, (family,)) if scanned is None else scanned
    found: list[tuple[int, int, str, str]] = []
    index = 0
    while index < len(scanned):
        stripped, candidate, joined, joined_candidate, _ = scanned[index]
        key = family.match_title(candidate) if candidate else None
        if key:
            found.append((index, index, key, stripped))
            index += 1
            continue
        key = family.match_title(joined_candidate) if joined_candidate else None
        if key:
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


def split_tables(
    lines: list[Line], family: TemplateFamily = DEFAULT_FAMILY, scanned: list[ScannedLine] | None = None
) -> list[TableSegment]:
    """Every table of ``family`` found, with its body; a table printed in several pieces yields several
    segments. ``scanned``: ``scan_titles(lines)`` (for families ``family`` is one of) when the caller has it."""
    scanned = scan_titles(lines, (family,)) if scanned is None else scanned
    titles = drop_table_of_contents(lines, find_titles(lines, family, scanned))
    segments: list[TableSegment] = []
    for position, (first, last, key, title) in enumerate(titles):
        stop = titles[position + 1][0] if position + 1 < len(titles) else len(lines)
        body: list[Line] = []
        for index in range(last + 1, stop):
            if scanned[index][4]:
                break
            body.append(lines[index])
        segments.append(TableSegment(key, title, lines[first], body))
    return segments


UNIT_RE = re.compile(r"单位\s*[：:]\s*(万元|元)")


def find_unit(body: list[Line]) -> str | None:
    """The unit of a table ('万元' or '元') from its 单位 line among the first eight body lines, else None."""
    for line in body[:8]:
        match = UNIT_RE.search(line.text)
        if match:
            return match.group(1)
    return None


@dataclass
class FamilyMatch:
    """The tables of one family found in a document."""

    family: TemplateFamily
    segments: list[TableSegment]

    @property
    def found(self) -> tuple[str, ...]:
        """Keys of the family's tables found, in the family's order."""
        keys = {segment.table_key for segment in self.segments}
        return tuple(key for key in self.family.table_keys if key in keys)

    @property
    def missing(self) -> tuple[str, ...]:
        """Keys of the family's tables not found, in the family's order."""
        found = set(self.found)
        return tuple(key for key in self.family.table_keys if key not in found)


def closest_family(lines: list[Line], families: tuple[TemplateFamily, ...] = FAMILIES) -> tuple[TemplateFamily, int]:
    """The family most of whose table titles a document prints anywhere, its 目录 included, and how many
    distinct ones (the earlier registered family on a tie): the template a file not read is closest to."""
    scanned = scan_titles(lines, families)
    counts = [(len({key for _, _, key, _ in find_titles(lines, candidate, scanned)}), -index, candidate)
              for index, candidate in enumerate(families)]
    count, _, family = max(counts, key=lambda item: (item[0], item[1]))
    return family, count


# A narrative whose tables are printed in another file says so: 公开表附后 / 具体公开表样附后.
TABLES_ELSEWHERE_RE = re.compile(r"表.{0,4}附后")


def tables_published_apart(lines: list[Line]) -> tuple[TemplateFamily, int] | None:
    """(family, titles listed) when a document lists a family's tables (its 目录 names at least the family's
    ``min_tables``) and says they are attached (附后) but prints none of them: the narrative half of a
    disclosure published as two files. None otherwise."""
    family, listed = closest_family(lines)
    if listed < family.min_tables:
        return None
    if not any(TABLES_ELSEWHERE_RE.search(line.text.replace(" ", "")) for line in lines):
        return None
    return family, listed


def locate_family(lines: list[Line], families: tuple[TemplateFamily, ...] = FAMILIES) -> FamilyMatch:
    """The family whose tables a document prints: most distinct tables found (as a share of the
    family's tables when counts tie), then the earlier registered family."""
    scanned = scan_titles(lines, families)
    matches = [FamilyMatch(candidate, split_tables(lines, candidate, scanned)) for candidate in families]
    return max(
        matches,
        key=lambda match: (len(match.found), len(match.found) / len(match.family.tables), -matches.index(match)),
    )
