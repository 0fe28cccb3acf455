"""End to end: the real ingest and dbt build over the corpus (and the bundled example), compared with
the hand-checked expected facts, one test per (document, aspect) so a failure names both.

Run: .venv/bin/python -m pytest tests_py/test_corpus_e2e.py  (BUDGET_CORPUS overrides the corpus)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLES_DIR, PipelineRun, corpus_dir

CENT = Decimal("0.01")

# The contract's public tables and the columns the comparisons (and dashboards) rely on.
CONTRACT_COLUMNS: dict[str, dict[str, str | None]] = {
    "dim_document": {"document_id": None, "region": "VARCHAR", "department_name": "VARCHAR",
                     "scope": "VARCHAR", "fiscal_year": None, "kind": "VARCHAR",
                     "amount_unit": "VARCHAR", "source_file": "VARCHAR"},
    "dim_function": {"function_code": "VARCHAR", "level": "VARCHAR", "function_name": "VARCHAR",
                     "parent_code": "VARCHAR"},
    "dim_economic": {"economic_code": "VARCHAR", "level": "VARCHAR", "economic_name": "VARCHAR",
                     "parent_code": "VARCHAR"},
    "dim_code_as_printed": {"document_id": None, "classification": "VARCHAR", "code": "VARCHAR",
                            "printed_name": "VARCHAR"},
    "fct_expenditure": {"document_id": None, "function_code": "VARCHAR", "fund_type": "VARCHAR",
                        "expenditure_type": "VARCHAR", "amount": "DECIMAL(18,2)"},
    "fct_income": {"document_id": None, "function_code": "VARCHAR", "income_source": "VARCHAR",
                   "amount": "DECIMAL(18,2)"},
    "fct_basic_economic": {"document_id": None, "economic_code": "VARCHAR", "cost_type": "VARCHAR",
                           "amount": "DECIMAL(18,2)"},
    "fct_three_public": {"document_id": None, "item": "VARCHAR", "amount": "DECIMAL(18,2)"},
    "dim_project": {"project_id": None, "document_id": None, "project_name": "VARCHAR",
                    "implementing_unit": "VARCHAR", "amount": "DECIMAL(18,2)"},
    "fct_finding": {"document_id": None, "check_id": None, "severity": "VARCHAR", "table_name": None,
                    "code": "VARCHAR", "measure": None, "expected": None, "actual": None,
                    "message": "VARCHAR"},
}

ASPECTS = ("document", "expenditure", "income", "basic_economic", "three_public",
           "function_names", "economic_names", "projects")


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    doc_key: str
    expected_path: Path

    def expected(self) -> dict:
        return json.loads(self.expected_path.read_text(encoding="utf-8"))


# Known gaps of the parser, stated openly. strict=True: the day a gap closes, the test says so.
KNOWN_GAPS: dict[tuple[str, str], pytest.MarkDecorator] = {}


def corpus_cases() -> list:
    directory = corpus_dir() / "expected"
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not paths:
        reason = (f"corpus not found at {corpus_dir()} (expected/*.json); "
                  "set BUDGET_CORPUS to the folder holding the corpus .txt files and expected/")
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="corpus-absent")]
    return [Case(p.stem, p) for p in paths]


def example_cases() -> list[Case]:
    # the example's final account has its own facts format and test (tests_py/test_final_account.py)
    return [Case(p.stem, p) for p in sorted((EXAMPLES_DIR / "expected").glob("*.json"))
            if json.loads(p.read_text(encoding="utf-8"))["document"]["kind"] == "budget"]


def case_aspects() -> Iterator:
    for case in [*corpus_cases(), *example_cases()]:
        if not isinstance(case, Case):  # the corpus-absent placeholder
            yield pytest.param(None, None, marks=case.marks, id=case.id)
            continue
        for aspect in ASPECTS:
            marks = KNOWN_GAPS.get((case.doc_key, aspect), ())
            yield pytest.param(case, aspect, id=f"{case.doc_key}-{aspect}", marks=marks)


# --------------------------------------------------------------------------- warehouse access


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}


def require_tables(con: duckdb.DuckDBPyConnection, pipeline: PipelineRun, *tables: str) -> None:
    missing = sorted(set(tables) - existing_tables(con))
    if missing:
        pytest.fail(f"marts missing from the warehouse: {missing}\n\n{pipeline.report()}", pytrace=False)


def money(value: object) -> str:
    """Amounts as two-decimal strings, whatever numeric type the mart returned (NULL shown as such)."""
    if value is None:
        return "NULL"
    return f"{Decimal(str(value)).quantize(CENT)}"


def query(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


# --------------------------------------------------------------------------- comparison


def show(row: Sequence[str]) -> str:
    # ' | ' keeps empty names visible; rows read like the expected file's lists.
    return " | ".join(field if field != "" else "''" for field in row)


def describe_diff(label: str, expected: Iterable[Sequence[str]], actual: Iterable[Sequence[str]]) -> str:
    """Multiset comparison: '' when equal, else the missing / unexpected rows, pairing those whose
    non-amount columns agree so that a wrong amount reads as one line."""
    want = Counter(tuple(row) for row in expected)
    got = Counter(tuple(row) for row in actual)
    if want == got:
        return ""
    missing = sorted((want - got).elements())
    unexpected = sorted((got - want).elements())
    by_key: dict[tuple, list[tuple]] = {}
    for row in unexpected:
        by_key.setdefault(row[:-1], []).append(row)
    wrong_amount, only_missing = [], []
    for row in missing:
        candidates = by_key.get(row[:-1])
        if candidates:
            wrong_amount.append(f"    {show(row[:-1])}: expected {row[-1]}, warehouse {candidates.pop(0)[-1]}")
        else:
            only_missing.append(f"    {show(row)}")
    only_unexpected = [f"    {show(row)}" for rows in by_key.values() for row in rows]
    lines = [f"{label}: expected {sum(want.values())} rows, warehouse has {sum(got.values())}"]
    if wrong_amount:
        lines += [f"  different amount ({len(wrong_amount)}):", *wrong_amount]
    if only_missing:
        lines += [f"  missing from the warehouse ({len(only_missing)}):", *only_missing]
    if only_unexpected:
        lines += [f"  unexpected in the warehouse ({len(only_unexpected)}):", *only_unexpected]
    return "\n".join(lines)


def find_document(con: duckdb.DuckDBPyConnection, doc: dict) -> tuple[str | None, str]:
    """(document_id, problem) for the expected document header."""
    rows = query(con, """
        select document_id, kind, amount_unit, source_file from dim_document
        where region = ? and department_name = ? and scope = ? and fiscal_year = ? and kind = ?""",
                 doc["region"], doc["department_name"], doc["scope"], doc["fiscal_year"], doc["kind"])
    if len(rows) == 1:
        return rows[0][0], ""
    everything = query(con, """select region, department_name, scope, fiscal_year, kind, source_file
                               from dim_document order by all""")
    listing = "\n".join(f"    {' | '.join(map(str, row))}" for row in everything) or "    (none)"
    what = "no" if not rows else f"{len(rows)}"
    return None, (f"{what} dim_document rows for region={doc['region']} department_name="
                  f"{doc['department_name']} scope={doc['scope']} fiscal_year={doc['fiscal_year']} kind={doc['kind']}; "
                  f"dim_document holds:\n{listing}")


def compare_names(label: str, expected: dict[str, str], rows: list[tuple[str, str]]) -> str:
    printed: dict[str, set[str]] = {}
    for code, name in rows:
        printed.setdefault(code, set()).add(name)
    problems = []
    several = {code: names for code, names in printed.items() if len(names) > 1}
    for code, names in sorted(several.items()):
        problems.append(f"    {code}: several printed names {sorted(names)} (expected {expected.get(code)!r})")
    for code in sorted(set(expected) - set(printed)):
        problems.append(f"    {code}: missing (expected {expected[code]!r})")
    for code in sorted(set(printed) - set(expected)):
        problems.append(f"    {code}: unexpected {sorted(printed[code])}")
    for code in sorted(set(expected) & set(printed)):
        if code not in several and printed[code] != {expected[code]}:
            problems.append(f"    {code}: printed name {next(iter(printed[code]))!r}, expected {expected[code]!r}")
    if not problems:
        return ""
    return f"{label}: {len(problems)} codes differ ({len(expected)} expected, {len(printed)} in warehouse)\n" \
        + "\n".join(problems)


def check_aspect(con: duckdb.DuckDBPyConnection, case: Case, aspect: str, document_id: str) -> str:
    expected = case.expected()
    label = f"{case.doc_key} {aspect}"
    if aspect == "expenditure":
        rows = query(con, """select function_code, fund_type, expenditure_type, amount from fct_expenditure
                             where document_id = ? and amount <> 0""", document_id)
        return describe_diff(label, expected["expenditure"], [(c, f, t, money(a)) for c, f, t, a in rows])
    if aspect == "income":
        rows = query(con, """select function_code, income_source, amount from fct_income
                             where document_id = ? and amount <> 0""", document_id)
        return describe_diff(label, expected["income"], [(c, s, money(a)) for c, s, a in rows])
    if aspect == "basic_economic":
        rows = query(con, """select economic_code, cost_type, amount from fct_basic_economic
                             where document_id = ? and amount <> 0""", document_id)
        return describe_diff(label, expected["basic_economic"], [(c, t, money(a)) for c, t, a in rows])
    if aspect == "three_public":
        rows = query(con, "select item, amount from fct_three_public where document_id = ?", document_id)
        return describe_diff(label, sorted(expected["three_public"].items()), [(i, money(a)) for i, a in rows])
    if aspect in ("function_names", "economic_names"):
        classification = aspect.removesuffix("_names")
        rows = query(con, """select code, printed_name from dim_code_as_printed
                             where document_id = ? and classification = ?""", document_id, classification)
        return compare_names(label, expected[aspect], rows)
    if aspect == "projects":
        rows = query(con, """select project_name, implementing_unit, amount, is_complete from dim_project
                             where document_id = ?""", document_id)
        findings = [m for (m,) in query(con, """select message from fct_finding
                                                where document_id = ? and check_id like 'P%'""", document_id)]
        wanted = {(name, unit): amount for name, unit, amount in expected["projects"]}
        actual = []
        for name, unit, amount, complete in rows:
            key = (name if name is not None else "NULL", unit if unit is not None else "NULL")
            # The corpus README allows an unreadable amount (e.g. "294.4044.00元") to stay empty when the
            # project is flagged and a finding names it; it must never be a different number.
            if amount is None and not complete and key in wanted and any(key[1] in m for m in findings):
                actual.append((*key, wanted[key]))
            else:
                actual.append((*key, money(amount)))
        diff = describe_diff(label, expected["projects"], actual)
        if diff and expected.get("projects_complete") is False:
            diff += "\n  (expected projects_complete is false: see the expected file's notes)"
        return diff
    raise ValueError(aspect)


ASPECT_TABLES = {
    "document": ("dim_document",),
    "expenditure": ("dim_document", "fct_expenditure"),
    "income": ("dim_document", "fct_income"),
    "basic_economic": ("dim_document", "fct_basic_economic"),
    "three_public": ("dim_document", "fct_three_public"),
    "function_names": ("dim_document", "dim_code_as_printed"),
    "economic_names": ("dim_document", "dim_code_as_printed"),
    "projects": ("dim_document", "dim_project"),
}


# --------------------------------------------------------------------------- tests


def test_marts_exist(warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun) -> None:
    missing = sorted(set(CONTRACT_COLUMNS) - existing_tables(warehouse))
    if missing:
        pytest.fail(f"contract tables missing: {missing}\n\n{pipeline.report()}", pytrace=False)


def test_contract_columns(warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun) -> None:
    """Contract v1 columns exist with their types (amounts DECIMAL(18,2), codes VARCHAR)."""
    tables = existing_tables(warehouse)
    problems = [f"{table} is missing" for table in CONTRACT_COLUMNS if table not in tables]
    for table, columns in CONTRACT_COLUMNS.items():
        if table not in tables:
            continue
        types = dict(query(warehouse, """select column_name, data_type from information_schema.columns
                                         where table_schema = 'main' and table_name = ?""", table))
        for column, wanted in columns.items():
            if column not in types:
                problems.append(f"{table}.{column} is missing")
            elif wanted and types[column] != wanted:
                problems.append(f"{table}.{column} is {types[column]}, contract says {wanted}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_input_document_loaded(warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun) -> None:
    require_tables(warehouse, pipeline, "dim_document")
    loaded = {name for (name,) in query(warehouse, "select source_file from dim_document")}
    missing = sorted(p.name for p in pipeline.inputs if p.name not in loaded)
    if missing:
        pytest.fail(f"documents ingested but absent from dim_document: {missing}\n\n{pipeline.report()}",
                    pytrace=False)


@pytest.mark.parametrize(("case", "aspect"), list(case_aspects()))
def test_document_aspect(warehouse: duckdb.DuckDBPyConnection, pipeline: PipelineRun,
                         case: Case, aspect: str) -> None:
    require_tables(warehouse, pipeline, *ASPECT_TABLES[aspect])
    expected = case.expected()
    document_id, problem = find_document(warehouse, expected["document"])
    if document_id is None:
        pytest.fail(f"{case.doc_key}: {problem}", pytrace=False)
    if aspect == "document":
        (kind, unit), = query(warehouse, "select kind, amount_unit from dim_document where document_id = ?",
                              document_id)
        wanted = (expected["document"]["kind"], expected["document"]["amount_unit"])
        if (kind, unit) != wanted:
            pytest.fail(f"{case.doc_key}: kind/amount_unit {(kind, unit)}, expected {wanted}", pytrace=False)
        return
    diff = check_aspect(warehouse, case, aspect, document_id)
    if diff:
        pytest.fail(diff, pytrace=False)
