"""The code hierarchy identities have two faces that must agree: the check models H01-H03 (rows of
fct_finding) and the generic test `sum_of_children_equals_parent`, declared in YAML once per coded table,
measure and level (models/marts/fct_published_amount.yml). Both call the macro `hierarchy_findings`.

On the corpus build of the session: the declarations cover every coded table and measure printed, and
the rows the tests store (audit schema) are exactly the H01-H03 findings of fct_finding whose check
states them as errors (check_severity) and that depend on no unplaced row (gap_lines is null: both faces
use the macro parse_gap_links), acknowledged and new, with the same acknowledgement. test_findings_mutation.py checks that a new
hierarchy error fails the test named for it.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import PROJECT_ROOT, PipelineRun

DECLARATIONS = PROJECT_ROOT / "models" / "marts" / "fct_published_amount.yml"
CHECK_LEVELS = {"H01": ("function", "类"), "H02": ("function", "款"), "H03": ("economic", "类")}
HIERARCHY_CHECKS = tuple(CHECK_LEVELS)


def declared_hierarchy_tests(path: Path = DECLARATIONS) -> dict[str, tuple[str, str, str]]:
    """Test name -> (check, table, measure) of every `sum_of_children_equals_parent` declared on the model."""
    models = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    declared = {}
    for model in models:
        for test in model.get("data_tests", []):
            if isinstance(test, dict) and "sum_of_children_equals_parent" in test:
                spec = test["sum_of_children_equals_parent"]
                arguments = spec["arguments"]
                declared[spec["name"]] = (arguments["check"], arguments["table"], arguments["measure"])
    return declared


def test_declarations_are_unique_and_named_for_their_identity() -> None:
    declared = declared_hierarchy_tests()
    assert len(set(declared.values())) == len(declared), "an identity is declared twice"
    for name, (check, table, measure) in declared.items():
        assert check in CHECK_LEVELS, (name, check)
        assert name.startswith(f"hierarchy_{table}_{measure}_"), name


def test_every_printed_coded_table_and_measure_is_declared(warehouse: duckdb.DuckDBPyConnection) -> None:
    declared = set(declared_hierarchy_tests().values())
    printed = warehouse.execute(
        """select distinct table_key, classification, measure from fct_published_amount
           where row_kind = 'code' and code_level in ('类', '款')"""
    ).fetchall()
    assert printed, "no coded cells in the corpus warehouse"
    missing = [
        (check, table, measure)
        for table, classification, measure in printed
        for check, (check_classification, _) in CHECK_LEVELS.items()
        if check_classification == classification and (check, table, measure) not in declared
    ]
    assert not missing, f"add sum_of_children_equals_parent to {DECLARATIONS.name} for: {missing}"


def stored_test_rows(con: duckdb.DuckDBPyConnection, names: list[str]) -> set[tuple]:
    rows: set[tuple] = set()
    for name in names:
        exists = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'audit' and table_name = ?", [name]
        ).fetchone()[0]
        assert exists, f"dbt stored no audit table for {name} (store_failures)"
        rows |= set(con.execute(
            f"""select check_id, document_id, table_name, code, measure, expected, actual, message, acknowledged
                from audit."{name}" """).fetchall())
    return rows


def test_failures_of_the_hierarchy_tests_are_the_hierarchy_findings(
        pipeline: PipelineRun, warehouse: duckdb.DuckDBPyConnection) -> None:
    declared = declared_hierarchy_tests()
    from_tests = stored_test_rows(warehouse, sorted(declared))
    from_findings = set(warehouse.execute(
        """select check_id, document_id, table_name, code, measure, expected, actual, message, acknowledged
           from fct_finding
           where check_severity = 'error' and gap_lines is null and check_id in ('H01', 'H02', 'H03')""").fetchall())
    assert from_findings, "the corpus has acknowledged hierarchy misprints (万里街道 2025, 21201): none found"
    assert from_tests == from_findings
    if any(not row[-1] for row in from_findings):
        pytest.fail("a hierarchy finding is not acknowledged: the build should have failed", pytrace=False)
    statuses = dbt_test_statuses(pipeline.raw_dir.parent / "target" / "run_results.json")
    not_passing = {name: statuses.get(name, "not run") for name in declared if statuses.get(name) != "pass"}
    assert not not_passing, f"every hierarchy finding is acknowledged, yet: {not_passing}"


def dbt_test_statuses(run_results: Path) -> dict[str, str]:
    """Test name -> status ('pass', 'fail', ...) of a dbt run_results.json."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    return {r["unique_id"].split(".")[2]: r["status"] for r in results if r["unique_id"].startswith("test.")}
