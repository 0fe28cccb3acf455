-- 决算：一般公共预算财政拨款基本支出决算表 人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表 基本支出合计。
with economic_totals as (
    select
        document_id,
        sum(amount) as amount,
        sum(rounding_tolerance) as tolerance,
        max(line_no) as line_no
    from {{ ref('fct_published_amount') }}
    where table_key = 'basic_economic' and row_kind = 'total' and measure in ('personnel', 'public')
    group by document_id
),

basic_totals as (
    select
        document_id,
        amount,
        rounding_tolerance
    from {{ ref('fct_published_amount') }}
    where table_key = 'general_public' and row_kind = 'total' and measure = 'basic'
),

findings as (
    select
        economic_totals.document_id,
        'basic_economic' as table_name,
        cast(null as varchar) as code,
        'total' as measure,
        {{ format_amount('basic_totals.amount') }} as expected,
        {{ format_amount('economic_totals.amount') }} as actual,
        basic_totals.amount as expected_amount,
        economic_totals.amount as actual_amount,
        {{ amount_severity(
            'economic_totals.amount - basic_totals.amount',
            'economic_totals.tolerance + basic_totals.rounding_tolerance'
        ) }} as severity,
        concat(
            {{ doc_label('economic_totals.document_id') }}, ' 一般公共预算财政拨款基本支出决算表 人员经费合计 + 公用经费合计 ',
            {{ format_table_money('economic_totals.amount', 'economic_totals.document_id') }},
            '，一般公共预算财政拨款支出决算表 基本支出合计 ',
            {{ format_table_money('basic_totals.amount', 'economic_totals.document_id') }}
        ) as message,
        economic_totals.line_no,
        cast(null as varchar) as detail
    from economic_totals
    inner join basic_totals
        on economic_totals.document_id = basic_totals.document_id
)

{{ select_findings('findings') }}
