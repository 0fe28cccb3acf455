-- 财政拨款支出预算表每个科目 = 一般公共预算支出预算表 + 政府性基金（+ 国有资本经营）支出表同一科目之和
-- （江苏模板：各表每科目只印一个金额）。只在印有财政拨款支出预算表的文档中检查；一侧未印的科目也报告。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='fiscal_function',
        measure='total',
        group_by=['document_id', 'code'],
        code_column='code',
        row_condition="table_key = 'fiscal_function' and row_kind = 'code' and measure = 'total'",
        compare_row_condition="table_key in ('general_public', 'government_fund', 'state_capital') and row_kind = 'code' and measure = 'total' and " ~ documents_printing("table_key = 'fiscal_function' and row_kind = 'code'"),
        label='财政拨款支出预算表',
        compare_label='一般公共预算 + 政府性基金 + 国有资本经营支出表'
    ) }}
)

{{ select_findings('findings') }}
