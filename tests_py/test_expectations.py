"""The Great Expectations suite at the ingest boundary passes on good raw data and names what is wrong."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.cli import main as ingest_main
from ingest.expectations import main as expectations_main
from ingest.expectations import validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example_culture_2025_dept.txt"


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EXAMPLE.exists():
        pytest.skip("bundled example not generated")
    raw = tmp_path_factory.mktemp("raw")
    assert ingest_main(["--jobs", "1", "--quiet", str(EXAMPLE), "--raw-dir", str(raw)]) == 0
    return raw


def rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    fieldnames = list(rows[0].keys())
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_raw(source: Path, target: Path) -> Path:
    for folder in ("seeds", "amounts"):
        (target / folder).mkdir(parents=True)
        for file in (source / folder).glob("*.csv"):
            (target / folder / file.name).write_bytes(file.read_bytes())
    (target / "combined.json").write_bytes((source / "combined.json").read_bytes())
    return target


def test_clean_raw_data_meets_every_expectation(raw_dir: Path) -> None:
    assert validate(raw_dir) == []


def test_bad_amounts_codes_duplicates_and_orphans_are_each_named(raw_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_dir, tmp_path / "raw")

    def spoil_amounts(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        rows[0]["amount"] = "(5.00)"
        rows[1]["amount"] = "12.345"
        rows[2]["printed_unit"] = "千元"
        return rows + [dict(rows[3])]

    def orphan_code(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        item = next(r for r in rows if r["level"] == "项")
        item["parent_code"] = "99999"
        return rows

    rewrite(raw / "amounts" / "raw_amounts.csv", spoil_amounts)
    rewrite(raw / "seeds" / "raw_function_codes.csv", orphan_code)
    failures = {(f.file, f.expectation, f.column) for f in validate(raw, tmp_path / "docs")}
    assert ("raw_amounts.csv", "expect_column_values_to_match_regex", "amount") in failures
    page = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    assert f"{len(failures)} failed" in page and page.count("<tr class='bad'>") == len(failures)
    assert ("raw_amounts.csv", "expect_column_values_to_be_in_set", "printed_unit") in failures
    assert any(f[0] == "raw_amounts.csv" and f[1] == "expect_compound_columns_to_be_unique" for f in failures)
    assert ("raw_function_codes.csv", "expect_column_values_to_be_in_set", "parent_printed") in failures


def test_a_document_missing_a_table_without_explanation_fails(raw_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_dir, tmp_path / "raw")
    rewrite(raw / "seeds" / "raw_tables.csv", lambda rows: rows[:-1])
    failures = {(f.file, f.column) for f in validate(raw)}
    assert ("table_counts.csv", "count_matches_template") in failures


def test_the_corpus_raw_csvs_meet_every_expectation_before_dbt_runs(pipeline) -> None:
    assert pipeline.expectations.returncode == 0, pipeline.expectations.summary()
    assert "0 failed" in pipeline.expectations.stdout
    page = pipeline.warehouse.parent / "gx" / "index.html"
    assert page.is_file(), "the expectations summary page was not written"
    text = page.read_text(encoding="utf-8")
    # Readable offline: nothing is loaded from the network, and every raw file's results are on the page.
    assert "http://" not in text and "https://" not in text and "<script" not in text
    assert "raw_amounts.csv" in text and "raw_documents.csv" in text and " 0 failed" in text


def test_negative_amounts_as_the_ingest_stores_them_are_valid(raw_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_dir, tmp_path / "raw")

    def negative(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        rows[0]["amount"] = "-60000.00"
        return rows

    rewrite(raw / "amounts" / "raw_amounts.csv", negative)
    assert validate(raw) == []


def test_combined_files_from_different_sets_of_documents_fail(raw_dir: Path, tmp_path: Path) -> None:
    """As a full disk between two renames would leave them: a document listed, its amounts absent."""
    raw = copy_raw(raw_dir, tmp_path / "raw")
    rewrite(raw / "amounts" / "raw_amounts.csv", lambda rows: [])
    failures = [f for f in validate(raw) if f.file == "combined_rows.csv"]
    assert failures and "raw_amounts.csv: document" in failures[0].examples[0], failures


DAMAGES = {"zero bytes": lambda content: b"", "other header": lambda content: b"a,b\n1,2\n",
           "not utf-8": lambda content: "预算".encode("gb18030") + b"\n"}


def check_in_process(raw: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = expectations_main(["--raw-dir", str(raw)])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_an_emptied_or_damaged_raw_file_is_one_line_naming_it(raw_dir: Path, tmp_path: Path, damage: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    raw = copy_raw(raw_dir, tmp_path / "raw")
    for path in [*sorted(raw.glob("*/*.csv")), raw / "combined.json"]:
        content = path.read_bytes()
        path.write_bytes(DAMAGES[damage](content))
        code, lines = check_in_process(raw, capsys)
        assert code == 1 and len(lines) == 1 and lines[0].startswith(f"expectation failed: {path}: "), lines
        path.write_bytes(content)


def test_a_raw_file_emptied_to_its_header_fails_on_the_rows_it_lost(raw_dir: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    raw = copy_raw(raw_dir, tmp_path / "raw")
    amounts = raw / "amounts" / "raw_amounts.csv"
    amounts.write_bytes(amounts.read_bytes().split(b"\n", 1)[0] + b"\n")
    code, lines = check_in_process(raw, capsys)
    assert code == 1 and any("raw_amounts.csv: document" in line and "has 0 rows, the manifest" in line
                             for line in lines), lines
