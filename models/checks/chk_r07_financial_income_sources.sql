-- 财务收支预算总表：收入总计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入（+ 财政专户管理资金 + 上年结转，江苏模板）。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['fiscal_appropriation', 'business', 'operating', 'other', 'special_account', 'carryover'],
        row_key=['document_id', 'table_key', 'side'],
        row_condition="table_key = 'financial_summary' and side = 'income'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
