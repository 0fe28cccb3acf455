"""Every self-inconsistency of the development corpus (expected/<doc>.json, `self_inconsistencies`) that
concerns figures, names or years is in fct_finding for its document, with both figures; and nothing
else in the corpus is reported at error level (what the expected `notes` call consistent stays quiet).

Each expected entry is recognised by a marker (a phrase of its text) and mapped to the findings that must
report it; an entry that is only qualitative (wording, not figures/names/years) is listed as such, with the
reason. An entry no mapping recognises fails the test, so a new corpus entry has to be mapped here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLES_DIR, corpus_dir


@dataclass(frozen=True)
class Wanted:
    """A finding that must be in fct_finding: check, code (None: any), severity and both figures/texts.
    `actual` may be a fragment of the actual text (e.g. a printed figure inside a longer text)."""

    check_id: str
    severity: str
    expected: str
    actual: str
    code: str | None = None
    table_name: str | None = None


@dataclass(frozen=True)
class Entry:
    marker: str  # a phrase of the expected entry's text
    findings: tuple[Wanted, ...] = ()
    qualitative: str = ""  # why the entry needs no finding (not about figures, names or years)


ENTRIES: dict[str, tuple[Entry, ...]] = {
    "putuo_commerce_2025_dept": (
        Entry("24,558.18", (Wanted("N02", "error", "244917100.00", "245581800.00"),
                            Wanted("N07", "warning", "预算", "预算执行数"))),
    ),
    "putuo_commerce_2025_unit": (
        Entry("24,558.18", (Wanted("N02", "error", "244917100.00", "245581800.00"),
                            Wanted("N07", "warning", "预算", "预算执行数"))),
    ),
    "putuo_wanli_2023_dept": (
        Entry("政府性基金拨款支出预算0万元", (Wanted("N04", "error", "0.00", "14212500.00"),
                                    Wanted("N03", "error", "14212500.00", "28425000.00"))),
        Entry("item 16", (Wanted("N10", "error", "2206300.00", "4412500.00", code="2080506"),
                          Wanted("N06", "error", "66.40%", "60.54%", code="2080506"))),
        Entry("item 3", (Wanted("N06", "error", "289.12%", "314.82%", code="2012902"),)),
        Entry("3,328.13", (Wanted("P06", "error", "33513343.00", "33281300.00"),)),
        Entry("11,419,043.00", (Wanted("P07", "error", "10903043.00", "11419043.00"),)),
    ),
    "putuo_wanli_2024_dept": (
        Entry("故本表为空表", (Wanted("M03", "error", "空表", "479100.00", table_name="three_public"),)),
        Entry("item 31", (Wanted("N10", "error", "3503500.00", "3526700.00", code="2210201"),)),
        Entry("item 4", (Wanted("N20", "warning", "减少", "宣传事务一般行政管理事务经费增加", code="2013302"),),
              qualitative="the stated reason contradicts the direction (reported as a warning, N20)"),
    ),
    "putuo_wanli_2025_dept": (
        Entry("21201", tuple(Wanted("H02", "error", "94995789.00", "94995790.00", code="21201", table_name=table)
                             for table in ("income", "expenditure", "general_public"))
              + (Wanted("R02", "error", "94995789.00", "94995790.00", code="21201"),
                 Wanted("R03", "error", "94995789.00", "94995790.00", code="21201"),
                 Wanted("H01", "error", "154369327.00", "154369326.00", code="212"))),
        Entry("item 21", (Wanted("N11", "error", "计划生育事务", "卫生健康支出", code="21007"),
                          Wanted("N11", "error", "计划生育服务", "计划生育事务", code="2100717"))),
    ),
    "songjiang_hrss_2024_dept": (
        Entry("item 4", (Wanted("N09", "error", "26803857.43", "27283900.00", code="2080102"),
                         Wanted("N13", "error", "700327500.00", "700807500.00"))),
        Entry("item 10", (Wanted("N09", "info", "43704550.25", "43704500.00", code="2080199"),)),
        Entry("item 5", qualitative="basic vs project wording; the amount matches the tables"),
        Entry("294.4044.00", (Wanted("P04", "warning", "2944044.00", "294.4044.00元"),)),
    ),
}


def expected_files() -> list[Path]:
    directory = corpus_dir() / "expected"
    return sorted(directory.glob("*.json")) if directory.is_dir() else []


def document_id(con: duckdb.DuckDBPyConnection, document: dict) -> str:
    rows = con.execute(
        "select document_id from dim_document where region = ? and department_name = ? and scope = ? and fiscal_year = ?",
        [document["region"], document["department_name"], document["scope"], document["fiscal_year"]],
    ).fetchall()
    assert len(rows) == 1, (document, rows)
    return rows[0][0]


def findings_of(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[tuple]:
    return con.execute(
        """select check_id, severity, code, table_name, expected, actual, message from fct_finding
           where document_id = ?""", [doc_id]).fetchall()


def matches(wanted: Wanted, row: tuple) -> bool:
    check, severity, code, table_name, expected, actual, _ = row
    return (check == wanted.check_id and severity == wanted.severity and expected == wanted.expected
            and wanted.actual in (actual or "") and (wanted.code is None or code == wanted.code)
            and (wanted.table_name is None or table_name == wanted.table_name))


def entries_for(doc_key: str, inconsistencies: list[str]) -> list[tuple[str, Entry]]:
    mapped = []
    for text in inconsistencies:
        found = [entry for entry in ENTRIES.get(doc_key, ()) if entry.marker in text]
        assert len(found) == 1, f"{doc_key}: no single mapping for self-inconsistency {text!r} (add one to ENTRIES)"
        mapped.append((text, found[0]))
    return mapped


def corpus_params() -> list:
    files = expected_files()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"corpus not found at {corpus_dir()}"))]
    return [pytest.param(path, id=path.stem) for path in files]


@pytest.mark.parametrize("expected_path", corpus_params())
def test_every_self_inconsistency_is_a_finding_with_both_figures(warehouse: duckdb.DuckDBPyConnection,
                                                                  expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    rows = findings_of(warehouse, document_id(warehouse, expected["document"]))
    problems = []
    for text, entry in entries_for(expected_path.stem, expected["self_inconsistencies"]):
        for wanted in entry.findings:
            if not any(matches(wanted, row) for row in rows):
                problems.append(f"missing {wanted} for: {text[:120]}")
    found = "\n".join(f"  {row[0]} {row[1]} {row[2]} {row[4]} | {row[5]}" for row in rows)
    assert not problems, "\n".join(problems) + f"\nfindings of the document:\n{found}"


@pytest.mark.parametrize("expected_path", corpus_params())
def test_nothing_else_is_reported_at_error_level(warehouse: duckdb.DuckDBPyConnection, expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    wanted = [w for entry in ENTRIES.get(expected_path.stem, ()) for w in entry.findings if w.severity == "error"]
    errors = [row for row in findings_of(warehouse, document_id(warehouse, expected["document"])) if row[1] == "error"]
    unexplained = [row[6] for row in errors if not any(matches(w, row) for w in wanted)]
    assert not unexplained, "\n".join(unexplained)


def test_narrative_figure_findings_state_the_printed_precision(warehouse: duckdb.DuckDBPyConnection) -> None:
    """A figure written in words is compared within its printed precision, and the message says which."""
    rows = warehouse.execute(
        "select message from fct_finding where check_id in ('N01', 'N09', 'N14', 'N15', 'D02', 'D03')"
    ).fetchall()
    if not rows:
        pytest.skip("no narrative-vs-table finding in this corpus")
    assert all("印刷精度 ±" in message for (message,) in rows), rows


def test_message_figures_carry_their_unit(warehouse: duckdb.DuckDBPyConnection) -> None:
    """Every amount a finding's message or detail gives has its unit (元 / 万元; or %), so a reader can find it in
    the document; a 万元 document's messages give no yuan figure at all. Quoted printed text (“294.4044.00元”)
    is the document's own and left out."""
    rows = warehouse.execute(
        """select f.check_id, d.amount_unit, f.message, coalesce(f.detail, '') from fct_finding as f
           inner join dim_document as d on f.document_id = d.document_id"""
    ).fetchall()
    if not rows:
        pytest.skip("no finding in this corpus")
    problems = []
    for check_id, document_unit, message, detail in rows:
        for text, yuan_allowed in ((message, document_unit != "万元"), (detail, True)):
            for figure, unit in re.findall(r"(-?\d[\d,]*\.\d+)(万元|%|元)?", re.sub(r"“[^”]*”", "", text)):
                if not unit or (unit == "元" and not yuan_allowed):
                    problems.append((check_id, figure + unit, text))
    assert problems == [], problems


