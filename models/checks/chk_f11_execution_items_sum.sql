-- 决算情况说明逐项条目之和 = 一般公共预算财政拨款支出的合计条目（年初预算与支出决算两个数各比一次），只在条目
-- 列全一般公共预算财政拨款支出决算表的每一个非零的项时比较（否则条目只是其中一部分）。每条万元舍入 ±50 元以内为 info。
with items as (
    select
        document_id,
        count(*) as item_count,
        count(distinct function_code) as resolved_codes,
        sum(prior_amount) as budget_sum,
        sum(amount) as final_sum
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution' and topic = 'execution_item'
    group by document_id
),

totals as (
    select
        document_id,
        prior_amount as budget_total,
        amount as final_total,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution' and topic = 'execution_total' and label = 'general_public'
),

table_items as (
    select
        document_id,
        count(distinct code) as printed_codes
    from {{ ref('fct_published_amount') }}
    where table_key = 'general_public' and row_kind = 'code' and is_leaf and measure = 'total' and amount <> 0
    group by document_id
),

complete_documents as (
    select
        totals.document_id,
        totals.line_no,
        totals.budget_total,
        totals.final_total,
        items.item_count,
        items.budget_sum,
        items.final_sum
    from totals
    inner join items
        on totals.document_id = items.document_id
    inner join table_items
        on
            totals.document_id = table_items.document_id
            and items.resolved_codes = table_items.printed_codes
            and items.item_count = table_items.printed_codes
),

compared as (
    select
        document_id,
        line_no,
        item_count,
        'budget' as figure,
        budget_sum as item_sum,
        budget_total as stated_total
    from complete_documents
    union all
    select
        document_id,
        line_no,
        item_count,
        'final' as figure,
        final_sum as item_sum,
        final_total as stated_total
    from complete_documents
),

findings as (
    select
        document_id,
        'general_public' as table_name,
        cast(null as varchar) as code,
        figure as measure,
        {{ format_amount('stated_total') }} as expected,
        {{ format_amount('item_sum') }} as actual,
        stated_total as expected_amount,
        item_sum as actual_amount,
        {{ amount_severity('item_sum - stated_total', '50 * item_count') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：', cast(item_count as varchar), ' 条逐项的',
            case figure when 'budget' then '年初预算' else '支出决算' end, '之和 ', {{ format_wan('item_sum') }},
            '，合计条目写 ', {{ format_wan('stated_total') }}, '（差 ', {{ format_wan('item_sum - stated_total') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
