"""Classify the lines of a table body and tokenise rows: codes, names, trailing numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Line
from ..numbers import BLANK_MARKERS, is_number_token
from ..templates import header_words

# A number glued to the next label: "700,327,459.36一、教育支出"; not a cell's own unit ("1,234.00元").
GLUED_NUMBER_RE = re.compile(
    r"((?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}|\d{1,3}(?:,\d{3})+)(?=[\u4e00-\u9fff（(“])(?!万?元(?:\s|$))"
)
# Where a number can be glued to a label: a digit right before the characters GLUED_NUMBER_RE looks ahead for.
DIGIT_BEFORE_LABEL_RE = re.compile(r"\d[\u4e00-\u9fff（(“]")
# What reads as an amount inside a row's name: a number that was printed but not read as a cell.
AMOUNT_LIKE_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}(?!\d)")
CODE_PREFIX_RE = re.compile(r"^(?P<class_code>\d{3})(?:\s+(?P<kuan>\d{1,2}))?(?:\s+(?P<xiang>\d{2}))?(?=\s|$|[^\d,.])")
GLUED_CODE_RE = re.compile(r"^(?P<code>\d{7}|\d{5})(?=\s|$|[^\d,.])")
TOTAL_RE = re.compile(r"^(?:合\s*计|总\s*计)(?=\s|$|\d)")
NOTE_RE = re.compile(r"^\s*(?:注|说明)\s*[:：]")
FRAGMENT_RE = re.compile(r"^[\u4e00-\u9fff（）()“”、·]{1,16}$")

# Words that make up the column headers of every registered family's tables; a line made only of these is a header.
HEADER_WORDS = header_words()
HEADER_LINE_RE = re.compile(r"^(?:\d{4}年)?(?:“三公”经费预算数|机关运行经?费?预算数?|机关运行经费预算)$")


def normalise_row_text(text: str) -> str:
    """A row's text ready to tokenise: ideographic spaces made plain and a number glued to the next label
    ('700,327,459.36一、教育支出') split from it.
    """
    text = text.replace("\u3000", " ")
    # A glued number ends with a digit right before the label: a row without such a pair (most rows) is not
    # searched with the full pattern, which tries every digit as the start of a number.
    if not DIGIT_BEFORE_LABEL_RE.search(text):
        return text.strip()
    return GLUED_NUMBER_RE.sub(r"\1 ", text).strip()


def split_trailing_numbers(text: str) -> tuple[str, list[str]]:
    """Name part and the printed numbers at the end of a row."""
    tokens = text.split()
    numbers: list[str] = []
    while tokens and (is_number_token(tokens[-1]) or tokens[-1] in BLANK_MARKERS):
        numbers.append(tokens.pop())
    numbers.reverse()
    return "".join(tokens), numbers


def unread_amount(name: str) -> str | None:
    """The first amount-like text left in a row's name after its cells were read (None if none): such a
    row is reported as unplaced rather than loaded without that figure."""
    match = AMOUNT_LIKE_RE.search(name)
    return match.group(0) if match else None


@lru_cache(maxsize=4096)
def is_glued_header_words(token: str) -> bool:
    """Whether ``token`` is two or more header words printed without a space (``合计基本支出``,
    ``人员经费公用经费``, the continuation header ``类款项``): the header cells of a wrapped header line run
    together in the extracted text."""
    if len(token) < 2 or token in HEADER_WORDS:
        return False
    # reachable[i]: token[:i] is a run of header words (at least one).
    reachable = [False] * (len(token) + 1)
    reachable[0] = True
    for end in range(1, len(token) + 1):
        reachable[end] = any(reachable[start] and token[start:end] in HEADER_WORDS for start in range(end))
    return reachable[-1]


def is_header_line(text: str) -> bool:
    """True for a line of a table's column header (编制部门 / 编制单位 lines, the 三公 header, or a line made
    only of the registered families' header words); False for an empty line.
    """
    compact = text.strip()
    if not compact:
        return False
    if compact.startswith(("编制部门", "编制单位")) or HEADER_LINE_RE.match(compact.replace(" ", "")):
        return True
    tokens = compact.split()
    return all(token in HEADER_WORDS or HEADER_LINE_RE.match(token) or is_glued_header_words(token) for token in tokens)


def is_numbers_only(text: str) -> bool:
    """True for a line that prints numbers and no name (cells of a row whose name is on another line)."""
    name, numbers = split_trailing_numbers(text)
    return bool(numbers) and not name


def is_fragment(text: str) -> bool:
    """True for a short run of Chinese (at most 16 characters, no number) that is not a header: a piece of a
    name wrapped onto its own line.
    """
    compact = text.strip()
    return bool(FRAGMENT_RE.match(compact)) and not is_header_line(compact)


@dataclass
class CodePrefix:
    """The code a row starts with (类 | 款 | 项 printed apart or glued), the rest of the row's text and, when a
    short 款 ('301 2') was padded, the code as printed.
    """

    code: str
    rest: str
    normalised_from: str | None = None  # set when a short 款 ("301 2") was padded


def read_code_prefix(text: str, max_level_digits: int) -> CodePrefix | None:
    """The classification code at the start of a row: ``208 01 01``, ``208 01``, ``208``, ``2080101``."""
    glued = GLUED_CODE_RE.match(text)
    if glued and len(glued.group("code")) <= max_level_digits:
        return CodePrefix(glued.group("code"), text[glued.end():].strip())
    match = CODE_PREFIX_RE.match(text)
    if not match:
        return None
    class_code, kuan, xiang = match.group("class_code"), match.group("kuan"), match.group("xiang")
    normalised_from = None
    if kuan is not None and len(kuan) == 1:
        if xiang is not None:
            return None
        normalised_from = match.group(0)
        kuan = kuan.zfill(2)
    code = class_code + (kuan or "") + (xiang or "")
    if len(code) > max_level_digits:
        return None
    return CodePrefix(code, text[match.end():].strip(), normalised_from)


@dataclass
class RawRow:
    """A table row as printed: code or label, name (wrapped parts joined), printed numbers."""

    kind: str  # 'code' | 'total' | 'item'
    code: str
    name: str
    numbers: list[str]
    line: Line  # where the numbers are (or the row's first line if none)
    text_lines: list[str] = field(default_factory=list)
    normalised_from: str | None = None
    name_from_own_line: bool = True
    numbers_pending: bool = False

    @property
    def row_text(self) -> str:
        """The row's printed lines joined with spaces (for messages and raw_amounts.row_text)."""
        return " ".join(part for part in self.text_lines if part)
