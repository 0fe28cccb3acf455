"""The national 部门决算 (final account) template: its nine tables, read by column position.

Tables (table_key → template title, 部门 and 单位 editions, with or without 一、…九、 / 表一 numbering):
  financial_summary  收入支出决算总表            two-sided: income items | expenditure 类, 决算数; balances
  income             收入决算表                  类/款/项 × 本年收入合计, 财政拨款, 上级补助, 事业, 经营, 附属单位上缴, 其他
  expenditure        支出决算表                  类/款/项 × 本年支出合计, 基本, 项目, 上缴上级, 经营, 对附属单位补助
  fiscal_summary     财政拨款收入支出决算总表    two-sided: fund income | 类 × 合计 and the three funds; balances
  general_public     一般公共预算财政拨款支出决算表        类/款/项 × 合计, 基本, 项目
  basic_economic     一般公共预算财政拨款基本支出决算表    economic 类/款 × 决算数, two-sided (人员 | 公用)
  three_public       财政拨款“三公”经费支出决算表          预算数 and 决算数 per item
  government_fund    政府性基金预算财政拨款收入支出决算表  类/款/项 × 年初结转, 本年收入, 本年支出 (小计, 基本, 项目), 年末结转
  state_capital      国有资本经营预算财政拨款收入支出决算表  as government_fund

Amounts are printed in 万元 (or 元, as the table's 单位 line says) and returned in yuan (Decimal, to the fen).
Cells are placed by the x-position of each number against the centre of its column's header, so PDF
input is required for the tables (text input has no positions: such a row is reported, not guessed).
Numbers printed on a line of their own just above a row (cells vertically centred against a wrapped
name) belong to the row below them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import AmountCell, IngestError, Line, ParseIssue, PrintedCode, TableInfo
from ..numbers import NUMBER_RE, parse_amount

from ..templates.final_account import FAMILY

TEMPLATE = FAMILY.key


@dataclass(frozen=True)
class FinalTable:
    """One table of the 决算 template (from the registry): its key, printed name and the title it is found by."""

    key: str
    name: str
    title: re.Pattern[str]


# In the registry's title order: the more specific titles first.
FINAL_TABLES: tuple[FinalTable, ...] = tuple(
    FinalTable(spec.key, spec.name_zh, pattern) for spec in FAMILY.titles_in_order() for pattern in spec.title_res
)
FINAL_TABLE_KEYS: tuple[str, ...] = FAMILY.table_keys
FINAL_TABLE_NAMES: dict[str, str] = {spec.key: spec.name_zh for spec in FAMILY.tables}

# How the 决算 template's header cells naming each column begin (cells wrap: 本年收入合 / 计, 附属单 / 位上 /
# 缴收入), as prefixes of a header token; the columns and their order are the registry's.
HEADER_PREFIXES: dict[str, tuple[str, ...]] = {
    "total": ("本年收入合", "本年支出合", "收入合计", "支出合计", "合计", "小计"),
    "fiscal_appropriation": ("财政拨款",),
    "superior_subsidy": ("上级补助",),
    "business": ("事业收",),
    "operating": ("经营收",),
    "subordinate_remittance": ("附属单",),
    "other": ("其他收",),
    "basic": ("基本支出",),
    "project": ("项目支",),
    "to_superior": ("上缴上级",),
    "operating_expenditure": ("经营支",),
    "to_subordinates": ("对附属单位",),
    "opening": ("年初结转",),
    "income": ("本年收入",),
    "closing": ("年末结转",),
    "general_public": ("一般公共预算", "般公共预算"),
    "government_fund": ("政府性基金",),
    "state_capital": ("国有资本经营",),
}


def columns_of(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The registry's columns of a coded table (or of a summary's expenditure side), with their header prefixes."""
    spec = FAMILY.table(key)
    columns = spec.columns or spec.expenditure_layouts[0].columns
    return tuple((measure, HEADER_PREFIXES.get(measure, ())) for measure in columns)


CODED_COLUMNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    spec.key: columns_of(spec.key) for spec in FAMILY.tables if spec.layout == "coded" and spec.classification == "function"
}
INCOME_ITEMS: tuple[tuple[str, str], ...] = tuple(
    (phrase, measure) for phrase, measure in FAMILY.table("financial_summary").income_items if measure != "total"
)

# Summary-table rows, by a phrase of their label (the ordinal 一、 and line wraps do not matter).
# (phrase, row_kind, code/item): totals and balances of either side.
SUMMARY_ROWS: tuple[tuple[str, str, str], ...] = (
    ("本年收入合计", "total", "total"),
    ("本年支出合计", "total", "total"),
    ("使用非财政拨款结余", "balance", "non_fiscal_surplus_used"),
    ("结余分配", "balance", "surplus_allocation"),
    ("年初", "balance", "opening"),
    ("年末", "balance", "closing"),
    ("总计", "total", "grand_total"),
)
SUMMARY_COLUMNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # the income side prints one 决算数 column; the expenditure side's columns are the registry's
    "financial_summary": (("total", ("决算数",)),),
    "fiscal_summary": columns_of("fiscal_summary"),
}
# The header phrase naming each 三公 item (its 预算数 / 决算数 pair sits under it), in the registry's order.
THREE_PUBLIC_PHRASES: dict[str, str] = {
    "total": "合计",
    "abroad": "因公出国",
    "vehicle_total": "小计",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行",
    "reception": "公务接待",
}
THREE_PUBLIC_ITEMS: tuple[tuple[str, str], ...] = tuple(
    (THREE_PUBLIC_PHRASES[measure], measure) for measure in FAMILY.table("three_public").columns
)

