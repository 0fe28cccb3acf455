-- 支出预算总表每一行：合计 = 基本支出 + 项目支出；模板印刷 单位预留机动经费 / 结转下年资金 两列时（江苏）也加上这两列。
with basic_project_findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'expenditure' and not " ~ tables_printing(['reserve', 'carryover']),
        rounding_column='rounding_tolerance'
    ) }}
),

with_reserve_findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project', 'reserve', 'carryover'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'expenditure' and " ~ tables_printing(['reserve', 'carryover']),
        rounding_column='rounding_tolerance'
    ) }}
),

findings as (
    select * from basic_project_findings
    union all
    select * from with_reserve_findings
)

{{ select_findings('findings') }}
