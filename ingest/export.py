"""Export the warehouse for spreadsheet users: ``python -m ingest.export`` (``make export``).

Writes one Excel workbook (.xlsx) with a 目录 sheet and one sheet per warehouse table (the contract's
``dim_*`` / ``fct_*`` tables, findings included), and the same tables as UTF-8 CSV files with a BOM (Excel
opens them with the Chinese intact). Column headers are Chinese. Amounts (DECIMAL columns, yuan) are
numbers shown with two decimals (``#,##0.00``), written from the exact Decimal; codes and other text stay
text (``001`` stays ``001``). Text beginning with = + - @ (or a tab / carriage return) cannot become a
formula: in the workbook it is a text cell with Excel's quote prefix, in the CSV it is preceded by ``'``.

``--out`` is a folder (the workbook is FOLDER/<warehouse name>.xlsx) or the workbook's own name
(``report.xlsx``); the CSV files go to a ``<workbook name>_csv`` folder beside the workbook. In the workbook
(Chinese headers, the default) the values of enumerated columns (fund_type, expenditure_type, cost_type,
severity, check_severity, finding_kind, side, paired_by, table_key / table_name, measure, section,
change_direction, prior_kind, row_kind, template, amount_source, column_source, …) are their Chinese names from the template registry's vocabulary
(``ingest.templates.column_values``), except in a table that names its codes itself (``fund_type`` beside
``fund_name``); the CSV files keep the codes, for machines. An earlier
export there is replaced, and the command says so: every file is written under a temporary name and
renamed over the old one only once the whole export is written, so an export that fails leaves the
earlier one whole. A file that is not a workbook is never overwritten.

Usage: python -m ingest.export [--warehouse FILE] [--out FOLDER | --out FILE.xlsx] [--headers zh|contract]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .templates import column_values
from .words import plural

AMOUNT_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_ROWS = 1_048_576
# An Excel number is a double: 15 significant digits are kept exactly.
EXCEL_EXACT_DIGITS = 15

# Chinese headers of the contract columns. A column not listed here takes the head of its description
# (persisted from the dbt docs as a DuckDB column comment), so a new column still gets a Chinese header.
HEADERS: dict[str, str] = {
    "document_id": "文档标识",
    "region": "地区",
    "department_name": "部门/单位名称",
    "scope": "范围",
    "fiscal_year": "年度",
    "kind": "文档种类",
    "amount_unit": "金额单位",
    "source_file": "来源文件",
    "title": "标题",
    "source_sha256": "文件sha256",
    "document_label": "文档",
    "parent_document_id": "所属部门预算文档标识",
    "counted_in_totals": "计入合计",
    "template": "模板",
    "source_files": "来源文件（全部）",
    "function_fund_type": "功能分类支出的资金范围",
    "coverage_rank": "资金范围宽窄次序",
    "function_code": "功能分类科目编码",
    "function_name": "功能分类科目名称",
    "economic_code": "经济分类科目编码",
    "economic_name": "经济分类科目名称",
    "code": "科目编码",
    "classification": "科目分类",
    "code_level": "科目级次",
    "level": "科目级次",
    "parent_code": "上级科目编码",
    "printed_name": "印刷名称",
    "fund_type": "资金性质",
    "fund_name": "资金性质名称",
    "expenditure_type": "支出类型",
    "income_source": "收入来源",
    "cost_type": "经费类型",
    "item": "项目",
    "amount": "金额（元）",
    "table_key": "表代码",
    "table_name": "表",
    "line_no": "行号",
    "page_no": "页码",
    "row_text": "行原文",
    "project_id": "项目标识",
    "project_name": "项目名称",
    "implementing_unit": "实施主体",
    "check_id": "检查编号",
    "check_description": "检查说明",
    "severity": "严重程度",
    "measure": "列/数字",
    "expected": "推得数",
    "actual": "印刷数",
    "expected_amount": "推得金额（元）",
    "actual_amount": "印刷金额（元）",
    "difference": "差额（元）",
    "message": "说明",
    "detail": "补充说明",
    "acknowledged": "已确认",
    "acknowledged_reason": "确认理由",
    "description": "说明",
    "check_model": "检查模型",
    "tables_read": "读取的表",
    "check_order": "顺序",
    "amount_source": "金额来源",
    "is_complete": "是否完整",
    "flag": "不完整说明",
    "restated_amount": "再次写出的金额（元）",
    "prior_amount": "写明的比较数（元：上年数、年初预算或占比所占的总数）",
    "change_amount": "写明的增减额（元）",
    "change_percent": "写明的百分比（增减、完成率或占比）",
    "rounding_tolerance": "舍入容差（元）",
    "side": "栏",
    "section": "说明部分",
    "quantity": "个数",
}


@dataclass(frozen=True)
class Column:
    """One column of a warehouse table as exported: its contract name, Chinese header and DuckDB type, and
    for an enumerated column the Chinese name of each code (workbook only; empty: values as stored)."""
    name: str
    header: str
    data_type: str
    value_names: dict[str, str] = field(default_factory=dict)

    def shown(self, value: object) -> object:
        """The value as the workbook shows it: an enumerated code by its Chinese name, anything else as is."""
        return self.value_names.get(value, value) if isinstance(value, str) else value

    @property
    def is_amount(self) -> bool:
        """True for an amount column (DuckDB DECIMAL, yuan): exported as a number shown with two decimals."""
        return self.data_type.startswith("DECIMAL")

    @property
    def is_text(self) -> bool:
        """True for a text column (DuckDB VARCHAR): exported as a text cell (codes keep their leading zeros)."""
        return self.data_type == "VARCHAR"


@dataclass(frozen=True)
class Table:
    """One warehouse table as exported: its name (a sheet and a CSV file), its description (for the 目录
    sheet) and its columns in the warehouse's order.
    """

    name: str
    description: str
    columns: list[Column]


class ExportError(Exception):
    """A value the export cannot write faithfully (names the table, column and row)."""


def header_from_comment(comment: str | None) -> str | None:
    """The head phrase of a column description: '资金性质：`all` …' → '资金性质'."""
    if not comment:
        return None
    head = re.split(r"[：:，,。（(；;`\s]", comment.strip(), maxsplit=1)[0]
    return head if re.search(r"[\u4e00-\u9fff]", head) and len(head) <= 20 else None


def warehouse_tables(con: duckdb.DuckDBPyConnection, header_style: str = "zh") -> list[Table]:
    """The dim_* and fct_* tables of the warehouse (dimensions first), with the headers to print."""
    rows = con.execute(
        """
        select t.table_name, coalesce(t.comment, ''), c.column_name, c.data_type, c.comment
        from duckdb_tables() as t
        inner join duckdb_columns() as c on t.table_oid = c.table_oid
        where t.schema_name = 'main' and (t.table_name like 'dim\\_%' escape '\\' or t.table_name like 'fct\\_%' escape '\\')
        order by t.table_name like 'fct%', t.table_name, c.column_index
        """
    ).fetchall()
    tables: dict[str, Table] = {}
    # Chinese headers come with Chinese names of the codes; contract headers with the codes themselves.
    enumerations = column_values() if header_style == "zh" else {}
    for table_name, description, column_name, data_type, comment in rows:
        table = tables.setdefault(table_name, Table(table_name, description.strip(), []))
        if header_style == "contract":
            header = column_name
        else:
            header = HEADERS.get(column_name) or header_from_comment(comment) or column_name
        if any(existing.header == header for existing in table.columns):
            header = f"{header}（{column_name}）"
        names = enumerations.get(column_name, {}) if data_type == "VARCHAR" else {}
        table.columns.append(Column(column_name, header, data_type, names))
    for table in tables.values():
        # A table that names its codes itself (dim_fund: fund_type beside fund_name, table_key beside
        # table_name) shows the codes as they are: named again they would only repeat the name column.
        named = {column.name for column in table.columns}
        table.columns[:] = [replace(column, value_names={}) if column.value_names and name_column(column.name) in named
                            else column for column in table.columns]
    return list(tables.values())


def name_column(name: str) -> str:
    """The column that would hold the names of column ``name``'s codes (``fund_type`` → ``fund_name``,
    ``table_key`` → ``table_name``); "" for a column that is itself a name column."""
    named = name.rsplit("_", 1)[0] + "_name"
    return "" if named == name else named


def neutralised(text: str) -> str:
    """Text for a CSV cell: a leading formula character is preceded by ' so no spreadsheet evaluates it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def check_amount(value: Decimal, table: Table, column: Column, row_no: int) -> None:
    """Refuse an amount Excel would not keep exactly: raises ExportError naming the table, column and row
    when `value` has more than 15 significant digits (an Excel number is a double).
    """
    digits = len(value.as_tuple().digits)
    if digits > EXCEL_EXACT_DIGITS:
        raise ExportError(f"{table.name}.{column.name} row {row_no}: {value} has {digits} significant digits; "
                          f"an Excel number keeps {EXCEL_EXACT_DIGITS} exactly")


