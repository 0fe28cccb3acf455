-- 预算编制说明中的收支总数 = 表：收入预算、财政拨款收入、事业收入、事业单位经营收入、其他收入（财务收支预算总表），
-- 支出预算（支出总计），财政拨款支出及一般公共预算 / 政府性基金 / 国有资本经营预算拨款支出（财政拨款收支预算总表）。
with stated as (
    select
        document_id,
        topic,
        label,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section = 'explanation'
        and amount is not null
        and topic in (
            'income_total', 'fiscal_income', 'business_income', 'operating_income', 'other_income',
            'expenditure_total', 'fiscal_expenditure', 'general_public_expenditure',
            'government_fund_expenditure', 'state_capital_expenditure'
        )
),

compared as (
    select
        stated.document_id,
        stated.topic,
        stated.label,
        stated.amount as stated_amount,
        stated.printed_amount,
        stated.line_no,
        figures.table_key,
        figures.amount as table_amount
    from stated
    inner join {{ ref('int_document_figures') }} as figures
        on
            stated.document_id = figures.document_id
            and stated.topic = figures.figure
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        topic as measure,
        {{ format_amount('table_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        table_amount as expected_amount,
        stated_amount as actual_amount,
        {{ stated_severity('stated_amount', 'table_amount') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：', label, ' 写 ', printed_amount,
            '（', {{ format_amount('stated_amount') }}, ' 元），', {{ table_label('table_key') }}, ' ',
            {{ format_amount('table_amount') }}, '（差 ', {{ format_amount('stated_amount - table_amount') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