# In the summary tables the right side's labels are left-aligned and short ones (总计) sit well left of
# their header's centre, while the left side's amounts are centred: the sides part nearer the amounts.
SUMMARY_SPLIT = 0.4
UNIT_RE = re.compile(r"单位[：:\s]*(万元|元)")
NOTE_RE = re.compile(r"^(?:注|说明)[：:]")
ORDINAL_TOKEN_RE = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)]?[、.．]*$|^[、，]+$")
COVER_RE = re.compile(r"^(?:第.部分)?(?P<name>\S{2,40}?)(?P<year>20\d{2})年度?(?P<scope>部门|单位)决算")
REGION_RE = re.compile(r"^(?P<region>(?:[^省市]{2,8}省)?[^省市]{2,8}?市(?:[^区县市]{1,8}?(?:区|县))?)")
SECTION_RE = re.compile(r"^第.部分|情况说明$")
EMPTY_NOTE_RE = re.compile(r"(?:无|没有).{0,30}(?:本表无数据|故本表|空表)|本表无数据")


@dataclass
class Token:
    """One whitespace-separated word of a table line and its horizontal centre in points (NaN for text input)."""

    text: str
    x: float


@dataclass
class Segment:
    """One 决算 table found in a document: its template table, its title line and the lines up to the next table."""

    table: FinalTable
    title_line: Line
    body: list[Line]


@dataclass
class FinalTables:
    """What the final-account tables give: cells, printed codes, per-table status and problems."""

    tables: list[TableInfo]
    amounts: list[AmountCell]
    codes: list[PrintedCode]
    issues: list[ParseIssue]


def normalise(text: str) -> str:
    """A title line without spaces and without its leading number (一、, 表一, 1.), as the title patterns expect."""
    return re.sub(r"^(?:[一二三四五六七八九十]+、|表[一二三四五六七八九十\d]+|\d+[.．、])", "", text.replace(" ", ""))


def final_table_key(text: str) -> FinalTable | None:
    """The 决算 table a line is the title of (any numbering, year-and-body prefix), else None."""
    candidate = normalise(text.strip())
    if not candidate or len(candidate) > 60 or any(mark in candidate for mark in "，。；…"):
        return None
    for table in FINAL_TABLES:
        if table.title.search(candidate):
            return table
    return None


def tokens_of(line: Line) -> list[Token] | None:
    """The line's tokens with their x-positions, or None when the line has none (text input) or their count
    differs from its words.
    """
    texts = line.text.split()
    if line.token_x is None or len(line.token_x) != len(texts):
        return None
    return [Token(text, x) for text, x in zip(texts, line.token_x)]


def line_tokens(line: Line) -> list[Token]:
    """The line's tokens with their x-positions; x is NaN for text input (no positions)."""
    return tokens_of(line) or [Token(text, math.nan) for text in line.text.split()]


def has_positions(lines: Sequence[Line]) -> bool:
    """True when any line carries token x-positions (PDF input); False for text input."""
    return any(line.token_x is not None for line in lines)


def assign_in_order(values: list[Token], measures: Sequence[str]) -> dict[str, Token] | None:
    """Columns of a row read without positions (extracted text): only a row printing every column (a
    blank printed as 0.00) is certain; with blank cells dropped the sum of the parts is the 合计 whichever
    columns they sit in, so such a row is left to the caller to report, never guessed."""
    if len(values) == len(measures):
        return dict(zip(measures, values))
    return None


def place_numbers(numbers: list[Token], centres: dict[str, float], measures: Sequence[str]) -> dict[str, Token] | None:
    """Each number's column: by nearest header centre when positions are known, else in order."""
    if numbers and all(not math.isnan(token.x) for token in numbers) and centres:
        placed: dict[str, Token] = {}
        for token in numbers:
            measure = nearest(token.x, centres)
            if measure is None or measure in placed:
                return None
            placed[measure] = token
        return placed
    return assign_in_order(numbers, measures)


def is_amount(token: str) -> bool:
    """True for a printed amount: a number with a decimal point or thousands separator (1,234.00; 0.00).
    Bare integers are codes or ordinals, not amounts.
    """
    return bool(NUMBER_RE.match(token)) and ("." in token or "," in token)


def split_final_tables(lines: list[Line]) -> list[Segment]:
    """The table segments: a title followed within three lines by its 单位 line (a table of contents
    entry is followed by the next entry instead), up to the next title or the next part of the document."""
    starts: list[tuple[int, FinalTable]] = []
    for index, line in enumerate(lines):
        table = final_table_key(line.text)
        if table is None:
            continue
        following = [other.text for other in lines[index + 1:index + 4]]
        if any(UNIT_RE.search(text.replace(" ", "")) or text.strip().startswith("单位") for text in following):
            starts.append((index, table))
    segments: list[Segment] = []
    for number, (index, table) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        body: list[Line] = []
        for line in lines[index + 1:end]:
            if SECTION_RE.search(line.text.replace(" ", "")) and final_table_key(line.text) is None:
                break
            body.append(line)
        segments.append(Segment(table, lines[index], body))
    return segments


