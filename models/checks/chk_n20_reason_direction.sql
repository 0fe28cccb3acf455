-- 写明的主要原因与增减方向相反（数字减少，原因却说“经费增加”，或反之）。warning（文字判断）。
with reasons as (
    select
        document_id,
        section,
        topic,
        item_no,
        class_name,
        function_code,
        label,
        change_direction,
        reason,
        line_no,
        case
            when reason like '%增加%' and reason not like '%减少%' then 'increase'
            when reason like '%减少%' and reason not like '%增加%' then 'decrease'
        end as reason_direction
    from {{ ref('fct_narrative_fact') }}
    where reason <> '' and change_direction in ('increase', 'decrease')
),

findings as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        function_code as code,
        'reason' as measure,
        {{ direction_word('change_direction') }} as expected,
        reason as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when reason_direction <> change_direction then 'warning' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ',
            {{ part_label("case section when 'explanation' then 'explanation' else 'other_information' end") }}, '：',
            {{ item_ref('item_no') }},
            label, ' 写“', {{ direction_word('change_direction') }}, '”，主要原因却是“', reason, '”'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from reasons
)

{{ select_findings('findings') }}
