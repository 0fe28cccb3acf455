-- 收入预算总表 合计行的各收入来源 = 财务收支预算总表收入栏的各来源（财政拨款收入、事业收入、经营收入、其他收入）。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='income',
        measure='measure',
        group_by=['document_id', 'measure'],
        row_condition="table_key = 'income' and row_kind = 'total' and measure <> 'total' and " ~ documents_printing("table_key = 'financial_summary' and side = 'income'"),
        compare_row_condition="table_key = 'financial_summary' and side = 'income' and row_kind = 'item' and measure in ('fiscal_appropriation', 'business', 'operating', 'other') and " ~ documents_printing("table_key = 'income' and row_kind = 'total'"),
        label='收入预算总表 合计行',
        compare_label='财务收支预算总表'
    ) }}
)

{{ select_findings('findings') }}
