-- 决算的收入决算表每一行：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subordinate_remittance', 'other'],
        row_key=['document_id', 'table_key', 'row_key'],
        row_condition="table_key = 'income'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}
