"""The bundled example's final account (部门决算): the fictional department's 决算 for the year of its budget.

Every figure is derived from the bundled budget's expected facts (examples/expected/<budget>.json), so the
two documents describe the same body and year: each 项 of the budget is spent at a stated rate (a few under-
and over-spent, the rest about as planned), the 三公 budget is the budget's, the other income and the
balances close the template's identities exactly. Amounts are printed in 万元 with two decimals and are whole
hundreds of yuan, so no identity is off by display rounding. The 情况说明 states, 项 by 项, the 年初预算 (the
budget's figure), the 决算 and the 完成率, with a reason for every real gap; one clause carries a deliberate
mistake (its 完成率), which the warehouse reports (check F04) and seeds/acknowledged_findings.csv
acknowledges. Its other parts (totals, sources, 类 with their shares, 基本支出 with what 人员经费 and 公用经费
include) agree with the tables.

    python examples/generate_final.py            # rewrite the .txt and its expected .json beside the budget
    python examples/generate_final.py --check    # exit 1 when the committed files are out of step

The text has the shape of extracted text without positions, with every cell of a row printed (0.00 for a
blank), which is what a reader without positions needs (ingest/parse/final_account.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent
BUDGET_KEY = "example_culture_2025_dept"
FINAL_KEY = "example_culture_2025_final"
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
WAN = Decimal("10000")

# Share of its budget each 项 spends (general public budget; the budget's other income is spent apart).
# Not listed: spent at 99%.
SPENT: dict[str, Decimal] = {
    "2070101": Decimal("0.97"),
    "2070102": Decimal("0.78"),
    "2070104": Decimal("1.00"),
    "2070109": Decimal("1.08"),
    "2070112": Decimal("0.85"),
    "2070204": Decimal("1.15"),
    "2070308": Decimal("0.60"),
    "2079999": Decimal("0.95"),
    "2210203": Decimal("1.00"),
}
REASONS: dict[str, str] = {
    "2070101": "年内人员调出，人员经费相应减少",
    "2070102": "法律顾问和信息化运维项目经政府采购后合同价低于预算",
    "2070109": "年中追加公共文化服务配送场次",
    "2070112": "市场巡查改为与街镇联合开展，专项经费调减",
    "2070204": "汛期后追加两处不可移动文物抢险修缮",
    "2070308": "社区健身赛事部分改由社会力量承办",
    "2079999": "旅游宣传推广项目按进度支付",
}
USES: dict[str, str] = {
    "2070101": "局机关人员经费和日常运行经费",
    "2070102": "文化和旅游行业管理、法律顾问及信息化运维",
    "2070104": "区图书馆运行和公共阅读服务",
    "2070109": "区文化馆运行和公共文化服务配送",
    "2070112": "文化和旅游市场日常巡查和安全检查",
    "2070204": "不可移动文物日常养护和安全巡查",
    "2070308": "社区健身活动和群众体育赛事",
    "2079999": "旅游宣传推广",
}
# The deliberate mistake: this clause prints a 完成率 that its own two figures do not give.
MISPRINTED_RATE = ("2070112", Decimal("58.00"))
# The other income (事业单位其他收入) is the budget's; this much of it is spent on the 项 that received it.
OTHER_SPENT_SHARE = Decimal("0.80")
OPENING = {"all": Decimal("120000.00"), "fiscal": Decimal("50000.00")}
THREE_PUBLIC_FINAL = {"abroad": Decimal("0.00"), "reception": Decimal("9800.00"),
                      "vehicle_purchase": Decimal("0.00"), "vehicle_operation": Decimal("46200.00")}
CLASS_ORDINALS = "一二三四五六七八九十"


def hundreds(amount: Decimal) -> Decimal:
    """Whole hundreds of yuan (a 万元 figure with two decimals), half up."""
    return (amount / HUNDRED).quantize(Decimal("1"), ROUND_HALF_UP) * HUNDRED


def wan(amount: Decimal) -> str:
    return f"{(amount / WAN).quantize(Decimal('0.01'), ROUND_HALF_UP):,.2f}"


def yuan(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def rate(final: Decimal, budget: Decimal) -> Decimal:
    """完成率 in percent from the two 万元 figures as printed (two decimals)."""
    printed_final = Decimal(wan(final).replace(",", ""))
    printed_budget = Decimal(wan(budget).replace(",", ""))
    return (printed_final / printed_budget * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Figures:
    """The final account's figures (yuan), by 项 unless named otherwise."""

    budget: dict  # the budget's expected facts
    basic: dict[str, Decimal]  # general public 基本支出
    project: dict[str, Decimal]  # general public 项目支出
    other_project: dict[str, Decimal]  # 项目支出 from other income
    other_income: dict[str, Decimal]
    economic: dict[str, Decimal]  # economic 款 → 决算数 (general public basic)
    budget_by_code: dict[str, Decimal]  # the budget's general public total by 项

    def general_public(self, code: str) -> Decimal:
        return self.basic.get(code, ZERO) + self.project.get(code, ZERO)

    def all_funds(self, code: str) -> Decimal:
        return self.general_public(code) + self.other_project.get(code, ZERO)

    @property
    def codes(self) -> list[str]:
        return sorted(set(self.basic) | set(self.project) | set(self.other_project))


