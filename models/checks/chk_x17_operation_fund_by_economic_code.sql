-- 一般公共预算机关运行经费支出预算表每个经济科目款 ≤ 一般公共预算基本支出预算表同一款（机关运行经费是一般公共
-- 预算基本支出中的公用经费；江苏模板的基本支出表每款只印一个金额，是该模板最接近“公用经费”的数）。
-- warning：出版方可按另一口径编制机关运行经费表（须在说明中交代）。
with operation_funds as (
    select
        document_id,
        code,
        row_label,
        amount,
        rounding_tolerance,
        line_no
    from {{ ref('fct_published_amount') }}
    where table_key = 'operation_fund_economic' and row_kind = 'code' and code_level = '款' and measure = 'total'
),

basic_funds as (
    select
        document_id,
        code,
        sum(amount) as amount,
        sum(rounding_tolerance) as rounding_tolerance
    from {{ ref('fct_published_amount') }}
    where table_key = 'basic_economic' and row_kind = 'code' and code_level = '款' and measure = 'total'
    group by document_id, code
),

-- Only documents printing the basic table are compared (a code it omits is then a real excess).
documents_with_basic as (
    select distinct document_id
    from basic_funds
),

compared as (
    select
        operation_funds.document_id,
        operation_funds.code,
        operation_funds.row_label,
        operation_funds.amount as operation_amount,
        coalesce(basic_funds.amount, 0) as basic_amount,
        basic_funds.amount is null as basic_missing,
        operation_funds.rounding_tolerance + coalesce(basic_funds.rounding_tolerance, 0) as rounding,
        operation_funds.line_no
    from operation_funds
    inner join documents_with_basic
        on operation_funds.document_id = documents_with_basic.document_id
    left join basic_funds
        on
            operation_funds.document_id = basic_funds.document_id
            and operation_funds.code = basic_funds.code
    where operation_funds.amount > coalesce(basic_funds.amount, 0)
),

findings as (
    select
        document_id,
        'operation_fund_economic' as table_name,
        code,
        'total' as measure,
        case when basic_missing then '未印刷' else {{ format_amount('basic_amount') }} end as expected,
        {{ format_amount('operation_amount') }} as actual,
        basic_amount as expected_amount,
        operation_amount as actual_amount,
        {{ amount_severity('operation_amount - basic_amount', 'rounding', beyond='warning') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label("'operation_fund_economic'") }}, ': ',
            concat_ws(' ', code, row_label), ' 机关运行经费 ', {{ format_table_money('operation_amount') }},
            '，超过一般公共预算基本支出预算表同款 ',
            case when basic_missing then '（未印此款）' else {{ format_table_money('basic_amount') }} end,
            '（差 ', {{ format_table_money('operation_amount - basic_amount') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
