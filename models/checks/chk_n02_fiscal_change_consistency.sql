-- 财政拨款收入与财政拨款支出（收支平衡，同一个数）在预算编制说明中写出的“比上年增减”应相同。
with changes as (
    select
        document_id,
        topic,
        label,
        {{ signed_change('change_direction', 'change_amount') }} as signed_change,
        change_direction,
        change_amount,
        prior_year,
        prior_kind,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section = 'explanation'
        and topic in ('fiscal_income', 'fiscal_expenditure')
        and change_amount is not null
),

pairs as (
    select
        income.document_id,
        income.signed_change as income_change,
        expenditure.signed_change as expenditure_change,
        concat(
            '比', coalesce(cast(income.prior_year as varchar) || '年', '上年'), {{ base_word('income.prior_kind') }},
            {{ direction_word('income.change_direction') }}, {{ format_wan('income.change_amount') }}
        ) as income_text,
        concat(
            '比',
            coalesce(cast(expenditure.prior_year as varchar) || '年', '上年'),
            {{ base_word('expenditure.prior_kind') }},
            {{ direction_word('expenditure.change_direction') }}, {{ format_wan('expenditure.change_amount') }}
        ) as expenditure_text,
        income.line_no
    from changes as income
    inner join changes as expenditure
        on
            income.document_id = expenditure.document_id
            and income.topic = 'fiscal_income'
            and expenditure.topic = 'fiscal_expenditure'
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        'change_amount' as measure,
        {{ format_amount('expenditure_change') }} as expected,
        {{ format_amount('income_change') }} as actual,
        expenditure_change as expected_amount,
        income_change as actual_amount,
        {{ amount_severity('income_change - expenditure_change', '100') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：财政拨款收入“', income_text, '”，财政拨款支出“',
            expenditure_text, '”，收支相等的同一笔财政拨款，增减额不同（差 ',
            {{ format_wan('income_change - expenditure_change') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from pairs
)

{{ select_findings('findings') }}