def looks_like_final_account(lines: list[Line]) -> bool:
    """At least three distinct 决算 template tables are printed with their 单位 line."""
    return len({segment.table.key for segment in split_final_tables(lines)}) >= 3


def read_final_meta(lines: list[Line], where: str) -> tuple[str, str, str, int]:
    """(region, department_name, scope, fiscal_year) from the cover or the tables' part heading:
    "<body><year>年度部门决算". Raises IngestError naming the file when neither is printed."""
    joined = [line.text.replace(" ", "") for line in lines[:400]]
    candidates = joined[:6]
    for index, text in enumerate(candidates[:-1]):
        if not COVER_RE.match(text) and re.match(r"^20\d{2}年度?(部门|单位)决算", candidates[index + 1]):
            candidates.append(text + candidates[index + 1])
    for text in candidates + joined:
        match = COVER_RE.match(text)
        if match and REGION_RE.match(match.group("name")):
            name = match.group("name")
            region = REGION_RE.match(name).group("region")  # type: ignore[union-attr]
            scope = "unit" if match.group("scope") == "单位" else "department"
            return region, name, scope, int(match.group("year"))
    raise IngestError(f"{where}: a 决算 without '<body><year>年度部门决算' on its cover or table part: body and year unknown")


def find_table_unit(body: Sequence[Line]) -> str | None:
    """The unit of a table ('万元' or '元') from its 单位 line among the first four body lines, else None."""
    for line in body[:4]:
        match = UNIT_RE.search(line.text.replace(" ", ""))
        if match:
            return match.group(1)
    return None


def header_centres(
    header: Sequence[Line], columns: tuple[tuple[str, tuple[str, ...]], ...], min_x: float = float("-inf")
) -> dict[str, float]:
    """Column centre of each measure whose header words are printed (leftmost match right of min_x)."""
    centres: dict[str, float] = {}
    for measure, prefixes in columns:
        xs = [
            token.x
            for line in header
            for token in (tokens_of(line) or [])
            if token.x > min_x and any(token.text.startswith(prefix) for prefix in prefixes)
        ]
        if xs:
            centres[measure] = min(xs)
    return centres


def nearest(x: float, centres: dict[str, float]) -> str | None:
    """The measure whose header centre is nearest to x; None without centres or when the two nearest are
    within a tenth of the columns' spacing of each other (too close to tell).
    """
    if not centres:
        return None
    ranked = sorted(centres, key=lambda measure: abs(centres[measure] - x))
    if len(ranked) > 1:
        spacing = min(abs(a - b) for a in centres.values() for b in centres.values() if a != b)
        if abs(centres[ranked[1]] - x) - abs(centres[ranked[0]] - x) < 0.1 * spacing:
            return None
    return ranked[0]


@dataclass
class Row:
    """A row of a 决算 table being read: kind 'code' (with its function or economic code) or 'total', the
    name fragments, the amount tokens, the line it starts on and every line's text (for messages).
    """

    kind: str  # 'code' | 'total'
    code: str
    name_parts: list[str]
    numbers: list[Token]
    line: Line
    texts: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The row's name, its fragments joined (a name wrapped over lines is one name)."""
        return "".join(self.name_parts)


def read_code_tokens(tokens: list[Token], name_x: float | None) -> tuple[str, list[Token]]:
    """The function code printed at the start of a row (类 | 款 | 项 columns, or glued) and the rest."""
    parts: list[str] = []
    rest = list(tokens)
    while rest and re.fullmatch(r"\d{2,7}", rest[0].text) and (name_x is None or rest[0].x < name_x):
        parts.append(rest.pop(0).text)
    code = "".join(parts)
    if len(code) in (3, 5, 7):
        return code, rest
    return "", tokens


def coded_rows(body: list[Line], name_x: float | None) -> tuple[list[Row], list[ParseIssue], str]:
    """Rows of a function-coded table (after its 类 款 项 header line)."""
    rows: list[Row] = []
    row_at: dict[int, Row] = {}  # index in body → the code row printed on that line
    pending: list[Token] = []
    fragments: dict[int, str] = {}  # index in body → a name fragment printed alone on that line
    issues: list[ParseIssue] = []
    note = ""
    started = False
    for index, line in enumerate(body):
        tokens = line_tokens(line)
        compact = line.text.replace(" ", "")
        if EMPTY_NOTE_RE.search(compact) or compact.startswith("注"):
            note = (note + compact).strip()
            continue
        if not started:
            if {"类", "款", "项"} <= {token.text for token in tokens}:
                started = True
                pending += [token for token in tokens if is_amount(token.text)]
            continue
        code, rest = read_code_tokens(tokens, name_x)
        numbers = [token for token in rest if is_amount(token.text)]
        words = [token.text for token in rest if not is_amount(token.text)]
        if code:
            rows.append(Row("code", code, words, pending + numbers, line, [line.text]))
            row_at[index] = rows[-1]
            pending = []
        elif words and words[0] in ("合计", "总计"):
            rows.append(Row("total", "", [], pending + numbers, line, [line.text]))
            pending = []
        elif numbers and not words:
            pending += numbers
        elif words and not numbers:
            fragments[index] = "".join(words)
        elif numbers:
            issues.append(ParseIssue("", line.line_no, "warning", "无法识别的表格行", line.text))
    if pending:
        issues.append(ParseIssue("", body[-1].line_no if body else None, "warning", "表格末尾的数字不属于任何行",
                                 " ".join(token.text for token in pending)))
    # A name wrapped over two lines is printed around its row's line when that line has no name (the
    # code and numbers are vertically centred); any other fragment continues the row above it.
    for index, row in row_at.items():
        if not row.name_parts:
            row.name_parts = [fragments.pop(i) for i in (index - 1, index + 1) if i in fragments]
    for index, fragment in sorted(fragments.items()):
        above = [row for i, row in row_at.items() if i < index]
        if above:
            above[-1].name_parts.append(fragment)
    return rows, issues, note


