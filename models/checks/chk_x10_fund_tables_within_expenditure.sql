-- 三张财政拨款支出功能分类表之和不超过支出预算总表（全部资金）：每个科目、每一列（合计、基本、项目）。
with fund_cells as (
    select
        document_id,
        code,
        measure,
        sum(amount) as fund_amount,
        sum(rounding_tolerance) as fund_rounding,
        min(line_no) as line_no
    from {{ ref('fct_published_amount') }}
    where
        table_key in ('general_public', 'government_fund', 'state_capital')
        and row_kind = 'code'
        and {{ documents_printing("table_key = 'expenditure' and row_kind = 'code'") }}
    group by document_id, code, measure
),

all_fund_cells as (
    select
        document_id,
        code,
        measure,
        sum(amount) as all_amount,
        sum(rounding_tolerance) as all_rounding
    from {{ ref('fct_published_amount') }}
    where table_key = 'expenditure' and row_kind = 'code'
    group by document_id, code, measure
),

compared as (
    select
        fund_cells.document_id,
        fund_cells.code,
        fund_cells.measure,
        fund_cells.fund_amount,
        coalesce(all_fund_cells.all_amount, 0) as all_amount,
        fund_cells.fund_rounding + coalesce(all_fund_cells.all_rounding, 0) as rounding,
        fund_cells.line_no
    from fund_cells
    left join all_fund_cells
        on
            fund_cells.document_id = all_fund_cells.document_id
            and fund_cells.code = all_fund_cells.code
            and fund_cells.measure = all_fund_cells.measure
    where fund_cells.fund_amount > coalesce(all_fund_cells.all_amount, 0)
),

findings as (
    select
        document_id,
        'general_public' as table_name,
        code,
        measure,
        {{ format_amount('all_amount') }} as expected,
        {{ format_amount('fund_amount') }} as actual,
        all_amount as expected_amount,
        fund_amount as actual_amount,
        {{ amount_severity('fund_amount - all_amount', 'rounding') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ vocabulary_case('measure', 'measures') }}, ' ',
            {{ code_level('code') }}, ' ', code,
            ': 三张财政拨款支出表合计 ', {{ format_table_money('fund_amount') }},
            '，超过', {{ table_label("'expenditure'", 'document_id') }}, '（全部资金） ', {{ format_table_money('all_amount') }},
            '（差 ', {{ format_table_money('fund_amount - all_amount') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
