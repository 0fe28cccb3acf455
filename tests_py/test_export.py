"""make export / python -m ingest.export: the workbook and the CSV files read back exactly."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from conftest import PROJECT_ROOT, PipelineRun
from ingest.export import ExportError, export, warehouse_tables

FEN = Decimal("0.01")


def crafted_warehouse(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("""
        create table dim_thing (code varchar, name varchar, amount decimal(18, 2), counted boolean, line_no integer);
        insert into dim_thing values
            ('001', '=HYPERLINK("http://x", "y")', 12345678901.23, true, 1),
            ('0100', '+1', 0.10, false, 2),
            ('2', '-2', -3.05, null, 3),
            ('3', '@SUM(A1)', 9999999999999.99, true, 4),
            ('4', '普通文字', null, true, 5);
        comment on column dim_thing.code is '科目编码（3 位）';
        comment on column dim_thing.name is '名称，按印刷';
        create table fct_other (document_id varchar, amount decimal(18, 2), source_files varchar[]);
        insert into fct_other values ('d1', 1.00, ['a.pdf', '=b.pdf']);
        create table not_exported (x integer);
    """)
    con.close()
    return path


def xml_values(workbook: Path, sheet_index: int) -> list[str]:
    """The <v> texts of number cells as stored in the file (what Excel reads)."""
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read(f"xl/worksheets/sheet{sheet_index}.xml").decode("utf-8")
    return re.findall(r'<c r="C\d+"[^>]*t="n"[^>]*><v>([^<]*)</v>', xml)


def test_crafted_values_read_back_exactly(tmp_path: Path) -> None:
    workbook_path, csv_dir, counts = export(crafted_warehouse(tmp_path / "w.duckdb"), tmp_path / "out")
    assert dict(counts) == {"dim_thing": 5, "fct_other": 1}
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == ["目录", "dim_thing", "fct_other"]
    sheet = book["dim_thing"]
    rows = list(sheet.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == ["科目编码", "名称", "金额（元）", "counted", "行号"]
    codes = [r[0] for r in rows[1:]]
    assert [c.value for c in codes] == ["001", "0100", "2", "3", "4"] and {c.data_type for c in codes} == {"s"}
    names = [r[1] for r in rows[1:]]
    # Formula-like text stays text, exactly as printed; none became a formula.
    assert [c.value for c in names] == ['=HYPERLINK("http://x", "y")', "+1", "-2", "@SUM(A1)", "普通文字"]
    assert {c.data_type for c in names} == {"s"}
    assert [c.quotePrefix for c in names] == [True, True, True, True, False]
    amounts = [r[2] for r in rows[1:]]
    assert {c.number_format for c in amounts} == {"#,##0.00"}
    read = [None if c.value is None else Decimal(str(c.value)).quantize(FEN) for c in amounts]
    assert read == [Decimal("12345678901.23"), Decimal("0.10"), Decimal("-3.05"), Decimal("9999999999999.99"), None]
    assert [Decimal(v) for v in xml_values(workbook_path, 2)] == read[:4]
    with (csv_dir / "dim_thing.csv").open("rb") as stream:
        assert stream.read(3) == b"\xef\xbb\xbf"
    with (csv_dir / "dim_thing.csv").open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0] == ["科目编码", "名称", "金额（元）", "counted", "行号"]
    assert [row[0] for row in table[1:]] == ["001", "0100", "2", "3", "4"]
    assert [row[1] for row in table[1:]] == ["'=HYPERLINK(\"http://x\", \"y\")", "'+1", "'-2", "'@SUM(A1)", "普通文字"]
    assert [row[2] for row in table[1:]] == ["12345678901.23", "0.10", "-3.05", "9999999999999.99", ""]
    # A list column is one text cell.
    other = list(book["fct_other"].iter_rows(min_row=2, values_only=True))
    assert other == [("d1", 1, "a.pdf; =b.pdf")]


def test_enumerated_codes_are_chinese_in_the_workbook_and_codes_in_the_csv(tmp_path: Path) -> None:
    """fund_type, expenditure_type, severity, finding_kind, side, paired_by …: the workbook (Chinese headers)
    names them as the vocabulary does; the CSV keeps the codes; a code the vocabulary lacks stays as it is;
    --headers contract keeps the codes in the workbook too."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""
        create table fct_expenditure (fund_type varchar, expenditure_type varchar, side varchar, note varchar);
        insert into fct_expenditure values ('all', 'operating', 'income', 'all'), ('general_public', 'basic', null, 'x');
        create table fct_finding (severity varchar, finding_kind varchar, paired_by varchar, cost_type varchar);
        insert into fct_finding values ('error', 'parse_gap', 'name', 'personnel'), ('info', 'no_such_kind', 'code', 'total');
    """)
    con.close()
    workbook_path, csv_dir, _ = export(tmp_path / "w.duckdb", tmp_path / "out")
    book = openpyxl.load_workbook(workbook_path)
    assert list(book["fct_expenditure"].iter_rows(min_row=2, values_only=True)) == [
        ("全部资金（部门支出预算总表）", "经营支出", "收入", "all"), ("一般公共预算", "基本支出", None, "x")]
    assert list(book["fct_finding"].iter_rows(min_row=2, values_only=True)) == [
        ("错误", "读取缺口（未核对）", "按科目名称", "人员经费"), ("提示", "no_such_kind", "按科目编码", "合计")]
    with (csv_dir / "fct_finding.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream))[1:] == [["error", "parse_gap", "name", "personnel"],
                                                 ["info", "no_such_kind", "code", "total"]]
    contract_book, _, _ = export(tmp_path / "w.duckdb", tmp_path / "contract", header_style="contract")
    assert next(openpyxl.load_workbook(contract_book)["fct_finding"].iter_rows(min_row=2, values_only=True)) == (
        "error", "parse_gap", "name", "personnel")


def test_every_enumerated_column_of_the_contract_is_chinese_in_the_workbook(tmp_path: Path) -> None:
    """check_severity, table_key / table_name, measure, section, the stated direction and its base, row kind,
    template, a document's widest fund by function, amount and column source, and the 决算 balance items: named from the vocabulary; under
    --headers contract the 目录 sheet names the contract column, not its Chinese header."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""
        create table fct_finding (check_severity varchar, table_name varchar, measure varchar);
        insert into fct_finding values ('warning', 'final_explanation', 'basic');
        create table fct_published_amount (table_key varchar, row_kind varchar, column_source varchar);
        insert into fct_published_amount values ('basic_economic', 'code', 'arithmetic');
        create table fct_narrative_fact (section varchar, change_direction varchar, prior_kind varchar);
        insert into fct_narrative_fact values ('other', 'decrease', 'execution');
        create table dim_document (template varchar, counted_in_totals boolean, function_fund_type varchar);
        insert into dim_document values ('final_account', true, 'fiscal');
        create table dim_project (amount_source varchar);
        insert into dim_project values ('quarterly_sum');
        create table fct_balance (item varchar);
        insert into fct_balance values ('surplus_allocation'), ('non_fiscal_surplus_used');
    """)
    con.close()
    workbook_path, _, _ = export(tmp_path / "w.duckdb", tmp_path / "out")
    book = openpyxl.load_workbook(workbook_path)

    def first(sheet: str) -> tuple:
        return next(book[sheet].iter_rows(min_row=2, values_only=True))

    assert first("fct_finding") == ("警告", "决算情况说明", "基本支出")
    assert first("fct_published_amount") == ("一般公共预算基本支出经济分类预算表", "科目行", "按行内算式")
    assert first("fct_narrative_fact") == ("其他相关情况说明", "减少", "上年预算执行数")
    assert first("dim_document")[0] == "部门决算（全国模板）"
    assert first("dim_document")[2] == "财政拨款（财政拨款支出预算表）"
    assert first("dim_project") == ("四个季度用款计划相加",)
    assert sorted(row[0] for row in book["fct_balance"].iter_rows(min_row=2, values_only=True)) == sorted([
        "结余分配", "使用非财政拨款结余"])
    contract_book, _, _ = export(tmp_path / "w.duckdb", tmp_path / "contract", header_style="contract")
    notes = [row[0] for row in openpyxl.load_workbook(contract_book)["目录"].iter_rows(values_only=True) if row]
    assert any("dim_document 中counted_in_totals为 true" in str(note) for note in notes), notes
    assert not any("计入合计" in str(note) for note in notes), notes


def test_an_amount_excel_cannot_hold_exactly_is_refused(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create table fct_big (amount decimal(18, 2)); insert into fct_big values (1234567890123456.78)")
    con.close()
    with pytest.raises(ExportError, match=r"fct_big\.amount row 1: .*significant digits"):
        export(tmp_path / "w.duckdb", tmp_path / "out")


def run_export(warehouse: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ingest.export", "--warehouse", str(warehouse), "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


def test_out_naming_an_existing_workbook_replaces_it_and_says_so(tmp_path: Path) -> None:
    """A spreadsheet user names the file: an earlier workbook there is replaced whole, CSVs beside it."""
    warehouse = crafted_warehouse(tmp_path / "w.duckdb")
    report = tmp_path / "reports" / "budget.xlsx"
    first = run_export(warehouse, report)
    assert first.returncode == 0 and "replaced" not in first.stdout, first.stdout + first.stderr
    assert openpyxl.load_workbook(report).sheetnames == ["目录", "dim_thing", "fct_other"]
    assert (tmp_path / "reports" / "budget_csv" / "dim_thing.csv").is_file()
    again = run_export(warehouse, report)  # the earlier export there: replaced whole, not appended to
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert again.stdout.startswith("export: 2 tables, 6 rows → ") and "(replaced the earlier export)" in again.stdout
    assert openpyxl.load_workbook(report).sheetnames == ["目录", "dim_thing", "fct_other"]
    assert not [p.name for p in (tmp_path / "reports").rglob(".*")]
    folder = run_export(warehouse, tmp_path / "reports")  # a folder, as in make export
    assert folder.returncode == 0 and "replaced" not in folder.stdout
    assert "(replaced the earlier export)" in run_export(warehouse, tmp_path / "reports").stdout


def test_out_naming_a_workbook_of_the_users_own_is_refused_and_kept(tmp_path: Path) -> None:
    """Only an earlier export (目录 first) is replaced: a user's own workbook, or a file merely named .xlsx,
    under that name is left as it is."""
    warehouse = crafted_warehouse(tmp_path / "w.duckdb")
    own = tmp_path / "mine.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "my notes"
    book.save(own)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"my own notes")
    for path in (own, fake):
        before = path.read_bytes()
        completed = run_export(warehouse, path)
        assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
        assert len(completed.stderr.splitlines()) == 1 and str(path) in completed.stderr
        assert path.read_bytes() == before


def test_out_naming_a_file_that_is_not_a_workbook_is_refused_and_kept(tmp_path: Path) -> None:
    warehouse = crafted_warehouse(tmp_path / "w.duckdb")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    completed = run_export(warehouse, notes)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr
    assert len(completed.stderr.splitlines()) == 1 and str(notes) in completed.stderr
    assert notes.read_text(encoding="utf-8") == "mine"


def test_a_failed_export_leaves_the_earlier_one_whole(tmp_path: Path) -> None:
    good = crafted_warehouse(tmp_path / "w.duckdb")
    workbook, csv_dir, _ = export(good, tmp_path / "out")
    before = {path: path.read_bytes() for path in [workbook, *csv_dir.iterdir()]}
    con = duckdb.connect(str(good))
    con.execute("insert into dim_thing values ('9', 'x', 1.00, true, 6)")
    con.execute("create table fct_zz_big (amount decimal(18, 2)); insert into fct_zz_big values (1234567890123456.78)")
    con.close()
    with pytest.raises(ExportError):
        export(good, tmp_path / "out")
    assert {path: path.read_bytes() for path in [workbook, *csv_dir.iterdir()]} == before


def test_export_command_on_a_missing_warehouse_says_so(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, "-m", "ingest.export", "--warehouse", str(tmp_path / "none.duckdb"),
                                "--out", str(tmp_path / "out")], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert completed.returncode == 1 and "none.duckdb: no warehouse file" in completed.stderr


def test_the_corpus_warehouse_reads_back_to_the_fen(warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun,
                                                     tmp_path: Path) -> None:
    completed = subprocess.run(
        ["make", "-s", "export", f"WAREHOUSE={pipeline.warehouse}", f"EXPORT_DIR={tmp_path}"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    book = openpyxl.load_workbook(tmp_path / f"{pipeline.warehouse.stem}.xlsx", read_only=True)
    contract = {"dim_document", "dim_function", "dim_economic", "dim_project", "fct_expenditure", "fct_income",
                "fct_basic_economic", "fct_three_public", "fct_finding"}
    assert contract <= set(book.sheetnames)
    for table in ("fct_expenditure", "fct_income", "fct_three_public", "dim_document"):
        columns = [r[0] for r in warehouse.execute(
            "select column_name from duckdb_columns() where table_name = ? order by column_index", [table]).fetchall()]
        types = dict(warehouse.execute(
            "select column_name, data_type from duckdb_columns() where table_name = ?", [table]).fetchall())
        expected = warehouse.execute(f"select * from {table} order by all").fetchall()
        names = {column.name: column for column in next(t for t in warehouse_tables(warehouse) if t.name == table).columns}
        got = list(book[table].iter_rows(min_row=2, values_only=True))
        assert len(got) == len(expected), table
        for want_row, got_row in zip(expected, got, strict=True):
            for name, want, value in zip(columns, want_row, got_row, strict=True):
                if types[name].startswith("DECIMAL") and want is not None:
                    assert Decimal(str(value)).quantize(FEN) == want, (table, name, want, value)
                elif types[name] == "VARCHAR":
                    assert value == names[name].shown(want), (table, name)
    csv_file = tmp_path / f"{pipeline.warehouse.stem}_csv" / "fct_expenditure.csv"
    with csv_file.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))[1:]
    total = warehouse.execute("select sum(amount) from fct_expenditure").fetchone()[0]
    assert sum(Decimal(row[4]) for row in rows) == total
    # the workbook names the codes in Chinese, the CSV keeps them
    header = [c.value for c in next(book["fct_expenditure"].iter_rows(max_row=1))]
    fund = header.index("资金性质")
    assert {r[fund] for r in book["fct_expenditure"].iter_rows(min_row=2, values_only=True)} <= {
        "全部资金（部门支出预算总表）", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政拨款（财政拨款支出预算表）"}
    assert {row[fund] for row in rows} <= {"all", "general_public", "government_fund", "state_capital", "fiscal"}


def test_a_table_naming_its_own_codes_keeps_the_codes_in_the_workbook(tmp_path: Path) -> None:
    """dim_fund has fund_type beside fund_name and table_key beside table_name: the workbook shows the codes
    there (named, they would repeat the name column); a table without the name column still gets names."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""
        create table dim_fund (fund_type varchar, fund_name varchar, table_key varchar, table_name varchar);
        insert into dim_fund values ('general_public', '一般公共预算', 'general_public_function', '一般公共预算支出表');
        create table fct_finding (fund_type varchar, table_name varchar);
        insert into fct_finding values ('general_public', 'final_explanation');
    """)
    con.close()
    workbook_path, _, _ = export(tmp_path / "w.duckdb", tmp_path / "out")
    book = openpyxl.load_workbook(workbook_path)
    assert next(book["dim_fund"].iter_rows(min_row=2, values_only=True)) == (
        "general_public", "一般公共预算", "general_public_function", "一般公共预算支出表")
    assert next(book["fct_finding"].iter_rows(min_row=2, values_only=True)) == ("一般公共预算", "决算情况说明")
