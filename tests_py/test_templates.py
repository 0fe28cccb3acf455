"""The template registry: declarations are consistent, and every file derived from it is in step."""

from __future__ import annotations

import ast
import importlib.util
import re
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


# --------------------------------------------------------------------------- narrative topics, documented

NARRATIVE_MODULES = ("narrative", "final_narrative", "execution")
# The parser's tables of (pattern, topic[, topic of the whole]) and {word: topic}: every module constant of the
# narrative modules named so must be listed here (test below), so a new table cannot go unread.
TOPIC_TABLES = {
    "narrative": ("HEAD_LABELS", "STATEMENT_LABELS", "OTHER_LABELS", "STATEMENT_OTHER_LABELS", "STATEMENT_SHARE_LABELS",
                  "FORM_FIELDS"),
    "final_narrative": ("LABELS", "LIST_TOPICS"),
}
# Tables of a narrative module whose second column is not a topic: execution's are the label of a total clause.
NOT_TOPIC_TABLES = {"execution": ("TOTAL_LABELS",)}
# Read by a table but renamed before a fact is written: 收入、支出预算总计 is written as income_total and
# expenditure_total (narrative.statement_facts).
RENAMED_TOPICS = {"budget_total"}


def literal_strings(node: ast.expr) -> set[str]:
    """The strings an expression can be: a literal, the items of a literal tuple or list, both branches of a
    conditional; nothing for anything else (a name, a call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.List)):
        return set().union(*(literal_strings(element) for element in node.elts))
    if isinstance(node, ast.IfExp):
        return literal_strings(node.body) | literal_strings(node.orelse)
    return set()


def resolve(node: ast.expr, bound: dict[str, set[str]]) -> set[str]:
    """The strings an expression can be, a name by the literals ``bound`` to it and an f-string '{name}suffix'
    by each of them."""
    if isinstance(node, ast.Name):
        return bound.get(node.id, set())
    if isinstance(node, ast.JoinedStr) and len(node.values) == 2 and \
            isinstance(node.values[0], ast.FormattedValue) and isinstance(node.values[1], ast.Constant):
        return {prefix + str(node.values[1].value) for prefix in resolve(node.values[0].value, bound)}
    return literal_strings(node)


def literal_topics(tree: ast.Module) -> set[str]:
    """The topics a module writes by name: the `topic=` keyword and NarrativeFact's second argument, a literal,
    a name bound to literals in the same function (assignment, tuple assignment, comprehension), or an f-string
    '{name}suffix' over such a name."""
    topics: set[str] = set()
    for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
        bound: dict[str, set[str]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        bound.setdefault(target.id, set()).update(literal_strings(node.value))
                    elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) and \
                            len(target.elts) == len(node.value.elts):
                        for name, value in zip(target.elts, node.value.elts, strict=True):
                            if isinstance(name, ast.Name):
                                bound.setdefault(name.id, set()).update(literal_strings(value))
            elif isinstance(node, ast.comprehension) and isinstance(node.target, ast.Name):
                bound.setdefault(node.target.id, set()).update(literal_strings(node.iter))
        for call in (node for node in ast.walk(function) if isinstance(node, ast.Call)):
            topics |= set().union(*(resolve(keyword.value, bound) for keyword in call.keywords if keyword.arg == "topic"))
            if isinstance(call.func, ast.Name) and call.func.id == "NarrativeFact" and len(call.args) >= 2:
                topics |= resolve(call.args[1], bound)
    return topics


def table_topics(table: object) -> set[str]:
    """The topics of one parser table: the second and third column of (pattern, topic[, whole]) rows, nested in
    a dict of parts or not, or the values of a {word: topic} dict."""
    rows: list[tuple] = []
    if isinstance(table, dict):
        for value in table.values():
            if isinstance(value, str):
                rows.append(("", value))
            else:
                rows.extend(value)
    else:
        rows.extend(table)
    return {topic for row in rows for topic in row[1:] if isinstance(topic, str)}


def parser_topics() -> set[str]:
    """Every topic the narrative parsers can write (ingest/parse: narrative, final_narrative, execution)."""
    import importlib

    topics: set[str] = set()
    for module_name in NARRATIVE_MODULES:
        module = importlib.import_module(f"ingest.parse.{module_name}")
        topics |= literal_topics(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
        for name in TOPIC_TABLES.get(module_name, ()):
            topics |= table_topics(getattr(module, name))
    return topics - RENAMED_TOPICS


def backticked(text: str) -> set[str]:
    """The `identifiers` a piece of documentation names."""
    return set(re.findall(r"`([a-z][a-z_]*)`", text))


def test_every_topic_table_of_the_narrative_parsers_is_read_by_the_topic_test():
    import importlib

    for module_name in NARRATIVE_MODULES:
        module = importlib.import_module(f"ingest.parse.{module_name}")
        tables = {name for name in vars(module) if name.isupper() and name.endswith(("LABELS", "FIELDS", "TOPICS"))}
        listed = set(TOPIC_TABLES.get(module_name, ())) | set(NOT_TOPIC_TABLES.get(module_name, ()))
        assert tables == listed, f"ingest/parse/{module_name}.py: add {sorted(tables - listed)} to TOPIC_TABLES"


def test_the_topic_reader_finds_the_topics_written_by_name():
    """The reader sees a literal, a conditional, an f-string over a bound name and a comprehension's literals,
    and a table's renamed topic (so that RENAMED_TOPICS removes something real)."""
    from ingest.parse import narrative

    source = '''
def facts(passage, buying):
    kind = "owned" if buying else "bought"
    found = [NarrativeFact("other", "counted", 1, ""), NarrativeFact("other", f"{kind}_category", 1, "")]
    return found + [replace(fact, topic=topic) for fact in found for topic in ("a_total", "b_total")]
'''
    assert literal_topics(ast.parse(source)) == {"counted", "owned_category", "bought_category", "a_total", "b_total"}
    assert table_topics(narrative.STATEMENT_LABELS) >= RENAMED_TOPICS