def cell(sheet: Worksheet, value: object, column: Column) -> WriteOnlyCell:
    """A workbook cell: amounts as numbers with two decimals, text as text (never a formula)."""
    written = WriteOnlyCell(sheet, value=value)
    if column.is_amount:
        written.number_format = AMOUNT_FORMAT
    elif isinstance(value, str):
        # openpyxl would read a leading '=' as a formula: force a text cell; the quote prefix keeps Excel
        # from turning it into one when the cell is edited.
        written.data_type = "s"
        written.number_format = TEXT_FORMAT
        if value.startswith(FORMULA_STARTS):
            written.quotePrefix = True
    return written


def scalar(value: object) -> object:
    """A list (e.g. VARCHAR[]) or struct value as one text, the way a spreadsheet cell can hold it."""
    if isinstance(value, (list, tuple)):
        return "; ".join("" if item is None else str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def display_width(text: str) -> int:
    """How many columns `text` takes in a fixed-width display: 2 for a CJK (wide) character, 1 otherwise;
    used to size the sheet's columns.
    """
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_sheet(workbook: Workbook, con: duckdb.DuckDBPyConnection, table: Table, csv_path: Path) -> int:
    """Write one table as a sheet and as a CSV file (at ``csv_path``, which the caller renames into place);
    returns the number of data rows."""
    sheet = workbook.create_sheet(table.name[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns):
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(40, max(10, display_width(column.header) + 2))
    bold = Font(bold=True)
    header_cells = []
    for column in table.columns:
        header = WriteOnlyCell(sheet, value=column.header)
        header.font = bold
        header.data_type = "s"
        header_cells.append(header)
    sheet.append(header_cells)
    names = ", ".join(f'"{column.name}"' for column in table.columns)
    result = con.execute(f'select {names} from "{table.name}" order by all')
    count = 0
    with csv_path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column.header for column in table.columns])
        while batch := result.fetchmany(5000):
            for row in batch:
                row = tuple(scalar(value) for value in row)
                count += 1
                if count + 1 > EXCEL_MAX_ROWS:
                    raise ExportError(f"{table.name}: more than {EXCEL_MAX_ROWS - 1} rows do not fit one sheet")
                for value, column in zip(row, table.columns, strict=True):
                    if isinstance(value, Decimal):
                        check_amount(value, table, column, count)
                sheet.append([cell(sheet, column.shown(value), column)
                              for value, column in zip(row, table.columns, strict=True)])
                writer.writerow([csv_value(value) for value in row])
    return count


