-- 财务收支预算总表 财政拨款收入 = 财政拨款收支预算总表 收入总计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='financial_summary',
        measure='fiscal_appropriation',
        row_condition="table_key = 'financial_summary' and side = 'income' and measure = 'fiscal_appropriation' and " ~ documents_printing("table_key = 'fiscal_summary' and side = 'income'"),
        compare_row_condition="table_key = 'fiscal_summary' and side = 'income' and row_kind = 'total' and measure = 'total' and " ~ documents_printing("table_key = 'financial_summary' and side = 'income'"),
        label='财务收支预算总表 财政拨款收入',
        compare_label='财政拨款收支预算总表 收入总计'
    ) }}
)

{{ select_findings('findings') }}
