-- 收入预算总表 = 支出预算总表，逐个科目（类、款、项）比较 合计（两张表都印出的文档）。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='income',
        measure='total',
        group_by=['document_id', 'code'],
        code_column='code',
        row_condition="table_key = 'income' and row_kind = 'code' and measure = 'total' and " ~ documents_printing("table_key = 'expenditure' and row_kind = 'code'"),
        compare_row_condition="table_key = 'expenditure' and row_kind = 'code' and measure = 'total' and " ~ documents_printing("table_key = 'income' and row_kind = 'code'"),
        label='收入预算总表 合计',
        compare_label='支出预算总表 合计'
    ) }}
)

{{ select_findings('findings') }}
