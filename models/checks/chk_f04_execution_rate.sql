-- 决算情况说明写的完成率（完成年初预算的Z%）= 支出决算 / 年初预算（两数为万元两位小数：差 0.05 个百分点以内为 info）。
with facts as (
    select
        document_id,
        topic,
        label,
        item_no,
        function_code,
        xiang_name,
        amount,
        prior_amount,
        change_percent as stated_rate,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution' and change_percent is not null and prior_amount > 0
),

computed as (
    select
        *,
        cast(round(amount / prior_amount * 100, 2) as decimal(9, 2)) as computed_rate
    from facts
),

findings as (
    select
        document_id,
        case when label = 'three_public' then 'three_public' else 'general_public' end as table_name,
        function_code as code,
        'execution_rate' as measure,
        cast(computed_rate as varchar) || '%' as expected,
        cast(stated_rate as varchar) || '%' as actual,
        computed_rate as expected_amount,
        stated_rate as actual_amount,
        case
            when stated_rate = computed_rate then null
            when abs(stated_rate - computed_rate) <= 0.05 then 'info'
            else 'error'
        end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            coalesce('第' || cast(item_no as varchar) || '条 ' || xiang_name, label),
            ' 年初预算 ', {{ format_wan('prior_amount') }}, '，支出决算 ', {{ format_wan('amount') }},
            '，完成率应为 ', cast(computed_rate as varchar), '%，却写 ', cast(stated_rate as varchar), '%'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from computed
)

{{ select_findings('findings') }}
