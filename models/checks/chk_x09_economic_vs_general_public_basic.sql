-- 一般公共预算基本支出经济分类表 合计 = 一般公共预算支出功能分类表 基本支出合计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='basic_economic',
        measure='total',
        row_condition="table_key = 'basic_economic' and row_kind = 'total' and measure = 'total' and " ~ documents_printing("table_key = 'general_public' and row_kind = 'total' and measure = 'basic'"),
        compare_row_condition="table_key = 'general_public' and row_kind = 'total' and measure = 'basic' and " ~ documents_printing("table_key = 'basic_economic' and row_kind = 'total'"),
        label='一般公共预算基本支出经济分类表 合计',
        compare_label='一般公共预算支出功能分类表 基本支出合计'
    ) }}
)

{{ select_findings('findings') }}
