"""The bundled fictional example: committed files are current, and the document is self-consistent.

The checks recompute everything from leaf amounts, independently of how `examples/generate.py` builds
its figures: identities on the expected facts, then every printed cell of the rendered text
against those facts (so a parent row, a 合计 row or a narrative figure that drifts is caught).
"""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import EXAMPLES_DIR
from examples import generate as example

TEXT_PATH = EXAMPLES_DIR / f"{example.DOC_KEY}.txt"
JSON_PATH = EXAMPLES_DIR / "expected" / f"{example.DOC_KEY}.json"
REGENERATE = "regenerate with: python examples/generate.py"

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
YEAR = example.FISCAL_YEAR
NUMBER = r"-?[\d,]+\.\d\d"


# --------------------------------------------------------------------------- (a) committed files


def test_committed_text_is_current() -> None:
    assert TEXT_PATH.is_file(), f"{TEXT_PATH} is missing; {REGENERATE}"
    assert TEXT_PATH.read_text(encoding="utf-8") == example.render_example_document(), \
        f"{TEXT_PATH.name} differs from what the generator renders; {REGENERATE}"


def test_committed_expected_is_current() -> None:
    assert JSON_PATH.is_file(), f"{JSON_PATH} is missing; {REGENERATE}"
    committed = json.loads(JSON_PATH.read_text(encoding="utf-8"))
    assert committed == example.example_expected(), \
        f"{JSON_PATH.name} differs from example_expected(); {REGENERATE}"
    assert JSON_PATH.read_text(encoding="utf-8") == example.expected_json(), f"formatting drift; {REGENERATE}"


def test_example_is_fictional() -> None:
    text = example.render_example_document()
    for real in ("普陀", "松江", "万里", "商务委员会", "人力资源和社会保障局"):
        assert real not in text, f"the example mentions {real!r}, which belongs to a real document"


# --------------------------------------------------------------------------- helpers


def dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def wan(amount: Decimal) -> Decimal:
    return (amount / 10000).quantize(CENT, rounding=ROUND_HALF_UP)


def sums(rows: list[list[str]], key_len: int, value_index: int = -1) -> dict[tuple, Decimal]:
    out: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        out[tuple(row[:key_len])] += dec(row[value_index])
    return dict(out)


def prefix_sum(cells: dict[tuple, Decimal], prefix: str, *rest: str) -> Decimal:
    return sum((v for k, v in cells.items() if k[0].startswith(prefix) and k[1:] == rest), ZERO)


# --------------------------------------------------------------------------- (b) identities on the facts


