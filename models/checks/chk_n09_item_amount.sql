-- 预算编制说明“财政拨款支出主要内容”每一条的金额 = 表中该科目的财政拨款数（三张财政拨款支出功能分类表的合计）。
with items as (
    select
        facts.document_id,
        facts.item_no,
        facts.label,
        facts.function_code,
        facts.amount,
        facts.printed_amount,
        facts.line_no,
        amounts.fiscal_amount,
        amounts.all_funds_amount,
        coalesce(amounts.rounding_tolerance, 0) as rounding_tolerance
    from {{ ref('fct_narrative_fact') }} as facts
    inner join {{ ref('int_function_amounts') }} as amounts
        on
            facts.document_id = amounts.document_id
            and facts.function_code = amounts.code
    where facts.topic = 'item' and facts.amount is not null and amounts.fiscal_amount is not null
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        function_code as code,
        'item' as measure,
        {{ format_amount('fiscal_amount') }} as expected,
        {{ format_amount('amount') }} as actual,
        fiscal_amount as expected_amount,
        amount as actual_amount,
        {{ precision_severity('amount', 'fiscal_amount', 'printed_amount', 'rounding_tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 预算编制说明：第', cast(item_no as varchar), '条 “', label, '” 写 ',
            printed_amount, {{ stated_in_table_unit('amount', 'printed_amount') }}, '，表中 ',
            {{ code_level('function_code') }}, ' ', function_code, ' 财政拨款 ', {{ format_table_money('fiscal_amount') }},
            '（差 ', {{ format_table_money('amount - fiscal_amount') }}, '）',
            {{ precision_note('printed_amount', 'rounding_tolerance', document_unit()) }}
        ) as message,
        line_no,
        case
            when
                all_funds_amount is not null and all_funds_amount <> fiscal_amount
                and {{ precision_severity(
                    'amount', 'all_funds_amount', 'printed_amount', 'rounding_tolerance'
                ) }} is null
                then concat('与支出预算总表（全部资金，含非财政拨款）合计 ', {{ format_table_money('all_funds_amount') }}, ' 一致')
        end as detail
    from items
)

{{ select_findings('findings') }}
