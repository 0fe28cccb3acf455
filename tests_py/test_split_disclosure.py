"""A disclosure published as two files (a narrative whose tables are "附后", and a table file) is one
document with both source_files, whichever order and whichever runs they come in (issue #9); and the
tables read by label (收支预算总表 side by side, 收入预算总表 by source group) on minimal inputs."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_dir
from ingest import templates
from ingest.model import IngestError, Line
from ingest.parse.document import parse_document
from ingest.parse.labelled import parse_side_by_side, parse_source_groups
from ingest.pipeline import body_key, ingest

NARRATIVE = "jiangsu_partyoffice_2017_dept.txt"
TABLES = "jiangsu_partyoffice_2017_tables.txt"
JIANGSU = templates.family("jiangsu_budget")


def corpus_file(name: str) -> Path:
    path = corpus_dir() / "jiangsu" / name
    if not path.exists():
        pytest.skip(f"no Jiangsu corpus at {path.parent}")
    return path


def stored_documents(raw: Path) -> list[dict[str, str]]:
    with (raw / "seeds" / "raw_documents.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def lines_of(text: str) -> list[Line]:
    return [Line(line, number) for number, line in enumerate(text.splitlines(), start=1)]


@pytest.mark.parametrize("order", [(NARRATIVE, TABLES), (TABLES, NARRATIVE)], ids=["narrative_first", "tables_first"])
def test_both_files_in_one_run_are_one_document(tmp_path: Path, order: tuple[str, str]):
    run = ingest([corpus_file(name) for name in order], tmp_path / "raw", jobs=1)
    assert run.failures == 0
    assert len(run.stored) == 1
    joined = [outcome for outcome in run.outcomes if outcome.joined_to]
    assert [outcome.path.name for outcome in joined] == [NARRATIVE]
    (document,) = stored_documents(tmp_path / "raw")
    assert document["source_file"] == TABLES
    assert document["source_files"].split("|") == sorted([NARRATIVE, TABLES])
    assert document["department_name"] == "中国共产党江苏省委员会办公厅"
    assert joined[0].joined_to == document["document_id"] == run.stored[0].summary.document_id


def test_the_narrative_joins_the_table_document_stored_by_an_earlier_run(tmp_path: Path):
    raw = tmp_path / "raw"
    first = ingest([corpus_file(TABLES)], raw, jobs=1)
    (alone,) = stored_documents(raw)
    assert alone["source_files"] == TABLES
    second = ingest([corpus_file(NARRATIVE)], raw, jobs=1)
    assert second.failures == 0 and second.outcomes[0].joined_to == first.stored[0].summary.document_id
    (joined,) = stored_documents(raw)
    assert joined["document_id"] == alone["document_id"]
    assert joined["source_files"].split("|") == sorted([NARRATIVE, TABLES])
    # The table file stored again (a new edition) keeps the narrative joined in the earlier run.
    third = ingest([corpus_file(TABLES.replace(".txt", ".pdf"))], raw, jobs=1)
    assert third.failures == 0
    (again,) = stored_documents(raw)
    assert again["document_id"] == alone["document_id"]
    assert again["source_files"].split("|") == sorted([NARRATIVE, TABLES.replace(".txt", ".pdf")])


def test_a_narrative_without_its_table_file_is_said_to_be_one_and_nothing_is_stored(tmp_path: Path):
    raw = tmp_path / "raw"
    run = ingest([corpus_file(NARRATIVE)], raw, jobs=1)
    assert run.failures == 1 and not run.stored
    message = run.outcomes[0].error
    assert "narrative" in message and "附后" in message and "ingest it with its table file" in message
    assert "unsupported layout" not in message and "shanghai" not in message
    assert not [d for d in (raw / "docs").iterdir() if not d.name.startswith(".")] if (raw / "docs").exists() else True


def test_the_narrative_is_read_as_such_with_the_body_named_on_its_cover():
    path = corpus_file(NARRATIVE)
    lines = [Line(text, number) for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
    doc = parse_document(lines, path.name, "0" * 64)
    assert doc.tables_elsewhere and doc.template == "jiangsu_budget" and not doc.amounts
    assert (doc.meta.region, doc.meta.department_name, doc.meta.fiscal_year) == ("江苏省", "江苏省委办公厅", 2017)


def test_a_table_of_contents_of_jiangsu_titles_without_tables_names_jiangsu_as_the_closest_template():
    """No "附后": not a narrative of a split disclosure, but the unsupported layout names the family whose
    titles it lists, not the first registered one."""
    text = "\n".join([
        "江苏省某厅 2019 年度部门预算", "目 录",
        "一、收支预算总表", "二、收入预算总表", "三、支出预算总表", "四、财政拨款收支预算总表",
        "五、财政拨款支出预算表", "六、财政拨款基本支出预算表", "七、一般公共预算支出预算表",
        "第一部分 部门概况", "正文。",
        "一般公共预算“三公”经费、会议费、培训费支出预算表", "单位：万元", "合计 1.00",
    ])
    with pytest.raises(IngestError) as raised:
        parse_document(lines_of(text), "toc.txt", "0" * 64)
    assert "closest template: jiangsu_budget" in str(raised.value)


def test_a_body_and_its_short_name_are_the_same_body():
    assert body_key("中国共产党江苏省委员会办公厅") == body_key("江苏省委办公厅")
    assert body_key("江苏省人民政府办公厅") == body_key("江苏省政府办公厅")
    assert body_key("江苏省人民检察院") != body_key("江苏省高级人民法院")


# --------------------------------------------------------------------------- tables read by label


SIDE_BY_SIDE = """部门：某省某厅 单位：万元
收入 支出
功能分类 支出用途
项目名称 金额
功能科目名称 金额 项目名称 金额
一、财政拨款 300.00 一、一般公共服务支出 一、基本支出 190.00
1.一般公共预算 300.00 二、外交支出 二、项目支出 100.00
三、单位预留机动经
2.政府性基金预算 三、国防支出 20.00
费
二、财政专户管理资金 10.00 四、公共安全支出 250.00
三、其他资金 五、住房保障支出 60.00
当年收入小计 310.00 当年支出小计 310.00
上年结转资金 结转下年资金
收入合计 310.00 支出合计 310.00"""


def test_a_side_by_side_summary_from_text_places_a_number_under_a_wrapped_label_by_the_column_sums():
    """Text only: 20.00 follows 三、国防支出 but belongs to 单位预留机动经费 (wrapped around that line): only that
    move makes both expenditure columns add up to 当年支出小计 310.00."""
    spec = JIANGSU.table("financial_summary")
    read = parse_side_by_side(spec, lines_of(SIDE_BY_SIDE), "万元", {"公共安全支出": "204", "住房保障支出": "221"})
    got = {(cell.side, cell.row_kind, cell.code, cell.measure): cell.amount for cell in read.cells}
    assert got[("expenditure", "item", "", "reserve")] == Decimal("200000.00")
    assert got[("expenditure", "item", "", "basic")] == Decimal("1900000.00")
    assert got[("expenditure", "item", "204", "total")] == Decimal("2500000.00")
    assert got[("income", "item", "", "special_account")] == Decimal("100000.00")
    assert got[("income", "total", "", "current_year")] == Decimal("3100000.00")
    assert not [cell for cell in read.cells if "国防" in cell.row_label]
    assert not read.issues


def test_a_side_by_side_summary_whose_columns_cannot_be_made_to_add_up_is_not_loaded():
    spec = JIANGSU.table("financial_summary")
    broken = SIDE_BY_SIDE.replace("一、基本支出 190.00", "一、基本支出 170.00")
    read = parse_side_by_side(spec, lines_of(broken), "万元", {"公共安全支出": "204", "住房保障支出": "221"})
    assert not [cell for cell in read.cells if cell.measure in ("basic", "project", "reserve")]
    assert "summary_ambiguous" in {issue.code for issue in read.issues}


def test_the_income_table_by_source_group_takes_each_groups_subtotal():
    text = """部门：某省某厅
