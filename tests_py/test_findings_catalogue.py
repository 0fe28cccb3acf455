"""The check catalogue: at least 40 checks, each defined once (a model in models/checks), described in the
YAML, listed for fct_finding, documented in docs/checks.md, and made to fire by a unit test that passed in
the session's `dbt build`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest
import yaml

from conftest import PROJECT_ROOT, PipelineRun

CHECKS_DIR = PROJECT_ROOT / "models" / "checks"
CHECK_ID_RE = re.compile(r"^chk_([a-z]\d{2})_[a-z0-9_]+$")
MINIMUM_CHECKS = 40


def check_files() -> list[str]:
    return sorted(path.stem for path in CHECKS_DIR.glob("chk_*.sql"))


def catalogue_list() -> list[str]:
    macro = (PROJECT_ROOT / "macros" / "check_catalogue.sql").read_text(encoding="utf-8")
    return re.findall(r"'(chk_[a-z0-9_]+)'", macro)


def check_yaml() -> dict[str, dict]:
    return {model["name"]: model for model in yaml.safe_load((CHECKS_DIR / "_checks.yml").read_text(encoding="utf-8"))["models"]}


def unit_tests() -> list[dict]:
    return yaml.safe_load((CHECKS_DIR / "_checks_unit_tests.yml").read_text(encoding="utf-8"))["unit_tests"]


def check_id(model: str) -> str:
    return model.split("_")[1].upper()


def test_at_least_forty_checks_with_stable_unique_ids() -> None:
    files = check_files()
    assert len(files) >= MINIMUM_CHECKS, len(files)
    assert all(CHECK_ID_RE.match(name) for name in files), [n for n in files if not CHECK_ID_RE.match(n)]
    ids = [check_id(name) for name in files]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_check_model_is_listed_once_for_fct_finding() -> None:
    listed = catalogue_list()
    assert len(listed) == len(set(listed))
    assert sorted(listed) == check_files()


def test_every_check_is_described_with_a_severity_rule_and_its_tables() -> None:
    described = check_yaml()
    assert sorted(described) == check_files()
    for name, model in described.items():
        meta = (model.get("config") or {}).get("meta") or {}
        assert model.get("description"), name
        assert meta.get("severity"), name
        assert meta.get("tables"), name


def finding_macros() -> set[str]:
    """Macros that end in the shared finding shape, so a check may call them instead."""
    names = {"select_findings"}
    for path in (CHECKS_DIR.parents[1] / "macros").glob("*.sql"):
        for name, body in re.findall(r"{%-?\s*macro\s+(\w+)\((.*?){%-?\s*endmacro", path.read_text(encoding="utf-8"), re.S):
            if "select_findings(" in body:
                names.add(name)
    return names


def test_every_check_selects_through_the_shared_finding_shape() -> None:
    macros = finding_macros()
    for name in check_files():
        sql = (CHECKS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        assert any(f"{macro}(" in sql for macro in macros), name


def test_every_check_has_a_unit_test_on_which_it_fires() -> None:
    firing: dict[str, set[str]] = {}
    for test in unit_tests():
        ids = {row.get("check_id") for row in test["expect"]["rows"]}
        # a test may also expect silence (a false error that must not be reported), but never another check
        assert ids <= {check_id(test["model"])}, (test["name"], ids)
        assert all(row.get("severity") in ("error", "warning", "info") for row in test["expect"]["rows"]), test["name"]
        if ids:
            firing.setdefault(test["model"], set()).add(test["name"])
    missing = [name for name in check_files() if name not in firing]
    assert not missing, missing


def test_docs_checks_md_is_in_step_with_the_yaml() -> None:
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "checks_doc.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def finding_unit_tests() -> list[dict]:
    """Every dbt unit test under models/checks: the checks' and those of fct_finding's kinds."""
    return [test for path in sorted(CHECKS_DIR.glob("_*unit_tests.yml"))
            for test in yaml.safe_load(path.read_text(encoding="utf-8"))["unit_tests"]]


def test_the_unit_tests_passed_in_the_session_build(pipeline: PipelineRun) -> None:
    run_results = pipeline.raw_dir.parent / "target" / "run_results.json"
    if not run_results.exists():
        pytest.fail(f"no run_results.json from the session build\n\n{pipeline.report()}", pytrace=False)
    results = {r["unique_id"]: r["status"] for r in json.loads(run_results.read_text(encoding="utf-8"))["results"]}
    expected = {f"unit_test.budget_warehouse.{test['model']}.{test['name']}" for test in finding_unit_tests()}
    assert len(expected) > len(unit_tests())
    not_passed = {uid: results.get(uid, "not run") for uid in expected if results.get(uid) != "pass"}
    assert not not_passed, not_passed


def test_dim_check_holds_the_catalogue(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute("select check_id, description, check_model from dim_check order by check_order").fetchall()
    assert [model for _, _, model in rows] == catalogue_list()
    assert all(check == check_id(model) and description for check, description, model in rows)


def test_fct_finding_has_the_contract_columns_first(warehouse: duckdb.DuckDBPyConnection) -> None:
    columns = [name for (name,) in warehouse.execute(
        "select column_name from information_schema.columns where table_name = 'fct_finding' order by ordinal_position"
    ).fetchall()]
    assert columns[:9] == ["document_id", "check_id", "severity", "table_name", "code", "measure", "expected",
                           "actual", "message"]
    assert {"acknowledged", "acknowledged_reason", "expected_amount", "actual_amount", "detail"} <= set(columns)
    severities = {severity for (severity,) in warehouse.execute("select distinct severity from fct_finding").fetchall()}
    assert severities <= {"error", "warning", "info"}
