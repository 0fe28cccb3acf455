from ingest.model import Line
from ingest.parse.coded import ECONOMIC_SPEC, EXPENDITURE_SPEC, read_coded_rows
from ingest.parse.rows import normalise_row_text, read_code_prefix, split_trailing_numbers


def lines(*texts: str) -> list[Line]:
    return [Line(text, number) for number, text in enumerate(texts, start=1)]


def test_codes_printed_spaced_glued_or_with_a_short_kuan() -> None:
    assert read_code_prefix("208 01 01 行政运行 1 1", 7).code == "2080101"
    assert read_code_prefix("2080101 行政运行 1 1", 7).code == "2080101"
    assert read_code_prefix("208 01 人力资源 1", 7).code == "20801"
    short = read_code_prefix("301 2 津贴补贴 16,623,810", 5)
    assert short.code == "30102" and short.normalised_from == "301 2"


def test_a_row_of_numbers_is_not_mistaken_for_a_code() -> None:
    assert read_code_prefix("438,300 438,300", 7) is None
    assert read_code_prefix("12,030,000.00 12,030,000.00", 7) is None


def test_a_number_glued_to_the_next_label_is_split() -> None:
    assert normalise_row_text("一、一般公共预算资金 700,327,459.36一、教育支出 12,030,000.00") == (
        "一、一般公共预算资金 700,327,459.36 一、教育支出 12,030,000.00"
    )


def test_trailing_numbers_and_name() -> None:
    assert split_trailing_numbers("行政运行 17,887,739 17,737,739 150,000") == (
        "行政运行",
        ["17,887,739", "17,737,739", "150,000"],
    )


def test_a_name_wrapped_after_the_code_and_numbers_on_a_later_line() -> None:
    read = read_coded_rows(
        "income",
        lines("208 01 99 其他人力资源和社会保障管理事务支", "出", "", "43,704,550.25 43,704,550.25"),
        EXPENDITURE_SPEC,
    )
    (row,) = read.rows
    assert row.code == "2080199"
    assert row.name == "其他人力资源和社会保障管理事务支出"
    assert row.numbers == ["43,704,550.25", "43,704,550.25"]
    assert row.line.line_no == 4


def test_a_name_wrapped_around_the_code_line() -> None:
    read = read_coded_rows(
        "income",
        lines(
            "208 05 02 事业单位离退休 85,260 85,260",
            "机关事业单位基本养老保险缴费支",
            "208 05 05 4,412,547 4,412,547",
            "出",
            "208 05 06 机关事业单位职业年金缴费支出 2,206,272 2,206,272",
        ),
        EXPENDITURE_SPEC,
    )
    names = {row.code: row.name for row in read.rows}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert names["2080506"] == "机关事业单位职业年金缴费支出"


def test_header_lines_of_a_continuation_page_are_skipped_and_rows_without_numbers_kept() -> None:
    read = read_coded_rows(
        "basic_economic",
        lines(
            "项  目 一般公共预算基本支出",
            "经济分类科目名称 合计 人员经费 公用经费",
            "类 款",
            "301 11 公务员医疗补助缴费",
            "301 12 其他社会保障缴费 1,620,205.68 1,620,205.68",
        ),
        ECONOMIC_SPEC,
    )
    assert [(row.code, row.numbers) for row in read.rows] == [
        ("30111", []),
        ("30112", ["1,620,205.68", "1,620,205.68"]),
    ]


def test_a_misprinted_class_code_is_read_from_another_table_only_when_name_and_total_agree() -> None:
    from ingest.parse.coded import ClassHint

    hints = {"卫生健康支出": ClassHint("210", "3,216,973", "expenditure")}
    body = lines(
        "7 卫生健康支出 3,216,973 3,216,973",
        "210 11 行政事业单位医疗 3,216,973 3,216,973",
        "7 住房保障支出 9,364,732 9,364,732",
        "8 卫生健康支出 1,000 1,000",
    )
    read = read_coded_rows("income", body, EXPENDITURE_SPEC, hints)
    assert [row.code for row in read.rows] == ["210", "21011"]
    warnings = [issue for issue in read.issues if issue.severity == "warning"]
    assert len(warnings) == 1 and "“7”" in warnings[0].issue and "210" in warnings[0].issue
    errors = [issue.line_no for issue in read.issues if issue.severity == "error"]
    assert errors == [3, 4]  # a name no table prints, and a total that disagrees: reported, not guessed
