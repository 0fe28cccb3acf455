-- 预算编制说明列出了全部有财政拨款的科目时，各条金额之和 = 写明的财政拨款支出。
-- 各条与总数都按印刷精度舍入（0.01 万元 ±50 元，整万元 ±5,000 元）：差额在各数半个末位之和以内不报告。
with items as (
    select
        document_id,
        function_code,
        amount,
        {{ printed_step('printed_amount') }} / 2 as half_step
    from {{ ref('fct_narrative_fact') }}
    where topic = 'item' and amount is not null
),

fiscal_leaves as (
    select distinct
        document_id,
        function_code
    from {{ ref('fct_expenditure') }}
    where fund_type in ('general_public', 'government_fund', 'state_capital') and amount <> 0
),

uncovered_documents as (
    select distinct fiscal_leaves.document_id
    from fiscal_leaves
    where not exists (
        select 1
        from items
        where
            items.document_id = fiscal_leaves.document_id
            and starts_with(fiscal_leaves.function_code, items.function_code)
    )
),

item_sums as (
    select
        document_id,
        sum(amount) as items_amount,
        count(*) as item_count,
        count(function_code) as resolved_count,
        sum(half_step) as items_precision
    from items
    group by document_id
),

stated_totals as (
    select
        document_id,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'explanation' and topic = 'fiscal_expenditure' and amount is not null
),

compared as (
    select
        stated_totals.document_id,
        stated_totals.amount as stated_amount,
        stated_totals.printed_amount,
        stated_totals.line_no,
        item_sums.items_amount,
        item_sums.item_count,
        item_sums.items_precision + {{ printed_step('stated_totals.printed_amount') }} / 2 as printed_precision
    from stated_totals
    inner join item_sums
        on stated_totals.document_id = item_sums.document_id
    where
        item_sums.resolved_count = item_sums.item_count
        and stated_totals.document_id not in (select uncovered.document_id from uncovered_documents as uncovered)
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        'fiscal_expenditure' as measure,
        {{ format_amount('stated_amount') }} as expected,
        {{ format_amount('items_amount') }} as actual,
        stated_amount as expected_amount,
        items_amount as actual_amount,
        case when abs(items_amount - stated_amount) > printed_precision then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：财政拨款支出主要内容 ', cast(item_count as varchar),
            ' 条合计 ', {{ format_wan('items_amount') }}, '，而写明的财政拨款支出为 ', printed_amount,
            '（差 ', {{ format_money('items_amount - stated_amount', printed_money_unit('printed_amount')) }},
            '；印刷精度 ±', {{ format_money('printed_precision', printed_money_unit('printed_amount')) }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
