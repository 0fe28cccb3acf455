-- 机关运行经费（三公表）不超过经济分类表的公用经费合计（机关运行经费是一般公共预算基本支出中的日常公用经费）。
-- 万元表印的机关运行经费等于公用经费舍入到 0.01 万元时不报告。
with operation_funds as (
    select
        document_id,
        amount,
        rounding_tolerance,
        line_no
    from {{ ref('int_document_figures') }}
    where figure = 'operation_fund' and is_printed
),

public_funds as (
    select
        document_id,
        amount
    from {{ ref('int_document_figures') }}
    where figure = 'public_funds'
),

compared as (
    select
        operation_funds.document_id,
        operation_funds.amount as operation_amount,
        public_funds.amount as public_amount,
        operation_funds.rounding_tolerance,
        operation_funds.line_no
    from operation_funds
    inner join public_funds
        on operation_funds.document_id = public_funds.document_id
    where operation_funds.amount > public_funds.amount
),

findings as (
    select
        document_id,
        'three_public' as table_name,
        cast(null as varchar) as code,
        'operation_fund' as measure,
        {{ format_amount('public_amount') }} as expected,
        {{ format_amount('operation_amount') }} as actual,
        public_amount as expected_amount,
        operation_amount as actual_amount,
        {{ stated_severity('operation_amount', 'public_amount', 'rounding_tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label("'three_public'", 'document_id') }},
            ': 机关运行经费 ', {{ format_table_money('operation_amount') }},
            '，超过', {{ table_label("'basic_economic'", 'document_id') }}, ' 公用经费合计 ',
            {{ format_table_money('public_amount') }},
            '（差 ', {{ format_table_money('operation_amount - public_amount') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
