-- 财务收支预算总表支出栏各类 = 支出预算总表 类 合计（两张表都印出的文档）。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='financial_summary',
        measure='total',
        group_by=['document_id', 'code'],
        code_column='code',
        row_condition="table_key = 'financial_summary' and side = 'expenditure' and row_kind = 'item' and measure = 'total' and " ~ documents_printing("table_key = 'expenditure' and row_kind = 'code'"),
        compare_row_condition="table_key = 'expenditure' and row_kind = 'code' and code_level = '类' and measure = 'total' and " ~ documents_printing("table_key = 'financial_summary' and side = 'expenditure' and row_kind = 'item'"),
        label_table='financial_summary',
        label='支出',
        compare_table='expenditure',
        compare_label='合计'
    ) }}
)

{{ select_findings('findings') }}
