-- 增减方向与数字一致：条目写明上年数时，本年数大于 / 小于 / 等于上年数应写“增加 / 减少 / 持平”；
-- 写“增加 / 减少”时增减额不为 0。“增加0万元”（与上年相同或未写上年数）是模板措辞，info。
with directions as (
    select
        document_id,
        section,
        topic,
        item_no,
        class_name,
        function_code,
        label,
        amount,
        prior_amount,
        change_amount,
        change_direction,
        line_no,
        case
            when prior_amount is not null and amount > prior_amount then 'increase'
            when prior_amount is not null and amount < prior_amount then 'decrease'
            when prior_amount is not null then 'flat'
            when change_amount = 0 then 'flat'
        end as computed_direction
    from {{ ref('fct_narrative_fact') }}
    where change_direction <> '' and amount is not null
),

findings as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        function_code as code,
        topic as measure,
        {{ direction_word('computed_direction') }} as expected,
        {{ direction_word('change_direction') }} as actual,
        prior_amount as expected_amount,
        amount as actual_amount,
        case
            when computed_direction is null or computed_direction = change_direction then null
            when change_amount = 0 and (prior_amount is null or prior_amount = amount) then 'info'
            else 'error'
        end as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ part_label("case section when 'explanation' then 'explanation' else 'other_information' end") }},
            '：', {{ item_ref('item_no') }}, label, ' 本年 ', {{ format_wan('amount') }},
            coalesce('，上年 ' || {{ format_wan('prior_amount') }}, ''),
            coalesce('，写明增减额 ' || {{ format_wan('change_amount') }}, ''),
            '，应为“', {{ direction_word('computed_direction') }}, '”，却写“', {{ direction_word('change_direction') }}, '”'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from directions
)

{{ select_findings('findings') }}
