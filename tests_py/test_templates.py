"""The template registry: declarations are consistent, and every file derived from it is in step."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ingest import templates
from ingest.expectations import MEASURES
from ingest.model import TABLE_KEYS, TABLE_NAMES_ZH, Line
from ingest.parse.layout import match_title, required_chars, scan_titles, title_candidate, title_marks
from ingest.templates import IdentitySpec, MeasureSpec, TableSpec, TemplateFamily

ROOT = Path(__file__).resolve().parents[1]


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_vocabulary", ROOT / "scripts" / "gen_vocabulary.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_files_are_in_step_with_the_registry():
    generator = load_generator()
    assert (ROOT / "macros" / "vocabulary.sql").read_text(encoding="utf-8") == generator.vocabulary_sql(), (
        "macros/vocabulary.sql is out of step: run python scripts/gen_vocabulary.py"
    )
    raw_format = (ROOT / "docs" / "RAW_FORMAT.md").read_text(encoding="utf-8")
    assert raw_format == generator.raw_format_text(raw_format), (
        "docs/RAW_FORMAT.md is out of step: run python scripts/gen_vocabulary.py"
    )
    assert generator.main(["--check"]) == 0


def test_the_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    generator = load_generator()
    stale = tmp_path / "vocabulary.sql"
    stale.write_text(generator.vocabulary_sql().replace("'合计'", "'总计'"), encoding="utf-8")
    doc = tmp_path / "RAW_FORMAT.md"
    doc.write_text((ROOT / "docs" / "RAW_FORMAT.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(generator, "VOCABULARY_SQL", stale)
    monkeypatch.setattr(generator, "RAW_FORMAT", doc)
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    assert generator.main(["--check"]) == 1


def test_the_shanghai_tables_derive_the_model_and_gx_lists():
    shanghai = templates.family("shanghai_budget")
    assert TABLE_KEYS == shanghai.table_keys == (
        "financial_summary", "income", "expenditure", "fiscal_summary", "general_public", "government_fund",
        "state_capital", "basic_economic", "three_public",
    )
    assert TABLE_NAMES_ZH["basic_economic"] == "一般公共预算基本支出经济分类预算表"
    assert MEASURES["basic_economic"] == ("total", "personnel", "public")
    assert set(MEASURES["financial_summary"]) >= {"fiscal_appropriation", "personnel", "public", "project"}


def test_a_measure_has_one_chinese_name_across_families():
    names: dict[str, set[str]] = {}
    for family in templates.FAMILIES:
        for measure in family.measures:
            names.setdefault(measure.key, set()).add(measure.name_zh)
    assert {key: found for key, found in names.items() if len(found) > 1} == {}


@pytest.mark.parametrize("family", templates.FAMILIES, ids=lambda family: family.key)
def test_every_table_is_found_by_its_own_canonical_name(family: TemplateFamily):
    for table in family.tables:
        assert family.match_title(table.name_zh.replace("“", "").replace("”", "")) == table.key, table.name_zh


@pytest.mark.parametrize("family", templates.FAMILIES, ids=lambda family: family.key)
def test_title_match_is_the_first_pattern_in_title_order_that_matches(family: TemplateFamily):
    # title_match rejects a line with one search of all patterns at once before trying them in order:
    # that must never change which table (and where its name starts) a title is read as.
    names = [table.name_zh.replace("“", "").replace("”", "") for other in templates.FAMILIES for table in other.tables]
    candidates = [name for base in names for name in (base, "2024年度某区某局" + base, base + "说明", base[1:], base[:-1])]
    candidates += ["", "表", "合计", "2010101行政运行1,234.00", "其他相关情况说明"]

    def one_by_one(candidate: str) -> tuple[str, int] | None:
        for table in family.titles_in_order():
            for pattern in table.title_res:
                match = pattern.search(candidate)
                if match:
                    return table.key, match.start()
        return None

    assert [family.title_match(c) for c in candidates] == [one_by_one(c) for c in candidates]
    assert any(family.title_match(c) for c in candidates)


def test_the_characters_a_pattern_requires_are_those_outside_any_option():
    assert required_chars("(?:财务)?收支(?:预算|决算)?总表$") == frozenset("收支总表")
    assert required_chars("三公.{0,2}经费") == frozenset("三公经费")
    for unsure in ("收入|支出", "(?i)abc", "(收入)?", ""):
        assert required_chars(unsure) == frozenset(), unsure
    patterns = ["收支总表$", "收入决算表$", "三公经费"]
    marks = title_marks(patterns)
    assert marks is not None and len(marks) == 2
    assert all(marks & required_chars(pattern) for pattern in patterns)
    assert title_marks(["收支总表$", "收入|支出"]) is None


@pytest.mark.parametrize("family", templates.FAMILIES, ids=lambda family: family.key)
def test_title_scanning_skips_only_lines_no_title_pattern_can_match(family: TemplateFamily):
    # Lines holding none of the characters the patterns require are not normalised: every title, with
    # its number, ordinal or spaces, is still found, and nothing else is.
    names = [table.name_zh.replace("“", "").replace("”", "") for other in templates.FAMILIES for table in other.tables]
    texts = [text for name in names for text in (name, "表3：" + name, "（二）" + " ".join(name), name + "说明", "附件")]
    scanned = scan_titles([Line(text, number) for number, text in enumerate(texts, start=1)], (family,))
    def by_hand(text: str) -> str | None:
        candidate = title_candidate(text)
        return candidate if candidate and family.match_title(candidate) else None

    assert [line[1] for line in scanned] == [by_hand(text) for text in texts]
    assert any(line[1] for line in scanned)


@pytest.mark.parametrize(
    "title, key",
    [
        ("2025年部门财务收支预算总表", "financial_summary"),
        ("1.财政拨款收支预算总表", "fiscal_summary"),
        ("五、部门收入预算总表", "income"),
        ("单位一般公共预算基本支出部门经济分类预算表", "basic_economic"),
        ("2024年“三公”经费和机关运行经费预算表", "three_public"),
        ("“三公”经费和机关运行经费预算表说明：本表……", None),
    ],
)
def test_shanghai_titles(title: str, key: str | None):
    assert match_title(title) == key


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="must end with"):
        TableSpec("x", "某表", ("某表",), "coded", ("total",), classification="function")
    with pytest.raises(ValueError, match="unknown layout"):
        TableSpec("x", "某表", ("某表$",), "grid")
    with pytest.raises(ValueError, match="not in its columns"):
        TableSpec("x", "某表", ("某表$",), "coded", ("total",), (IdentitySpec("total", ("basic",)),), "function")
    table = TableSpec("x", "某表", ("某表$",), "coded", ("total", "basic"), classification="function")
    with pytest.raises(ValueError, match="not declared"):
        TemplateFamily("f", "某", "budget", (table,), (MeasureSpec("total", "合计"),))
