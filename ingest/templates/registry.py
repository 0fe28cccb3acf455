"""The template registry: what each family of disclosures prints, declared as data.

A *template family* is one table set as a publisher prints it (the Shanghai budget, the Jiangsu
provincial budget, the 决算 …). Each family declares its tables (key, Chinese name, title patterns, the
layout a parser reads it with, the measures in printed order, the identities between them, defaults)
and the measures' Chinese names and header words. Parsers, the GX suite, the raw-format doc and the dbt
vocabulary read these declarations; nothing else lists a table's names or measures.

Amounts are in yuan once read; ``default_unit`` is the unit (元 or 万元) assumed when a table prints none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# Table layouts a parser exists for; a family picks one per table.
LAYOUT_CODED = "coded"  # rows keyed by 类/款/项 (function) or 类/款 (economic) codes, one column per measure
LAYOUT_SUMMARY = "summary"  # two-sided: income items on the left, expenditure 类 (or items) on the right
LAYOUT_SINGLE_ROW = "single_row"  # one row of numbers (三公), blanks left out
# Rows named by label (no codes), two or three column pairs side by side: income items, expenditure 类 by
# name, expenditure by use (Jiangsu 收支预算总表, 财政拨款收支预算总表); ``label_items`` names them.
LAYOUT_SIDE_BY_SIDE = "side_by_side"
# Income groups each opened by its 小计 row (Jiangsu 收入预算总表); ``label_items`` names the groups.
LAYOUT_SOURCE_GROUPS = "source_groups"
# Only the 合计 and the numbered categories are read (政府采购预算表: 一、货物 / 二、工程 / 三、服务).
LAYOUT_CATEGORY_TOTAL = "category_total"
# Located (its title ends the table before it, it counts toward the family) but its rows are not read
# yet: the document says so with a TABLE_NOT_READ issue rather than loading a guess.
LAYOUT_NOT_READ = "not_read"
LAYOUTS = (
    LAYOUT_CODED, LAYOUT_SUMMARY, LAYOUT_SINGLE_ROW, LAYOUT_SIDE_BY_SIDE, LAYOUT_SOURCE_GROUPS, LAYOUT_CATEGORY_TOTAL,
    LAYOUT_NOT_READ,
)
# Column kinds of ``TableSpec.label_items``: an income item, an expenditure-side total shared by the columns,
# an expenditure by use (基本/项目/预留). Expenditure 类 are recognised by their ordinal and 支出, not listed.
LABEL_KINDS = ("income", "expenditure", "use")


@dataclass(frozen=True)
class MeasureSpec:
    """One column a family prints.

    ``key`` is the raw ``measure`` value (raw_amounts.measure); ``name_zh`` the vocabulary name used in
    descriptions and finding messages (one name per key across families); ``header_words`` the whole
    header-cell tokens that name the column in a table header (a PDF's x-positions are read under them).
    """

    key: str
    name_zh: str
    header_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class IdentitySpec:
    """``total`` = sum of ``parts`` on every row of a table (measure keys)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class ColumnLayout:
    """One way a summary table prints its expenditure side: the measures left to right.

    A header line containing ``trigger`` selects it; of several triggered layouts the one declared later
    wins (more columns are declared later). The first layout (no trigger) is the default. ``derived``:
    measures other tables print that are sums of this layout's columns (基本支出 = 人员经费 + 公用经费), so
    that their figures can place this table's numbers too.
    """

    name: str
    columns: tuple[str, ...]
    identities: tuple[IdentitySpec, ...] = ()
    trigger: str = ""
    derived: tuple[IdentitySpec, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One table of a family.

    * ``key``: raw ``table_key``; ``name_zh``: its canonical Chinese name.
    * ``title_patterns``: regular expressions searched in the title after the registry's prefixes
      (ordinals, 公开05表 …) and spaces are removed; each must end with ``$`` so that a year-and-body
      prefix (``2017年度某省某厅部门…``) is allowed and a longer sentence is not.
    * ``layout``: one of ``LAYOUTS``, the parser that reads its rows.
    * ``columns``: coded / single-row tables: the measures left to right as printed.
    * ``identities``: row identities between those columns (used to place numbers when blanks are left out).
    * ``classification``: coded tables: ``function`` (类/款/项, 3/5/7 digits) or ``economic`` (类/款, 3/5).
    * ``fund_type``: the fund the table's figures are (``general_public`` …) when it is one fund only.
    * ``default_unit``: the unit assumed when the table prints none (reported as a warning).
    * ``income_items``: summary tables: income-side label keyword → measure, tried in order.
    * ``expenditure_layouts``: summary tables: the ways the expenditure side may be printed.
    * ``context_from``: tables solved before this one whose figures help place its numbers (a summary
      table's 类 from coded tables; a coded table's 合计 from a summary's income side).
    * ``short_name_zh``: the name messages use (default ``name_zh``).
    * ``row_label``: single-row tables: the raw ``row_label`` of their one row (default ``name_zh``).
    * ``fact``: the contract fact table its leaf rows feed: ``expenditure`` (fct_expenditure, by
      ``fund_type``), ``basic_economic`` (fct_basic_economic, by ``fund_type``), ``three_public``
      (fct_three_public: its columns are the items), or empty (read, published, checked, not a fact of its own).
    * ``label_items``: tables read by label (side by side, source groups): ``(keyword, kind, measure)``, the
      first whose keyword the label contains wins; kind is one of ``LABEL_KINDS``.
    * ``code_context``: single-row tables: ``(table key, code, measure)``: the 合计 that coded table prints for
      the code states this table's measure; used only to choose between readings the arithmetic leaves open.
    * ``part_of``: coded one-fund tables: the all-funds table whose rows they are a part of, code by code and
      measure by measure; a figure of this table is at most that table's less what the other tables
      ``part_of`` it print for the code (an upper bound, used only to choose between readings the
      arithmetic leaves open: a table whose every row prints two of three numbers).
    * ``total_from``: coded tables: ``(table key, measure there, measure here)``: the 合计 row of that table
      (solved before) states this table's 合计 for the measure (一般公共预算基本支出经济分类表's 合计 is the
      一般公共预算 table's 基本支出); used like ``context_from``.
    """

    key: str
    name_zh: str
    title_patterns: tuple[str, ...]
    layout: str
    columns: tuple[str, ...] = ()
    identities: tuple[IdentitySpec, ...] = ()
    classification: str = ""
    fund_type: str = ""
    default_unit: str = "元"
    income_items: tuple[tuple[str, str], ...] = ()
    expenditure_layouts: tuple[ColumnLayout, ...] = ()
    context_from: tuple[str, ...] = ()
    short_name_zh: str = ""
    row_label: str = ""
    code_context: tuple[tuple[str, str, str], ...] = ()
    fact: str = ""
    label_items: tuple[tuple[str, str, str], ...] = ()
    part_of: str = ""
    total_from: tuple[tuple[str, str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"table {self.key}: unknown layout {self.layout!r} (known: {', '.join(LAYOUTS)})")
        if self.layout == LAYOUT_CODED and self.classification not in ("function", "economic"):
            raise ValueError(f"table {self.key}: a coded table needs classification 'function' or 'economic'")
        for pattern in self.title_patterns:
            if not pattern.endswith("$"):
                raise ValueError(f"table {self.key}: title pattern {pattern!r} must end with $")
        for _, kind, _ in self.label_items:
            if kind not in LABEL_KINDS:
                raise ValueError(f"table {self.key}: label item kind {kind!r} is not one of {', '.join(LABEL_KINDS)}")
        for identity in self.identities:
            unknown = {identity.total, *identity.parts} - set(self.columns)
            if unknown:
                raise ValueError(f"table {self.key}: identity names measures not in its columns: {sorted(unknown)}")

    @cached_property
    def title_res(self) -> tuple[re.Pattern[str], ...]:
        """The table's title patterns compiled, in their order."""
        return tuple(re.compile(pattern) for pattern in self.title_patterns)

    @property
    def measures(self) -> tuple[str, ...]:
        """Every measure the table may carry (columns, income items, every expenditure layout), first seen first."""
        seen: dict[str, None] = dict.fromkeys(self.columns)
        for layout in self.expenditure_layouts:
            seen.update(dict.fromkeys(layout.columns))
        for _, measure in self.income_items:
            seen.setdefault(measure, None)
        for _, _, measure in self.label_items:
            seen.setdefault(measure, None)
        return tuple(seen)

    def max_code_digits(self) -> int:
        """The longest code of the table's classification: 7 digits (function 项), 5 (economic 款)."""
        return 7 if self.classification == "function" else 5

    @property
    def label_zh(self) -> str:
        """The table's Chinese name for messages: its short name when it has one, else its full name."""
        return self.short_name_zh or self.name_zh


@dataclass(frozen=True)
class TemplateFamily:
    """A table set as one publisher prints it.

    ``tables`` are in the family's printed order (also the order of raw_tables rows); ``title_order`` the
    order in which titles are tried (more specific first, e.g. 财政拨款收支总表 before 收支总表), by
    default ``tables``' order; ``solve_order`` the order tables are solved in (a table after those it
    takes ``context_from``), by default ``tables``' order. ``measures`` names every measure a table of the family uses.
    ``header_words`` are the tokens a column-header line of the family is made of (a line of only these is
    a header, not a row). ``kind`` is the document kind (``budget`` | ``final_account``). ``min_tables``: how many
    of its tables a document must print to be read with the family. ``empty_tables_noted``: the template
    explains every empty table in a note (注：本部门无…), so an empty table without one is a reading problem.
    ``sections``: the narrative parts' keys (ingest/templates SECTIONS) → the name this template prints them
    under, where it differs from the generic one (a Jiangsu document has one 部门预算情况说明 where a Shanghai
    one has 预算编制说明 and 其他相关情况说明): findings name a part as the document's own template does.
    ``items_by_class``: the numbered 项 items of the narrative start again at 1 under each 类 heading, so an
    item is named by its 类 with its number.
    """

    key: str
    name_zh: str
    kind: str
    tables: tuple[TableSpec, ...]
    measures: tuple[MeasureSpec, ...]
    header_words: frozenset[str] = frozenset()
    title_order: tuple[str, ...] = ()
    solve_order: tuple[str, ...] = ()
    min_tables: int = 3
    empty_tables_noted: bool = True
    sections: dict[str, str] = field(default_factory=dict, compare=False)
    items_by_class: bool = False
    notes: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        keys = [table.key for table in self.tables]
        if len(set(keys)) != len(keys):
            raise ValueError(f"family {self.key}: a table key is declared twice")
        known = {measure.key for measure in self.measures}
        for table in self.tables:
            missing = set(table.measures) - known
            if missing:
                raise ValueError(f"family {self.key}, table {table.key}: measures not declared: {sorted(missing)}")
        if self.title_order and sorted(self.title_order) != sorted(keys):
            raise ValueError(f"family {self.key}: title_order must list every table once")
        if self.solve_order and sorted(self.solve_order) != sorted(keys):
            raise ValueError(f"family {self.key}: solve_order must list every table once")
        position = {key: index for index, key in enumerate(self.solve_order or keys)}
        for table in self.tables:
            for source, _, _ in table.code_context:
                if source not in position or position[source] >= position[table.key]:
                    raise ValueError(f"family {self.key}: {table.key} takes code context from {source}, not solved before it")
            for source in (*table.context_from, *(t for t, _, _ in table.total_from), *filter(None, [table.part_of])):
                if source not in position:
                    raise ValueError(f"family {self.key}, table {table.key}: context_from names unknown table {source!r}")
                if position[source] >= position[table.key]:
                    raise ValueError(f"family {self.key}: {table.key} takes context from {source}, solved after it")

    @property
    def table_keys(self) -> tuple[str, ...]:
        """The keys of the family's tables, in the registry's order."""
        return tuple(table.key for table in self.tables)

    def header_words_of(self, columns: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """Measure → the header tokens naming it in this family, for ``columns``."""
        return {measure.key: measure.header_words for measure in self.measures if measure.key in columns}

    def table(self, key: str) -> TableSpec:
        """The family's table with this key. Raises KeyError when the family has none."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"family {self.key} has no table {key!r}")

    def tables_with_layout(self, layout: str) -> tuple[TableSpec, ...]:
        """The family's tables of one layout (e.g. 'coded', 'summary'), in the registry's order."""
        return tuple(table for table in self.tables if table.layout == layout)

    def measure(self, key: str) -> MeasureSpec:
        """The family's measure with this key. Raises KeyError when the family has none."""
        for measure in self.measures:
            if measure.key == key:
                return measure
        raise KeyError(f"family {self.key} has no measure {key!r}")

    @property
    def solve_keys(self) -> tuple[str, ...]:
        """Table keys in the order they are solved (declared ``solve_order``, else printed order)."""
        return self.solve_order or self.table_keys

    def titles_in_order(self) -> tuple[TableSpec, ...]:
        """The tables in the order their titles are tried (title_order, else the registry's order): a more
        specific title must be tried before one it contains.
        """
        order = self.title_order or self.table_keys
        return tuple(self.table(key) for key in order)

    @cached_property
    def _title_res(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(table key, compiled title pattern) in the order titles are tried."""
        return tuple((table.key, pattern) for table in self.titles_in_order() for pattern in table.title_res)

    @cached_property
    def _any_title_re(self) -> re.Pattern[str]:
        # Every line of a document is tried as a title and almost none is one: a single search of all the
        # patterns at once rejects it before the patterns are tried one by one for the first that matches.
        return re.compile("|".join(f"(?:{pattern})" for table in self.tables for pattern in table.title_patterns))

    def match_title(self, candidate: str) -> str | None:
        """The key of the table whose title pattern the normalised title ``candidate`` matches, if any."""
        found = self.title_match(candidate)
        return found[0] if found else None

    def title_match(self, candidate: str) -> tuple[str, int] | None:
        """(table key, where the table's name starts in ``candidate``) for a normalised title: what comes
        before is a year-and-body prefix (``2018年度江苏省高级人民法院``)."""
        if not self._any_title_re.search(candidate):
            return None
        for key, pattern in self._title_res:
            match = pattern.search(candidate)
            if match:
                return key, match.start()
        return None