def amount_cell(
    table_key: str, side: str, row_kind: str, code: str, label: str, measure: str, token: Token, unit: str,
    line: Line, source: str = "position",
) -> AmountCell:
    """One AmountCell of a 决算 table from a printed amount token: parsed in `unit` ('万元' or '元') and
    stored in yuan (Decimal), with the line's number, page and text as provenance. Raises ValueError from
    parse_amount when the token is not a number.
    """
    return AmountCell(table_key, side, row_kind, code, label, measure, parse_amount(token.text, unit), token.text,
                      unit, line.line_no, line.page_no, line.text, source)


def function_level(code: str) -> str:
    """The level of a function code by its length: 3 digits 类, 5 款, 7 项; '' for any other length."""
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "")


def parse_coded(segment: Segment, unit: str) -> tuple[list[AmountCell], list[PrintedCode], list[ParseIssue], str, bool]:
    """One function-coded 决算 table (收入决算表, 支出决算表, the fund tables): columns placed by the x-position
    of each number against its header's centre (see the module docstring).

    Returns (cells in yuan, printed codes, issues, the table's note, whether any code row was read). A row
    whose numbers cannot be placed in columns is an error issue naming its line, never a guess.
    """
    key = segment.table.key
    header: list[Line] = []
    for line in segment.body:
        header.append(line)
        if {"类", "款", "项"} <= set(line.text.split()):
            break
    name_xs = [token.x for line in header for token in (tokens_of(line) or []) if token.text.startswith("科目名称")]
    name_x = min(name_xs) if name_xs else None
    centres = header_centres(header, CODED_COLUMNS[key], min_x=name_x if name_x is not None else float("-inf"))
    rows, issues, note = coded_rows(segment.body, name_x)
    cells: list[AmountCell] = []
    codes: list[PrintedCode] = []
    for row in rows:
        if row.kind == "code":
            codes.append(PrintedCode("function", row.code, function_level(row.code), row.name,
                                      row.code[:-2] if len(row.code) > 3 else "", key, row.line.line_no))
        measures = [measure for measure, _ in CODED_COLUMNS[key]]
        placed = place_numbers(row.numbers, centres, measures) if row.numbers else {}
        if placed is None:
            issues.append(ParseIssue(key, row.line.line_no, "error", "无法确定数字所在的列（无位置信息且未印全各列，或位置不明）",
                                     row.line.text))
            continue
        source = "position"
        for measure, token in placed.items():
            cells.append(amount_cell(key, "", row.kind, row.code, row.name or "合计", measure, token, unit, row.line,
                                     source))
    for issue in issues:
        issue.table_key = key
    return cells, codes, issues, note, any(row.kind == "code" for row in rows)


def side_split(header: Sequence[Line], left_word: str, right_word: str, share: float = 0.5) -> float | None:
    """The x between the two sides of a two-sided table: ``share`` of the way from the last column of the
    left side (``left_word``, its first occurrence) to the first column of the right side (second
    occurrence of ``right_word``)."""
    lefts = [t.x for line in header for t in (tokens_of(line) or []) if t.text.startswith(left_word)]
    rights = sorted(t.x for line in header for t in (tokens_of(line) or []) if t.text.startswith(right_word))
    if not lefts or len(rights) < 2:
        return None
    return min(lefts) + share * (rights[1] - min(lefts))


