-- 收入预算总表 合计 = 支出预算总表 合计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='income',
        measure='total',
        row_condition="table_key = 'income' and row_kind = 'total' and measure = 'total'",
        compare_row_condition="table_key = 'expenditure' and row_kind = 'total' and measure = 'total'",
        label='收入预算总表 合计',
        compare_label='支出预算总表 合计'
    ) }}
)

{{ select_findings('findings') }}
