-- 结转和结余 of a final account, as its two summary tables print them (the 合计 / 决算数 column):
--   fund_type 'all'    收入支出决算总表 (年初结转和结余, 使用非财政拨款结余, 结余分配, 年末结转和结余)
--   fund_type 'fiscal' 财政拨款收入支出决算总表 (年初 / 年末财政拨款结转和结余)
-- Blank cells leave no row. The by-fund breakdown printed under a balance stays in fct_published_amount.
with balance_cells as (
    select
        document_id,
        table_key,
        code as item,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        row_text
    from {{ ref('stg_amounts') }}
    where
        row_kind = 'balance'
        and measure = 'total'
        and table_key in ('financial_summary', 'fiscal_summary')
)

select
    document_id,
    case table_key when 'financial_summary' then 'all' else 'fiscal' end as fund_type,
    item,
    amount,
    printed_amount,
    printed_unit,
    table_key,
    line_no,
    row_text
from balance_cells
