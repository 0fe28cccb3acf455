-- 财政拨款收支预算总表收入栏的一般公共预算 / 政府性基金 / 国有资本经营预算 = 对应支出功能分类表的合计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='fiscal_summary',
        measure='measure',
        group_by=['document_id', 'measure'],
        compare_group_by=['document_id', 'table_key'],
        row_condition="table_key = 'fiscal_summary' and side = 'income' and row_kind = 'item' and measure in ('general_public', 'government_fund', 'state_capital')",
        compare_row_condition="table_key in ('general_public', 'government_fund', 'state_capital') and row_kind = 'total' and measure = 'total' and " ~ documents_printing("table_key = 'fiscal_summary' and side = 'income'"),
        label_table='fiscal_summary',
        label='收入',
        compare_table='measure',
        compare_label='合计'
    ) }}
)

{{ select_findings('findings') }}
