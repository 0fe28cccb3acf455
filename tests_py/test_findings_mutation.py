"""Changing any single 项-level amount of a development document never passes silently: it produces at least
one new error-level finding on that code or one of its parents, or, when the changed row no longer fits any
column reading, the row is not loaded and is reported as a parse gap (I01) on that code — the checks that would
have used it are then "not checked", never the document's error (issue #10).

Copies of every corpus text are changed at once — in each, one printed 项 row picked with a seeded RNG gets
one of its nonzero amounts +1 yuan or ×2 — then
ingested into their own raw directory and built with one `dbt build` (seeds and models, no tests), so the
whole test costs one extra ingest and build.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, corpus_texts, run_step
from test_hierarchy_tests import dbt_test_statuses, declared_hierarchy_tests

SEED = 20251126
XIANG_ROW_RE = re.compile(r"^\s*(?:(?P<class_code>\d{3})\s+(?P<kuan>\d{2})\s+(?P<xiang>\d{2})|(?P<glued>\d{7}))(?=\s)")
NUMBER_RE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.,])")


@dataclass(frozen=True)
class Mutation:
    source_file: str
    code: str
    line_text: str
    printed: str
    replacement: str

    def describe(self) -> str:
        return f"{self.source_file}: 项 {self.code} “{self.printed}” → “{self.replacement}” in: {self.line_text.strip()}"


def row_code(line: str) -> str | None:
    match = XIANG_ROW_RE.match(line)
    if not match:
        return None
    return match.group("glued") or f"{match.group('class_code')}{match.group('kuan')}{match.group('xiang')}"


def amount_spans(line: str) -> list[re.Match[str]]:
    """Nonzero amounts after the code and name of a table row."""
    code = XIANG_ROW_RE.match(line)
    start = code.end() if code else 0
    return [m for m in NUMBER_RE.finditer(line, start) if Decimal(m.group().replace(",", "")) != 0]


def changed_amount(printed: str, double: bool) -> str:
    value = Decimal(printed.replace(",", ""))
    new = value * 2 if double else value + 1
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    text = f"{new:,.{decimals}f}" if "," in printed else f"{new:.{decimals}f}"
    return text


def mutate(text: str, source_file: str, rng: random.Random) -> tuple[str, Mutation]:
    lines = text.split("\n")
    candidates = [index for index, line in enumerate(lines) if row_code(line) and amount_spans(line)]
    index = rng.choice(candidates)
    line = lines[index]
    span = rng.choice(amount_spans(line))
    replacement = changed_amount(span.group(), double=rng.random() < 0.5)
    new_line = line[: span.start()] + replacement + line[span.end():]
    mutated = "\n".join(lines[:index] + [new_line] + lines[index + 1:])
    return mutated, Mutation(source_file, row_code(line) or "", line, span.group(), replacement)


@pytest.fixture(scope="module")
def mutated_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Mutation], str]:
    texts = corpus_texts()
    if not texts:
        pytest.skip("corpus absent")
    tmp = tmp_path_factory.mktemp("mutated")
    documents, raw_dir, warehouse = tmp / "documents", tmp / "raw", tmp / "w.duckdb"
    documents.mkdir()
    rng = random.Random(SEED)
    mutations = []
    for path in texts:
        mutated, mutation = mutate(path.read_text(encoding="utf-8"), path.name, rng)
        (documents / path.name).write_text(mutated, encoding="utf-8")
        mutations.append(mutation)
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(raw_dir),
        "BUDGET_WAREHOUSE": str(warehouse),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    ingest = run_step([sys.executable, "-m", "ingest", "--quiet", str(documents)], env)
    dbt = Path(sys.executable).with_name("dbt")
    build = run_step([str(dbt), "build", "--select", "resource_type:seed resource_type:model",
                      "--indirect-selection", "empty",
                      "--profiles-dir", str(PROJECT_ROOT), "--project-dir", str(PROJECT_ROOT)], env)
    report = f"{ingest.summary()}\n\n{build.summary()}"
    if not warehouse.exists() or build.returncode != 0:
        pytest.fail(f"the mutated documents did not build\n\n{report}", pytrace=False)
    return warehouse, mutations, report


def test_each_changed_xiang_amount_is_an_error_on_its_code_or_a_parent(
        mutated_build: tuple[Path, list[Mutation], str]) -> None:
    warehouse, mutations, report = mutated_build
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        problems = []
        for mutation in mutations:
            codes = [mutation.code, mutation.code[:5], mutation.code[:3]]
            hits = con.execute(
                """select f.check_id, f.code, f.message from fct_finding f join dim_document d using (document_id)
                   where d.source_file = ? and f.code in (?, ?, ?)
                     and ((f.finding_kind = 'document_error' and not f.acknowledged)
                          or (f.check_id = 'I01' and f.code = ?))""",
                [mutation.source_file, *codes, mutation.code]).fetchall()
            if not hits:
                problems.append(mutation.describe())
    finally:
        con.close()
    assert not problems, "neither a new error-level finding nor a parse gap for:\n" + "\n".join(problems) + f"\n\n{report}"


def test_changed_amount_keeps_the_printed_format() -> None:
    assert changed_amount("26,803,857.43", double=False) == "26,803,858.43"
    assert changed_amount("438300", double=True) == "876600"
    assert changed_amount("1,548,033", double=False) == "1,548,034"
    assert row_code("208 05 05 机关事业单位基本养老保险缴费支出 4,827,156 4,827,156 0 0 0") == "2080505"
    assert row_code("2080505 机关事业单位基本养老保险缴费支出 4,827,156") == "2080505"
    assert row_code("208 05 行政事业单位养老支出 7,589,473") is None


def test_a_new_hierarchy_error_fails_the_test_named_for_its_identity(
        mutated_build: tuple[Path, list[Mutation], str]) -> None:
    """On the mutated warehouse, the hierarchy tests that fail are those whose (check, table, measure)
    has an H01-H03 finding the check states as an error that is not acknowledged and that depends on no
    unplaced row, and each counts exactly those rows (the test and fct_finding share the parse-gap rule,
    the macro parse_gap_links: a row fct_finding calls a parse gap, gap_lines set, fails no test)."""
    warehouse, _, report = mutated_build
    tmp = warehouse.parent
    env = {
        **os.environ,
        "BUDGET_RAW_DIR": str(tmp / "raw"),
        "BUDGET_WAREHOUSE": str(warehouse),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    run = run_step([str(dbt), "test", "--select", "test_name:sum_of_children_equals_parent",
                    "--profiles-dir", str(PROJECT_ROOT), "--project-dir", str(PROJECT_ROOT)], env)
    results = json.loads((tmp / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    failures = {r["unique_id"].split(".")[2]: r["failures"] for r in results if r["status"] in ("warn", "fail")}
    declared = declared_hierarchy_tests()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        new = con.execute(
            """select check_id, table_name, measure, count(*) from fct_finding
               where check_severity = 'error' and not acknowledged and gap_lines is null
                 and check_id in ('H01', 'H02', 'H03')
               group by all""").fetchall()
    finally:
        con.close()
    expected = {name: count for name, identity in declared.items()
                for check, table, measure, count in new if identity == (check, table, measure)}
    assert expected, f"the mutations produced no new hierarchy finding\n\n{report}"
    assert set(dbt_test_statuses(tmp / "target" / "run_results.json")) >= set(declared), run.summary()
    assert failures == expected, run.summary()