def test_every_narrative_topic_is_documented():
    """docs/RAW_FORMAT.md's topic vocabulary is exactly the topics the parser writes (besides the section names
    and the labels of execution totals it also names), and the narrative_topic doc block (the warehouse's
    column comment) names every one of them."""
    from ingest.parse import execution

    topics = parser_topics()
    assert {"meeting", "training", "special_account_income", "class_expenditure", "execution_item"} <= topics
    raw_format = (ROOT / "docs" / "RAW_FORMAT.md").read_text(encoding="utf-8")
    vocabulary = raw_format[raw_format.index("topic vocabulary"):raw_format.index("## External source")]
    others = set(templates.NARRATIVE_SECTIONS) | table_topics(execution.TOTAL_LABELS)
    documented = backticked(vocabulary) - others
    assert not topics - documented, f"docs/RAW_FORMAT.md topic vocabulary lacks {sorted(topics - documented)}"
    assert not documented - topics, f"docs/RAW_FORMAT.md names topics the parser never writes: {sorted(documented - topics)}"
    block = re.search(r"\{% docs narrative_topic %\}(.*?)\{% enddocs %\}",
                      (ROOT / "models" / "common_columns.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    missing = topics - backticked(block.group(1))
    assert not missing, f"models/common_columns.md narrative_topic lacks {sorted(missing)}"


def test_every_narrative_section_has_a_chinese_name():
    """The sections the raw expectations accept are the sections the workbook names (templates.NARRATIVE_SECTIONS)."""
    from ingest.expectations import suites

    accepted = next(expectation.value_set for expectation in suites()["raw_narrative_facts"]
                    if getattr(expectation, "column", None) == "section" and hasattr(expectation, "value_set"))
    assert set(accepted) == set(templates.NARRATIVE_SECTIONS)