def csv_value(value: object) -> str:
    """One value as a CSV cell: '' for NULL, 'true' / 'false' for a boolean, text neutralised (no formula),
    anything else (Decimal amounts in yuan, integers, dates) as str().
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralised(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class OutputError(Exception):
    """``--out`` names something the export must not overwrite (the message is one line)."""


WORKBOOK_SUFFIX = ".xlsx"


def workbook_target(warehouse: Path, out: Path) -> Path:
    """Where the workbook goes: ``out`` itself when it names a workbook, else ``out``/<warehouse>.xlsx.
    Raises OutputError when ``out`` is an existing file that is not a workbook."""
    if out.suffix.lower() == WORKBOOK_SUFFIX and not out.is_dir():
        if out.exists() and not is_our_export(out):
            raise OutputError(f"{out}: is a workbook this command did not write (no 目录 sheet first); it is left "
                              "as it is (give a new name, or a folder)")
        return out
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder or an {WORKBOOK_SUFFIX} workbook; it is left as it is "
                          f"(give a folder, or a name ending in {WORKBOOK_SUFFIX})")
    return out / f"{warehouse.stem}{WORKBOOK_SUFFIX}"


def is_our_export(path: Path) -> bool:
    """Whether the workbook at ``path`` is an export of this command (its first sheet is 目录), read from the
    .xlsx's workbook part without loading the sheets. False for anything else, a damaged file included."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8")
    except (OSError, KeyError, UnicodeDecodeError, zipfile.BadZipFile):
        return False
    first = re.search(r"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", book)
    return first is not None and first.group(1) == "目录"


def writing_name(path: Path) -> Path:
    """The temporary name ``path`` is written under before it is renamed into place."""
    return path.with_name(f".{path.name}.writing")


