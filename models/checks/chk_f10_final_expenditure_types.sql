-- 决算的支出决算表每一行：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['basic', 'project', 'to_superior', 'operating_expenditure', 'to_subordinates'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'expenditure'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
