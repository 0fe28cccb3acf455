"""A small, entirely fictional department budget disclosure, bundled as a runnable example.

`render_example_document()` prints it in the text form pdfplumber's `extract_text()` gives for the
Shanghai district disclosures (see ../shared/corpus), and `example_expected()` returns the facts it
publishes in the corpus' expected-facts structure (docs: EXPECTED_FORMAT.md). Both are derived from
the leaf amounts below, so the document cannot disagree with itself or with its expected facts.

The region, department, units, projects and every amount are invented. Only the national
classification codes and their official names are real (they are public standards).

    python examples/generate.py            # rewrites the bundled example and its expected facts
    python -m examples.generate OUTPUT.txt [--expected OUTPUT.json]

It lives beside the example rather than in `ingest/`: it is a fixture generator and imports nothing
from the ingest, so the parser can never be used to produce the text it is tested on.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import zip_longest
from pathlib import Path

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
WAN = Decimal("10000")

REGION = "上海市示例区"
DEPARTMENT = "上海市示例区文化和旅游局"
FISCAL_YEAR = 2025
DOC_KEY = "example_culture_2025_dept"
SOURCE_FILE = f"{DOC_KEY}.txt"

# pdfplumber wraps the corpus' narrative at about 60 CJK characters (120 display columns).
LINE_WIDTH = 120


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class FunctionLeaf:
    """One 项 (7-digit function code) with its general-public (财政拨款) basic and project money.

    `other_project` is project spending financed by 其他收入: it appears in the all-funds tables
    (收入预算总表, 支出预算总表) but not in the 一般公共预算 table.
    """

    code: str
    name: str
    purpose: str
    basic: Decimal = ZERO
    project: Decimal = ZERO
    other_project: Decimal = ZERO

    @property
    def fiscal(self) -> Decimal:
        return self.basic + self.project

    @property
    def all_project(self) -> Decimal:
        return self.project + self.other_project

    @property
    def total(self) -> Decimal:
        return self.fiscal + self.other_project


@dataclass(frozen=True)
class EconomicLeaf:
    code: str  # 5-digit 款
    name: str
    amount: Decimal


@dataclass(frozen=True)
class Project:
    name: str
    unit: str
    overview: str
    basis: str
    plan: str
    period: str
    items: tuple[tuple[str, Decimal], ...]

    @property
    def amount(self) -> Decimal:
        return sum((amount for _, amount in self.items), ZERO)


# 类 and 款 names (national standard); 项 names live on the leaves.
FUNCTION_PARENT_NAMES: dict[str, str] = {
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "20702": "文物",
    "20703": "体育",
    "20799": "其他文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "20899": "其他社会保障和就业支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}

D = Decimal
FUNCTION_LEAVES: tuple[FunctionLeaf, ...] = (
    FunctionLeaf("2070101", "行政运行", "局机关人员经费和日常运行经费",
                 basic=D("4620318.52"), project=D("60000.00")),
    FunctionLeaf("2070102", "一般行政管理事务", "文化和旅游行业管理、法律顾问及信息化运维",
                 project=D("1245600.00")),
    FunctionLeaf("2070104", "图书馆", "区图书馆运行和公共阅读服务",
                 basic=D("3164507.40"), project=D("2380000.00")),
    FunctionLeaf("2070109", "群众文化", "区文化馆运行和公共文化服务配送",
                 basic=D("2114426.00"), project=D("3156800.00"), other_project=D("300000.00")),
    FunctionLeaf("2070112", "文化和旅游市场管理", "文化和旅游市场日常巡查和安全检查",
                 project=D("468000.00")),
    FunctionLeaf("2070204", "文物保护", "不可移动文物日常养护和安全巡查",
                 project=D("1820000.00")),
    FunctionLeaf("2070308", "群众体育", "社区健身活动和群众体育赛事",
                 project=D("426500.00")),
    FunctionLeaf("2079999", "其他文化旅游体育与传媒支出", "旅游宣传推广",
                 project=D("735250.00")),
    FunctionLeaf("2080501", "行政单位离退休", "离退休人员退休费和生活补助",
                 basic=D("321480.00")),
    FunctionLeaf("2080505", "机关事业单位基本养老保险缴费支出", "单位基本养老保险缴费",
                 basic=D("1286473.60")),
    FunctionLeaf("2080506", "机关事业单位职业年金缴费支出", "在职人员职业年金缴费",
                 basic=D("643236.80")),
    FunctionLeaf("2089999", "其他社会保障和就业支出", "其他社会保障缴费",
                 basic=D("98215.36")),
    FunctionLeaf("2101101", "行政单位医疗", "行政单位在职人员基本医疗保险缴费",
                 basic=D("412018.40")),
    FunctionLeaf("2101102", "事业单位医疗", "事业单位在职人员基本医疗保险缴费",
                 basic=D("349484.00")),
    FunctionLeaf("2210201", "住房公积金", "在职人员住房公积金缴纳",
                 basic=D("918560.00")),
    FunctionLeaf("2210203", "购房补贴", "在职人员购房补贴",
                 basic=D("356400.00")),
)

ECONOMIC_PARENT_NAMES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
}
# Which 人员经费/公用经费 column a 类 belongs to (the usual template split).
ECONOMIC_COST_TYPE: dict[str, str] = {"301": "personnel", "302": "public", "303": "personnel"}

ECONOMIC_LEAVES: tuple[EconomicLeaf, ...] = (
    EconomicLeaf("30101", "基本工资", D("2316480.00")),
    EconomicLeaf("30102", "津贴补贴", D("3872150.00")),
    EconomicLeaf("30103", "奖金", D("193040.00")),
    EconomicLeaf("30107", "绩效工资", D("2584300.00")),
    EconomicLeaf("30108", "机关事业单位基本养老保险缴费", D("1286473.60")),
    EconomicLeaf("30109", "职业年金缴费", D("643236.80")),
    EconomicLeaf("30110", "职工基本医疗保险缴费", D("761502.40")),
    EconomicLeaf("30112", "其他社会保障缴费", D("98215.36")),
    EconomicLeaf("30113", "住房公积金", D("918560.00")),
    EconomicLeaf("30199", "其他工资福利支出", D("120000.00")),
    EconomicLeaf("30201", "办公费", D("186000.00")),
    EconomicLeaf("30205", "水费", D("42000.00")),
    EconomicLeaf("30206", "电费", D("158000.00")),
    EconomicLeaf("30207", "邮电费", D("36500.00")),
    EconomicLeaf("30211", "差旅费", D("28000.00")),
    EconomicLeaf("30212", "因公出国（境）费用", D("35000.00")),
    EconomicLeaf("30213", "维修（护）费", D("95000.00")),
    EconomicLeaf("30216", "培训费", D("18000.00")),
    EconomicLeaf("30217", "公务接待费", D("12000.00")),
    EconomicLeaf("30228", "工会经费", D("96361.92")),
    EconomicLeaf("30229", "福利费", D("137280.00")),
    EconomicLeaf("30231", "公务用车运行维护费", D("48600.00")),
    EconomicLeaf("30239", "其他交通费用", D("212640.00")),
    EconomicLeaf("30299", "其他商品和服务支出", D("64300.00")),
    EconomicLeaf("30302", "退休费", D("286920.00")),
    EconomicLeaf("30305", "生活补助", D("34560.00")),
)

# The 三公 figures come from the economic table (因公出国 = 30212, 接待 = 30217, 公车运行 = 30231);
# no vehicle is bought this year. 机关运行经费 covers the bureau's own 公用经费 only.
VEHICLE_PURCHASE = ZERO
OPERATION_FUND = D("864000.00")

# Fictional prior-year figure, only used for the narrative's year-on-year sentence.
PRIOR_YEAR_FISCAL = D("16850000.00")
UNITS_WITH_PROJECT_TARGETS = 3
PROJECTS_WITH_TARGETS = 12
# 政府采购 (万元): goods, works, services; SME reservation and its small/micro part.
PROCUREMENT_WAN = (D("46.80"), D("0.00"), D("138.25"))
PROCUREMENT_SME_WAN = (D("152.60"), D("106.82"))

UNITS: tuple[str, ...] = (
    f"{DEPARTMENT}（本级）",
    "上海市示例区图书馆",
    "上海市示例区文化馆",
)

PROJECTS: tuple[Project, ...] = (
    Project(
        name="公共文化服务配送",
        unit="上海市示例区文化馆",
        overview="示例区文化馆每年向全区居村综合文化服务站点配送文艺演出、展览讲座和公益培训，丰富基层群众"
        "文化生活，提升公共文化服务的覆盖面和均等化水平。",
        basis="《示例区公共文化服务保障办法》和《示例区基层综合性文化服务中心建设实施方案》。",
        plan="1、按季度征集居村点单需求，编制年度配送目录；2、通过公开采购确定配送服务机构；3、组织配送"
        "实施并开展群众满意度测评；4、年末对配送质量和资金使用情况进行评估。",
        period="2025年1月1日至2025年12月31日",
        items=(("社区文化活动配送", D("1856800.00")), ("公益文化培训", D("1300000.00"))),
    ),
    Project(
        name="文物保护修缮",
        unit=f"{DEPARTMENT}（本级）",
        overview="对区内登记的不可移动文物开展日常养护、小型修缮和安全巡查，消除安全隐患，保持文物本体及"
        "周边环境安全。",
        basis="《中华人民共和国文物保护法》和《示例区不可移动文物保护管理办法》。",
        plan="1、委托专业机构对文物点开展年度安全评估；2、按评估结果实施日常养护和小型修缮；3、聘请"
        "巡查员开展每月巡查并建立巡查台账。",
        period="2025年1月1日至2025年12月31日",
        items=(("文物建筑日常养护", D("1120000.00")), ("文物安全巡查", D("700000.00"))),
    ),
)
del D

# Layout choices that exercise the parser (they are what the corpus does).
# Rows printed with blank cells as nothing (only non-zero cells, like Songjiang); the rest print 0.00.
INCOME_BLANK_PREFIXES = ("208", "210", "221")
EXPENDITURE_BLANK_PREFIXES = ("208", "210")
# A name too long for the narrow name column of the 收入预算总表 wraps onto the next line.
INCOME_WRAPPED_CODE = "2079999"
INCOME_WRAP_AT = 12
# Coded rows on a table's first page; the rest go on a second page (see paginate()).
INCOME_PAGE_ROWS = 16
EXPENDITURE_PAGE_ROWS = 18
GENERAL_PUBLIC_PAGE_ROWS = 14  # ends on the 类 row 208; its 款 starts the next page
ECONOMIC_PAGE_ROWS = 17


# --------------------------------------------------------------------------- formatting


def money(amount: Decimal) -> str:
    """Table cell: thousands separators, two decimals."""
    return f"{amount:,.2f}"


def to_wan(amount: Decimal) -> Decimal:
    """Yuan to 万元 rounded to 0.01 half-up, as the narratives print them."""
    return (amount / WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def wan_exact(amount: Decimal) -> Decimal:
    """Yuan to 万元 where the figure must be exact (三公 table), so the table is not rounded."""
    wan = amount / WAN
    if wan != wan.quantize(CENT):
        raise ValueError(f"{amount} yuan is not a whole number of 0.01万元")
    return wan.quantize(CENT)


def printed_code(code: str) -> str:
    """2070101 -> '207 01 01' as the tables print codes."""
    return " ".join([code[:3], *(code[i:i + 2] for i in range(3, len(code), 2))])


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(paragraph: str, width: int = LINE_WIDTH) -> list[str]:
    """Break a paragraph the way the PDF's text flow does, never inside a number."""
    tokens = re.findall(r"[0-9][0-9,.%]*|.", paragraph)
    lines: list[str] = []
    current = ""
    for token in tokens:
        if current and display_width(current + token) > width:
            lines.append(current)
            current = ""
        current += token
    if current:
        lines.append(current)
    return lines


