-- 写出的增减百分比按两个数重算：本年数与上年数（写明的上年数，或本年数减增减额）。两个数都是两位小数的万元，
-- 按它们可能的舍入范围（±0.005 万元）算出百分比的区间，写出的百分比不在区间内（±0.005）即不一致：超出 0.02 个
-- 百分点以上为 error；只差末位一两个单位（≤0.02 个百分点，如 10.16% 写成 10.15%）是舍入级的差，info。
-- 上年数为 0 时（惯例写 100%）不检查。
with percents as (
    select
        document_id,
        section,
        topic,
        item_no,
        function_code,
        label,
        amount,
        coalesce(prior_amount, amount - {{ signed_change('change_direction', 'change_amount') }}) as prior_value,
        case when prior_amount is not null then 50 else 100 end as prior_rounding,
        -- the document printed this year's figure and the change only: the message must say so
        prior_amount is null as prior_derived,
        change_percent,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        change_percent is not null
        -- a stated share (占Y%) is not a change: F13
        and section <> 'share'
        and amount is not null
        and (prior_amount is not null or change_amount is not null)
),

corners as (
    select
        percents.*,
        cast(percents.amount as double) + current_offset.delta as current_bound,
        cast(percents.prior_value as double) + prior_offset.sign * percents.prior_rounding as prior_bound
    from percents
    cross join (values (-50.0), (50.0)) as current_offset (delta)
    cross join (values (-1.0), (1.0)) as prior_offset (sign)
    where percents.prior_value > percents.prior_rounding
),

ranges as (
    select
        document_id,
        section,
        topic,
        item_no,
        function_code,
        label,
        amount,
        prior_value,
        prior_derived,
        change_percent,
        line_no,
        min(abs(current_bound - prior_bound) / prior_bound * 100) as lowest_percent,
        max(abs(current_bound - prior_bound) / prior_bound * 100) as highest_percent,
        abs(cast(amount as double) - cast(prior_value as double))
        / cast(prior_value as double)
        * 100 as computed_percent
    from corners
    group by all
),

findings as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        function_code as code,
        'change_percent' as measure,
        concat(cast(cast(computed_percent as decimal(18, 2)) as varchar), '%') as expected,
        concat(cast(change_percent as varchar), '%') as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case
            when change_percent < lowest_percent - 0.025 or change_percent > highest_percent + 0.025 then 'error'
            when change_percent < lowest_percent - 0.005 or change_percent > highest_percent + 0.005 then 'info'
        end as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ table_label("case section when 'explanation' then 'explanation' else 'other_information' end") }},
            '：', coalesce('第' || cast(item_no as varchar) || '条 ', ''), label, ' 本年 ', {{ format_wan('amount') }},
            case when prior_derived then '，上年（由本年数减增减额推得）' else '，上年 ' end,
            {{ format_wan('prior_value') }},
            '，增减应为 ',
            cast(cast(computed_percent as decimal(18, 2)) as varchar),
            '%，却写 ', cast(change_percent as varchar), '%'
        ) as message,
        line_no,
        concat(
            '两数舍入范围内的百分比 ',
            {{ format_range(
                "cast(cast(lowest_percent as decimal(18, 2)) as varchar) || '%'",
                "cast(cast(highest_percent as decimal(18, 2)) as varchar) || '%'"
            ) }}
        ) as detail
    from ranges
)

{{ select_findings('findings') }}
