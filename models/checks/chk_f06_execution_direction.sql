-- 决算情况说明写的方向（决算数小于 / 大于预算数、基本持平）与两数相符（三公条目同样）。
-- “基本持平”容许相差年初预算的 {{ var('execution_flat_share', 0.05) }} 以内。
with facts as (
    select
        document_id,
        label,
        item_no,
        function_code,
        xiang_name,
        amount,
        prior_amount,
        change_direction,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution' and change_direction in ('increase', 'decrease', 'flat')
),

findings as (
    select
        document_id,
        case when label = 'three_public' then 'three_public' else 'general_public' end as table_name,
        function_code as code,
        'direction' as measure,
        case
            when amount < prior_amount then 'decrease'
            when amount > prior_amount then 'increase'
            else 'flat'
        end as expected,
        change_direction as actual,
        prior_amount as expected_amount,
        amount as actual_amount,
        case
            when change_direction = 'decrease' and amount >= prior_amount then 'error'
            when change_direction = 'increase' and amount <= prior_amount then 'error'
            when
                change_direction = 'flat'
                and abs(amount - prior_amount) > {{ var('execution_flat_share', 0.05) }} * prior_amount
                then 'warning'
        end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            coalesce('第' || cast(item_no as varchar) || '条 ' || xiang_name, label),
            ' 写“', case change_direction
                when 'decrease' then '决算数小于预算数'
                when 'increase' then '决算数大于预算数'
                else '基本持平'
            end, '”，而年初预算 ', {{ format_wan('prior_amount') }}, '，支出决算 ', {{ format_wan('amount') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from facts
)

{{ select_findings('findings') }}