def paragraphs(*texts: str) -> list[str]:
    return [line for text in texts for line in wrap(text)]


# --------------------------------------------------------------------------- derived figures


def leaf_by_code() -> dict[str, FunctionLeaf]:
    return {leaf.code: leaf for leaf in FUNCTION_LEAVES}


def function_name(code: str) -> str:
    if len(code) == 7:
        return leaf_by_code()[code].name
    return FUNCTION_PARENT_NAMES[code]


def function_codes() -> list[str]:
    """Every printed function code, parents before children (prefix order is string order)."""
    codes = {leaf.code[:n] for leaf in FUNCTION_LEAVES for n in (3, 5, 7)}
    return sorted(codes)


def economic_codes() -> list[str]:
    return sorted({leaf.code[:n] for leaf in ECONOMIC_LEAVES for n in (3, 5)})


def economic_name(code: str) -> str:
    if len(code) == 3:
        return ECONOMIC_PARENT_NAMES[code]
    return next(leaf.name for leaf in ECONOMIC_LEAVES if leaf.code == code)


def sum_function(code_prefix: str, measure: Callable[[FunctionLeaf], Decimal]) -> Decimal:
    return sum((measure(leaf) for leaf in FUNCTION_LEAVES if leaf.code.startswith(code_prefix)), ZERO)