def parse_economic(segment: Segment, unit: str) -> tuple[list[AmountCell], list[PrintedCode], list[ParseIssue], bool]:
    """一般公共预算财政拨款基本支出决算表: economic 类/款 and one 决算数 column per side; the side's
    合计 label says its cost type (人员经费合计 | 公用经费合计)."""
    key = segment.table.key
    header: list[Line] = []
    for line in segment.body:
        if re.match(r"^\d{3}\b", line.text.strip()):
            break
        header.append(line)
    if not has_positions(segment.body):
        return parse_economic_text(segment, unit, len(header))
    # the right side starts at its 类 column (类 | 款 printed apart) or its 科目编码 column (codes glued)
    split = side_split(header, "决算数", "类") or side_split(header, "决算数", "科目编码") or side_split(header, "决算数", "经济分类")
    issues: list[ParseIssue] = []
    if split is None:
        return [], [], [ParseIssue(key, segment.title_line.line_no, "error", "经济分类决算表的表头无法识别",
                                   segment.title_line.text)], False
    name_xs = sorted(t.x for line in header for t in (tokens_of(line) or []) if t.text.startswith("科目名称"))
    body = segment.body[len(header):]
    per_side: dict[str, list[tuple[Line, list[Token]]]] = {"left": [], "right": []}
    for line in body:
        if NOTE_RE.match(line.text.replace(" ", "")):
            break  # the note under the table ends it
        tokens = tokens_of(line)
        if tokens is None:
            continue
        for side, in_side in (("left", [t for t in tokens if t.x < split]), ("right", [t for t in tokens if t.x >= split])):
            if in_side:
                per_side[side].append((line, in_side))
    sides: dict[str, list[Row]] = {"left": [], "right": []}
    totals: dict[str, tuple[list[Token], list[str], Line | None]] = {"left": ([], [], None), "right": ([], [], None)}
    for side, entries in per_side.items():
        name_x = (name_xs[0] if name_xs else split) if side == "left" else (name_xs[1] if len(name_xs) > 1 else float("inf"))
        rows = sides[side]
        # a name printed alone on the line above its code line (wrapped around a vertically centred code)
        # belongs to that code in the layout where names sit on their code lines; where every name follows
        # its code line (most code lines without a name), such a line continues the row above
        fragment: tuple[Row, str] | None = None
        named_on_code_line: set[int] = set()
        moves: list[tuple[Row, Row, str]] = []
        for index, (line, in_side) in enumerate(entries):
            words = [t.text for t in in_side if not is_amount(t.text) and not re.fullmatch(r"\d{2,3}", t.text)]
            if any("合计" in word for word in words):
                amounts, labels, _ = totals[side]
                totals[side] = (amounts + [t for t in in_side if is_amount(t.text)], labels + words, line)
                continue
            following = entries[index + 1][1] if index + 1 < len(entries) else []
            if not words and all(is_amount(t.text) for t in in_side) and any("合计" in t.text for t in following):
                # the totals, printed just above their 合计 label
                amounts, labels, total_line = totals[side]
                totals[side] = (amounts + in_side, labels, total_line)
                continue
            starts_row = re.fullmatch(r"3\d{2}(?:\d{2})?", in_side[0].text) and in_side[0].x < name_x
            if starts_row:
                rows.append(Row("code", in_side[0].text, [], [], line, [line.text]))
                in_side = in_side[1:]
                has_name = any(not is_amount(t.text) and not re.fullmatch(r"\d{2}", t.text) for t in in_side)
                if has_name:
                    named_on_code_line.add(len(rows) - 1)
                elif fragment is not None and len(rows) >= 2 and rows[-2] is fragment[0]:
                    moves.append((rows[-2], rows[-1], fragment[1]))
            fragment = None
            if not rows:
                continue
            row = rows[-1]
            if not starts_row and in_side and all(not is_amount(t.text) and not re.fullmatch(r"\d{2,3}", t.text)
                                                  for t in in_side):
                fragment = (row, "".join(t.text for t in in_side))
            for token in in_side:
                if re.fullmatch(r"\d{2}", token.text) and token.x < name_x and len(row.code) == 3:
                    row.code += token.text
                elif is_amount(token.text):
                    row.numbers.append(token)
                else:
                    row.name_parts.append(token.text)
            if line is not row.line:
                row.texts.append(line.text)
        if rows and 2 * len(named_on_code_line) > len(rows):
            for before, after, text in moves:
                if before.name_parts[-1:] == [text]:
                    before.name_parts.pop()
                    after.name_parts.insert(0, text)
    cells: list[AmountCell] = []
    codes: list[PrintedCode] = []
    for side in ("left", "right"):
        amounts, labels, total_line = totals[side]
        label = "".join(labels)
        measure = "personnel" if "人员" in label else "public" if "公用" in label else ""
        for row in sides[side]:
            row_measure = measure or ("personnel" if row.code[:3] in ("301", "303") else "public")
            if len(row.code) not in (3, 5):
                issues.append(ParseIssue(key, row.line.line_no, "error", "经济分类科目编码无法识别", row.line.text))
                continue
            codes.append(PrintedCode("economic", row.code, "类" if len(row.code) == 3 else "款", row.name,
                                     row.code[:3] if len(row.code) == 5 else "", key, row.line.line_no))
            if len(row.numbers) > 1:
                issues.append(ParseIssue(key, row.line.line_no, "error", "一行有多个决算数", " / ".join(row.texts)))
                continue
            for token in row.numbers:
                cells.append(amount_cell(key, "", "code", row.code, row.name, row_measure, token, unit, row.line))
        if total_line is not None and measure:
            for token in amounts[:1]:
                cells.append(amount_cell(key, "", "total", "", label, measure, token, unit, total_line))
    return cells, codes, issues, bool(codes)


ECONOMIC_CODE_RE = re.compile(r"^(?P<class>3\d{2})(?:\s+(?P<kuan>\d{2}))?$")


