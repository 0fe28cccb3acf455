-- 财政拨款支出的增减额 = 一般公共预算、政府性基金、国有资本经营预算三类拨款支出增减额之和（三类都写明时）。
with changes as (
    select
        document_id,
        topic,
        {{ signed_change('change_direction', 'change_amount') }} as signed_change,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section = 'explanation'
        and change_amount is not null
        and topic in (
            'fiscal_expenditure', 'general_public_expenditure', 'government_fund_expenditure',
            'state_capital_expenditure'
        )
),

fund_sums as (
    select
        document_id,
        sum(signed_change) as funds_change,
        count(*) as fund_count
    from changes
    where topic <> 'fiscal_expenditure'
    group by document_id
),

compared as (
    select
        fiscal.document_id,
        fiscal.signed_change as fiscal_change,
        fund_sums.funds_change,
        fiscal.line_no
    from changes as fiscal
    inner join fund_sums
        on fiscal.document_id = fund_sums.document_id
    where fiscal.topic = 'fiscal_expenditure' and fund_sums.fund_count = 3
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        'change_amount' as measure,
        {{ format_amount('fiscal_change') }} as expected,
        {{ format_amount('funds_change') }} as actual,
        fiscal_change as expected_amount,
        funds_change as actual_amount,
        {{ amount_severity('funds_change - fiscal_change', '150') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：财政拨款支出比上年增减 ', {{ format_amount('fiscal_change') }},
            ' 元，而一般公共预算、政府性基金、国有资本经营预算三类拨款支出写出的增减额之和为 ',
            {{ format_amount('funds_change') }}, ' 元（差 ', {{ format_amount('funds_change - fiscal_change') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