def sum_economic(code_prefix: str) -> Decimal:
    return sum((leaf.amount for leaf in ECONOMIC_LEAVES if leaf.code.startswith(code_prefix)), ZERO)


def economic_cells(code_prefix: str) -> tuple[Decimal, Decimal, Decimal]:
    """(合计, 人员经费, 公用经费) for a code prefix ('' = the whole table)."""
    personnel = sum((leaf.amount for leaf in ECONOMIC_LEAVES if leaf.code.startswith(code_prefix)
                     and ECONOMIC_COST_TYPE[leaf.code[:3]] == "personnel"), ZERO)
    public = sum((leaf.amount for leaf in ECONOMIC_LEAVES if leaf.code.startswith(code_prefix)
                  and ECONOMIC_COST_TYPE[leaf.code[:3]] == "public"), ZERO)
    return personnel + public, personnel, public


# Column measures of the three function tables, in printed order after 合计.
INCOME_COLUMNS: tuple[Callable[[FunctionLeaf], Decimal], ...] = (
    lambda leaf: leaf.fiscal,  # 财政拨款收入
    lambda leaf: ZERO,  # 事业收入
    lambda leaf: ZERO,  # 事业单位经营收入
    lambda leaf: leaf.other_project,  # 其他收入
)
EXPENDITURE_COLUMNS: tuple[Callable[[FunctionLeaf], Decimal], ...] = (
    lambda leaf: leaf.basic,
    lambda leaf: leaf.all_project,
)
GENERAL_PUBLIC_COLUMNS: tuple[Callable[[FunctionLeaf], Decimal], ...] = (
    lambda leaf: leaf.basic,
    lambda leaf: leaf.project,
)