def parse_economic_text(segment: Segment, unit: str, header_length: int) -> tuple[list[AmountCell], list[PrintedCode], list[ParseIssue], bool]:
    """The economic table from text without positions: each line holds a left row (301 / 303) and a right
    row (302 / 310), each ``类 [款] 名称 [决算数]``; the totals line ``人员经费合计 X 公用经费合计 Y``."""
    key = segment.table.key
    cells: list[AmountCell] = []
    codes: list[PrintedCode] = []
    issues: list[ParseIssue] = []
    for line in segment.body[header_length:]:
        tokens = line.text.split()
        if any("合计" in token for token in tokens):
            label = ""
            for token in tokens:
                if is_amount(token) and label:
                    measure = "personnel" if "人员" in label else "public" if "公用" in label else ""
                    if measure:
                        cells.append(amount_cell(key, "", "total", "", label, measure, Token(token, math.nan), unit, line,
                                                 "context"))
                    label = ""
                elif not is_amount(token):
                    label = token
            continue
        starts = [i for i, token in enumerate(tokens) if re.fullmatch(r"3\d{2}", token)
                  and (i == 0 or not re.fullmatch(r"\d{2,3}", tokens[i - 1]))]
        for number, start in enumerate(starts):
            part = tokens[start:starts[number + 1] if number + 1 < len(starts) else len(tokens)]
            code = part[0] + (part[1] if len(part) > 1 and re.fullmatch(r"\d{2}", part[1]) else "")
            rest = part[2:] if len(code) == 5 else part[1:]
            name = "".join(token for token in rest if not is_amount(token))
            amounts = [token for token in rest if is_amount(token)]
            measure = "personnel" if code[:3] in ("301", "303") else "public"
            codes.append(PrintedCode("economic", code, "类" if len(code) == 3 else "款", name,
                                     code[:3] if len(code) == 5 else "", key, line.line_no))
            if len(amounts) > 1:
                issues.append(ParseIssue(key, line.line_no, "error", "一行有多个决算数", line.text))
                continue
            for token in amounts:
                cells.append(amount_cell(key, "", "code", code, name, measure, Token(token, math.nan), unit, line,
                                         "context"))
    return cells, codes, issues, bool(codes)


def class_codes_by_name(codes: list[PrintedCode]) -> dict[str, str]:
    """Printed name -> 3-digit 类 code of the function codes read from the coded tables (first printing of
    a name wins); summary tables name their expenditure rows by 类 name only.
    """
    names: dict[str, str] = {}
    for code in codes:
        if code.classification == "function" and len(code.code) == 3 and code.printed_name:
            names.setdefault(code.printed_name, code.code)
    return names


def match_class(label: str, names: dict[str, str]) -> str | None:
    """The 类 code a summary row label names (the label may carry its ordinal: 十一、城乡社区支出)."""
    found = [code for name, code in names.items() if label == name or label.endswith(name) or name.endswith(label)]
    found = sorted(set(found))
    return found[0] if len(found) == 1 else None


INCOME_SIDE_PHRASES = tuple(phrase for phrase, _ in INCOME_ITEMS) + ("本年收入合计", "年初", "使用非财政拨款结余")