def derive() -> Figures:
    """The final account from the budget's expected facts; raises on a budget without general public rows."""
    budget = json.loads((EXAMPLES / "expected" / f"{BUDGET_KEY}.json").read_text(encoding="utf-8"))
    basic: dict[str, Decimal] = {}
    project: dict[str, Decimal] = {}
    budget_by_code: dict[str, Decimal] = {}
    for code, fund, kind, amount in budget["expenditure"]:
        if fund != "general_public":
            continue
        value = Decimal(amount)
        budget_by_code[code] = budget_by_code.get(code, ZERO) + value
        spent = hundreds(value * SPENT.get(code, Decimal("0.99")))
        (basic if kind == "basic" else project)[code] = spent
    if not budget_by_code:
        raise ValueError("the budget's expected facts have no general public expenditure")
    other_income = {code: Decimal(amount) for code, source, amount in budget["income"] if source == "other"}
    other_project = {code: hundreds(amount * OTHER_SPENT_SHARE) for code, amount in other_income.items()}
    # the economic breakdown of 基本支出: the budget's, scaled to the final 基本支出, remainder on the largest 款
    budget_economic = {code: Decimal(amount) for code, _, amount in budget["basic_economic"]}
    target = sum(basic.values(), ZERO)
    scale = target / sum(budget_economic.values(), ZERO)
    economic = {code: hundreds(amount * scale) for code, amount in budget_economic.items()}
    largest = max(economic, key=lambda code: economic[code])
    economic[largest] += target - sum(economic.values(), ZERO)
    return Figures(budget, basic, project, other_project, other_income, economic, budget_by_code)


def sum_by(figures: Iterable[tuple[str, Decimal]], length: int) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for code, amount in figures:
        totals[code[:length]] = totals.get(code[:length], ZERO) + amount
    return totals


def coded_rows(values: dict[str, list[Decimal]], names: dict[str, str]) -> list[str]:
    """类 / 款 / 项 rows (parents added up from the 项), every column printed, 合计 first."""
    lines: list[str] = []
    width = len(next(iter(values.values())))
    totals = [sum((row[i] for row in values.values()), ZERO) for i in range(width)]
    lines.append("合计 " + " ".join(wan(v) for v in totals))
    for class_code in sorted({code[:3] for code in values}):
        class_values = [sum((row[i] for code, row in values.items() if code.startswith(class_code)), ZERO) for i in range(width)]
        lines.append(f"{class_code} {names[class_code]} " + " ".join(wan(v) for v in class_values))
        for kuan in sorted({code[:5] for code in values if code.startswith(class_code)}):
            kuan_values = [sum((row[i] for code, row in values.items() if code.startswith(kuan)), ZERO)
                           for i in range(width)]
            lines.append(f"{class_code} {kuan[3:]} {names[kuan]} " + " ".join(wan(v) for v in kuan_values))
            for code in sorted(c for c in values if c.startswith(kuan)):
                lines.append(f"{class_code} {kuan[3:]} {code[5:]} {names[code]} " + " ".join(wan(v) for v in values[code]))
    return lines