def function_cells(code_prefix: str, columns: Sequence[Callable[[FunctionLeaf], Decimal]]
                   ) -> list[Decimal]:
    """[合计, column…] for a code prefix; 合计 is the sum of the columns, not a separate figure."""
    parts = [sum_function(code_prefix, column) for column in columns]
    return [sum(parts, ZERO), *parts]


@dataclass(frozen=True)
class Totals:
    fiscal: Decimal  # 财政拨款收入 = 一般公共预算 (no fund / capital money)
    other_income: Decimal
    income: Decimal
    basic: Decimal
    project: Decimal
    expenditure: Decimal
    general_public: Decimal
    general_public_basic: Decimal
    general_public_project: Decimal


def totals() -> Totals:
    fiscal = sum_function("", lambda leaf: leaf.fiscal)
    other = sum_function("", lambda leaf: leaf.other_project)
    basic = sum_function("", lambda leaf: leaf.basic)
    project = sum_function("", lambda leaf: leaf.all_project)
    return Totals(
        fiscal=fiscal,
        other_income=other,
        income=fiscal + other,
        basic=basic,
        project=project,
        expenditure=basic + project,
        general_public=fiscal,
        general_public_basic=basic,
        general_public_project=sum_function("", lambda leaf: leaf.project),
    )


@dataclass(frozen=True)
class ThreePublic:
    abroad: Decimal
    reception: Decimal
    vehicle_purchase: Decimal
    vehicle_operation: Decimal
    operation_fund: Decimal

    @property
    def vehicle_total(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        return self.abroad + self.reception + self.vehicle_total


def three_public() -> ThreePublic:
    return ThreePublic(
        abroad=sum_economic("30212"),
        reception=sum_economic("30217"),
        vehicle_purchase=VEHICLE_PURCHASE,
        vehicle_operation=sum_economic("30231"),
        operation_fund=OPERATION_FUND,
    )


def check_consistency() -> None:
    """Cross-table identities that the hand-chosen leaves must satisfy (the rest hold by construction)."""
    t = totals()
    economic_total, _, _ = economic_cells("")
    if economic_total != t.general_public_basic:
        raise AssertionError(
            f"economic total {economic_total} != general public basic total {t.general_public_basic}")
    if economic_cells("302")[0] < OPERATION_FUND:
        raise AssertionError("机关运行经费 exceeds the 公用经费 it is part of")


# --------------------------------------------------------------------------- rendering: tables

CN_ORDINALS = "一二三四五六七八九十"


def cells_text(cells: Iterable[Decimal], blank_as_nothing: bool) -> list[str]:
    return [money(c) for c in cells if not (blank_as_nothing and c == ZERO)]


def function_table_rows(columns: Sequence[Callable[[FunctionLeaf], Decimal]],
                        blank_prefixes: Sequence[str] = (),
                        wrapped_code: str | None = None,
                        wrap_at: int = 0) -> list[list[str]]:
    """One list of text lines per coded row, then the 合计 row."""
    rows: list[list[str]] = []
    for code in function_codes():
        blank = len(code) > 3 and code.startswith(tuple(blank_prefixes))
        numbers = " ".join(cells_text(function_cells(code, columns), blank))
        name = function_name(code)
        if code == wrapped_code:
            # Songjiang's extraction: first part of the name, its remainder, then the numbers.
            rows.append([f"{printed_code(code)} {name[:wrap_at]}", name[wrap_at:], numbers])
        else:
            rows.append([f"{printed_code(code)} {name} {numbers}"])
    rows.append([f"合计 {' '.join(cells_text(function_cells('', columns), False))}"])
    return rows


def paginate(title_lines: list[str], header: list[str], rows: list[list[str]],
             first_page_rows: int, repeat_header: bool) -> list[list[str]]:
    first = title_lines + header + [line for row in rows[:first_page_rows] for line in row]
    rest = [line for row in rows[first_page_rows:] for line in row]
    return [first, (header if repeat_header else []) + rest]


def table_title(name: str, unit: str = "元") -> list[str]:
    separator = ":" if unit == "万元" else "："  # the corpus prints 单位:万元 with a half-width colon
    return [f"{FISCAL_YEAR}年部门{name}", f"编制部门：{DEPARTMENT} 单位{separator}{unit}"]


INCOME_HEADER = [
    "项目 收入预算",
    "功能分类科目编码",
    "事业单位",
    "功能分类科目名称 合计 财政拨款收入 事业收入 其他收入",
    "经营收入",
    "类 款 项",
]


def function_header(label: str) -> list[str]:
    return [
        f"项目 {label}",
        "功能分类科目编码",
        "功能分类科目名称 合计 基本支出 项目支出",
        "类 款 项",
    ]


ECONOMIC_HEADER = [
    "项目 一般公共预算基本支出",
    "部门预算经济分类科目",
    "编码",
    "经济分类科目名称 合计 人员经费 公用经费",
    "类 款",
]


def class_codes() -> list[str]:
    return [code for code in function_codes() if len(code) == 3]


def two_sided(left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]]) -> list[str]:
    """Summary tables print an income item and an expenditure item on one line; blank cells vanish."""
    lines = []
    for l_item, r_item in zip_longest(left, right, fillvalue=("", "")):
        words = [w for w in (*l_item, *r_item) if w]
        lines.append(" ".join(words))
    return lines