def test_the_bundled_example_has_no_error_or_warning(warehouse: duckdb.DuckDBPyConnection) -> None:
    """Nothing but the final account's one deliberate narrative mistake (examples/generate_final.py), which
    is reported (F04) and acknowledged."""
    examples = [path.name for path in EXAMPLES_DIR.glob("*.txt")]
    rows = warehouse.execute(
        """select f.check_id, f.code, f.acknowledged, f.message from fct_finding f join dim_document d using (document_id)
           where d.source_file in (select unnest(?)) and f.severity in ('error', 'warning')""", [examples]
    ).fetchall()
    assert [(check, code, acknowledged) for check, code, acknowledged, _ in rows] == [("F04", "2070112", True)], rows


def test_narrative_facts_are_loaded_with_provenance(warehouse: duckdb.DuckDBPyConnection) -> None:
    if not expected_files():
        pytest.skip("corpus absent")
    rows = warehouse.execute(
        """select d.source_file, count(*) filter (where n.topic = 'item'),
                  count(*) filter (where n.topic = 'item' and n.function_code is not null),
                  count(*) filter (where n.line_no is null or n.source_text is null or n.source_text = '')
           from fct_narrative_fact n join dim_document d using (document_id) group by 1"""
    ).fetchall()
    by_file = {row[0]: row[1:] for row in rows}
    for path in expected_files():
        items, resolved, without_provenance = by_file.get(f"{path.stem}.txt", (0, 0, 0))
        assert items > 0 and resolved == items, (path.stem, items, resolved)
        assert without_provenance == 0, path.stem
