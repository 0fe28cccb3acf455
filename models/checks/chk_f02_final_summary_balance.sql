-- 决算的两张总表：本年收入合计 + 年初结转和结余 + 使用非财政拨款结余 = 总计 = 本年支出合计 + 结余分配 + 年末结转和结余
-- （收入支出决算总表；财政拨款收入支出决算总表的合计列同理），两栏的总计相等。
with cells as (
    select
        document_id,
        table_key,
        side,
        row_kind,
        amount,
        rounding_tolerance,
        line_no
    from {{ ref('fct_published_amount') }}
    where
        table_key in ('financial_summary', 'fiscal_summary')
        and measure = 'total'
        and row_kind in ('total', 'balance', 'grand_total')
),

sides as (
    select
        document_id,
        table_key,
        side,
        sum(amount) filter (where row_kind in ('total', 'balance')) as parts_amount,
        max(amount) filter (where row_kind = 'grand_total') as grand_total,
        sum(rounding_tolerance) as tolerance,
        count(*) filter (where row_kind = 'total') as year_totals,
        max(line_no) filter (where row_kind = 'grand_total') as line_no
    from cells
    group by document_id, table_key, side
),

side_findings as (
    select
        document_id,
        table_key as table_name,
        cast(null as varchar) as code,
        side as measure,
        {{ format_amount('grand_total') }} as expected,
        {{ format_amount('parts_amount') }} as actual,
        grand_total as expected_amount,
        parts_amount as actual_amount,
        {{ amount_severity('parts_amount - grand_total', 'tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ vocabulary_case('table_key', 'tables_final_account') }}, ' ',
            case side
                when 'income' then '本年收入合计 + 年初结转和结余 + 使用非财政拨款结余 = '
                else '本年支出合计 + 结余分配 + 年末结转和结余 = '
            end,
            {{ format_table_money('parts_amount') }}, '，总计印刷 ', {{ format_table_money('grand_total') }},
            '（差 ', {{ format_table_money('parts_amount - grand_total') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from sides
    where grand_total is not null and year_totals > 0
),

grand_findings as (
    select
        income.document_id,
        income.table_key as table_name,
        cast(null as varchar) as code,
        'grand_total' as measure,
        {{ format_amount('income.grand_total') }} as expected,
        {{ format_amount('expenditure.grand_total') }} as actual,
        income.grand_total as expected_amount,
        expenditure.grand_total as actual_amount,
        {{ amount_severity('expenditure.grand_total - income.grand_total') }} as severity,
        concat(
            {{ doc_label('income.document_id') }}, ' ',
            {{ vocabulary_case('income.table_key', 'tables_final_account') }},
            ' 收入总计 ', {{ format_table_money('income.grand_total', 'income.document_id') }},
            '，支出总计 ', {{ format_table_money('expenditure.grand_total', 'expenditure.document_id') }}
        ) as message,
        expenditure.line_no,
        cast(null as varchar) as detail
    from sides as income
    inner join sides as expenditure
        on
            income.document_id = expenditure.document_id
            and income.table_key = expenditure.table_key
            and income.side = 'income'
            and expenditure.side = 'expenditure'
),

findings as (
    select * from side_findings
    union all
    select * from grand_findings
)

{{ select_findings('findings') }}