def financial_summary_page() -> list[str]:
    t = totals()
    left = [
        ("一、财政拨款收入", money(t.fiscal)),
        ("1. 一般公共预算资金", money(t.general_public)),
        ("2. 政府性基金", ""),
        ("3. 国有资本经营预算", ""),
        ("二、事业收入", ""),
        ("三、事业单位经营收入", ""),
        ("四、其他收入", money(t.other_income) if t.other_income else ""),
    ]
    right = [(f"{CN_ORDINALS[i]}、{function_name(code)}", money(sum_function(code, lambda leaf: leaf.total)))
             for i, code in enumerate(class_codes())]
    return (table_title("财务收支预算总表")
            + ["本年收入 本年支出", "项目 预算数 项目 预算数"]
            + two_sided(left, right)
            + [f"收入总计 {money(t.income)} 支出总计 {money(t.expenditure)}"])


def fiscal_summary_page() -> list[str]:
    t = totals()
    left = [
        ("一、一般公共预算资金", money(t.general_public)),
        ("二、政府性基金", ""),
        ("三、国有资本经营预算", ""),
    ]
    right = []
    for i, code in enumerate(class_codes()):
        fiscal = sum_function(code, lambda leaf: leaf.fiscal)
        # 合计 then 一般公共预算; the fund and capital columns are blank.
        right.append((f"{CN_ORDINALS[i]}、{function_name(code)}", f"{money(fiscal)} {money(fiscal)}"))
    return (table_title("财政拨款收支预算总表")
            + ["财政拨款收入 财政拨款支出",
               "项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算"]
            + two_sided(left, right)
            + [f"收入总计 {money(t.fiscal)} 支出总计 {money(t.fiscal)} {money(t.general_public)}"])


def income_pages() -> list[list[str]]:
    rows = function_table_rows(INCOME_COLUMNS, INCOME_BLANK_PREFIXES, INCOME_WRAPPED_CODE, INCOME_WRAP_AT)
    # The income and expenditure tables continue without a repeated header, as in the corpus.
    return paginate(table_title("收入预算总表"), INCOME_HEADER, rows, INCOME_PAGE_ROWS, False)


def expenditure_pages() -> list[list[str]]:
    rows = function_table_rows(EXPENDITURE_COLUMNS, EXPENDITURE_BLANK_PREFIXES)
    return paginate(table_title("支出预算总表"), function_header("支出预算"), rows,
                    EXPENDITURE_PAGE_ROWS, False)


def general_public_pages() -> list[list[str]]:
    rows = function_table_rows(GENERAL_PUBLIC_COLUMNS)
    return paginate(table_title("一般公共预算支出功能分类预算表"), function_header("一般公共预算支出"),
                    rows, GENERAL_PUBLIC_PAGE_ROWS, True)


def empty_fund_page(table: str, label: str, fund: str) -> list[str]:
    return (table_title(table) + function_header(label)
            + ["合计", f"注：本部门{FISCAL_YEAR}年无{fund}财政拨款安排的预算，故本表为空表。"])


def economic_pages() -> list[list[str]]:
    rows = []
    for code in economic_codes():
        numbers = " ".join(cells_text(economic_cells(code), blank_as_nothing=True))
        rows.append([f"{printed_code(code)} {economic_name(code)} {numbers}"])
    rows.append([f"合计 {' '.join(cells_text(economic_cells(''), blank_as_nothing=False))}"])
    return paginate(table_title("一般公共预算基本支出部门预算经济分类预算表"), ECONOMIC_HEADER, rows,
                    ECONOMIC_PAGE_ROWS, False)


def three_public_page() -> list[str]:
    tp = three_public()
    figures = (tp.total, tp.abroad, tp.reception, tp.vehicle_total, tp.vehicle_purchase,
               tp.vehicle_operation, tp.operation_fund)
    return (table_title("“三公”经费和机关运行经费预算表", unit="万元")
            + ["“三公”经费预算数",
               "机关运行经费预算",
               "公务用车购置及运行费",
               "数",
               "合计 因公出国(境)费 公务接待费",
               "小计 购置费 运行费",
               " ".join(f"{wan_exact(f):.2f}" for f in figures)])


# --------------------------------------------------------------------------- rendering: text


def cover_page() -> list[str]:
    return [f"{REGION}{FISCAL_YEAR}年区级部门预算", f"预算主管部门：{DEPARTMENT}"]


