-- 财政拨款支出的增减额 = 一般公共预算、政府性基金、国有资本经营预算三类拨款支出增减额之和（三类都写明时）；
-- 同样，一个类写的增减额 = 其下各项写的增减额之和（江苏情况说明：类在第一部分，项在财政拨款支出部分；类名
-- 去掉末尾“支出”后相同；其下每一项都写明增减或“与上年一致”时）。
-- 每个增减额按其所在句的数的印刷精度舍入：差额在各数半个末位之和以内为 info。
with changes as (
    select
        document_id,
        topic,
        {{ signed_change('change_direction', 'change_amount') }} as signed_change,
        {{ printed_step('printed_amount') }} / 2 as half_step,
        {{ printed_money_unit('printed_amount') }} as printed_unit,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section = 'explanation'
        and change_amount is not null
        and topic in (
            'fiscal_expenditure', 'general_public_expenditure', 'government_fund_expenditure',
            'state_capital_expenditure'
        )
),

class_items as (
    select
        document_id,
        topic,
        regexp_replace(class_name, '支出$', '') as class_key,
        label,
        function_code,
        change_amount,
        {{ signed_change('change_direction', 'change_amount') }} as signed_change,
        {{ printed_step('printed_amount') }} / 2 as half_step,
        {{ printed_money_unit('printed_amount') }} as printed_unit,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'explanation' and topic in ('class_expenditure', 'item') and class_name <> ''
),

item_sums as (
    select
        document_id,
        class_key,
        sum(signed_change) as items_change,
        sum(half_step) as items_precision,
        left(min(function_code), 3) as class_code,
        count(*) as item_count,
        count(change_amount) as changed_count
    from class_items
    where topic = 'item'
    group by document_id, class_key
),

class_compared as (
    select
        classes.document_id,
        item_sums.class_code,
        classes.label,
        classes.signed_change as class_change,
        item_sums.items_change,
        item_sums.item_count,
        item_sums.items_precision + classes.half_step as printed_precision,
        classes.printed_unit,
        classes.line_no
    from class_items as classes
    inner join item_sums
        on classes.document_id = item_sums.document_id and classes.class_key = item_sums.class_key
    where
        classes.topic = 'class_expenditure'
        and classes.change_amount is not null
        and item_sums.changed_count = item_sums.item_count
),

fund_sums as (
    select
        document_id,
        sum(signed_change) as funds_change,
        sum(half_step) as funds_precision,
        count(*) as fund_count
    from changes
    where topic <> 'fiscal_expenditure'
    group by document_id
),

compared as (
    select
        fiscal.document_id,
        fiscal.signed_change as fiscal_change,
        fund_sums.funds_change,
        fund_sums.funds_precision + fiscal.half_step as printed_precision,
        fiscal.printed_unit,
        fiscal.line_no
    from changes as fiscal
    inner join fund_sums
        on fiscal.document_id = fund_sums.document_id
    where fiscal.topic = 'fiscal_expenditure' and fund_sums.fund_count = 3
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        'change_amount' as measure,
        {{ format_amount('fiscal_change') }} as expected,
        {{ format_amount('funds_change') }} as actual,
        fiscal_change as expected_amount,
        funds_change as actual_amount,
        {{ amount_severity('funds_change - fiscal_change', 'printed_precision') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：财政拨款支出比上年增减 ',
            {{ format_money('fiscal_change', 'printed_unit') }},
            '，而一般公共预算、政府性基金、国有资本经营预算三类拨款支出写出的增减额之和为 ',
            {{ format_money('funds_change', 'printed_unit') }}, '（差 ',
            {{ format_money('funds_change - fiscal_change', 'printed_unit') }},
            '；印刷精度 ±', {{ format_money('printed_precision', 'printed_unit') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
    union all
    select
        document_id,
        -- the items' sum needs the whole item list: keyed by it, a list the ingest found incomplete (I01 on
        -- explanation_items) makes this comparison "not checked", never the document's error
        'explanation_items' as table_name,
        class_code as code,
        'change_amount' as measure,
        {{ format_amount('class_change') }} as expected,
        {{ format_amount('items_change') }} as actual,
        class_change as expected_amount,
        items_change as actual_amount,
        {{ amount_severity('items_change - class_change', 'printed_precision') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 情况说明：', label, '比上年增减 ',
            {{ format_money('class_change', 'printed_unit') }},
            '，而其下 ', cast(item_count as varchar), ' 项写出的增减额之和为 ',
            {{ format_money('items_change', 'printed_unit') }},
            '（差 ', {{ format_money('items_change - class_change', 'printed_unit') }}, '；印刷精度 ±',
            {{ format_money('printed_precision', 'printed_unit') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from class_compared
)

{{ select_findings('findings') }}