def text_sides(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """The two sides of a summary-table line read without positions: each side is a label followed by
    its amounts; a line with one label is on the side its label belongs to."""
    groups: list[list[Token]] = []
    for token in tokens:
        if ORDINAL_TOKEN_RE.match(token.text):
            continue
        starts_label = not is_amount(token.text)
        if not groups or (starts_label and any(is_amount(t.text) for t in groups[-1])):
            groups.append([])
        groups[-1].append(token)
    if len(groups) == 2:
        return [("income", groups[0]), ("expenditure", groups[1])]
    if len(groups) == 1:
        label = "".join(t.text for t in groups[0] if not is_amount(t.text))
        on_income = any(phrase in label for phrase in INCOME_SIDE_PHRASES) and "支出" not in label
        return [("income" if on_income else "expenditure", groups[0])]
    return []


def parse_summary(
    segment: Segment, unit: str, class_names: dict[str, str]
) -> tuple[list[AmountCell], list[ParseIssue], bool]:
    """收入支出决算总表 / 财政拨款收入支出决算总表: income items and expenditure 类 rows with their totals
    and balances. Balances are row_kind 'balance' with the item (opening, closing, surplus_allocation,
    non_fiscal_surplus_used) as code; 本年收入合计 / 本年支出合计 are row_kind 'total' and 总计 row_kind
    'grand_total', the measure being the column ('total', or the fund on the fiscal summary's
    expenditure side). PDF input is split into sides by position, text input by its labels."""
    key = segment.table.key
    header: list[Line] = []
    for line in segment.body:
        header.append(line)
        if line.text.split()[:1] == ["项目"]:
            break
    issues: list[ParseIssue] = []
    positioned = has_positions(segment.body)
    split = side_split(header, "决算数", "项目", SUMMARY_SPLIT) if positioned else None
    if positioned and split is None:
        return [], [ParseIssue(key, segment.title_line.line_no, "error", "总表的表头无法识别", segment.title_line.text)], False
    income_x = [t.x for line in header for t in (tokens_of(line) or []) if split is not None and t.text.startswith("决算数") and t.x < split]
    income_centres = {"total": income_x[0]} if income_x else {}
    exp_centres = header_centres(header, SUMMARY_COLUMNS[key], min_x=split) if split is not None else {}
    exp_measures = [measure for measure, _ in SUMMARY_COLUMNS[key]]
    cells: list[AmountCell] = []
    state = {"income": "", "expenditure": ""}
    pending: dict[str, list[Token]] = {"income": [], "expenditure": []}
    last: dict[str, tuple[str, str, str, Line] | None] = {"income": None, "expenditure": None}
    for line in segment.body[len(header):]:
        if NOTE_RE.match(line.text.replace(" ", "")):
            break  # the note under the table ends it
        tokens = line_tokens(line)
        if split is not None:
            sides = [("income", [t for t in tokens if t.x < split]), ("expenditure", [t for t in tokens if t.x >= split])]
        else:
            sides = text_sides(tokens)
        for side, in_side in sides:
            centres = income_centres if side == "income" else exp_centres
            measures = ["total"] if side == "income" else exp_measures
            in_side = [t for t in in_side if not ORDINAL_TOKEN_RE.match(t.text)]
            if not in_side:
                continue
            words = "".join(t.text for t in in_side if not is_amount(t.text)).strip("、，")
            numbers = pending[side] + [t for t in in_side if is_amount(t.text)]
            if not words:
                pending[side] = numbers
                continue
            pending[side] = []
            target: tuple[str, str, str, Line] | None = None
            for phrase, row_kind, item in SUMMARY_ROWS:
                if phrase in words:
                    target = (row_kind, item, words, line)
                    if row_kind == "balance" and item in ("opening", "closing"):
                        state[side] = item
                    elif row_kind == "total" and item == "grand_total":
                        state[side] = ""
                    break
            if target is None and side == "income":
                for phrase, item in INCOME_ITEMS:
                    if phrase in words:
                        # fund rows under 年初结转和结余 break the opening balance down by fund
                        target = ("balance_fund", item, words, line) if state[side] else ("item", item, words, line)
                        break
            if target is None and side == "expenditure" and not state[side]:
                code = match_class(words, class_names)
                if code is not None:
                    target = ("item", code, words, line)
                elif numbers:
                    issues.append(ParseIssue(key, line.line_no, "error", f"总表支出项目“{words}”对应不到类级科目", line.text))
                    continue
            if target is None:
                # a wrapped label's second line: its numbers (if any) belong to the row above
                if numbers and last[side] is not None:
                    target = last[side]
                else:
                    continue
            last[side] = target
            row_kind, item, label, row_line = target
            placed = place_numbers(numbers, centres if len(centres) > 1 else {}, measures) if numbers else {}
            if placed is None:
                issues.append(ParseIssue(key, line.line_no, "error", "无法确定数字所在的列", line.text))
                continue
            for measure, token in placed.items():
                if row_kind == "item" and side == "income":
                    cells.append(amount_cell(key, side, "item", "", label, item, token, unit, row_line))
                elif row_kind == "item":
                    cells.append(amount_cell(key, side, "item", item, label, measure, token, unit, row_line))
                elif row_kind == "total":
                    cells.append(amount_cell(key, side, item, "", label, measure, token, unit, row_line))
                elif row_kind == "balance":
                    cells.append(amount_cell(key, side, "balance", item, label, measure, token, unit, row_line))
                elif row_kind == "balance_fund":
                    cells.append(amount_cell(key, side, "balance", state[side], label, item, token, unit, row_line))
    return cells, issues, bool(cells)


def parse_three_public_final(segment: Segment, unit: str) -> tuple[list[AmountCell], list[ParseIssue], bool]:
    """财政拨款“三公”经费支出决算表: a 预算数 and a 决算数 column per item; cells get side 'budget' or
    'final' (the stage) and the item as measure. Blank cells are not written."""
    key = segment.table.key
    stage_line: Line | None = None
    item_tokens: list[Token] = []
    for line in segment.body:
        tokens = line_tokens(line)
        if sum(t.text in ("预算数", "决算数") for t in tokens) >= 4:
            stage_line = line
            break
        item_tokens += [t for t in tokens if "及" not in t.text]
    if stage_line is None:
        return [], [ParseIssue(key, segment.title_line.line_no, "error", "三公经费决算表的表头无法识别", segment.title_line.text)], False
    if not has_positions(segment.body):
        return parse_three_public_text(segment, unit, stage_line)
    stage_tokens = tokens_of(stage_line) or []
    pairs = [(a, b) for a, b in zip(stage_tokens, stage_tokens[1:]) if a.text == "预算数" and b.text == "决算数"]
    columns: dict[str, float] = {}
    for phrase, item in THREE_PUBLIC_ITEMS:
        xs = [t.x for t in item_tokens if t.text.startswith(phrase) or (phrase != "合计" and phrase in t.text)]
        if not xs or not pairs:
            continue
        pair = min(pairs, key=lambda p: abs((p[0].x + p[1].x) / 2 - xs[0]))
        columns[f"budget:{item}"] = pair[0].x
        columns[f"final:{item}"] = pair[1].x
    cells: list[AmountCell] = []
    issues: list[ParseIssue] = []
    printed_row = False
    after = segment.body[segment.body.index(stage_line) + 1:]
    for line in after:
        tokens = tokens_of(line) or []
        numbers = [t for t in tokens if is_amount(t.text) or t.text in ("0", "-")]
        if not numbers:
            continue
        printed_row = True
        for token in numbers:
            column = nearest(token.x, columns)
            if column is None:
                issues.append(ParseIssue(key, line.line_no, "error", "无法确定数字所在的列", line.text))
                continue
            stage, item = column.split(":")
            cells.append(AmountCell(key, stage, "item", "", "财政拨款“三公”经费", item, parse_amount(token.text, unit),
                                    token.text, unit, line.line_no, line.page_no, line.text, "position"))
    return cells, issues, printed_row or bool(stage_line)


def parse_three_public_text(segment: Segment, unit: str, stage_line: Line) -> tuple[list[AmountCell], list[ParseIssue], bool]:
    """The 三公 table from text without positions: its one row must print all twelve cells (预算数 and
    决算数 of 合计, 因公出国（境）费, 公务用车 小计 / 购置费 / 运行费, 公务接待费, in the template's order)."""
    key = segment.table.key
    after = segment.body[segment.body.index(stage_line) + 1:]
    columns = [(stage, item) for _, item in THREE_PUBLIC_ITEMS for stage in ("budget", "final")]
    for line in after:
        numbers = [token for token in line.text.split() if is_amount(token)]
        if not numbers:
            continue
        if len(numbers) != len(columns):
            return [], [ParseIssue(key, line.line_no, "error", "三公经费决算表的数字个数不是 12，无位置信息无法确定各列",
                                   line.text)], True
        return [
            AmountCell(key, stage, "item", "", "财政拨款“三公”经费", item, parse_amount(token, unit), token, unit,
                       line.line_no, line.page_no, line.text, "position")
            for (stage, item), token in zip(columns, numbers)
        ], [], True
    return [], [], True


def parse_final_tables(lines: list[Line]) -> FinalTables:
    """Every table of the 决算 template found in ``lines`` (already glyph-repaired), in template order;
    a template table not printed is status 'missing', one printed with a note and no rows 'empty'."""
    segments = split_final_tables(lines)
    grouped: dict[str, list[Segment]] = {}
    for segment in segments:
        grouped.setdefault(segment.table.key, []).append(segment)
    amounts: list[AmountCell] = []
    codes: list[PrintedCode] = []
    issues: list[ParseIssue] = []
    status: dict[str, tuple[bool, str, str]] = {}
    units: dict[str, str] = {}
    for key, parts in grouped.items():
        segment = Segment(parts[0].table, parts[0].title_line, [line for part in parts for line in part.body])
        unit = find_table_unit(segment.body)
        if unit is None:
            unit = "万元"
            issues.append(ParseIssue(key, segment.title_line.line_no, "warning", f"表中未印单位，按{unit}读取", segment.title_line.text))
        units[key] = unit
        grouped[key] = [segment]
    for key in ("income", "expenditure", "general_public", "government_fund", "state_capital"):
        if key in grouped:
            segment = grouped[key][0]
            table_cells, table_codes, table_issues, note, has_rows = parse_coded(segment, units[key])
            amounts += table_cells
            codes += table_codes
            issues += table_issues
            status[key] = (has_rows, note, segment.title_line.text)
    names = class_codes_by_name(codes)
    for key in ("financial_summary", "fiscal_summary"):
        if key in grouped:
            segment = grouped[key][0]
            table_cells, table_issues, has_rows = parse_summary(segment, units[key], names)
            amounts += table_cells
            issues += table_issues
            status[key] = (has_rows, "", segment.title_line.text)
    if "basic_economic" in grouped:
        segment = grouped["basic_economic"][0]
        table_cells, table_codes, table_issues, has_rows = parse_economic(segment, units["basic_economic"])
        amounts += table_cells
        codes += table_codes
        issues += table_issues
        status["basic_economic"] = (has_rows, "", segment.title_line.text)
    if "three_public" in grouped:
        segment = grouped["three_public"][0]
        table_cells, table_issues, has_rows = parse_three_public_final(segment, units["three_public"])
        amounts += table_cells
        issues += table_issues
        status["three_public"] = (has_rows, "", segment.title_line.text)
    tables: list[TableInfo] = []
    for key in FINAL_TABLE_KEYS:
        if key not in grouped:
            tables.append(TableInfo(key, "", "", "missing", "", None, None))
            continue
        segment = grouped[key][0]
        has_rows, note, title = status.get(key, (False, "", segment.title_line.text))
        body_end = segment.body[-1].line_no if segment.body else segment.title_line.line_no
        tables.append(TableInfo(key, normalise(title), units[key], "present" if has_rows else "empty", note,
                                segment.title_line.line_no, body_end))
    missing = [FINAL_TABLE_NAMES[t.table_key] for t in tables if t.status == "missing"]
    if missing:
        issues.append(ParseIssue("", None, "warning", f"决算模板中的以下表未公开：{'、'.join(missing)}"))
    return FinalTables(tables, amounts, codes, issues)