TABLE_NAMES = (
    "部门财务收支预算总表",
    "部门收入预算总表",
    "部门支出预算总表",
    "部门财政拨款收支预算总表",
    "部门一般公共预算支出功能分类预算表",
    "部门政府性基金预算支出功能分类预算表",
    "部门国有资本经营预算支出功能分类预算表",
    "部门一般公共预算基本支出部门预算经济分类预算表",
    "部门“三公”经费和机关运行经费预算表",
)


def contents_page() -> list[str]:
    tables = [f"{i}{'. ' if i <= 3 else '．'}{FISCAL_YEAR}年{name}" for i, name in enumerate(TABLE_NAMES, 1)]
    return ["目 录", "一、部门主要职能", "二、部门机构设置", "三、名词解释", "四、部门预算编制说明",
            "五、部门预算表", *tables, "六、其他相关情况说明", "七、项目经费情况说明"]


def functions_page() -> list[str]:
    return [f"{DEPARTMENT}（部门）主要职能"] + paragraphs(
        f"{DEPARTMENT}是主管全区文化、旅游和文物工作的区政府工作部门。",
        "主要职能包括：",
        "一、贯彻执行国家和本市文化、旅游、文物工作的方针政策，拟订本区文化和旅游发展规划并组织实施。",
        "二、统筹推进本区公共文化服务体系建设，指导图书馆、文化馆等公共文化设施的建设和运行。",
        "三、负责本区文物保护管理工作，组织开展不可移动文物的日常养护、安全巡查和保护修缮。",
        "四、负责本区文化和旅游市场的行业监管，组织开展群众性文化和体育活动。",
        "五、完成区委、区政府交办的其他任务。",
    )


def organisation_page() -> list[str]:
    listed = [f"{i}. {unit}。" for i, unit in enumerate(UNITS, 1)]
    return [f"{DEPARTMENT}（部门）机构设置"] + paragraphs(
        f"{DEPARTMENT}部门预算是包括本级以及下属{len(UNITS) - 1}家预算单位的综合收支计划。",
        f"本部门中，行政单位1家，事业单位{len(UNITS) - 1}家，具体包括：",
        *listed,
    )


def glossary_page() -> list[str]:
    return ["名词解释"] + paragraphs(
        "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
        "政府性基金预算财政拨款和国有资本经营预算财政拨款。",
        "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
        "（三）事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
        "（四）其他收入：指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。",
        "（五）基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，"
        "包括人员经费和公用经费两部分。",
        "（六）项目支出预算：是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，"
        "在基本支出之外编制的年度支出计划。",
        "（七）“三公”经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、"
        "公务用车购置及运行费、公务接待费。",
        "（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
    )


def narrative_item(number: int, leaf: FunctionLeaf) -> str:
    class_name = function_name(leaf.code[:3])
    item_name = function_name(leaf.code[:5])
    return (f"{number}. “{class_name}（类）{item_name}（款）{leaf.name}（项）”科目{to_wan(leaf.fiscal)}万元，"
            f"主要用于{leaf.purpose}。")


def explanation_pages() -> list[list[str]]:
    t = totals()
    year, prior = FISCAL_YEAR, FISCAL_YEAR - 1
    change = t.fiscal - PRIOR_YEAR_FISCAL
    direction = "增加" if change >= 0 else "减少"
    delta = f"{to_wan(abs(change)):,}"
    income = (
        f"{year}年，{DEPARTMENT}收入预算{to_wan(t.income):,}万元，其中：财政拨款收入{to_wan(t.fiscal):,}万元，"
        f"比{prior}年预算{direction}{delta}万元；事业收入0.00万元；事业单位经营收入0.00万元；"
        f"其他收入{to_wan(t.other_income):,}万元。"
    )
    spending = (
        f"支出预算{to_wan(t.expenditure):,}万元，其中：财政拨款支出预算{to_wan(t.fiscal):,}万元，"
        f"比{prior}年预算{direction}{delta}万元。财政拨款支出预算中，一般公共预算拨款支出预算"
        f"{to_wan(t.general_public):,}万元，比{prior}年预算{direction}{delta}万元；政府性基金拨款支出预算0.00万元，"
        f"与{prior}年预算持平；国有资本经营预算拨款支出预算0.00万元，与{prior}年预算持平。"
    )
    items = [narrative_item(i, leaf)
             for i, leaf in enumerate((leaf for leaf in FUNCTION_LEAVES if leaf.fiscal), 1)]
    lines = [f"{year}年部门预算编制说明"] + paragraphs(
        income, spending,
        f"财政拨款收入支出{direction}的主要原因是公共文化服务配送和文物保护修缮项目预算调整。",
        "财政拨款支出主要内容如下：",
        *items,
    )
    # The narrative runs over a page break, like the corpus' longer lists.
    split = len(lines) - 6
    return [lines[:split], lines[split:]]


