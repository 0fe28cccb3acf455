-- Leaf-grain expenditure: leaf code rows of the four function-classified expenditure tables,
-- 基本支出 / 项目支出 columns (not 合计), zero cells omitted. Sums over any column never double count.
with leaf_cells as (
    select
        document_id,
        table_key,
        code,
        code_level,
        measure,
        amount,
        printed_amount,
        line_no,
        row_text,
        column_source
    from {{ ref('int_published_cells') }}
    where
        row_kind = 'code'
        and table_key in ('expenditure', 'general_public', 'government_fund', 'state_capital')
        and is_leaf
        and measure in ('basic', 'project')
        and amount <> 0
)

select
    document_id,
    code as function_code,
    case when table_key = 'expenditure' then 'all' else table_key end as fund_type,
    measure as expenditure_type,
    amount,
    code_level,
    table_key,
    line_no,
    row_text,
    printed_amount,
    column_source
from leaf_cells
