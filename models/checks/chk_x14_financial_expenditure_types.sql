-- 财务收支预算总表支出总计的基本支出 / 项目支出（分列印出的版本，两边都印的列）= 支出预算总表 合计行的基本支出 / 项目支出。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='financial_summary',
        measure='measure',
        group_by=['document_id', 'measure'],
        row_condition="table_key = 'financial_summary' and side = 'expenditure' and row_kind = 'total' and measure in ('basic', 'project')",
        compare_row_condition="table_key = 'expenditure' and row_kind = 'total' and measure in ('basic', 'project') and " ~ documents_printing("table_key = 'financial_summary' and side = 'expenditure' and row_kind = 'total' and measure in ('basic', 'project')"),
        allow_missing_groups=true,
        label_table='financial_summary',
        label='支出总计',
        compare_table='expenditure',
        compare_label='合计行'
    ) }}
)

{{ select_findings('findings') }}
