"""N16 on the Jiangsu narrative, end to end on edited copies of the corpus .txt twins: the 政府采购 total is
compared with the sum of the parts its '其中' prints, whatever subset of 货物 / 工程 / 服务 the statement lists.

* the procuratorate 2019 prints only 货物 and 服务: its total edited 2744.84 → 2754.84 is an N16 error naming
  both figures (before, N16 required all three parts and never ran on this document);
* the court 2018 prints all three: its 工程 clause reworded so the parser cannot read it makes the sum of the
  two read parts differ from the total, and that is a gap in our reading (I01 under procurement_parts, the N16
  finding "not checked"), never the document's error.

Both copies are ingested into one raw directory and built once (seeds and models, no tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, corpus_dir, run_step

PROCURATORATE = "jiangsu_procuratorate_2019_dept.txt"
COURT = "jiangsu_court_2018_dept.txt"
# (file, printed text, replacement): each must occur exactly once in its file.
EDITS = (
    (PROCURATORATE, "政府采购支出预算总额2744.84万元", "政府采购支出预算总额2754.84万元"),
    (COURT, "拟购买工程 539 万元", "拟购买工程类项目 539 万元"),
)


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    sources = corpus_dir() / "jiangsu"
    if not all((sources / name).exists() for name, _, _ in EDITS):
        pytest.skip(f"no Jiangsu corpus at {sources}")
    tmp = tmp_path_factory.mktemp("jiangsu_mutated")
    documents = tmp / "documents"
    documents.mkdir()
    for name, printed, replacement in EDITS:
        text = (sources / name).read_text(encoding="utf-8")
        assert text.count(printed) == 1, (name, printed)
        (documents / name).write_text(text.replace(printed, replacement), encoding="utf-8")
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(tmp / "raw"),
        "BUDGET_WAREHOUSE": str(tmp / "w.duckdb"),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    ingest = run_step([sys.executable, "-m", "ingest", "--quiet", str(documents)], env)
    dbt = Path(sys.executable).with_name("dbt")
    build = run_step([str(dbt), "build", "--select", "resource_type:seed resource_type:model",
                      "--indirect-selection", "empty",
                      "--profiles-dir", str(PROJECT_ROOT), "--project-dir", str(PROJECT_ROOT)], env)
    warehouse = tmp / "w.duckdb"
    if not warehouse.exists() or build.returncode != 0:
        pytest.fail(f"the edited documents did not build\n\n{ingest.summary()}\n\n{build.summary()}", pytrace=False)
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def findings(con: duckdb.DuckDBPyConnection, department: str, check_id: str) -> list[tuple]:
    return con.execute(
        """select severity, finding_kind, table_name, expected, actual, message, line_no from fct_finding
           where check_id = ? and document_id in (select document_id from dim_document where department_name = ?)""",
        [check_id, department],
    ).fetchall()


def test_a_total_edited_in_a_two_part_statement_is_an_n16_error_naming_both_figures(mutated) -> None:
    rows = findings(mutated, "江苏省人民检察院", "N16")
    assert len(rows) == 1, rows
    severity, kind, table_name, expected, actual, message, line_no = rows[0]
    assert (severity, kind, table_name, expected, actual) == (
        "error", "document_error", "other_information", "27448400.00", "27548400.00")
    assert "2754.84万元" in message and "2744.84" in message, message
    # the parts the statement prints, named in the part of the document's own template
    assert "货物 + 服务" in message and "工程" not in message, message
    assert "部门预算情况说明" in message and "其他相关情况说明" not in message, message
    assert line_no and line_no > 0


def test_a_part_printed_but_not_read_makes_n16_not_checked(mutated) -> None:
    gaps = findings(mutated, "江苏省高级人民法院", "I01")
    assert [(row[2], row[0]) for row in gaps if row[2] == "procurement_parts"] == [("procurement_parts", "warning")], gaps
    rows = findings(mutated, "江苏省高级人民法院", "N16")
    assert len(rows) == 1, rows
    severity, kind, _, expected, actual, _, _ = rows[0]
    # 货物 962.86 + 服务 3139.76 of a 4641.62 total: our reading's gap, not the document's error
    assert (kind, severity, expected, actual) == ("parse_gap", "warning", "41026200.00", "46416200.00")
    assert mutated.execute(
        "select count(*) from fct_finding where finding_kind = 'document_error' and check_id = 'N16' "
        "and document_id in (select document_id from dim_document where department_name = '江苏省高级人民法院')"
    ).fetchone()[0] == 0
