-- Leaf-grain expenditure: leaf code rows of the four function-classified expenditure tables,
-- 基本支出 / 项目支出 columns (not 合计), and in a final account's 支出决算表 also 上缴上级支出 / 经营支出 /
-- 对附属单位补助支出; zero cells omitted. Sums over any column never double count.
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
    from {{ ref('int_coded_amounts') }}
    where
        table_key in ('expenditure', 'general_public', 'government_fund', 'state_capital')
        and is_leaf
        and (
            measure in ('basic', 'project')
            or (table_key = 'expenditure' and measure in ('to_superior', 'operating_expenditure', 'to_subordinates'))
        )
        and amount <> 0
)

select
    document_id,
    code as function_code,
    case when table_key = 'expenditure' then 'all' else table_key end as fund_type,
    case measure when 'operating_expenditure' then 'operating' else measure end as expenditure_type,
    amount,
    code_level,
    table_key,
    line_no,
    row_text,
    printed_amount,
    column_source
from leaf_cells
