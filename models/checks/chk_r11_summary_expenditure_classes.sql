-- 财务收支预算总表、财政拨款收支预算总表：支出总计 = 支出栏各类之和（每一列）。只比较总计行与各类都印的列：
-- 按用途印的行（江苏：基本支出 / 项目支出 各一行）和只在总计行出现的小计（当年支出小计）不在此列。
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
        row_condition="table_key in ('financial_summary', 'fiscal_summary') and side = 'expenditure' and row_kind = 'total' and " ~ measures_printed_as('item'),
        compare_row_condition="table_key in ('financial_summary', 'fiscal_summary') and side = 'expenditure' and row_kind = 'item' and " ~ measures_printed_as('total'),
        label_table='table_key',
        label='支出总计',
        compare_label='支出栏各类之和'
    ) }}
)

{{ select_findings('findings') }}
