"""Write docs/checks.md, the check catalogue, and the list of check models in macros/check_catalogue.sql
from the dbt YAML of the check models.

    python scripts/checks_doc.py           # rewrite docs/checks.md and the macro's list
    python scripts/checks_doc.py --check   # exit 1 if either is out of step (CI)

Source: models/checks/_checks.yml (description, meta.severity, meta.tables per check model, in catalogue
order) and models/checks/_checks_unit_tests.yml (the unit test that makes each check fire). A new check is
its model, its entry in _checks.yml and its unit test; this script writes the rest.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from finding_kinds import FINDING_KINDS

ROOT = Path(__file__).resolve().parents[1]
CHECKS_YAML = ROOT / "models" / "checks" / "_checks.yml"
UNIT_TESTS_YAML = ROOT / "models" / "checks" / "_checks_unit_tests.yml"
CATALOGUE_MACRO = ROOT / "macros" / "check_catalogue.sql"
DOC = ROOT / "docs" / "checks.md"

FAMILIES = {
    "H": "层级 hierarchy",
    "R": "行内恒等式 row identities",
    "X": "表与表 cross-table",
    "N": "文字说明与表 narrative vs tables",
    "P": "项目与绩效目标 projects",
    "M": "名称与说明 names and notes",
    "D": "跨文档 across documents",
    "F": "决算与预算执行 final accounts",
    "I": "导入 ingest",
}
TABLE_NAMES = {
    "financial_summary": "财务收支预算总表",
    "income": "收入预算总表",
    "expenditure": "支出预算总表",
    "fiscal_summary": "财政拨款收支预算总表",
    "general_public": "一般公共预算支出表",
    "government_fund": "政府性基金支出表",
    "state_capital": "国有资本经营支出表",
    "basic_economic": "经济分类表",
    "three_public": "三公表",
    "fiscal_function": "财政拨款支出表",
    "fiscal_basic_economic": "财政拨款基本支出表",
    "operation_fund_economic": "机关运行经费支出表",
    "income_sources": "收入预算总表（按来源）",
    "procurement": "政府采购预算表",
    "explanation": "预算编制说明",
    "other_information": "其他相关情况说明",
    "performance_form": "绩效目标填报表",
    "project": "项目经费情况说明",
    "organisation": "机构设置",
    "document": "文档",
    "execution": "决算情况说明",
    "final_explanation": "决算情况说明",
}
# A check of final accounts only names the 决算 template's own tables (ingest/templates/final_account.py).
FINAL_TABLE_NAMES = {
    **TABLE_NAMES,
    "financial_summary": "收入支出决算总表",
    "income": "收入决算表",
    "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表",
    "general_public": "一般公共预算财政拨款支出决算表",
    "basic_economic": "一般公共预算财政拨款基本支出决算表",
    "three_public": "财政拨款“三公”经费支出决算表",
    "government_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital": "国有资本经营预算财政拨款收入支出决算表",
}


@dataclass(frozen=True)
class Check:
    """One check of the catalogue as docs/checks.md shows it: id, model, description, severity rule, tables
    read, the unit tests that make it fire and the document kinds it applies to.
    """

    check_id: str
    model: str
    description: str
    severity: str
    tables: tuple[str, ...]
    unit_tests: tuple[str, ...]
    kinds: tuple[str, ...] = ("budget", "final_account")


def check_id(model: str) -> str:
    """The check id of a check model: chk_h01_function_class_kuan -> 'H01'."""
    return model.split("_")[1].upper()


def catalogue_order() -> list[str]:
    """The check models in catalogue order: the order of models/checks/_checks.yml."""
    return [model["name"] for model in yaml.safe_load(CHECKS_YAML.read_text(encoding="utf-8"))["models"]]


LIST_RE = re.compile(r"(\{\{ return\(\[\n)(.*?)(\s*\]\) \}\})", re.S)


def catalogue_macro(current: str, models: list[str]) -> str:
    """``current`` (the text of macros/check_catalogue.sql) with check_models()' list set to ``models``.
    ValueError when the macro has no ``{{ return([ ... ]) }}`` list to replace."""
    if not LIST_RE.search(current):
        raise ValueError(f"{CATALOGUE_MACRO}: no check_models() list found")
    listed = ",\n".join(f"        '{model}'" for model in models) + ","
    return LIST_RE.sub(lambda m: m.group(1) + listed + m.group(3), current, count=1)


def load_checks() -> list[Check]:
    """The checks in catalogue order, from models/checks/_checks.yml (description, meta.severity, meta.tables,
    meta.kinds) and the unit tests of _checks_unit_tests.yml.
    """
    models = {m["name"]: m for m in yaml.safe_load(CHECKS_YAML.read_text(encoding="utf-8"))["models"]}
    unit_tests: dict[str, list[str]] = {}
    for test in yaml.safe_load(UNIT_TESTS_YAML.read_text(encoding="utf-8"))["unit_tests"]:
        unit_tests.setdefault(test["model"], []).append(test["name"])
    checks = []
    for name in catalogue_order():
        model = models.get(name, {})
        meta = (model.get("config") or {}).get("meta") or {}
        checks.append(Check(check_id(name), name, model.get("description", ""), meta.get("severity", ""),
                            tuple(meta.get("tables", [])), tuple(unit_tests.get(name, [])),
                            tuple(meta.get("kinds", ["budget", "final_account"]))))
    return checks


def render(checks: list[Check]) -> str:
    """The text of docs/checks.md for `checks`: the introduction, the kinds of finding and one table row per
    check.
    """
    lines = [
        "# The check catalogue",
        "",
        "Generated by `python scripts/checks_doc.py` from `models/checks/_checks.yml` — edit the YAML, not this file",
        "(`tests_py/test_findings_catalogue.py` fails when they are out of step).",
        "",
        "A new check is three edits: its model `models/checks/chk_<id>_<what>.sql`, its entry in `_checks.yml` "
        "(description, `meta.severity`, `meta.tables`, in catalogue order) and its firing unit test in "
        "`_checks_unit_tests.yml`; then `python scripts/checks_doc.py` writes this file and the model list in "
        "`macros/check_catalogue.sql`.",
        "",
        "Each check is one dbt model `models/checks/<model>.sql` producing rows in the shape of `fct_finding`; "
        "one table per family in the schema `checks` (`int_findings_hierarchy`, …) unions them, `int_check_findings` unions the families, `fct_finding` adds the acknowledgements (`seeds/acknowledged_findings.csv`, "
        "[acknowledged_findings.md](acknowledged_findings.md)). `dbt build` fails on any document error "
        "(an error-level finding that is not a parse gap) that is not acknowledged (test `new_error_findings`). Each check has a unit test "
        "(`models/checks/_checks_unit_tests.yml`) that makes it fire on a crafted example. The same catalogue "
        "is in the warehouse as `dim_check`.",
        "",
        "Severity: `error` a real disagreement; `warning` suspicious but possibly legitimate; `info` noted, not a "
        "contradiction of the document: a difference within the check's stated tolerance (the printed precision "
        "of the figures compared, whole 万元 ±5,000 yuan, 0.01 万元 ±50 yuan per figure, or a percentage's last "
        "digit) or one the template allows (a note covering only some projects, template wording). Each check's "
        "rule is its row's severity column below.",
        "",
        "## Kinds of finding 发现的类别 (`fct_finding.finding_kind`)",
        "",
        "`select * from fct_finding where severity = 'error'` returns only the documents' own contradictions; "
        "the build gate fails on new `document_error` rows only.",
        "",
        *[f"* `{kind}` — {chinese} {english}" for kind, chinese, english in FINDING_KINDS],
        "",
        "## Checks",
        "",
        "Documents: the kinds a check applies to (`meta.kinds`; 预算 budget, 决算 final account). An identity of the "
        "budget template (income = expenditure by code, 合计 = 人员 + 公用 per economic row, …) is not one of the "
        "决算 template, whose own identities are the F checks.",
        "",
        f"{len(checks)} checks.",
        "",
        "| id | what it checks | severity | tables | documents | model | firing test |",
        "|---|---|---|---|---|---|---|",
    ]
    family = ""
    for check in checks:
        if check.check_id[0] != family:
            family = check.check_id[0]
            lines.append(f"| **{family}** | **{FAMILIES.get(family, family)}** | | | | | |")
        names = FINAL_TABLE_NAMES if check.kinds == ("final_account",) else TABLE_NAMES
        tables = "、".join(names.get(table, table) for table in check.tables)
        tests = ", ".join(f"`{name}`" for name in check.unit_tests)
        kinds = "、".join({"budget": "预算", "final_account": "决算"}.get(kind, kind) for kind in check.kinds)
        lines.append(
            f"| {check.check_id} | {check.description} | {check.severity} | {tables} | {kinds} | `{check.model}` | {tests} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/checks.md and the macro's check list from the YAML; with --check only compare. Returns 0,
    or 1 when --check finds a file out of step.
    """
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a generated file differs")
    args = parser.parse_args(argv)
    macro = CATALOGUE_MACRO.read_text(encoding="utf-8")
    wanted = {DOC: render(load_checks()), CATALOGUE_MACRO: catalogue_macro(macro, catalogue_order())}
    stale = [path for path, text in wanted.items() if (path.read_text(encoding="utf-8") if path.exists() else "") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of step with the check YAML: run python scripts/checks_doc.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