def fact_violations(expected: dict) -> list[str]:
    """Every template identity that can be checked on the expected facts alone."""
    problems: list[str] = []

    def same(label: str, a: Decimal, b: Decimal) -> None:
        if a != b:
            problems.append(f"{label}: {a} != {b}")

    totals = {k: dec(v) for k, v in expected["published_totals"].items()}
    income = sums(expected["income"], 2)  # (code, source)
    spend = sums(expected["expenditure"], 3)  # (code, fund_type, expenditure_type)
    economic = sums(expected["basic_economic"], 2)  # (code, cost_type)

    def spend_total(fund: str, kind: str | None = None) -> Decimal:
        return sum((v for (_, f, k), v in spend.items() if f == fund and kind in (None, k)), ZERO)

    income_total = sum(income.values(), ZERO)
    same("Σ income = income_total", income_total, totals["income_total"])
    same("Σ expenditure(all) = expenditure_total", spend_total("all"), totals["expenditure_total"])
    same("income_total = expenditure_total", totals["income_total"], totals["expenditure_total"])
    same("Σ basic(all) = basic_total", spend_total("all", "basic"), totals["basic_total"])
    same("Σ project(all) = project_total", spend_total("all", "project"), totals["project_total"])
    same("basic_total + project_total = expenditure_total",
         totals["basic_total"] + totals["project_total"], totals["expenditure_total"])
    same("Σ general_public = general_public_total", spend_total("general_public"),
         totals["general_public_total"])
    fiscal = sum((v for (_, s), v in income.items() if s == "fiscal_appropriation"), ZERO)
    same("Σ income fiscal_appropriation = fiscal_appropriation_total", fiscal,
         totals["fiscal_appropriation_total"])
    other_funds = spend_total("government_fund") + spend_total("state_capital")
    same("fiscal appropriation = general public + government fund + state capital",
         totals["fiscal_appropriation_total"], totals["general_public_total"] + other_funds)

    codes = {c for c, *_ in expected["income"]} | {c for c, *_ in expected["expenditure"]}
    for code in sorted(codes):
        code_income = sum((v for (c, _), v in income.items() if c == code), ZERO)
        code_spend = sum((v for (c, f, _), v in spend.items() if c == code and f == "all"), ZERO)
        same(f"{code}: income (all sources) = expenditure (all funds)", code_income, code_spend)
        code_fiscal = income.get((code, "fiscal_appropriation"), ZERO)
        code_fiscal_spend = sum((v for (c, f, _), v in spend.items() if c == code and f != "all"), ZERO)
        same(f"{code}: 财政拨款收入 = fiscal expenditure", code_fiscal, code_fiscal_spend)
        for kind in ("basic", "project"):
            fiscal_cell = sum((spend.get((code, f, kind), ZERO)
                               for f in ("general_public", "government_fund", "state_capital")), ZERO)
            if fiscal_cell > spend.get((code, "all", kind), ZERO):
                problems.append(f"{code} {kind}: fiscal {fiscal_cell} exceeds all funds "
                                f"{spend.get((code, 'all', kind), ZERO)}")

    same("Σ basic_economic = Σ general_public basic", sum(economic.values(), ZERO),
         spend_total("general_public", "basic"))
    for (code, cost_type), _ in economic.items():
        wanted = example.ECONOMIC_COST_TYPE.get(code[:3])
        if cost_type != wanted:
            problems.append(f"economic {code} is {cost_type}, its 类 {code[:3]} is {wanted}")

    # The 三公 figures are the matching economic 款 (this example's design, as in the corpus).
    three = {k: dec(v) for k, v in expected["three_public"].items()}
    for item, code in (("abroad", "30212"), ("reception", "30217"), ("vehicle_operation", "30231")):
        same(f"三公 {item} = economic {code}", three[item], prefix_sum(economic, code, "public"))

    for names, leaves, levels in (
        (expected["function_names"], codes, (3, 5, 7)),
        (expected["economic_names"], {c for c, _ in economic}, (3, 5)),
    ):
        needed = {leaf[:n] for leaf in leaves for n in levels}
        if set(names) != needed:
            problems.append(f"printed codes {sorted(set(names) ^ needed)} do not match the amounts")
    return problems


# --------------------------------------------------------------------------- reading the rendered text


def table_lines(text: str, title: str) -> list[str]:
    """Lines of one table: from its title to the next table title or section heading."""
    lines = text.splitlines()
    start = lines.index(f"{YEAR}年部门{title}")
    end = start + 1
    while end < len(lines) and not (re.match(rf"^{YEAR}年部门.*表$", lines[end])
                                    or lines[end] == "其他相关情况说明"):
        end += 1
    while not lines[end - 1]:  # the page break before the next section
        end -= 1
    return lines[start:end]


CODE_ROW = re.compile(r"^(\d{3})((?: \d{2}){0,2}) (\D+?)((?: " + NUMBER + r")*)$")


def coded_rows(lines: list[str]) -> Iterator[tuple[str, str, list[str]]]:
    """(code, name, printed numbers) per coded row, joining names wrapped over lines."""
    i = 0
    while i < len(lines):
        match = CODE_ROW.match(lines[i])
        i += 1
        if not match:
            continue
        code = match[1] + match[2].replace(" ", "")
        name, numbers = match[3], match[4].split()
        while not numbers and i < len(lines) and not CODE_ROW.match(lines[i]):
            if re.fullmatch(rf"{NUMBER}(?: {NUMBER})*", lines[i]):
                numbers = lines[i].split()
            else:
                name += lines[i].strip()
            i += 1
        yield code, name, numbers


def total_row(lines: list[str]) -> list[str]:
    rows = [line.split()[1:] for line in lines if line.startswith("合计 ")]
    assert len(rows) == 1, f"expected one 合计 row, found {rows}"
    return rows[0]