def export(warehouse: Path, out_dir: Path, header_style: str = "zh") -> tuple[Path, Path, list[tuple[str, int]]]:
    """Export every dim_/fct_ table of `warehouse` (opened read-only) to a workbook and a folder of CSV files:
    out_dir/<name>.xlsx and out_dir/<name>_csv/<table>.csv, or, when out_dir ends in .xlsx, that workbook
    and <its name>_csv/ beside it. Every file is written under a temporary name and renamed over an earlier
    export's only once all are written. Returns the workbook path, the CSV folder and (table, rows) pairs.
    Raises FileNotFoundError for a missing warehouse, ExportError for a value that cannot be written
    exactly, OutputError for an --out that is a file but not a workbook, OSError when it cannot be written."""
    if not warehouse.is_file():
        raise FileNotFoundError(f"{warehouse}: no warehouse file (run make example or make load DOCS=folder first)")
    workbook_path = workbook_target(warehouse, out_dir)
    csv_dir = workbook_path.with_name(f"{workbook_path.stem}_csv")
    if csv_dir.exists() and not csv_dir.is_dir():
        raise OutputError(f"{csv_dir}: is a file, where the export's CSV folder goes; it is left as it is")
    workbook_path.parent.mkdir(parents=True, exist_ok=True)
    csv_dir.mkdir(exist_ok=True)
    workbook = Workbook(write_only=True)
    written: list[Path] = []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = warehouse_tables(con, header_style)
        if not tables:
            raise ExportError(f"{warehouse}: no dim_/fct_ tables (not a budget warehouse?)")
        contents = workbook.create_sheet("目录")
        bold = Font(bold=True)
        title = WriteOnlyCell(contents, value=f"预算公开数据仓库 {warehouse.name}，导出于 {datetime.now():%Y-%m-%d %H:%M}")
        title.font = bold
        contents.append([title])
        counted = "counted_in_totals" if header_style == "contract" else f"“{HEADERS['counted_in_totals']}”"
        contents.append([f"金额单位：元（两位小数）。跨文档求和时只取 dim_document 中{counted}为 true 的文档。"])
        contents.append([])
        heading = [WriteOnlyCell(contents, value=text) for text in ("工作表", "行数", "说明")]
        for header in heading:
            header.font = bold
        contents.append(heading)
        counts: list[tuple[str, int]] = []
        for table in tables:
            written.append(csv_dir / f"{table.name}.csv")
            counts.append((table.name, write_sheet(workbook, con, table, writing_name(written[-1]))))
        for (name, rows), table in zip(counts, tables, strict=True):
            contents.append([name, rows, table.description.split("\n")[0][:300]])
        written.append(workbook_path)
        workbook.save(writing_name(workbook_path))
    except BaseException:
        # Abandon the half-written sheets (their temporary files) instead of leaving them to the collector.
        for sheet in workbook.worksheets:
            sheet.close()
        for path in written:
            writing_name(path).unlink(missing_ok=True)
        raise
    finally:
        con.close()
    for path in written:
        writing_name(path).replace(path)
    return workbook_path, csv_dir, counts


def main(argv: list[str] | None = None) -> int:
    """The `python -m ingest.export` command: export the warehouse (--warehouse, default $BUDGET_WAREHOUSE
    or warehouse.duckdb) to --out as a workbook and CSV files. Returns 0, or 1 after printing the error
    when the warehouse is missing, unreadable or holds a value the export refuses (ExportError).
    """
    parser = argparse.ArgumentParser(prog="python -m ingest.export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path,
                        default=Path(os.environ.get("BUDGET_WAREHOUSE", "warehouse.duckdb")),
                        help="DuckDB file (default: $BUDGET_WAREHOUSE, else warehouse.duckdb)")
    parser.add_argument("--out", type=Path, default=Path("build/export"),
                        help="folder (default build/export), or the workbook's name (FILE.xlsx); an earlier export "
                             "there is replaced")
    parser.add_argument("--headers", choices=("zh", "contract"), default="zh",
                        help="column headers: Chinese (default) or the contract's column names")
    args = parser.parse_args(argv)
    try:
        replacing = workbook_target(args.warehouse, args.out).is_file()
        workbook, csv_dir, counts = export(args.warehouse, args.out, args.headers)
    except OutputError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except (ExportError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        # Ours (a missing warehouse) carry their one line; the system's name the file they failed on.
        print(f"error: {exc}" if exc.filename is None else
              f"error: {exc.filename}: cannot write the export ({exc.strerror}); an earlier export there is unchanged",
              file=sys.stderr)
        return 1
    print(f"export: {plural(len(counts), 'table')}, {plural(sum(rows for _, rows in counts), 'row')} → {workbook} "
          f"and {csv_dir}/" + (" (replaced the earlier export)" if replacing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
