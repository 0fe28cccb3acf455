-- 财务收支预算总表：收入总计 = 支出总计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='financial_summary',
        measure='total',
        row_condition="table_key = 'financial_summary' and row_kind = 'total' and side = 'income' and measure = 'total'",
        compare_row_condition="table_key = 'financial_summary' and row_kind = 'total' and side = 'expenditure' and measure = 'total'",
        label='财务收支预算总表 收入总计',
        compare_label='支出总计'
    ) }}
)

{{ select_findings('findings') }}
