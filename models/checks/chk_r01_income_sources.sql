-- 收入预算总表每一行：合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['fiscal_appropriation', 'business', 'operating', 'other'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'income'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
