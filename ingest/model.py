"""Parsed rows shared by the parsers and the CSV writers.

Money is always ``decimal.Decimal`` in yuan, quantised to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .templates import DEFAULT_FAMILY, table_names

# The Shanghai budget's nine tables in their printed order, and every registered table's Chinese name;
# both come from the template registry (ingest/templates), the one place tables are declared.
TABLE_KEYS: tuple[str, ...] = DEFAULT_FAMILY.table_keys
TABLE_NAMES_ZH: dict[str, str] = table_names()


@dataclass(frozen=True)
class Line:
    """One line of the source text, with where it came from.

    ``token_x`` is the horizontal centre (points, from the left of the page as read) of each
    whitespace-separated token of ``text``, when the reader knows it (PDF); None from extracted text.
    It is evidence for column assignment only, and not part of a line's identity.
    """

    text: str
    line_no: int
    page_no: int | None = None
    token_x: tuple[float, ...] | None = field(default=None, compare=False)


@dataclass
class DocumentMeta:
    """What the cover and title say about a document (one row of raw_documents): the body (region,
    department_name), scope 'department' (部门) or 'unit' (单位), fiscal_year, kind 'budget' or
    'final_account', the unit its tables are printed in ('元' | '万元') and its title.
    """

    region: str
    department_name: str
    scope: str  # 'department' | 'unit'
    fiscal_year: int
    kind: str  # 'budget' | 'final_account'
    amount_unit: str  # '元' | '万元'
    title: str


@dataclass
class AmountCell:
    """One published cell with its provenance."""

    table_key: str
    side: str
    row_kind: str  # 'code' | 'total' | 'item'
    code: str
    row_label: str
    measure: str
    amount: Decimal
    printed_amount: str
    printed_unit: str
    line_no: int
    page_no: int | None
    row_text: str
    column_source: str  # 'position' | 'arithmetic' | 'context'


@dataclass
class PrintedCode:
    """A code as a document prints it in one table (one row of raw_function_codes or raw_economic_codes):
    level 类 / 款 / 项, the name printed beside it, its parent code ('' for a 类) and the line it is on.
    """

    classification: str  # 'function' | 'economic'
    code: str
    level: str
    printed_name: str
    parent_code: str
    table_key: str
    line_no: int


@dataclass
class TableInfo:
    """One template table of a document (one row of raw_tables): title as printed, the unit its amounts
    are printed in ('元' | '万元'), status 'present' | 'empty' | 'missing', the note explaining an empty
    table and its first and last line (None when missing).
    """

    table_key: str
    title: str
    amount_unit: str
    status: str  # 'present' | 'empty' | 'missing'
    note: str
    line_start: int | None
    line_end: int | None


@dataclass
class ParseIssue:
    """A problem met while reading a document (one row of raw_parse_issues): table, line (None when the
    problem has no line), severity, the message rendered from its code and the row's printed text.
    """

    table_key: str
    line_no: int | None
    severity: str  # 'error' | 'warning'
    issue: str  # the message, rendered from ``code`` (ingest/issues.py)
    row_text: str = ""
    code: str = ""  # an ingest.issues.IssueCode; decisions test this, never the message


@dataclass
class ProjectItem:
    """One itemised amount (yuan) of a project (a row of raw_project_items), with its line."""

    item_name: str
    amount: Decimal
    line_no: int


@dataclass
class Project:
    """One project of 项目经费情况说明 (a row of raw_projects): its name, implementing unit, period, basis and
    年度预算安排 amount in yuan (None when unreadable; amount_source says whether it was stated, the sum
    of its items or of its quarterly plan, or unreadable), completeness and flag, its first line and items.
    """

    project_name: str
    implementing_unit: str
    implementation_period: str
    basis: str
    amount: Decimal | None
    amount_source: str  # 'stated' | 'items_sum' | 'quarterly_sum' | 'unreadable'
    is_complete: bool
    flag: str
    line_no: int
    items: list[ProjectItem] = field(default_factory=list)
    summary: str = ""  # 项目概述, used to recognise a section printed twice; not written out
    printed_amount: str = ""  # the 年度预算安排 total as printed (with its unit), when one is printed


@dataclass
class NarrativeFact:
    """One figure stated in words, with what it is compared with."""

    section: str  # 'explanation' | 'other' | 'performance_form' | 'organisation'
    topic: str
    line_no: int
    text: str
    label: str = ""
    item_no: int | None = None
    class_name: str = ""
    kuan_name: str = ""
    xiang_name: str = ""
    amount: Decimal | None = None
    printed_amount: str = ""
    quantity: int | None = None
    restated_year: int | None = None
    restated_amount: Decimal | None = None
    prior_year: int | None = None
    prior_kind: str = ""  # 'budget' | 'execution'
    prior_amount: Decimal | None = None
    change_direction: str = ""  # 'increase' | 'decrease' | 'flat'
    change_amount: Decimal | None = None
    change_percent: Decimal | None = None
    reason: str = ""

    def identity(self) -> tuple[object, ...]:
        """The fields that make two facts the same statement (text and line excluded): a fact printed twice
        is stored once.
        """
        return (self.section, self.topic, self.item_no, self.label, self.amount, self.quantity, self.prior_amount,
                self.restated_amount, self.change_amount, self.change_percent)


@dataclass
class ParsedDocument:
    """Everything read from one document, ready to be written as raw CSV rows: its file and SHA-256, its
    metadata, the template tables (status), the amount cells (yuan), printed codes, projects, issues and
    narrative facts, and the key of the template family it was read with.
    """

    source_file: str
    source_sha256: str
    meta: DocumentMeta
    tables: list[TableInfo]
    amounts: list[AmountCell]
    codes: list[PrintedCode]
    projects: list[Project]
    issues: list[ParseIssue]
    narrative: list[NarrativeFact] = field(default_factory=list)
    template: str = ""  # the template family's key (ingest/templates), e.g. 'shanghai_budget'
    # The narrative of a disclosure whose tables are published in another file (公开表附后): it has no
    # tables of its own and is stored only as a part of its table file's document (ingest.pipeline).
    tables_elsewhere: bool = False

    @property
    def document_id(self) -> str:
        """The document's stable id, derived from its metadata (ingest.ids.document_id)."""
        from .ids import document_id

        return document_id(self.meta)


class IngestError(Exception):
    """A file that cannot be ingested; the message names the file and the reason."""
