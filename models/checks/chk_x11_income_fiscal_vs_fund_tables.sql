-- 收入预算总表每个科目的财政拨款收入 = 三张财政拨款支出功能分类表该科目 合计之和。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='income',
        measure='fiscal_appropriation',
        group_by=['document_id', 'code'],
        code_column='code',
        row_condition="table_key = 'income' and row_kind = 'code' and measure = 'fiscal_appropriation' and " ~ documents_printing("table_key in ('general_public', 'government_fund', 'state_capital') and row_kind = 'code'"),
        compare_row_condition="table_key in ('general_public', 'government_fund', 'state_capital') and row_kind = 'code' and measure = 'total' and " ~ documents_printing("table_key = 'income' and row_kind = 'code' and measure = 'fiscal_appropriation'"),
        label_table='income',
        label='财政拨款收入',
        compare_label='三张财政拨款支出表 合计'
    ) }}
)

{{ select_findings('findings') }}