def printed(cells: list[Decimal]) -> tuple[list[str], list[str]]:
    """A row printed in full, or with its blank (zero) cells as nothing."""
    full = [f"{c:,.2f}" for c in cells]
    return full, [f"{c:,.2f}" for c in cells if c != ZERO]


def check_coded_table(text: str, title: str, names: dict[str, str],
                      cells_for: Callable[[str], list[Decimal]]) -> list[str]:
    problems = []
    lines = table_lines(text, title)
    seen = []
    for code, name, numbers in coded_rows(lines):
        seen.append(code)
        if names.get(code) != name:
            problems.append(f"{title} {code}: printed name {name!r}, facts say {names.get(code)!r}")
        if numbers not in printed(cells_for(code)):
            problems.append(f"{title} {code}: printed {numbers}, facts give {printed(cells_for(code))[0]}")
    if sorted(seen) != sorted(names):
        problems.append(f"{title}: printed codes {seen} != named codes {sorted(names)}")
    if len(seen) != len(set(seen)):
        problems.append(f"{title}: a row is printed twice: {seen}")
    if total_row(lines) not in printed(cells_for("")):
        problems.append(f"{title} 合计: printed {total_row(lines)}, facts give {printed(cells_for(''))[0]}")
    return problems


def amount_after(lines: list[str], label: str) -> list[Decimal]:
    text = "\n".join(lines)
    match = re.search(re.escape(label) + rf"((?: {NUMBER})*)", text)
    assert match, f"{label!r} not found"
    return [dec(n) for n in match[1].split()]


def text_violations(expected: dict, text: str) -> list[str]:
    problems: list[str] = []
    income = sums(expected["income"], 2)
    spend = sums(expected["expenditure"], 3)
    economic = sums(expected["basic_economic"], 2)
    fnames, enames = expected["function_names"], expected["economic_names"]

    def income_cells(p: str) -> list[Decimal]:
        parts = [prefix_sum(income, p, s) for s in ("fiscal_appropriation", "business", "operating", "other")]
        return [sum(parts, ZERO), *parts]

    def spend_cells(fund: str):
        def cells(p: str) -> list[Decimal]:
            parts = [prefix_sum(spend, p, fund, k) for k in ("basic", "project")]
            return [sum(parts, ZERO), *parts]
        return cells

    def economic_cells(p: str) -> list[Decimal]:
        parts = [prefix_sum(economic, p, k) for k in ("personnel", "public")]
        return [sum(parts, ZERO), *parts]

    problems += check_coded_table(text, "收入预算总表", fnames, income_cells)
    problems += check_coded_table(text, "支出预算总表", fnames, spend_cells("all"))
    problems += check_coded_table(text, "一般公共预算支出功能分类预算表", fnames, spend_cells("general_public"))
    problems += check_coded_table(text, "一般公共预算基本支出部门预算经济分类预算表", enames, economic_cells)
    for title in ("政府性基金预算支出功能分类预算表", "国有资本经营预算支出功能分类预算表"):
        lines = table_lines(text, title)
        if list(coded_rows(lines)) or "合计" not in lines or not lines[-1].endswith("故本表为空表。"):
            problems.append(f"{title} should be printed empty with its note")

    def same(label: str, printed_values: list[Decimal], wanted: list[Decimal]) -> None:
        if printed_values != wanted:
            problems.append(f"{label}: printed {printed_values}, facts give {wanted}")

    totals = {k: dec(v) for k, v in expected["published_totals"].items()}
    lines = table_lines(text, "财务收支预算总表")
    same("财务收支 财政拨款收入", amount_after(lines, "一、财政拨款收入"), [totals["fiscal_appropriation_total"]])
    same("财务收支 一般公共预算资金", amount_after(lines, "1. 一般公共预算资金"), [totals["general_public_total"]])
    other = prefix_sum(income, "", "other")
    same("财务收支 其他收入", amount_after(lines, "四、其他收入"), [other] if other else [])
    same("财务收支 收入总计", amount_after(lines, "收入总计"), [totals["income_total"]])
    same("财务收支 支出总计", amount_after(lines, "支出总计"), [totals["expenditure_total"]])
    fiscal_lines = table_lines(text, "财政拨款收支预算总表")
    for code in (c for c in fnames if len(c) == 3):
        same(f"财务收支 {code}", amount_after(lines, f"、{fnames[code]}"), [spend_cells("all")(code)[0]])
        gp = spend_cells("general_public")(code)[0]
        same(f"财政拨款收支 {code}", amount_after(fiscal_lines, f"、{fnames[code]}"), [gp, gp])
    same("财政拨款收支 一般公共预算资金", amount_after(fiscal_lines, "一、一般公共预算资金"),
         [totals["general_public_total"]])
    same("财政拨款收支 收入总计", amount_after(fiscal_lines, "收入总计"), [totals["fiscal_appropriation_total"]])
    same("财政拨款收支 支出总计", amount_after(fiscal_lines, "支出总计"),
         [totals["fiscal_appropriation_total"], totals["general_public_total"]])

    # 三公 (万元): 合计 出国 接待 小计 购置 运行 机关运行经费, with 合计 and 小计 as published identities.
    figures = [Decimal(n) for n in table_lines(text, "“三公”经费和机关运行经费预算表")[-1].split()]
    total, abroad, reception, vehicles, purchase, operation, fund = figures
    same("三公 合计 = 出国 + 接待 + 公车", [total], [abroad + reception + vehicles])
    same("三公 小计 = 购置 + 运行", [vehicles], [purchase + operation])
    three = expected["three_public"]
    for item, value in (("abroad", abroad), ("reception", reception), ("vehicle_purchase", purchase),
                        ("vehicle_operation", operation), ("operation_fund", fund)):
        same(f"三公 {item} (万元 x 10000)", [value * 10000], [dec(three[item])])

    problems += narrative_violations(expected, text, spend_cells("general_public"))
    problems += project_violations(expected, text)
    return problems