单位：万元
项目名称 金额
收入总计
310.00
小计
300.00
一般公共预算资金 公共财政拨款(补助)资金
300.00
专项收入
政府性基金 小计
小计
10.00
财政专户管理资金 专户管理教育收费
其他非税收入
10.00
小计
事业收入
其他资金 经营收入
小计
上年结转和结余资金
其中：动用上年结转和结余资金"""
    read = parse_source_groups(JIANGSU.table("income_sources"), lines_of(text), "万元")
    got = {(cell.row_kind, cell.measure): cell.amount for cell in read.cells}
    assert got == {
        ("total", "total"): Decimal("3100000.00"),
        ("item", "general_public"): Decimal("3000000.00"),
        ("item", "special_account"): Decimal("100000.00"),
    }


def test_numbers_on_the_line_after_their_labels_go_to_them_in_order():
    """Text only: ``收入合计 支出合计`` then ``300.00 280.00`` on the next line."""
    text = """项目名称 金额 项目名称 金额
一、一般公共预算 300.00 一、基本支出 200.00
二、政府性基金预算 二、项目支出 80.00
收入合计 支出合计
300.00 280.00"""
    read = parse_side_by_side(JIANGSU.table("fiscal_summary"), lines_of(text), "万元", {})
    totals = {cell.side: cell.amount for cell in read.cells if cell.row_kind == "total"}
    assert totals == {"income": Decimal("3000000.00"), "expenditure": Decimal("2800000.00")}


def test_a_store_written_before_source_files_existed_is_brought_up_to_date(tmp_path: Path):
    """A document stored by an older ingest (raw_documents without source_files) is not taken for a torn
    file and dropped: the next ingest adds the column (its value: the one source file)."""
    raw = tmp_path / "raw"
    ingest([corpus_file(TABLES)], raw, jobs=1)
    (folder,) = [d for d in (raw / "docs").iterdir() if not d.name.startswith(".")]
    for path in (folder / "raw_documents.csv", *folder.glob("parts/*/raw_documents.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        path.write_text("".join(",".join(row[:-1]) + "\n" for row in rows), encoding="utf-8")
    run = ingest([corpus_file(NARRATIVE)], raw, jobs=1)
    assert run.failures == 0
    (document,) = stored_documents(raw)
    assert document["source_files"].split("|") == sorted([NARRATIVE, TABLES])
