-- 财务收支预算总表：财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算（印有分项时）。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='fiscal_appropriation',
        part_measures=['general_public', 'government_fund', 'state_capital'],
        row_key=['document_id', 'table_key', 'side'],
        row_condition="table_key = 'financial_summary' and side = 'income'",
        when_printed=['general_public', 'government_fund', 'state_capital'],
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