def narrative_violations(expected: dict, text: str, gp_cells) -> list[str]:
    problems = []
    start = text.index(f"{YEAR}年部门预算编制说明")
    body = text[start:text.index(f"{YEAR}年部门财务收支预算总表", start)].replace("\n", "")
    totals = {k: dec(v) for k, v in expected["published_totals"].items()}
    for label, key in (("收入预算", "income_total"), ("财政拨款收入", "fiscal_appropriation_total"),
                       ("支出预算", "expenditure_total"), ("一般公共预算拨款支出预算", "general_public_total")):
        match = re.search(re.escape(label) + r"([\d,]+\.\d\d)万元", body)
        if not match or dec(match[1]) != wan(totals[key]):
            problems.append(f"narrative {label}: {match and match[1]} vs {wan(totals[key])}万元")
    names = expected["function_names"]
    by_names = {(names[c[:3]], names[c[:5]], names[c]): c for c in names if len(c) == 7}
    listed = re.findall(r"“(.+?)（类）(.+?)（款）(.+?)（项）”科目([\d.]+)万元", body)
    fiscal_codes = {c for c, f, *_ in expected["expenditure"] if f == "general_public"}
    if {by_names.get(item[:3]) for item in listed} != fiscal_codes:
        problems.append(f"narrative items {[item[:3] for item in listed]} do not list every fiscal 项")
    for *item_names, amount in listed:
        code = by_names.get(tuple(item_names))
        if code and Decimal(amount) != wan(gp_cells(code)[0]):
            problems.append(f"narrative {code}: {amount}万元 vs table {gp_cells(code)[0]}")
    return problems


def project_violations(expected: dict, text: str) -> list[str]:
    problems = []
    found = []
    for page in text.split("\n\n"):
        lines = page.splitlines()
        if not lines or not lines[0].endswith("项目经费情况说明"):
            continue
        name = lines[0].removesuffix("项目经费情况说明")
        unit = lines[lines.index("三、实施主体") + 1]
        plan = "".join(lines[lines.index("六、年度预算安排") + 1:lines.index("七、绩效目标")])
        match = re.fullmatch(r"年度预算资金([\d.]+)元，主要用于：(.+)。", plan)
        if not match:
            problems.append(f"project {name}: unreadable 年度预算安排 {plan!r}")
            continue
        items = re.findall(r"([^、]+?)([\d.]+)元", match[2])
        item_sum = sum((Decimal(a) for _, a in items), ZERO)
        if item_sum != Decimal(match[1]):
            problems.append(f"project {name}: items {items} add up to {item_sum}, total {match[1]}")
        found.append([name, unit, f"{Decimal(match[1]):.2f}"])
    if found != expected["projects"]:
        problems.append(f"projects printed {found} != facts {expected['projects']}")
    return problems


