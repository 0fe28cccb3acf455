-- 决算情况说明写的占比（“其他收入6.2万元，占0.21%”，“一般公共服务支出（类）2106.66万元，占71.73%”）= 所写的数 ÷
-- 它所占的总数（情况说明印出的本年收入合计、本年支出合计或一般公共预算财政拨款支出）；江苏预算情况说明的占比
-- （“基本支出 18570.82 万元，占 55.98%”，section share，总数是同一部分印出的本年收入 / 支出预算合计）同样。两数各在其
-- 印刷精度（半个末位）之内变动、百分比按印出的小数位舍入：重算值的区间与写的百分比的区间重叠而舍入后不同为 info，
-- 只差末位一两个单位（不重叠不足 0.02 个百分点，如 65.55% 写成 65.56%，同 N06）也是 info，此外为 error。
with shares as (
    select
        document_id,
        section,
        topic,
        label,
        amount as part_amount,
        prior_amount as whole_amount,
        printed_amount,
        change_percent as stated_percent,
        {{ printed_step('printed_amount') }} / 2 as half_step,
        -- decimals of the printed percentage, read back from the sentence (the column keeps two)
        case
            when contains(source_text, printf('%.2f%%', change_percent)) then 2
            when contains(source_text, printf('%.1f%%', change_percent)) then 1
            else 0
        end as percent_decimals,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section in ('final_explanation', 'share')
        and change_percent is not null
        and amount is not null
        and prior_amount > 0
),

bounds as (
    select
        *,
        round(part_amount * 100 / whole_amount, percent_decimals) as recomputed_percent,
        greatest(part_amount - half_step, 0) * 100 / (whole_amount + half_step) as lowest_percent,
        (part_amount + half_step) * 100 / greatest(whole_amount - half_step, 0.01) as highest_percent,
        0.5 / power(10, percent_decimals) as percent_half_step
    from shares
),

findings as (
    select
        document_id,
        case section when 'share' then 'explanation' else 'final_explanation' end as table_name,
        cast(null as varchar) as code,
        'share' as measure,
        cast(cast(part_amount * 100 / whole_amount as decimal(9, 2)) as varchar) || '%' as expected,
        cast(stated_percent as varchar) || '%' as actual,
        cast(part_amount * 100 / whole_amount as decimal(18, 2)) as expected_amount,
        stated_percent as actual_amount,
        case
            when recomputed_percent = stated_percent then null
            -- within the printed precision, or a last-digit slip of at most 0.02 points beyond it (as N06)
            when
                stated_percent + percent_half_step + 0.02 >= lowest_percent
                and stated_percent - percent_half_step - 0.02 <= highest_percent
                then 'info'
            else 'error'
        end as severity,
        concat(
            {{ doc_label('document_id') }},
            case section when 'share' then ' 情况说明：' else ' 决算情况说明：' end,
            label, ' ', printed_amount, ' 写占 ',
            cast(stated_percent as varchar), '%，它所占的总数 ',
            {{ format_money('whole_amount', printed_money_unit('printed_amount')) }}, '，重算为 ',
            cast(cast(part_amount * 100 / whole_amount as decimal(9, 2)) as varchar), '%（两数在印刷精度内变动时为 ',
            {{ format_range(
                "cast(cast(lowest_percent as decimal(9, 3)) as varchar) || '%'",
                "cast(cast(highest_percent as decimal(9, 3)) as varchar) || '%'"
            ) }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from bounds
)

{{ select_findings('findings') }}
