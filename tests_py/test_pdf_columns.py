"""Column evidence from x-positions in PDFs: the header gives each column's centre, a row with blank cells
is placed by where its numbers are, and that placement is checked against the arithmetic."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingest.model import Line
from ingest.parse.coded import parse_coded_table
from ingest.parse.columns import ColumnGrid, header_grids
from ingest.pipeline import parse_file
from ingest.readers.layout import page_lines_x, page_raw_chars, run_page_lines_x
from ingest.readers.pdf import read_pdf_document
from ingest.readers.text import text_to_lines
from tests_py.test_pdf_reader import (
    TABLE_RUNS,
    corpus_dir,
    make_pdf,
    random_cells,
    random_page_chars,
    table_page,
    write,
)

# Header cells centred over their columns; numbers right-aligned in them (as spreadsheet exports print).
HEADER = [(60, 540, "功能分类科目名称"), (420, 540, "合计"), (500, 540, "基本支出"), (580, 540, "项目支出")]
TOTAL_X, BASIC_X, PROJECT_X = 410, 490, 570


def expenditure_pdf(tmp_path: Path, rows: list[tuple[str, str, list[tuple[float, str]]]]) -> list[Line]:
    """An expenditure table page: header, then (code, name, [(x, number), …]) rows, 20 pt apart."""
    runs = list(HEADER)
    y = 510
    for code, name, numbers in rows:
        runs += [(60, y, code), (140, y, name)] if code else [(60, y, name)]
        runs += [(x, y, number) for x, number in numbers]
        y -= 20
    return read_pdf_document(write(tmp_path, "table.pdf", make_pdf([table_page(runs)])))


def as_text(lines: list[Line]) -> list[Line]:
    """The same lines as the text reader gives them (one page): no positions."""
    return text_to_lines("\n".join(line.text for line in lines) + "\f")[: len(lines)]


def cells_of(table) -> dict[tuple[str, str], tuple[str, str]]:
    return {(cell.code or "合计", cell.measure): (str(cell.amount), cell.column_source) for cell in table.cells}


# Two 类 of equal amounts, one basic and one project: the 合计 row fixes the column totals only, so the
# arithmetic cannot tell which is which.
AMBIGUOUS = [
    ("", "合计", [(TOTAL_X, "200.00"), (BASIC_X, "100.00"), (PROJECT_X, "100.00")]),
    ("201", "一般公共服务支出", [(TOTAL_X, "100.00"), (BASIC_X, "100.00")]),
    ("205", "教育支出", [(TOTAL_X, "100.00"), (PROJECT_X, "100.00")]),
]


def test_the_pdf_lines_carry_the_centre_of_each_token(tmp_path: Path) -> None:
    lines = expenditure_pdf(tmp_path, AMBIGUOUS)
    assert [line.text for line in lines] == [
        "功能分类科目名称 合计 基本支出 项目支出",
        "合计 200.00 100.00 100.00",
        "201 一般公共服务支出 100.00 100.00",
        "205 教育支出 100.00 100.00",
    ]
    for line in lines:
        assert line.token_x is not None and len(line.token_x) == len(line.text.split())
    assert lines[0].token_x == pytest.approx((108, 432, 524, 604))  # 12 pt per Chinese character
    assert lines[2].token_x[-1] == pytest.approx(BASIC_X + 18.35, abs=0.5)  # "100.00" in Helvetica: 36.7 pt
    assert all(line.token_x is None for line in as_text(lines))
    # Positions are not part of a line's identity: a PDF line equals its text twin.
    assert lines == as_text(lines)


def test_the_header_gives_the_column_centres(tmp_path: Path) -> None:
    lines = expenditure_pdf(tmp_path, AMBIGUOUS)
    grids = header_grids(lines, ("total", "basic", "project"))
    assert list(grids) == [1]
    assert grids[1].centres == pytest.approx((432, 524, 604))
    assert grids[1].placement([TOTAL_X + 17, PROJECT_X + 17]) == (0, 2)
    assert grids[1].placement([(524 + 604) / 2]) is None  # half-way between two columns: no evidence
    assert header_grids(as_text(lines), ("total", "basic", "project")) == {}


def test_text_input_leaves_equal_rows_ambiguous_and_the_pdf_places_them_by_x(tmp_path: Path) -> None:
    lines = expenditure_pdf(tmp_path, AMBIGUOUS)

    from_text = parse_coded_table("expenditure", as_text(lines), "元")
    ambiguous = [issue for issue in from_text.issues if "无法唯一确定所属列" in issue.issue]
    assert sorted(issue.issue.split(" ")[0] for issue in ambiguous) == ["201", "205"]
    assert ("201", "basic") not in cells_of(from_text) and ("205", "project") not in cells_of(from_text)

    from_pdf = parse_coded_table("expenditure", lines, "元")
    assert from_pdf.issues == []
    assert cells_of(from_pdf) == {
        ("合计", "total"): ("200.00", "position"),
        ("合计", "basic"): ("100.00", "position"),
        ("合计", "project"): ("100.00", "position"),
        ("201", "total"): ("100.00", "position"),
        ("201", "basic"): ("100.00", "position"),
        ("205", "total"): ("100.00", "position"),
        ("205", "project"): ("100.00", "position"),
    }


def test_x_contradicting_the_arithmetic_is_reported_and_the_arithmetic_kept(tmp_path: Path) -> None:
    # 合计 300 = 100 basic + 200 project: 201 can only be basic, 205 only project. 201's 100.00 is
    # printed under 项目支出.
    lines = expenditure_pdf(
        tmp_path,
        [
            ("", "合计", [(TOTAL_X, "300.00"), (BASIC_X, "100.00"), (PROJECT_X, "200.00")]),
            ("201", "一般公共服务支出", [(TOTAL_X, "100.00"), (PROJECT_X, "100.00")]),
            ("205", "教育支出", [(TOTAL_X, "200.00"), (PROJECT_X, "200.00")]),
        ],
    )
    table = parse_coded_table("expenditure", lines, "元")
    cells = cells_of(table)
    assert cells[("201", "basic")] == ("100.00", "arithmetic")
    assert ("201", "project") not in cells
    assert cells[("205", "project")] == ("200.00", "position")  # x and arithmetic agree
    assert [(issue.severity, issue.line_no, issue.issue) for issue in table.issues] == [
        ("warning", 3, "201 的数字按横向位置在 total、project 列，按算术在 total、basic 列，取算术结果")
    ]
    # The text of the same table: the same amounts by arithmetic alone, without the warning.
    from_text = parse_coded_table("expenditure", as_text(lines), "元")
    assert from_text.issues == []
    assert {key: amount for key, (amount, _) in cells_of(from_text).items()} == {key: amount for key, (amount, _) in cells.items()}


def test_a_wrapped_header_cell_and_a_page_without_a_header() -> None:
    # 事业单位 / 经营收入 wrapped over the lines around the header line; page 2 continues the table.
    columns = ("total", "fiscal_appropriation", "business", "operating", "other")
    body = [
        Line("事业单位", 1, 1, (668.0,)),
        Line("功能分类科目名称 合计 财政拨款收入 事业收入 其他收入", 2, 1, (260.0, 406.0, 499.0, 587.0, 747.0)),
        Line("经营收入", 3, 1, (668.0,)),
        Line("201 一般公共服务支出 10.00 10.00", 4, 1, (73.0, 207.0, 412.0, 507.0)),
        Line("208 社会保障和就业支出 10.00 10.00", 5, 2, (73.0, 207.0, 412.0, 507.0)),
        Line("210 卫生健康支出 5.00 1.00 1.00 1.00 2.00", 6, 3, (73.0, 196.0, 412.0, 507.0, 590.0, 672.0, 750.0)),
        Line("211 节能环保支出 5.00 1.00 1.00 1.00 2.00", 7, 4, (73.0, 196.0, 412.0, 590.0, 507.0, 672.0, 750.0)),
    ]
    grids = header_grids(body, columns)
    assert grids[1] == ColumnGrid((406.0, 499.0, 587.0, 668.0, 747.0))
    assert grids[2] == ColumnGrid(grids[1].centres, decisive=False)  # carried, nothing to check it by
    assert grids[3] == grids[1]  # carried and checked by a full row
    assert 4 not in grids  # a full row that does not fit: this page has another layout


def test_runs_give_the_positions_the_per_character_layout_gives() -> None:
    rng = random.Random(7)
    for _ in range(300):
        page = rng.choice([(0.0, 0.0, 842.0, 595.0), (12.5, -7.25, 600.75, 800.5)])
        chars = random_page_chars(rng, random_cells(rng, page))
        by_runs = run_page_lines_x(chars, page)
        by_chars = page_lines_x(page_raw_chars(chars), page)
        assert [text for text, _ in by_runs] == [text for text, _ in by_chars]
        for (text, xs), (_, reference) in zip(by_runs, by_chars, strict=True):
            assert len(xs) == len(text.split())
            assert xs == pytest.approx(reference, abs=1e-6)


def test_the_table_page_positions(tmp_path: Path) -> None:
    lines = read_pdf_document(write(tmp_path, "t.pdf", make_pdf([table_page(TABLE_RUNS)])))
    numbers = [xs[-1] for line in lines if (xs := line.token_x) and line.text[-1].isdigit()]
    assert numbers[0] == pytest.approx(560 + 18.35, abs=0.5)  # 234.00 at 560, 36.7 pt wide


def commerce_pdfs() -> list[Path | None]:
    directory = corpus_dir()
    return (sorted(directory.glob("putuo_commerce_*.pdf")) if directory.is_dir() else []) or [None]


CODED = ("income", "expenditure", "general_public", "government_fund", "state_capital", "basic_economic")


@pytest.mark.parametrize("pdf_path", commerce_pdfs(), ids=lambda p: p.stem if p else "no-corpus")
def test_blank_cell_rows_of_the_commerce_pdfs_are_placed_by_position(pdf_path: Path | None) -> None:
    if pdf_path is None:
        pytest.skip(f"no commerce PDF in {corpus_dir()}")
    document = parse_file(pdf_path)
    coded = [cell for cell in document.amounts if cell.table_key in CODED]
    assert coded and {cell.column_source for cell in coded} == {"position"}
    assert not [issue for issue in document.issues if "横向位置" in issue.issue]
    # Rows with blank cells are among them (合计 plus one of 基本/项目, of 人员/公用).
    for key, measures in (("expenditure", {"basic", "project"}), ("basic_economic", {"personnel", "public"})):
        per_row: dict[int, set[str]] = {}
        for cell in coded:
            if cell.table_key == key:
                per_row.setdefault(cell.line_no, set()).add(cell.measure)
        assert any(len(found & measures) == 1 for found in per_row.values())
    # The text twin decides the same cells by arithmetic.
    text_path = pdf_path.with_suffix(".txt")
    if text_path.exists():
        from ingest.parse.document import parse_document
        from ingest.readers.text import read_text_document

        from_text = parse_document(read_text_document(text_path), text_path.name, "")
        assert "arithmetic" in {cell.column_source for cell in from_text.amounts if cell.table_key in CODED}
