-- 财务收支预算总表、财政拨款收支预算总表：支出总计 = 支出栏各类之和（每一列）。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        group_by=['document_id', 'table_key', 'measure'],
        table_key='table_key',
        measure='measure',
        row_condition="table_key in ('financial_summary', 'fiscal_summary') and side = 'expenditure' and row_kind = 'total'",
        compare_row_condition="table_key in ('financial_summary', 'fiscal_summary') and side = 'expenditure' and row_kind = 'item'",
        label_table='table_key',
        label='支出总计',
        compare_label='支出栏各类之和'
    ) }}
)

{{ select_findings('findings') }}
