"""Printed variants of numbers and text encodings: read as the usual form, or reported, never dropped."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.model import IngestError
from ingest.numbers import normalise_printed_digits, parse_amount
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example_culture_2025_dept.txt"
AMOUNT_RE = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")
ROW_212 = "207 01 04 图书馆 5,544,507.40 5,544,507.40 0.00 0.00 0.00"

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")


def cells(path: Path) -> set[tuple[str, str, str, str, str, Decimal]]:
    doc = parse_file(path)
    return {(c.table_key, c.side, c.row_kind, c.code, c.measure, c.amount) for c in doc.amounts}


def projects(path: Path) -> list[Decimal | None]:
    return [project.amount for project in parse_file(path).projects]


def full_width(text: str) -> str:
    def widen(match: re.Match[str]) -> str:
        return match.group(0).replace(",", "，").replace(".", "．")

    text = AMOUNT_RE.sub(widen, text)
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def variant(tmp_path: Path, text: str, name: str = "variant.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_a_document_printed_in_full_width_digits_reads_as_the_original(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    widened = full_width(original)
    assert "５，５４４，５０７．４０" in widened
    path = variant(tmp_path, widened)
    assert cells(path) == cells(EXAMPLE)
    assert projects(path) == projects(EXAMPLE)


def test_utf16_text_with_a_byte_order_mark_reads_as_the_original(tmp_path: Path) -> None:
    path = variant(tmp_path, EXAMPLE.read_text(encoding="utf-8"), encoding="utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert cells(path) == cells(EXAMPLE)


def test_cells_carrying_the_table_unit_read_as_plain_cells(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    assert ROW_212 in original
    suffixed = ROW_212.split(" 图书馆 ")[0] + " 图书馆 " + " ".join(f"{n}元" for n in ROW_212.split(" 图书馆 ")[1].split())
    path = variant(tmp_path, original.replace(ROW_212, suffixed))
    assert cells(path) == cells(EXAMPLE)


@pytest.mark.parametrize(
    "changed",
    [
        "207 01 04 图书馆 5,544,507.40 5,544,507.40 0.00 0.00 0.00万元",  # a unit other than the table's
        "207 01 04 图书馆 5,544,507.40 5,544,507.4O 0.00 0.00 0.00",  # letter O for a zero
        "207 01 04 图书馆 5,544,507.40 5，544，507.40 0.00 0.00 0.00",  # half-converted separators
    ],
)
def test_a_row_that_cannot_be_read_is_reported_never_dropped_silently(tmp_path: Path, changed: str) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    line_no = original.splitlines().index(ROW_212) + 1
    doc = parse_file(variant(tmp_path, original.replace(ROW_212, changed)))
    loaded = [c for c in doc.amounts if c.code == "2070104" and c.table_key == "expenditure"]
    reported = [i for i in doc.issues if i.severity == "error" and i.line_no == line_no]
    assert reported or loaded, "the row is neither loaded nor reported"
    if loaded:
        # Loaded only if every figure was read as printed (the half-converted row), never from a fragment.
        assert {c.amount for c in loaded} >= {Decimal("5544507.40")}


def test_a_negative_printed_in_parentheses_is_read_as_negative(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    row = "207 01 12 文化和旅游市场管理 468,000.00 468,000.00 0.00 0.00 0.00"
    assert row in original
    line_no = original.splitlines().index(row) + 1
    changed = row.replace(" 0.00 0.00 0.00", " (60,000.00) 0.00 60,000.00")
    doc = parse_file(variant(tmp_path, original.replace(row, changed)))
    at_line = [c for c in doc.amounts if c.line_no == line_no]
    reported = [i for i in doc.issues if i.severity == "error" and i.line_no == line_no]
    assert reported or Decimal("-60000.00") in {c.amount for c in at_line}


@pytest.mark.parametrize(
    ("printed", "unit", "yuan"),
    [("(60,000.00)", "元", "-60000.00"), ("-60,000.00", "元", "-60000.00"), ("12.50元", "元", "12.50"),
     ("1.5万元", "万元", "15000.00"), ("(0.50)", "万元", "-5000.00")],
)
def test_printed_forms_of_amounts(printed: str, unit: str, yuan: str) -> None:
    assert parse_amount(printed, unit) == Decimal(yuan)


@pytest.mark.parametrize("printed", ["(2)", "(60,000.00", "12.50万元", "--5.00", "(-5.00)"])
def test_forms_that_are_not_amounts_of_a_yuan_table(printed: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(printed, "元")


def test_full_width_normalisation_leaves_titles_lists_and_periods_alone() -> None:
    assert normalise_printed_digits("4．2025年部门一般公共预算") == "4．2025年部门一般公共预算"
    assert normalise_printed_digits("（1）基本支出") == "(1)基本支出".replace("(", "（").replace(")", "）")
    assert normalise_printed_digits("实施期限2025－2027年") == "实施期限2025－2027年"
    assert normalise_printed_digits("合计 ５，５４４，５０７．４０ （６０，０００．００） －３．００") == (
        "合计 5,544,507.40 (60,000.00) -3.00"
    )


def test_a_document_whose_tables_hold_no_amount_is_a_failed_file(tmp_path: Path) -> None:
    blanked = AMOUNT_RE.sub("？", EXAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(IngestError, match="no table amount"):
        parse_file(variant(tmp_path, blanked))


def test_a_summary_table_cell_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    row = "一、财政拨款收入 24,577,270.08 一、文化旅游体育与传媒支出 20,491,401.92"
    assert row in original
    line_no = original.splitlines().index(row) + 1
    doc = parse_file(variant(tmp_path, original.replace(row, row.replace("20,491,401.92", "20,491,4O1.92"))))
    reported = [i for i in doc.issues if i.severity == "error" and i.line_no == line_no and i.table_key == "financial_summary"]
    loaded = [c for c in doc.amounts if c.line_no == line_no and c.side == "expenditure"]
    assert reported and not loaded, (reported, loaded)
