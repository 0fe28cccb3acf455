"""Document metadata from the cover, the table titles and the 编制部门 lines."""

from __future__ import annotations

import re
from collections import Counter

from ..model import DocumentMeta, IngestError, Line
from ..templates import TemplateFamily
from .layout import TABLE_NUMBER_RE, TableSegment, normalise_title

COVER_RE = re.compile(
    r"^(?P<region>.{2,20}?(?:省|市|自治区|区|县|旗))(?P<year>20\d{2})年(?:度)?(?:区级|市级|县级|省级)?"
    r"(?P<scope>部门|单位)(?P<kind>预算|决算)$"
)
HOLDER_RE = re.compile(
    r"^(?P<role>预算主管部门|预算单位|主管部门|编制部门|编制单位|单位名称|部门名称|部门)\s*[：:]\s*(?P<name>\S.*?)"
    r"(?:\s+单\s*位\s*[：:].*)?$"
)
OWN_LEVEL_RE = re.compile(r"\s*[（(]本级[）)]$")
TITLE_YEAR_RE = re.compile(r"(20\d{2})\s*年")
# A cover line giving only the year: 2019年度部门预算公开 / 2019年度部门预算.
COVER_YEAR_RE = re.compile(r"^(?P<year>20\d{2})年度?(?:部门|单位)(?:预算|决算)(?:公开)?$")
REGION_RE = re.compile(r"^(?P<region>(?:[^省市]{2,8}省)?[^省市]{2,8}?市(?:[^区县市]{1,8}?(?:区|县))?)")
PROVINCE_RE = re.compile(
    r"(?P<region>(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃"
    r"|青海|台湾)省|(?:内蒙古|广西壮族|西藏|宁夏回族|新疆维吾尔)自治区)"
)
TITLE_BODY_RE = re.compile(r"^(?:20\d{2}年度?)?(?P<body>.+?)(?:部门|单位)?$")
SECTION_HOLDER_RE = re.compile(r"^\s*(?P<name>\S{4,40}?)（(?:部门|单位)）(?:主要职能|机构设置)")
# A cover naming the body before the year: 江苏省委办公厅 2017 年度部门预算 (spaces removed before matching).
COVER_BODY_RE = re.compile(r"^(?P<body>\S{4,40}?)(?P<year>20\d{2})年度?(?:部门|单位)(?:预算|决算)(?:公开)?$")


def region_of(name: str) -> str:
    """The region a body's name starts with (上海市普陀区…), else the province it names (江苏省…: province
    level, also inside a name such as 中国共产党江苏省委员会办公厅), else empty."""
    match = REGION_RE.match(name)
    if match:
        return match.group("region")
    province = PROVINCE_RE.search(name)
    return province.group("region") if province else ""


def bodies_in_titles(segments: list[TableSegment], family: TemplateFamily | None) -> Counter[str]:
    """The body named in front of each table title (``2018年度江苏省高级人民法院收支预算总表``), counted."""
    found: Counter[str] = Counter()
    if family is None:
        return found
    for segment in segments:
        candidate = normalise_title(segment.title)
        matched = family.title_match(TABLE_NUMBER_RE.sub("", candidate))
        if matched is None:
            continue
        prefix = TABLE_NUMBER_RE.sub("", candidate)[: matched[1]]
        body = TITLE_BODY_RE.match(prefix)
        if body and len(body.group("body")) >= 4:
            found[body.group("body")] += 1
    return found


def read_meta(
    lines: list[Line],
    segments: list[TableSegment],
    path_name: str,
    amount_unit: str = "元",
    family: TemplateFamily | None = None,
) -> DocumentMeta:
    """Everything a document says about itself (``amount_unit``: the unit its main tables print in, found
    by the caller); missing pieces make the file fail with an IngestError naming ``path_name``."""
    cover_region = cover_year = cover_scope = cover_kind = ""
    title = ""
    holders: Counter[str] = Counter()
    holder_roles: dict[str, str] = {}
    for line in lines[:60]:
        text = line.text.strip().replace(" ", "")
        cover = COVER_RE.match(text)
        if cover and not title:
            title = text
            cover_region, cover_year = cover.group("region"), cover.group("year")
            cover_scope, cover_kind = cover.group("scope"), cover.group("kind")
    for line in lines:
        holder = HOLDER_RE.match(line.text.strip())
        if holder:
            # 编制单位：某街道办事处（本级）: the body's own unit; the body is the one named.
            name = OWN_LEVEL_RE.sub("", holder.group("name").strip())
            holders[name] += 1
            holder_roles.setdefault(name, holder.group("role"))
    if not holders:
        for line in lines[:40]:
            section = SECTION_HOLDER_RE.match(line.text)
            if section:
                holders[section.group("name")] += 1
                break
    if not holders:
        holders = bodies_in_titles(segments, family)
    cover_body = next(
        (found for line in lines[:60] if (found := COVER_BODY_RE.match(line.text.strip().replace(" ", "")))), None
    )
    if not holders and cover_body:
        # Only a cover names the body (a narrative published apart from its tables): its year goes with it.
        holders[cover_body.group("body")] += 1
        cover_year = cover_year or cover_body.group("year")
    if not holders:
        raise IngestError(f"{path_name}: no 预算主管部门 / 编制部门 line: not a budget disclosure, or an unknown layout")
    department_name = holders.most_common(1)[0][0]

    title_scopes = Counter(
        "unit" if "预算单位" in segment.title or segment.title.lstrip("0123456789.．、 年").startswith("单位") else "department"
        for segment in segments
    )
    if cover_scope:
        scope = "unit" if cover_scope == "单位" else "department"
    elif any(role in ("预算单位", "编制单位") for role in holder_roles.values()):
        scope = "unit"
    elif title_scopes:
        scope = title_scopes.most_common(1)[0][0]
    else:
        scope = "department"

    years = Counter(int(y) for segment in segments for y in TITLE_YEAR_RE.findall(segment.title))
    if not cover_year and not years:
        cover_year = next(
            (found.group("year") for line in lines[:60] if (found := COVER_YEAR_RE.match(line.text.strip().replace(" ", "")))),
            "",
        )
    if cover_year:
        fiscal_year = int(cover_year)
    elif years:
        fiscal_year = years.most_common(1)[0][0]
    else:
        raise IngestError(f"{path_name}: no fiscal year in the cover or the table titles")

    all_titles = " ".join(segment.title for segment in segments) + title
    if cover_kind == "决算" or "决算" in all_titles:
        kind = "final_account"
    else:
        kind = "budget"
    region = cover_region or region_of(department_name)
    if not title:
        title = f"{region}{fiscal_year}年{'单位' if scope == 'unit' else '部门'}{'决算' if kind == 'final_account' else '预算'}"
    return DocumentMeta(region, department_name, scope, fiscal_year, kind, amount_unit, title)
