"""Rules of the project's structure that no other test would notice breaking.

- Every public function, class and method of the Python package and scripts has a docstring (what it
  takes and returns, units, errors raised, source table or template): public = a name without a leading
  underscore, at module level or in a public class (nested helper functions are not counted).
- dbt's layers flow one way: staging → intermediate → marts → checks → findings; a model reads only its own
  layer or earlier ones (read from the manifest of the session build, so refs made inside macros count).
- One name per concept (docs/glossary.md): 类 is `class` in Python as in SQL, never `lei` (no identifier,
  regex group or group lookup says it).
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

from conftest import PROJECT_ROOT, PipelineRun

DOCUMENTED_TREES = ("ingest", "scripts")
NAMED_TREES = ("ingest", "scripts", "tests_py", "examples")
# `lei` as a word of an identifier (lei, lei_hints, LeiHint, MISPRINTED_LEI) or as a regex group name.
PINYIN_NAME_RE = re.compile(r"(?:^|_)lei(?:_|$)|^Lei[A-Z]|Lei$", re.IGNORECASE)
PINYIN_GROUP_RE = re.compile(r"\(\?P<lei>|^[rbuf]*[\'\"]lei[\'\"]$", re.IGNORECASE)
LAYERS = ("staging", "intermediate", "marts", "checks", "findings")


def public_definitions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]:
    """The public functions and classes of a module and the public methods of its public classes."""
    found: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = []

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                    and not node.name.startswith("_"):
                found.append(node)
                if isinstance(node, ast.ClassDef):
                    visit(node.body)

    visit(tree.body)
    return found


def undocumented(root: Path) -> list[str]:
    """`path:line name` of every public definition under root (a folder of .py files) without a docstring."""
    missing = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        missing += [f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {node.name}"
                    for node in public_definitions(tree) if not ast.get_docstring(node)]
    return missing


def test_the_docstring_rule_sees_a_missing_docstring(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        'def shown():\n    """Yes."""\n\n\ndef bare():\n    pass\n\n\ndef _hidden():\n    pass\n\n\n'
        'class Thing:\n    """Yes."""\n\n    def method(self):\n        pass\n\n    def _private(self):\n'
        '        pass\n', encoding="utf-8")
    names = [node.name for node in public_definitions(ast.parse((tmp_path / "m.py").read_text()))
             if not ast.get_docstring(node)]
    assert names == ["bare", "method"]


def test_every_public_function_and_class_has_a_docstring() -> None:
    missing = [entry for tree in DOCUMENTED_TREES for entry in undocumented(PROJECT_ROOT / tree)]
    assert not missing, (f"{len(missing)} public definition(s) without a docstring (say what goes in and out, "
                         "units, errors raised, source):\n" + "\n".join(missing))


def layer(original_file_path: str) -> str | None:
    """The layer of a model file (models/<layer>/...), None outside the layered folders."""
    parts = Path(original_file_path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" and parts[1] in LAYERS else None


def test_dbt_layers_flow_one_way(pipeline: PipelineRun) -> None:
    manifest_path = pipeline.raw_dir.parent / "target" / "manifest.json"
    assert manifest_path.exists(), f"the session build wrote no manifest\n\n{pipeline.report()}"
    nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"]
    models = {uid: node for uid, node in nodes.items() if node["resource_type"] == "model"}
    unlayered = sorted(node["original_file_path"] for node in models.values()
                       if layer(node["original_file_path"]) is None)
    assert not unlayered, f"models outside {LAYERS}: {unlayered}"
    backwards = []
    for node in models.values():
        own = LAYERS.index(layer(node["original_file_path"]))
        for parent_id in node["depends_on"]["nodes"]:
            parent = models.get(parent_id)
            if parent is not None and LAYERS.index(layer(parent["original_file_path"])) > own:
                backwards.append(f"{node['name']} ({LAYERS[own]}) reads {parent['name']} "
                                 f"({layer(parent['original_file_path'])})")
    assert not backwards, "dbt layers must flow staging → intermediate → marts → checks → findings:\n" \
        + "\n".join(sorted(backwards))


def pinyin_class_names(source: str) -> list[tuple[int, str]]:
    """(line, token) of every identifier or string in Python source that names 类 `lei`."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if (token.type == tokenize.NAME and PINYIN_NAME_RE.search(token.string)) or \
                (token.type == tokenize.STRING and PINYIN_GROUP_RE.search(token.string)):
            found.append((token.start[0], token.string))
    return found


def test_the_naming_rule_sees_the_pinyin() -> None:
    # written with @ for the word, so this file itself passes the rule
    source = (
        'CODE_RE = re.compile(r"^(?P<@>\\d{3})")\n@ = m.group("@")\nclass @Hint: ...\n'
        'MISPRINTED_@ = 1\n@_hints = {}\nrelease = "rele"\nclass_code = m.group("class_code")\n'
    )
    word = "le" + "i"
    found = [name for _, name in pinyin_class_names(source.replace("@Hint", "Le" + "iHint").replace("@", word))]
    assert found == [f'r"^(?P<{word}>\\d{{3}})"', word, f'"{word}"', "Le" + "iHint", "MISPRINTED_" + word,
                     f"{word}_hints"]


def test_python_says_class_not_pinyin() -> None:
    found = [f"{path.relative_to(PROJECT_ROOT)}:{line} {name}"
             for tree in NAMED_TREES for path in sorted((PROJECT_ROOT / tree).rglob("*.py"))
             for line, name in pinyin_class_names(path.read_text(encoding="utf-8"))]
    assert not found, "类 is `class` (class_code, class_name, ClassHint; docs/glossary.md), not `lei`:\n" + \
        "\n".join(found)


def test_every_analysis_is_plain_sql_the_duckdb_shell_can_read() -> None:
    """The README sends users to `.read analyses/<file>.sql` in `make shell`: no Jinja (ref(), var()) there."""
    templated = [path.name for path in sorted((PROJECT_ROOT / "analyses").glob("*.sql"))
                 if "{{" in path.read_text(encoding="utf-8") or "{%" in path.read_text(encoding="utf-8")]
    assert not templated, f"analyses with Jinja, which the DuckDB shell cannot run: {templated}"
