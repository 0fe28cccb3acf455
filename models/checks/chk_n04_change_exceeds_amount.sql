-- 写出的“比上年增加”不能超过本年数（否则上年数为负）：例如“0万元，比上年增加1421.25万元”。
with increases as (
    select
        document_id,
        section,
        topic,
        item_no,
        label,
        amount,
        change_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where change_direction = 'increase' and change_amount is not null and amount is not null
),

findings as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        cast(null as varchar) as code,
        topic as measure,
        {{ format_amount('amount') }} as expected,
        {{ format_amount('change_amount') }} as actual,
        amount as expected_amount,
        change_amount as actual_amount,
        case when change_amount > amount + 100 then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ table_label("case section when 'explanation' then 'explanation' else 'other_information' end") }},
            '：', label, ' 本年 ', {{ format_wan('amount') }}, '，却写比上年增加 ', {{ format_wan('change_amount') }},
            '（由本年数减增减额推得的上年数将为 ', {{ format_wan('amount - change_amount') }}, '，不可能为负）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from increases
)

{{ select_findings('findings') }}