def render(fig: Figures) -> str:
    budget = fig.budget
    names = budget["function_names"]
    economic_names = budget["economic_names"]
    department = budget["document"]["department_name"]
    year = budget["document"]["fiscal_year"]
    codes = fig.codes
    general_total = sum((fig.general_public(code) for code in codes), ZERO)
    other_income_total = sum(fig.other_income.values(), ZERO)
    other_spent = sum(fig.other_project.values(), ZERO)
    income_total = general_total + other_income_total
    expenditure_total = general_total + other_spent
    grand_total = income_total + OPENING["all"]
    closing = grand_total - expenditure_total
    fiscal_grand = general_total + OPENING["fiscal"]
    classes = sorted({code[:3] for code in codes})
    by_class_all = sum_by(((code, fig.all_funds(code)) for code in codes), 3)
    by_class_general = sum_by(((code, fig.general_public(code)) for code in codes), 3)

    out: list[str] = [department, f"{year}年度部门决算", "", "目 录", f"第一部分 {department}概况",
                      f"第二部分 {department}{year}年度部门决算表"]
    tables = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
              "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表",
              "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"]
    out += [f"{CLASS_ORDINALS[i]}、{title}" for i, title in enumerate(tables)]
    out += [f"第三部分 {department}{year}年度部门决算情况说明", "",
            f"第一部分 {department}概况",
            f"{department}是主管全区文化、旅游和文物工作的区政府工作部门。本部门决算包括本级以及下属2家单位。", "",
            f"第二部分 {department}{year}年度部门决算表"]

    # 一、收入支出决算总表
    out += ["一、收入支出决算总表", "单位：万元", "收入 支出", "项目 决算数 项目 决算数"]
    income_items = [("一、一般公共预算财政拨款收入", general_total), ("八、其他收入", other_income_total)]
    class_items = [(f"{CLASS_ORDINALS[i]}、{names[class_code]}", by_class_all[class_code]) for i, class_code in enumerate(classes)]
    for index in range(max(len(income_items), len(class_items))):
        left = f"{income_items[index][0]} {wan(income_items[index][1])}" if index < len(income_items) else ""
        right = f"{class_items[index][0]} {wan(class_items[index][1])}" if index < len(class_items) else ""
        out.append(f"{left} {right}".strip())
    out += [f"本年收入合计 {wan(income_total)} 本年支出合计 {wan(expenditure_total)}",
            f"年初结转和结余 {wan(OPENING['all'])} 年末结转和结余 {wan(closing)}",
            f"总计 {wan(grand_total)} 总计 {wan(grand_total)}", ""]

    # 二、收入决算表
    out += ["二、收入决算表", "单位：万元",
            "项目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入", "类 款 项"]
    income_rows = {code: [fig.general_public(code) + fig.other_income.get(code, ZERO), fig.general_public(code), ZERO,
                          ZERO, ZERO, ZERO, fig.other_income.get(code, ZERO)] for code in codes}
    out += coded_rows(income_rows, names) + [""]

    # 三、支出决算表
    out += ["三、支出决算表", "单位：万元",
            "项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出", "类 款 项"]
    expenditure_rows = {code: [fig.all_funds(code), fig.basic.get(code, ZERO),
                               fig.project.get(code, ZERO) + fig.other_project.get(code, ZERO), ZERO, ZERO, ZERO]
                        for code in codes}
    out += coded_rows(expenditure_rows, names) + [""]

    # 四、财政拨款收入支出决算总表
    out += ["四、财政拨款收入支出决算总表", "单位：万元", "收入 支出",
            "项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款"]
    fiscal_income = [("一、一般公共预算财政拨款", general_total)]
    fiscal_classes = [(f"{CLASS_ORDINALS[i]}、{names[class_code]}", by_class_general[class_code]) for i, class_code in enumerate(classes)]
    for index in range(max(len(fiscal_income), len(fiscal_classes))):
        left = f"{fiscal_income[index][0]} {wan(fiscal_income[index][1])}" if index < len(fiscal_income) else ""
        right = ""
        if index < len(fiscal_classes):
            label, amount = fiscal_classes[index]
            right = f"{label} {wan(amount)} {wan(amount)} 0.00 0.00"
        out.append(f"{left} {right}".strip())
    out += [f"本年收入合计 {wan(general_total)} 本年支出合计 {wan(general_total)} {wan(general_total)} 0.00 0.00",
            f"年初财政拨款结转和结余 {wan(OPENING['fiscal'])} "
            f"年末财政拨款结转和结余 {wan(OPENING['fiscal'])} {wan(OPENING['fiscal'])} 0.00 0.00",
            f"一般公共预算财政拨款 {wan(OPENING['fiscal'])}",
            f"总计 {wan(fiscal_grand)} 总计 {wan(fiscal_grand)} {wan(fiscal_grand)} 0.00 0.00", ""]

    # 五、一般公共预算财政拨款支出决算表
    out += ["五、一般公共预算财政拨款支出决算表", "单位：万元", "项目 合计 基本支出 项目支出", "类 款 项"]
    general_rows = {code: [fig.general_public(code), fig.basic.get(code, ZERO), fig.project.get(code, ZERO)]
                    for code in codes}
    out += coded_rows(general_rows, names) + [""]

    # 六、一般公共预算财政拨款基本支出决算表 (two-sided: 人员经费 301 / 303 | 公用经费 302 / 310)
    out += ["六、一般公共预算财政拨款基本支出决算表", "单位：万元",
            "经济分类科目编码 科目名称 决算数 经济分类科目编码 科目名称 决算数"]
    left_codes = [c for c in sorted(fig.economic) if c[:3] in ("301", "303")]
    right_codes = [c for c in sorted(fig.economic) if c[:3] not in ("301", "303")]

    def economic_lines(chosen: list[str]) -> list[str]:
        rows: list[str] = []
        for class_code in sorted({code[:3] for code in chosen}):
            total = sum((fig.economic[c] for c in chosen if c.startswith(class_code)), ZERO)
            rows.append(f"{class_code} {economic_names[class_code]} {wan(total)}")
            rows += [f"{class_code} {c[3:]} {economic_names[c]} {wan(fig.economic[c])}" for c in chosen if c.startswith(class_code)]
        return rows

    lefts, rights = economic_lines(left_codes), economic_lines(right_codes)
    for index in range(max(len(lefts), len(rights))):
        out.append(" ".join(part for part in (lefts[index] if index < len(lefts) else "",
                                              rights[index] if index < len(rights) else "") if part))
    personnel = sum((fig.economic[c] for c in left_codes), ZERO)
    public = sum((fig.economic[c] for c in right_codes), ZERO)
    out += [f"人员经费合计 {wan(personnel)} 公用经费合计 {wan(public)}", ""]

    # 七、财政拨款“三公”经费支出决算表
    three_budget = {item: Decimal(budget["three_public"][item]) for item in THREE_PUBLIC_FINAL}
    three_final = THREE_PUBLIC_FINAL

    def three_row(values: dict[str, Decimal]) -> list[Decimal]:
        vehicle = values["vehicle_purchase"] + values["vehicle_operation"]
        return [values["abroad"] + vehicle + values["reception"], values["abroad"], vehicle, values["vehicle_purchase"],
                values["vehicle_operation"], values["reception"]]

    pairs = [wan(value) for pair in zip(three_row(three_budget), three_row(three_final), strict=True) for value in pair]
    out += ["七、财政拨款“三公”经费支出决算表", "单位：万元",
            "合计 因公出国（境）费 公务用车购置及运行费 公务接待费", "小计 公务用车购置费 公务用车运行费",
            " ".join(["预算数 决算数"] * 6), " ".join(pairs), ""]

    # 八、九: printed empty, with the template's note
    for ordinal, title, fund in (("八", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算"),
                                 ("九", "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算")):
        out += [f"{ordinal}、{title}", "单位：万元", "项目 年初结转和结余 本年收入 本年支出 年末结转和结余",
                "小计 基本支出 项目支出", "类 款 项", "合计",
                f"注：本部门{year}年度无{fund}财政拨款收入和支出，故本表无数据。", ""]

    # 第三部分 情况说明: the totals, sources, types and 类 with their shares (checks F12, F13), then the
    # execution clauses, then 基本支出 with what 人员经费 / 公用经费 include (F14)
    general_budget = sum(fig.budget_by_code.values(), ZERO)
    basic_all = sum(fig.basic.values(), ZERO)
    project_all = expenditure_total - basic_all
    structure = "；".join(f"{names[class_code]}（类）{wan(by_class_general[class_code])}万元，占{share(by_class_general[class_code], general_total)}%"
                         for class_code in classes)
    out += [f"第三部分 {department}{year}年度部门决算情况说明",
            "一、收入支出决算总体情况说明",
            f"{department}{year}年度收入支出总计{wan(grand_total)}万元。",
            "二、收入决算情况说明",
            f"本年收入合计{wan(income_total)}万元，其中：财政拨款收入{wan(general_total)}万元，占"
            f"{share(general_total, income_total)}%；其他收入{wan(other_income_total)}万元，占"
            f"{share(other_income_total, income_total)}%。",
            "三、支出决算情况说明",
            f"本年支出合计{wan(expenditure_total)}万元，其中：基本支出{wan(basic_all)}万元，占"
            f"{share(basic_all, expenditure_total)}%；项目支出{wan(project_all)}万元，占"
            f"{share(project_all, expenditure_total)}%。",
            "四、财政拨款收入支出决算总体情况说明",
            f"{department}{year}年度财政拨款收入支出总计{wan(fiscal_grand)}万元。",
            "五、一般公共预算财政拨款支出决算情况说明", "（一）一般公共预算财政拨款支出决算总体情况",
            f"一般公共预算财政拨款支出{wan(general_total)}万元，占本年支出合计的{share(general_total, expenditure_total)}%。",
            "（二）一般公共预算财政拨款支出决算结构情况",
            f"一般公共预算财政拨款支出{wan(general_total)}万元，主要用于以下方面：{structure}。",
            "（三）一般公共预算财政拨款支出决算具体情况",
            f"一般公共预算财政拨款支出年初预算为{wan(general_budget)}万元，支出决算为{wan(general_total)}万元，"
            f"完成年初预算的{rate(general_total, general_budget)}%。"
            + direction_sentence(general_total, general_budget, "公共文化服务配送和文物抢险修缮追加，部分项目经采购后调减")
            + "其中："]
    for number, code in enumerate(sorted(fig.budget_by_code), start=1):
        final, planned = fig.general_public(code), fig.budget_by_code[code]
        stated_rate = MISPRINTED_RATE[1] if code == MISPRINTED_RATE[0] else rate(final, planned)
        use = USES.get(code, "在职及退休人员的社会保障、医疗和住房支出")
        out.append(
            f"{number}、{names[code[:3]]}（类）{names[code[:5]]}（款）{names[code]}（项）。主要用于{use}。"
            f"年初预算为{wan(planned)}万元，支出决算为{wan(final)}万元，完成年初预算的{stated_rate}%。"
            + direction_sentence(final, planned, REASONS.get(code, ""))
        )
    listed = {side: "、".join(economic_names[c] for c in chosen if fig.economic[c] != 0)
              for side, chosen in (("personnel", left_codes), ("public", right_codes))}
    out += ["六、一般公共预算财政拨款基本支出决算情况说明",
            f"一般公共预算财政拨款基本支出{wan(basic_all)}万元。其中：人员经费{wan(personnel)}万元，主要包括："
            f"{listed['personnel']}；公用经费{wan(public)}万元，主要包括：{listed['public']}。"]
    three_budget_total, three_final_total = three_row(three_budget)[0], three_row(three_final)[0]
    out += ["七、财政拨款“三公”经费支出决算情况说明",
            f"“三公”经费财政拨款支出年初预算为{wan(three_budget_total)}万元，支出决算为{wan(three_final_total)}万元，"
            f"完成预算的{rate(three_final_total, three_budget_total)}%。"
            + direction_sentence(three_final_total, three_budget_total, "因公出国（境）计划取消，公务接待从严控制"),
            ""]
    return "\n".join(out)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """A stated share in percent, two decimals, of two printed 万元 figures (whole hundreds of yuan, so exact)."""
    return (part / whole * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def direction_sentence(final: Decimal, planned: Decimal, reason: str) -> str:
    """The wording of the template: 基本持平 within 2 %, else 小于 / 大于 with the reason."""
    if abs(final - planned) <= planned * Decimal("0.02"):
        return "决算数与预算数基本持平。"
    word = "小于" if final < planned else "大于"
    return f"决算数{word}预算数的主要原因：{reason}。"


def expected(fig: Figures) -> dict:
    """The facts the final account publishes, in the corpus' final-account format (corpus README)."""
    budget = fig.budget
    codes = fig.codes
    expenditure = []
    for fund in ("all", "general_public"):
        for code in codes:
            basic = fig.basic.get(code, ZERO)
            project = fig.project.get(code, ZERO) + (fig.other_project.get(code, ZERO) if fund == "all" else ZERO)
            expenditure += [[code, fund, kind, yuan(v)] for kind, v in (("basic", basic), ("project", project)) if v]
    income = []
    for code in codes:
        income.append([code, "fiscal_appropriation", yuan(fig.general_public(code))])
        if fig.other_income.get(code):
            income.append([code, "other", yuan(fig.other_income[code])])
    general_total = sum((fig.general_public(code) for code in codes), ZERO)
    other_income_total = sum(fig.other_income.values(), ZERO)
    expenditure_total = general_total + sum(fig.other_project.values(), ZERO)
    grand = general_total + other_income_total + OPENING["all"]
    three_budget = {item: yuan(Decimal(budget["three_public"][item])) for item in THREE_PUBLIC_FINAL}
    execution = []
    for code in sorted(fig.budget_by_code):
        final, planned = fig.general_public(code), fig.budget_by_code[code]
        stated = MISPRINTED_RATE[1] if code == MISPRINTED_RATE[0] else rate(final, planned)
        execution.append([code, yuan(hundreds(planned)), yuan(final), f"{stated}%"])
    general_budget = sum(fig.budget_by_code.values(), ZERO)
    three_budget_total = sum((Decimal(budget["three_public"][item]) for item in THREE_PUBLIC_FINAL), ZERO)
    three_final_total = sum(THREE_PUBLIC_FINAL.values(), ZERO)
    names = {code: name for code, name in budget["function_names"].items()
             if any(c.startswith(code) for c in codes)}
    economic_names = {code: name for code, name in budget["economic_names"].items()}
    misprinted_code, misprinted_rate = MISPRINTED_RATE
    right = rate(fig.general_public(misprinted_code), fig.budget_by_code[misprinted_code])
    return {
        "doc_key": FINAL_KEY,
        "source": f"{FINAL_KEY}.txt",
        "document": {**budget["document"], "kind": "final_account", "template": "final_account", "amount_unit": "万元"},
        "expenditure": expenditure,
        "income": income,
        "basic_economic": [[code, "personnel" if code[:3] in ("301", "303") else "public", yuan(amount)]
                           for code, amount in sorted(fig.economic.items())],
        "three_public": {"budget": three_budget, "final": {k: yuan(v) for k, v in THREE_PUBLIC_FINAL.items()}},
        "balances": [["all", "opening", yuan(OPENING["all"])], ["all", "closing", yuan(grand - expenditure_total)],
                     ["fiscal", "opening", yuan(OPENING["fiscal"])], ["fiscal", "closing", yuan(OPENING["fiscal"])]],
        "published_totals": {
            "income_total": yuan(general_total + other_income_total), "expenditure_total": yuan(expenditure_total),
            "grand_total": yuan(grand), "income_total_fiscal": yuan(general_total),
            "expenditure_total_fiscal": yuan(general_total), "grand_total_fiscal": yuan(general_total + OPENING["fiscal"]),
        },
        "function_names": names,
        "economic_names": economic_names,
        "execution_narrative": execution,
        "execution_narrative_total": {
            "general_public": [yuan(hundreds(general_budget)), yuan(general_total),
                               f"{rate(general_total, general_budget)}%"],
            "three_public": [yuan(three_budget_total), yuan(three_final_total),
                             f"{rate(three_final_total, three_budget_total)}%"],
        },
        "missing_tables": [],
        "self_inconsistencies": [
            f"NARRATIVE (deliberate): clause of {misprinted_code} prints 完成年初预算的{misprinted_rate}%, "
            f"its own figures give {right}% (check F04, acknowledged)."
        ],
        "notes": "Fictional, derived from the bundled budget by examples/generate_final.py; every cell of a row printed.",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files are out of step")
    args = parser.parse_args(argv)
    figures = derive()
    outputs = {
        EXAMPLES / f"{FINAL_KEY}.txt": render(figures) + "\n",
        EXAMPLES / "expected" / f"{FINAL_KEY}.json": json.dumps(expected(figures), ensure_ascii=False, indent=1) + "\n",
    }
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path} is out of step: run python examples/generate_final.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
