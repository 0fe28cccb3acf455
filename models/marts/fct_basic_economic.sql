-- Leaf-grain basic expenditure by economic classification (normally 款) and cost type, zero cells omitted.
with leaf_cells as (
    select
        document_id,
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
        and table_key = 'basic_economic'
        and is_leaf
        and measure in ('personnel', 'public')
        and amount <> 0
)

select
    document_id,
    code as economic_code,
    measure as cost_type,
    amount,
    code_level,
    line_no,
    row_text,
    printed_amount,
    column_source
from leaf_cells
