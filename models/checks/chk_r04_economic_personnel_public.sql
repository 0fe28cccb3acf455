-- 一般公共预算基本支出经济分类表每一行：合计 = 人员经费 + 公用经费。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['personnel', 'public'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'basic_economic' and " ~ tables_printing(['personnel', 'public']),
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
