-- 条目中再次写出的“YYYY年预算安排X万元”= 条目开头的金额。
with items as (
    select
        facts.document_id,
        facts.item_no,
        facts.label,
        facts.function_code,
        facts.amount,
        facts.restated_amount,
        facts.line_no,
        amounts.fiscal_amount
    from {{ ref('fct_narrative_fact') }} as facts
    left join {{ ref('int_function_amounts') }} as amounts
        on
            facts.document_id = amounts.document_id
            and facts.function_code = amounts.code
    where facts.topic = 'item' and facts.amount is not null and facts.restated_amount is not null
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        function_code as code,
        'restated_amount' as measure,
        {{ format_amount('amount') }} as expected,
        {{ format_amount('restated_amount') }} as actual,
        amount as expected_amount,
        restated_amount as actual_amount,
        {{ amount_severity('restated_amount - amount') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：第', cast(item_no as varchar), '条 “', label, '” 开头写 ',
            {{ format_wan('amount') }}, '，后文写“预算安排', {{ format_wan('restated_amount') }}, '”（差 ',
            {{ format_wan('restated_amount - amount') }}, '）'
        ) as message,
        line_no,
        case
            when fiscal_amount is not null then concat('表中财政拨款 ', {{ format_table_money('fiscal_amount') }})
        end as detail
    from items
)

{{ select_findings('findings') }}
