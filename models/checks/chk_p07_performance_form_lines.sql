-- 绩效目标填报表内部：“其中：当年财政拨款”不超过年度资金申请总额；财政资金 + 上年结转资金 + 其他资金 = 项目资金总额。
with forms as (
    select
        document_id,
        item_no,
        max(label) as project_name,
        max(amount) filter (where topic = 'performance_form_total') as total_amount,
        max(amount) filter (where topic = 'performance_form_requested') as requested_amount,
        max(amount) filter (where topic = 'performance_form_current_fiscal') as current_fiscal_amount,
        max(amount) filter (where topic = 'performance_form_fiscal_funds') as fiscal_funds_amount,
        max(amount) filter (where topic = 'performance_form_carryover') as carryover_amount,
        max(amount) filter (where topic = 'performance_form_other') as other_amount,
        min(line_no) filter (where topic = 'performance_form_current_fiscal') as current_fiscal_line,
        min(line_no) filter (where topic = 'performance_form_total') as total_line,
        {{ printed_money_unit('max(printed_amount)') }} as printed_unit
    from {{ ref('fct_narrative_fact') }}
    where section = 'performance_form'
    group by document_id, item_no
),

comparisons as (
    select
        document_id,
        item_no,
        project_name,
        'performance_form_current_fiscal' as measure,
        coalesce(requested_amount, total_amount) as expected_amount,
        current_fiscal_amount as actual_amount,
        current_fiscal_line as line_no,
        case when current_fiscal_amount > coalesce(requested_amount, total_amount) then 'error' end as severity,
        '其中：当年财政拨款' as actual_label,
        printed_unit,
        '年度资金申请总额' as expected_label
    from forms
    where current_fiscal_amount is not null and coalesce(requested_amount, total_amount) is not null
    union all
    select
        document_id,
        item_no,
        project_name,
        'performance_form_total' as measure,
        coalesce(fiscal_funds_amount, 0) + coalesce(carryover_amount, 0) + coalesce(other_amount, 0) as expected_amount,
        total_amount as actual_amount,
        total_line as line_no,
        {{ amount_severity(
            'total_amount - (coalesce(fiscal_funds_amount, 0) + coalesce(carryover_amount, 0) + coalesce(other_amount, 0))'
        ) }} as severity,
        '项目资金总额' as actual_label,
        printed_unit,
        '财政资金 + 上年结转资金 + 其他资金' as expected_label
    from forms
    where total_amount is not null and fiscal_funds_amount is not null
),

findings as (
    select
        document_id,
        'performance_form' as table_name,
        cast(null as varchar) as code,
        measure,
        {{ format_amount('expected_amount') }} as expected,
        {{ format_amount('actual_amount') }} as actual,
        expected_amount,
        actual_amount,
        severity,
        concat(
            {{ doc_label('document_id') }}, ' 绩效目标填报表「', project_name, '」：', actual_label, ' ',
            {{ format_money('actual_amount', 'printed_unit') }}, '，', expected_label, ' ',
            {{ format_money('expected_amount', 'printed_unit') }},
            '（差 ', {{ format_money('actual_amount - expected_amount', 'printed_unit') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from comparisons
)

{{ select_findings('findings') }}
