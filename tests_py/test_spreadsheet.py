"""Files for people neutralise formula-like text; the raw CSVs (dbt's input) keep the text as printed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.spreadsheet import neutralise, write_csv_for_people
from ingest.writer import render_csv


@pytest.mark.parametrize("text", ["=1+1", "+86 21", "-详见附件", "@SUM(A1)", "\t=cmd", "=HYPERLINK(\"x\")"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["合计", "207 文化", "", Decimal("-60000.00"), 3, None])
def test_other_values_and_numbers_are_unchanged(value: object) -> None:
    assert neutralise(value) == value


def test_a_csv_for_people_has_a_bom_neutralised_text_and_plain_numbers(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_csv_for_people(path, ["项目", "金额"], [["=合计", Decimal("-60000.00")], ["图书馆", Decimal("1.50")]]) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [["项目", "金额"], ["'=合计", "-60000.00"], ["图书馆", "1.50"]]


def test_the_raw_csvs_keep_the_text_as_printed() -> None:
    assert render_csv(["row_label"], [["=合计"]]) == "row_label\n=合计\n"
