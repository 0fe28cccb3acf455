-- 支出预算总表每一行：合计 = 基本支出 + 项目支出。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'expenditure'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
