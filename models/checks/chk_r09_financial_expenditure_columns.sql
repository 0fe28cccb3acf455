-- 财务收支预算总表支出栏（分列印基本/项目或人员/公用/项目的版本）每一行：
-- 合计 = 基本支出 + 项目支出；合计 = 人员经费 + 公用经费 + 项目支出。按支出用途印的行（江苏：基本支出、项目支出
-- 各占一行，无科目）不是这种行。
with basic_project as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'financial_summary' and side = 'expenditure' and (row_kind = 'total' or coalesce(code, '') <> '')",
        when_printed=['basic'],
        rounding_column='rounding_tolerance'
    ) }}
),

personnel_public_project as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['personnel', 'public', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'financial_summary' and side = 'expenditure' and (row_kind = 'total' or coalesce(code, '') <> '')",
        when_printed=['personnel', 'public'],
        rounding_column='rounding_tolerance'
    ) }}
),

findings as (
    select * from basic_project
    union all
    select * from personnel_public_project
)

{{ select_findings('findings') }}
