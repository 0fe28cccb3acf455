-- 财政拨款收支预算总表支出栏每一类的一般公共预算 / 政府性基金 / 国有资本经营预算 = 对应支出功能分类表的类 合计。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='fiscal_summary',
        measure='measure',
        group_by=['document_id', 'measure', 'code'],
        compare_group_by=['document_id', 'table_key', 'code'],
        code_column='code',
        row_condition="table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'item' and measure in ('general_public', 'government_fund', 'state_capital') and " ~ documents_printing("table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'item' and measure in ('general_public', 'government_fund', 'state_capital')"),
        compare_row_condition="table_key in ('general_public', 'government_fund', 'state_capital') and row_kind = 'code' and code_level = '类' and measure = 'total' and " ~ documents_printing("table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'item' and measure in ('general_public', 'government_fund', 'state_capital')"),
        label_table='fiscal_summary',
        label='支出',
        compare_table='measure',
        compare_label='类合计'
    ) }}
)

{{ select_findings('findings') }}
