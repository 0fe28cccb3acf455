-- 财政拨款收支预算总表：收入总计 = 一般公共预算 + 政府性基金 + 国有资本经营预算；
-- 支出每一行（印有分列时）合计 = 三类资金之和。
with income_side as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['general_public', 'government_fund', 'state_capital'],
        row_key=['document_id', 'table_key', 'side'],
        row_condition="table_key = 'fiscal_summary' and side = 'income'",
        rounding_column='rounding_tolerance'
    ) }}
),

expenditure_rows as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['general_public', 'government_fund', 'state_capital'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'fiscal_summary' and side = 'expenditure'",
        when_printed=['general_public', 'government_fund', 'state_capital'],
        rounding_column='rounding_tolerance'
    ) }}
),

findings as (
    select * from income_side
    union all
    select * from expenditure_rows
)

{{ select_findings('findings') }}
