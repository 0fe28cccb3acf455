-- 三张财政拨款支出功能分类表（一般公共预算、政府性基金、国有资本经营）每一行：合计 = 基本支出 + 项目支出。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key in ('general_public', 'government_fund', 'state_capital') and "
            ~ tables_printing(['basic', 'project']),
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
