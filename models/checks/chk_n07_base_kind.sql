-- 财政拨款收入与财政拨款支出（同一笔收支）比较的上年基数应相同（都比“预算”或都比“预算执行数”）。warning。
with bases as (
    select
        document_id,
        topic,
        prior_kind,
        prior_year,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'explanation' and topic in ('fiscal_income', 'fiscal_expenditure') and prior_kind <> ''
),

pairs as (
    select
        income.document_id,
        income.prior_kind as income_kind,
        expenditure.prior_kind as expenditure_kind,
        income.line_no
    from bases as income
    inner join bases as expenditure
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
        'prior_kind' as measure,
        {{ base_word('expenditure_kind') }} as expected,
        {{ base_word('income_kind') }} as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when income_kind <> expenditure_kind then 'warning' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'explanation'") }}, '：财政拨款收入与上年',
            {{ base_word('income_kind') }},
            '比较，财政拨款支出与上年', {{ base_word('expenditure_kind') }}, '比较，同一笔收支用了不同的基数'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from pairs
)

{{ select_findings('findings') }}
