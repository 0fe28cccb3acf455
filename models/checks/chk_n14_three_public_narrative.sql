-- 其他相关情况说明的“三公”经费各数（合计、因公出国（境）、公务接待、公务用车购置及运行、购置、运行）= “三公”经费表。
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
        section = 'other'
        and amount is not null
        and topic in (
            'three_public_total', 'abroad', 'reception', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation'
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
        'other_information' as table_name,
        cast(null as varchar) as code,
        topic as measure,
        {{ format_amount('table_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        table_amount as expected_amount,
        stated_amount as actual_amount,
        {{ stated_severity('stated_amount', 'table_amount') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 其他相关情况说明：', label, ' 写 ', printed_amount, '，',
            {{ table_label("'three_public'") }}, ' ', {{ format_amount('table_amount') }},
            '（差 ', {{ format_amount('stated_amount - table_amount') }}, ' 元）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