# --------------------------------------------------------------------------- (b) tests


def test_facts_satisfy_template_identities() -> None:
    problems = fact_violations(example.example_expected())
    assert not problems, "\n".join(problems)


def test_rendered_text_agrees_with_facts() -> None:
    problems = text_violations(example.example_expected(), example.render_example_document())
    assert not problems, "\n".join(problems)


def test_example_exercises_the_hard_cases() -> None:
    """The layout features the example exists for are really in the text."""
    text = example.render_example_document()
    income = table_lines(text, "收入预算总表")
    assert any(numbers and len(numbers) < 5 for *_, numbers in coded_rows(income)), "no blank-as-nothing row"
    assert any(" 0.00" in line for line in income), "no explicit 0.00 cells"
    wrapped = [line for line in income if CODE_ROW.match(line) is None and re.fullmatch(r"\D+", line)
               and not line.startswith(("项目", "功能", "事业", "经营", "类", f"{YEAR}", "编制"))]
    assert wrapped, "no wrapped name"
    gp = table_lines(text, "一般公共预算支出功能分类预算表")
    assert gp.count("功能分类科目名称 合计 基本支出 项目支出") == 2, "no repeated header after a page break"
    facts = example.example_expected()
    assert facts["published_totals"]["income_total"] != facts["published_totals"]["fiscal_appropriation_total"]


def leaf_paths(expected: dict) -> Iterator[tuple[str, object, object]]:
    """(label, container, key) of every amount in the facts."""
    for section in ("expenditure", "income", "basic_economic", "projects"):
        for row in expected[section]:
            yield f"{section} {row[:-1]}", row, len(row) - 1
    for key in expected["three_public"]:
        yield f"three_public {key}", expected["three_public"], key
    for key in expected["published_totals"]:
        yield f"published_totals {key}", expected["published_totals"], key


def test_identity_checks_catch_any_perturbed_amount() -> None:
    """Perturbing any single amount of the facts by one cent must break some identity."""
    base = example.example_expected()
    text = example.render_example_document()
    assert not fact_violations(base) and not text_violations(base, text), "the unperturbed example fails"
    missed = []
    for index, (label, _, _) in enumerate(leaf_paths(base)):
        perturbed = copy.deepcopy(base)
        _, container, key = list(leaf_paths(perturbed))[index]
        container[key] = f"{dec(container[key]) + CENT:.2f}"
        if not fact_violations(perturbed) and not text_violations(perturbed, text):
            missed.append(label)
    assert not missed, f"these perturbed amounts went unnoticed: {missed}"


def table_amount_lines() -> list[int]:
    """Indexes of the rendered lines that print table amounts (inside a table, not the narrative)."""
    lines = example.render_example_document().splitlines()
    found, in_table = [], False
    for index, line in enumerate(lines):
        if line.startswith(f"{YEAR}年部门") or line == "其他相关情况说明":
            in_table = line.endswith("表")
        elif in_table and re.search(NUMBER, line) and not line.startswith("编制部门"):
            found.append(index)
    return found


@pytest.mark.parametrize("line_index", table_amount_lines())
def test_text_checks_catch_a_perturbed_printed_amount(line_index: int) -> None:
    """Changing the first printed amount of any table line by one yuan must be noticed."""
    text = example.render_example_document()
    assert not text_violations(example.example_expected(), text), "the unperturbed example fails"
    lines = text.splitlines()
    lines[line_index] = re.sub(NUMBER, lambda m: f"{dec(m[0]) + 1:,.2f}", lines[line_index], count=1)
    assert text_violations(example.example_expected(), "\n".join(lines)), \
        f"a changed amount on line {line_index + 1} went unnoticed: {lines[line_index]}"