def other_information_page() -> list[str]:
    year, prior = FISCAL_YEAR, FISCAL_YEAR - 1
    tp = three_public()
    goods, works, services = PROCUREMENT_WAN
    procurement = goods + works + services
    sme, small = PROCUREMENT_SME_WAN
    project_wan = to_wan(totals().general_public_project)

    def w(amount: Decimal) -> str:
        return f"{wan_exact(amount):.2f}"

    return ["其他相关情况说明"] + paragraphs(
        f"一、{year}年“三公”经费预算情况说明",
        f"{year}年“三公”经费预算数为{w(tp.total)}万元，与{prior}年预算持平。其中：",
        f"（一）因公出国（境）费{w(tp.abroad)}万元，与{prior}年预算持平，主要原因是按计划安排文化交流团组出访。",
        f"（二）公务用车购置及运行费{w(tp.vehicle_total)}万元，与{prior}年预算持平，主要原因是继续保有2辆公务用车运行开支。"
        f"其中：公务用车购置费{w(tp.vehicle_purchase)}万元，与{prior}年预算持平，主要原因是无车辆更新需求；"
        f"公务用车运行费{w(tp.vehicle_operation)}万元，与{prior}年预算持平，主要原因是车辆数量不变。",
        f"（三）公务接待费{w(tp.reception)}万元。与{prior}年预算持平，主要原因是业务接待需求保持稳定。",
        "二、机关运行经费预算",
        f"{year}年{DEPARTMENT}（部门）下属1家机关财政拨款的机关运行经费预算为{w(tp.operation_fund)}万元。",
        "三、政府采购预算情况",
        f"{year}年本部门政府采购预算{procurement:.2f}万元，其中：政府采购货物预算{goods:.2f}万元、"
        f"政府采购工程预算{works:.2f}万元、政府采购服务预算{services:.2f}万元。",
        f"{year}年本部门面向中小企业预留政府采购项目预算金额{sme:.2f}万元，其中，预留给小型和微型企业的"
        f"政府采购项目预算为{small:.2f}万元。",
        "四、绩效目标设置情况",
        f"按照本区预算绩效管理工作的总体要求，本部门{UNITS_WITH_PROJECT_TARGETS}个预算单位开展了{year}年项目预算"
        f"绩效目标编报工作，编报绩效目标的项目{PROJECTS_WITH_TARGETS}个，涉及项目预算资金{project_wan}万元。",
        "五、国有资产占有使用情况",
        f"截至{prior}年8月31日，{DEPARTMENT}（部门）共有车辆2辆，其中：执法执勤用车0辆、其他用车2辆；"
        "单价100万元（含）以上设备（不含车辆）0台（套）。",
        f"{year}年部门预算安排购置车辆0辆；部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。",
    )


def plain_amount(amount: Decimal) -> str:
    """Project notes print amounts without separators (653109.00元)."""
    return f"{amount:.2f}"


def project_page(project: Project) -> list[str]:
    items = "、".join(f"{name}{plain_amount(amount)}元" for name, amount in project.items)
    return [f"{project.name}项目经费情况说明"] + paragraphs(
        "一、项目概述", project.overview,
        "二、立项依据", project.basis,
        "三、实施主体", project.unit,
        "四、实施方案", project.plan,
        "五、实施周期", project.period,
        "六、年度预算安排", f"年度预算资金{plain_amount(project.amount)}元，主要用于：{items}。",
        "七、绩效目标", "详见单位的项目绩效目标表",
    )


def pages() -> list[list[str]]:
    check_consistency()
    return [
        cover_page(),
        contents_page(),
        functions_page(),
        organisation_page(),
        glossary_page(),
        *explanation_pages(),
        financial_summary_page(),
        *income_pages(),
        *expenditure_pages(),
        fiscal_summary_page(),
        *general_public_pages(),
        empty_fund_page("政府性基金预算支出功能分类预算表", "政府性基金预算支出", "政府性基金预算"),
        empty_fund_page("国有资本经营预算支出功能分类预算表", "国有资本经营预算支出", "国有资本经营预算"),
        *economic_pages(),
        three_public_page(),
        other_information_page(),
        *(project_page(project) for project in PROJECTS),
    ]


def render_example_document() -> str:
    """The whole example disclosure as text (UTF-8, LF line ends, pages separated by an empty line): cover,
    contents, the nine tables (amounts in yuan, the 三公 table in 万元), the narrative and the project pages."""
    # pdfplumber's text of these PDFs separates pages by an empty line (no form feeds).
    return "\n\n".join("\n".join(page) for page in pages()) + "\n"


# --------------------------------------------------------------------------- expected facts


def amount_text(amount: Decimal) -> str:
    """An amount in yuan as the expected facts write it: two decimals, no separators (`1234.50`)."""
    return f"{amount.quantize(CENT)}"


