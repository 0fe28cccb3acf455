-- 财务收支预算总表支出栏（分列印基本/项目或人员/公用/项目的版本）每一行：
-- 合计 = 基本支出 + 项目支出；合计 = 人员经费 + 公用经费 + 项目支出。
with basic_project as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'financial_summary' and side = 'expenditure'",
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
        row_condition="table_key = 'financial_summary' and side = 'expenditure'",
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