def expected_expenditure() -> list[list[str]]:
    rows = []
    for fund_type, basic, project in (
        ("all", lambda leaf: leaf.basic, lambda leaf: leaf.all_project),
        ("general_public", lambda leaf: leaf.basic, lambda leaf: leaf.project),
    ):
        for leaf in FUNCTION_LEAVES:
            for expenditure_type, measure in (("basic", basic), ("project", project)):
                if measure(leaf):
                    rows.append([leaf.code, fund_type, expenditure_type, amount_text(measure(leaf))])
    return rows


def expected_income() -> list[list[str]]:
    rows = []
    for leaf in FUNCTION_LEAVES:
        for source, amount in (("fiscal_appropriation", leaf.fiscal), ("other", leaf.other_project)):
            if amount:
                rows.append([leaf.code, source, amount_text(amount)])
    return rows


def example_expected() -> dict:
    """The facts the example publishes, in the corpus' expected-facts structure (docs: EXPECTED_FORMAT.md):
    document metadata, leaf expenditure and income rows, 三公 figures, projects and published totals; amounts
    as yuan text with two decimals."""
    t = totals()
    tp = three_public()
    return {
        "doc_key": DOC_KEY,
        "source": SOURCE_FILE,
        "document": {"region": REGION, "department_name": DEPARTMENT, "scope": "department",
                     "fiscal_year": FISCAL_YEAR, "kind": "budget", "amount_unit": "元"},
        "expenditure": expected_expenditure(),
        "income": expected_income(),
        "basic_economic": [[leaf.code, ECONOMIC_COST_TYPE[leaf.code[:3]], amount_text(leaf.amount)]
                           for leaf in ECONOMIC_LEAVES if leaf.amount],
        "three_public": {
            # The table prints 万元; the facts are its figures in yuan (exact here by construction).
            "abroad": amount_text(wan_exact(tp.abroad) * WAN),
            "reception": amount_text(wan_exact(tp.reception) * WAN),
            "vehicle_purchase": amount_text(wan_exact(tp.vehicle_purchase) * WAN),
            "vehicle_operation": amount_text(wan_exact(tp.vehicle_operation) * WAN),
            "operation_fund": amount_text(wan_exact(tp.operation_fund) * WAN),
        },
        "function_names": {code: function_name(code) for code in function_codes()},
        "economic_names": {code: economic_name(code) for code in economic_codes()},
        "projects": [[p.name, p.unit, amount_text(p.amount)] for p in PROJECTS],
        "projects_complete": True,
        "published_totals": {
            "income_total": amount_text(t.income),
            "expenditure_total": amount_text(t.expenditure),
            "basic_total": amount_text(t.basic),
            "project_total": amount_text(t.project),
            "general_public_total": amount_text(t.general_public),
            "fiscal_appropriation_total": amount_text(t.fiscal),
        },
        "self_inconsistencies": [],
        "notes": (
            "Fictional example generated by examples/generate.py; every template identity holds exactly. "
            "Blank cells are printed as nothing in the 款/项 rows of 208, 210 and 221 in 收入预算总表 and of "
            "208 and 210 in 支出预算总表 (column by arithmetic), and in every row of the economic table; "
            "elsewhere zeros are printed as 0.00. 2070109 群众文化 has 300,000.00 of 其他收入, so 合计 differs "
            "from 财政拨款收入 there and the all-funds project figure exceeds the general public one. "
            "2079999 wraps its name in 收入预算总表. The 一般公共预算 table runs over a page break with a "
            "repeated header (类 208 ends the first page); the income, expenditure and economic tables "
            "continue without a header. 三公 table in 万元, all 7 figures printed. Narrative 万元 items are "
            "rounded half-up to 0.01万元."
        ),
    }


def expected_json() -> str:
    """`example_expected()` as the committed JSON file writes it (one-space indent, CJK unescaped, final LF)."""
    return json.dumps(example_expected(), ensure_ascii=False, indent=1) + "\n"


EXAMPLES_DIR = Path(__file__).resolve().parent
BUNDLED_TEXT = EXAMPLES_DIR / SOURCE_FILE
BUNDLED_EXPECTED = EXAMPLES_DIR / "expected" / f"{DOC_KEY}.json"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the example document (UTF-8 text) and, if asked, its expected facts (JSON).

    With no argument both bundled files are rewritten in place (examples/example_culture_2025_dept.txt
    and examples/expected/example_culture_2025_dept.json). Returns the exit status (0).
    """
    parser = argparse.ArgumentParser(prog="python examples/generate.py", description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, nargs="?",
                        help=f"where to write the example document (UTF-8 text); default {BUNDLED_TEXT.name} "
                             "beside this script, together with its expected facts")
    parser.add_argument("--expected", type=Path, help="also write its expected facts (JSON) here")
    args = parser.parse_args(argv)
    if args.output is None:
        args.output = BUNDLED_TEXT
        args.expected = args.expected or BUNDLED_EXPECTED
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render_example_document(), encoding="utf-8")
    if args.expected:
        args.expected.parent.mkdir(parents=True, exist_ok=True)
        args.expected.write_text(expected_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
